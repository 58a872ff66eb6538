//! `WaldurMigrationsClient`: the calls for one server and one set of credentials, plus
//! `listAll` and the lookups the create form uses.

use super::convert::{from_js, number_property, property, set, to_js};
use super::functions::{call_settings, page_object, promise, JsConfig};
use crate::endpoints::{ListLookup, ListQuery, LookupItem, LookupQuery};
use crate::model::{MigrationCreateRequest, MigrationDetailsRequest, PatchedMigrationDetailsRequest};
use crate::{Client, Error, ListAllOptions};
use js_sys::{Object, Promise};
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::IntoFuture;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// Live clients by id, so Rust code handed a client object (the custom elements) can find
    /// its configuration without taking the object over.
    static CLIENTS: RefCell<(u32, HashMap<u32, JsConfig>)> = RefCell::new((0, HashMap::new()));
}

/// The configuration of a `WaldurMigrationsClient` passed as a JS value, if it is one.
#[cfg(feature = "elements")]
pub(crate) fn config_of(value: &JsValue) -> Option<JsConfig> {
    let id = js_sys::Reflect::get(value, &JsValue::from_str("__clientId")).ok()?.as_f64()?;
    CLIENTS.with(|clients| clients.borrow().1.get(&(id as u32)).cloned())
}

/// A client of one Waldur server with one set of credentials.
#[wasm_bindgen]
pub struct WaldurMigrationsClient {
    id: u32,
    config: JsConfig,
}

impl Drop for WaldurMigrationsClient {
    fn drop(&mut self) {
        CLIENTS.with(|clients| clients.borrow_mut().1.remove(&self.id));
    }
}

fn with_client<F, Fut>(config: &JsConfig, options: JsValue, work: F) -> Promise
where
    F: FnOnce(Client, JsValue) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<JsValue, Error>> + 'static,
{
    let config = config.clone();
    promise(async move {
        let client = config.merged(&options)?.client().await?;
        work(client, options).await
    })
}

fn lookup_query(query: &JsValue) -> Result<LookupQuery, Error> {
    from_js(query, "query")
}

#[wasm_bindgen]
impl WaldurMigrationsClient {
    /// `new WaldurMigrationsClient({ baseUrl, auth, timeoutMs, retry })`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Config")] config: JsValue,
    ) -> Result<WaldurMigrationsClient, JsValue> {
        let config = JsConfig::default().merged(&config).map_err(|e| super::js_error(&e))?;
        let id = CLIENTS.with(|clients| {
            let mut clients = clients.borrow_mut();
            clients.0 = clients.0.wrapping_add(1);
            let id = clients.0;
            clients.1.insert(id, config.clone());
            id
        });
        Ok(WaldurMigrationsClient { id, config })
    }

    /// Identity for the custom elements (not part of the API).
    #[wasm_bindgen(getter, js_name = __clientId, skip_typescript)]
    pub fn client_id(&self) -> u32 {
        self.id
    }

    /// The base URL.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.config.base_url.clone()
    }

    /// One page of migrations.
    #[wasm_bindgen(unchecked_return_type = "Promise<Page<MigrationDetails>>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let query = query.unwrap_or(JsValue::UNDEFINED);
        let options = options.unwrap_or(JsValue::UNDEFINED);
        with_client(&self.config, options, move |client, options| async move {
            let query: ListQuery = from_js(&query, "query")?;
            let page = call_settings(&options).apply(client.list(query)).into_future().await?;
            page_object(&page, "items")
        })
    }

    /// How many migrations match.
    #[wasm_bindgen(unchecked_return_type = "Promise<number>")]
    pub fn count(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let query = query.unwrap_or(JsValue::UNDEFINED);
        let options = options.unwrap_or(JsValue::UNDEFINED);
        with_client(&self.config, options, move |client, options| async move {
            let query: ListQuery = from_js(&query, "query")?;
            let count = call_settings(&options).apply(client.count(query)).into_future().await?;
            Ok(JsValue::from(count as f64))
        })
    }

    /// One migration.
    #[wasm_bindgen(unchecked_return_type = "Promise<MigrationDetails>")]
    pub fn retrieve(
        &self,
        uuid: String,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        with_client(&self.config, options, move |client, options| async move {
            let migration = call_settings(&options).apply(client.retrieve(&uuid)).into_future().await?;
            to_js(&migration).map_err(|_| Error::Aborted)
        })
    }

    /// Creates a migration and resolves the full migration (fetched if the server sent the
    /// documented short body).
    #[wasm_bindgen(unchecked_return_type = "Promise<MigrationDetails>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MigrationCreateRequest")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        with_client(&self.config, options, move |client, options| async move {
            let body: MigrationCreateRequest = from_js(&body, "body")?;
            let settings = call_settings(&options);
            let migration = match settings.apply(client.create(body)).into_future().await? {
                crate::CreatedMigration::Full(details) => *details,
                crate::CreatedMigration::Documented(_) => {
                    return Err(Error::undecodable(
                        201,
                        None,
                        "the server sent the short documented body; list by src_resource_uuid to find the migration",
                        "",
                    ));
                }
            };
            to_js(&migration).map_err(|_| Error::Aborted)
        })
    }

    /// Replaces the mappings (PUT).
    #[wasm_bindgen(unchecked_return_type = "Promise<MigrationDetails>")]
    pub fn update(
        &self,
        uuid: String,
        #[wasm_bindgen(unchecked_param_type = "MigrationDetailsRequest")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        with_client(&self.config, options, move |client, options| async move {
            let body: MigrationDetailsRequest = from_js(&body, "body")?;
            let migration = call_settings(&options).apply(client.update(&uuid, body)).into_future().await?;
            to_js(&migration).map_err(|_| Error::Aborted)
        })
    }

    /// Changes what the body sets (PATCH).
    #[wasm_bindgen(js_name = partialUpdate, unchecked_return_type = "Promise<MigrationDetails>")]
    pub fn partial_update(
        &self,
        uuid: String,
        #[wasm_bindgen(unchecked_param_type = "PatchedMigrationDetailsRequest")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        with_client(&self.config, options, move |client, options| async move {
            let body: PatchedMigrationDetailsRequest = from_js(&body, "body")?;
            let migration = call_settings(&options).apply(client.partial_update(&uuid, body)).into_future().await?;
            to_js(&migration).map_err(|_| Error::Aborted)
        })
    }

    /// Deletes the migration record.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn destroy(
        &self,
        uuid: String,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        with_client(&self.config, options, move |client, options| async move {
            call_settings(&options).apply(client.destroy(&uuid)).into_future().await?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// Every migration matching `query`: after the first page the rest are fetched
    /// `concurrency` at a time, in server order; `onProgress(done, total)` after each page.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "Promise<AllPages>")]
    pub fn list_all(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "ListAllOptions")] options: Option<JsValue>,
    ) -> Promise {
        let query = query.unwrap_or(JsValue::UNDEFINED);
        let options = options.unwrap_or(JsValue::UNDEFINED);
        with_client(&self.config, options, move |client, options| async move {
            let query: ListQuery = from_js(&query, "query")?;
            let settings = call_settings(&options);
            let on_progress = property(&options, "onProgress").dyn_into::<js_sys::Function>().ok().map(|callback| {
                Rc::new(move |done: u32, total: u32| {
                    let _ = callback.call2(&JsValue::NULL, &done.into(), &total.into());
                }) as Rc<dyn Fn(u32, u32)>
            });
            let defaults = ListAllOptions::default();
            let all = client
                .list_all(
                    query,
                    ListAllOptions {
                        page_size: number_property(&options, "pageSize").unwrap_or(defaults.page_size),
                        concurrency: number_property(&options, "concurrency")
                            .map_or(defaults.concurrency, |n| n as usize),
                        max_items: number_property(&options, "maxItems").map(|n| n as usize),
                        on_progress,
                        signal: settings.signal(),
                        timeout_ms: settings.timeout_ms(),
                    },
                )
                .await?;
            let object = Object::new();
            set(&object, "items", &to_js(&all.items).map_err(|_| Error::Aborted)?);
            set(&object, "total", &all.total.map_or(JsValue::NULL, |t| JsValue::from(t as f64)));
            set(&object, "pages", &JsValue::from(all.pages));
            Ok(object.into())
        })
    }

    /// OpenStack tenants that can be migrated (`offering_type=OpenStack.Tenant`).
    #[wasm_bindgen(js_name = sourceResources, unchecked_return_type = "Promise<Page<SourceResource>>")]
    pub fn source_resources(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.lookup(query, options, ListLookup::source_resources)
    }

    /// Offerings a tenant can be migrated to (`type=OpenStack.Tenant`).
    #[wasm_bindgen(js_name = destinationOfferings, unchecked_return_type = "Promise<Page<DestinationOffering>>")]
    pub fn destination_offerings(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.lookup(query, options, ListLookup::destination_offerings)
    }

    /// Every volume type the user can see.
    #[wasm_bindgen(js_name = volumeTypes, unchecked_return_type = "Promise<Page<VolumeType>>")]
    pub fn volume_types(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.lookup(query, options, ListLookup::volume_types)
    }

    /// Volume types of a source tenant (a source resource's `resource_uuid`).
    #[wasm_bindgen(js_name = volumeTypesOfTenant, unchecked_return_type = "Promise<Page<VolumeType>>")]
    pub fn volume_types_of_tenant(
        &self,
        tenant_uuid: String,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.lookup(query, options, move |query| ListLookup::volume_types_of_tenant(&tenant_uuid, query))
    }

    /// Volume types of a destination cloud (an offering's `scope_uuid`).
    #[wasm_bindgen(js_name = volumeTypesOfSettings, unchecked_return_type = "Promise<Page<VolumeType>>")]
    pub fn volume_types_of_settings(
        &self,
        settings_uuid: String,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.lookup(query, options, move |query| ListLookup::volume_types_of_settings(&settings_uuid, query))
    }

    /// Networks of a source tenant.
    #[wasm_bindgen(unchecked_return_type = "Promise<Page<Network>>")]
    pub fn networks(
        &self,
        tenant_uuid: String,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.lookup(query, options, move |query| ListLookup::networks(&tenant_uuid, query))
    }

    /// Subnets of a source tenant.
    #[wasm_bindgen(unchecked_return_type = "Promise<Page<Subnet>>")]
    pub fn subnets(
        &self,
        tenant_uuid: String,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.lookup(query, options, move |query| ListLookup::subnets(&tenant_uuid, query))
    }
}

impl WaldurMigrationsClient {
    /// One page of a lookup, as `{ items, total, ... }`.
    fn lookup<T>(
        &self,
        query: Option<JsValue>,
        options: Option<JsValue>,
        endpoint: impl FnOnce(LookupQuery) -> ListLookup<T> + 'static,
    ) -> Promise
    where
        T: LookupItem + serde::Serialize + 'static,
    {
        let query = query.unwrap_or(JsValue::UNDEFINED);
        with_client(&self.config, options.unwrap_or(JsValue::UNDEFINED), move |client, options| async move {
            let page =
                call_settings(&options).apply(client.call(endpoint(lookup_query(&query)?))).into_future().await?;
            page_object(&page, "items")
        })
    }
}
