//! [`Transport`] over the platform `fetch` (browsers, workers, Node 20), with an
//! `AbortController` per attempt that fires on timeout, on the caller's signal and on drop.

use super::{Transport, TransportError, TransportRequest};
use crate::http::HttpResponse;
use futures_util::future::LocalBoxFuture;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, which exists without `window` too (Node, workers).
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(request: &web_sys::Request) -> js_sys::Promise;
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

fn error_message(error: &JsValue) -> String {
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        let message = String::from(error.message());
        // Node's undici puts the useful part (ECONNREFUSED, ...) in `cause`.
        let cause = js_sys::Reflect::get(error, &JsValue::from_str("cause"))
            .ok()
            .and_then(|cause| cause.dyn_ref::<js_sys::Error>().map(|cause| String::from(cause.message())));
        return match cause {
            Some(cause) if !cause.is_empty() => format!("{message} ({cause})"),
            _ => message,
        };
    }
    error.as_string().unwrap_or_else(|| "fetch failed".to_owned())
}

async fn send(request: TransportRequest) -> Result<HttpResponse, TransportError> {
    let network = |error: JsValue| TransportError::Network(error_message(&error));
    if request.signal.as_ref().is_some_and(|signal| signal.is_aborted()) {
        return Err(TransportError::Aborted);
    }
    let controller = web_sys::AbortController::new().map_err(network)?;
    let mut guard = AbortOnDrop { controller: controller.clone(), done: false };
    let timed_out = Rc::new(Cell::new(false));
    let _timer = request.timeout_ms.map(|ms| {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        gloo_timers::callback::Timeout::new(ms, move || {
            timed_out.set(true);
            controller.abort();
        })
    });
    let _listener = request.signal.as_ref().map(|signal| {
        let controller = controller.clone();
        signal.on_abort(move || controller.abort())
    });
    let classify = |error: JsValue| {
        if timed_out.get() {
            TransportError::Timeout
        } else if controller.signal().aborted() {
            TransportError::Aborted
        } else {
            network(error)
        }
    };

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
        JsFuture::from(global_fetch(&dom_request)).await.map_err(&classify)?.dyn_into().map_err(network)?;
    let status = response.status();
    let dom_headers = response.headers();
    let headers = HttpResponse::HEADERS_READ
        .iter()
        .filter_map(|name| dom_headers.get(name).ok().flatten().map(|value| ((*name).to_owned(), value)))
        .collect();
    // The body as bytes: one copy into wasm memory, no UTF-16 round trip through a JS string.
    let buffer = response.array_buffer().map_err(network)?;
    let bytes = js_sys::Uint8Array::new(&JsFuture::from(buffer).await.map_err(&classify)?).to_vec();
    let body = String::from_utf8(bytes).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    guard.done = true;
    Ok(HttpResponse { status, headers, body })
}

impl Transport for FetchTransport {
    fn send(&self, request: TransportRequest) -> LocalBoxFuture<'static, Result<HttpResponse, TransportError>> {
        Box::pin(send(request))
    }

    fn sleep(&self, ms: u64) -> LocalBoxFuture<'static, ()> {
        let ms = u32::try_from(ms).unwrap_or(u32::MAX);
        Box::pin(gloo_timers::future::TimeoutFuture::new(ms))
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}
