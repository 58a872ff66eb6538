//! [`Transport`] over the platform `fetch` (browsers, workers, Node 20), through `fetchOnce` of
//! `fetch.js`, with an `AbortController` per attempt that fires when the attempt is dropped
//! (timeout, abort, a component leaving the page). The body stays a JS string; a JSON body is
//! parsed by the engine.

use crate::prelude::*;

use super::{Transport, TransportError, TransportRequest};
use crate::http::{Body, HttpResponse};
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use futures_util::future::LocalBoxFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/transport/fetch.js")]
extern "C" {
    /// One attempt: `[status, ...HEADERS_READ (null when absent), body text]`, or a rejection
    /// with the platform's message.
    #[wasm_bindgen(js_name = fetchOnce)]
    fn fetch_once(
        method: &str,
        url: &str,
        headers: js_sys::Array,
        body: Option<String>,
        signal: &web_sys::AbortSignal,
    ) -> js_sys::Promise;

    /// Resolves `true` when something answers at `url` to a `no-cors` GET.
    #[cfg(feature = "page")]
    pub(crate) fn reachable(url: &str) -> js_sys::Promise;

    /// Runs a planned call (the JS bindings' jobs, `src/js/job.rs`) to its end.
    #[cfg(feature = "js")]
    pub(crate) fn drive(job: JsValue, auth: &JsValue, signal: &JsValue) -> js_sys::Promise;
}

#[wasm_bindgen]
extern "C" {
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

/// One attempt in flight: its answer to come, and the controller that aborts its fetch if the
/// attempt is dropped before it finished.
struct Attempt {
    answer: JsFuture,
    controller: web_sys::AbortController,
    done: bool,
}

impl Future for Attempt {
    type Output = Result<HttpResponse, TransportError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let Poll::Ready(answer) = Pin::new(&mut this.answer).poll(cx) else { return Poll::Pending };
        this.done = true;
        Poll::Ready(match answer {
            Ok(answer) => Ok(response_of(answer.unchecked_ref())),
            Err(message) => Err(TransportError(message.as_string().unwrap_or_else(|| "fetch failed".to_owned()))),
        })
    }
}

impl Drop for Attempt {
    fn drop(&mut self) {
        if !self.done {
            self.controller.abort();
        }
    }
}

/// Waits for a timer, which is cleared if the wait is dropped first.
struct Sleep {
    fired: JsFuture,
    _timer: Timer,
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        Pin::new(&mut self.get_mut().fired).poll(cx).map(|_| ())
    }
}

/// The response an answer of `fetchOnce` (`[status, ...HEADERS_READ, body text]`) stands for.
pub(crate) fn response_of(answer: &js_sys::Array) -> HttpResponse {
    let mut headers = Vec::new();
    for (at, name) in HttpResponse::HEADERS_READ.iter().enumerate() {
        if let Some(value) = answer.get(at as u32 + 1).as_string() {
            headers.push(((*name).to_owned(), value));
        }
    }
    let status = answer.get(0).as_f64().map_or(0, |status| status as u16);
    let body = Body::from_js(answer.get(5).dyn_into().unwrap_or_else(|_| js_sys::JsString::from("")));
    HttpResponse { status, headers, body, after_lost_answer: false }
}

impl Transport for FetchTransport {
    fn send(&self, request: TransportRequest) -> LocalBoxFuture<'static, Result<HttpResponse, TransportError>> {
        let Ok(controller) = web_sys::AbortController::new() else {
            return Box::pin(core::future::ready(Err(TransportError("fetch failed".to_owned()))));
        };
        let headers = js_sys::Array::new();
        for (name, value) in &request.headers {
            headers.push(&JsValue::from_str(name));
            headers.push(&JsValue::from_str(value));
        }
        let sending = fetch_once(request.method.as_str(), &request.url, headers, request.body, &controller.signal());
        Box::pin(Attempt { answer: JsFuture::from(sending), controller, done: false })
    }

    fn sleep(&self, ms: u64) -> LocalBoxFuture<'static, ()> {
        // Timers hold at most 2^31 - 1 ms: a longer one would fire at once.
        let ms = u32::try_from(ms.min(2_147_483_647)).unwrap_or(0);
        let (promise, timer) = delay(ms);
        Box::pin(Sleep { fired: JsFuture::from(promise), _timer: timer })
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}
