//! JSON without a JSON library in the wasm: values are read from what the platform parsed
//! (`JSON.parse` in the browser and Node, serde_json natively) and written by [`JsonWriter`].
//!
//! [`Json`] is a read-only handle on one parsed value; the decoders of every model read it the
//! same way on both platforms, so the browser build carries no parser, no float parsing and no
//! serde machinery, while the native tests exercise the very same decoders.

use crate::prelude::*;

#[cfg(target_arch = "wasm32")]
mod js;
#[cfg(not(target_arch = "wasm32"))]
mod native;
mod write;

#[cfg(target_arch = "wasm32")]
pub use js::Json;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) use js::{normalize_fast, string_member, with_key};
#[cfg(not(target_arch = "wasm32"))]
pub use native::Json;
pub(crate) use write::{parse_u32, parse_u64, push_u64, u64_text};
pub use write::{JsonWriter, ToJson};

/// What a JSON value is, for decoding and for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null` (or `undefined` handed in from JS).
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl Kind {
    /// `a string`, `an object`, ... for messages.
    pub fn article(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

/// Parses JSON text with the platform's parser (`JSON.parse` on wasm).
pub fn parse(text: &str) -> Result<Json, String> {
    Json::parse(text)
}

/// Writes `value` as compact JSON text.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut writer = JsonWriter::new();
    value.write_json(&mut writer);
    writer.finish()
}

/// True when `number` is a whole number (`f64::fract` is not in `core`): within `i64`, the
/// cast back is exact exactly for whole numbers; beyond it, every `f64` is whole.
pub fn is_whole(number: f64) -> bool {
    if !number.is_finite() {
        return false;
    }
    if number >= 9.2e18 || number <= -9.2e18 {
        return true;
    }
    (number as i64) as f64 == number
}
