//! What this page's own Content-Security-Policy allows, and whether a server is reachable at
//! all: how the connect screen tells a blocked request from a CORS refusal from a dead server.

use crate::prelude::*;

use crate::connection::{connect_sources, source_allows};
use crate::view::dom::document;
use wasm_bindgen_futures::JsFuture;

/// The page's policy as its `<meta http-equiv="Content-Security-Policy">` states it.
fn meta_policy() -> Option<String> {
    document()
        .query_selector("meta[http-equiv='Content-Security-Policy']")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
}

/// True unless this page's own policy forbids fetching from `origin`.
pub fn allows_connect(origin: &str) -> bool {
    match meta_policy().as_deref().and_then(connect_sources) {
        Some(sources) => source_allows(&sources, origin),
        None => true,
    }
}

/// True when something answers at `url` (a `no-cors` request, which a server's CORS settings
/// cannot refuse): the server is up, so a failed request was refused by its CORS.
pub async fn probe_reachable(url: &str) -> bool {
    JsFuture::from(crate::transport::reachable(url)).await.is_ok_and(|answer| answer.is_truthy())
}
