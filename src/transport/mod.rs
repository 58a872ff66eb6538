//! The only part that does I/O: sending a request and sleeping. [`FetchTransport`] uses the
//! platform `fetch` on wasm (browsers and Node 20); tests can plug in their own [`Transport`].

mod abort;
#[cfg(target_arch = "wasm32")]
mod fetch;

pub use abort::{AbortController, AbortListener, AbortSignal, Aborted};
#[cfg(target_arch = "wasm32")]
pub use fetch::FetchTransport;

use crate::http::{HttpResponse, Method};
use futures_util::future::LocalBoxFuture;

/// One attempt, ready to send.
#[derive(Clone, Debug)]
pub struct TransportRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL.
    pub url: String,
    /// Headers, `Authorization` included.
    pub headers: Vec<(&'static str, String)>,
    /// JSON body.
    pub body: Option<String>,
    /// Give up after this long (the transport aborts the attempt).
    pub timeout_ms: Option<u32>,
    /// Give up when this fires.
    pub signal: Option<AbortSignal>,
}

/// Why an attempt got no response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// No response: the platform's message.
    Network(String),
    /// `timeout_ms` passed.
    Timeout,
    /// The signal fired.
    Aborted,
}

/// Sends requests and waits. Dropping a future returned by [`Transport::send`] must abort the
/// request.
pub trait Transport {
    /// Sends one attempt; the response carries at least [`HttpResponse::HEADERS_READ`].
    fn send(&self, request: TransportRequest) -> LocalBoxFuture<'static, Result<HttpResponse, TransportError>>;

    /// Completes after `ms` milliseconds.
    fn sleep(&self, ms: u64) -> LocalBoxFuture<'static, ()>;

    /// A monotonic-enough clock in milliseconds.
    fn now_ms(&self) -> f64;

    /// A number in `[0, 1)` for backoff jitter.
    fn random(&self) -> f64;
}
