//! The server's input rules for forms: messages by field path, with the server's texts.

use super::call::input;
use super::field_messages;
use crate::error::FieldErrors;
use crate::json::Json;
use crate::model::{Decode, MigrationCreateRequest, MigrationDetailsRequest, PatchedMigrationDetailsRequest};
use crate::validate;
use wasm_bindgen::prelude::*;

fn check<T: Decode + Default>(body: JsValue, rule: fn(&T) -> FieldErrors) -> JsValue {
    match input::<T>(Some(Json::from_js(body)), "body") {
        Ok(value) => field_messages(&rule(&value)),
        Err(error) => field_messages(error.fields().unwrap_or(&FieldErrors::new())),
    }
}

/// Messages for a create body by field path (`{}` when the server would accept its shape).
#[wasm_bindgen(js_name = validateCreate, unchecked_return_type = "FieldMessages")]
pub fn validate_create(#[wasm_bindgen(unchecked_param_type = "MigrationCreateRequest")] body: JsValue) -> JsValue {
    check::<MigrationCreateRequest>(body, validate::validate_create)
}

/// Messages for a PUT body (`mappings` required).
#[wasm_bindgen(js_name = validateUpdate, unchecked_return_type = "FieldMessages")]
pub fn validate_update(#[wasm_bindgen(unchecked_param_type = "MigrationDetailsRequest")] body: JsValue) -> JsValue {
    check::<MigrationDetailsRequest>(body, validate::validate_update)
}

/// Messages for a PATCH body.
#[wasm_bindgen(js_name = validatePartialUpdate, unchecked_return_type = "FieldMessages")]
pub fn validate_partial_update(
    #[wasm_bindgen(unchecked_param_type = "PatchedMigrationDetailsRequest")] body: JsValue,
) -> JsValue {
    check::<PatchedMigrationDetailsRequest>(body, validate::validate_partial_update)
}

/// The server's message for a subnet CIDR, or `undefined` when it is a private `/24` network.
#[wasm_bindgen(js_name = checkSubnetCidr, unchecked_return_type = "string | undefined")]
pub fn check_subnet_cidr(#[wasm_bindgen(unchecked_param_type = "string")] cidr: JsValue) -> JsValue {
    match validate::check_subnet_cidr(&cidr.as_string().unwrap_or_default()) {
        Err(message) => JsValue::from_str(message),
        Ok(_) => JsValue::UNDEFINED,
    }
}
