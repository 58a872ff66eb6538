//! [`Json`] outside wasm: a serde_json value (tests, native callers with their own transport).

use crate::prelude::*;

use super::Kind;
use serde_json::Value;

/// A parsed JSON value (native: a serde_json value).
#[derive(Clone, Debug, PartialEq)]
pub struct Json(Value);

impl Json {
    /// Parses JSON text.
    pub fn parse(text: &str) -> Result<Json, String> {
        serde_json::from_str(text).map(Json).map_err(|error| error.to_string())
    }

    /// Wraps a serde_json value.
    pub fn from_value(value: Value) -> Json {
        Json(value)
    }

    /// The serde_json value.
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    /// `null`.
    pub fn null() -> Json {
        Json(Value::Null)
    }

    /// What the value is.
    pub fn kind(&self) -> Kind {
        match &self.0 {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }

    /// A member of an object; `None` when absent or when this is not an object.
    pub fn get(&self, key: &'static str) -> Option<Json> {
        self.0.as_object()?.get(key).cloned().map(Json)
    }

    /// A member that is a string; `None` when absent or not a string.
    pub fn string_member(&self, key: &'static str) -> Option<String> {
        self.0.as_object()?.get(key)?.as_str().map(str::to_owned)
    }

    /// The text, when this is a string.
    pub fn as_string(&self) -> Option<String> {
        self.0.as_str().map(str::to_owned)
    }

    /// The flag, when this is a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }

    /// The number, when this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        self.0.as_f64()
    }

    /// The items, when this is an array.
    pub fn items(&self) -> Option<Vec<Json>> {
        Some(self.0.as_array()?.iter().cloned().map(Json).collect())
    }

    /// The members in order, when this is an object.
    pub fn entries(&self) -> Option<Vec<(String, Json)>> {
        Some(self.0.as_object()?.iter().map(|(key, value)| (key.clone(), Json(value.clone()))).collect())
    }
}
