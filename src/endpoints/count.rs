//! `HEAD /api/openstack-migrations/`: how many migrations match, without the items.

use super::{expect_status, Endpoint, ListQuery};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::page::parse_result_count;

/// Counts the migrations matching the filters (the upstream clients' `count`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CountMigrations {
    /// Filters (paging is ignored by the count).
    pub query: ListQuery,
}

impl Endpoint for CountMigrations {
    type Output = u64;

    fn request(&self) -> Result<HttpRequest, Error> {
        self.query.to_request(Method::Head)
    }

    fn parse(&self, response: &HttpResponse) -> Result<u64, Error> {
        parse_count(response)
    }
}

/// The count a `HEAD` answer gives (`X-Result-Count`).
pub fn parse_count(response: &HttpResponse) -> Result<u64, Error> {
    expect_status(response, &[200])?;
    parse_result_count(response.header("x-result-count")).ok_or_else(|| {
        Error::undecodable(
            response.status,
            response.header("content-type"),
            crate::page::MISSING_COUNT,
            &crate::http::Body::text(response.header("x-result-count").unwrap_or("")),
        )
    })
}
