//! One file per operation. An endpoint is plain data: it builds an [`HttpRequest`] (validating
//! its input first) and parses an [`HttpResponse`]. Both halves are pure functions.

mod count;
mod create;
mod destroy;
mod list;
mod lookups;
mod partial_update;
mod retrieve;
mod update;

pub use count::CountMigrations;
pub use create::CreateMigration;
pub use destroy::DestroyMigration;
pub use list::{ListMigrations, ListQuery, MAX_PAGE_SIZE};
pub use lookups::{ListLookup, LookupItem, LookupQuery};
pub use partial_update::PartialUpdateMigration;
pub use retrieve::RetrieveMigration;
pub use update::UpdateMigration;

use crate::error::{Error, FieldErrors};
use crate::http::{encode_segment, HttpRequest, HttpResponse};
use crate::model::wire::parse_uuid;
use crate::page::{parse_link_header, parse_result_count, Page};
use crate::retry::parse_retry_after;
use serde::de::DeserializeOwned;

/// Path of the migrations collection.
pub const MIGRATIONS_PATH: &str = "/api/openstack-migrations/";

/// An API operation: builds its request and parses its response.
pub trait Endpoint {
    /// What a successful call returns.
    type Output;

    /// Validates the input and builds the request; [`Error::InvalidInput`] when invalid.
    fn request(&self) -> Result<HttpRequest, Error>;

    /// Turns the response into the output or an error.
    fn parse(&self, response: &HttpResponse) -> Result<Self::Output, Error>;
}

/// The path of one migration; an input error when `uuid` is not a uuid.
pub(crate) fn migration_path(uuid: &str) -> Result<String, Error> {
    match parse_uuid(uuid) {
        Some(id) => Ok(format!("{MIGRATIONS_PATH}{}/", encode_segment(&id.simple().to_string()))),
        None => Err(invalid("uuid", crate::validate::texts::INVALID_UUID)),
    }
}

/// An [`Error::InvalidInput`] with one message.
pub(crate) fn invalid(path: &str, message: &str) -> Error {
    let mut errors = FieldErrors::new();
    errors.add(path, message);
    Error::InvalidInput(errors)
}

/// `Err(InvalidInput)` unless `errors` is empty.
pub(crate) fn ok_or_invalid(errors: FieldErrors) -> Result<(), Error> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidInput(errors))
    }
}

/// The error for a response whose status is not one of `expected`.
pub(crate) fn expect_status(response: &HttpResponse, expected: &[u16]) -> Result<(), Error> {
    if expected.contains(&response.status) {
        return Ok(());
    }
    let retry_after = parse_retry_after(response.header("retry-after"));
    if response.is_success() {
        return Err(Error::undecodable(
            response.status,
            response.header("content-type"),
            format!("unexpected status {}", response.status),
            &response.body,
        ));
    }
    Err(Error::from_response(response.status, response.header("content-type"), retry_after, &response.body))
}

/// Decodes a JSON body into `T`, or a [`Error::Decode`] naming what was wrong.
pub(crate) fn decode_json<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
    serde_json::from_str(&response.body).map_err(|error| {
        Error::undecodable(response.status, response.header("content-type"), error.to_string(), &response.body)
    })
}

/// Parses a 200 list response into a page.
pub(crate) fn parse_page<T: DeserializeOwned>(
    response: &HttpResponse,
    page: u32,
    page_size: u32,
) -> Result<Page<T>, Error> {
    expect_status(response, &[200])?;
    Ok(Page {
        items: decode_json(response)?,
        total: parse_result_count(response.header("x-result-count")),
        page,
        page_size,
        links: response.header("link").map(parse_link_header).unwrap_or_default(),
    })
}

/// Validates an optional uuid filter with the server's text; blank means "no filter".
pub(crate) fn check_filter_uuid(errors: &mut FieldErrors, name: &str, value: Option<&str>) -> Option<String> {
    let value = value.map(str::trim).filter(|text| !text.is_empty())?;
    match parse_uuid(value) {
        Some(id) => Some(id.simple().to_string()),
        None => {
            errors.add(name, crate::validate::texts::INVALID_FILTER_UUID);
            None
        }
    }
}

/// The page (1-based) and the page size a query asks for: the size kept within 1..=300, the
/// server's 10 when none is given.
pub(crate) fn page_and_size(page: Option<u32>, page_size: Option<u32>) -> (u32, u32) {
    (page.unwrap_or(1).max(1), page_size.map_or(list::DEFAULT_PAGE_SIZE, |size| size.clamp(1, MAX_PAGE_SIZE)))
}

/// Adds `page` and `page_size`, checking the page and clamping the size to 1..=300.
pub(crate) fn paging(
    request: HttpRequest,
    errors: &mut FieldErrors,
    page: Option<u32>,
    page_size: Option<u32>,
) -> HttpRequest {
    let mut request = request;
    if page == Some(0) {
        errors.add("page", crate::validate::texts::INVALID_PAGE);
    }
    let (number, size) = page_and_size(page, page_size);
    if number > 1 {
        request = request.with_query("page", number.to_string());
    }
    if page_size.is_some() {
        request = request.with_query("page_size", size.to_string());
    }
    request
}
