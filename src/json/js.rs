//! [`Json`] on wasm: a handle on a value the JS engine parsed (`JSON.parse`, `response.text()`
//! then parsed natively), read member by member. Member names are created as JS strings once
//! and reused, so reading a page costs one engine call per field, not a string copy.

use super::Kind;
use crate::global::Global;
use crate::prelude::*;
use core::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/src/json/read.js")]
extern "C" {
    /// A member that is a string, copied in one call (`None` for anything else).
    #[wasm_bindgen(js_name = stringMember)]
    fn string_member_of(object: &JsValue, key: &JsValue) -> Option<String>;

    /// What a value is, in one call: 0 null, 1 boolean, 2 number, 3 string, 4 array, 5 object.
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_of(value: &JsValue) -> u8;

    /// Makes the members of an object canonical where that takes no wasm (see read.js), in one
    /// call: bit `i` of the answer is set for each `keys[i]` still to look at.
    #[cfg_attr(not(feature = "js"), allow(dead_code))]
    #[wasm_bindgen(js_name = normalizeFast)]
    pub(crate) fn normalize_fast(object: &JsValue, keys: &JsValue, codes: &JsValue) -> u32;
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a JS string, without copying it into wasm memory first.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_js_string(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

/// A parsed JSON value (wasm: a JS value).
#[derive(Clone, Debug)]
pub struct Json(JsValue);

/// Member names already created as JS strings, by the address of their `&'static str`.
static KEYS: Global<RefCell<Vec<(usize, JsValue)>>> = Global::new(RefCell::new(Vec::new()));

/// Runs `read` with `name` as a JS string, created once per name.
pub(crate) fn with_key<R>(name: &'static str, read: impl FnOnce(&JsValue) -> R) -> R {
    let address = name.as_ptr() as usize ^ (name.len() << 20);
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        let at = match keys.iter().position(|(key, _)| *key == address) {
            Some(at) => at,
            None => {
                keys.push((address, JsValue::from_str(name)));
                keys.len() - 1
            }
        };
        match keys.get(at) {
            Some((_, key)) => read(key),
            None => read(&JsValue::from_str(name)),
        }
    })
}

/// A member of `object` that is a string, in one engine call (`None` for anything else).
pub(crate) fn string_member(object: &JsValue, key: &'static str) -> Option<String> {
    with_key(key, |key| string_member_of(object, key))
}

fn kind_from(code: u8) -> Option<Kind> {
    Some(match code {
        1 => Kind::Bool,
        2 => Kind::Number,
        3 => Kind::String,
        4 => Kind::Array,
        5 => Kind::Object,
        6 => return None,
        _ => Kind::Null,
    })
}

fn message_of(error: &JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().map(|error| String::from(error.message())).unwrap_or_else(|| "not JSON".to_owned())
}

impl Json {
    /// Parses JSON text with `JSON.parse`.
    pub fn parse(text: &str) -> Result<Json, String> {
        js_sys::JSON::parse(text).map(Json).map_err(|error| message_of(&error))
    }

    /// Parses a JS string with `JSON.parse`.
    pub fn parse_js(text: &js_sys::JsString) -> Result<Json, String> {
        parse_js_string(text).map(Json).map_err(|error| message_of(&error))
    }

    /// Reads any JS value as JSON (`undefined` reads as `null`).
    pub fn from_js(value: JsValue) -> Json {
        Json(value)
    }

    /// The JS value.
    pub fn as_js(&self) -> &JsValue {
        &self.0
    }

    /// `null`.
    pub fn null() -> Json {
        Json(JsValue::NULL)
    }

    /// What the value is (functions and symbols read as `null`).
    pub fn kind(&self) -> Kind {
        kind_from(kind_of(&self.0)).unwrap_or(Kind::Null)
    }

    /// A member of an object; `None` when absent (or `undefined`) or when this is not an object.
    pub fn get(&self, key: &'static str) -> Option<Json> {
        if !self.0.is_object() {
            return None;
        }
        let value = with_key(key, |key| js_sys::Reflect::get(&self.0, key)).ok()?;
        (!value.is_undefined()).then_some(Json(value))
    }

    /// A member that is a string (one engine call); `None` when absent or not a string.
    pub fn string_member(&self, key: &'static str) -> Option<String> {
        string_member(&self.0, key)
    }

    /// The text, when this is a string.
    pub fn as_string(&self) -> Option<String> {
        self.0.as_string()
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
        if !js_sys::Array::is_array(&self.0) {
            return None;
        }
        let array: &js_sys::Array = self.0.unchecked_ref();
        Some((0..array.length()).map(|at| Json(array.get(at))).collect())
    }

    /// The members in order, when this is an object (not an array).
    pub fn entries(&self) -> Option<Vec<(String, Json)>> {
        if self.kind() != Kind::Object {
            return None;
        }
        let entries = js_sys::Object::entries(self.0.unchecked_ref());
        let mut out = Vec::with_capacity(entries.length() as usize);
        for entry in entries.iter() {
            let pair: &js_sys::Array = entry.unchecked_ref();
            if let Some(key) = pair.get(0).as_string() {
                out.push((key, Json(pair.get(1))));
            }
        }
        Some(out)
    }
}
