//! The seven functions of waldur-js-client, same names and shapes, and `setConfig`.

use super::convert::{from_js, number_property, property, set, string_property, to_js};
use super::errors::js_error;
use crate::endpoints::{Endpoint, ListQuery};
use crate::model::{
    CreatedMigration, MigrationCreateRequest, MigrationDetails, MigrationDetailsRequest, PatchedMigrationDetailsRequest,
};
use crate::page::Page;
use crate::transport::AbortSignal;
use crate::{Call, Client, Error, FieldErrors, RetryPolicy};
use js_sys::{Object, Promise};
use serde::Serialize;
use std::cell::RefCell;
use std::future::{Future, IntoFuture};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// Where the `Authorization` value comes from.
#[derive(Clone, Debug)]
pub(crate) enum AuthSource {
    /// No credentials.
    None,
    /// Sent verbatim (`Token <key>`, `Bearer <token>`).
    Value(String),
    /// Called before each call; may return a promise.
    Function(js_sys::Function),
}

/// A server and its credentials, as `setConfig` or the client class take them.
#[derive(Clone, Debug)]
pub(crate) struct JsConfig {
    pub base_url: String,
    pub auth: AuthSource,
    pub timeout_ms: Option<u32>,
    pub retry: RetryPolicy,
}

impl Default for JsConfig {
    fn default() -> Self {
        JsConfig {
            base_url: String::new(),
            auth: AuthSource::None,
            timeout_ms: Some(crate::client::DEFAULT_TIMEOUT_MS),
            retry: RetryPolicy::default(),
        }
    }
}

fn invalid(path: &str, message: &str) -> Error {
    let mut errors = FieldErrors::new();
    errors.add(path, message);
    Error::InvalidInput(errors)
}

fn auth_source(value: &JsValue) -> Result<Option<AuthSource>, Error> {
    if value.is_undefined() {
        return Ok(None);
    }
    if value.is_null() {
        return Ok(Some(AuthSource::None));
    }
    if let Some(text) = value.as_string() {
        return Ok(Some(AuthSource::Value(text)));
    }
    match value.dyn_ref::<js_sys::Function>() {
        Some(function) => Ok(Some(AuthSource::Function(function.clone()))),
        None => Err(invalid("auth", "expected the Authorization value (\"Token <key>\") or a function returning it")),
    }
}

impl JsConfig {
    /// Reads `{ baseUrl, auth, timeoutMs, retry }` over `self`.
    pub(crate) fn merged(&self, options: &JsValue) -> Result<JsConfig, Error> {
        let mut config = self.clone();
        let base_url = property(options, "baseUrl");
        if !base_url.is_undefined() {
            config.base_url = base_url.as_string().ok_or_else(|| invalid("baseUrl", "expected a string"))?;
        }
        if let Some(auth) = auth_source(&property(options, "auth"))? {
            config.auth = auth;
        }
        let timeout = property(options, "timeoutMs");
        if timeout.is_null() {
            config.timeout_ms = None;
        } else if !timeout.is_undefined() {
            config.timeout_ms = Some(
                number_property(options, "timeoutMs")
                    .ok_or_else(|| invalid("timeoutMs", "expected a number of milliseconds"))?,
            );
        }
        let retry = property(options, "retry");
        if retry.is_object() {
            let policy = &mut config.retry;
            policy.max_retries = number_property(&retry, "maxRetries").unwrap_or(policy.max_retries);
            policy.base_delay_ms = number_property(&retry, "baseDelayMs").unwrap_or(policy.base_delay_ms);
            policy.max_delay_ms = number_property(&retry, "maxDelayMs").unwrap_or(policy.max_delay_ms);
            policy.max_total_ms = number_property(&retry, "maxTotalMs").unwrap_or(policy.max_total_ms);
        }
        Ok(config)
    }

    /// A client for one call (the auth function is called now).
    pub(crate) async fn client(&self) -> Result<Client, Error> {
        let mut builder = Client::builder(&self.base_url).timeout_ms(self.timeout_ms).retry(self.retry);
        match &self.auth {
            AuthSource::None => {}
            AuthSource::Value(value) => builder = builder.authorization(value),
            AuthSource::Function(function) => {
                let mut value =
                    function.call0(&JsValue::NULL).map_err(|_| invalid("auth", "the auth function threw"))?;
                if let Some(promise) = value.dyn_ref::<Promise>() {
                    value = JsFuture::from(promise.clone())
                        .await
                        .map_err(|_| invalid("auth", "the auth promise was rejected"))?;
                }
                let text =
                    value.as_string().ok_or_else(|| invalid("auth", "the auth function must return a string"))?;
                builder = builder.authorization(&text);
            }
        }
        Ok(builder.build())
    }
}

thread_local! {
    static GLOBAL: RefCell<JsConfig> = RefCell::new(JsConfig::default());
}

/// The configuration given to `setConfig`.
#[cfg(feature = "elements")]
pub(crate) fn global_config() -> JsConfig {
    GLOBAL.with(|global| global.borrow().clone())
}

/// Configures the functions: `setConfig({ baseUrl, auth, timeoutMs, retry })`. `auth` is the
/// `Authorization` value (`"Token <key>"`) or a function returning it, as in hey-api.
#[wasm_bindgen(js_name = setConfig)]
pub fn set_config(#[wasm_bindgen(unchecked_param_type = "Config")] config: JsValue) -> Result<(), JsValue> {
    let current = GLOBAL.with(|global| global.borrow().clone());
    let merged = current.merged(&config).map_err(|e| js_error(&e))?;
    GLOBAL.with(|global| *global.borrow_mut() = merged);
    Ok(())
}

/// Per-call settings: `signal` and `timeoutMs`.
pub(crate) struct CallSettings {
    signal: Option<AbortSignal>,
    timeout_ms: Option<u32>,
}

pub(crate) fn call_settings(options: &JsValue) -> CallSettings {
    let signal = property(options, "signal").dyn_into::<web_sys::AbortSignal>().ok().map(|dom| AbortSignal::from(&dom));
    CallSettings { signal, timeout_ms: number_property(options, "timeoutMs") }
}

impl CallSettings {
    /// Applies the signal and the timeout to a call.
    pub(crate) fn apply<E>(&self, mut call: Call<E>) -> Call<E> {
        if let Some(signal) = &self.signal {
            call = call.signal(signal.clone());
        }
        if let Some(timeout) = self.timeout_ms {
            call = call.timeout_ms(timeout);
        }
        call
    }

    pub(crate) fn signal(&self) -> Option<AbortSignal> {
        self.signal.clone()
    }

    pub(crate) fn timeout_ms(&self) -> Option<u32> {
        self.timeout_ms
    }
}

/// Runs a call as a promise that rejects with a `WaldurMigrationsError`.
pub(crate) fn promise(work: impl Future<Output = Result<JsValue, Error>> + 'static) -> Promise {
    to_promise(Box::pin(work))
}

/// One instance of the promise adapter for every call (the boxed futures keep the wasm small).
fn to_promise(work: futures_util::future::LocalBoxFuture<'static, Result<JsValue, Error>>) -> Promise {
    future_to_promise(async move { work.await.map_err(|error| js_error(&error)) })
}

/// Sends `endpoint` with the global config and the call's options.
async fn send<E>(options: &JsValue, endpoint: E) -> Result<E::Output, Error>
where
    E: Endpoint + 'static,
    E::Output: 'static,
{
    let config = GLOBAL.with(|global| global.borrow().clone()).merged(options)?;
    let client = config.client().await?;
    call_settings(options).apply(client.call(endpoint)).into_future().await
}

/// `{ data }`.
fn data<T: Serialize>(value: &T) -> Result<JsValue, Error> {
    let object = Object::new();
    set(&object, "data", &to_js(value).map_err(|_| invalid("data", "could not be converted"))?);
    Ok(object.into())
}

/// The paging fields shared by list results and pages.
pub(crate) fn page_object<T: Serialize>(page: &Page<T>, items_key: &str) -> Result<JsValue, Error> {
    let object = Object::new();
    let convert = |value: Result<JsValue, JsValue>| value.map_err(|_| invalid("data", "could not be converted"));
    set(&object, items_key, &convert(to_js(&page.items))?);
    let number = |value: Option<u32>| value.map_or(JsValue::NULL, JsValue::from);
    set(&object, "total", &page.total.map_or(JsValue::NULL, |total| JsValue::from(total as f64)));
    set(&object, "page", &JsValue::from(page.page));
    set(&object, "pageSize", &JsValue::from(page.page_size));
    set(&object, "pages", &number(page.page_count()));
    set(&object, "next", &number(page.next_page()));
    set(&object, "previous", &number(page.prev_page()));
    set(&object, "links", &convert(to_js(&page.links))?);
    Ok(object.into())
}

fn uuid_of(options: &JsValue) -> Result<String, Error> {
    string_property(&property(options, "path"), "uuid")
        .ok_or_else(|| invalid("path.uuid", crate::validate::texts::REQUIRED))
}

/// `GET /api/openstack-migrations/`: `{ data, total, page, pageSize, pages, next, previous, links }`.
#[wasm_bindgen(js_name = openstackMigrationsList, unchecked_return_type = "Promise<ListResult>")]
pub fn openstack_migrations_list(
    #[wasm_bindgen(unchecked_optional_param_type = "ListOptions")] options: Option<JsValue>,
) -> Promise {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    promise(async move {
        let query: ListQuery = from_js(&property(&options, "query"), "query")?;
        let page = send(&options, crate::endpoints::ListMigrations { query }).await?;
        page_object(&page, "data")
    })
}

/// `HEAD /api/openstack-migrations/`: `{ data: count }`.
#[wasm_bindgen(js_name = openstackMigrationsCount, unchecked_return_type = "Promise<CountResult>")]
pub fn openstack_migrations_count(
    #[wasm_bindgen(unchecked_optional_param_type = "CountOptions")] options: Option<JsValue>,
) -> Promise {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    promise(async move {
        let query: ListQuery = from_js(&property(&options, "query"), "query")?;
        data(&send(&options, crate::endpoints::CountMigrations { query }).await?)
    })
}

/// `GET /api/openstack-migrations/{uuid}/`: `{ data }`.
#[wasm_bindgen(js_name = openstackMigrationsRetrieve, unchecked_return_type = "Promise<DataResult<MigrationDetails>>")]
pub fn openstack_migrations_retrieve(
    #[wasm_bindgen(unchecked_param_type = "PathOptions")] options: JsValue,
) -> Promise {
    promise(async move {
        let uuid = uuid_of(&options)?;
        data(&send(&options, crate::endpoints::RetrieveMigration { uuid }).await?)
    })
}

/// The create result: the full migration (`shape: "full"`) or the documented short body.
pub(crate) fn created_result(created: &CreatedMigration) -> Result<JsValue, Error> {
    let result = match created {
        CreatedMigration::Full(details) => data(details.as_ref())?,
        CreatedMigration::Documented(short) => data(short)?,
    };
    let shape = if matches!(created, CreatedMigration::Full(_)) { "full" } else { "documented" };
    set(result.unchecked_ref(), "shape", &shape.into());
    Ok(result)
}

/// `POST /api/openstack-migrations/`: `{ data, shape }`; validated before sending.
#[wasm_bindgen(js_name = openstackMigrationsCreate, unchecked_return_type = "Promise<CreateResult>")]
pub fn openstack_migrations_create(
    #[wasm_bindgen(unchecked_param_type = "CreateOptions")] options: JsValue,
) -> Promise {
    promise(async move {
        let body: MigrationCreateRequest = from_js(&property(&options, "body"), "body")?;
        created_result(&send(&options, crate::endpoints::CreateMigration { body }).await?)
    })
}

/// `PUT /api/openstack-migrations/{uuid}/`: `{ data }`.
#[wasm_bindgen(js_name = openstackMigrationsUpdate, unchecked_return_type = "Promise<DataResult<MigrationDetails>>")]
pub fn openstack_migrations_update(
    #[wasm_bindgen(unchecked_param_type = "UpdateOptions")] options: JsValue,
) -> Promise {
    promise(async move {
        let uuid = uuid_of(&options)?;
        let body: MigrationDetailsRequest = from_js(&property(&options, "body"), "body")?;
        let updated: MigrationDetails = send(&options, crate::endpoints::UpdateMigration { uuid, body }).await?;
        data(&updated)
    })
}

/// `PATCH /api/openstack-migrations/{uuid}/`: `{ data }`.
#[wasm_bindgen(js_name = openstackMigrationsPartialUpdate, unchecked_return_type = "Promise<DataResult<MigrationDetails>>")]
pub fn openstack_migrations_partial_update(
    #[wasm_bindgen(unchecked_param_type = "PartialUpdateOptions")] options: JsValue,
) -> Promise {
    promise(async move {
        let uuid = uuid_of(&options)?;
        let body: PatchedMigrationDetailsRequest = from_js(&property(&options, "body"), "body")?;
        data(&send(&options, crate::endpoints::PartialUpdateMigration { uuid, body }).await?)
    })
}

/// `DELETE /api/openstack-migrations/{uuid}/`: `{ data: undefined }`.
#[wasm_bindgen(js_name = openstackMigrationsDestroy, unchecked_return_type = "Promise<DestroyResult>")]
pub fn openstack_migrations_destroy(#[wasm_bindgen(unchecked_param_type = "PathOptions")] options: JsValue) -> Promise {
    promise(async move {
        let uuid = uuid_of(&options)?;
        send(&options, crate::endpoints::DestroyMigration { uuid }).await?;
        let object = Object::new();
        set(&object, "data", &JsValue::UNDEFINED);
        Ok(object.into())
    })
}
