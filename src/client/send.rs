//! The one send path every call takes: credentials, retries with backoff, the call's timeout
//! and abort signal. Not generic, so the wasm holds it once.

use crate::prelude::*;

use super::ClientInner;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::retry::{Attempts, Next};
use crate::transport::{AbortSignal, TransportRequest};
use alloc::rc::Rc;
use futures_util::future::{self, Either, LocalBoxFuture};

/// Sends `request`, retrying as the policy allows, until it answers, fails, times out or is
/// aborted. Timing out or aborting drops the attempt in flight, which aborts its fetch.
pub(super) fn send(
    inner: Rc<ClientInner>,
    request: HttpRequest,
    signal: Option<AbortSignal>,
    timeout_ms: Option<u32>,
) -> LocalBoxFuture<'static, Result<HttpResponse, Error>> {
    Box::pin(async move {
        if signal.as_ref().is_some_and(AbortSignal::is_aborted) {
            return Err(Error::Aborted);
        }
        // An abort wins over a timeout, and both over an answer that arrives at the same time.
        let deadline = timeout_ms.map(|ms| inner.transport.sleep(u64::from(ms)));
        let attempts = attempts(inner, request, timeout_ms);
        let limited = match deadline {
            Some(deadline) => Either::Left(async move {
                match future::select(deadline, attempts).await {
                    Either::Left(_) => Err(Error::Timeout(timeout_ms.unwrap_or(0))),
                    Either::Right((result, _)) => result,
                }
            }),
            None => Either::Right(attempts),
        };
        match signal {
            Some(signal) => match future::select(signal.aborted(), Box::pin(limited)).await {
                Either::Left(_) => Err(Error::Aborted),
                Either::Right((result, _)) => result,
            },
            None => limited.await,
        }
    })
}

/// The attempts of one call, as [`Attempts`] says.
fn attempts(
    inner: Rc<ClientInner>,
    request: HttpRequest,
    timeout_ms: Option<u32>,
) -> LocalBoxFuture<'static, Result<HttpResponse, Error>> {
    Box::pin(async move {
        let url = request.url(&inner.base_url);
        let headers =
            request.headers(inner.authorization.as_ref().map(|auth| auth.0.as_str()), inner.language.as_deref());
        let transport = &inner.transport;
        let mut state = Attempts::new(request.method, timeout_ms, transport.now_ms());
        loop {
            let attempt = transport.send(TransportRequest {
                method: request.method,
                url: url.clone(),
                headers: headers.clone(),
                body: request.body.clone(),
            });
            let ended = attempt.await;
            match state.after(&inner.retry, ended, transport.now_ms(), transport.random()) {
                Next::Done(result) => return result,
                Next::Retry(delay) => transport.sleep(delay).await,
            }
        }
    })
}
