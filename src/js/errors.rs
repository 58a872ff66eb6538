//! Failures as JS `Error` objects: `WaldurMigrationsError`, whose prototype inherits from
//! `Error.prototype`, carrying `kind`, `status`, `body`, `fields` and `retryable`.
//! The message never holds credentials: no error carries them.
//!
//! The prototype is built at run time (no JS snippet, no `eval`), so the same code works in
//! browsers, bundlers and Node's CommonJS build, and under a strict CSP.

use crate::global::Global;
use crate::Error;
use core::cell::RefCell;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// The `name` of every error this package throws.
pub const ERROR_NAME: &str = "WaldurMigrationsError";

/// The prototype of every thrown error, made on first use.
static PROTOTYPE: Global<RefCell<Option<Object>>> = Global::new(RefCell::new(None));

/// The prototype: `Error.prototype`'s child named [`ERROR_NAME`].
fn prototype() -> Object {
    PROTOTYPE.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let error: JsValue = js_sys::Error::new("").into();
                let prototype = Object::create(&Object::get_prototype_of(&error));
                let _ = Reflect::set(&prototype, &"name".into(), &ERROR_NAME.into());
                prototype
            })
            .clone()
    })
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// The body the server sent: parsed JSON when it was JSON, else the text kept.
fn body_value(error: &Error) -> JsValue {
    match error {
        Error::Http(http) => js_sys::JSON::parse(&http.body).unwrap_or_else(|_| JsValue::from_str(&http.body)),
        Error::Decode(decode) => JsValue::from_str(&decode.snippet),
        _ => JsValue::NULL,
    }
}

/// Turns a library error into the thrown JS object.
pub fn js_error(error: &Error) -> JsValue {
    let object: JsValue = js_sys::Error::new(&error.message()).into();
    let _ = Reflect::set_prototype_of(object.unchecked_ref::<Object>(), &prototype());
    set(&object, "kind", &error.kind().as_str().into());
    set(&object, "status", &error.status().map_or(JsValue::NULL, JsValue::from));
    set(&object, "body", &body_value(error));
    let fields = error.fields().map_or_else(|| js_sys::Object::new().into(), super::field_messages);
    set(&object, "fields", &fields);
    set(&object, "retryable", &error.is_retryable().into());
    object
}

/// True for errors thrown by this package (`WaldurMigrationsError`).
#[wasm_bindgen(js_name = isWaldurMigrationsError, unchecked_return_type = "value is WaldurMigrationsError")]
pub fn is_waldur_migrations_error(#[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue) -> bool {
    value.is_object() && Object::get_prototype_of(&value) == prototype()
}
