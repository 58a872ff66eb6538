//! Compact JSON text, written by hand: request bodies and the values handed to JS (which
//! `JSON.parse` turns into plain objects in one pass of the engine's parser).

use crate::prelude::*;

/// Something that writes itself as JSON.
pub trait ToJson {
    /// Appends the JSON of `self`.
    fn write_json(&self, out: &mut JsonWriter);
}

/// A JSON text being written. Commas are placed by the writer; callers open and close objects
/// and arrays and name members.
#[derive(Debug, Default)]
pub struct JsonWriter {
    out: String,
    /// One entry per open object or array: true once it has a member.
    open: Vec<bool>,
    /// A member name was just written: its value needs no comma.
    after_key: bool,
}

impl JsonWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    fn comma(&mut self) {
        if self.after_key {
            self.after_key = false;
            return;
        }
        if let Some(has_member) = self.open.last_mut() {
            if *has_member {
                self.out.push(',');
            }
            *has_member = true;
        }
    }

    /// `{`.
    pub fn begin_object(&mut self) -> &mut Self {
        self.comma();
        self.out.push('{');
        self.open.push(false);
        self
    }

    /// `}`.
    pub fn end_object(&mut self) -> &mut Self {
        self.open.pop();
        self.out.push('}');
        self
    }

    /// `[`.
    pub fn begin_array(&mut self) -> &mut Self {
        self.comma();
        self.out.push('[');
        self.open.push(false);
        self
    }

    /// `]`.
    pub fn end_array(&mut self) -> &mut Self {
        self.open.pop();
        self.out.push(']');
        self
    }

    /// A member name; the next value written is its value.
    pub fn key(&mut self, name: &str) -> &mut Self {
        self.comma();
        self.quoted(name);
        self.out.push(':');
        self.after_key = true;
        self
    }

    /// A string value.
    pub fn string(&mut self, text: &str) -> &mut Self {
        self.comma();
        self.quoted(text);
        self
    }

    /// A boolean value.
    pub fn bool(&mut self, flag: bool) -> &mut Self {
        self.comma();
        self.out.push_str(if flag { "true" } else { "false" });
        self
    }

    /// `null`.
    pub fn null(&mut self) -> &mut Self {
        self.comma();
        self.out.push_str("null");
        self
    }

    /// A whole number.
    pub fn u64(&mut self, number: u64) -> &mut Self {
        self.comma();
        push_u64(&mut self.out, number);
        self
    }

    /// A number; whole numbers are written without a fraction, others by the platform
    /// (`Number.prototype.toString` on wasm, so the wasm carries no float formatting), and
    /// non-finite ones as `null`.
    pub fn f64(&mut self, number: f64) -> &mut Self {
        self.comma();
        if !number.is_finite() {
            self.out.push_str("null");
        } else if crate::json::is_whole(number) && number > -9_007_199_254_740_992.0 && number < 9_007_199_254_740_992.0
        {
            if number < 0.0 {
                self.out.push('-');
            }
            // Whole and below 2^53: the cast is exact.
            push_u64(&mut self.out, number.abs() as u64);
        } else {
            self.out.push_str(&float_text(number));
        }
        self
    }

    /// A string member.
    pub fn string_member(&mut self, name: &str, text: &str) -> &mut Self {
        self.key(name).string(text)
    }

    /// A boolean member.
    pub fn bool_member(&mut self, name: &str, flag: bool) -> &mut Self {
        self.key(name).bool(flag)
    }

    /// A member holding any writable value.
    pub fn member<T: ToJson + ?Sized>(&mut self, name: &str, value: &T) -> &mut Self {
        self.key(name);
        value.write_json(self);
        self
    }

    /// An array of writable values.
    pub fn array<T: ToJson>(&mut self, items: &[T]) -> &mut Self {
        self.begin_array();
        for item in items {
            item.write_json(self);
        }
        self.end_array()
    }

    fn quoted(&mut self, text: &str) {
        self.out.reserve(text.len() + 2);
        self.out.push('"');
        let mut start = 0;
        for (at, byte) in text.bytes().enumerate() {
            let escape = match byte {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(text.get(start..at).unwrap_or(""));
            if escape.is_empty() {
                self.out.push_str("\\u00");
                self.out.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
                self.out.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
            } else {
                self.out.push_str(escape);
            }
            start = at + 1;
        }
        self.out.push_str(text.get(start..).unwrap_or(""));
        self.out.push('"');
    }
}

/// Appends the decimal digits of `number` (no formatting machinery).
pub(crate) fn push_u64(out: &mut String, number: u64) {
    let mut divisor = 1u64;
    while number / divisor >= 10 {
        divisor *= 10;
    }
    loop {
        // A single decimal digit: the cast cannot truncate.
        out.push(char::from(b'0' + (number / divisor % 10) as u8));
        if divisor == 1 {
            break;
        }
        divisor /= 10;
    }
}

/// A whole number as `u64::from_str` reads it: decimal digits after an optional `+`, `None` when
/// empty, malformed or too big. (One function for every integer type: each `parse::<T>` is its
/// own copy in the wasm.)
pub(crate) fn parse_u64(text: &str) -> Option<u64> {
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() {
        return None;
    }
    let mut number = 0u64;
    for byte in digits.bytes() {
        if !byte.is_ascii_digit() {
            return None;
        }
        number = number.checked_mul(10)?.checked_add(u64::from(byte - b'0'))?;
    }
    Some(number)
}

/// [`parse_u64`] within `u32`.
pub(crate) fn parse_u32(text: &str) -> Option<u32> {
    parse_u64(text).and_then(|number| u32::try_from(number).ok())
}

/// The decimal digits of `number`.
pub(crate) fn u64_text(number: u64) -> String {
    let mut out = String::new();
    push_u64(&mut out, number);
    out
}

#[cfg(target_arch = "wasm32")]
fn float_text(number: f64) -> String {
    String::from(
        js_sys::Number::from(number).to_string_with_radix(10).unwrap_or_else(|_| js_sys::JsString::from("null")),
    )
}

#[cfg(not(target_arch = "wasm32"))]
fn float_text(number: f64) -> String {
    number.to_string()
}

impl ToJson for str {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut JsonWriter) {
        out.bool(*self);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut JsonWriter) {
        out.array(self);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut JsonWriter) {
        match self {
            Some(value) => value.write_json(out),
            None => {
                out.null();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_compact_json_with_escapes() {
        let mut w = JsonWriter::new();
        w.begin_object()
            .string_member("a", "x\"y\\z\n\u{1}é")
            .key("n")
            .begin_array()
            .u64(0)
            .u64(18_446_744_073_709_551_615)
            .f64(-3.0)
            .f64(f64::NAN)
            .end_array()
            .bool_member("b", true)
            .key("e")
            .begin_object()
            .end_object()
            .key("z")
            .null()
            .end_object();
        let text = w.finish();
        assert_eq!(text, r#"{"a":"x\"y\\z\n\u0001é","n":[0,18446744073709551615,-3,null],"b":true,"e":{},"z":null}"#);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["a"], "x\"y\\z\n\u{1}é");
    }

    #[test]
    fn fractions_are_written_by_the_platform() {
        let mut w = JsonWriter::new();
        w.f64(1.5);
        assert_eq!(w.finish(), "1.5");
    }

    #[test]
    fn whole_numbers_are_read_as_from_str_reads_them() {
        let texts = [
            "",
            "+",
            "-",
            "0",
            "+0",
            "-0",
            "007",
            "42",
            "+42",
            " 42",
            "42 ",
            "4 2",
            "4x",
            "١",
            "++1",
            "4294967295",
            "4294967296",
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999",
        ];
        for text in texts {
            assert_eq!(parse_u64(text), text.parse::<u64>().ok(), "{text:?}");
            assert_eq!(parse_u32(text), text.parse::<u32>().ok(), "{text:?}");
        }
        for n in (0..100_000u64).step_by(7).chain([u64::MAX - 1, u64::MAX]) {
            assert_eq!(parse_u64(&u64_text(n)), Some(n));
        }
    }
}
