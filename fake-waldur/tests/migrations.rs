//! Authentication, visibility, the list with its paging headers, retrieve, update, delete and the
//! state machine, over HTTP.

mod support;
use serde_json::json;
use support::*;

const LIST: &str = "/api/openstack-migrations/";

#[test]
fn authentication_texts() {
    let anonymous = request("GET", LIST, &[], None);
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.json(), json!({"detail": "Authentication credentials were not provided."}));
    assert_eq!(anonymous.header("www-authenticate"), Some("Token"));
    let bad = request("GET", LIST, &[("Authorization", "Token 0000000000000000000000000000000000000000")], None);
    assert_eq!((bad.status, bad.json()), (401, json!({"detail": "Invalid token."})));
    assert_eq!(bad.header("www-authenticate"), Some("Token"));
    let empty = request("GET", LIST, &[("Authorization", "Token")], None);
    assert_eq!(empty.json(), json!({"detail": "Invalid token. No credentials provided."}));
    let spaced = request("GET", LIST, &[("Authorization", "Token a b")], None);
    assert_eq!(spaced.json(), json!({"detail": "Invalid token. Token string should not contain spaces."}));
    let lower = request("GET", LIST, &[("Authorization", &format!("token {DEFAULT_TOKEN}"))], None);
    assert_eq!(lower.status, 200, "keyword is case-insensitive");
    // Bearer is OIDC: an API token there is not a JWT, an unknown JWT is inactive.
    let api_token = request("GET", LIST, &[("Authorization", &format!("Bearer {DEFAULT_TOKEN}"))], None);
    assert_eq!((api_token.status, api_token.json()), (401, json!({"detail": "Invalid JWT token."})));
    let unknown = request("GET", LIST, &[("Authorization", "Bearer aGVhZA.Ym9keQ.c2ln")], None);
    assert_eq!((unknown.status, unknown.json()), (401, json!({"detail": "Token is inactive or invalid."})));
    let bearer = request("GET", LIST, &[("Authorization", &format!("Bearer {BEARER}"))], None);
    assert_eq!(bearer.status, 200, "the configured OIDC token is the normal user");
    assert_eq!(bearer.header("x-result-count"), Some("40"));
    let me = as_user(DEFAULT_TOKEN, "GET", "/api/users/me/", None).json();
    assert_eq!((me["username"].as_str(), me["is_staff"].as_bool()), (Some("alice"), Some(false)));
    assert_eq!(as_user(DEFAULT_STAFF_TOKEN, "GET", "/api/users/me/", None).json()["is_staff"], true);
    let basic = request("GET", LIST, &[("Authorization", "Basic YWxpY2U6c2VjcmV0")], None);
    assert_eq!(basic.json(), json!({"detail": "Authentication credentials were not provided."}));
}

#[test]
fn users_see_their_own_and_staff_see_all() {
    let alice = as_user(DEFAULT_TOKEN, "GET", &format!("{LIST}?page_size=300"), None);
    assert_eq!(alice.header("x-result-count"), Some("40"), "seeded migrations belong to the normal user");
    let staff = as_user(DEFAULT_STAFF_TOKEN, "GET", &format!("{LIST}?page_size=1"), None);
    let staff_total: usize = staff.header("x-result-count").unwrap().parse().unwrap();
    assert!(staff_total >= 43, "staff see everybody's ({staff_total})");
    let mine = new_user(2);
    let listed = as_user(&mine, "GET", LIST, None).json();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    let someone_elses = alice.json()[0]["uuid"].as_str().unwrap().to_string();
    let hidden = as_user(&mine, "GET", &format!("{LIST}{someone_elses}/"), None);
    assert_eq!((hidden.status, hidden.json()), (404, json!({"detail": "No Migration matches the given query."})));
    for method in ["PUT", "PATCH", "DELETE"] {
        let reply = as_user(&mine, method, &format!("{LIST}{someone_elses}/"), Some(&json!({"mappings": {}})));
        assert_eq!(reply.status, 404, "{method}");
    }
    assert_eq!(as_user(DEFAULT_STAFF_TOKEN, "GET", &format!("{LIST}{someone_elses}/"), None).status, 200);
}

#[test]
fn list_is_a_bare_array_in_created_order_with_default_page_size() {
    let token = new_user(25);
    let reply = as_user(&token, "GET", LIST, None);
    assert_eq!(reply.status, 200);
    let items = reply.json();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 10, "default page size");
    let created: Vec<&str> = items.iter().map(|m| m["created"].as_str().unwrap()).collect();
    let mut sorted = created.clone();
    sorted.sort();
    assert_eq!(created, sorted);
    assert_eq!(reply.header("x-result-count"), Some("25"));
    assert_eq!(
        reply.header("access-control-expose-headers"),
        Some("Link, X-Result-Count"),
        "browsers can read the paging headers"
    );
}

#[test]
fn page_size_bounds_and_fallbacks() {
    let token = new_user(320);
    let count = |query: &str| as_user(&token, "GET", &format!("{LIST}?{query}"), None).json().as_array().unwrap().len();
    assert_eq!(count("page_size=5"), 5);
    assert_eq!(count("page_size=1000"), 300, "clamped to 300");
    for bad in ["page_size=0", "page_size=-3", "page_size=abc", "page_size=2.5", "page_size="] {
        assert_eq!(count(bad), 10, "{bad} falls back to 10");
    }
}

#[test]
fn link_header_keeps_params_and_drops_page_for_page_one() {
    let token = new_user(7);
    let origin = format!("http://{}", server());
    let reply = as_user(&token, "GET", &format!("{LIST}?page_size=3&page=2&unknown=x%20y"), None);
    assert_eq!(reply.status, 200, "unknown params are ignored");
    let link = reply.header("link").unwrap();
    assert_eq!(
        link,
        format!(
            "<{origin}{LIST}?page_size=3&unknown=x+y>; rel=\"first\", \
             <{origin}{LIST}?page_size=3&unknown=x+y>; rel=\"prev\", \
             <{origin}{LIST}?page=3&page_size=3&unknown=x+y>; rel=\"next\", \
             <{origin}{LIST}?page=3&page_size=3&unknown=x+y>; rel=\"last\""
        )
    );
    let last = as_user(&token, "GET", &format!("{LIST}?page_size=3&page=last"), None);
    assert_eq!(last.json().as_array().unwrap().len(), 1);
    assert!(last.header("link").unwrap().contains("rel=\"prev\""));
    assert!(!last.header("link").unwrap().contains("rel=\"next\""));
}

#[test]
fn empty_list_has_first_and_last_links() {
    let token = new_user(0);
    let reply = as_user(&token, "GET", LIST, None);
    assert_eq!(reply.body, "[]");
    assert_eq!(reply.header("x-result-count"), Some("0"));
    let origin = format!("http://{}", server());
    assert_eq!(
        reply.header("link").unwrap(),
        format!("<{origin}{LIST}>; rel=\"first\", <{origin}{LIST}>; rel=\"last\"")
    );
}

#[test]
fn invalid_pages_are_404() {
    let token = new_user(3);
    for page in ["0", "2", "-1", "abc", "1.5"] {
        let reply = as_user(&token, "GET", &format!("{LIST}?page={page}"), None);
        assert_eq!((reply.status, reply.json()), (404, json!({"detail": "Invalid page."})), "page={page}");
    }
}

#[test]
fn filters_and_malformed_filters() {
    let token = new_user(12);
    let all = as_user(&token, "GET", &format!("{LIST}?page_size=300"), None).json();
    let first = &all[0];
    let src = first["src_resource_uuid"].as_str().unwrap();
    let by_src = as_user(&token, "GET", &format!("{LIST}?src_resource_uuid={src}&page_size=300"), None).json();
    assert!(by_src.as_array().unwrap().iter().all(|m| m["src_resource_uuid"] == src));
    let expected = all.as_array().unwrap().iter().filter(|m| m["src_resource_uuid"] == src).count();
    assert_eq!(by_src.as_array().unwrap().len(), expected);
    let dst = first["dst_resource_uuid"].as_str().unwrap();
    let hyphenated = uuid::Uuid::parse_str(dst).unwrap().hyphenated().to_string();
    let by_dst = as_user(&token, "GET", &format!("{LIST}?dst_resource_uuid={hyphenated}"), None).json();
    assert_eq!(by_dst.as_array().unwrap().len(), 1, "either uuid spelling in the query");
    let bad = as_user(&token, "GET", &format!("{LIST}?src_resource_uuid=not-a-uuid"), None);
    assert_eq!((bad.status, bad.json()), (400, json!({"src_resource_uuid": ["Enter a valid UUID."]})));
}

#[test]
fn head_returns_the_headers_without_a_body() {
    let token = new_user(4);
    let head = as_user(&token, "HEAD", &format!("{LIST}?page_size=2"), None);
    let get = as_user(&token, "GET", &format!("{LIST}?page_size=2"), None);
    assert_eq!(head.status, 200);
    assert_eq!(head.header("x-result-count"), Some("4"));
    assert_eq!(head.header("link"), get.header("link"));
    assert!(head.body.is_empty());
}

#[test]
fn wire_format_uuids_and_dates() {
    let reply = as_user(DEFAULT_TOKEN, "GET", &format!("{LIST}?page_size=300"), None).json();
    for migration in reply.as_array().unwrap() {
        for key in [
            "uuid",
            "created_by_uuid",
            "src_offering_uuid",
            "dst_offering_uuid",
            "src_resource_uuid",
            "dst_resource_uuid",
        ] {
            let value = migration[key].as_str().unwrap();
            assert!(
                value.len() == 32 && value.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
                "{key}={value}"
            );
        }
        for pair in migration["mappings"]["volume_types"].as_array().into_iter().flatten() {
            assert_eq!(pair["src_type_uuid"].as_str().unwrap().len(), 36, "hyphenated inside mappings");
        }
        assert!(migration["created"].as_str().unwrap().ends_with("+00:00"));
        assert!(migration["mappings"].get("networks").is_none());
        assert!(migration["mappings"]["sync_instance_ports"].is_boolean());
        let state = migration["state"].as_str().unwrap();
        assert!(["CREATION_SCHEDULED", "CREATING", "OK", "ERRED"].contains(&state), "{state}");
        if state == "ERRED" {
            assert!(!migration["error_message"].as_str().unwrap().is_empty());
            assert!(migration["error_traceback"].as_str().unwrap().lines().count() > 3);
        } else {
            assert_eq!(migration["error_message"], "");
        }
    }
    let states: std::collections::HashSet<&str> =
        reply.as_array().unwrap().iter().map(|m| m["state"].as_str().unwrap()).collect();
    assert!(states.contains("OK") && states.contains("ERRED"), "a spread of states: {states:?}");
}

#[test]
fn retrieve_by_either_uuid_spelling_and_bad_paths() {
    let token = new_user(1);
    let item = as_user(&token, "GET", LIST, None).json()[0].clone();
    let hex = item["uuid"].as_str().unwrap();
    let hyphenated = uuid::Uuid::parse_str(hex).unwrap().hyphenated().to_string().to_uppercase();
    assert_eq!(as_user(&token, "GET", &format!("{LIST}{hex}/"), None).json(), item);
    assert_eq!(as_user(&token, "GET", &format!("{LIST}{hyphenated}/"), None).json(), item);
    let missing = as_user(&token, "GET", &format!("{LIST}not-a-uuid/"), None);
    assert_eq!((missing.status, missing.json()), (404, json!({"detail": "No Migration matches the given query."})));
    let redirect = as_user(&token, "GET", &format!("{LIST}{hex}"), None);
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some(format!("{LIST}{hex}/").as_str()));
}

#[test]
fn methods_not_allowed() {
    let token = new_user(1);
    let item = as_user(&token, "GET", LIST, None).json()[0]["uuid"].as_str().unwrap().to_string();
    let put = as_user(&token, "PUT", LIST, Some(&json!({})));
    assert_eq!((put.status, put.json()), (405, json!({"detail": "Method \"PUT\" not allowed."})));
    let post = as_user(&token, "POST", &format!("{LIST}{item}/"), Some(&json!({})));
    assert_eq!((post.status, post.json()), (405, json!({"detail": "Method \"POST\" not allowed."})));
    let anonymous = request("DELETE", LIST, &[], None);
    assert_eq!(anonymous.status, 401, "authentication comes first");
}

#[test]
fn put_and_patch_change_only_writable_fields() {
    let token = new_user(1);
    let item = as_user(&token, "GET", LIST, None).json()[0].clone();
    let path = format!("{LIST}{}/", item["uuid"].as_str().unwrap());
    let missing = as_user(&token, "PUT", &path, Some(&json!({"error_message": "x"})));
    assert_eq!((missing.status, missing.json()), (400, json!({"mappings": ["This field is required."]})));
    let unknown = json!({"mappings": {"networks": ["a45c8927e176455781f63e7c7baf9567"]}});
    assert_eq!(as_user(&token, "PUT", &path, Some(&unknown)).status, 400, "networks must exist");
    let tenant = lookup(&token, "/api/marketplace-resources/?offering_type=OpenStack.Tenant", "genomics-prod");
    let networks = format!("/api/openstack-networks/?tenant_uuid={}", tenant["resource_uuid"].as_str().unwrap());
    let network = as_user(&token, "GET", &networks, None).json()[0]["uuid"].clone();
    let put = as_user(
        &token,
        "PUT",
        &path,
        Some(&json!({
            "mappings": {"subnets": [{"src_cidr": "10.0.0.0/24", "dst_cidr": "10.9.9.0/24"}], "networks": [network]},
            "state": "OK", "name": "ignored", "uuid": "00000000000000000000000000000000",
        })),
    );
    assert_eq!(put.status, 200, "{}", put.body);
    let put = put.json();
    assert_eq!(put["uuid"], item["uuid"]);
    assert_eq!(put["dst_resource_name"], item["dst_resource_name"]);
    assert_eq!(
        put["mappings"],
        json!({"subnets": [{"src_cidr": "10.0.0.0/24", "dst_cidr": "10.9.9.0/24"}], "skip_connection_extnet": false, "sync_instance_ports": false}),
        "replaced whole; networks never returned"
    );
    let patch = as_user(&token, "PATCH", &path, Some(&json!({"error_message": "checked by operator"}))).json();
    assert_eq!(patch["error_message"], "checked by operator");
    assert_eq!(patch["mappings"], put["mappings"], "PATCH keeps what it does not set");
    let nested = as_user(
        &token,
        "PATCH",
        &path,
        Some(
            &json!({"mappings": {"volume_types": [{"src_type_uuid": "x", "dst_type_uuid": "a45c8927e176455781f63e7c7baf9567"}]}}),
        ),
    );
    assert_eq!(
        (nested.status, nested.json()),
        (400, json!({"mappings": {"volume_types": [{"src_type_uuid": ["Must be a valid UUID."]}]}}))
    );
}

#[test]
fn malformed_json_and_wrong_media_type() {
    let token = new_user(1);
    let reply = request(
        "POST",
        LIST,
        &[("Authorization", &format!("Token {token}")), ("Content-Type", "application/json")],
        Some("{\"src_resource\": "),
    );
    assert_eq!(reply.status, 400);
    let detail = reply.json()["detail"].as_str().unwrap().to_string();
    assert!(detail.starts_with("JSON parse error - "), "{detail}");
    let text = request(
        "POST",
        LIST,
        &[("Authorization", &format!("Token {token}")), ("Content-Type", "text/plain")],
        Some("hello"),
    );
    assert_eq!(
        (text.status, text.json()),
        (415, json!({"detail": "Unsupported media type \"text/plain\" in request."}))
    );
}

#[test]
fn delete_is_204_then_404() {
    let token = new_user(2);
    let item = as_user(&token, "GET", LIST, None).json()[0]["uuid"].as_str().unwrap().to_string();
    let path = format!("{LIST}{item}/");
    let deleted = as_user(&token, "DELETE", &path, None);
    assert_eq!((deleted.status, deleted.body.as_str()), (204, ""));
    assert_eq!(as_user(&token, "GET", &path, None).status, 404);
    assert_eq!(as_user(&token, "GET", LIST, None).header("x-result-count"), Some("1"));
}

#[test]
fn state_machine_runs_to_ok_or_erred() {
    let token = new_user(0);
    for (source, final_state, final_dst) in [("genomics-prod", "OK", "OK"), ("legacy-billing", "ERRED", "Erred")] {
        let ids = ids(&token, source);
        let created = as_user(
            &token,
            "POST",
            LIST,
            Some(&json!({"src_resource": ids.src, "dst_offering": ids.offering, "dst_plan": ids.plan})),
        );
        assert_eq!(created.status, 201, "{}", created.body);
        let created = created.json();
        assert_eq!(created["state"], "CREATION_SCHEDULED");
        assert_eq!(created["dst_resource_state"], "Creating");
        let path = format!("{LIST}{}/", created["uuid"].as_str().unwrap());
        let mut seen = vec!["CREATION_SCHEDULED".to_string()];
        eventually(|| {
            let now = as_user(&token, "GET", &path, None).json();
            let state = now["state"].as_str().unwrap().to_string();
            if seen.last() != Some(&state) {
                seen.push(state.clone());
            }
            state == final_state
        });
        assert_eq!(seen, ["CREATION_SCHEDULED", "CREATING", final_state]);
        let done = as_user(&token, "GET", &path, None).json();
        assert_eq!(done["dst_resource_state"], final_dst);
        if final_state == "ERRED" {
            assert!(!done["error_message"].as_str().unwrap().is_empty());
            assert!(done["error_traceback"].as_str().unwrap().starts_with("Traceback (most recent call last):\n"));
        }
        assert!(done["modified"].as_str().unwrap() > done["created"].as_str().unwrap());
    }
}

#[test]
fn cors_preflight_and_headers_everywhere() {
    let preflight = request(
        "OPTIONS",
        LIST,
        &[
            ("Origin", "http://127.0.0.1:9999"),
            ("Access-Control-Request-Method", "PATCH"),
            ("Access-Control-Request-Headers", "authorization,content-type"),
        ],
        None,
    );
    assert_eq!(preflight.status, 200);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    assert!(preflight.header("access-control-allow-methods").unwrap().contains("PATCH"));
    assert_eq!(preflight.header("access-control-allow-headers"), Some("authorization,content-type"));
    for reply in [request("GET", LIST, &[], None), request("GET", "/api/nowhere/", &[], None)] {
        assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
        assert_eq!(reply.header("access-control-expose-headers"), Some("Link, X-Result-Count"));
    }
}
