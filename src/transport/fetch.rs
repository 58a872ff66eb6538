//! [`Transport`] over the platform `fetch` (browsers, workers, Node 20), with an
//! `AbortController` per attempt that fires when the attempt is dropped (timeout, abort, a
//! component leaving the page). The body stays a JS string; a JSON body is parsed by the engine.

use crate::prelude::*;

use super::{Transport, TransportError, TransportRequest};
use crate::http::{Body, HttpResponse};
use futures_util::future::LocalBoxFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, which exists without `window` too (Node, workers).
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(request: &web_sys::Request) -> js_sys::Promise;

    /// The global `setTimeout` (browsers, workers, Node).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: u32) -> JsValue;

    /// The global `clearTimeout`.
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// A timer, cleared when its sleep is dropped before it fires (a call's deadline once the
/// call has ended): a pending timer would keep Node running until it fires.
struct Timer(JsValue);

impl Drop for Timer {
    fn drop(&mut self) {
        clear_timeout(&self.0);
    }
}

/// A promise that resolves after `ms` milliseconds, and its timer.
fn delay(ms: u32) -> (js_sys::Promise, Timer) {
    let mut id = JsValue::UNDEFINED;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        id = set_timeout(&resolve, ms);
    });
    (promise, Timer(id))
}

/// Sends requests with `fetch`.
#[derive(Clone, Copy, Debug, Default)]
pub struct FetchTransport;

/// Aborts the attempt's controller if the attempt is dropped before it finished.
struct AbortOnDrop {
    controller: web_sys::AbortController,
    done: bool,
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if !self.done {
            self.controller.abort();
        }
    }
}

fn network(error: JsValue) -> TransportError {
    let Some(error) = error.dyn_ref::<js_sys::Error>() else {
        return TransportError(error.as_string().unwrap_or_else(|| "fetch failed".to_owned()));
    };
    let mut message = String::from(error.message());
    // Node's undici puts the useful part (ECONNREFUSED, ...) in `cause`.
    let cause = js_sys::Reflect::get(error, &JsValue::from_str("cause"))
        .ok()
        .and_then(|cause| cause.dyn_ref::<js_sys::Error>().map(|cause| String::from(cause.message())));
    if let Some(cause) = cause.filter(|cause| !cause.is_empty()) {
        message.push_str(" (");
        message.push_str(&cause);
        message.push(')');
    }
    TransportError(message)
}

async fn send(request: TransportRequest) -> Result<HttpResponse, TransportError> {
    let controller = web_sys::AbortController::new().map_err(network)?;
    let mut guard = AbortOnDrop { controller: controller.clone(), done: false };
    let headers = web_sys::Headers::new().map_err(network)?;
    for (name, value) in &request.headers {
        headers.append(name, value).map_err(network)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_headers(&headers);
    init.set_signal(Some(&controller.signal()));
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    let dom_request = web_sys::Request::new_with_str_and_init(&request.url, &init).map_err(network)?;
    let response: web_sys::Response =
        JsFuture::from(global_fetch(&dom_request)).await.map_err(network)?.dyn_into().map_err(network)?;
    let status = response.status();
    let dom_headers = response.headers();
    let mut headers = Vec::new();
    for name in HttpResponse::HEADERS_READ {
        if let Some(value) = dom_headers.get(name).ok().flatten() {
            headers.push((name.to_owned(), value));
        }
    }
    let text = JsFuture::from(response.text().map_err(network)?).await.map_err(network)?;
    guard.done = true;
    let body = Body::from_js(text.dyn_into().unwrap_or_else(|_| js_sys::JsString::from("")));
    Ok(HttpResponse { status, headers, body, after_lost_answer: false })
}

impl Transport for FetchTransport {
    fn send(&self, request: TransportRequest) -> LocalBoxFuture<'static, Result<HttpResponse, TransportError>> {
        Box::pin(send(request))
    }

    fn sleep(&self, ms: u64) -> LocalBoxFuture<'static, ()> {
        // Timers hold at most 2^31 - 1 ms: a longer one would fire at once.
        let ms = u32::try_from(ms.min(2_147_483_647)).unwrap_or(0);
        let (promise, timer) = delay(ms);
        let fired = JsFuture::from(promise);
        Box::pin(async move {
            let _timer = timer;
            let _ = fired.await;
        })
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}
