//! `WaldurMigrationsClient`: the calls for one server and one set of credentials, plus
//! `listAll` and the lookups the create form uses. Every method takes the same call path as
//! the functions.

use super::call::{input, invoke, Lookup, Op, Style};
use super::config::JsConfig;
#[cfg(feature = "elements")]
use crate::global::Global;
use crate::json::Json;
use crate::prelude::*;
use crate::Error;
#[cfg(feature = "elements")]
use core::cell::RefCell;
use js_sys::Promise;
use wasm_bindgen::prelude::*;

/// Live clients by id, so Rust code handed a client object (the custom elements) can find
/// its configuration without taking the object over.
#[cfg(feature = "elements")]
static CLIENTS: Global<RefCell<Registry>> = Global::new(RefCell::new((0, Vec::new())));

/// The last id given, and the configuration of each live client.
#[cfg(feature = "elements")]
type Registry = (u32, Vec<(u32, JsConfig)>);

/// The configuration of a `WaldurMigrationsClient` passed as a JS value, if it is one.
#[cfg(feature = "elements")]
pub(crate) fn config_of(value: &JsValue) -> Option<JsConfig> {
    let id = js_sys::Reflect::get(value, &JsValue::from_str("__clientId")).ok()?.as_f64()?;
    CLIENTS.with(|clients| clients.borrow().1.iter().find(|(key, _)| f64::from(*key) == id).map(|(_, c)| c.clone()))
}

/// A client of one Waldur server with one set of credentials.
#[wasm_bindgen]
pub struct WaldurMigrationsClient {
    #[cfg(feature = "elements")]
    id: u32,
    config: JsConfig,
}

#[cfg(feature = "elements")]
impl Drop for WaldurMigrationsClient {
    fn drop(&mut self) {
        CLIENTS.with(|clients| clients.borrow_mut().1.retain(|(key, _)| *key != self.id));
    }
}

/// A text argument (a uuid): anything but a string reads as empty, which no uuid is.
fn text(value: &JsValue) -> String {
    value.as_string().unwrap_or_default()
}

impl WaldurMigrationsClient {
    fn run(&self, options: JsValue, op: Result<Op, Error>) -> Promise {
        invoke(&self.config, options, Style::Class, op)
    }

    fn query<T: crate::model::Decode + Default>(query: JsValue) -> Result<T, Error> {
        input(Some(Json::from_js(query)), "query")
    }

    fn lookup(&self, lookup: Lookup, query: JsValue, options: JsValue) -> Promise {
        self.run(options, Self::query(query).map(|query| Op::Lookup(lookup, query)))
    }
}

#[wasm_bindgen]
impl WaldurMigrationsClient {
    /// `new WaldurMigrationsClient({ baseUrl, auth, timeoutMs, retry, language })`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Config")] config: JsValue,
    ) -> Result<WaldurMigrationsClient, JsValue> {
        let config = JsConfig::default().merged(&Json::from_js(config)).map_err(|e| super::js_error(&e))?;
        #[cfg(feature = "elements")]
        let id = CLIENTS.with(|clients| {
            let mut clients = clients.borrow_mut();
            clients.0 = clients.0.wrapping_add(1);
            let id = clients.0;
            clients.1.push((id, config.clone()));
            id
        });
        Ok(WaldurMigrationsClient {
            #[cfg(feature = "elements")]
            id,
            config,
        })
    }

    /// Identity for the custom elements (not part of the API).
    #[cfg(feature = "elements")]
    #[wasm_bindgen(getter, js_name = __clientId, skip_typescript)]
    pub fn client_id(&self) -> u32 {
        self.id
    }

    /// The base URL.
    #[wasm_bindgen(getter, js_name = baseUrl, unchecked_return_type = "string")]
    pub fn base_url(&self) -> JsValue {
        JsValue::from_str(&self.config.base_url)
    }

    /// One page of migrations.
    #[wasm_bindgen(unchecked_return_type = "Promise<Page<MigrationDetails>>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(options, Self::query(query).map(Op::List))
    }

    /// How many migrations match.
    #[wasm_bindgen(unchecked_return_type = "Promise<number>")]
    pub fn count(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(options, Self::query(query).map(Op::Count))
    }

    /// One migration.
    #[wasm_bindgen(unchecked_return_type = "Promise<MigrationDetails>")]
    pub fn retrieve(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(options, Ok(Op::Retrieve(text(&uuid))))
    }

    /// Creates a migration and resolves the full migration (fetched if the server sent the
    /// documented short body).
    #[wasm_bindgen(unchecked_return_type = "Promise<MigrationDetails>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MigrationCreateRequest")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(options, input(Some(Json::from_js(body)), "body").map(Op::Create))
    }

    /// Replaces the mappings (PUT).
    #[wasm_bindgen(unchecked_return_type = "Promise<MigrationDetails>")]
    pub fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] uuid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MigrationDetailsRequest")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(options, input(Some(Json::from_js(body)), "body").map(|body| Op::Update(text(&uuid), body)))
    }

    /// Changes what the body sets (PATCH).
    #[wasm_bindgen(js_name = partialUpdate, unchecked_return_type = "Promise<MigrationDetails>")]
    pub fn partial_update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] uuid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PatchedMigrationDetailsRequest")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(options, input(Some(Json::from_js(body)), "body").map(|body| Op::PartialUpdate(text(&uuid), body)))
    }

    /// Deletes the migration record.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn destroy(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.run(options, Ok(Op::Destroy(text(&uuid))))
    }

    /// Every migration matching `query`: after the first page the rest are fetched
    /// `concurrency` at a time, in server order; `onProgress(done, total)` after each page.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "Promise<AllPages>")]
    pub fn list_all(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ListAllOptions")] options: JsValue,
    ) -> Promise {
        self.run(options, Self::query(query).map(Op::ListAll))
    }

    /// OpenStack tenants that can be migrated (`offering_type=OpenStack.Tenant`).
    #[wasm_bindgen(js_name = sourceResources, unchecked_return_type = "Promise<Page<SourceResource>>")]
    pub fn source_resources(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.lookup(Lookup::SourceResources, query, options)
    }

    /// Offerings a tenant can be migrated to (`type=OpenStack.Tenant`).
    #[wasm_bindgen(js_name = destinationOfferings, unchecked_return_type = "Promise<Page<DestinationOffering>>")]
    pub fn destination_offerings(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.lookup(Lookup::DestinationOfferings, query, options)
    }

    /// Every volume type the user can see.
    #[wasm_bindgen(js_name = volumeTypes, unchecked_return_type = "Promise<Page<VolumeType>>")]
    pub fn volume_types(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.lookup(Lookup::VolumeTypes, query, options)
    }

    /// Volume types of a source tenant (a source resource's `resource_uuid`).
    #[wasm_bindgen(js_name = volumeTypesOfTenant, unchecked_return_type = "Promise<Page<VolumeType>>")]
    pub fn volume_types_of_tenant(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] tenant_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.lookup(Lookup::VolumeTypesOfTenant(text(&tenant_uuid)), query, options)
    }

    /// Volume types of a destination cloud (an offering's `scope_uuid`).
    #[wasm_bindgen(js_name = volumeTypesOfSettings, unchecked_return_type = "Promise<Page<VolumeType>>")]
    pub fn volume_types_of_settings(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] settings_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.lookup(Lookup::VolumeTypesOfSettings(text(&settings_uuid)), query, options)
    }

    /// Networks of a source tenant.
    #[wasm_bindgen(unchecked_return_type = "Promise<Page<Network>>")]
    pub fn networks(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] tenant_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.lookup(Lookup::Networks(text(&tenant_uuid)), query, options)
    }

    /// Subnets of a source tenant.
    #[wasm_bindgen(unchecked_return_type = "Promise<Page<Subnet>>")]
    pub fn subnets(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] tenant_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.lookup(Lookup::Subnets(text(&tenant_uuid)), query, options)
    }
}
