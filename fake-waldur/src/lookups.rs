//! The list endpoints the create form's pickers use, with the fields the real ones return (and
//! more, so `field=` matters), `name` search, filters, and the same paging as the migrations.

use crate::drf;
use crate::http::{Request, Response};
use crate::paging::paginate;
use crate::texts;
use crate::wire::{date, hex, select_fields};
use crate::world::{User, World};
use serde_json::{json, Value};
use uuid::Uuid;

/// Case-insensitive `icontains` on `name`.
fn name_matches(request: &Request, name: &str) -> bool {
    match request.param("name").map(str::trim).filter(|q| !q.is_empty()) {
        Some(query) => name.to_lowercase().contains(&query.to_lowercase()),
        None => true,
    }
}

/// A uuid filter: `Ok(None)` when absent or blank, the DRF 400 when malformed.
fn uuid_filter(request: &Request, name: &str) -> Result<Option<Uuid>, Response> {
    match request.param(name).map(str::trim).filter(|text| !text.is_empty()) {
        None => Ok(None),
        Some(text) => drf::parse_uuid(text)
            .map(Some)
            .ok_or_else(|| Response::json(400, &json!({ name: [texts::INVALID_FILTER_UUID] }))),
    }
}

fn respond(request: &Request, items: Vec<Value>, selectable: bool) -> Response {
    let total = items.len();
    respond_lazy(request, total, selectable, |range| items[range].to_vec())
}

/// Pages `total` items, rendering only those of the page (`render` gets their index range).
fn respond_lazy(
    request: &Request,
    total: usize,
    selectable: bool,
    render: impl FnOnce(std::ops::Range<usize>) -> Vec<Value>,
) -> Response {
    let paged = match paginate(total, request) {
        Ok(paged) => paged,
        Err(response) => return response,
    };
    let fields = if selectable { request.params("field") } else { Vec::new() };
    let page: Vec<Value> =
        render(paged.start..paged.end).into_iter().map(|item| select_fields(item, &fields)).collect();
    let mut response = Response::json(200, &Value::Array(page));
    response.headers.extend(paged.headers);
    response
}

/// Answers a lookup collection.
pub fn list(world: &World, user: &User, request: &Request) -> Response {
    let origin = request.origin();
    match request.path.as_str() {
        "/api/marketplace-resources/" => {
            // Every seeded resource is an OpenStack tenant.
            let offering_type = request.param("offering_type").unwrap_or("");
            let wanted = offering_type.is_empty() || offering_type == "OpenStack.Tenant";
            let now = time::OffsetDateTime::now_utc();
            let visible: Vec<&crate::world::Tenant> = world
                .tenants
                .iter()
                .filter(|t| wanted && t.visible_to(user))
                .filter(|t| name_matches(request, &t.name))
                .collect();
            let state_of = |t: &crate::world::Tenant| {
                t.origin
                    .and_then(|origin| world.by_uuid.get(&origin))
                    .and_then(|&at| world.migrations.get(at))
                    .map(|m| world.status_of(m, now).1)
                    .unwrap_or("OK")
            };
            respond_lazy(request, visible.len(), true, |range| {
                visible[range].iter().map(|t| {
                    let offering = &world.offerings[t.offering];
                    let project = &world.projects[t.project];
                    let plan = offering.plans.iter().find(|p| !p.archived);
                    json!({
                        "url": format!("{origin}/api/marketplace-resources/{}/", hex(&t.uuid)),
                        "uuid": hex(&t.uuid),
                        "name": t.name,
                        "slug": t.name,
                        "offering": format!("{origin}/api/marketplace-provider-offerings/{}/", hex(&offering.uuid)),
                        "offering_uuid": hex(&offering.uuid),
                        "offering_name": offering.name,
                        "offering_type": offering.offering_type,
                        "plan_uuid": plan.map(|p| hex(&p.uuid)),
                        "plan_name": plan.map(|p| p.name),
                        "resource_uuid": hex(&t.tenant_uuid),
                        "resource_type": "OpenStack.Tenant",
                        "project_uuid": hex(&project.uuid),
                        "project_name": project.name,
                        "customer_name": project.customer_name,
                        "customer_uuid": world.customer_named(project.customer_name).map(|c| hex(&c.uuid)),
                        "state": state_of(t),
                        "limits": t.limits.as_ref().map(|limits| {
                            limits.iter().map(|(k, v)| ((*k).to_owned(), json!(v))).collect::<serde_json::Map<_, _>>()
                        }).unwrap_or_default(),
                        "created": date(t.created, false),
                        "modified": date(t.created, false),
                        "description": "",
                        "backend_id": format!("tenant-{}", &hex(&t.tenant_uuid)[..8]),
                    })
                }).collect()
            })
        }
        "/api/marketplace-public-offerings/" => {
            let types = request.params("type");
            // `allowed_customer_uuid`: what that organisation may order (unknown: nothing).
            let allowed = match uuid_filter(request, "allowed_customer_uuid") {
                Ok(value) => value.map(|id| world.customers.iter().find(|c| c.uuid == id).map(|c| c.name)),
                Err(response) => return response,
            };
            let items = world
                .offerings
                .iter()
                .filter(|o| world.orderable(user, o))
                .filter(|o| allowed.is_none_or(|customer| customer.is_some_and(|c| o.orderable_by_customer(c))))
                .filter(|o| types.is_empty() || types.iter().any(|t| t == o.offering_type))
                .filter(|o| name_matches(request, &o.name))
                .map(|o| {
                    let scope = o.cloud.map(|c| &world.clouds[c]);
                    json!({
                        "url": format!("{origin}/api/marketplace-public-offerings/{}/", hex(&o.uuid)),
                        "uuid": hex(&o.uuid),
                        "name": o.name,
                        "type": o.offering_type,
                        "state": "Active",
                        "customer_name": o.customer_name,
                        "category_title": if o.offering_type == "OpenStack.Tenant" { "Private clouds" } else { "HPC" },
                        "scope_uuid": scope.map(|c| hex(&c.settings_uuid)),
                        "scope_name": scope.map(|c| c.name),
                        "shared": true,
                        "billable": true,
                        "description": format!("Virtual private cloud in {}", scope.map(|c| c.name).unwrap_or("the HPC centre")),
                        "plans": o.plans.iter().map(|p| json!({
                            "url": format!("{origin}/api/marketplace-public-plans/{}/", hex(&p.uuid)),
                            "uuid": hex(&p.uuid),
                            "name": p.name,
                            "archived": p.archived,
                            "is_active": !p.archived,
                            "max_amount": p.limit,
                            "unit": "month",
                            "unit_price": "0.0000000",
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            respond(request, items, true)
        }
        "/api/openstack-volume-types/" => {
            let tenant = match uuid_filter(request, "tenant_uuid") {
                Ok(value) => value,
                Err(response) => return response,
            };
            let settings = match uuid_filter(request, "settings_uuid") {
                Ok(value) => value,
                Err(response) => return response,
            };
            let tenant_cloud = tenant
                .map(|id| world.tenants.iter().find(|t| t.tenant_uuid == id && t.visible_to(user)).map(|t| t.cloud));
            let settings_cloud = settings.map(|id| world.clouds.iter().position(|c| c.settings_uuid == id));
            let items = world
                .volume_types
                .iter()
                .filter(|v| tenant_cloud.is_none_or(|cloud| cloud == Some(v.cloud)))
                .filter(|v| settings_cloud.is_none_or(|cloud| cloud == Some(v.cloud)))
                .filter(|v| name_matches(request, v.name))
                .map(|v| {
                    let cloud = &world.clouds[v.cloud];
                    json!({
                        "url": format!("{origin}/api/openstack-volume-types/{}/", hex(&v.uuid)),
                        "uuid": hex(&v.uuid),
                        "name": v.name,
                        "description": v.description,
                        "settings": format!("{origin}/api/service-settings/{}/", hex(&cloud.settings_uuid)),
                    })
                })
                .collect();
            respond(request, items, false)
        }
        "/api/openstack-networks/" | "/api/openstack-subnets/" => {
            let tenant = match uuid_filter(request, "tenant_uuid") {
                Ok(value) => value,
                Err(response) => return response,
            };
            let listing_networks = request.path == "/api/openstack-networks/";
            // A tenant's own networks, and (in the networks list, unless `direct_only=true`) the
            // provider networks of its cloud.
            let direct_only = !listing_networks || request.param("direct_only").is_some_and(|v| v == "true");
            let tenant_record =
                tenant.map(|id| world.tenants.iter().find(|t| t.tenant_uuid == id && t.visible_to(user)));
            let networks = world.networks.iter().filter(move |n| {
                let Some(owner) = world.tenants.get(n.tenant) else { return false };
                match tenant_record {
                    None => !n.shared || !direct_only,
                    Some(None) => false,
                    Some(Some(t)) if n.shared => !direct_only && owner.cloud == t.cloud,
                    Some(Some(t)) => owner.tenant_uuid == t.tenant_uuid,
                }
            });
            let items: Vec<Value> = if listing_networks {
                networks
                    .filter(|n| name_matches(request, &n.name))
                    .map(|n| {
                        let t = &world.tenants[n.tenant];
                        json!({
                            "url": format!("{origin}/api/openstack-networks/{}/", hex(&n.uuid)),
                            "uuid": hex(&n.uuid),
                            "name": n.name,
                            "description": "",
                            "tenant_uuid": hex(&t.tenant_uuid),
                            "tenant_name": t.name,
                            "is_external": n.shared,
                            "type": "vxlan",
                            "state": "OK",
                            "mtu": 1450,
                            "subnets": n.subnets.iter().map(|s| json!({
                                "uuid": hex(&s.uuid),
                                "name": s.name,
                                "description": "",
                                "cidr": s.cidr,
                                "gateway_ip": gateway(&s.cidr),
                                "ip_version": 4,
                                "enable_dhcp": true,
                            })).collect::<Vec<_>>(),
                        })
                    })
                    .collect()
            } else {
                networks
                    .flat_map(|n| n.subnets.iter().map(move |s| (n, s)))
                    .filter(|(_, s)| name_matches(request, &s.name))
                    .map(|(n, s)| {
                        let t = &world.tenants[n.tenant];
                        json!({
                            "url": format!("{origin}/api/openstack-subnets/{}/", hex(&s.uuid)),
                            "uuid": hex(&s.uuid),
                            "name": s.name,
                            "description": "",
                            "tenant_name": t.name,
                            "network": format!("{origin}/api/openstack-networks/{}/", hex(&n.uuid)),
                            "network_name": n.name,
                            "cidr": s.cidr,
                            "gateway_ip": gateway(&s.cidr),
                            "ip_version": 4,
                            "enable_dhcp": true,
                            "state": "OK",
                        })
                    })
                    .collect()
            };
            respond(request, items, true)
        }
        _ => crate::http::html_404(),
    }
}

/// `x.y.z.1` of an `x.y.z.0/24`.
fn gateway(cidr: &str) -> String {
    let network = cidr.split('/').next().unwrap_or("");
    match network.rsplit_once('.') {
        Some((prefix, _)) => format!("{prefix}.1"),
        None => network.to_owned(),
    }
}
