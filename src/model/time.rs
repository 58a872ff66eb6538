//! Timestamps as the server sends them: RFC 3339, `Z` or `+00:00`, fraction optional. Read
//! and written here in a few lines of calendar arithmetic (no date library in the wasm);
//! showing them to people is the browser's `Intl` (see `ui::intl`).

use crate::prelude::*;

use crate::json::{JsonWriter, ToJson};
use core::fmt;

/// A point in time (UTC), to the nanosecond (the default is the Unix epoch).
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    seconds: i64,
    nanos: u32,
}

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date of a day count from 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Within 1..=12 and 1..=31 by construction.
    (year, month as u32, day as u32)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads `count` ASCII digits.
fn digits(bytes: &[u8], count: usize) -> Option<u32> {
    let part = bytes.get(..count)?;
    part.iter().try_fold(0u32, |value, byte| byte.is_ascii_digit().then(|| value * 10 + u32::from(byte - b'0')))
}

fn expect(bytes: &[u8], at: usize, options: &[u8]) -> Option<()> {
    options.contains(bytes.get(at)?).then_some(())
}

impl Timestamp {
    /// Parses an RFC 3339 date-time (`2018-01-11T19:41:50.451396Z`,
    /// `2025-06-13T10:11:12+00:00`); `None` when it is not one.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = text.trim().as_bytes();
        let year = digits(bytes, 4)?;
        expect(bytes, 4, b"-")?;
        let month = digits(bytes.get(5..)?, 2)?;
        expect(bytes, 7, b"-")?;
        let day = digits(bytes.get(8..)?, 2)?;
        expect(bytes, 10, b"Tt ")?;
        let hour = digits(bytes.get(11..)?, 2)?;
        expect(bytes, 13, b":")?;
        let minute = digits(bytes.get(14..)?, 2)?;
        expect(bytes, 16, b":")?;
        let second = digits(bytes.get(17..)?, 2)?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(i64::from(year), month) {
            return None;
        }
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut rest = bytes.get(19..)?;
        let mut nanos = 0u32;
        if let Some((b'.', fraction)) = rest.split_first() {
            let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            if count == 0 {
                return None;
            }
            // The first nine digits, as nanoseconds; the rest are below what is kept.
            for place in 0..9 {
                nanos = nanos * 10 + fraction.get(place).filter(|_| place < count).map_or(0, |d| u32::from(d - b'0'));
            }
            rest = fraction.get(count..)?;
        }
        let offset_seconds = match rest {
            [b'Z' | b'z'] => 0i64,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let hours = digits(&[*h1, *h2], 2)?;
                let minutes = digits(&[*m1, *m2], 2)?;
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let offset = i64::from(hours * 3600 + minutes * 60);
                if *sign == b'-' {
                    -offset
                } else {
                    offset
                }
            }
            _ => return None,
        };
        let days = days_from_civil(i64::from(year), month, day);
        let seconds = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset_seconds;
        Some(Timestamp { seconds, nanos })
    }

    /// Milliseconds since the Unix epoch.
    pub fn unix_millis(&self) -> i64 {
        self.seconds.saturating_mul(1000).saturating_add(i64::from(self.nanos / 1_000_000))
    }

    /// A timestamp from milliseconds since the Unix epoch (UTC); `None` outside years 0-9999.
    pub fn from_unix_millis(millis: i64) -> Option<Self> {
        let stamp = Timestamp { seconds: millis.div_euclid(1000), nanos: (millis.rem_euclid(1000) as u32) * 1_000_000 };
        let (year, _, _) = civil_from_days(stamp.seconds.div_euclid(86_400));
        (0..=9999).contains(&year).then_some(stamp)
    }

    /// Whole seconds since the Unix epoch.
    pub fn unix_seconds(&self) -> i64 {
        self.seconds
    }

    /// The nanoseconds within the second.
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// RFC 3339 text in UTC with a `Z` suffix and the fraction without trailing zeros
    /// (`2025-06-13T10:11:12.123456Z`).
    pub fn to_rfc3339(&self) -> String {
        let (year, month, day) = civil_from_days(self.seconds.div_euclid(86_400));
        let second_of_day = self.seconds.rem_euclid(86_400);
        let mut out = String::with_capacity(32);
        if year < 0 {
            out.push('-');
        }
        let two = |out: &mut String, value: u64| {
            out.push(char::from(b'0' + (value / 10 % 10) as u8));
            out.push(char::from(b'0' + (value % 10) as u8));
        };
        let year = year.unsigned_abs();
        two(&mut out, year / 100);
        two(&mut out, year % 100);
        out.push('-');
        two(&mut out, u64::from(month));
        out.push('-');
        two(&mut out, u64::from(day));
        out.push('T');
        two(&mut out, (second_of_day / 3600) as u64);
        out.push(':');
        two(&mut out, (second_of_day / 60 % 60) as u64);
        out.push(':');
        two(&mut out, (second_of_day % 60) as u64);
        if self.nanos > 0 {
            out.push('.');
            let mut nanos = self.nanos;
            let mut divisor = 100_000_000;
            while nanos > 0 && divisor > 0 {
                out.push(char::from(b'0' + (nanos / divisor) as u8));
                nanos %= divisor;
                divisor /= 10;
            }
        }
        out.push('Z');
        out
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Timestamp(")?;
        f.write_str(&self.to_rfc3339())?;
        f.write_str(")")
    }
}

impl ToJson for Timestamp {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(&self.to_rfc3339());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_spelling_the_server_uses() {
        let cases = [
            ("2018-01-11T19:41:50.451396Z", 1_515_699_710_451, "2018-01-11T19:41:50.451396Z"),
            ("2025-06-13T10:11:12.123456+00:00", 1_749_809_472_123, "2025-06-13T10:11:12.123456Z"),
            ("2025-06-13T10:11:15+00:00", 1_749_809_475_000, "2025-06-13T10:11:15Z"),
            ("2025-06-13T12:11:12.5+02:00", 1_749_809_472_500, "2025-06-13T10:11:12.5Z"),
            ("1969-12-31T23:59:59.999-00:30", 1_799_999, "1970-01-01T00:29:59.999Z"),
            ("2024-02-29T00:00:00Z", 1_709_164_800_000, "2024-02-29T00:00:00Z"),
        ];
        for (text, millis, written) in cases {
            let stamp = Timestamp::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(stamp.unix_millis(), millis, "{text}");
            assert_eq!(stamp.to_rfc3339(), written, "{text}");
            assert_eq!(Timestamp::parse(&stamp.to_rfc3339()), Some(stamp));
        }
    }

    #[test]
    fn refuses_what_is_not_rfc_3339() {
        for text in [
            "",
            "2025-06-13",
            "2025-06-13T10:11:12",
            "2025-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2025-06-13T24:00:00Z",
            "2025-06-13T10:11:12.Z",
            "2025-06-13T10:11:12+0000",
            "2025-06-13T10:11:12+24:00",
            "20x5-06-13T10:11:12Z",
            "2025-06-13T10:11:12Zjunk",
        ] {
            assert_eq!(Timestamp::parse(text), None, "{text}");
        }
    }

    #[test]
    fn civil_round_trip_over_the_range() {
        for days in (-800_000i64..800_000).step_by(97) {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_from_civil(year, month, day), days);
        }
        assert_eq!(Timestamp::from_unix_millis(0).map(|t| t.to_rfc3339()).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(Timestamp::from_unix_millis(i64::MAX), None);
    }
}
