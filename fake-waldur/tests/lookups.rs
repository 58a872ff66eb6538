//! The lookup endpoints of the create form: paging, `name` search, `field=`, filters.

mod support;
use serde_json::json;
use support::*;

#[test]
fn source_resources_with_fields_search_and_paging() {
    let path = "/api/marketplace-resources/?offering_type=OpenStack.Tenant";
    let fresh = new_user(0);
    let all = as_user(&fresh, "GET", &format!("{path}&page_size=300"), None);
    assert_eq!(all.header("x-result-count"), Some("12"), "the seeded tenants");
    let alice = as_user(DEFAULT_TOKEN, "GET", &format!("{path}&page_size=1"), None);
    assert_eq!(alice.header("x-result-count"), Some("52"), "and the destinations of her 40 migrations");
    let item = &all.json()[0];
    for key in
        ["uuid", "name", "resource_uuid", "offering_name", "project_name", "customer_name", "state", "limits", "url"]
    {
        assert!(item.get(key).is_some(), "{key}");
    }
    let trimmed = as_user(&fresh, "GET", &format!("{path}&field=uuid&field=name&name=GENOMICS"), None);
    let trimmed = trimmed.json();
    assert_eq!(trimmed.as_array().unwrap().len(), 2, "case-insensitive search");
    assert_eq!(trimmed[0].as_object().unwrap().keys().collect::<Vec<_>>(), ["uuid", "name"]);
    let page = as_user(&fresh, "GET", &format!("{path}&page_size=5&page=3"), None);
    assert_eq!(page.json().as_array().unwrap().len(), 2);
    assert!(page.header("link").unwrap().contains("offering_type=OpenStack.Tenant"));
    let nolimits = lookup(DEFAULT_TOKEN, path, "sandbox-nolimits");
    assert_eq!(nolimits["limits"], json!({}));
}

#[test]
fn offerings_by_type_with_plans() {
    let offerings = as_user(DEFAULT_TOKEN, "GET", "/api/marketplace-public-offerings/?type=OpenStack.Tenant&field=uuid&field=name&field=customer_name&field=scope_uuid&field=plans", None).json();
    assert_eq!(offerings.as_array().unwrap().len(), 3);
    let tallinn =
        offerings.as_array().unwrap().iter().find(|o| o["name"].as_str().unwrap().contains("Tallinn")).unwrap();
    assert_eq!(tallinn["customer_name"], "TalTech HPC Centre");
    assert_eq!(tallinn["plans"].as_array().unwrap().len(), 3);
    assert!(tallinn["scope_uuid"].as_str().unwrap().len() == 32);
    let every = as_user(DEFAULT_TOKEN, "GET", "/api/marketplace-public-offerings/", None);
    assert_eq!(every.header("x-result-count"), Some("4"));
}

#[test]
fn volume_types_networks_and_subnets_by_tenant_or_settings() {
    let resource = lookup(DEFAULT_TOKEN, "/api/marketplace-resources/?", "genomics-prod");
    let tenant = resource["resource_uuid"].as_str().unwrap();
    let types =
        as_user(DEFAULT_TOKEN, "GET", &format!("/api/openstack-volume-types/?tenant_uuid={tenant}"), None).json();
    assert_eq!(types.as_array().unwrap().len(), 4);
    let helsinki = lookup(DEFAULT_TOKEN, "/api/marketplace-public-offerings/?", "Helsinki");
    let scope = helsinki["scope_uuid"].as_str().unwrap();
    let dst_types =
        as_user(DEFAULT_TOKEN, "GET", &format!("/api/openstack-volume-types/?settings_uuid={scope}&name=SS"), None)
            .json();
    assert_eq!(dst_types.as_array().unwrap().len(), 1);
    assert_eq!(dst_types[0]["name"], "ssd");
    let networks = as_user(
        DEFAULT_TOKEN,
        "GET",
        &format!("/api/openstack-networks/?tenant_uuid={tenant}&direct_only=true&field=uuid&field=name&field=subnets"),
        None,
    )
    .json();
    assert!(!networks.as_array().unwrap().is_empty());
    assert!(networks[0]["subnets"][0]["cidr"].as_str().unwrap().ends_with("/24"));
    let subnets = as_user(DEFAULT_TOKEN, "GET", &format!("/api/openstack-subnets/?tenant_uuid={tenant}"), None).json();
    let nested: usize = networks.as_array().unwrap().iter().map(|n| n["subnets"].as_array().unwrap().len()).sum();
    assert_eq!(subnets.as_array().unwrap().len(), nested);
    assert!(subnets[0]["network_name"].as_str().unwrap().starts_with("genomics-prod"));
    // Without `direct_only`, the provider network of the tenant's cloud is listed too.
    let all = as_user(DEFAULT_TOKEN, "GET", &format!("/api/openstack-networks/?tenant_uuid={tenant}"), None).json();
    let shared: Vec<_> = all.as_array().unwrap().iter().filter(|n| n["is_external"] == true).collect();
    assert_eq!(shared.len(), 1);
    assert_eq!(all.as_array().unwrap().len(), networks.as_array().unwrap().len() + 1);
    let bad = as_user(DEFAULT_TOKEN, "GET", "/api/openstack-subnets/?tenant_uuid=zzz", None);
    assert_eq!((bad.status, bad.json()), (400, json!({"tenant_uuid": ["Enter a valid UUID."]})));
    assert_eq!(request("GET", "/api/openstack-networks/", &[], None).status, 401);
    assert_eq!(as_user(DEFAULT_TOKEN, "POST", "/api/openstack-networks/", Some(&json!({}))).status, 405);
}

#[test]
fn destination_resources_are_resources_of_their_owner() {
    let path = "/api/marketplace-resources/?offering_type=OpenStack.Tenant&page_size=300";
    let owner = new_user(0);
    let ids = ids(&owner, "genomics-prod");
    let created = as_user(
        &owner,
        "POST",
        "/api/openstack-migrations/",
        Some(&json!({"name": "genomics-copy", "src_resource": ids.src, "dst_offering": ids.offering, "dst_plan": ids.plan})),
    )
    .json();
    let dst = created["dst_resource_uuid"].as_str().unwrap();
    let mine = as_user(&owner, "GET", path, None).json();
    let resource = mine.as_array().unwrap().iter().find(|r| r["uuid"] == dst).expect("listed for its owner");
    assert_eq!(resource["name"], "genomics-copy");
    assert_eq!(resource["state"], "Creating");
    assert!(resource["offering_name"].as_str().unwrap().starts_with("Tallinn"));
    let other = new_user(0);
    assert!(!as_user(&other, "GET", path, None).json().as_array().unwrap().iter().any(|r| r["uuid"] == dst));
    // It can be migrated in turn, and it filters the list as a destination.
    let again = as_user(
        &owner,
        "POST",
        "/api/openstack-migrations/",
        Some(&json!({"src_resource": dst, "dst_offering": ids.offering, "dst_plan": ids.plan})),
    );
    assert_eq!(again.status, 201, "{}", again.body);
    let filtered = as_user(&owner, "GET", &format!("/api/openstack-migrations/?dst_resource_uuid={dst}"), None).json();
    assert_eq!(filtered.as_array().unwrap().len(), 1);
    let by_other = as_user(
        &other,
        "POST",
        "/api/openstack-migrations/",
        Some(&json!({"src_resource": dst, "dst_offering": ids.offering, "dst_plan": ids.plan})),
    );
    assert_eq!(by_other.json()["src_resource"], json!([format!("Object with uuid={dst} does not exist.")]));
}
