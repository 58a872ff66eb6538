//! When to try a request again: a pure policy, so it is tested without a network or a clock.

use crate::http::Method;

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
