//! The attempts of one request as plain state: after each attempt, whether the request is done
//! or is tried again after a delay. No I/O and no clock of its own, so both executors drive it:
//! the client's async send path, and the JS bindings' executor (`transport/fetch.js`).

use crate::error::Error;
use crate::http::{HttpResponse, Method};
use crate::retry::{parse_retry_after, AttemptOutcome, RetryPolicy};
use crate::transport::TransportError;

/// Where a request stands between its attempts.
#[derive(Clone, Debug)]
pub struct Attempts {
    method: Method,
    timeout_ms: Option<u32>,
    started_ms: f64,
    retries: u32,
    /// An earlier attempt got no answer (a network error, or a gateway's 502 or 504).
    lost_answer: bool,
}

/// What follows an attempt.
#[derive(Debug)]
pub enum Next {
    /// The request is over: its last answer, or the network error of its last attempt.
    Done(Result<HttpResponse, Error>),
    /// Try again after this many milliseconds.
    Retry(u64),
}

impl Attempts {
    /// A request of `method`, started at `now_ms`, with this timeout (retries included).
    pub fn new(method: Method, timeout_ms: Option<u32>, now_ms: f64) -> Attempts {
        Attempts { method, timeout_ms, started_ms: now_ms, retries: 0, lost_answer: false }
    }

    /// What follows the attempt that ended at `now_ms` with `attempt`. A retry is not started
    /// when its backoff would end after the timeout: the last answer is then the more useful
    /// error.
    pub fn after(
        &mut self,
        policy: &RetryPolicy,
        attempt: Result<HttpResponse, TransportError>,
        now_ms: f64,
        random: f64,
    ) -> Next {
        let (outcome, result) = match attempt {
            Ok(mut response) => {
                response.after_lost_answer = self.lost_answer;
                // A gateway that gave up waiting (502, 504) may have let the request through.
                self.lost_answer |= matches!(response.status, 502 | 504);
                let retry_after_ms = parse_retry_after(response.header("retry-after"));
                (AttemptOutcome::Response { status: response.status, retry_after_ms }, Ok(response))
            }
            Err(error) => {
                self.lost_answer = true;
                (AttemptOutcome::NetworkError, Err(Error::Network(error.0)))
            }
        };
        let elapsed = (now_ms - self.started_ms).max(0.0) as u64;
        let delay = policy
            .delay_before_retry(self.method, outcome, self.retries, elapsed, random)
            .filter(|delay| self.timeout_ms.is_none_or(|limit| elapsed + delay < u64::from(limit)));
        match delay {
            Some(delay) => {
                self.retries += 1;
                Next::Retry(delay)
            }
            None => Next::Done(result),
        }
    }
}
