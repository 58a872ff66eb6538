//! Loading a page of the list newest first: the server pages that [`NewestFirstLoad`] asks
//! for, fetched one after the other.

use crate::prelude::*;

use crate::endpoints::ListQuery;
use crate::model::MigrationDetails;
use crate::page::{NewestFirstLoad, NewestPage, NewestStep};
use crate::transport::AbortSignal;
use crate::{Client, Error};

/// A page as shown.
pub(crate) type Shown = NewestPage<MigrationDetails>;

/// The filters and paging of a load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Request {
    pub src: Option<String>,
    pub dst: Option<String>,
    pub page: u32,
    pub size: u32,
}

/// Loads `request.page` newest first; `known_total` (from the previous load with the same
/// filters) spares the request that learns it.
pub(crate) async fn load(
    client: Client,
    request: Request,
    known_total: Option<u64>,
    signal: AbortSignal,
) -> Result<Shown, Error> {
    let mut loading = NewestFirstLoad::new(request.page, request.size, known_total);
    let mut answer = None;
    loop {
        match loading.step(answer.take()) {
            NewestStep::Done(shown) => return Ok(shown),
            NewestStep::Fetch(page) => {
                let query = ListQuery {
                    src_resource_uuid: request.src.clone(),
                    dst_resource_uuid: request.dst.clone(),
                    page: Some(page),
                    page_size: Some(request.size),
                };
                answer = Some(client.list(query).signal(signal.clone()).await?);
            }
        }
    }
}
