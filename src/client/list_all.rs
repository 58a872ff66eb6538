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
    Err(paging_hidden())
}

/// The error of a walk over pages that cannot learn how many there are.
pub(crate) fn paging_hidden() -> Error {
    Error::undecodable(
        200,
        None,
        "neither X-Result-Count nor Link could be read: the server must list them in \
         Access-Control-Expose-Headers for a page on another origin to list every migration",
        &Default::default(),
    )
}

/// Where a list-all stands: the pages still to fetch after the first, the ones back, and the
/// progress. Plain state, driven by the client's async loop below and by the JS bindings'
/// executor. Pages are numbered as they are started, so a total no server has (a lying
/// `X-Result-Count`) allocates nothing ahead.
pub(crate) struct Pages<T> {
    page_size: u32,
    max_items: Option<usize>,
    /// The pages after the first: `2..=last` (empty before the first page is in).
    rest: core::ops::RangeInclusive<u32>,
    /// The items of each later page started, by position, once back.
    later: Vec<Option<Vec<T>>>,
    items: Vec<T>,
    total: Option<u64>,
    done: u32,
}

impl<T> Pages<T> {
    /// A list-all of `page_size` items per request (clamped to 1..=300), up to `max_items`.
    pub(crate) fn new(page_size: u32, max_items: Option<usize>) -> Pages<T> {
        Pages {
            page_size: page_size.clamp(1, MAX_PAGE_SIZE),
            max_items,
            // None until the first page says how many there are.
            rest: remaining_pages(0, 1, None),
            later: Vec::new(),
            items: Vec::new(),
            total: None,
            done: 0,
        }
    }

    /// Items per request.
    pub(crate) fn page_size(&self) -> u32 {
        self.page_size
    }

    /// Takes the first page, whose total decides the pages still to fetch.
    pub(crate) fn first(&mut self, first: Page<T>) -> Result<(), Error> {
        self.rest = remaining_pages(total_of(&first, self.page_size)?, self.page_size, self.max_items);
        self.total = first.total;
        self.items = first.items;
        self.done = 1;
        Ok(())
    }

    /// (pages done, pages in all), the first included.
    pub(crate) fn progress(&self) -> (u32, u32) {
        (self.done, (*self.rest.end()).max(1))
    }

    /// The number of the next page to fetch, if any.
    pub(crate) fn next_page(&mut self) -> Option<u32> {
        let page = self.rest.next()?;
        self.later.push(None);
        Some(page)
    }

    /// The items of page `page` (2 or more, as [`Pages::next_page`] gave it) are back.
    pub(crate) fn landed(&mut self, page: u32, items: Vec<T>) {
        // The later pages are started in order from page 2, each at its own slot.
        let slot = (page as usize).wrapping_sub(2);
        if let Some(place @ None) = self.later.get_mut(slot) {
            *place = Some(items);
            self.done += 1;
        }
    }

    /// True once every page is back.
    pub(crate) fn complete(&self) -> bool {
        self.rest.is_empty() && self.later.iter().all(Option::is_some)
    }

    /// Every item in server order (at most `max_items`).
    pub(crate) fn finish(self) -> AllPages<T> {
        let mut items = self.items;
        for page in self.later.into_iter().flatten() {
            items.extend(page);
        }
        if let Some(cap) = self.max_items {
            items.truncate(cap);
        }
        AllPages { items, total: self.total, pages: self.done }
    }
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
        let mut pages = Pages::new(options.page_size, options.max_items);
        let page_size = pages.page_size();
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
        let report = |pages: &Pages<T>| {
            if let Some(report) = &options.on_progress {
                let (done, total) = pages.progress();
                report(done, total);
            }
        };
        pages.first(page_call(1).await?)?;
        report(&pages);
        // The pages after the first, `concurrency` in flight at once, kept by position.
        let mut running = Vec::new();
        let limit = options.concurrency.max(1);
        core::future::poll_fn(|cx| loop {
            while running.len() < limit {
                let Some(page) = pages.next_page() else { break };
                running.push((page, page_call(page)));
            }
            let mut finished = false;
            let mut at = 0;
            while let Some((page, call)) = running.get_mut(at) {
                match Pin::new(call).poll(cx) {
                    Poll::Pending => at += 1,
                    Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                    Poll::Ready(Ok(answer)) => {
                        pages.landed(*page, answer.items);
                        drop(running.swap_remove(at));
                        finished = true;
                        report(&pages);
                    }
                }
            }
            if running.is_empty() && pages.complete() {
                return Poll::Ready(Ok::<(), Error>(()));
            }
            if !finished {
                return Poll::Pending;
            }
        })
        .await?;
        Ok(pages.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(items: Vec<u32>, total: Option<u64>) -> Page<u32> {
        Page { items, total, page: 1, page_size: 2, links: Default::default() }
    }

    #[test]
    fn pages_come_back_in_any_order_and_leave_in_server_order() {
        let mut pages = Pages::new(2, Some(5));
        assert!(pages.next_page().is_none(), "nothing before the first page");
        pages.first(page(vec![0, 1], Some(7))).unwrap();
        assert_eq!(pages.progress(), (1, 3), "the cap of 5 needs pages 2 and 3 only");
        assert_eq!((pages.next_page(), pages.next_page(), pages.next_page()), (Some(2), Some(3), None));
        pages.landed(3, vec![4, 5]);
        pages.landed(3, vec![6]);
        assert!(!pages.complete());
        pages.landed(9, vec![9]);
        pages.landed(1, vec![1]);
        assert!(!pages.complete(), "pages never started are no answer");
        pages.landed(2, vec![2, 3]);
        assert!(pages.complete());
        assert_eq!(pages.progress(), (3, 3));
        assert_eq!(pages.finish(), AllPages { items: vec![0, 1, 2, 3, 4], total: Some(7), pages: 3 });
    }

    #[test]
    fn a_total_no_server_has_allocates_nothing_ahead() {
        let mut pages = Pages::new(300, None);
        pages.first(page(vec![0; 300], Some(u64::MAX))).unwrap();
        assert_eq!(pages.progress(), (1, u32::MAX));
        assert_eq!(pages.next_page(), Some(2));
        assert_eq!(pages.later.len(), 1, "one slot per page started");
    }
}
