//! A server and its credentials as JS gives them (`setConfig`, the client class, per call):
//! `{ baseUrl, auth, timeoutMs, retry, language }`.

use crate::prelude::*;

use super::invalid_input;
use crate::global::Global;
use crate::json::Json;
use crate::model::decode::{whole, Fields};
use crate::{Error, RetryPolicy};
use core::cell::RefCell;
use core::fmt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Where the `Authorization` value comes from.
#[derive(Clone)]
pub(crate) enum AuthSource {
    /// No credentials.
    None,
    /// Sent verbatim (`Token <key>`, `Bearer <token>`).
    Value(String),
    /// Called before each call; may return a promise.
    Function(js_sys::Function),
}

impl fmt::Debug for AuthSource {
    /// Never shows the credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AuthSource::None => "None",
            AuthSource::Value(_) => "Value(<redacted>)",
            AuthSource::Function(_) => "Function",
        })
    }
}

/// A server and its credentials.
#[derive(Clone, Debug)]
pub(crate) struct JsConfig {
    pub base_url: String,
    pub auth: AuthSource,
    pub timeout_ms: Option<u32>,
    pub retry: RetryPolicy,
    /// Sent as `Accept-Language`, so the server's messages match the interface's language.
    pub language: Option<String>,
}

impl Default for JsConfig {
    fn default() -> Self {
        JsConfig {
            base_url: String::new(),
            auth: AuthSource::None,
            timeout_ms: Some(crate::client::DEFAULT_TIMEOUT_MS),
            retry: RetryPolicy::default(),
            language: None,
        }
    }
}

fn auth_source(value: &JsValue) -> Result<AuthSource, Error> {
    if value.is_null() {
        return Ok(AuthSource::None);
    }
    if let Some(text) = value.as_string() {
        return Ok(AuthSource::Value(text));
    }
    match value.dyn_ref::<js_sys::Function>() {
        Some(function) => Ok(AuthSource::Function(function.clone())),
        None => Err(crate::endpoints::invalid(
            "auth",
            "expected the Authorization value (\"Token <key>\") or a function returning it",
        )),
    }
}

impl JsConfig {
    /// `{ baseUrl, auth, timeoutMs, retry, language }` read over `self` (absent keys keep it).
    pub(crate) fn merged(&self, options: &Json) -> Result<JsConfig, Error> {
        let mut config = self.clone();
        if options.kind() == crate::json::Kind::Null {
            return Ok(config);
        }
        let fields = Fields::of(options).map_err(|m| invalid_input("options", m))?;
        if let Some(base_url) = fields.opt_text("baseUrl").map_err(|m| invalid_input("", m))? {
            config.base_url = base_url;
        }
        if let Some(auth) = fields.raw("auth") {
            config.auth = auth_source(auth.as_js())?;
        }
        match fields.raw("timeoutMs") {
            Some(value) if value.as_js().is_null() => config.timeout_ms = None,
            Some(value) => config.timeout_ms = Some(whole(&value).map_err(|m| invalid_input("timeoutMs", m))?),
            None => {}
        }
        if let Some(retry) = fields.raw("retry") {
            let retry = Fields::of(&retry).map_err(|m| invalid_input("retry", m))?;
            let policy = &mut config.retry;
            let read = |key| retry.whole(key).map_err(|m| invalid_input("retry", m));
            policy.max_retries = read("maxRetries")?.unwrap_or(policy.max_retries);
            policy.base_delay_ms = read("baseDelayMs")?.unwrap_or(policy.base_delay_ms);
            policy.max_delay_ms = read("maxDelayMs")?.unwrap_or(policy.max_delay_ms);
            policy.max_total_ms = read("maxTotalMs")?.unwrap_or(policy.max_total_ms);
        }
        if let Some(language) = fields.opt_text("language").map_err(|m| invalid_input("", m))? {
            config.language = Some(language).filter(|l| !l.trim().is_empty());
        }
        Ok(config)
    }

    /// A client for one call (the auth function is called now): the custom elements' client.
    #[cfg(feature = "elements")]
    pub(crate) async fn client(&self) -> Result<crate::Client, Error> {
        use crate::Client;
        use wasm_bindgen_futures::JsFuture;
        let mut builder = Client::builder(&self.base_url).timeout_ms(self.timeout_ms).retry(self.retry);
        if let Some(language) = &self.language {
            builder = builder.language(language);
        }
        match &self.auth {
            AuthSource::None => {}
            AuthSource::Value(value) => builder = builder.authorization(value),
            AuthSource::Function(function) => {
                let failed = || Error::usage("the auth function threw or its promise was rejected");
                let mut value = function.call0(&JsValue::NULL).map_err(|_| failed())?;
                if let Some(promise) = value.dyn_ref::<js_sys::Promise>() {
                    value = JsFuture::from(promise.clone()).await.map_err(|_| failed())?;
                }
                let text = value.as_string().ok_or_else(|| Error::usage("the auth function must return a string"))?;
                builder = builder.authorization(&text);
            }
        }
        Ok(builder.build())
    }
}

/// The configuration given to `setConfig` (none yet: the defaults).
static GLOBAL: Global<RefCell<Option<JsConfig>>> = Global::new(RefCell::new(None));

/// The configuration given to `setConfig`.
pub(crate) fn global_config() -> JsConfig {
    GLOBAL.with(|global| global.borrow().clone()).unwrap_or_default()
}

/// Configures the functions and the elements: `setConfig({ baseUrl, auth, timeoutMs, retry,
/// language })`. `auth` is the `Authorization` value (`"Token <key>"`) or a function returning
/// it, as in hey-api.
#[wasm_bindgen(js_name = setConfig)]
pub fn set_config(#[wasm_bindgen(unchecked_param_type = "Config")] config: JsValue) -> Result<(), JsValue> {
    let merged = global_config().merged(&Json::from_js(config)).map_err(|e| super::js_error(&e))?;
    GLOBAL.with(|global| *global.borrow_mut() = Some(merged));
    Ok(())
}
