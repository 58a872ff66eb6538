//! Every create rule and exact text of the real server, in its order, over HTTP.

mod support;
use serde_json::{json, Value};
use support::*;

const LIST: &str = "/api/openstack-migrations/";

fn create(token: &str, body: Value) -> (u16, Value) {
    let reply = as_user(token, "POST", LIST, Some(&body));
    let value = if reply.header("content-type").is_some_and(|t| t.starts_with("application/json")) {
        reply.json()
    } else {
        Value::String(reply.body.clone())
    };
    (reply.status, value)
}

/// A network of another tenant (accepted by the server's `networks` field and then ignored).
fn foreign_network(token: &str) -> String {
    let other = lookup(token, "/api/marketplace-resources/?offering_type=OpenStack.Tenant", "climate-models");
    let path =
        format!("/api/openstack-networks/?tenant_uuid={}&direct_only=true", other["resource_uuid"].as_str().unwrap());
    as_user(token, "GET", &path, None).json()[0]["uuid"].as_str().unwrap().to_string()
}

#[test]
fn success_returns_the_full_body_and_defaults() {
    let token = new_user(0);
    let ids = ids(&token, "genomics-prod");
    let network = foreign_network(&token);
    let (status, body) =
        create(&token, json!({"src_resource": ids.src, "dst_offering": ids.offering, "dst_plan": ids.plan}));
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["src_resource_uuid"], ids.src);
    assert_eq!(body["dst_resource_name"], "genomics-prod", "name defaults to the source's");
    assert_eq!(
        body["mappings"],
        json!({"skip_connection_extnet": false, "sync_instance_ports": false}),
        "stored as {{}}"
    );
    assert_eq!(body["error_message"], "");
    let (status, named) = create(
        &token,
        json!({
            "name": "  genomics-tallinn  ",
            "src_resource": uuid::Uuid::parse_str(&ids.src).unwrap().hyphenated().to_string(),
            "dst_offering": ids.offering,
            "dst_plan": ids.plan,
            "mappings": {
                "volume_types": [{"src_type_uuid": ids.src_volume_type, "dst_type_uuid": ids.dst_volume_type}],
                "networks": [network],
                "skip_connection_extnet": "true",
            },
        }),
    );
    assert_eq!(status, 201, "{named}");
    assert_eq!(named["dst_resource_name"], "genomics-tallinn", "the destination is named after the migration");
    assert!(named["mappings"].get("networks").is_none(), "networks validated but not stored");
    assert_eq!(named["mappings"]["skip_connection_extnet"], true);
    let pair = &named["mappings"]["volume_types"][0];
    assert_eq!(pair["src_type_uuid"], uuid::Uuid::parse_str(&ids.src_volume_type).unwrap().hyphenated().to_string());
    let listed = as_user(&token, "GET", LIST, None).json();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[1]["uuid"], named["uuid"], "newest last");
}

#[test]
fn field_errors_are_collected_together() {
    let token = new_user(0);
    assert_eq!(
        create(&token, json!({})),
        (
            400,
            json!({
                "src_resource": ["This field is required."],
                "dst_offering": ["This field is required."],
                "dst_plan": ["This field is required."],
            })
        )
    );
    let ids = ids(&token, "genomics-prod");
    let (status, body) = create(
        &token,
        json!({"name": "   ", "src_resource": "nope", "dst_offering": "a45c8927e176455781f63e7c7baf9567", "dst_plan": ids.plan}),
    );
    assert_eq!(status, 400);
    assert_eq!(body["name"], json!(["This field may not be blank."]));
    assert_eq!(body["src_resource"], json!(["Object with uuid=nope does not exist."]));
    assert_eq!(body["dst_offering"], json!(["Object with uuid=a45c8927e176455781f63e7c7baf9567 does not exist."]));
    assert!(body.get("dst_plan").is_none());
    // An offering the user may not order does not exist for them (the queryset is filtered by
    // ordering availability), whatever its type.
    let private = lookup(DEFAULT_STAFF_TOKEN, "/api/marketplace-public-offerings/?", "private GPU");
    let (_, body) =
        create(&token, json!({"src_resource": ids.src, "dst_offering": private["uuid"], "dst_plan": ids.plan}));
    assert_eq!(
        body["dst_offering"],
        json!([format!("Object with uuid={} does not exist.", private["uuid"].as_str().unwrap())])
    );
}

#[test]
fn an_orderable_offering_of_another_type_passes_and_its_migration_fails() {
    let token = new_user(0);
    let ids = ids(&token, "genomics-prod");
    let slurm = lookup(&token, "/api/marketplace-public-offerings/?", "Slurm");
    let plan = slurm["plans"][0]["uuid"].as_str().unwrap();
    let (status, body) =
        create(&token, json!({"src_resource": ids.src, "dst_offering": slurm["uuid"], "dst_plan": plan}));
    assert_eq!(status, 201, "{body}");
    let uuid = body["uuid"].as_str().unwrap().to_string();
    eventually(|| as_user(&token, "GET", &format!("{LIST}{uuid}/"), None).json()["state"] == "ERRED");
}

#[test]
fn nested_mapping_errors_per_item() {
    let token = new_user(0);
    let ids = ids(&token, "genomics-prod");
    let base = |mappings: Value| json!({"src_resource": ids.src, "dst_offering": ids.offering, "dst_plan": ids.plan, "mappings": mappings});
    assert_eq!(
        create(
            &token,
            base(json!({"volume_types": [
                {"src_type_uuid": ids.src_volume_type, "dst_type_uuid": ids.dst_volume_type},
                {"src_type_uuid": "ssd", "dst_type_uuid": ids.dst_volume_type},
            ]}))
        ),
        (400, json!({"mappings": {"volume_types": [{}, {"src_type_uuid": ["Must be a valid UUID."]}]}}))
    );
    assert_eq!(
        create(
            &token,
            base(json!({"subnets": [
                {"src_cidr": "10.0.0.0/24", "dst_cidr": "10.1.0.0/24"},
                {"src_cidr": "10.0.0.0/16", "dst_cidr": "8.8.8.0/24"},
                {"src_cidr": "10.0.0.5/24", "dst_cidr": ""},
                {"src_cidr": "banana"},
            ]}))
        ),
        (
            400,
            json!({"mappings": {"subnets": [
                {},
                {"src_cidr": ["Network mask length should be equal to 24."], "dst_cidr": ["A private network CIDR is expected."]},
                {"src_cidr": ["Enter a valid IPv4 address."], "dst_cidr": ["This field may not be blank."]},
                {"src_cidr": ["Enter a valid IPv4 address."], "dst_cidr": ["This field is required."]},
            ]}})
        )
    );
    assert_eq!(
        create(&token, base(json!("everything"))),
        (400, json!({"mappings": {"non_field_errors": ["Invalid data. Expected a dictionary, but got str."]}}))
    );
    assert_eq!(
        create(
            &token,
            base(
                json!({"volume_types": {"a": 1}, "networks": ["x", "a45c8927e176455781f63e7c7baf9567"], "sync_instance_ports": "maybe"})
            )
        ),
        (
            400,
            json!({"mappings": {
                "volume_types": {"non_field_errors": ["Expected a list of items but got type \"dict\"."]},
                "sync_instance_ports": ["Must be a valid boolean."],
                "networks": ["Object with uuid=x does not exist."],
            }})
        )
    );
    // Networks: the first one that does not exist stops the field, one message for it.
    let network = foreign_network(&token);
    assert_eq!(
        create(&token, base(json!({"networks": [network, "a45c8927e176455781f63e7c7baf9567", "zz"]}))),
        (400, json!({"mappings": {"networks": ["Object with uuid=a45c8927e176455781f63e7c7baf9567 does not exist."]}}))
    );
}

#[test]
fn object_level_checks_in_order() {
    let token = new_user(0);
    let ids = ids(&token, "genomics-prod");
    let body = |src: &str, plan: &str, mappings: Value| json!({"src_resource": src, "dst_offering": ids.offering, "dst_plan": plan, "mappings": mappings});
    let with_subnets =
        json!({"sync_instance_ports": true, "subnets": [{"src_cidr": "10.0.0.0/24", "dst_cidr": "10.1.0.0/24"}]});
    // The source's limits come first, even when everything else is wrong too.
    let nolimits = ids_of(&token, "sandbox-nolimits");
    assert_eq!(
        create(&token, body(&nolimits, &ids.other_offering_plan, with_subnets.clone())),
        (400, json!({"non_field_errors": ["{'Source resource does not have limits set.'}"]}))
    );
    let restricted = ids_of(&token, "physics-shared");
    assert_eq!(
        create(&token, body(&restricted, &ids.other_offering_plan, with_subnets.clone())),
        (400, json!({"dst_plan": ["This plan is not available for selected offering."]}))
    );
    assert_eq!(
        create(&token, body(&restricted, &ids.limited_plan, with_subnets.clone())),
        (400, json!({"plan": ["Plan is not available because limit has been reached."]}))
    );
    assert_eq!(
        create(&token, body(&restricted, &ids.plan, with_subnets.clone())),
        (400, json!({"non_field_errors": ["User does not have enough permissions to migrate resource."]}))
    );
    assert_eq!(
        create(&token, body(&ids.src, &ids.plan, with_subnets)),
        (400, json!({"non_field_errors": ["sync_instance_ports cannot be used together with subnets mappings."]}))
    );
    // Volume types last: the source's must be the tenant's, the destination's the cloud's.
    let pair = |src: &str, dst: &str| json!({"volume_types": [{"src_type_uuid": src, "dst_type_uuid": dst}]});
    assert_eq!(
        create(&token, body(&ids.src, &ids.plan, pair(&ids.dst_volume_type, &ids.dst_volume_type))),
        (400, json!({"non_field_errors": ["Invalid src_type_uuid %s as it is not available in tenant."]}))
    );
    let hyphenated = uuid::Uuid::parse_str(&ids.src_volume_type).unwrap().hyphenated().to_string();
    assert_eq!(
        create(&token, body(&ids.src, &ids.plan, pair(&ids.src_volume_type, &ids.src_volume_type))),
        (
            400,
            json!({"non_field_errors": [format!("Invalid dst_type_uuid {hyphenated} as it is not available in service settings.")]})
        )
    );
    // Staff may migrate from any project.
    let (status, _) = create(DEFAULT_STAFF_TOKEN, body(&restricted, &ids.plan, json!({})));
    assert_eq!(status, 201);
}

fn ids_of(token: &str, name: &str) -> String {
    lookup(token, "/api/marketplace-resources/?offering_type=OpenStack.Tenant", name)["uuid"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn server_bugs_are_reproduced_as_html_500() {
    let token = new_user(0);
    let ids = ids(&token, "genomics-prod");
    let base = json!({"src_resource": ids.src, "dst_offering": ids.offering, "dst_plan": ids.plan});
    let mut with_description = base.clone();
    with_description["description"] = json!("moving to Tallinn");
    let (status, body) = create(&token, with_description);
    assert_eq!(status, 500);
    assert!(body.as_str().unwrap().contains("<title>Server Error (500)</title>"));
    let mut unknown_type = base;
    unknown_type["mappings"] = json!({"volume_types": [{"src_type_uuid": "a45c8927e176455781f63e7c7baf9567", "dst_type_uuid": ids.dst_volume_type}]});
    assert_eq!(create(&token, unknown_type).0, 500);
    assert_eq!(as_user(&token, "GET", LIST, None).header("x-result-count"), Some("0"), "nothing was created");
}

#[test]
fn bodies_that_are_not_objects() {
    let token = new_user(0);
    assert_eq!(
        create(&token, json!([1, 2])),
        (400, json!({"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}))
    );
    assert_eq!(create(&token, json!({"src_resource": null, "dst_offering": 5, "dst_plan": [1]})).0, 400);
}
