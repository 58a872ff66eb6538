//! `--static DIR`: the page on the same origin, with SPA fallback and its CSP.

mod support;
use support::*;

#[test]
fn serves_files_with_types_and_the_page_csp() {
    let index = request("GET", "/", &[], None);
    assert_eq!(index.status, 200);
    assert!(index.body.contains("the page"));
    assert_eq!(
        index.header("content-security-policy"),
        Some(
            "default-src 'self'; connect-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        )
    );
    let script = request("GET", "/app.js", &[], None);
    assert_eq!(script.header("content-type"), Some("text/javascript; charset=utf-8"));
}

#[test]
fn deep_links_fall_back_to_the_page_and_missing_files_are_404() {
    let deep = request("GET", "/migrations/a45c8927e176455781f63e7c7baf9567", &[], None);
    assert_eq!(deep.status, 200);
    assert!(deep.body.contains("the page"));
    assert_eq!(request("GET", "/missing.js", &[], None).status, 404);
    assert_eq!(request("GET", "/../Cargo.toml", &[], None).status, 404);
    assert_eq!(request("GET", "/%2e%2e/Cargo.toml", &[], None).status, 404);
    assert_eq!(request("POST", "/", &[], Some("x")).status, 405);
}
