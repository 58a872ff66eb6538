//! One page of a list, with the total from `X-Result-Count` and the links from `Link`.

use crate::prelude::*;

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

/// Where page `page` (1-based) of a list shown newest first lies in the server's oldest-first
/// pages of the same size: the server pages to fetch (one or two), and which of their items,
/// once concatenated, to show (then reversed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NewestFirst {
    /// The first server page to fetch.
    pub first: u32,
    /// The second one, when the window spans two.
    pub second: Option<u32>,
    /// Items of the concatenated pages to skip from the start.
    pub skip: usize,
    /// Items to show after those.
    pub take: usize,
    /// Pages of the newest-first list.
    pub pages: u32,
}

impl NewestFirst {
    /// The window of `page` for a list of `total` items shown `size` at a time; a page beyond
    /// the last gives the last.
    pub fn window(total: u64, page: u32, size: u32) -> NewestFirst {
        let size = u64::from(size.max(1));
        let pages = total.div_ceil(size).max(1);
        let page = u64::from(page.max(1)).min(pages);
        let high = total.saturating_sub((page - 1) * size);
        let low = high.saturating_sub(size);
        let first = low / size + 1;
        let last = high.saturating_sub(1) / size + 1;
        let to_u32 = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let to_usize = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        NewestFirst {
            first: to_u32(first),
            second: (last > first).then(|| to_u32(last)),
            skip: to_usize(low - (first - 1) * size),
            take: to_usize(high - low),
            pages: to_u32(pages),
        }
    }

    /// The items of this window, newest first, from the fetched pages' items.
    pub fn pick<T>(&self, mut items: Vec<T>) -> Vec<T> {
        let end = self.skip.saturating_add(self.take).min(items.len());
        items.truncate(end);
        let mut shown = items.split_off(self.skip.min(end));
        shown.reverse();
        shown
    }
}

/// Parses a `Link` header (`<url>; rel="next", <url>; rel="last"`). Unknown relations and
/// malformed parts are skipped; URLs may contain commas.
pub fn parse_link_header(value: &str) -> PageLinks {
    let mut links = PageLinks::default();
    let mut rest = value;
    while let Some(start) = rest.find('<') {
        let after = rest.get(start + 1..).unwrap_or("");
        let Some(end) = after.find('>') else { break };
        let url = after.get(..end).unwrap_or("").trim();
        let params_and_rest = after.get(end + 1..).unwrap_or("");
        let params_end = params_and_rest.find('<').unwrap_or(params_and_rest.len());
        let params = params_and_rest.get(..params_end).unwrap_or("");
        rest = params_and_rest.get(params_end..).unwrap_or("");
        for rel in relations(params) {
            let link = PageLink { url: url.to_owned(), page: page_of_url(url) };
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
                *slot = Some(link);
            }
        }
    }
    links
}

/// The `rel` values in the parameters after a link (`; rel="prev first"`).
fn relations(params: &str) -> Vec<String> {
    let mut found = Vec::new();
    for param in params.split(';') {
        let Some((key, value)) = param.split_once('=') else { continue };
        if !key.trim().eq_ignore_ascii_case("rel") {
            continue;
        }
        let value = value.trim().trim_end_matches(',').trim().trim_matches('"');
        for rel in value.split_whitespace() {
            found.push(rel.to_owned());
        }
    }
    found
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_windows() {
        // 25 items by 10: newest first is 25..16, 15..6, 5..1.
        let items: Vec<u32> = (1..=30).collect();
        let show = |total: u64, page: u32| {
            let w = NewestFirst::window(total, page, 10);
            let fetched: Vec<u32> = items
                .iter()
                .copied()
                .filter(|n| u64::from(*n) <= total)
                .skip((w.first as usize - 1) * 10)
                .take(if w.second.is_some() { 20 } else { 10 })
                .collect();
            (w.first, w.second, w.pick(fetched), w.pages)
        };
        assert_eq!(show(25, 1), (2, Some(3), (16..=25).rev().collect::<Vec<_>>(), 3));
        assert_eq!(show(25, 2), (1, Some(2), (6..=15).rev().collect::<Vec<_>>(), 3));
        assert_eq!(show(25, 3), (1, None, (1..=5).rev().collect::<Vec<_>>(), 3));
        assert_eq!(show(25, 9), show(25, 3), "past the end is the last page");
        assert_eq!(show(30, 1), (3, None, (21..=30).rev().collect::<Vec<_>>(), 3), "aligned: one page");
        assert_eq!(show(7, 1), (1, None, (1..=7).rev().collect::<Vec<_>>(), 1));
        assert_eq!(show(0, 1), (1, None, Vec::new(), 1));
        assert_eq!(NewestFirst::window(u64::MAX, u32::MAX, 1).pages, u32::MAX, "no overflow");
        assert_eq!(NewestFirst::window(u64::MAX, 1, u32::MAX).take, u32::MAX as usize);
    }
}
