//! Requests and responses as plain data: what an endpoint builds and what it parses. No I/O.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

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
            url.extend(utf8_percent_encode(key, QUERY));
            url.push('=');
            url.extend(utf8_percent_encode(value, QUERY));
        }
        url
    }

    /// The headers to send, the `Authorization` value given by the caller.
    pub fn headers(&self, authorization: Option<&str>) -> Vec<(&'static str, String)> {
        let mut headers = vec![("Accept", "application/json".to_owned())];
        if self.body.is_some() {
            headers.push(("Content-Type", "application/json".to_owned()));
        }
        if let Some(value) = authorization {
            headers.push(("Authorization", value.to_owned()));
        }
        headers
    }
}

/// Characters escaped in query keys and values: everything but unreserved ones.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Characters escaped in a path segment.
const SEGMENT: &AsciiSet = QUERY;

/// Escapes one path segment (a uuid as the caller gave it).
pub fn encode_segment(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
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

/// A response as a transport hands it over. Header names are lower case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status.
    pub status: u16,
    /// The headers the parsers read (lower-case names).
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

impl HttpResponse {
    /// The headers a transport needs to hand over for the parsers.
    pub const HEADERS_READ: [&'static str; 4] = ["content-type", "link", "retry-after", "x-result-count"];

    /// A header value, name compared without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// True for 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}
