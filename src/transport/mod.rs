//! The only part that does I/O: sending a request and sleeping. [`FetchTransport`] uses the
//! platform `fetch` on wasm (browsers and Node 20); tests can plug in their own [`Transport`].
//! Timeouts and aborts are the client's: it drops an attempt's future, and dropping a
//! transport's future must abort the request.

use crate::prelude::*;

mod abort;
#[cfg(target_arch = "wasm32")]
mod fetch;

pub use abort::{AbortController, AbortSignal, Aborted};
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) use fetch::drive;
#[cfg(all(target_arch = "wasm32", feature = "page"))]
pub(crate) use fetch::reachable;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) use fetch::response_of;
#[cfg(target_arch = "wasm32")]
pub use fetch::FetchTransport;

pub use crate::http::TransportError;
use crate::http::{HttpResponse, Method};
use core::fmt;
use futures_util::future::LocalBoxFuture;

/// One attempt, ready to send.
#[derive(Clone)]
pub struct TransportRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL.
    pub url: String,
    /// Headers, `Authorization` included (never shown by `Debug`).
    pub headers: Vec<(&'static str, String)>,
    /// JSON body.
    pub body: Option<String>,
}

impl fmt::Debug for TransportRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| (*name, if name.eq_ignore_ascii_case("authorization") { "<redacted>" } else { value }))
            .collect();
        f.debug_struct("TransportRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

/// Sends requests and waits.
pub trait Transport {
    /// Sends one attempt; the response carries at least [`HttpResponse::HEADERS_READ`] and
    /// its whole body. Dropping the future aborts the request.
    fn send(&self, request: TransportRequest) -> LocalBoxFuture<'static, Result<HttpResponse, TransportError>>;

    /// Completes after `ms` milliseconds.
    fn sleep(&self, ms: u64) -> LocalBoxFuture<'static, ()>;

    /// A monotonic-enough clock in milliseconds.
    fn now_ms(&self) -> f64;

    /// A number in `[0, 1)` for backoff jitter.
    fn random(&self) -> f64;
}
