//! A prepared call: an endpoint with its signal and timeout. Awaiting it runs the client's one
//! send path (not generic) and then the endpoint's parser; the only code per endpoint type is
//! a small future that hands the response to the parser.

use super::Client;
use crate::endpoints::Endpoint;
use crate::error::Error;
use crate::http::HttpResponse;
use crate::transport::AbortSignal;
use core::future::{Future, IntoFuture};
use core::pin::Pin;
use core::task::{Context, Poll};
use futures_util::future::LocalBoxFuture;

/// A prepared call: await it, or first set a signal or a timeout.
///
/// ```no_run
/// # async fn example(client: waldur_migrations::Client) -> Result<(), waldur_migrations::Error> {
/// use waldur_migrations::AbortController;
/// let controller = AbortController::new();
/// let count = client.count(Default::default()).signal(controller.signal()).timeout_ms(5_000).await?;
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until awaited"]
pub struct Call<E> {
    pub(super) client: Client,
    pub(super) endpoint: E,
    pub(super) signal: Option<AbortSignal>,
    pub(super) timeout_ms: Option<Option<u32>>,
}

impl<E> Call<E> {
    /// Aborts the call when `signal` fires.
    pub fn signal(mut self, signal: AbortSignal) -> Self {
        self.signal = Some(signal);
        self
    }

    /// Aborts the call when `signal` fires, if there is one.
    pub fn maybe_signal(mut self, signal: Option<AbortSignal>) -> Self {
        self.signal = signal.or(self.signal);
        self
    }

    /// Sets this call's timeout, retries included (overrides the client's).
    pub fn timeout_ms(mut self, timeout_ms: u32) -> Self {
        self.timeout_ms = Some(Some(timeout_ms));
        self
    }

    /// Lets this call wait forever (overrides the client's timeout).
    pub fn no_timeout(mut self) -> Self {
        self.timeout_ms = Some(None);
        self
    }
}

/// The future of a [`Call`]: the shared send, then the endpoint's parser.
#[must_use = "futures do nothing unless polled"]
pub struct CallFuture<E> {
    endpoint: E,
    sending: Result<LocalBoxFuture<'static, Result<HttpResponse, Error>>, Option<Error>>,
}

impl<E: Endpoint + Unpin> Future for CallFuture<E> {
    type Output = Result<E::Output, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        match &mut this.sending {
            Err(error) => {
                Poll::Ready(Err(error.take().unwrap_or_else(|| Error::usage("a call was polled after it ended"))))
            }
            Ok(sending) => match sending.as_mut().poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(response) => Poll::Ready(response.and_then(|response| this.endpoint.parse(&response))),
            },
        }
    }
}

impl<E: Endpoint + Unpin> IntoFuture for Call<E> {
    type Output = Result<E::Output, Error>;
    type IntoFuture = CallFuture<E>;

    fn into_future(self) -> CallFuture<E> {
        let timeout = self.timeout_ms.unwrap_or(self.client.inner.timeout_ms);
        let sending = match self.endpoint.request() {
            Ok(request) => Ok(self.client.send(request, self.signal, timeout)),
            Err(error) => Err(Some(error)),
        };
        CallFuture { endpoint: self.endpoint, sending }
    }
}
