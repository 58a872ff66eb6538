//! Faults steered over HTTP, scoped per token; legacy wire styles per token.

mod support;
use serde_json::json;
use support::*;

const LIST: &str = "/api/openstack-migrations/";

#[test]
fn status_faults_apply_n_times_then_stop() {
    let token = new_user(1);
    fault(json!({"token": token, "kind": "status", "status": 503, "times": 2, "retry_after": "1"}));
    for _ in 0..2 {
        let reply = as_user(&token, "GET", LIST, None);
        assert_eq!(reply.status, 503);
        assert_eq!(reply.header("retry-after"), Some("1"));
        assert_eq!(reply.json(), json!({"detail": "Service temporarily unavailable, try again later."}));
    }
    assert_eq!(as_user(&token, "GET", LIST, None).status, 200);
    fault(json!({"token": token, "kind": "status", "status": 429, "retry_after": "2"}));
    let throttled = as_user(&token, "GET", LIST, None);
    assert_eq!(throttled.json(), json!({"detail": "Request was throttled. Expected available in 2 seconds."}));
    let body = json!({"mappings": {"subnets": [{}, {"dst_cidr": ["Subnet overlaps an existing one."]}]}});
    fault(json!({"token": token, "kind": "status", "status": 400, "method": "POST", "body": body}));
    let custom = as_user(&token, "POST", LIST, Some(&json!({})));
    assert_eq!((custom.status, custom.json()), (400, body));
}

#[test]
fn faults_never_leak_to_other_tokens_paths_or_methods() {
    let mine = new_user(1);
    let other = new_user(1);
    fault(
        json!({"token": mine, "kind": "status", "status": 502, "path": "/api/openstack-migrations/", "method": "HEAD"}),
    );
    assert_eq!(as_user(&other, "HEAD", LIST, None).status, 200, "other token");
    assert_eq!(as_user(&mine, "GET", LIST, None).status, 200, "other method");
    assert_eq!(as_user(&mine, "GET", "/api/openstack-volume-types/", None).status, 200, "other path");
    assert_eq!(as_user(&mine, "HEAD", LIST, None).status, 502);
    fault(json!({"token": mine, "kind": "status", "status": 500, "times": 5}));
    let cleared = request("DELETE", &format!("/__fake/faults?token={mine}"), &[], None);
    assert_eq!(cleared.status, 204);
    assert_eq!(as_user(&mine, "GET", LIST, None).status, 200);
}

#[test]
fn html_and_gateway_pages() {
    let token = new_user(1);
    fault(json!({"token": token, "kind": "html"}));
    let html = as_user(&token, "GET", LIST, None);
    assert_eq!(html.status, 500);
    assert!(html.header("content-type").unwrap().starts_with("text/html"));
    assert!(html.body.contains("<h1>Server Error (500)</h1>"));
    fault(json!({"token": token, "kind": "gateway", "status": 504}));
    let gateway = as_user(&token, "GET", LIST, None);
    assert_eq!(gateway.status, 504);
    assert!(gateway.body.contains("504 Gateway Time-out"));
}

#[test]
fn dropped_connection_truncated_body_wrong_type_and_delay() {
    let token = new_user(3);
    fault(json!({"token": token, "kind": "drop"}));
    let raw = support::raw(
        format!("GET {LIST} HTTP/1.1\r\nHost: x\r\nAuthorization: Token {token}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    );
    assert!(raw.map(|bytes| bytes.is_empty()).unwrap_or(true), "no answer at all");
    fault(json!({"token": token, "kind": "truncate"}));
    let truncated = as_user(&token, "GET", LIST, None);
    assert_eq!(truncated.status, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&truncated.body).is_err());
    assert_eq!(truncated.header("content-length").unwrap().parse::<usize>().unwrap(), truncated.body.len());
    fault(json!({"token": token, "kind": "content_type"}));
    let html_typed = as_user(&token, "GET", LIST, None);
    assert_eq!(html_typed.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(html_typed.json().is_array());
    fault(json!({"token": token, "kind": "delay", "delay_ms": 400}));
    let started = std::time::Instant::now();
    assert_eq!(as_user(&token, "GET", LIST, None).status, 200);
    assert!(started.elapsed() >= std::time::Duration::from_millis(400));
}

#[test]
fn legacy_wire_styles_per_token() {
    let old = new_user(0);
    let current = new_user(0);
    let created: Vec<String> = [&old, &current]
        .iter()
        .map(|token| {
            let ids = ids(token, "genomics-prod");
            let reply = as_user(
                token,
                "POST",
                LIST,
                Some(&json!({"src_resource": ids.src, "dst_offering": ids.offering, "dst_plan": ids.plan})),
            );
            reply.json()["uuid"].as_str().unwrap().to_string()
        })
        .collect();
    let set = request(
        "POST",
        "/__fake/wire",
        &[("Content-Type", "application/json")],
        Some(&json!({"token": old, "legacy_states": true, "null_mappings": true, "z_dates": true, "omit_error_fields": true}).to_string()),
    );
    assert_eq!(set.status, 200);
    let legacy = as_user(&old, "GET", &format!("{LIST}{}/", created[0]), None).json();
    assert_eq!(legacy["state"], "Creation Scheduled");
    assert_eq!(legacy["mappings"], serde_json::Value::Null);
    assert!(legacy["created"].as_str().unwrap().ends_with('Z'));
    assert!(legacy.get("error_message").is_none() && legacy.get("error_traceback").is_none());
    let modern = as_user(&current, "GET", &format!("{LIST}{}/", created[1]), None).json();
    assert_eq!(modern["state"], "CREATION_SCHEDULED");
    assert!(modern["created"].as_str().unwrap().ends_with("+00:00"));
}

#[test]
fn latency_flag_and_bad_fault_specs() {
    let bad =
        request("POST", "/__fake/faults", &[("Content-Type", "application/json")], Some("{\"kind\": \"explode\"}"));
    assert_eq!(bad.status, 400);
    let config =
        fake_waldur::Config::from_args(["--latency-ms", "5", "--items=7", "--addr", "127.0.0.1:0"].map(String::from))
            .unwrap();
    assert_eq!((config.latency_ms, config.items), (5, 7));
    assert!(fake_waldur::Config::from_args(["--items".to_string()]).is_err());
    assert!(fake_waldur::Config::from_args(["--bogus".to_string(), "1".to_string()]).is_err());
}
