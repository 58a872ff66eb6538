//! Loading a page of the list newest first ([`Client::newest_first`]).

use crate::model::MigrationDetails;
use crate::page::NewestPage;
use crate::prelude::*;
use crate::transport::AbortSignal;
use crate::{Client, Error, ListQuery};

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
    let query = ListQuery { src_resource_uuid: request.src, dst_resource_uuid: request.dst, ..Default::default() };
    client.newest_first(query, request.page, request.size, known_total, Some(signal)).await
}
