//! Values across the boundary as JSON: Rust values become plain JS objects through
//! `JSON.parse` (one pass in the engine's native parser), JS input is read through
//! `JSON.stringify` and serde. Small, and it keeps exactly the API's JSON shape.

use crate::{Error, FieldErrors};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A Rust value as a plain JS object.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    js_sys::JSON::parse(&text)
}

/// Reads JS input into a Rust value; `undefined` and `null` read as the default.
pub fn from_js<T: DeserializeOwned + Default>(value: &JsValue, what: &str) -> Result<T, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| invalid(what, "could not be read as JSON"))?;
    serde_json::from_str(&text).map_err(|error| invalid(what, &error.to_string()))
}

fn invalid(what: &str, message: &str) -> Error {
    let mut errors = FieldErrors::new();
    errors.add(what, message);
    Error::InvalidInput(errors)
}

/// A property of an options object (`undefined` when absent or not an object).
pub fn property(object: &JsValue, key: &str) -> JsValue {
    if !object.is_object() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A string property, trimmed; `None` when absent or not a string.
pub fn string_property(object: &JsValue, key: &str) -> Option<String> {
    property(object, key).as_string()
}

/// A non-negative whole number property.
pub fn number_property(object: &JsValue, key: &str) -> Option<u32> {
    property(object, key).as_f64().filter(|n| n.is_finite() && *n >= 0.0).map(|n| n.min(f64::from(u32::MAX)) as u32)
}

/// Sets a property on a fresh result object.
pub fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}
