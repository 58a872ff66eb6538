//! JavaScript bindings (feature `js`): the npm client package. Functions named and shaped like
//! waldur-js-client's seven migration calls (`openstackMigrationsList({ query })` resolves
//! `{ data, ... }`), configured by [`set_config`]; a client class for several servers or
//! tokens; `listAll`; the lookups; the validation rules. Data are plain objects in the API's
//! JSON shape; failures are thrown as `Error` objects of type `WaldurMigrationsError`.
//!
//! The TypeScript declarations of every model come from the Rust types (`ts-rs`, checked by
//! `tests/typescript.rs`); the call and result types are in `api.d.ts`.

mod client;
mod convert;
mod errors;
mod functions;
mod validation;

pub use client::WaldurMigrationsClient;
pub use errors::js_error;
pub use functions::set_config;
#[cfg(feature = "elements")]
pub(crate) use functions::JsConfig;

/// The configuration given to `setConfig` (for the custom elements).
#[cfg(feature = "elements")]
pub(crate) fn functions_config() -> JsConfig {
    functions::global_config()
}

/// The configuration of a `WaldurMigrationsClient` object, if `value` is one.
#[cfg(feature = "elements")]
pub(crate) fn client_config(value: &JsValue) -> Option<JsConfig> {
    client::config_of(value)
}

/// A Rust value as a plain JS object (`null` if it cannot be converted).
#[cfg(feature = "elements")]
pub(crate) fn to_js_value<T: serde::Serialize>(value: &T) -> JsValue {
    convert::to_js(value).unwrap_or(JsValue::NULL)
}

/// A property of an options object.
#[cfg(feature = "elements")]
pub(crate) fn property_of(object: &JsValue, key: &str) -> JsValue {
    convert::property(object, key)
}

/// A string option.
#[cfg(feature = "elements")]
pub(crate) fn string_option(object: &JsValue, key: &str) -> Option<String> {
    convert::string_property(object, key)
}

/// A whole-number option.
#[cfg(feature = "elements")]
pub(crate) fn number_option(object: &JsValue, key: &str) -> Option<u32> {
    convert::number_property(object, key)
}

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const MODEL_TYPES: &'static str = include_str!("models.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const API_TYPES: &'static str = include_str!("api.d.ts");
