//! Faults a test asks for through `POST /__fake/faults`: the next N matching API requests of a
//! token answer with an error status, an HTML page, a delay, a dropped connection, a truncated
//! body or a wrong content type. Scoped per token, so tests cannot disturb each other.

use crate::http::{gateway_page, Delivery, Response, HTML_500};
use serde::{Deserialize, Serialize};

/// What a fault does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer `status` (default 503) with a DRF-style JSON body (or `body`) and `Retry-After`
    /// if given.
    Status,
    /// Answer `status` (default 500) with Django's HTML error page.
    Html,
    /// Answer `status` (default 502) with an nginx gateway page.
    Gateway,
    /// Close the connection without an answer.
    Drop,
    /// Carry the request out, then close the connection without an answer, or answer `status`
    /// as a gateway that gave up waiting (502, 504): a lost answer; a retried DELETE then finds
    /// nothing. (Browsers resend an idempotent request themselves when a reused connection closes
    /// without an answer, so browser tests use the gateway form.)
    Lost,
    /// Send the real answer with its body cut in half.
    Truncate,
    /// Send the real answer with `content_type` (default `text/html; charset=utf-8`).
    ContentType,
    /// Send the real answer after `delay_ms`.
    Delay,
}

/// A fault as registered.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Fault {
    /// Only requests with this token (`Token` or `Bearer`); any when absent.
    #[serde(default)]
    pub token: Option<String>,
    /// Only paths starting with this (default: every `/api/` path).
    #[serde(default)]
    pub path: Option<String>,
    /// Only this method.
    #[serde(default)]
    pub method: Option<String>,
    /// How many requests it applies to (default 1).
    #[serde(default = "one")]
    pub times: u32,
    /// What it does.
    pub kind: FaultKind,
    /// Status for `status`, `html`, `gateway`.
    #[serde(default)]
    pub status: Option<u16>,
    /// `Retry-After` value to send.
    #[serde(default)]
    pub retry_after: Option<String>,
    /// Delay before answering (any kind).
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// Content type for `content_type`.
    #[serde(default)]
    pub content_type: Option<String>,
    /// JSON body for `status` instead of the default `{"detail": ...}` (to imitate any server
    /// answer, e.g. field errors a newer server might add).
    #[serde(default)]
    pub body: Option<serde_json::Value>,
}

fn one() -> u32 {
    1
}

/// The registered faults.
#[derive(Default)]
pub struct Faults {
    list: Vec<Fault>,
}

impl Faults {
    /// Adds one.
    pub fn add(&mut self, fault: Fault) {
        self.list.push(fault);
    }

    /// Removes all, or those of one token.
    pub fn clear(&mut self, token: Option<&str>) {
        match token {
            Some(token) => self.list.retain(|fault| fault.token.as_deref() != Some(token)),
            None => self.list.clear(),
        }
    }

    /// The pending faults.
    pub fn pending(&self) -> &[Fault] {
        &self.list
    }

    /// Takes one use of the first fault matching this request.
    pub fn take(&mut self, token: Option<&str>, method: &str, path: &str) -> Option<Fault> {
        let index = self.list.iter().position(|fault| {
            fault.times > 0
                && fault.token.as_deref().is_none_or(|wanted| Some(wanted) == token)
                && fault.method.as_deref().is_none_or(|wanted| wanted.eq_ignore_ascii_case(method))
                && fault.path.as_deref().is_none_or(|prefix| path.starts_with(prefix))
        })?;
        let fault = self.list.get_mut(index)?;
        fault.times -= 1;
        let taken = fault.clone();
        if fault.times == 0 {
            self.list.remove(index);
        }
        Some(taken)
    }
}

impl Fault {
    /// The answer that replaces the real one, if the fault replaces it.
    pub fn replacement(&self) -> Option<Response> {
        let retry_after = |response: Response| match &self.retry_after {
            Some(value) => response.with_header("Retry-After", value.clone()),
            None => response,
        };
        match self.kind {
            FaultKind::Status => {
                let status = self.status.unwrap_or(503);
                let text = match status {
                    429 => match &self.retry_after {
                        Some(seconds) => format!("Request was throttled. Expected available in {seconds} seconds."),
                        None => "Request was throttled.".to_owned(),
                    },
                    500..=599 => "Service temporarily unavailable, try again later.".to_owned(),
                    _ => "Fault injected by fake-waldur.".to_owned(),
                };
                let response = match &self.body {
                    Some(body) => Response::json(status, body),
                    None => Response::detail(status, &text),
                };
                Some(retry_after(response))
            }
            FaultKind::Html => {
                Some(retry_after(Response::new(self.status.unwrap_or(500), "text/html; charset=utf-8", HTML_500)))
            }
            FaultKind::Gateway => Some(retry_after(gateway_page(self.status.unwrap_or(502)))),
            FaultKind::Drop => {
                let mut response = Response::empty(500);
                response.delivery = Delivery::Drop;
                Some(response)
            }
            FaultKind::Truncate | FaultKind::ContentType | FaultKind::Delay | FaultKind::Lost => None,
        }
    }

    /// Changes the real answer, for the faults that keep it.
    pub fn alter(&self, mut response: Response) -> Response {
        match self.kind {
            FaultKind::Truncate => {
                let half = response.body.len() / 2;
                response.body = response.body.slice(..half);
            }
            FaultKind::ContentType => {
                let value = self.content_type.clone().unwrap_or_else(|| "text/html; charset=utf-8".into());
                response.set_header("Content-Type", value);
            }
            FaultKind::Lost => match self.status {
                Some(status) => response = gateway_page(status),
                None => response.delivery = Delivery::Drop,
            },
            _ => {}
        }
        response
    }
}
