//! When to try a request again: a pure policy, and the attempts of one request as plain state
//! ([`Attempts`]: after each attempt, done or tried again after a delay), so both are tested
//! without a network or a clock. Both executors drive it: the client's async send path and the
//! JS bindings' executor (`transport/fetch.js`).

use crate::error::Error;
use crate::http::{HttpResponse, Method, TransportError};

/// Retry settings: jittered exponential backoff, bounded in count and in total time.
///
/// Only idempotent methods (GET, HEAD, PUT, DELETE) are retried, and only after a network
/// error or a 429, 502, 503 or 504. A `Retry-After` on the response is honoured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 turns retrying off).
    pub max_retries: u32,
    /// Backoff before the first retry, doubled for each further one (before jitter).
    pub base_delay_ms: u32,
    /// Largest backoff between two attempts (a longer `Retry-After` is still honoured).
    pub max_delay_ms: u32,
    /// No retry starts once this much time has passed since the first attempt.
    pub max_total_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 3, base_delay_ms: 300, max_delay_ms: 5_000, max_total_ms: 30_000 }
    }
}

/// What an attempt ended with, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// A response arrived with this status and this `Retry-After` (milliseconds).
    Response {
        /// The status.
        status: u16,
        /// `Retry-After`, parsed.
        retry_after_ms: Option<u64>,
    },
    /// No response (connection refused, dropped, DNS, ...).
    NetworkError,
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..Self::default() }
    }

    /// How long to wait before retry number `retries_done + 1`, or `None` to stop.
    ///
    /// `elapsed_ms` is the time since the first attempt started; `random` is in `[0, 1)` and
    /// spreads the backoff over its upper half (equal jitter).
    pub fn delay_before_retry(
        &self,
        method: Method,
        outcome: AttemptOutcome,
        retries_done: u32,
        elapsed_ms: u64,
        random: f64,
    ) -> Option<u64> {
        if !method.is_idempotent() || retries_done >= self.max_retries {
            return None;
        }
        let retry_after = match outcome {
            AttemptOutcome::Response { status: 429 | 502 | 503 | 504, retry_after_ms } => retry_after_ms,
            AttemptOutcome::Response { .. } => return None,
            AttemptOutcome::NetworkError => None,
        };
        let delay = match retry_after {
            Some(ms) => ms,
            None => self.backoff_ms(retries_done, random),
        };
        if elapsed_ms.saturating_add(delay) > u64::from(self.max_total_ms) {
            return None;
        }
        Some(delay)
    }

    /// The jittered backoff before retry number `retries_done + 1`.
    pub fn backoff_ms(&self, retries_done: u32, random: f64) -> u64 {
        let doubled = u64::from(self.base_delay_ms).saturating_mul(1u64 << retries_done.min(20));
        let ceiling = doubled.min(u64::from(self.max_delay_ms));
        let random = if random.is_finite() { random.clamp(0.0, 1.0) } else { 0.5 };
        let half = ceiling / 2;
        // `random` is within 0..=1, so the product is within 0..=half and the cast cannot wrap.
        half + ((half as f64) * random) as u64
    }
}

/// Parses `Retry-After` given in seconds (`"3"`, `"1.5"`); HTTP dates and junk read as `None`.
/// Capped at a day. (Whole and decimal seconds are read without floating point, which keeps
/// the float parser out of the wasm.)
pub fn parse_retry_after(value: Option<&str>) -> Option<u64> {
    let text = value?.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !(fraction.is_empty() || digits(fraction)) {
        return None;
    }
    let seconds = crate::json::parse_u64(whole).unwrap_or(u64::MAX).min(86_400);
    // Milliseconds from the first three decimals, rounded by the fourth.
    let mut millis = 0u64;
    for (place, digit) in fraction.bytes().chain(core::iter::repeat(b'0')).take(4).enumerate() {
        let digit = u64::from(digit - b'0');
        match place {
            0 => millis += digit * 100,
            1 => millis += digit * 10,
            2 => millis += digit,
            _ => millis += u64::from(digit >= 5),
        }
    }
    Some((seconds * 1000 + millis).min(86_400_000))
}

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
