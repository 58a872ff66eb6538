//! Every operation against the fake server over HTTP, in headless Chromium: paging through
//! `Link` headers, count, errors of every kind, retries, aborts and timeouts.
//!
//! Run by `cargo xtask test`, which starts the fake server and passes its URL in
//! `FAKE_WALDUR_URL` at compile time. Each test makes its own user, so data and faults are its own.
#![cfg(target_arch = "wasm32")]

mod browser_support;

use browser_support::*;
use serde_json::json;
use waldur_migrations::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn query_text_is_escaped_by_the_engines_encode_uri_component() {
    // The same text and URL as the native test in tests/requests.rs.
    let url =
        http::HttpRequest::new(http::Method::Get, "/x/").with_query("q", "a b&c=d!'()*~-_.é/?#+%").url("http://h");
    assert_eq!(url, "http://h/x/?q=a%20b%26c%3Dd!'()*~-_.%C3%A9%2F%3F%23%2B%25");
}

#[wasm_bindgen_test]
async fn pages_through_link_headers() {
    let user = TestUser::new(25).await;
    let client = user.client();
    let mut page = client.list(ListQuery { page_size: Some(10), ..Default::default() }).await.unwrap();
    assert_eq!(page.total, Some(25));
    assert_eq!(page.page_count(), Some(3));
    assert!(page.links.first.is_some() && page.links.prev.is_none());
    let mut seen = page.items.len();
    while let Some(next) = page.next_page() {
        page = client.list(ListQuery { page: Some(next), page_size: Some(10), ..Default::default() }).await.unwrap();
        seen += page.items.len();
        assert_eq!(page.prev_page(), Some(next - 1));
    }
    assert_eq!(seen, 25);
    assert_eq!(page.page, 3);
    assert_eq!(page.items.len(), 5);
    assert_eq!(client.count(ListQuery::default()).await.unwrap(), 25);
}

#[wasm_bindgen_test]
async fn create_retrieve_update_patch_delete() {
    let user = TestUser::new(0).await;
    let client = user.client();
    let world = World::load(&client).await;
    let created = client.create(world.create_body("genomics-prod")).await.unwrap();
    let details = created.details().expect("real servers send the full body").clone();
    assert_eq!(details.state, MigrationState::CreationScheduled);
    assert_eq!(details.dst_resource_state, ResourceState::Creating);
    let uuid = details.uuid.simple().to_string();
    assert_eq!(client.retrieve(&uuid).await.unwrap().uuid, details.uuid);

    let mappings = MappingRequest {
        subnets: vec![SubNetMappingRequest { src_cidr: "10.1.0.0/24".into(), dst_cidr: "192.168.7.0/24".into() }],
        skip_connection_extnet: true,
        ..Default::default()
    };
    let updated =
        client.update(&uuid, MigrationDetailsRequest { mappings: Some(mappings), ..Default::default() }).await.unwrap();
    assert_eq!(updated.mappings.subnets[0].dst_cidr, "192.168.7.0/24");
    assert!(updated.mappings.skip_connection_extnet);
    let patched = client
        .partial_update(
            &uuid,
            PatchedMigrationDetailsRequest { error_message: Some("noted".into()), ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(patched.error_message, "noted");
    assert_eq!(patched.mappings, updated.mappings);
    client.destroy(&uuid).await.unwrap();
    let gone = client.retrieve(&uuid).await.unwrap_err();
    assert_eq!(gone.status(), Some(404));
    assert_eq!(gone.detail(), Some("No Migration matches the given query."));
}

#[wasm_bindgen_test]
async fn unauthorized_and_not_found() {
    let bad = Client::builder(&server_url()).token("0000000000000000000000000000000000000000").build();
    let err = bad.list(ListQuery::default()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Http);
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.detail(), Some("Invalid token."));
    assert!(!err.to_string().contains("0000000000"));
    let anonymous = Client::builder(&server_url()).build();
    assert_eq!(
        anonymous.list(ListQuery::default()).await.unwrap_err().detail(),
        Some("Authentication credentials were not provided.")
    );
    // HEAD has no body: the status is all there is.
    let head = anonymous.count(ListQuery::default()).await.unwrap_err();
    assert_eq!((head.status(), head.detail()), (Some(401), None));
    let user = TestUser::new(0).await;
    let missing = user.client().retrieve("a45c8927e176455781f63e7c7baf9567").await.unwrap_err();
    assert_eq!(missing.status(), Some(404));
}

#[wasm_bindgen_test]
async fn bearer_authorization_is_sent_verbatim() {
    // The fake server takes one OIDC token (a JWT) for its normal user, as a Waldur with OIDC.
    let Some(bearer) = option_env!("FAKE_WALDUR_BEARER") else {
        panic!("FAKE_WALDUR_BEARER: cargo xtask test passes the server's bearer token");
    };
    let client = Client::builder(&format!("{}/", server_url())).authorization(&format!("Bearer {bearer}")).build();
    assert!(client.count(ListQuery::default()).await.unwrap() >= 40);
    // An API token under the Bearer keyword is not a JWT: refused as the real server refuses it.
    let user = TestUser::new(3).await;
    let wrong = Client::builder(&server_url()).authorization(&format!("Bearer {}", user.token)).build();
    let err = wrong.count(ListQuery::default()).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
}

#[wasm_bindgen_test]
async fn a_delete_whose_answer_is_lost_is_reported_done() {
    let user = TestUser::new(1).await;
    let client = user.client_with(RetryPolicy { base_delay_ms: 20, ..Default::default() });
    let migration = client.list(ListQuery::default()).await.unwrap().items[0].clone();
    let uuid = migration.uuid.simple().to_string();
    // The server deletes, then the gateway gives up waiting; the retry finds nothing: deleted.
    user.fault(json!({"kind": "lost", "method": "DELETE", "status": 504})).await;
    client.destroy(&uuid).await.unwrap();
    assert_eq!(client.retrieve(&uuid).await.unwrap_err().status(), Some(404));
}

#[wasm_bindgen_test]
async fn the_short_documented_201_body_is_read_and_completed() {
    let user = TestUser::new(0).await;
    let client = user.client();
    let world = World::load(&client).await;
    // An older migration of the same source first: the one made is the newest.
    let older = client.create_and_fetch(world.create_body("genomics-prod")).await.unwrap();
    user.wire(json!({"short_create": true})).await;
    let body = MigrationCreateRequest { name: Some("the-short-one".into()), ..world.create_body("genomics-prod") };
    let created = client.create(body).await.unwrap();
    assert!(matches!(created, CreatedMigration::Documented(_)));
    let details = client.details_of(created).await.unwrap();
    assert_ne!(details.uuid, older.uuid);
    assert_eq!(details.dst_resource_name, "the-short-one");
    assert_eq!(details.src_resource_name, "genomics-prod");
    assert_eq!(details.state, MigrationState::CreationScheduled);
}

#[wasm_bindgen_test]
async fn server_field_errors_nested_per_item() {
    let user = TestUser::new(0).await;
    let client = user.client();
    let world = World::load(&client).await;
    // What the client cannot know: the server's object-level checks.
    let mut body = world.create_body("sandbox-nolimits");
    let err = client.create(body.clone()).await.unwrap_err();
    assert_eq!(err.field_messages("non_field_errors"), ["{'Source resource does not have limits set.'}"]);
    body = world.create_body("genomics-prod");
    body.dst_plan = world.limited_plan.clone();
    let err = client.create(body).await.unwrap_err();
    assert_eq!(err.field_messages("plan"), ["Plan is not available because limit has been reached."]);
    // A body sent past client-side validation gets the server's nested per-item errors.
    let raw = RawCreate(json!({
        "src_resource": world.src("genomics-prod"),
        "dst_offering": world.offering,
        "dst_plan": world.plan,
        "mappings": {"volume_types": [
            {"src_type_uuid": world.src_volume_type, "dst_type_uuid": world.dst_volume_type},
            {"src_type_uuid": "ssd", "dst_type_uuid": world.dst_volume_type}
        ], "subnets": [{"src_cidr": "10.0.0.0/24", "dst_cidr": "8.8.8.0/24"}]}
    }));
    let err = client.call(raw).await.unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.field_messages("mappings.volume_types[1].src_type_uuid"), ["Must be a valid UUID."]);
    assert!(err.field_messages("mappings.volume_types[0].src_type_uuid").is_empty());
    assert_eq!(err.field_messages("mappings.subnets[0].dst_cidr"), ["A private network CIDR is expected."]);
}

#[wasm_bindgen_test]
async fn invalid_input_never_reaches_the_server() {
    let user = TestUser::new(0).await;
    // Every request of this token would fail: a request that went out would show up as a 500.
    user.fault(json!({"kind": "status", "status": 500, "times": 5})).await;
    let err = user.client().create(MigrationCreateRequest::default()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(err.field_messages("src_resource"), ["This field is required."]);
    assert_eq!(user.pending_faults().await, 5, "nothing was sent");
}

#[wasm_bindgen_test]
async fn retries_503_and_429_but_never_post() {
    let user = TestUser::new(2).await;
    let client = user.client_with(RetryPolicy { base_delay_ms: 50, ..Default::default() });
    user.fault(json!({"kind": "status", "status": 503, "times": 2})).await;
    assert_eq!(client.count(ListQuery::default()).await.unwrap(), 2, "two 503s retried away");
    // Cross-origin, `Retry-After` is unreadable (real deployments expose only Link and
    // X-Result-Count), so the backoff applies; the Node tests check that it is honoured.
    user.fault(json!({"kind": "status", "status": 429, "retry_after": "1"})).await;
    assert_eq!(client.list(ListQuery::default()).await.unwrap().items.len(), 2);
    assert_eq!(user.pending_faults().await, 0);

    let world = World::load(&client).await;
    user.fault(json!({"kind": "status", "status": 503, "method": "POST", "times": 1})).await;
    let err = client.create(world.create_body("genomics-prod")).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(err.is_retryable());
    assert_eq!(user.pending_faults().await, 0);
    assert_eq!(client.count(ListQuery::default()).await.unwrap(), 2, "the POST was sent once and failed");
}

#[wasm_bindgen_test]
async fn abort_and_timeout() {
    let user = TestUser::new(1).await;
    let client = user.client();
    // The answers are held far longer than any test: only an abort or a timeout ends these calls.
    user.fault(json!({"kind": "delay", "delay_ms": 60000})).await;
    let controller = AbortController::new();
    let abort = controller.clone();
    after(100, move || abort.abort());
    let err = client.list(ListQuery::default()).signal(controller.signal()).await.unwrap_err();
    assert_eq!(err, Error::Aborted);

    user.fault(json!({"kind": "delay", "delay_ms": 60000})).await;
    let err = client.count(ListQuery::default()).timeout_ms(300).await.unwrap_err();
    assert_eq!(err, Error::Timeout(300));
    assert_eq!(err.kind(), ErrorKind::Timeout);
}

#[wasm_bindgen_test]
async fn html_500_truncated_body_dropped_connection_and_wrong_content_type() {
    let user = TestUser::new(2).await;
    let client = user.client_with(RetryPolicy::none());
    user.fault(json!({"kind": "html"})).await;
    let err = client.list(ListQuery::default()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), Some(500));
    let Error::Decode(decode) = &err else { unreachable!() };
    assert!(decode.snippet.contains("<title>Server Error (500)</title>"), "{}", decode.snippet);

    user.fault(json!({"kind": "truncate"})).await;
    let err = client.list(ListQuery::default()).await.unwrap_err();
    assert_eq!((err.kind(), err.status()), (ErrorKind::Decode, Some(200)));

    // Chromium itself resends when a kept-alive connection closes without an answer (once per
    // idle socket), so enough drops are queued to outlast it; the rest are cleared after.
    user.fault(json!({"kind": "drop", "times": 10})).await;
    let err = client.list(ListQuery::default()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network);
    assert!(err.is_retryable());
    user.clear_faults().await;
    let refused = Client::builder("http://127.0.0.1:9").retry(RetryPolicy::none()).build();
    assert_eq!(refused.count(ListQuery::default()).await.unwrap_err().kind(), ErrorKind::Network);

    user.fault(json!({"kind": "content_type"})).await;
    assert_eq!(client.list(ListQuery::default()).await.unwrap().items.len(), 2, "JSON under a wrong type is read");
}

#[wasm_bindgen_test]
async fn legacy_servers_are_normalised() {
    let user = TestUser::new(0).await;
    let client = user.client();
    let world = World::load(&client).await;
    client.create(world.create_body("genomics-prod")).await.unwrap();
    user.wire(json!({"legacy_states": true, "null_mappings": true, "z_dates": true, "omit_error_fields": true})).await;
    let page = client.list(ListQuery::default()).await.unwrap();
    let item = &page.items[0];
    assert_eq!(item.state, MigrationState::CreationScheduled);
    assert_eq!(item.mappings, Mapping::default());
    assert_eq!(item.error_message, "");
}

#[wasm_bindgen_test]
async fn list_all_in_order_with_progress() {
    let user = TestUser::new(1000).await;
    let client = user.client();
    let first_page = client.list(ListQuery { page_size: Some(300), ..Default::default() }).await.unwrap();
    let progress = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let seen = progress.clone();
    let all = client
        .list_all(
            ListQuery::default(),
            ListAllOptions {
                on_progress: Some(std::rc::Rc::new(move |d, t| seen.borrow_mut().push((d, t)))),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(all.items.len(), 1000);
    assert_eq!(all.items[..300], first_page.items[..]);
    assert!(all.items.windows(2).all(|w| w[0].created <= w[1].created), "server order");
    assert_eq!(progress.borrow().last(), Some(&(4, 4)));
    let capped = client
        .list_all(ListQuery::default(), ListAllOptions { max_items: Some(450), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(capped.items.len(), 450);
    assert_eq!(capped.pages, 2);
}

#[wasm_bindgen_test]
async fn lookups_for_the_create_form() {
    let user = TestUser::new(0).await;
    let client = user.client();
    let found =
        client.source_resources(LookupQuery { name: Some("genomics".into()), ..Default::default() }).await.unwrap();
    assert_eq!(found.total, Some(2));
    let tenant = found.items.iter().find(|r| r.name == "genomics-prod").unwrap();
    assert_eq!(tenant.project_name, "Genomics");
    assert!(!tenant.limits.is_empty());
    let tenant_uuid = tenant.resource_uuid.unwrap().simple().to_string();
    let offerings = client.destination_offerings(LookupQuery::default()).await.unwrap();
    assert_eq!(offerings.items.len(), 3);
    let helsinki = offerings.items.iter().find(|o| o.name.starts_with("Helsinki")).unwrap();
    assert_eq!(helsinki.default_plan().unwrap().name, "Standard");
    let scope = helsinki.scope_uuid.unwrap().simple().to_string();
    assert_eq!(client.volume_types_of_tenant(&tenant_uuid, LookupQuery::default()).await.unwrap().items.len(), 4);
    assert_eq!(client.volume_types_of_settings(&scope, LookupQuery::default()).await.unwrap().items.len(), 3);
    let networks = client.networks(&tenant_uuid, LookupQuery::default()).await.unwrap();
    let subnets = client.subnets(&tenant_uuid, LookupQuery::default()).await.unwrap();
    let nested: usize = networks.items.iter().map(|n| n.subnets.len()).sum();
    assert_eq!(subnets.items.len(), nested);
    assert!(subnets.items.iter().all(|s| waldur_migrations::validate::check_subnet_cidr(&s.cidr).is_ok()));
}
