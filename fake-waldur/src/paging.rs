//! Waldur's `LinkHeaderPagination`: `page` / `page_size`, `X-Result-Count`, and a `Link` header
//! with absolute URLs that keep every query parameter.

use crate::http::{encode_query, Request, Response};
use crate::texts;

/// Page size when none (or a bad one) is asked for.
pub const DEFAULT_PAGE_SIZE: usize = 10;
/// Largest page size; larger requests are clamped.
pub const MAX_PAGE_SIZE: usize = 300;

/// The slice of a list to return and the headers describing it.
#[derive(Debug, PartialEq, Eq)]
pub struct Paged {
    pub start: usize,
    pub end: usize,
    pub headers: Vec<(String, String)>,
}

/// DRF's `_positive_int(strict=True, cutoff=300)`, falling back to the default.
pub fn page_size(request: &Request) -> usize {
    match request.param("page_size").map(str::trim).and_then(|text| text.parse::<i64>().ok()) {
        Some(size) if size > 0 => usize::try_from(size).unwrap_or(MAX_PAGE_SIZE).min(MAX_PAGE_SIZE),
        _ => DEFAULT_PAGE_SIZE,
    }
}

/// Pages `total` items for this request, or the 404 `Invalid page.`.
pub fn paginate(total: usize, request: &Request) -> Result<Paged, Response> {
    let size = page_size(request);
    let pages = total.div_ceil(size).max(1);
    let page = match request.param("page") {
        None => 1,
        Some("last") => pages,
        Some(text) => match text.trim().parse::<usize>() {
            Ok(page) if (1..=pages).contains(&page) => page,
            _ => return Err(Response::detail(404, texts::INVALID_PAGE)),
        },
    };
    let link = |target: usize| {
        let mut params: Vec<(String, String)> =
            request.query.iter().filter(|(key, _)| key != "page").cloned().collect();
        if target > 1 {
            params.push(("page".into(), target.to_string()));
        }
        let query = encode_query(&params);
        let base = format!("{}{}", request.origin(), request.path);
        if query.is_empty() {
            base
        } else {
            format!("{base}?{query}")
        }
    };
    let mut links = vec![format!("<{}>; rel=\"first\"", link(1))];
    if page > 1 {
        links.push(format!("<{}>; rel=\"prev\"", link(page - 1)));
    }
    if page < pages {
        links.push(format!("<{}>; rel=\"next\"", link(page + 1)));
    }
    links.push(format!("<{}>; rel=\"last\"", link(pages)));
    let start = ((page - 1) * size).min(total);
    Ok(Paged {
        start,
        end: (start + size).min(total),
        headers: vec![("Link".into(), links.join(", ")), ("X-Result-Count".into(), total.to_string())],
    })
}
