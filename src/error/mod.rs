//! One error type for every failure, saying where it happened, and the field messages the
//! server (or the client-side validation) attached to it.

use crate::prelude::*;

mod fields;

pub use fields::FieldErrors;

use crate::http::Body;
use crate::json::Json;
use core::fmt;

/// Where a call failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input failed client-side validation; nothing was sent.
    InvalidInput,
    /// The request did not get a response (offline, DNS, refused, CORS, dropped connection).
    Network,
    /// The call took longer than its timeout.
    Timeout,
    /// The caller aborted the call.
    Aborted,
    /// The server answered with an error status and a JSON (or empty) body.
    Http,
    /// The response body could not be read as expected (HTML error page, truncated JSON, ...).
    Decode,
    /// The library was used in a way it cannot serve (no client provided to a component, a
    /// value that cannot be handed to JS); a bug of the caller or of this library, not of the
    /// server or the network.
    Usage,
}

impl ErrorKind {
    /// `invalid_input`, `network`, `timeout`, `aborted`, `http`, `decode` or `usage`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Http => "http",
            ErrorKind::Decode => "decode",
            ErrorKind::Usage => "usage",
        }
    }
}

/// An error status from the server with its parsed body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpError {
    /// The HTTP status.
    pub status: u16,
    /// The DRF messages by field path (`detail` for `{"detail": ...}`).
    pub fields: FieldErrors,
    /// The body as received (at most [`BODY_KEPT`] bytes).
    pub body: String,
    /// `Retry-After`, in milliseconds, when the server sent one.
    pub retry_after_ms: Option<u64>,
}

/// A response whose body could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The HTTP status of the response.
    pub status: u16,
    /// What was wrong (the decoder's message).
    pub message: String,
    /// The start of the body, whitespace collapsed (at most [`SNIPPET_CHARS`] characters).
    pub snippet: String,
    /// The `Content-Type` of the response, if any.
    pub content_type: Option<String>,
}

/// How many characters of an undecodable body an error keeps.
pub const SNIPPET_CHARS: usize = 200;
/// How many bytes of an error body an [`HttpError`] keeps.
pub const BODY_KEPT: usize = 16 * 1024;

/// Everything that can go wrong in a call.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Client-side validation failed, with the server's own texts; nothing was sent.
    InvalidInput(FieldErrors),
    /// No response: the message from the platform (`Failed to fetch`, ...).
    Network(String),
    /// The call ran out of time (its own or the client's timeout, in milliseconds).
    Timeout(u32),
    /// The caller's abort signal fired (or the call's future was dropped).
    Aborted,
    /// The server answered with an error status.
    Http(Box<HttpError>),
    /// The body could not be decoded.
    Decode(Box<DecodeError>),
    /// The library was misused (see [`ErrorKind::Usage`]); never retryable.
    Usage(String),
}

impl Error {
    /// Where it failed.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::Network(_) => ErrorKind::Network,
            Error::Timeout(_) => ErrorKind::Timeout,
            Error::Aborted => ErrorKind::Aborted,
            Error::Http(_) => ErrorKind::Http,
            Error::Decode(_) => ErrorKind::Decode,
            Error::Usage(_) => ErrorKind::Usage,
        }
    }

    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Http(error) => Some(error.status),
            Error::Decode(error) => Some(error.status),
            _ => None,
        }
    }

    /// True when trying again later may succeed: network errors, timeouts, 429, 502, 503, 504.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Network(_) | Error::Timeout(_) => true,
            Error::Http(_) | Error::Decode(_) => {
                matches!(self.status(), Some(429 | 502 | 503 | 504))
            }
            Error::InvalidInput(_) | Error::Aborted | Error::Usage(_) => false,
        }
    }

    /// Field messages (from validation or from the server's body); empty for other errors.
    pub fn fields(&self) -> Option<&FieldErrors> {
        match self {
            Error::InvalidInput(fields) => Some(fields),
            Error::Http(error) => Some(&error.fields),
            _ => None,
        }
    }

    /// The messages for one field path (`mappings.subnets[0].dst_cidr`); empty when none.
    pub fn field_messages(&self, path: &str) -> &[String] {
        self.fields().map(|fields| fields.get(path)).unwrap_or(&[])
    }

    /// The server's `detail` text, for 401, 404, 405 and the like.
    pub fn detail(&self) -> Option<&str> {
        self.field_messages("detail").first().map(String::as_str)
    }

    /// Builds the error for a non-success response: DRF bodies become [`Error::Http`]; bodies
    /// that are not JSON (the HTML 500 page) become [`Error::Decode`] with the status.
    pub fn from_response(status: u16, content_type: Option<&str>, retry_after_ms: Option<u64>, body: &Body) -> Self {
        let parsed = if body.is_blank() { Ok(Json::null()) } else { body.json() };
        match parsed {
            Ok(value) => Error::Http(Box::new(HttpError {
                status,
                fields: FieldErrors::from_drf(&value),
                body: truncate_bytes(&body.head(BODY_KEPT), BODY_KEPT).to_owned(),
                retry_after_ms,
            })),
            Err(_) => {
                let head = body.head(4 * SNIPPET_CHARS);
                Error::Decode(Box::new(DecodeError {
                    status,
                    message: if looks_like_html(head.trim()) {
                        "expected JSON, got an HTML page".to_owned()
                    } else {
                        "expected JSON".to_owned()
                    },
                    snippet: snippet(&head),
                    content_type: content_type.map(str::to_owned),
                }))
            }
        }
    }

    /// Builds the error for a success response whose body is not what was expected.
    pub fn undecodable(status: u16, content_type: Option<&str>, message: impl Into<String>, body: &Body) -> Self {
        Error::Decode(Box::new(DecodeError {
            status,
            message: message.into(),
            snippet: snippet(&body.head(4 * SNIPPET_CHARS)),
            content_type: content_type.map(str::to_owned),
        }))
    }

    /// A misuse of the library (see [`ErrorKind::Usage`]).
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage(message.into())
    }
}

impl Error {
    /// What went wrong in one line (the `Display` text), built without `core::fmt` so that
    /// the wasm builds need no formatting code.
    pub fn message(&self) -> String {
        let status = |code: u16| crate::json::u64_text(u64::from(code));
        match self {
            Error::InvalidInput(fields) => concat(&["invalid input: ", &fields.summary()]),
            Error::Network(message) => concat(&["network error: ", message]),
            Error::Timeout(ms) => concat(&["timed out after ", &crate::json::u64_text(u64::from(*ms)), " ms"]),
            Error::Aborted => "aborted".to_owned(),
            Error::Http(error) if error.fields.is_empty() => concat(&["HTTP ", &status(error.status)]),
            Error::Http(error) => error.message(),
            Error::Decode(error) => concat(&["undecodable response (", &error.message(), ")"]),
            Error::Usage(message) => concat(&["usage error: ", message]),
        }
    }
}

impl HttpError {
    /// `HTTP <status>: <messages>` (the `Display` text).
    pub fn message(&self) -> String {
        concat(&["HTTP ", &crate::json::u64_text(u64::from(self.status)), ": ", &self.fields.summary()])
    }
}

impl DecodeError {
    /// `HTTP <status>: <what>: <snippet>` (the `Display` text).
    pub fn message(&self) -> String {
        concat(&["HTTP ", &crate::json::u64_text(u64::from(self.status)), ": ", &self.message, ": ", &self.snippet])
    }
}

use crate::validate::concat;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for HttpError {}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for DecodeError {}

impl core::error::Error for Error {
    /// The server's answer behind an [`Error::Http`] or [`Error::Decode`].
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Error::Http(error) => Some(error.as_ref()),
            Error::Decode(error) => Some(error.as_ref()),
            _ => None,
        }
    }
}

/// An HTML page (`<!doctype html>`, `<html>`) or any other markup: it starts with `<`.
fn looks_like_html(text: &str) -> bool {
    text.starts_with('<')
}

/// The start of a body with whitespace collapsed, for error messages.
pub(crate) fn snippet(body: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    let mut last_space = true;
    for c in body.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        if chars == SNIPPET_CHARS {
            out.push('…');
            break;
        }
        out.push(c);
        chars += 1;
    }
    out.trim_end().to_owned()
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
pub(crate) fn truncate_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}
