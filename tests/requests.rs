//! Building requests: URLs, query, headers, bodies, and client-side validation with the
//! server's texts.
#![cfg(not(target_arch = "wasm32"))]

use waldur_migrations::endpoints::*;
use waldur_migrations::http::{join_url, Method};
use waldur_migrations::validate::{check_subnet_cidr, texts, validate_create};
use waldur_migrations::*;

const SRC: &str = "7d8e9f0a1b2c4d3e8f4a5b6c7d8e9f0a";
const OFFERING: &str = "6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f";
const PLAN: &str = "1c2d3e4f5a6b4c7d9e0f1a2b3c4d5e6f";

fn valid_create() -> MigrationCreateRequest {
    MigrationCreateRequest {
        src_resource: SRC.into(),
        dst_offering: OFFERING.into(),
        dst_plan: PLAN.into(),
        ..Default::default()
    }
}

#[test]
fn base_url_with_or_without_slash_and_prefix() {
    for base in ["https://w.example.com", "https://w.example.com/", " https://w.example.com// "] {
        assert_eq!(join_url(base, "/api/openstack-migrations/"), "https://w.example.com/api/openstack-migrations/");
    }
    assert_eq!(join_url("https://w.example.com/waldur/", "/api/x/"), "https://w.example.com/waldur/api/x/");
}

#[test]
fn list_request_query_and_clamping() {
    let request = ListMigrations {
        query: ListQuery {
            src_resource_uuid: Some("7D8E9F0A-1B2C-4D3E-8F4A-5B6C7D8E9F0A".into()),
            dst_resource_uuid: Some("  ".into()),
            page: Some(3),
            page_size: Some(5000),
        },
    }
    .request()
    .unwrap();
    assert_eq!(request.method, Method::Get);
    assert_eq!(
        request.url("https://w.example.com"),
        format!("https://w.example.com/api/openstack-migrations/?src_resource_uuid={SRC}&page=3&page_size=300")
    );
    let first = ListMigrations { query: ListQuery { page: Some(1), page_size: Some(0), ..Default::default() } }
        .request()
        .unwrap();
    assert_eq!(first.query, vec![("page_size".to_string(), "1".to_string())]);
}

#[test]
fn list_rejects_malformed_filters_and_page_zero() {
    let err = ListMigrations {
        query: ListQuery { src_resource_uuid: Some("nope".into()), page: Some(0), ..Default::default() },
    }
    .request()
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(err.field_messages("src_resource_uuid"), [texts::INVALID_FILTER_UUID]);
    assert_eq!(err.field_messages("page"), [texts::INVALID_PAGE]);
}

#[test]
fn count_is_head_with_filters() {
    let request = CountMigrations { query: ListQuery { dst_resource_uuid: Some(SRC.into()), ..Default::default() } }
        .request()
        .unwrap();
    assert_eq!(request.method, Method::Head);
    assert_eq!(request.path, "/api/openstack-migrations/");
    assert!(request.body.is_none());
}

#[test]
fn detail_paths_end_in_slash_and_take_either_spelling() {
    let hyphenated = RetrieveMigration { uuid: "A45C8927-E176-4557-81F6-3E7C7BAF9567".into() }.request().unwrap();
    assert_eq!(hyphenated.path, "/api/openstack-migrations/a45c8927e176455781f63e7c7baf9567/");
    let delete = DestroyMigration { uuid: "a45c8927e176455781f63e7c7baf9567".into() }.request().unwrap();
    assert_eq!(delete.method, Method::Delete);
    assert_eq!(delete.path, hyphenated.path);
    let err = RetrieveMigration { uuid: "../../admin".into() }.request().unwrap_err();
    assert_eq!(err.field_messages("uuid"), [texts::INVALID_UUID]);
}

#[test]
fn headers_carry_the_authorization_only_there() {
    let request = CreateMigration { body: valid_create() }.request().unwrap();
    let headers = request.headers(Some("Token 0123456789abcdef"), Some("et"));
    assert!(headers.contains(&("Accept-Language", "et".into())));
    assert!(headers.contains(&("Authorization", "Token 0123456789abcdef".into())));
    assert!(headers.contains(&("Content-Type", "application/json".into())));
    assert!(!request.url("https://w.example.com").contains("0123456789abcdef"));
    let get = RetrieveMigration { uuid: SRC.into() }.request().unwrap();
    assert!(!get.headers(None, None).iter().any(|(name, _)| *name == "Content-Type"));
}

#[test]
fn create_body_is_normalised_and_omits_unset_fields() {
    let request = CreateMigration { body: valid_create() }.request().unwrap();
    let body: serde_json::Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "src_resource": SRC,
            "dst_offering": "6c7d8e9f0a1b4c2d9e3f4a5b6c7d8e9f",
            "dst_plan": PLAN,
        }),
        "no description (the server answers 500 to it), no name, no mappings"
    );
    let mut with_mappings = valid_create();
    with_mappings.name = Some("genomics-tallinn".into());
    with_mappings.mappings = Some(MappingRequest {
        subnets: vec![SubNetMappingRequest { src_cidr: "10.0.1.0/24".into(), dst_cidr: "192.168.1.0/24".into() }],
        skip_connection_extnet: true,
        ..Default::default()
    });
    let body = CreateMigration { body: with_mappings }.request().unwrap().body.unwrap();
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["name"], "genomics-tallinn");
    assert_eq!(
        body["mappings"],
        serde_json::json!({
            "subnets": [{"src_cidr": "10.0.1.0/24", "dst_cidr": "192.168.1.0/24"}],
            "skip_connection_extnet": true,
            "sync_instance_ports": false
        })
    );
}

#[test]
fn create_validation_uses_the_server_texts() {
    let errors = validate_create(&MigrationCreateRequest {
        src_resource: "".into(),
        dst_offering: "not-a-uuid".into(),
        dst_plan: PLAN.into(),
        name: Some("   ".into()),
        description: None,
        mappings: Some(MappingRequest {
            volume_types: vec![
                VolumeTypeMappingRequest { src_type_uuid: SRC.into(), dst_type_uuid: PLAN.into() },
                VolumeTypeMappingRequest { src_type_uuid: "ssd".into(), dst_type_uuid: PLAN.into() },
            ],
            subnets: vec![
                SubNetMappingRequest { src_cidr: "10.0.0.0/24".into(), dst_cidr: "8.8.8.0/24".into() },
                SubNetMappingRequest { src_cidr: "10.0.0.0/16".into(), dst_cidr: "10.0.0.5/24".into() },
                SubNetMappingRequest { src_cidr: "".into(), dst_cidr: "banana".into() },
            ],
            networks: vec!["x".into()],
            sync_instance_ports: true,
            ..Default::default()
        }),
    });
    assert_eq!(errors.get("src_resource"), [texts::REQUIRED]);
    assert_eq!(errors.get("dst_offering"), ["Object with uuid=not-a-uuid does not exist."]);
    assert!(errors.get("dst_plan").is_empty());
    assert_eq!(errors.get("name"), [texts::BLANK]);
    assert!(errors.get("mappings.volume_types[0].src_type_uuid").is_empty());
    assert_eq!(errors.get("mappings.volume_types[1].src_type_uuid"), [texts::INVALID_UUID]);
    assert_eq!(errors.get("mappings.subnets[0].dst_cidr"), [texts::NOT_PRIVATE]);
    assert_eq!(errors.get("mappings.subnets[1].src_cidr"), [texts::MASK_NOT_24]);
    assert_eq!(errors.get("mappings.subnets[1].dst_cidr"), [texts::INVALID_IPV4]);
    assert_eq!(errors.get("mappings.subnets[2].src_cidr"), [texts::BLANK]);
    assert_eq!(errors.get("mappings.subnets[2].dst_cidr"), [texts::INVALID_IPV4]);
    assert_eq!(errors.get("mappings.networks[0]"), [texts::INVALID_UUID]);
    assert_eq!(errors.get("non_field_errors"), [texts::SYNC_PORTS_WITH_SUBNETS]);
    // Invalid input never becomes a request.
    let err = CreateMigration { body: MigrationCreateRequest::default() }.request().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(err.fields().unwrap().len(), 3);
}

#[test]
fn subnet_cidr_rules() {
    for ok in ["10.0.0.0/24", "172.16.5.0/24", "172.31.255.0/24", "192.168.0.0/24", "10.1.2.0/255.255.255.0"] {
        assert_eq!(check_subnet_cidr(ok), Ok(()), "{ok}");
    }
    for (bad, text) in [
        ("10.0.0.0/16", texts::MASK_NOT_24),
        ("10.0.0.0", texts::MASK_NOT_24),
        ("10.0.0.1/24", texts::INVALID_IPV4),
        ("172.32.0.0/24", texts::NOT_PRIVATE),
        ("8.8.8.0/24", texts::NOT_PRIVATE),
        ("192.169.1.0/24", texts::NOT_PRIVATE),
        ("10.0.0.0/33", texts::INVALID_IPV4),
        ("10.0.0.0/", texts::INVALID_IPV4),
        ("256.0.0.0/24", texts::INVALID_IPV4),
        ("fd00::/64", texts::INVALID_IPV4),
        ("10.0.0.0/24/24", texts::INVALID_IPV4),
        ("010.0.0.0/24", texts::INVALID_IPV4),
    ] {
        assert_eq!(check_subnet_cidr(bad), Err(text), "{bad}");
    }
}

#[test]
fn update_requires_mappings_and_patch_sends_only_what_is_set() {
    let err = UpdateMigration { uuid: SRC.into(), body: MigrationDetailsRequest::default() }.request().unwrap_err();
    assert_eq!(err.field_messages("mappings"), [texts::REQUIRED]);
    let put = UpdateMigration {
        uuid: SRC.into(),
        body: MigrationDetailsRequest { mappings: Some(MappingRequest::default()), ..Default::default() },
    }
    .request()
    .unwrap();
    assert_eq!(put.method, Method::Put);
    assert_eq!(
        put.body.as_deref(),
        Some(r#"{"mappings":{"skip_connection_extnet":false,"sync_instance_ports":false}}"#)
    );
    let patch = PartialUpdateMigration {
        uuid: SRC.into(),
        body: PatchedMigrationDetailsRequest { error_message: Some("retry later".into()), ..Default::default() },
    }
    .request()
    .unwrap();
    assert_eq!(patch.method, Method::Patch);
    assert_eq!(patch.body.as_deref(), Some(r#"{"error_message":"retry later"}"#));
}

#[test]
fn mappings_round_trip_into_an_edit_request() {
    let stored: MigrationDetails = waldur_migrations::model::decode::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/migration_current.json"))
            .unwrap(),
    )
    .unwrap();
    let edit = MappingRequest::from(&stored.mappings);
    assert_eq!(edit.volume_types[0].src_type_uuid, "1f8a8d6458a44c529b5e2d3f8e6a7b10");
    assert_eq!(edit.subnets[0].src_cidr, "10.0.1.0/24");
    assert!(waldur_migrations::validate::validate_update(&MigrationDetailsRequest {
        mappings: Some(edit),
        ..Default::default()
    })
    .is_empty());
}

#[test]
fn lookups_ask_only_for_used_fields() {
    let request = ListLookup::source_resources(LookupQuery { name: Some(" geno ".into()), ..Default::default() })
        .request()
        .unwrap();
    let url = request.url("https://w.example.com");
    assert!(url.starts_with("https://w.example.com/api/marketplace-resources/?offering_type=OpenStack.Tenant&name=geno&field=uuid&field=name"), "{url}");
    let volume_types = ListLookup::volume_types_of_settings(OFFERING, LookupQuery::default()).request().unwrap();
    assert_eq!(
        volume_types.url("http://h"),
        "http://h/api/openstack-volume-types/?settings_uuid=6c7d8e9f0a1b4c2d9e3f4a5b6c7d8e9f"
    );
    let err = ListLookup::subnets("", LookupQuery::default()).request().unwrap_err();
    assert_eq!(err.field_messages("tenant_uuid"), [texts::REQUIRED]);
    let err = ListLookup::networks("zzz", LookupQuery::default()).request().unwrap_err();
    assert_eq!(err.field_messages("tenant_uuid"), [texts::INVALID_FILTER_UUID]);
    let search = ListLookup::destination_offerings(LookupQuery { name: Some("a&b=c d".into()), ..Default::default() })
        .request()
        .unwrap();
    assert!(search.url("http://h").contains("name=a%26b%3Dc%20d"));
    // Escaped as encodeURIComponent does (the wasm calls the engine's: tests/browser_client.rs).
    let odd = waldur_migrations::http::HttpRequest::new(waldur_migrations::http::Method::Get, "/x/")
        .with_query("q", ODD_QUERY_TEXT)
        .url("http://h");
    assert_eq!(odd, ODD_QUERY_URL);
    // HomePort's filters: the offerings the source's organisation may order, the tenant's own
    // networks only.
    let orderable = ListLookup::destination_offerings_for(OFFERING, LookupQuery::default()).request().unwrap();
    let url = orderable.url("http://h");
    assert!(
        url.contains("type=OpenStack.Tenant") && url.contains("allowed_customer_uuid=6c7d8e9f0a1b4c2d9e3f4a5b6c7d8e9f"),
        "{url}"
    );
    let networks = ListLookup::networks(OFFERING, LookupQuery::default()).request().unwrap();
    assert!(networks.url("http://h").contains("tenant_uuid=6c7d8e9f0a1b4c2d9e3f4a5b6c7d8e9f&direct_only=true"));
    let err = ListLookup::destination_offerings_for("", LookupQuery::default()).request().unwrap_err();
    assert_eq!(err.field_messages("allowed_customer_uuid"), [texts::REQUIRED]);
}

#[test]
fn link_header_parsing() {
    use waldur_migrations::page::{page_of_url, parse_link_header};
    let links = parse_link_header(
        "<http://h/api/x/?o=a,b&page=2>; rel=\"next\",<http://h/api/x/?o=a,b>; rel=first, <http://h/api/x/?page=9>; rel=\"last\"",
    );
    assert_eq!(links.next.as_ref().unwrap().url, "http://h/api/x/?o=a,b&page=2");
    assert_eq!(links.next.unwrap().page, 2);
    assert_eq!(links.first.unwrap().page, 1);
    assert_eq!(links.last.unwrap().page, 9);
    assert!(links.prev.is_none());
    assert_eq!(parse_link_header("garbage, <unterminated"), PageLinks::default());
    let both = parse_link_header("<http://h/?page=1>; REL=\"prev first\", <http://h/?page=3>;title=x; rel=next");
    assert_eq!((both.prev.unwrap().page, both.first.unwrap().page, both.next.unwrap().page), (1, 1, 3));
    assert_eq!(parse_link_header("<http://h/?page=4>; rel=previous").prev.unwrap().page, 4);
    let first_wins = parse_link_header("<http://h/?page=2>; rel=next, <http://h/?page=5>; rel=next");
    assert_eq!(first_wins.next.unwrap().page, 2);
    assert_eq!(page_of_url("http://h/?page=0"), 1);
    assert_eq!(page_of_url("http://h/?xpage=7&page=4#page=5"), 4);
}

#[test]
fn retry_policy() {
    use waldur_migrations::retry::{parse_retry_after, AttemptOutcome};
    let policy = RetryPolicy { max_retries: 3, base_delay_ms: 100, max_delay_ms: 1000, max_total_ms: 5000 };
    let busy = |status| AttemptOutcome::Response { status, retry_after_ms: None };
    for status in [429, 502, 503, 504] {
        assert!(policy.delay_before_retry(Method::Get, busy(status), 0, 0, 0.5).is_some(), "{status}");
    }
    for status in [200, 400, 401, 404, 500] {
        assert_eq!(policy.delay_before_retry(Method::Get, busy(status), 0, 0, 0.5), None, "{status}");
    }
    for method in [Method::Get, Method::Head, Method::Put, Method::Delete] {
        assert!(policy.delay_before_retry(method, AttemptOutcome::NetworkError, 0, 0, 0.0).is_some());
    }
    for method in [Method::Post, Method::Patch] {
        assert_eq!(policy.delay_before_retry(method, busy(503), 0, 0, 0.0), None);
        assert_eq!(policy.delay_before_retry(method, AttemptOutcome::NetworkError, 0, 0, 0.0), None);
    }
    // Exponential with equal jitter, capped.
    assert_eq!(policy.backoff_ms(0, 0.0), 50);
    assert_eq!(policy.backoff_ms(0, 1.0), 100);
    assert_eq!(policy.backoff_ms(2, 0.0), 200);
    assert_eq!(policy.backoff_ms(10, 1.0), 1000);
    // Bounded in count and in total time; Retry-After honoured.
    assert_eq!(policy.delay_before_retry(Method::Get, busy(503), 3, 0, 0.5), None);
    assert_eq!(policy.delay_before_retry(Method::Get, busy(503), 0, 4990, 0.5), None);
    let later = AttemptOutcome::Response { status: 429, retry_after_ms: Some(2000) };
    assert_eq!(policy.delay_before_retry(Method::Get, later, 0, 0, 0.5), Some(2000));
    assert_eq!(policy.delay_before_retry(Method::Get, later, 0, 3500, 0.5), None);
    assert_eq!(parse_retry_after(Some("2")), Some(2000));
    assert_eq!(parse_retry_after(Some(" 0.5 ")), Some(500));
    assert_eq!(parse_retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")), None);
    assert_eq!(parse_retry_after(Some("-1")), None);
    assert_eq!(parse_retry_after(Some("NaN")), None);
    assert_eq!(parse_retry_after(Some("1.2345")), Some(1235));
    assert_eq!(parse_retry_after(Some("0.0004")), Some(0));
    assert_eq!(parse_retry_after(Some("99999999999999999999999")), Some(86_400_000));
    assert_eq!(parse_retry_after(Some("1.")), Some(1000));
    assert_eq!(parse_retry_after(Some(".5")), None);
    assert_eq!(parse_retry_after(Some("1e3")), None);
}

/// A query text with every kind of character, and its URL as `encodeURIComponent` escapes it.
const ODD_QUERY_TEXT: &str = "a b&c=d!'()*~-_.é/?#+%";
const ODD_QUERY_URL: &str = "http://h/x/?q=a%20b%26c%3Dd!'()*~-_.%C3%A9%2F%3F%23%2B%25";
