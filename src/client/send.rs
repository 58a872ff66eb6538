//! The one send path every call takes: credentials, retries with backoff, the call's timeout
//! and abort signal. Not generic, so the wasm holds it once; one hand-written future, where
//! async blocks raced by combinators were each a state machine of their own.

use crate::prelude::*;

use super::ClientInner;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::retry::{Attempts, Next};
use crate::transport::{AbortSignal, Aborted, TransportError, TransportRequest};
use alloc::rc::Rc;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use futures_util::future::LocalBoxFuture;

/// Sends `request`, retrying as the policy allows, until it answers, fails, times out or is
/// aborted. Timing out or aborting drops the attempt in flight, which aborts its fetch.
pub(super) fn send(
    inner: Rc<ClientInner>,
    request: HttpRequest,
    signal: Option<AbortSignal>,
    timeout_ms: Option<u32>,
) -> LocalBoxFuture<'static, Result<HttpResponse, Error>> {
    Box::pin(Sending { inner, request, signal, timeout_ms, started: None })
}

/// A call being sent; nothing starts before it is first polled.
struct Sending {
    inner: Rc<ClientInner>,
    request: HttpRequest,
    signal: Option<AbortSignal>,
    timeout_ms: Option<u32>,
    started: Option<Started>,
}

/// A call under way: its attempt in flight or the wait before the next, raced against its
/// deadline and its abort signal.
struct Started {
    attempt: TransportRequest,
    attempts: Attempts,
    step: Step,
    deadline: Option<LocalBoxFuture<'static, ()>>,
    aborted: Option<Aborted>,
}

/// What a call waits for: an attempt's answer, or the time before the next attempt.
enum Step {
    Attempt(LocalBoxFuture<'static, Result<HttpResponse, TransportError>>),
    Wait(LocalBoxFuture<'static, ()>),
}

impl Sending {
    /// The first attempt, the deadline and the abort signal, as the call is first polled.
    fn start(&self) -> Started {
        let (inner, request) = (&self.inner, &self.request);
        let transport = &inner.transport;
        let attempt = TransportRequest {
            method: request.method,
            url: request.url(&inner.base_url),
            headers: request
                .headers(inner.authorization.as_ref().map(|auth| auth.0.as_str()), inner.language.as_deref()),
            body: request.body.clone(),
        };
        Started {
            attempts: Attempts::new(request.method, self.timeout_ms, transport.now_ms()),
            step: Step::Attempt(transport.send(attempt.clone())),
            attempt,
            deadline: self.timeout_ms.map(|ms| transport.sleep(u64::from(ms))),
            aborted: self.signal.as_ref().map(AbortSignal::aborted),
        }
    }
}

impl Future for Sending {
    type Output = Result<HttpResponse, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if this.started.is_none() {
            if this.signal.as_ref().is_some_and(AbortSignal::is_aborted) {
                return Poll::Ready(Err(Error::Aborted));
            }
            this.started = Some(this.start());
        }
        let Some(call) = &mut this.started else { return Poll::Pending };
        // An abort wins over a timeout, and both over an answer that arrives at the same time.
        if call.aborted.as_mut().is_some_and(|aborted| Pin::new(aborted).poll(cx).is_ready()) {
            return Poll::Ready(Err(Error::Aborted));
        }
        if call.deadline.as_mut().is_some_and(|deadline| deadline.as_mut().poll(cx).is_ready()) {
            return Poll::Ready(Err(Error::Timeout(this.timeout_ms.unwrap_or(0))));
        }
        let transport = &this.inner.transport;
        loop {
            match &mut call.step {
                Step::Attempt(attempt) => {
                    let Poll::Ready(ended) = attempt.as_mut().poll(cx) else { return Poll::Pending };
                    match call.attempts.after(&this.inner.retry, ended, transport.now_ms(), transport.random()) {
                        Next::Done(result) => return Poll::Ready(result),
                        Next::Retry(delay) => call.step = Step::Wait(transport.sleep(delay)),
                    }
                }
                Step::Wait(wait) => {
                    let Poll::Ready(()) = wait.as_mut().poll(cx) else { return Poll::Pending };
                    call.step = Step::Attempt(transport.send(call.attempt.clone()));
                }
            }
        }
    }
}
