//! Serves a built page (`--static DIR`) on the same origin as the API, with the SPA fallback to
//! `index.html` and the page's Content-Security-Policy.

use crate::http::{html_404, Request, Response};
use std::path::{Component, Path, PathBuf};

/// The policy the standalone page runs under, as a server sends it: what the page's own
/// `<meta>` carries plus what only a header can say (`frame-ancestors`).
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; connect-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The file a URL path names inside `root`, refusing anything that climbs out.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(url_path).decode_utf8().ok()?;
    let mut path = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(path)
}

/// The page's policy with `connect_src` origins added to its `connect-src`.
pub fn policy(connect_src: &[String]) -> String {
    let extra: String = connect_src.iter().map(|origin| format!(" {origin}")).collect();
    CONTENT_SECURITY_POLICY.replace("connect-src 'self'", &format!("connect-src 'self'{extra}"))
}

/// Answers a GET or HEAD for the page.
pub async fn serve(root: &Path, request: &Request, connect_src: &[String]) -> Response {
    if request.method != "GET" && request.method != "HEAD" {
        return Response::detail(405, &crate::texts::method_not_allowed(&request.method))
            .with_header("Allow", "GET, HEAD");
    }
    let Some(mut path) = resolve(root, &request.path) else { return html_404() };
    if tokio::fs::metadata(&path).await.map(|m| m.is_dir()).unwrap_or(false) {
        path.push("index.html");
    }
    let (path, bytes) = match tokio::fs::read(&path).await {
        Ok(bytes) => (path, bytes),
        // A deep link (`/migrations/<uuid>`) is a route of the page: answer with the page.
        Err(_) if Path::new(&request.path).extension().is_none() => {
            let index = root.join("index.html");
            match tokio::fs::read(&index).await {
                Ok(bytes) => (index, bytes),
                Err(_) => return html_404(),
            }
        }
        Err(_) => return html_404(),
    };
    let kind = content_type(&path);
    let mut response = Response::new(200, kind, bytes);
    if kind.starts_with("text/html") {
        response = response
            .with_header("Content-Security-Policy", policy(connect_src))
            .with_header("Cache-Control", "no-cache");
    }
    response.with_header("X-Content-Type-Options", "nosniff")
}
