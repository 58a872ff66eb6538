//! One file per operation. An endpoint is plain data: it builds an [`HttpRequest`] (validating
//! its input first) and parses an [`HttpResponse`]. Both halves are pure functions.

use crate::prelude::*;

mod count;
mod create;
mod destroy;
mod list;
mod lookups;
mod me;
mod partial_update;
mod retrieve;
mod update;

pub use count::parse_count;
pub use count::CountMigrations;
pub use create::CreateMigration;
pub use destroy::parse_destroyed;
pub use destroy::DestroyMigration;
pub use list::{ListMigrations, ListQuery, MAX_PAGE_SIZE};
pub use lookups::{ListLookup, LookupItem, LookupQuery};
pub use me::Me;
pub use partial_update::PartialUpdateMigration;
pub use retrieve::RetrieveMigration;
pub use update::UpdateMigration;

use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::json::{Json, JsonWriter, ToJson};
use crate::model::wire::{parse_uuid, uuid_to_hex};
use crate::model::Decode;
use crate::page::{parse_link_header, parse_result_count, Page, PageLinks};
use crate::retry::parse_retry_after;

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
        Some(id) => {
            let mut path = String::from(MIGRATIONS_PATH);
            // 32 hex digits: nothing to escape.
            path.push_str(&uuid_to_hex(&id));
            path.push('/');
            Ok(path)
        }
        None => Err(invalid("uuid", crate::validate::texts::INVALID_UUID)),
    }
}

/// A request to one migration carrying a JSON body, once the body passed `validation`.
pub(crate) fn body_request(
    method: Method,
    uuid: &str,
    validation: FieldErrors,
    body: &impl ToJson,
) -> Result<HttpRequest, Error> {
    let path = migration_path(uuid)?;
    ok_or_invalid(validation)?;
    let mut request = HttpRequest::new(method, path);
    request.body = Some(to_json(body));
    Ok(request)
}

/// Serialises a request body.
pub(crate) fn to_json(body: &impl ToJson) -> String {
    let mut writer = JsonWriter::new();
    body.write_json(&mut writer);
    writer.finish()
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
    if response.is_success() {
        let mut message = String::from("unexpected status ");
        crate::json::push_u64(&mut message, u64::from(response.status));
        return Err(Error::undecodable(response.status, response.header("content-type"), message, &response.body));
    }
    let retry_after = parse_retry_after(response.header("retry-after"));
    Err(Error::from_response(response.status, response.header("content-type"), retry_after, &response.body))
}

// What every endpoint's parse shares is compiled once; only the decoding itself is per type.

/// A [`Error::Decode`] of `response` saying what was wrong and where.
fn undecodable(response: &HttpResponse, message: String) -> Error {
    Error::undecodable(response.status, response.header("content-type"), message, &response.body)
}

/// The parsed body of an `expected` answer.
fn parsed_body(response: &HttpResponse, expected: &[u16]) -> Result<Json, Error> {
    expect_status(response, expected)?;
    response.body.json().map_err(|message| undecodable(response, message))
}

/// The parse of every endpoint that answers `expected` with a JSON body: the status checked,
/// then the body decoded, or a [`Error::Decode`] naming what was wrong and where.
pub(crate) fn json_body<T: Decode>(response: &HttpResponse, expected: &[u16]) -> Result<T, Error> {
    let value = parsed_body(response, expected)?;
    T::decode(&value).map_err(|mismatch| undecodable(response, mismatch.describe()))
}

/// The total and the links of a list response.
fn paging_of(response: &HttpResponse) -> (Option<u64>, PageLinks) {
    let total = parse_result_count(response.header("x-result-count"));
    (total, response.header("link").map(parse_link_header).unwrap_or_default())
}

/// Parses a 200 list response into a page.
pub(crate) fn parse_page<T: Decode>(response: &HttpResponse, page: u32, page_size: u32) -> Result<Page<T>, Error> {
    let items = json_body(response, &[200])?;
    let (total, links) = paging_of(response);
    Ok(Page { items, total, page, page_size, links })
}

/// The page (1-based) and the page size a query asks for: the size kept within 1..=300, the
/// server's 10 when none is given.
pub(crate) fn page_and_size(page: Option<u32>, page_size: Option<u32>) -> (u32, u32) {
    (page.unwrap_or(1).max(1), page_size.map_or(list::DEFAULT_PAGE_SIZE, |size| size.clamp(1, MAX_PAGE_SIZE)))
}

/// A list request's query as it is built: uuid filters checked with the server's text, paging
/// added the way the server reads it; every list and lookup builds its query here.
pub(crate) struct ListRequest {
    request: HttpRequest,
    errors: FieldErrors,
}

impl ListRequest {
    /// A GET (or HEAD) of `path`.
    pub(crate) fn new(method: Method, path: &str) -> Self {
        ListRequest { request: HttpRequest::new(method, path), errors: FieldErrors::new() }
    }

    /// A fixed parameter (`offering_type=OpenStack.Tenant`).
    pub(crate) fn param(mut self, key: &str, value: &str) -> Self {
        self.request = self.request.with_query(key, value);
        self
    }

    /// An optional uuid filter: blank means none; a malformed one is refused with the server's
    /// text; a valid one is sent as 32 hex digits.
    pub(crate) fn uuid_filter(mut self, key: &str, value: Option<&str>) -> Self {
        let Some(value) = value.map(str::trim).filter(|text| !text.is_empty()) else { return self };
        match parse_uuid(value) {
            Some(id) => self.request = self.request.with_query(key, uuid_to_hex(&id)),
            None => self.errors.add(key, crate::validate::texts::INVALID_FILTER_UUID),
        }
        self
    }

    /// A uuid the endpoint cannot do without (the tenant of a network lookup).
    pub(crate) fn required_uuid(self, key: &str, value: &str) -> Self {
        if value.trim().is_empty() {
            let mut this = self;
            this.errors.add(key, crate::validate::texts::REQUIRED);
            return this;
        }
        self.uuid_filter(key, Some(value))
    }

    /// A search text (`name`), sent when not blank.
    pub(crate) fn search(mut self, key: &str, value: Option<&str>) -> Self {
        if let Some(text) = value.map(str::trim).filter(|text| !text.is_empty()) {
            self.request = self.request.with_query(key, text);
        }
        self
    }

    /// `page` and `page_size`: page 0 refused with the server's text, the size kept within
    /// 1..=300; the first page and an absent size are left to the server's defaults.
    pub(crate) fn paging(mut self, page: Option<u32>, page_size: Option<u32>) -> Self {
        if page == Some(0) {
            self.errors.add("page", crate::validate::texts::INVALID_PAGE);
        }
        let (number, size) = page_and_size(page, page_size);
        if number > 1 {
            self.request = self.request.with_query("page", crate::json::u64_text(u64::from(number)));
        }
        if page_size.is_some() {
            self.request = self.request.with_query("page_size", crate::json::u64_text(u64::from(size)));
        }
        self
    }

    /// The request, or the input errors found.
    pub(crate) fn build(self) -> Result<HttpRequest, Error> {
        ok_or_invalid(self.errors)?;
        Ok(self.request)
    }
}
