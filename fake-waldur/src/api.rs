//! The `/api/` endpoints: authentication, the migrations collection and detail, and the lookups.

use crate::drf::{self, char_field, json_parse_error, mappings_field, Errors};
use crate::http::{html_404, Request, Response};
use crate::paging::paginate;
use crate::texts;
use crate::wire::{hex, render_migration, WireStyle};
use crate::world::{Migration, Progress, User, World};
use serde_json::{json, Map, Value};
use time::OffsetDateTime;
use uuid::Uuid;

/// What an authentication header says, read as Waldur's authentication classes read it: the
/// API token (`Token <key>`), then OIDC (`Bearer <jwt>`); any other scheme is no credentials.
enum Auth {
    Anonymous,
    Invalid(&'static str),
    Key(String),
    Bearer(String),
}

/// The one token after a keyword, with DRF's and Waldur's texts for a missing or split one.
fn one_token(words: &[&str]) -> Result<String, &'static str> {
    match words {
        [] => Err(texts::TOKEN_MISSING),
        [token] => Ok((*token).to_owned()),
        _ => Err(texts::TOKEN_WITH_SPACES),
    }
}

/// Three dot-separated base64url parts: what `jwt.decode` gets past before anything else.
fn looks_like_jwt(token: &str) -> bool {
    let parts: Vec<&str> = token.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
}

fn read_auth(request: &Request) -> Auth {
    let Some(header) = request.header("authorization") else { return Auth::Anonymous };
    let words: Vec<&str> = header.split_whitespace().collect();
    let Some((scheme, rest)) = words.split_first() else { return Auth::Anonymous };
    if scheme.eq_ignore_ascii_case("token") {
        return one_token(rest).map_or_else(Auth::Invalid, Auth::Key);
    }
    if scheme.eq_ignore_ascii_case("bearer") {
        return match one_token(rest) {
            Err(text) => Auth::Invalid(text),
            Ok(token) if !looks_like_jwt(&token) => Auth::Invalid(texts::INVALID_JWT),
            Ok(token) => Auth::Bearer(token),
        };
    }
    Auth::Anonymous
}

/// The credential of a request, for scoping faults and wire styles.
pub fn token_of(request: &Request) -> Option<String> {
    match read_auth(request) {
        Auth::Key(key) | Auth::Bearer(key) => Some(key),
        _ => None,
    }
}

fn unauthorized(text: &str) -> Response {
    Response::detail(401, text).with_header("WWW-Authenticate", "Token")
}

fn authenticate(world: &World, bearer: Option<&str>, request: &Request) -> Result<User, Response> {
    match read_auth(request) {
        Auth::Anonymous => Err(unauthorized(texts::NO_CREDENTIALS)),
        Auth::Invalid(text) => Err(unauthorized(text)),
        Auth::Key(key) => world.user_by_token(&key).cloned().ok_or_else(|| unauthorized(texts::INVALID_TOKEN)),
        // The normal user's OIDC token; the introspection endpoint calls others inactive.
        Auth::Bearer(token) if Some(token.as_str()) == bearer => {
            world.users.first().cloned().ok_or_else(|| unauthorized(texts::BEARER_INACTIVE))
        }
        Auth::Bearer(_) => Err(unauthorized(texts::BEARER_INACTIVE)),
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
const ME: &str = "/api/users/me/";

/// Answers an `/api/` request (`bearer`: the OIDC token the server accepts, if any).
pub fn handle(
    world: &mut World,
    styles: &dyn Fn(&str) -> WireStyle,
    bearer: Option<&str>,
    request: &Request,
) -> Response {
    let path = request.path.as_str();
    let known = path == MIGRATIONS || path == ME || LOOKUPS.contains(&path) || detail_segment(path).is_some();
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
    let user = match authenticate(world, bearer, request) {
        Ok(user) => user,
        Err(response) => return response,
    };
    if path == ME {
        return match request.method.as_str() {
            "GET" | "HEAD" => Response::json(
                200,
                &json!({
                    "uuid": hex(&user.uuid),
                    "username": user.username,
                    "full_name": user.full_name,
                    "is_staff": user.is_staff,
                    "is_support": false,
                }),
            ),
            _ => method_not_allowed(request, LOOKUP_METHODS),
        };
    }
    let style = styles(&user.token);
    let now = OffsetDateTime::now_utc();
    world.settle(now);
    if path == MIGRATIONS {
        return match request.method.as_str() {
            "GET" | "HEAD" => list_migrations(world, &user, request, now, style),
            "POST" => crate::create::create(world, &user, request, now, style),
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
pub(crate) fn json_object(request: &Request) -> Result<Map<String, Value>, Response> {
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
                Some(value) => {
                    let network_exists = |id: Uuid| world.networks.iter().any(|n| n.uuid == id);
                    errors.take("mappings", mappings_field(value, &network_exists))
                }
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
