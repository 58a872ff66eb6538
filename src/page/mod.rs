//! One page of a list, with the total from `X-Result-Count` and the links from `Link`.

use crate::prelude::*;

mod newest;

pub use newest::{NewestFirst, NewestFirstLoad, NewestPage, NewestStep};

use crate::json::{JsonWriter, ToJson};

/// Why a total is unknown: what a cross-origin page sees when the server does not expose the
/// header.
pub const MISSING_COUNT: &str =
    "missing or malformed X-Result-Count header (a server on another origin must list it in Access-Control-Expose-Headers)";

/// A link to another page, from the `Link` header.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PageLink {
    /// The absolute URL the server gave (carries every query parameter of the request).
    pub url: String,
    /// The page number in it (1 when it has no `page` parameter, as for the first page).
    pub page: u32,
}

/// The four relations of a `Link` header; absent ones are `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PageLinks {
    /// `rel="first"`.
    pub first: Option<PageLink>,
    /// `rel="prev"`.
    pub prev: Option<PageLink>,
    /// `rel="next"`.
    pub next: Option<PageLink>,
    /// `rel="last"`.
    pub last: Option<PageLink>,
}

/// One page of results.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The items, in the server's order.
    pub items: Vec<T>,
    /// Total number of items over all pages (`X-Result-Count`), when sent.
    pub total: Option<u64>,
    /// The page this is (1-based), as requested.
    pub page: u32,
    /// The page size asked for.
    pub page_size: u32,
    /// Links to the neighbouring and end pages.
    pub links: PageLinks,
}

impl<T> Page<T> {
    /// Number of pages: from `rel="last"`, else from the total and the page size.
    pub fn page_count(&self) -> Option<u32> {
        if let Some(last) = &self.links.last {
            return Some(last.page.max(1));
        }
        let total = self.total?;
        let size = u64::from(self.page_size.max(1));
        u32::try_from(total.div_ceil(size).max(1)).ok()
    }

    /// The next page number, if any.
    pub fn next_page(&self) -> Option<u32> {
        self.links.next.as_ref().map(|link| link.page)
    }

    /// The previous page number, if any.
    pub fn prev_page(&self) -> Option<u32> {
        self.links.prev.as_ref().map(|link| link.page)
    }

    /// True when the response said nothing about other pages: neither `X-Result-Count` nor
    /// `Link` could be read (a server on another origin that does not expose them).
    pub fn paging_unknown(&self) -> bool {
        self.total.is_none() && self.links == PageLinks::default()
    }

    /// Maps the items, keeping the paging data.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            page_size: self.page_size,
            links: self.links,
        }
    }
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = alloc::vec::IntoIter<T>;

    /// The items, in the server's order.
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Page<T> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl ToJson for PageLink {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object().string_member("url", &self.url).key("page").u64(u64::from(self.page)).end_object();
    }
}

impl ToJson for PageLinks {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .member("first", &self.first)
            .member("prev", &self.prev)
            .member("next", &self.next)
            .member("last", &self.last)
            .end_object();
    }
}

/// Parses a `Link` header (`<url>; rel="next", <url>; rel="last"`). Unknown relations and
/// malformed parts are skipped; URLs may contain commas.
pub fn parse_link_header(value: &str) -> PageLinks {
    let mut links = PageLinks::default();
    // Each link is `<url>` and its parameters up to the next `<`, which no URL holds.
    for link in value.split('<').skip(1) {
        let Some((url, params)) = link.split_once('>') else { continue };
        for param in params.split(';') {
            let Some((key, rels)) = param.split_once('=') else { continue };
            if !key.trim().eq_ignore_ascii_case("rel") {
                continue;
            }
            // `rel=next`, `rel="prev first"`: the names between quotes, commas and spaces.
            for rel in rels.split(|c: char| c == '"' || c == ',' || c.is_ascii_whitespace()) {
                let is = |name: &str| rel.eq_ignore_ascii_case(name);
                let slot = if is("first") {
                    &mut links.first
                } else if is("prev") || is("previous") {
                    &mut links.prev
                } else if is("next") {
                    &mut links.next
                } else if is("last") {
                    &mut links.last
                } else {
                    continue;
                };
                if slot.is_none() {
                    let url = url.trim();
                    *slot = Some(PageLink { url: url.to_owned(), page: page_of_url(url) });
                }
            }
        }
    }
    links
}

/// The `page` query parameter of a URL; 1 when absent or not a positive number.
pub fn page_of_url(url: &str) -> u32 {
    let query = url.split_once('?').map(|(_, query)| query).unwrap_or("");
    let query = query.split('#').next().unwrap_or("");
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == "page")
        .and_then(|(_, value)| crate::json::parse_u32(value))
        .filter(|page| *page >= 1)
        .unwrap_or(1)
}

/// Parses `X-Result-Count`.
pub fn parse_result_count(value: Option<&str>) -> Option<u64> {
    value.and_then(|text| crate::json::parse_u64(text.trim()))
}
