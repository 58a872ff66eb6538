//! Decoding every quirk of the real wire, with fixtures shaped like real responses.
#![cfg(not(target_arch = "wasm32"))]

use waldur_migrations::endpoints::{CreateMigration, Endpoint, ListLookup, ListMigrations};
use waldur_migrations::http::{Body, HttpResponse};
use waldur_migrations::*;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn response(status: u16, body: String, headers: &[(&str, &str)]) -> HttpResponse {
    HttpResponse::new(status, headers, &body)
}

fn decode<T: Decode>(text: &str) -> T {
    waldur_migrations::model::decode::from_str(text).unwrap()
}

/// What a model writes, as a JSON value.
fn written<T: waldur_migrations::json::ToJson>(value: &T) -> serde_json::Value {
    serde_json::from_str(&waldur_migrations::json::to_string(value)).unwrap()
}

fn body(text: &str) -> Body {
    Body::text(text)
}

fn hex(id: &Uuid) -> String {
    id.simple().to_string()
}

#[test]
fn current_server_body() {
    let m: MigrationDetails = decode(&fixture("migration_current.json"));
    assert_eq!(hex(&m.uuid), "a45c8927e176455781f63e7c7baf9567");
    assert_eq!(m.state, MigrationState::CreationScheduled);
    assert_eq!(m.dst_resource_state, ResourceState::Creating);
    assert_eq!(m.created.to_rfc3339(), "2025-06-13T10:11:12.123456Z");
    assert_eq!(m.modified.to_rfc3339(), "2025-06-13T10:11:15Z");
    // Hyphenated uuids inside mappings.volume_types are read and written as 32-hex.
    assert_eq!(hex(&m.mappings.volume_types[0].src_type_uuid), "1f8a8d6458a44c529b5e2d3f8e6a7b10");
    assert_eq!(m.mappings.subnets[0].dst_cidr, "192.168.42.0/24");
    assert_eq!(m.error_message, "");
    let out = written(&m);
    assert_eq!(out["mappings"]["volume_types"][0]["src_type_uuid"], "1f8a8d6458a44c529b5e2d3f8e6a7b10");
    assert_eq!(out["state"], "CREATION_SCHEDULED");
    assert_eq!(out["created"], "2025-06-13T10:11:12.123456Z");
    assert!(out["mappings"].get("networks").is_none());
}

#[test]
fn legacy_server_body() {
    let m: MigrationDetails = decode(&fixture("migration_legacy.json"));
    assert_eq!(hex(&m.uuid), "b56d9038f287456692f74d8f8c0ba678", "hyphenated uuid read");
    assert_eq!(m.state, MigrationState::Erred, "label spelling 'Erred'");
    assert_eq!(m.dst_resource_state, ResourceState::Erred);
    assert_eq!(m.mappings, Mapping::default(), "mappings: null");
    assert_eq!((m.error_message.as_str(), m.error_traceback.as_str()), ("", ""), "absent error fields");
    assert_eq!(m.created.unix_millis(), 1_515_699_710_451);
    let out = written(&m);
    assert_eq!(out["state"], "ERRED");
    assert_eq!(out["uuid"], "b56d9038f287456692f74d8f8c0ba678");
    assert_eq!(out["mappings"], serde_json::json!({"skip_connection_extnet": false, "sync_instance_ports": false}));
}

#[test]
fn unknown_values_and_extra_fields() {
    let m: MigrationDetails = decode(&fixture("migration_unknown.json"));
    assert_eq!(m.state, MigrationState::Unknown("PAUSED".into()));
    assert_eq!(m.state.as_str(), "PAUSED");
    assert_eq!(m.dst_resource_state, ResourceState::Unknown("SUSPENDED".into()));
    assert_eq!(m.created_by_full_name, "", "null name tolerated");
    assert!(m.mappings.volume_types.is_empty(), "null list tolerated");
    assert!(m.mappings.sync_instance_ports);
    let out = written(&m);
    assert_eq!(out["state"], "PAUSED", "unknown state passed through");
}

#[test]
fn erred_body_keeps_the_traceback() {
    let m: MigrationDetails = decode(&fixture("migration_erred.json"));
    assert_eq!(m.state, MigrationState::Erred);
    assert!(m.error_traceback.lines().count() >= 4);
    assert!(m.error_message.contains("quota exceeded"));
}

#[test]
fn every_state_spelling() {
    let pairs = [
        ("CREATION_SCHEDULED", "Creation Scheduled", MigrationState::CreationScheduled),
        ("CREATING", "Creating", MigrationState::Creating),
        ("UPDATE_SCHEDULED", "Update Scheduled", MigrationState::UpdateScheduled),
        ("UPDATING", "Updating", MigrationState::Updating),
        ("DELETION_SCHEDULED", "Deletion Scheduled", MigrationState::DeletionScheduled),
        ("DELETING", "Deleting", MigrationState::Deleting),
        ("OK", "OK", MigrationState::Ok),
        ("ERRED", "Erred", MigrationState::Erred),
    ];
    for (current, label, state) in pairs {
        assert_eq!(MigrationState::from_wire(current), state);
        assert_eq!(MigrationState::from_wire(label), state);
        assert_eq!(state.as_str(), current);
    }
    for (text, state) in [
        ("Creating", ResourceState::Creating),
        ("OK", ResourceState::Ok),
        ("Erred", ResourceState::Erred),
        ("Updating", ResourceState::Updating),
        ("Terminating", ResourceState::Terminating),
        ("Terminated", ResourceState::Terminated),
        ("TERMINATED", ResourceState::Terminated),
    ] {
        assert_eq!(ResourceState::from_wire(text), state);
    }
    assert_eq!(ResourceState::Ok.as_str(), "OK");
    assert_eq!(ResourceState::Creating.as_str(), "Creating");
    assert!(MigrationState::Creating.is_in_progress());
    assert!(!MigrationState::Erred.is_in_progress());
}

#[test]
fn dates_in_every_form() {
    for (text, millis) in [
        ("2018-01-11T19:41:50.451396Z", 1_515_699_710_451),
        ("2018-01-11T19:41:50.451396+00:00", 1_515_699_710_451),
        ("2018-01-11T19:41:50Z", 1_515_699_710_000),
        ("2018-01-11T19:41:50+00:00", 1_515_699_710_000),
        ("2018-01-11T21:41:50+02:00", 1_515_699_710_000),
    ] {
        assert_eq!(Timestamp::parse(text).unwrap().unix_millis(), millis, "{text}");
    }
    assert!(Timestamp::parse("2018-01-11 19:41").is_none());
    let yesterday = waldur_migrations::json::Json::parse("\"yesterday\"").unwrap();
    assert!(waldur_migrations::model::decode::timestamp(&yesterday).is_err());
}

#[test]
fn list_page_with_headers() {
    let body = format!(
        "[{},{},{}]",
        fixture("migration_current.json"),
        fixture("migration_legacy.json"),
        fixture("migration_unknown.json")
    );
    let link = "<https://waldur.example.com/api/openstack-migrations/?page_size=3>; rel=\"first\", \
                <https://waldur.example.com/api/openstack-migrations/?page_size=3>; rel=\"prev\", \
                <https://waldur.example.com/api/openstack-migrations/?page=3&page_size=3>; rel=\"next\", \
                <https://waldur.example.com/api/openstack-migrations/?page=5&page_size=3>; rel=\"last\"";
    let endpoint = ListMigrations { query: ListQuery { page: Some(2), page_size: Some(3), ..Default::default() } };
    let page = endpoint.parse(&response(200, body, &[("x-result-count", "14"), ("link", link)])).unwrap();
    assert_eq!(page.items.len(), 3);
    assert_eq!(page.total, Some(14));
    assert_eq!(page.page, 2);
    assert_eq!(page.links.first.as_ref().unwrap().page, 1);
    assert_eq!(page.prev_page(), Some(1));
    assert_eq!(page.next_page(), Some(3));
    assert_eq!(page.page_count(), Some(5));
    assert!(page.links.next.unwrap().url.contains("page_size=3"));
}

#[test]
fn empty_list_and_missing_headers() {
    let endpoint = ListMigrations::default();
    let page = endpoint.parse(&response(200, "[]".into(), &[])).unwrap();
    assert!(page.items.is_empty());
    assert_eq!(page.total, None);
    assert_eq!(page.links, PageLinks::default());
}

#[test]
fn create_201_full_and_documented() {
    let endpoint = CreateMigration::default();
    let full = endpoint.parse(&response(201, fixture("migration_current.json"), &[])).unwrap();
    assert_eq!(full.details().unwrap().state, MigrationState::CreationScheduled);
    let short = endpoint.parse(&response(201, fixture("create_201_documented.json"), &[])).unwrap();
    match &short {
        CreatedMigration::Documented(body) => {
            assert_eq!(hex(&body.src_resource), "7d8e9f0a1b2c4d3e8f4a5b6c7d8e9f0a");
        }
        other => panic!("expected the documented body, got {other:?}"),
    }
    assert_eq!(short.src_resource_uuid(), full.src_resource_uuid());
    let broken = endpoint.parse(&response(201, "{\"mappings\": {}}".into(), &[])).unwrap_err();
    assert_eq!(broken.kind(), ErrorKind::Decode);
    assert_eq!(broken.status(), Some(201));
}

#[test]
fn nested_drf_errors_by_path() {
    let err = Error::from_response(400, Some("application/json"), None, &body(&fixture("error_400_nested.json")));
    assert_eq!(err.kind(), ErrorKind::Http);
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.field_messages("mappings.volume_types[1].src_type_uuid"), ["Must be a valid UUID."]);
    assert!(err.field_messages("mappings.volume_types[0].src_type_uuid").is_empty());
    assert_eq!(err.field_messages("mappings.subnets[1].dst_cidr"), ["A private network CIDR is expected."]);
    assert_eq!(err.field_messages("mappings.networks[0]"), ["Must be a valid UUID."]);
    assert_eq!(err.field_messages("name"), ["This field may not be blank."]);
    assert_eq!(err.fields().unwrap().under("mappings.subnets").count(), 1);
    let mut fields = err.fields().unwrap().clone();
    fields.remove("mappings.volume_types[1]");
    assert!(fields.get("mappings.volume_types[1].src_type_uuid").is_empty());
    assert_eq!(fields.len(), 3, "the others stay");
    fields.remove("mappings");
    assert_eq!(fields.iter().map(|(p, _)| p).collect::<Vec<_>>(), ["name"]);
    assert!(!err.is_retryable());
}

#[test]
fn non_field_detail_and_bare_list_errors() {
    let err = Error::from_response(
        400,
        None,
        None,
        &body(r#"{"non_field_errors": ["{'Source resource does not have limits set.'}"]}"#),
    );
    assert_eq!(err.field_messages("non_field_errors"), ["{'Source resource does not have limits set.'}"]);
    let err = Error::from_response(
        400,
        None,
        None,
        &body(r#"{"mappings": {"non_field_errors": ["Invalid data. Expected a dictionary, but got str."]}}"#),
    );
    assert_eq!(err.field_messages("mappings.non_field_errors"), ["Invalid data. Expected a dictionary, but got str."]);
    let err = Error::from_response(404, None, None, &body(r#"{"detail": "No Migration matches the given query."}"#));
    assert_eq!(err.detail(), Some("No Migration matches the given query."));
    assert_eq!(err.to_string(), "HTTP 404: No Migration matches the given query.");
    let err = Error::from_response(400, None, None, &body(r#"["Something is wrong."]"#));
    assert_eq!(err.field_messages("non_field_errors"), ["Something is wrong."]);
}

#[test]
fn html_500_is_a_decode_error_with_a_snippet() {
    let err = Error::from_response(500, Some("text/html"), None, &body(&fixture("error_500.html")));
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), Some(500));
    let Error::Decode(decode) = &err else { unreachable!() };
    assert!(decode.snippet.starts_with("<!doctype html> <html lang=\"en\"> <head> <title>Server Error (500)</title>"));
    assert!(decode.message.contains("HTML"));
    assert_eq!(decode.content_type.as_deref(), Some("text/html"));
    assert!(!err.is_retryable());
    let gateway = Error::from_response(502, Some("text/html"), None, &body("<html>Bad gateway</html>"));
    assert!(gateway.is_retryable());
}

#[test]
fn truncated_body_is_a_decode_error() {
    let full = fixture("migration_current.json");
    let truncated = full[..full.len() / 2].to_string();
    let err = waldur_migrations::endpoints::RetrieveMigration { uuid: "a45c8927e176455781f63e7c7baf9567".into() }
        .parse(&response(200, truncated, &[("content-type", "application/json")]))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.to_string().contains("EOF"), "{err}");
}

#[test]
fn lookups_decode_with_nulls_and_extra_fields() {
    let resources = ListLookup::source_resources(LookupQuery::default())
        .parse(&response(200, fixture("marketplace_resources.json"), &[("x-result-count", "2")]))
        .unwrap();
    assert_eq!(resources.items[0].limits.get("cores"), Some(&64.0));
    assert!(resources.items[1].limits.is_empty());
    assert_eq!(resources.items[1].resource_uuid, None);
    let offerings = ListLookup::destination_offerings(LookupQuery::default())
        .parse(&response(200, fixture("public_offerings.json"), &[]))
        .unwrap();
    assert_eq!(offerings.items[0].label(), "Tallinn Cloud — OpenStack tenant | TalTech HPC");
    assert_eq!(offerings.items[0].default_plan().unwrap().name, "Large");
    assert_eq!(offerings.items[1].label(), "Helsinki Cloud — OpenStack tenant");
    assert!(offerings.items[1].plans.is_empty());
}

#[test]
fn list_body_that_is_not_a_list() {
    for body in ["null", "{}", "\"x\"", "", "[1,2]", "[null]"] {
        let err = ListMigrations::default().parse(&response(200, body.into(), &[])).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode, "{body}");
    }
}
