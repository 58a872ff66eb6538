//! The seven functions of waldur-js-client, same names and shapes, configured by `setConfig`.

use crate::prelude::*;

use super::call::{input, invoke, Op, Style};
use super::config::global_config;
use crate::json::Json;
use crate::Error;
use js_sys::Promise;
use wasm_bindgen::prelude::*;

/// Reads `{ query, path: { uuid }, body }` of an options object and runs `op` with them.
fn function(options: JsValue, op: fn(&Json) -> Result<Op, Error>) -> Promise {
    let parsed = op(&Json::from_js(options.clone()));
    invoke(&global_config(), options, Style::Functions, parsed)
}

fn uuid_of(options: &Json) -> Result<String, Error> {
    options
        .get("path")
        .and_then(|path| path.get("uuid"))
        .and_then(|uuid| uuid.as_string())
        .ok_or_else(|| crate::endpoints::invalid("path.uuid", crate::validate::texts::REQUIRED))
}

/// `GET /api/openstack-migrations/`: `{ data, total, page, pageSize, pages, next, previous, links }`.
#[wasm_bindgen(js_name = openstackMigrationsList, unchecked_return_type = "Promise<ListResult>")]
pub fn openstack_migrations_list(
    #[wasm_bindgen(unchecked_optional_param_type = "ListOptions")] options: JsValue,
) -> Promise {
    function(options, |o| Ok(Op::List(input(o.get("query"), "query")?)))
}

/// `HEAD /api/openstack-migrations/`: `{ data: count }`.
#[wasm_bindgen(js_name = openstackMigrationsCount, unchecked_return_type = "Promise<CountResult>")]
pub fn openstack_migrations_count(
    #[wasm_bindgen(unchecked_optional_param_type = "CountOptions")] options: JsValue,
) -> Promise {
    function(options, |o| Ok(Op::Count(input(o.get("query"), "query")?)))
}

/// `GET /api/openstack-migrations/{uuid}/`: `{ data }`.
#[wasm_bindgen(js_name = openstackMigrationsRetrieve, unchecked_return_type = "Promise<DataResult<MigrationDetails>>")]
pub fn openstack_migrations_retrieve(
    #[wasm_bindgen(unchecked_param_type = "PathOptions")] options: JsValue,
) -> Promise {
    function(options, |o| Ok(Op::Retrieve(uuid_of(o)?)))
}

/// `POST /api/openstack-migrations/`: `{ data, shape }`; validated before sending.
#[wasm_bindgen(js_name = openstackMigrationsCreate, unchecked_return_type = "Promise<CreateResult>")]
pub fn openstack_migrations_create(
    #[wasm_bindgen(unchecked_param_type = "CreateOptions")] options: JsValue,
) -> Promise {
    function(options, |o| Ok(Op::Create(input(o.get("body"), "body")?)))
}

/// `PUT /api/openstack-migrations/{uuid}/`: `{ data }`.
#[wasm_bindgen(js_name = openstackMigrationsUpdate, unchecked_return_type = "Promise<DataResult<MigrationDetails>>")]
pub fn openstack_migrations_update(
    #[wasm_bindgen(unchecked_param_type = "UpdateOptions")] options: JsValue,
) -> Promise {
    function(options, |o| Ok(Op::Update(uuid_of(o)?, input(o.get("body"), "body")?)))
}

/// `PATCH /api/openstack-migrations/{uuid}/`: `{ data }`.
#[wasm_bindgen(js_name = openstackMigrationsPartialUpdate, unchecked_return_type = "Promise<DataResult<MigrationDetails>>")]
pub fn openstack_migrations_partial_update(
    #[wasm_bindgen(unchecked_param_type = "PartialUpdateOptions")] options: JsValue,
) -> Promise {
    function(options, |o| Ok(Op::PartialUpdate(uuid_of(o)?, input(o.get("body"), "body")?)))
}

/// `DELETE /api/openstack-migrations/{uuid}/`: `{ data: undefined }`.
#[wasm_bindgen(js_name = openstackMigrationsDestroy, unchecked_return_type = "Promise<DestroyResult>")]
pub fn openstack_migrations_destroy(#[wasm_bindgen(unchecked_param_type = "PathOptions")] options: JsValue) -> Promise {
    function(options, |o| Ok(Op::Destroy(uuid_of(o)?)))
}
