//! The one send path every call takes: credentials, retries with backoff, the call's timeout
//! and abort signal. Not generic, so the wasm holds it once.

use crate::prelude::*;

use super::ClientInner;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::retry::{parse_retry_after, AttemptOutcome};
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

/// The attempts of one call. A retry is not started when its backoff would end after the
/// timeout: the last answer is then the more useful error.
fn attempts(
    inner: Rc<ClientInner>,
    request: HttpRequest,
    timeout_ms: Option<u32>,
) -> LocalBoxFuture<'static, Result<HttpResponse, Error>> {
    Box::pin(async move {
        let url = request.url(&inner.base_url);
        let headers =
            request.headers(inner.authorization.as_ref().map(|auth| auth.0.as_str()), inner.language.as_deref());
        let started = inner.transport.now_ms();
        let elapsed = || (inner.transport.now_ms() - started).max(0.0) as u64;
        let mut retries = 0;
        let mut lost_answer = false;
        loop {
            let attempt = inner.transport.send(TransportRequest {
                method: request.method,
                url: url.clone(),
                headers: headers.clone(),
                body: request.body.clone(),
            });
            let (outcome, result) = match attempt.await {
                Ok(mut response) => {
                    response.after_lost_answer = lost_answer;
                    // A gateway that gave up waiting (502, 504) may have let the request through.
                    lost_answer |= matches!(response.status, 502 | 504);
                    let retry_after_ms = parse_retry_after(response.header("retry-after"));
                    (AttemptOutcome::Response { status: response.status, retry_after_ms }, Ok(response))
                }
                Err(error) => {
                    lost_answer = true;
                    (AttemptOutcome::NetworkError, Err(Error::Network(error.0)))
                }
            };
            let delay = inner
                .retry
                .delay_before_retry(request.method, outcome, retries, elapsed(), inner.transport.random())
                .filter(|delay| timeout_ms.is_none_or(|limit| elapsed() + delay < u64::from(limit)));
            let Some(delay) = delay else {
                return result;
            };
            inner.transport.sleep(delay).await;
            retries += 1;
        }
    })
}
