//! Size limits, concurrency, large data sets and garbage input: the server answers and survives.

mod support;
use serde_json::json;
use support::*;

const LIST: &str = "/api/openstack-migrations/";

#[test]
fn oversized_bodies_get_413() {
    let token = new_user(0);
    let huge = format!("{{\"name\": \"{}\"}}", "x".repeat(3_000_000));
    let reply = request(
        "POST",
        LIST,
        &[("Authorization", &format!("Token {token}")), ("Content-Type", "application/json")],
        Some(&huge),
    );
    assert_eq!(reply.status, 413);
}

#[test]
fn a_hundred_concurrent_creates_lose_nothing() {
    let token = new_user(0);
    let ids = ids(&token, "genomics-prod");
    let body = json!({"src_resource": ids.src, "dst_offering": ids.offering, "dst_plan": ids.plan});
    let handles: Vec<_> = (0..100)
        .map(|i| {
            let token = token.clone();
            let mut body = body.clone();
            body["name"] = json!(format!("parallel-{i}"));
            std::thread::spawn(move || as_user(&token, "POST", LIST, Some(&body)).status)
        })
        .collect();
    for handle in handles {
        assert_eq!(handle.join().unwrap(), 201);
    }
    let listed = as_user(&token, "GET", &format!("{LIST}?page_size=300"), None);
    assert_eq!(listed.header("x-result-count"), Some("100"));
    let mut names: Vec<String> = listed
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["dst_resource_name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 100);
}

#[test]
fn twenty_thousand_items_page_fine() {
    // A large world comes from `--items`; the control endpoint adds at most 5,000 per user.
    let big = fake_waldur::spawn(fake_waldur::Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        items: 20_000,
        ..Default::default()
    })
    .unwrap();
    let auth = format!("Token {DEFAULT_TOKEN}");
    let last = request_to(big, "GET", &format!("{LIST}?page_size=300&page=67"), &[("Authorization", &auth)], None);
    assert_eq!(last.status, 200);
    assert_eq!(last.header("x-result-count"), Some("20000"));
    assert_eq!(last.json().as_array().unwrap().len(), 20_000 - 66 * 300);
    let refused = request("POST", "/__fake/users", &[("Content-Type", "application/json")], Some(r#"{"items": 5001}"#));
    assert_eq!(refused.status, 400);
}

#[test]
fn garbage_requests_do_not_take_the_server_down() {
    let garbage: [&[u8]; 7] = [
        b"\x00\x01\x02\xff\xfe\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET /api/openstack-migrations/%ZZ/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"POST /api/openstack-migrations/ HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999999999999\r\n\r\n",
        b"POST /api/openstack-migrations/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"GET /api/openstack-migrations/?page=%FF%FE&page_size=%00 HTTP/1.1\r\nHost: x\r\nAuthorization: Token \xff\xfe\r\nConnection: close\r\n\r\n",
        b"PATCH /api/openstack-migrations/../../etc/passwd/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    ];
    for bytes in garbage {
        let _ = raw(bytes);
    }
    let weird_bodies = [
        "null",
        "[]",
        "\"x\"",
        "1e999",
        "{\"mappings\": {\"subnets\": [null, 1, [], {\"src_cidr\": {}}]}}",
        "{\"src_resource\": {\"a\": 1}}",
        "\u{feff}{}",
    ];
    let token = new_user(1);
    for body in weird_bodies {
        let reply = request(
            "POST",
            LIST,
            &[("Authorization", &format!("Token {token}")), ("Content-Type", "application/json")],
            Some(body),
        );
        assert_eq!(reply.status, 400, "{body}: {}", reply.body);
    }
    let health = request("GET", "/__fake/health", &[], None);
    assert_eq!(health.status, 200);
}
