//! Every parser of an answer or an input, fed one case: shared by the native property tests
//! (tests/no_panic.rs, JSON parsed by serde_json) and the browser ones (tests/browser_no_panic.rs,
//! JSON parsed by the engine and read through `JsValue`). Each must give a value or a typed
//! error; a panic fails the test (and on wasm would kill the module).
#![allow(dead_code)]

use waldur_migrations::endpoints::*;
use waldur_migrations::http::HttpResponse;
use waldur_migrations::json::Json;
use waldur_migrations::model::Decode;
use waldur_migrations::page::{page_of_url, parse_link_header, parse_result_count};
use waldur_migrations::retry::parse_retry_after;
use waldur_migrations::validate::{check_subnet_cidr, validate_create};
use waldur_migrations::*;

/// Every parser that reads a response body or header. Returns how many of the answer's
/// readings gave a value (so a caller can check its cases reach past the first check).
pub fn feed(status: u16, body: &str, header: &str) -> usize {
    let mut response = HttpResponse::new(
        status,
        &[("link", header), ("x-result-count", header), ("retry-after", header), ("content-type", header)],
        body,
    );
    let read = [
        ListMigrations::default().parse(&response).is_ok(),
        CountMigrations::default().parse(&response).is_ok(),
        RetrieveMigration::default().parse(&response).is_ok(),
        CreateMigration::default().parse(&response).is_ok(),
        UpdateMigration::default().parse(&response).is_ok(),
        PartialUpdateMigration::default().parse(&response).is_ok(),
        DestroyMigration::default().parse(&response).is_ok(),
        ListLookup::source_resources(Default::default()).parse(&response).is_ok(),
        ListLookup::destination_offerings(Default::default()).parse(&response).is_ok(),
        ListLookup::volume_types_of_tenant("", Default::default()).parse(&response).is_ok(),
        ListLookup::networks("", Default::default()).parse(&response).is_ok(),
        ListLookup::subnets("", Default::default()).parse(&response).is_ok(),
    ];
    response.after_lost_answer = true;
    let _ = DestroyMigration::default().parse(&response);
    let err = Error::from_response(status, Some(header), parse_retry_after(Some(header)), &response.body);
    let _ = (err.to_string(), err.is_retryable(), err.field_messages("mappings.subnets[0].dst_cidr"));
    let _ = parse_link_header(header);
    let _ = parse_result_count(Some(header));
    let _ = page_of_url(header);
    let _ = check_subnet_cidr(header);
    read.iter().filter(|ok| **ok).count()
}

/// Every reader of a caller's value (and of a DRF error body). Returns whether it read as a
/// create request.
pub fn feed_input(json: &Json) -> bool {
    let _ = FieldErrors::from_drf(json);
    let create = MigrationCreateRequest::decode(json).map(|request| validate_create(&request));
    let _ = MigrationDetailsRequest::decode(json);
    let _ = ListQuery::decode(json);
    let _ = LookupQuery::decode(json);
    create.is_ok()
}
