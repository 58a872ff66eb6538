//! `GET /api/openstack-migrations/`: one page of migrations.

use super::{check_filter_uuid, ok_or_invalid, page_and_size, paging, parse_page, Endpoint, MIGRATIONS_PATH};
use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::model::MigrationDetails;
use crate::page::Page;
use serde::{Deserialize, Serialize};

/// The server's largest page size; larger requests are clamped to it.
pub const MAX_PAGE_SIZE: u32 = 300;
/// The server's page size when none is asked for.
pub const DEFAULT_PAGE_SIZE: u32 = 10;

/// Filters and paging of the list (and of `count`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
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
        let mut errors = FieldErrors::new();
        let mut request = HttpRequest::new(method, MIGRATIONS_PATH);
        if let Some(src) = check_filter_uuid(&mut errors, "src_resource_uuid", self.src_resource_uuid.as_deref()) {
            request = request.with_query("src_resource_uuid", src);
        }
        if let Some(dst) = check_filter_uuid(&mut errors, "dst_resource_uuid", self.dst_resource_uuid.as_deref()) {
            request = request.with_query("dst_resource_uuid", dst);
        }
        let request = paging(request, &mut errors, self.page, self.page_size);
        ok_or_invalid(errors)?;
        Ok(request)
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
