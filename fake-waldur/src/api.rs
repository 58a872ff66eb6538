//! The `/api/` endpoints: authentication, the migrations collection and detail, and the lookups.

use crate::drf::{self, char_field, json_parse_error, mappings_field, python_str, Errors};
use crate::http::{html_404, Request, Response, HTML_500};
use crate::paging::paginate;
use crate::texts;
use crate::wire::{render_migration, WireStyle};
use crate::world::{next_uuid, Migration, Progress, User, World};
use serde_json::{json, Map, Value};
use time::OffsetDateTime;
use uuid::Uuid;

/// What an authentication header says.
enum Auth {
    Anonymous,
    Invalid(&'static str),
    Key(String),
}

fn read_auth(request: &Request) -> Auth {
    let Some(header) = request.header("authorization") else { return Auth::Anonymous };
    let mut parts = header.split_whitespace();
    let scheme = parts.next().unwrap_or("");
    if !scheme.eq_ignore_ascii_case("token") && !scheme.eq_ignore_ascii_case("bearer") {
        return Auth::Anonymous;
    }
    let words: Vec<&str> = parts.collect();
    match words.as_slice() {
        [] => Auth::Invalid("Invalid token header. No credentials provided."),
        [key] => Auth::Key((*key).to_owned()),
        _ => Auth::Invalid("Invalid token header. Token string should not contain spaces."),
    }
}

/// The token of a request, for scoping faults and wire styles.
pub fn token_of(request: &Request) -> Option<String> {
    match read_auth(request) {
        Auth::Key(key) => Some(key),
        _ => None,
    }
}

fn unauthorized(text: &str) -> Response {
    Response::detail(401, text).with_header("WWW-Authenticate", "Token")
}

fn authenticate(world: &World, request: &Request) -> Result<User, Response> {
    match read_auth(request) {
        Auth::Anonymous => Err(unauthorized(texts::NO_CREDENTIALS)),
        Auth::Invalid(text) => Err(unauthorized(text)),
        Auth::Key(key) => world.user_by_token(&key).cloned().ok_or_else(|| unauthorized(texts::INVALID_TOKEN)),
    }
}

fn method_not_allowed(request: &Request, allowed: &str) -> Response {
    Response::detail(405, &texts::method_not_allowed(&request.method)).with_header("Allow", allowed)
}

/// DRF's answer to a plain `OPTIONS` (not a CORS preflight).
fn metadata(name: &str, allowed: &str) -> Response {
    Response::json(
        200,
        &json!({
            "name": name,
            "description": "",
            "renders": ["application/json", "text/html"],
            "parses": ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
        }),
    )
    .with_header("Allow", allowed)
}

const COLLECTION_METHODS: &str = "GET, POST, HEAD, OPTIONS";
const DETAIL_METHODS: &str = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";
const LOOKUP_METHODS: &str = "GET, HEAD, OPTIONS";

/// The lookup collections, by path.
const LOOKUPS: [&str; 5] = [
    "/api/marketplace-resources/",
    "/api/marketplace-public-offerings/",
    "/api/openstack-volume-types/",
    "/api/openstack-networks/",
    "/api/openstack-subnets/",
];

const MIGRATIONS: &str = "/api/openstack-migrations/";

/// Answers an `/api/` request.
pub fn handle(world: &mut World, styles: &dyn Fn(&str) -> WireStyle, request: &Request) -> Response {
    let path = request.path.as_str();
    let known = path == MIGRATIONS || LOOKUPS.contains(&path) || detail_segment(path).is_some();
    if !known {
        let with_slash = format!("{path}/");
        if !path.ends_with('/')
            && (with_slash == MIGRATIONS
                || LOOKUPS.contains(&with_slash.as_str())
                || detail_segment(&with_slash).is_some())
        {
            let mut location = with_slash;
            if !request.query.is_empty() {
                location = format!("{location}?{}", crate::http::encode_query(&request.query));
            }
            return Response::empty(301).with_header("Location", location);
        }
        return html_404();
    }
    let user = match authenticate(world, request) {
        Ok(user) => user,
        Err(response) => return response,
    };
    let style = styles(&user.token);
    let now = OffsetDateTime::now_utc();
    world.settle(now);
    if path == MIGRATIONS {
        return match request.method.as_str() {
            "GET" | "HEAD" => list_migrations(world, &user, request, now, style),
            "POST" => create_migration(world, &user, request, now, style),
            "OPTIONS" => metadata("Openstack Migration List", COLLECTION_METHODS),
            _ => method_not_allowed(request, COLLECTION_METHODS),
        };
    }
    if let Some(segment) = detail_segment(path) {
        return match request.method.as_str() {
            "GET" | "HEAD" | "PUT" | "PATCH" | "DELETE" => detail(world, &user, request, segment, now, style),
            "OPTIONS" => metadata("Openstack Migration Instance", DETAIL_METHODS),
            _ => method_not_allowed(request, DETAIL_METHODS),
        };
    }
    match request.method.as_str() {
        "GET" | "HEAD" => crate::lookups::list(world, &user, request),
        "OPTIONS" => metadata("List", LOOKUP_METHODS),
        _ => method_not_allowed(request, LOOKUP_METHODS),
    }
}

/// The `<uuid>` of `/api/openstack-migrations/<uuid>/` (any text without `/`).
fn detail_segment(path: &str) -> Option<&str> {
    let rest = path.strip_prefix(MIGRATIONS)?.strip_suffix('/')?;
    (!rest.is_empty() && !rest.contains('/') && !rest.contains('.')).then_some(rest)
}

fn visible<'a>(world: &'a World, user: &'a User) -> impl Iterator<Item = (usize, &'a Migration)> + 'a {
    world.migrations.iter().enumerate().filter(move |(_, m)| World::can_see(user, m))
}

fn list_migrations(world: &World, user: &User, request: &Request, now: OffsetDateTime, style: WireStyle) -> Response {
    let mut errors = Errors::default();
    let mut filter = |name: &str| -> Option<Uuid> {
        let value = request.param(name).map(str::trim).filter(|text| !text.is_empty())?;
        errors.take(name, drf::parse_uuid(value).ok_or_else(|| json!([texts::INVALID_FILTER_UUID])))
    };
    let src = filter("src_resource_uuid");
    let dst = filter("dst_resource_uuid");
    if !errors.is_empty() {
        return Response::json(400, &errors.into_value());
    }
    let matching: Vec<&Migration> = visible(world, user)
        .map(|(_, m)| m)
        .filter(|m| src.is_none_or(|src| world.tenants[m.src].uuid == src))
        .filter(|m| dst.is_none_or(|dst| m.dst_resource_uuid == dst))
        .collect();
    let paged = match paginate(matching.len(), request) {
        Ok(paged) => paged,
        Err(response) => return response,
    };
    let items: Vec<Value> =
        matching[paged.start..paged.end].iter().map(|m| render_migration(world, m, now, style)).collect();
    let mut response = Response::json(200, &Value::Array(items));
    response.headers.extend(paged.headers);
    response
}

/// Reads a JSON object body, or the DRF error for a malformed one.
fn json_object(request: &Request) -> Result<Map<String, Value>, Response> {
    let content_type = request.header("content-type").unwrap_or("").to_ascii_lowercase();
    if request.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    if content_type.is_empty() {
        // Without a content type DRF parses nothing: the body counts as empty.
        return Ok(Map::new());
    }
    if !content_type.starts_with("application/json") {
        let media = content_type.split(';').next().unwrap_or("").trim().to_owned();
        return Err(Response::detail(415, &format!("Unsupported media type \"{media}\" in request.")));
    }
    if let Some(message) = json_parse_error(&request.body) {
        return Err(Response::detail(400, &message));
    }
    match serde_json::from_slice::<Value>(&request.body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(Response::json(
            400,
            &json!({"non_field_errors": [texts::expected_dictionary(drf::python_type(&other))]}),
        )),
        Err(error) => Err(Response::detail(400, &format!("JSON parse error - {error}"))),
    }
}

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

fn create_migration(
    world: &mut World,
    user: &User,
    request: &Request,
    now: OffsetDateTime,
    style: WireStyle,
) -> Response {
    let body = match json_object(request) {
        Ok(body) => body,
        Err(response) => return response,
    };
    let mut errors = Errors::default();
    let name = errors.take("name", char_field(body.get("name"), false, false));
    let description = errors.take("description", char_field(body.get("description"), false, false));
    let mappings = match body.get("mappings") {
        None => None,
        Some(value) => errors.take("mappings", mappings_field(value)),
    };
    let src = errors.take(
        "src_resource",
        related(body.get("src_resource"), |id| world.tenants.iter().position(|t| t.uuid == id && t.visible_to(user))),
    );
    let offering = errors.take(
        "dst_offering",
        related(body.get("dst_offering"), |id| {
            world.offerings.iter().position(|o| o.uuid == id && o.offering_type == "OpenStack.Tenant")
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
    // Object-level checks, first failure only, in the server's order.
    let non_field = |text: &str| Response::json(400, &json!({"non_field_errors": [text]}));
    if plan_offering != offering {
        return Response::json(400, &json!({"dst_plan": [texts::PLAN_NOT_OF_OFFERING]}));
    }
    let plan_record = &world.offerings[offering].plans[plan];
    if plan_record.archived || plan_record.limit.is_some_and(|limit| plan_record.used >= limit) {
        return Response::json(400, &json!({"plan": [texts::PLAN_LIMIT_REACHED]}));
    }
    let tenant = &world.tenants[src];
    if !user.is_staff && world.projects[tenant.project].restricted {
        return non_field(texts::NO_PERMISSION);
    }
    if mappings.as_ref().is_some_and(|m| m.sync_instance_ports && m.has_subnets) {
        return non_field(texts::SYNC_PORTS_WITH_SUBNETS);
    }
    if tenant.limits.is_none() {
        return non_field(texts::SOURCE_WITHOUT_LIMITS);
    }
    // Two server bugs, reproduced: `description` and unknown volume types end in a 500 page.
    let unknown_volume_type = mappings.as_ref().is_some_and(|m| {
        m.volume_types.iter().any(|(a, b)| {
            !world.volume_types.iter().any(|v| v.uuid == *a) || !world.volume_types.iter().any(|v| v.uuid == *b)
        })
    });
    if description.flatten().is_some() || unknown_volume_type {
        return Response::new(500, "text/html; charset=utf-8", HTML_500);
    }
    let name = name.flatten().unwrap_or_else(|| tenant.name.clone());
    let fails = tenant.fails;
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
    let body = render_migration(world, &migration, now, style);
    // Kept in `created` order: a new one is never older than the rest.
    world.by_uuid.insert(uuid, world.migrations.len());
    world.migrations.push(migration);
    Response::json(201, &body)
}

fn detail(
    world: &mut World,
    user: &User,
    request: &Request,
    segment: &str,
    now: OffsetDateTime,
    style: WireStyle,
) -> Response {
    let not_found = || Response::detail(404, texts::NOT_FOUND);
    let Some(uuid) = drf::parse_uuid(segment) else { return not_found() };
    let Some(&index) = world.by_uuid.get(&uuid) else { return not_found() };
    if !world.migrations.get(index).is_some_and(|m| World::can_see(user, m)) {
        return not_found();
    }
    match request.method.as_str() {
        "DELETE" => {
            world.migrations.remove(index);
            world.reindex();
            Response::empty(204)
        }
        "PUT" | "PATCH" => {
            let body = match json_object(request) {
                Ok(body) => body,
                Err(response) => return response,
            };
            let partial = request.method == "PATCH";
            let mut errors = Errors::default();
            let mappings = match body.get("mappings") {
                None if partial => None,
                None => {
                    errors.take::<()>("mappings", Err(json!([texts::REQUIRED])));
                    None
                }
                Some(value) => errors.take("mappings", mappings_field(value)),
            };
            let message = errors.take("error_message", char_field(body.get("error_message"), false, true));
            let traceback = errors.take("error_traceback", char_field(body.get("error_traceback"), false, true));
            if !errors.is_empty() {
                return Response::json(400, &errors.into_value());
            }
            let Some(migration) = world.migrations.get_mut(index) else { return not_found() };
            if let Some(mappings) = mappings {
                migration.mappings = mappings.stored;
            }
            if let Some(Some(text)) = message {
                migration.error_message = text;
            }
            if let Some(Some(text)) = traceback {
                migration.error_traceback = text;
            }
            migration.modified = now;
            if let Progress::Settled { modified, .. } = &mut migration.progress {
                *modified = now;
            }
            let migration = migration.clone();
            Response::json(200, &render_migration(world, &migration, now, style))
        }
        _ => match world.migrations.get(index) {
            Some(migration) => Response::json(200, &render_migration(world, migration, now, style)),
            None => not_found(),
        },
    }
}
