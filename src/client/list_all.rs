//! `list_all`: the first page gives the total, then the remaining pages are fetched a few at a
//! time and joined in server order.

use crate::prelude::*;

use super::Client;
use crate::endpoints::{Endpoint, ListMigrations, ListQuery, MAX_PAGE_SIZE};
use crate::error::Error;
use crate::http::HttpResponse;
use crate::model::MigrationDetails;
use crate::page::Page;
use crate::transport::AbortSignal;
use alloc::rc::Rc;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::Poll;
use futures_util::future::LocalBoxFuture;

/// Options of [`Client::list_all`].
#[derive(Clone)]
pub struct ListAllOptions {
    /// Items per request (default and maximum 300).
    pub page_size: u32,
    /// Pages in flight at once after the first (default 6, a browser's connections per host).
    pub concurrency: usize,
    /// Stop after this many items.
    pub max_items: Option<usize>,
    /// Called after each page with (pages done, pages in all).
    pub on_progress: Option<Rc<dyn Fn(u32, u32)>>,
    /// Aborts every request.
    pub signal: Option<AbortSignal>,
    /// Timeout of each page request (default: the client's).
    pub timeout_ms: Option<u32>,
}

impl Default for ListAllOptions {
    fn default() -> Self {
        ListAllOptions {
            page_size: MAX_PAGE_SIZE,
            concurrency: 6,
            max_items: None,
            on_progress: None,
            signal: None,
            timeout_ms: None,
        }
    }
}

impl fmt::Debug for ListAllOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ListAllOptions")
            .field("page_size", &self.page_size)
            .field("concurrency", &self.concurrency)
            .field("max_items", &self.max_items)
            .field("on_progress", &self.on_progress.is_some())
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

/// Every item of a filtered list.
#[derive(Clone, Debug, PartialEq)]
pub struct AllPages<T> {
    /// The items in server order (at most `max_items`).
    pub items: Vec<T>,
    /// The total the server reported.
    pub total: Option<u64>,
    /// Requests made.
    pub pages: u32,
}

/// The pages `list_all` fetches after the first: `2..=n`, where `n` covers `min(total, cap)`.
pub fn remaining_pages(total: u64, page_size: u32, max_items: Option<usize>) -> core::ops::RangeInclusive<u32> {
    let wanted = match max_items {
        Some(cap) => total.min(u64::try_from(cap).unwrap_or(u64::MAX)),
        None => total,
    };
    let pages = wanted.div_ceil(u64::from(page_size.max(1)));
    2..=u32::try_from(pages).unwrap_or(u32::MAX)
}

/// How many items there are in all, from the first page: `X-Result-Count`, else the `last`
/// link; a full first page without either cannot say, which is an error rather than a silent
/// first page.
fn total_of<T>(first: &Page<T>, page_size: u32) -> Result<u64, Error> {
    if let Some(total) = first.total {
        return Ok(total);
    }
    if let Some(last) = &first.links.last {
        return Ok(u64::from(last.page) * u64::from(page_size));
    }
    if first.items.len() < page_size as usize {
        return Ok(first.items.len() as u64);
    }
    Err(Error::undecodable(
        200,
        None,
        "neither X-Result-Count nor Link could be read: the server must list them in \
         Access-Control-Expose-Headers for a page on another origin to list every migration",
        &Default::default(),
    ))
}

/// Reads one page of the list (its items typed, or as the JS bindings keep them).
pub(crate) type PageParser<T> = fn(&HttpResponse, u32, u32) -> Result<Page<T>, Error>;

fn typed_page(response: &HttpResponse, page: u32, page_size: u32) -> Result<Page<MigrationDetails>, Error> {
    crate::endpoints::parse_page(response, page, page_size)
}

impl Client {
    /// Every migration matching the filters. The first page gives the total; the remaining
    /// pages are then fetched `concurrency` at a time and joined in server order.
    pub async fn list_all(
        &self,
        query: ListQuery,
        options: ListAllOptions,
    ) -> Result<AllPages<MigrationDetails>, Error> {
        self.list_all_with(query, options, typed_page).await
    }

    /// [`Client::list_all`] with its own page parser.
    pub(crate) async fn list_all_with<T: 'static>(
        &self,
        query: ListQuery,
        options: ListAllOptions,
        parse: PageParser<T>,
    ) -> Result<AllPages<T>, Error> {
        let page_size = options.page_size.clamp(1, MAX_PAGE_SIZE);
        let page_call = |page: u32| -> LocalBoxFuture<'static, Result<Page<T>, Error>> {
            let endpoint =
                ListMigrations { query: ListQuery { page: Some(page), page_size: Some(page_size), ..query.clone() } };
            match endpoint.request() {
                Ok(request) => {
                    let sending = self.send_request(request, options.signal.clone(), options.timeout_ms);
                    Box::pin(async move { parse(&sending.await?, page, page_size) })
                }
                Err(error) => Box::pin(core::future::ready(Err(error))),
            }
        };
        let first = page_call(1).await?;
        let total = total_of(&first, page_size)?;
        let rest: Vec<u32> = remaining_pages(total, page_size, options.max_items).collect();
        let pages_total = u32::try_from(rest.len() + 1).unwrap_or(u32::MAX);
        let mut done = 1u32;
        if let Some(report) = &options.on_progress {
            report(done, pages_total);
        }
        let mut items = first.items;
        // The pages after the first, `concurrency` in flight at once, kept by position.
        let mut later: Vec<Option<Vec<T>>> = rest.iter().map(|_| None).collect();
        let mut running = Vec::new();
        let mut next = 0;
        let limit = options.concurrency.max(1);
        core::future::poll_fn(|cx| loop {
            while running.len() < limit {
                let Some(page) = rest.get(next) else { break };
                running.push((next, page_call(*page)));
                next += 1;
            }
            let mut finished = false;
            let mut at = 0;
            while let Some((slot, call)) = running.get_mut(at) {
                match Pin::new(call).poll(cx) {
                    Poll::Pending => at += 1,
                    Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                    Poll::Ready(Ok(page)) => {
                        if let Some(place) = later.get_mut(*slot) {
                            *place = Some(page.items);
                        }
                        drop(running.swap_remove(at));
                        finished = true;
                        done += 1;
                        if let Some(report) = &options.on_progress {
                            report(done, pages_total);
                        }
                    }
                }
            }
            if running.is_empty() && next >= rest.len() {
                return Poll::Ready(Ok::<(), Error>(()));
            }
            if !finished {
                return Poll::Pending;
            }
        })
        .await?;
        for page in later.into_iter().flatten() {
            items.extend(page);
        }
        if let Some(cap) = options.max_items {
            items.truncate(cap);
        }
        Ok(AllPages { items, total: first.total, pages: done })
    }
}
