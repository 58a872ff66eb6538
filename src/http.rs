//! Requests and responses as plain data: what an endpoint builds and what it parses. No I/O.

use crate::prelude::*;

/// HTTP methods the API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// Read.
    Get,
    /// Read headers only (`count`).
    Head,
    /// Create.
    Post,
    /// Replace.
    Put,
    /// Change part.
    Patch,
    /// Remove.
    Delete,
}

impl Method {
    /// The method name on the wire.
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Methods safe to send twice: GET, HEAD, PUT, DELETE. Only these are retried.
    pub fn is_idempotent(&self) -> bool {
        matches!(self, Method::Get | Method::Head | Method::Put | Method::Delete)
    }
}

/// A request before it meets a transport: method, path under the base URL, query, JSON body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// Path from the API root, always ending in `/` (`/api/openstack-migrations/<uuid>/`).
    pub path: String,
    /// Query parameters in order; repeated keys allowed (`field=name&field=uuid`).
    pub query: Vec<(String, String)>,
    /// JSON body.
    pub body: Option<String>,
}

impl HttpRequest {
    /// A request without query or body.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        HttpRequest { method, path: path.into(), query: Vec::new(), body: None }
    }

    /// Adds a query parameter.
    pub fn with_query(mut self, key: &str, value: impl Into<String>) -> Self {
        self.query.push((key.to_owned(), value.into()));
        self
    }

    /// The full URL under `base_url` (with or without a trailing slash, with or without a path
    /// prefix such as `https://host/waldur`).
    pub fn url(&self, base_url: &str) -> String {
        let mut url = join_url(base_url, &self.path);
        for (index, (key, value)) in self.query.iter().enumerate() {
            url.push(if index == 0 { '?' } else { '&' });
            encode_component(&mut url, key);
            url.push('=');
            encode_component(&mut url, value);
        }
        url
    }

    /// The headers to send: the `Authorization` value and the `Accept-Language` given by the
    /// caller.
    pub fn headers(&self, authorization: Option<&str>, language: Option<&str>) -> Vec<(&'static str, String)> {
        let mut headers = vec![("Accept", "application/json".to_owned())];
        if let Some(language) = language {
            headers.push(("Accept-Language", language.to_owned()));
        }
        if self.body.is_some() {
            headers.push(("Content-Type", "application/json".to_owned()));
        }
        if let Some(value) = authorization {
            headers.push(("Authorization", value.to_owned()));
        }
        headers
    }
}

/// What `encodeURIComponent` leaves as it is: letters, digits and `-_.!~*'()`.
#[cfg(not(target_arch = "wasm32"))]
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// Appends `text` escaped as `encodeURIComponent` does: on wasm by the engine's own, natively
/// by the same rule.
fn encode_component(out: &mut String, text: &str) {
    #[cfg(target_arch = "wasm32")]
    out.push_str(&String::from(js_sys::encode_uri_component(text)));
    #[cfg(not(target_arch = "wasm32"))]
    out.extend(percent_encoding::utf8_percent_encode(text, COMPONENT));
}

/// Escapes one path segment, as `encodeURIComponent` does.
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::new();
    encode_component(&mut out, segment);
    out
}

/// Joins a base URL and an absolute API path with exactly one `/` between them.
pub fn join_url(base_url: &str, path: &str) -> String {
    let base = base_url.trim().trim_end_matches('/');
    let path = path.trim_start_matches('/');
    let mut url = String::with_capacity(base.len() + path.len() + 2);
    url.push_str(base);
    url.push('/');
    url.push_str(path);
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

/// An attempt that got no response (offline, refused, DNS, CORS, dropped): the platform's
/// message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportError(pub String);

/// A response body as the transport received it. On wasm the text stays a JS string until
/// something reads it: a JSON body is parsed by the engine (`JSON.parse`) without being copied
/// into wasm memory.
#[derive(Clone, Debug, Default)]
pub struct Body {
    #[cfg(target_arch = "wasm32")]
    text: Option<js_sys::JsString>,
    #[cfg(not(target_arch = "wasm32"))]
    text: String,
}

impl Body {
    /// A body with this text.
    pub fn text(text: &str) -> Body {
        #[cfg(target_arch = "wasm32")]
        return Body { text: Some(js_sys::JsString::from(text)) };
        #[cfg(not(target_arch = "wasm32"))]
        Body { text: text.to_owned() }
    }

    /// A body received as a JS string.
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(text: js_sys::JsString) -> Body {
        Body { text: Some(text) }
    }

    /// True when empty or only whitespace.
    pub fn is_blank(&self) -> bool {
        #[cfg(target_arch = "wasm32")]
        return self.text.as_ref().is_none_or(|text| text.trim().length() == 0);
        #[cfg(not(target_arch = "wasm32"))]
        self.text.trim().is_empty()
    }

    /// The body parsed as JSON, or the parser's message.
    pub fn json(&self) -> Result<crate::json::Json, String> {
        #[cfg(target_arch = "wasm32")]
        return match &self.text {
            Some(text) => crate::json::Json::parse_js(text),
            None => crate::json::Json::parse(""),
        };
        #[cfg(not(target_arch = "wasm32"))]
        crate::json::Json::parse(&self.text)
    }

    /// The first `max_chars` characters (UTF-16 units on wasm), for error messages and snippets.
    pub fn head(&self, max_chars: usize) -> String {
        #[cfg(target_arch = "wasm32")]
        return match &self.text {
            Some(text) => String::from(text.slice(0, u32::try_from(max_chars).unwrap_or(u32::MAX))),
            None => String::new(),
        };
        #[cfg(not(target_arch = "wasm32"))]
        self.text.chars().take(max_chars).collect()
    }
}

/// A response as a transport hands it over. Header names are lower case.
#[derive(Clone, Debug, Default)]
pub struct HttpResponse {
    /// The status.
    pub status: u16,
    /// The headers the parsers read (lower-case names).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Body,
    /// True when an earlier attempt of this call got no answer from the server (a network error,
    /// or a gateway's 502 or 504): a request that changes something may then have been carried
    /// out already (a DELETE answered 404 is done).
    pub after_lost_answer: bool,
}

impl HttpResponse {
    /// The headers a transport needs to hand over for the parsers.
    pub const HEADERS_READ: [&'static str; 4] = ["content-type", "link", "retry-after", "x-result-count"];

    /// A response with this status, headers and body text.
    pub fn new(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: headers.iter().map(|(name, value)| (name.to_ascii_lowercase(), (*value).to_owned())).collect(),
            body: Body::text(body),
            after_lost_answer: false,
        }
    }

    /// A header value, name compared without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// True for 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}
