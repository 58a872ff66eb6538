//! `POST /api/openstack-migrations/` as Waldur's `MigrationCreateSerializer` answers it.
//!
//! Field errors first, all of them together (DRF validates every field, in the serializer's
//! order: name, description, mappings, src_resource, dst_offering, dst_plan). Then the
//! object-level checks of `validate()`, the first failure only, in the real order: the source's
//! limits, the plan of the offering, the plan's availability, the permission to order, ports
//! with subnets, then each volume type pair. Destination offerings the user may not order are
//! "does not exist" whatever their type (the queryset is filtered by ordering availability).

use crate::api::json_object;
use crate::drf::{self, char_field, mappings_field, python_str, Errors};
use crate::http::{Request, Response, HTML_500};
use crate::texts;
use crate::wire::{render_migration, WireStyle};
use crate::world::{next_uuid, Migration, Progress, User, World};
use serde_json::{json, Value};
use time::OffsetDateTime;
use uuid::Uuid;

/// A related object by uuid (`SlugRelatedField(slug_field="uuid")`).
fn related<T>(value: Option<&Value>, find: impl Fn(Uuid) -> Option<T>) -> Result<T, Value> {
    match value {
        None => Err(json!([texts::REQUIRED])),
        Some(Value::Null) => Err(json!([drf::NOT_NULL])),
        Some(Value::String(text)) if text.trim().is_empty() => Err(json!([drf::NOT_NULL])),
        Some(value) => {
            let text = python_str(value);
            drf::parse_uuid(&text).and_then(&find).ok_or_else(|| json!([texts::object_does_not_exist(&text)]))
        }
    }
}

fn non_field(text: &str) -> Response {
    Response::json(400, &json!({ "non_field_errors": [text] }))
}

/// Answers a create.
pub fn create(world: &mut World, user: &User, request: &Request, now: OffsetDateTime, style: WireStyle) -> Response {
    let body = match json_object(request) {
        Ok(body) => body,
        Err(response) => return response,
    };
    let mut errors = Errors::default();
    let name = errors.take("name", char_field(body.get("name"), false, false));
    let description = errors.take("description", char_field(body.get("description"), false, false));
    // `networks` is a related field over every network: it only has to exist.
    let network_exists = |id: Uuid| world.networks.iter().any(|n| n.uuid == id);
    let mappings = match body.get("mappings") {
        None => None,
        Some(value) => errors.take("mappings", mappings_field(value, &network_exists)),
    };
    let src = errors.take(
        "src_resource",
        related(body.get("src_resource"), |id| world.tenants.iter().position(|t| t.uuid == id && t.visible_to(user))),
    );
    let offering = errors.take(
        "dst_offering",
        related(body.get("dst_offering"), |id| {
            world.offerings.iter().position(|o| o.uuid == id && world.orderable(user, o))
        }),
    );
    let plan = errors.take(
        "dst_plan",
        related(body.get("dst_plan"), |id| {
            world
                .offerings
                .iter()
                .enumerate()
                .find_map(|(o, offering)| offering.plans.iter().position(|p| p.uuid == id).map(|p| (o, p)))
        }),
    );
    let (Some(src), Some(offering), Some((plan_offering, plan))) = (src, offering, plan) else {
        return Response::json(400, &errors.into_value());
    };
    if !errors.is_empty() {
        return Response::json(400, &errors.into_value());
    }

    // `validate()`: the first failure only, in the server's order.
    let tenant = &world.tenants[src];
    if tenant.limits.is_none() {
        return non_field(texts::SOURCE_WITHOUT_LIMITS);
    }
    if plan_offering != offering {
        return Response::json(400, &json!({"dst_plan": [texts::PLAN_NOT_OF_OFFERING]}));
    }
    let plan_record = &world.offerings[offering].plans[plan];
    if plan_record.archived || plan_record.limit.is_some_and(|limit| plan_record.used >= limit) {
        return Response::json(400, &json!({"plan": [texts::PLAN_LIMIT_REACHED]}));
    }
    if !user.is_staff && world.projects[tenant.project].restricted {
        return non_field(texts::NO_PERMISSION);
    }
    if mappings.as_ref().is_some_and(|m| m.sync_instance_ports && m.has_subnets) {
        return non_field(texts::SYNC_PORTS_WITH_SUBNETS);
    }
    let dst_cloud = world.offerings[offering].cloud;
    for (src_type, dst_type) in mappings.as_ref().map(|m| m.volume_types.clone()).unwrap_or_default() {
        let (Some(src_record), Some(dst_record)) = (
            world.volume_types.iter().find(|v| v.uuid == src_type),
            world.volume_types.iter().find(|v| v.uuid == dst_type),
        ) else {
            // `VolumeType.objects.get` of an unknown uuid is not caught: a server error.
            return Response::new(500, "text/html; charset=utf-8", HTML_500);
        };
        if src_record.cloud != tenant.cloud {
            return non_field(texts::SRC_TYPE_NOT_IN_TENANT);
        }
        if Some(dst_record.cloud) != dst_cloud {
            return non_field(&texts::dst_type_not_in_settings(&dst_type));
        }
    }
    // A server bug, reproduced: a description makes the real server answer 500.
    if description.flatten().is_some() {
        return Response::new(500, "text/html; charset=utf-8", HTML_500);
    }

    let name = name.flatten().unwrap_or_else(|| tenant.name.clone());
    // An offering of another type passes the serializer; its migration fails when it runs.
    let fails = tenant.fails || world.offerings[offering].offering_type != "OpenStack.Tenant";
    let uuid = next_uuid(&mut world.rng);
    let dst_resource_uuid = world.add_destination(src, offering, &name, user.uuid, uuid, now);
    let migration = Migration {
        uuid,
        created: now,
        modified: now,
        created_by: user.uuid,
        src,
        dst_offering: offering,
        dst_plan: plan,
        dst_resource_uuid,
        name,
        mappings: mappings.map(|m| m.stored).unwrap_or_else(|| json!({})),
        error_message: String::new(),
        error_traceback: String::new(),
        progress: Progress::Running { started: now, fails },
    };
    if let Some(plan) = world.offerings.get_mut(offering).and_then(|o| o.plans.get_mut(plan)) {
        plan.used += 1;
    }
    let body = if style.short_create {
        // What the schema documents (and older servers sent): mappings and the source only.
        json!({
            "mappings": crate::wire::render_mappings(&migration.mappings, style),
            "src_resource": crate::wire::hex(&world.tenants[src].uuid),
        })
    } else {
        render_migration(world, &migration, now, style)
    };
    // Kept in `created` order: a new one is never older than the rest.
    world.by_uuid.insert(uuid, world.migrations.len());
    world.migrations.push(migration);
    Response::json(201, &body)
}
