//! `GET /api/openstack-migrations/`: one page of migrations.

use crate::prelude::*;

use super::{page_and_size, parse_page, Endpoint, ListRequest, MIGRATIONS_PATH};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::json::Json;
use crate::model::{Decode, MigrationDetails, Mismatch};
use crate::page::Page;

/// The server's largest page size; larger requests are clamped to it.
pub const MAX_PAGE_SIZE: u32 = 300;
/// The server's page size when none is asked for.
pub const DEFAULT_PAGE_SIZE: u32 = 10;

/// Filters and paging of the list (and of `count`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListQuery {
    /// Only migrations of this source resource.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub src_resource_uuid: Option<String>,
    /// Only migrations into this destination resource.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub dst_resource_uuid: Option<String>,
    /// 1-based page number.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub page: Option<u32>,
    /// Items per page, kept within 1..=300 (server default 10).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub page_size: Option<u32>,
}

impl ListQuery {
    /// Builds the GET or HEAD request for this query.
    pub(crate) fn to_request(&self, method: Method) -> Result<HttpRequest, Error> {
        ListRequest::new(method, MIGRATIONS_PATH)
            .uuid_filter("src_resource_uuid", self.src_resource_uuid.as_deref())
            .uuid_filter("dst_resource_uuid", self.dst_resource_uuid.as_deref())
            .paging(self.page, self.page_size)
            .build()
    }
}

impl Decode for ListQuery {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = crate::model::decode::Fields::of(value)?;
        Ok(ListQuery {
            src_resource_uuid: fields.opt_text("src_resource_uuid")?,
            dst_resource_uuid: fields.opt_text("dst_resource_uuid")?,
            page: fields.whole("page")?,
            page_size: fields.whole("page_size")?,
        })
    }
}

/// Lists one page of migrations, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListMigrations {
    /// Filters and paging.
    pub query: ListQuery,
}

impl Endpoint for ListMigrations {
    type Output = Page<MigrationDetails>;

    fn request(&self) -> Result<HttpRequest, Error> {
        self.query.to_request(Method::Get)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output, Error> {
        let (page, page_size) = page_and_size(self.query.page, self.query.page_size);
        parse_page(response, page, page_size)
    }
}
