//! What keeps the fake server safe to run, and the deployment shapes it imitates: the control
//! endpoints only when asked (JSON only, no CORS but for one test origin, no staff token), the
//! API's CORS modes, and the page's policy with the origins it may call.

mod support;
use fake_waldur::config::{Config, Cors};
use serde_json::json;
use std::net::SocketAddr;
use support::*;

fn start(config: Config) -> SocketAddr {
    fake_waldur::spawn(Config { addr: "127.0.0.1:0".parse().unwrap(), ..config }).unwrap()
}

#[test]
fn control_endpoints_are_off_unless_asked() {
    let plain = start(Config::default());
    for (method, path) in [("GET", "/__fake/info"), ("GET", "/__fake/health"), ("POST", "/__fake/users")] {
        assert_eq!(request_to(plain, method, path, &[], None).status, 404, "{path}");
    }
    // The API works as ever.
    let auth = format!("Token {DEFAULT_TOKEN}");
    assert_eq!(request_to(plain, "GET", "/api/openstack-migrations/", &[("Authorization", &auth)], None).status, 200);
}

#[test]
fn control_takes_json_only_and_never_hands_out_the_staff_token() {
    let form =
        request("POST", "/__fake/users", &[("Content-Type", "application/x-www-form-urlencoded")], Some("items=3"));
    assert_eq!(form.status, 415);
    let text = request("POST", "/__fake/faults", &[("Content-Type", "text/plain")], Some(r#"{"kind":"drop"}"#));
    assert_eq!(text.status, 415);
    let info = request("GET", "/__fake/info", &[], None);
    assert_eq!(info.status, 200);
    assert!(!info.body.contains(DEFAULT_STAFF_TOKEN), "{}", info.body);
    assert_eq!(info.json()["token"], DEFAULT_TOKEN);
    let typo = request("POST", "/__fake/users", &[("Content-Type", "application/json")], Some(r#"{"itmes": 3}"#));
    assert_eq!(typo.status, 400, "unknown options are refused, not ignored");
}

#[test]
fn control_has_no_cors_but_for_the_one_test_origin() {
    let page = "http://127.0.0.1:45678";
    let origin = [("Origin", "http://evil.example"), ("Access-Control-Request-Method", "POST")];
    let refused = request("OPTIONS", "/__fake/users", &origin, None);
    assert_eq!(refused.header("access-control-allow-origin"), None);
    let health = request("GET", "/__fake/health", &[("Origin", "http://evil.example")], None);
    assert_eq!(health.header("access-control-allow-origin"), None);
    let harness = start(Config { control: true, control_origin: Some(page.into()), ..Config::default() });
    let preflight = request_to(
        harness,
        "OPTIONS",
        "/__fake/users",
        &[("Origin", page), ("Access-Control-Request-Method", "POST")],
        None,
    );
    assert_eq!(preflight.header("access-control-allow-origin"), Some(page));
    let created = request_to(
        harness,
        "POST",
        "/__fake/users",
        &[("Origin", page), ("Content-Type", "application/json")],
        Some(r#"{"items": 1}"#),
    );
    assert_eq!((created.status, created.header("access-control-allow-origin")), (201, Some(page)));
    let other = request_to(harness, "GET", "/__fake/health", &[("Origin", "http://127.0.0.1:1")], None);
    assert_eq!(other.header("access-control-allow-origin"), None);
}

#[test]
fn the_api_cors_modes() {
    let auth = format!("Token {DEFAULT_TOKEN}");
    let headers = [("Authorization", auth.as_str()), ("Origin", "http://page.example")];
    let hidden = start(Config { cors: Cors::NoExpose, ..Config::default() });
    let reply = request_to(hidden, "GET", "/api/openstack-migrations/", &headers, None);
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    assert_eq!(reply.header("access-control-expose-headers"), None, "paging headers unreadable elsewhere");
    assert!(reply.header("link").is_some());
    let closed = start(Config { cors: Cors::None, ..Config::default() });
    let reply = request_to(closed, "GET", "/api/openstack-migrations/", &headers, None);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("access-control-allow-origin"), None);
    let preflight = request_to(
        closed,
        "OPTIONS",
        "/api/openstack-migrations/",
        &[("Origin", "http://page.example"), ("Access-Control-Request-Method", "GET")],
        None,
    );
    assert_eq!(preflight.header("access-control-allow-origin"), None);
}

#[test]
fn the_page_policy_names_the_origins_it_may_call() {
    let dir = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/static"));
    let page = start(Config {
        static_dir: Some(dir),
        connect_src: vec!["https://waldur.example.com".into()],
        ..Config::default()
    });
    let reply = request_to(page, "GET", "/", &[], None);
    let policy = reply.header("content-security-policy").unwrap();
    assert!(policy.contains("connect-src 'self' https://waldur.example.com;"), "{policy}");
    for directive in
        ["frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "script-src 'self' 'wasm-unsafe-eval'"]
    {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
}

#[test]
fn lookups_filter_as_homeport_asks() {
    let resource = lookup(DEFAULT_TOKEN, "/api/marketplace-resources/?offering_type=OpenStack.Tenant", "genomics-prod");
    let customer = resource["customer_uuid"].as_str().unwrap().to_owned();
    let offered = as_user(
        DEFAULT_TOKEN,
        "GET",
        &format!("/api/marketplace-public-offerings/?type=OpenStack.Tenant&allowed_customer_uuid={customer}"),
        None,
    )
    .json();
    let names: Vec<&str> = offered.as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(!names.iter().any(|n| n.contains("private")));
    // Staff see the private offering; for its organisation, it is offered.
    let all =
        as_user(DEFAULT_STAFF_TOKEN, "GET", "/api/marketplace-public-offerings/?type=OpenStack.Tenant", None).json();
    assert_eq!(all.as_array().unwrap().len(), 4);
    let bad = as_user(DEFAULT_TOKEN, "GET", "/api/marketplace-public-offerings/?allowed_customer_uuid=x", None);
    assert_eq!((bad.status, bad.json()), (400, json!({"allowed_customer_uuid": ["Enter a valid UUID."]})));
}

#[test]
fn a_lost_answer_still_carries_the_request_out() {
    let token = new_user(1);
    let item = as_user(&token, "GET", "/api/openstack-migrations/", None).json()[0].clone();
    let path = format!("/api/openstack-migrations/{}/", item["uuid"].as_str().unwrap());
    fault(json!({"token": token, "kind": "lost", "method": "DELETE"}));
    let reply =
        raw(format!("DELETE {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Token {token}\r\nConnection: close\r\n\r\n")
            .as_bytes());
    assert!(reply.map(|bytes| bytes.is_empty()).unwrap_or(true), "no answer");
    assert_eq!(as_user(&token, "GET", &path, None).status, 404, "but deleted");
}

#[test]
fn edge_names_and_the_short_create_body() {
    let reply = request(
        "POST",
        "/__fake/users",
        &[("Content-Type", "application/json")],
        Some(r#"{"items": 12, "edge_names": true}"#),
    );
    let token = reply.json()["token"].as_str().unwrap().to_owned();
    let items = as_user(&token, "GET", "/api/openstack-migrations/?page_size=12", None).json();
    let names: Vec<&str> = items.as_array().unwrap().iter().map(|m| m["dst_resource_name"].as_str().unwrap()).collect();
    assert!(names.iter().any(|n| n.len() > 280 && !n.contains(' ')), "a very long name");
    assert!(names.iter().any(|n| n.contains('\u{202e}')), "a bidi override");
    assert!(names.iter().any(|n| n.is_empty()), "an empty name");
    assert!(names.iter().any(|n| n.contains('🚀')));
    let wire = json!({"token": token, "short_create": true});
    request("POST", "/__fake/wire", &[("Content-Type", "application/json")], Some(&wire.to_string()));
    let ids = ids(&token, "genomics-prod");
    let created = as_user(
        &token,
        "POST",
        "/api/openstack-migrations/",
        Some(&json!({"src_resource": ids.src, "dst_offering": ids.offering, "dst_plan": ids.plan})),
    );
    assert_eq!(created.status, 201);
    assert_eq!(
        created.json(),
        json!({"mappings": {"skip_connection_extnet": false, "sync_instance_ports": false}, "src_resource": ids.src})
    );
}
