//! JavaScript bindings (feature `js`): the npm client package. Functions named and shaped like
//! waldur-js-client's seven migration calls (`openstackMigrationsList({ query })` resolves
//! `{ data, ... }`), configured by [`set_config`]; a client class for several servers or
//! tokens; `listAll`; the lookups; the validation rules. Data are plain objects in the API's
//! JSON shape; failures are thrown as `Error` objects of type `WaldurMigrationsError`.
//!
//! Every function and method goes through one call path (`call.rs`). The TypeScript
//! declarations of every model come from the Rust types (`ts-rs`, checked by
//! `tests/typescript.rs`); the call and result types are in `api.d.ts`.

use crate::prelude::*;

mod call;
mod client;
mod config;
mod errors;
mod functions;
mod job;
mod normalize;
mod validation;

pub use client::WaldurMigrationsClient;
pub use config::set_config;
pub use errors::js_error;

use crate::error::{Error, FieldErrors};
use crate::model::Mismatch;
use wasm_bindgen::prelude::*;

#[cfg(feature = "elements")]
pub(crate) use config::{global_config, JsConfig};

/// The configuration of a `WaldurMigrationsClient` object, if `value` is one.
#[cfg(feature = "elements")]
pub(crate) fn client_config(value: &JsValue) -> Option<JsConfig> {
    client::config_of(value)
}

#[cfg(feature = "elements")]
/// A Rust value as a plain JS object (`null` if the engine refuses the text, which it never
/// should).
pub(crate) fn to_js_value<T: crate::json::ToJson + ?Sized>(value: &T) -> JsValue {
    let mut writer = crate::json::JsonWriter::new();
    value.write_json(&mut writer);
    js_sys::JSON::parse(&writer.finish()).unwrap_or(JsValue::NULL)
}

/// An input that does not fit, as an [`Error::InvalidInput`] at `prefix.<path>`.
pub(crate) fn invalid_input(prefix: &str, mismatch: Mismatch) -> Error {
    let path = mismatch.path();
    let full = match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path,
        (false, true) => prefix.to_owned(),
        (false, false) if path.starts_with('[') => crate::validate::concat(&[prefix, &path]),
        (false, false) => crate::validate::concat(&[prefix, ".", &path]),
    };
    let mut errors = FieldErrors::new();
    errors.add(if full.is_empty() { "options" } else { &full }, mismatch.message());
    Error::InvalidInput(errors)
}

/// Messages by field path as a plain object of string arrays.
pub(crate) fn field_messages(fields: &FieldErrors) -> JsValue {
    let object = js_sys::Object::new();
    for (path, messages) in fields.iter() {
        let list = js_sys::Array::new();
        for message in messages {
            list.push(&JsValue::from_str(message));
        }
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(path), &list);
    }
    object.into()
}

#[wasm_bindgen(typescript_custom_section)]
const MODEL_TYPES: &'static str = include_str!("models.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const API_TYPES: &'static str = include_str!("api.d.ts");
