//! How values read to people, as pure choices the components and elements share: which unit a
//! relative time is counted in, and the colour family of a state. The words themselves come
//! from the message catalog and the browser's `Intl` (see `ui::i18n`).

use crate::model::{MigrationState, ResourceState};

/// A unit of a relative time, as `Intl.RelativeTimeFormat` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    /// Seconds (only "now" is shown: under 45 s).
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Months (30 days).
    Month,
    /// Years (365 days).
    Year,
}

impl TimeUnit {
    /// `second`, `minute`, ... for `Intl.RelativeTimeFormat`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Second => "second",
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
        }
    }
}

/// How far `then_ms` is from `now_ms`, rounded the way people say it: (amount, unit), the
/// amount negative in the past (`-5, Minute` is "5 minutes ago"); 0 seconds under 45 s.
pub fn relative_time(then_ms: i64, now_ms: i64) -> (i64, TimeUnit) {
    let delta = then_ms.saturating_sub(now_ms);
    let seconds = delta.unsigned_abs() / 1000;
    let (amount, unit) = match seconds {
        s if s < 45 => (0, TimeUnit::Second),
        s if s < 90 => (1, TimeUnit::Minute),
        s if s < 45 * 60 => (((s + 30) / 60).max(2), TimeUnit::Minute),
        s if s < 90 * 60 => (1, TimeUnit::Hour),
        s if s < 22 * 3600 => ((s + 1800) / 3600, TimeUnit::Hour),
        s if s < 36 * 3600 => (1, TimeUnit::Day),
        s if s < 26 * 86_400 => ((s + 43_200) / 86_400, TimeUnit::Day),
        s if s < 45 * 86_400 => (1, TimeUnit::Month),
        s if s < 320 * 86_400 => ((s + 15 * 86_400) / (30 * 86_400), TimeUnit::Month),
        s if s < 548 * 86_400 => (1, TimeUnit::Year),
        s => ((s + 182 * 86_400) / (365 * 86_400), TimeUnit::Year),
    };
    // At most about 2.9e11 years: fits.
    let amount = i64::try_from(amount).unwrap_or(i64::MAX);
    (if delta < 0 { -amount } else { amount }, unit)
}

/// The colour family of a state badge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    /// Scheduled or running.
    Progress,
    /// Done.
    Success,
    /// Failed.
    Danger,
    /// Gone or going.
    Muted,
    /// Not known to this library.
    #[default]
    Unknown,
}

impl Tone {
    /// The badge's classes (`wm-badge wm-badge--progress`).
    pub fn class(&self) -> &'static str {
        match self {
            Tone::Progress => "wm-badge wm-badge--progress",
            Tone::Success => "wm-badge wm-badge--success",
            Tone::Danger => "wm-badge wm-badge--danger",
            Tone::Muted => "wm-badge wm-badge--muted",
            Tone::Unknown => "wm-badge wm-badge--unknown",
        }
    }
}

/// The tone of a migration state.
pub fn migration_tone(state: &MigrationState) -> Tone {
    match state {
        MigrationState::Ok => Tone::Success,
        MigrationState::Erred => Tone::Danger,
        MigrationState::Unknown(_) => Tone::Unknown,
        MigrationState::DeletionScheduled | MigrationState::Deleting => Tone::Muted,
        _ => Tone::Progress,
    }
}

/// The tone of a destination resource state.
pub fn resource_tone(state: &ResourceState) -> Tone {
    match state {
        ResourceState::Ok => Tone::Success,
        ResourceState::Erred => Tone::Danger,
        ResourceState::Creating | ResourceState::Updating => Tone::Progress,
        ResourceState::Terminating | ResourceState::Terminated => Tone::Muted,
        ResourceState::Unknown(_) => Tone::Unknown,
    }
}

/// The English label (the catalog key) of a destination resource state.
pub fn resource_label(state: &ResourceState) -> &str {
    match state {
        ResourceState::Unknown(text) if text.is_empty() => "Unknown",
        other => other.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;
    const HOUR: i64 = 60 * MIN;
    const DAY: i64 = 24 * HOUR;

    #[test]
    fn relative_times() {
        let now = 1_700_000_000_000;
        use TimeUnit::*;
        for (ago, expected) in [
            (0, (0, Second)),
            (30_000, (0, Second)),
            (60_000, (-1, Minute)),
            (5 * MIN, (-5, Minute)),
            (44 * MIN, (-44, Minute)),
            (60 * MIN, (-1, Hour)),
            (5 * HOUR, (-5, Hour)),
            (30 * HOUR, (-1, Day)),
            (3 * DAY, (-3, Day)),
            (40 * DAY, (-1, Month)),
            (100 * DAY, (-3, Month)),
            (400 * DAY, (-1, Year)),
            (800 * DAY, (-2, Year)),
        ] {
            assert_eq!(relative_time(now - ago, now), expected, "{ago}");
        }
        assert_eq!(relative_time(now + 2 * HOUR, now), (2, Hour));
        assert!(relative_time(i64::MIN, i64::MAX).0 < 0, "extremes do not overflow");
        assert!(relative_time(i64::MAX, i64::MIN).0 > 0);
    }

    #[test]
    fn tones() {
        assert_eq!(migration_tone(&MigrationState::Creating), Tone::Progress);
        assert_eq!(migration_tone(&MigrationState::Erred), Tone::Danger);
        assert_eq!(migration_tone(&MigrationState::Unknown("X".into())), Tone::Unknown);
        assert_eq!(resource_tone(&ResourceState::Terminated), Tone::Muted);
        assert_eq!(Tone::Success.class(), "wm-badge wm-badge--success");
    }
}
