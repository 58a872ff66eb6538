//! Requests and responses as the handlers see them, and the small helpers that build them.

use bytes::Bytes;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::Value;

/// An incoming request, body already read.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    /// Header names lower case.
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Request {
    /// A header value (name compared without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// The last value of a query parameter (as Django's `QueryDict.get`).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// Every value of a query parameter.
    pub fn params(&self, name: &str) -> Vec<String> {
        self.query.iter().filter(|(key, _)| key == name).map(|(_, value)| value.clone()).collect()
    }

    /// `http://host` as the client addressed the server.
    pub fn origin(&self) -> String {
        let host = self.header("host").unwrap_or("localhost");
        let scheme = self.header("x-forwarded-proto").unwrap_or("http");
        format!("{scheme}://{host}")
    }
}

/// What to do with a response on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Send it.
    Normal,
    /// Close the connection without answering.
    Drop,
}

/// An outgoing response.
#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    pub delivery: Delivery,
}

impl Response {
    /// A response with a body and a content type.
    pub fn new(status: u16, content_type: &str, body: impl Into<Bytes>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delivery: Delivery::Normal,
        }
    }

    /// A JSON response.
    pub fn json(status: u16, value: &Value) -> Response {
        Response::new(status, "application/json", value.to_string())
    }

    /// `{"detail": text}`, as DRF answers 401, 404, 405 and the like.
    pub fn detail(status: u16, text: &str) -> Response {
        Response::json(status, &serde_json::json!({ "detail": text }))
    }

    /// An empty response (204, HEAD).
    pub fn empty(status: u16) -> Response {
        Response { status, headers: Vec::new(), body: Bytes::new(), delivery: Delivery::Normal }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Replaces a header.
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        self.headers.retain(|(key, _)| !key.eq_ignore_ascii_case(name));
        self.headers.push((name.into(), value.into()));
    }

    /// A header value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }
}

/// Django's production 500 page.
pub const HTML_500: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n";

/// Django's production 404 page.
pub fn html_404() -> Response {
    let body = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n";
    Response::new(404, "text/html; charset=utf-8", body)
}

/// An nginx error page, as a gateway in front of Waldur sends for 502/503/504.
pub fn gateway_page(status: u16) -> Response {
    let reason = match status {
        502 => "Bad Gateway",
        503 => "Service Temporarily Unavailable",
        504 => "Gateway Time-out",
        _ => "Error",
    };
    let body = format!(
        "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    );
    Response::new(status, "text/html", body)
}

/// Parses a query string (`+` is a space, percent escapes decoded, bad UTF-8 replaced).
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned()
}

/// Python's `quote_plus` safe set: letters, digits and `_.-~`.
const FORM: &AsciiSet = &NON_ALPHANUMERIC.remove(b'_').remove(b'.').remove(b'-').remove(b'~');

/// Python's `urlencode(sorted(params))`.
pub fn encode_query(params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    sorted
        .iter()
        .map(|(key, value)| {
            let key = utf8_percent_encode(key, FORM).to_string().replace("%20", "+");
            let value = utf8_percent_encode(value, FORM).to_string().replace("%20", "+");
            format!("{key}={value}")
        })
        .collect::<Vec<_>>()
        .join("&")
}
