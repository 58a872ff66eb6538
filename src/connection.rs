//! Where the standalone page connects and how it authenticates: the address as typed, the
//! token as typed, and the checks made before a token leaves the page. Pure, so it is tested
//! natively; the connect screen (`app::connect`) is its interface.

use crate::prelude::*;

use crate::Client;
use core::fmt;

/// Where to connect and how to authenticate.
#[derive(Clone, PartialEq, Eq)]
pub struct Connection {
    /// Base URL of the Waldur server (without `/api/`).
    pub api_url: String,
    /// The `Authorization` header value (`Token <key>` or `Bearer <token>`).
    pub authorization: String,
}

impl fmt::Debug for Connection {
    /// Never shows the credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection").field("api_url", &self.api_url).field("authorization", &"<redacted>").finish()
    }
}

impl Connection {
    /// A client for this connection.
    pub fn client(&self) -> Client {
        Client::builder(&self.api_url).authorization(&self.authorization).build()
    }
}

/// `https://host/`, `https://host/api`, `https://host/api/` all mean `https://host`.
pub fn normalize_api_url(text: &str) -> String {
    let trimmed = text.trim().trim_end_matches('/');
    trimmed.strip_suffix("/api").unwrap_or(trimmed).to_owned()
}

/// A token as typed: a bare key becomes `Token <key>`; `Token ...` and `Bearer ...` stay.
pub fn authorization_of(token: &str) -> String {
    let token = token.trim();
    let scheme = token.split_whitespace().next().unwrap_or("");
    if token.contains(' ') && (scheme.eq_ignore_ascii_case("token") || scheme.eq_ignore_ascii_case("bearer")) {
        token.to_owned()
    } else {
        crate::validate::concat(&["Token ", token])
    }
}

/// The origin (`scheme://host[:port]`) of a URL, or `None` when it is not an absolute http(s) URL.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once(':')?;
    let rest = rest.strip_prefix("//")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // After the last `@` (user info); a byte search, where `rsplit` brings a reverse searcher.
    let host = match authority.bytes().rposition(|b| b == b'@') {
        Some(at) => authority.get(at + 1..).unwrap_or(""),
        None => authority,
    };
    (!host.is_empty()).then(|| {
        let mut origin = crate::validate::concat(&[scheme, "://", host]);
        origin.make_ascii_lowercase();
        origin
    })
}

/// True when a token sent to `url` would cross the network in clear: plain `http://` to a host
/// that is not this machine.
pub fn sends_in_clear(url: &str) -> bool {
    let Some(origin) = origin_of(url) else { return false };
    let Some(host) = origin.strip_prefix("http://") else { return false };
    let host = if host.starts_with('[') {
        host.split(']').next().unwrap_or("").trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or("")
    };
    !(host == "localhost" || host.ends_with(".localhost") || host == "::1" || host.starts_with("127."))
}

/// The sources a policy allows for `fetch` (`connect-src`, else `default-src`).
pub fn connect_sources(policy: &str) -> Option<Vec<String>> {
    let find = |name: &str| {
        policy
            .split(';')
            .map(|directive| directive.trim().split_once(' ').unwrap_or((directive.trim(), "")))
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value)
    };
    let sources = find("connect-src").or_else(|| find("default-src"))?;
    // Pushed one by one: a `collect` here was a copy of the standard library's general
    // (length-unknown) collecting loop for this one call.
    let mut out = Vec::new();
    for source in sources.split_whitespace() {
        out.push(source.to_owned());
    }
    Some(out)
}

/// True when `sources` let this page fetch from `origin` (`https://host:port`).
pub fn source_allows(sources: &[String], origin: &str) -> bool {
    // The scheme ends at the first ':' of an origin (a char split: no substring search in the wasm).
    let scheme = origin.split(':').next().unwrap_or("");
    sources.iter().any(|source| {
        let source = source.trim_end_matches('/');
        source == "*"
            || source.eq_ignore_ascii_case(origin)
            || source.eq_ignore_ascii_case(&crate::validate::concat(&[scheme, ":"]))
            || source.strip_prefix("https://*.").is_some_and(|suffix| {
                origin
                    .strip_prefix("https://")
                    .is_some_and(|host| host.ends_with(&crate::validate::concat(&[".", suffix])))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_tokens_and_plain_http() {
        assert_eq!(normalize_api_url(" https://w.example.com/api/ "), "https://w.example.com");
        assert_eq!(authorization_of("abc"), "Token abc");
        assert_eq!(authorization_of("Bearer x.y"), "Bearer x.y");
        assert_eq!(origin_of("https://W.example.com:8443/api/?x"), Some("https://w.example.com:8443".into()));
        assert_eq!(origin_of("ftp://x"), None);
        assert_eq!(origin_of("https://me:p@ss@W.example.com/api"), Some("https://w.example.com".into()));
        assert_eq!(origin_of("http://@h"), Some("http://h".into()));
        assert_eq!(origin_of("http://u@/x"), None);
        assert!(sends_in_clear("http://waldur.example.com"));
        assert!(!sends_in_clear("https://waldur.example.com"));
        for local in ["http://localhost:8000", "http://127.0.0.1:9", "http://[::1]:8000", "http://app.localhost"] {
            assert!(!sends_in_clear(local), "{local}");
        }
        let connection = Connection { api_url: "https://w".into(), authorization: "Token s3cr3t".into() };
        assert!(!format!("{connection:?}").contains("s3cr3t"));
    }

    #[test]
    fn what_a_page_policy_lets_it_fetch() {
        let policy = "default-src 'self'; connect-src 'self' https://waldur.example.com https://*.example.org; script-src 'self'";
        let sources = connect_sources(policy).unwrap();
        assert!(source_allows(&sources, "https://waldur.example.com"));
        assert!(source_allows(&sources, "https://api.example.org"));
        assert!(!source_allows(&sources, "https://example.org"));
        assert!(!source_allows(&sources, "https://other.example.com"));
        let fallback = connect_sources("default-src 'self' https:").unwrap();
        assert!(source_allows(&fallback, "https://anything.example"));
        assert!(!source_allows(&fallback, "http://plain.example"));
        assert_eq!(connect_sources("script-src 'self'"), None);
    }
}
