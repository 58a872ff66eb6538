//! Loading a page of the list newest first. The server lists oldest first with no ordering
//! parameter, so page `n` newest first is read from the one or two server pages that hold it
//! (see [`crate::page::NewestFirst`]). Without a readable total (a server on another origin that
//! does not expose `X-Result-Count` or `Link`), the list falls back to the server's order.

use crate::prelude::*;

use crate::endpoints::ListQuery;
use crate::model::MigrationDetails;
use crate::page::{NewestFirst, Page};
use crate::transport::AbortSignal;
use crate::{Client, Error};

/// A page as shown.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Shown {
    /// The rows, in display order.
    pub items: Vec<MigrationDetails>,
    /// The page they are (1-based).
    pub page: u32,
    /// Pages in all, when known.
    pub pages: Option<u32>,
    /// Migrations in all, when known.
    pub total: Option<u64>,
    /// The server did not say how many there are: oldest first, one server page at a time.
    pub paging_unknown: bool,
    /// Whether a next page may exist (always known when the total is).
    pub has_next: bool,
}

/// The filters and paging of a load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Request {
    pub src: Option<String>,
    pub dst: Option<String>,
    pub page: u32,
    pub size: u32,
}

impl Request {
    fn query(&self, page: u32) -> ListQuery {
        ListQuery {
            src_resource_uuid: self.src.clone(),
            dst_resource_uuid: self.dst.clone(),
            page: Some(page),
            page_size: Some(self.size),
        }
    }
}

async fn fetch(
    client: &Client,
    request: &Request,
    page: u32,
    signal: &AbortSignal,
) -> Result<Page<MigrationDetails>, Error> {
    client.list(request.query(page)).signal(signal.clone()).await
}

/// The exact number of migrations, from a page's headers: the count, else the `last` link and
/// the size of that last page.
async fn total_of(
    client: &Client,
    request: &Request,
    page: &Page<MigrationDetails>,
    signal: &AbortSignal,
) -> Result<Option<u64>, Error> {
    if let Some(total) = page.total {
        return Ok(Some(total));
    }
    let Some(last) = page.links.last.as_ref().map(|link| link.page) else { return Ok(None) };
    let last_page =
        if last == page.page { page.items.len() } else { fetch(client, request, last, signal).await?.items.len() };
    Ok(Some(u64::from(last.saturating_sub(1)) * u64::from(request.size) + last_page as u64))
}

/// Loads `request.page` newest first; `known_total` (from the previous load with the same
/// filters) spares the request that learns it.
pub(crate) async fn load(
    client: Client,
    request: Request,
    known_total: Option<u64>,
    signal: AbortSignal,
) -> Result<Shown, Error> {
    let mut first_page = None;
    let mut total = match known_total {
        Some(total) => total,
        None => {
            let page = fetch(&client, &request, 1, &signal).await?;
            match total_of(&client, &request, &page, &signal).await? {
                Some(total) => {
                    first_page = Some(page);
                    total
                }
                None => return fetch_unknown(&client, &request, page, &signal).await,
            }
        }
    };
    // The total can change between requests (a migration created elsewhere): read again once,
    // then show what came.
    let mut attempt = 0;
    loop {
        attempt += 1;
        let window = NewestFirst::window(total, request.page, request.size);
        let first = match first_page.take().filter(|page| page.page == window.first) {
            Some(page) => page,
            None => fetch(&client, &request, window.first, &signal).await?,
        };
        let second = match window.second {
            Some(number) => Some(fetch(&client, &request, number, &signal).await?),
            None => None,
        };
        let seen = first.total.or(second.as_ref().and_then(|p| p.total));
        if let Some(now) = seen.filter(|now| *now != total && attempt == 1) {
            total = now;
            continue;
        }
        let mut items = first.items;
        if let Some(second) = second {
            items.extend(second.items);
        }
        let page = request.page.clamp(1, window.pages);
        return Ok(Shown {
            items: window.pick(items),
            page,
            pages: Some(window.pages),
            total: Some(total),
            paging_unknown: false,
            has_next: page < window.pages,
        });
    }
}

/// Without a total: the server's order, one server page at a time.
async fn fetch_unknown(
    client: &Client,
    request: &Request,
    first: Page<MigrationDetails>,
    signal: &AbortSignal,
) -> Result<Shown, Error> {
    let page = if request.page <= 1 { first } else { fetch(client, request, request.page, signal).await? };
    let has_next = page.items.len() >= request.size as usize;
    Ok(Shown { items: page.items, page: request.page.max(1), pages: None, total: None, paging_unknown: true, has_next })
}
