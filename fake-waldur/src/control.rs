//! `/__fake/`: how tests steer the server over HTTP. Served only with `--control`; JSON bodies
//! only (415 otherwise); bounded per call and in total; never hands out the staff token.
//!
//! - `POST /__fake/users` `{"items": N, "staff": false, "full_name": "...", "edge_names": false}`
//!   -> 201 `{"token", "uuid", "username", "full_name", "is_staff"}`: a fresh user owning N new
//!   migrations (with `edge_names`, named as real data can be: very long, bidi, emoji, empty).
//! - `POST /__fake/faults` (see [`crate::faults::Fault`]) -> 201; `GET` lists them;
//!   `DELETE /__fake/faults?token=KEY` clears those of a token (all without `token`).
//! - `POST /__fake/wire` `{"token", "legacy_states", "null_mappings", "z_dates",
//!   "omit_error_fields", "short_create"}` -> 200: imitate an older server for that token.
//! - `GET /__fake/health` -> 200 once serving; `GET /__fake/info` -> the API and the demo token.

use crate::app::App;
use crate::faults::Fault;
use crate::http::{Request, Response};
use crate::wire::{hex, WireStyle};
use crate::world::{hex_token, next_uuid, User};
use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;

/// Most migrations one call may add.
pub const MAX_ITEMS_PER_USER: usize = 5_000;
/// Most users the control endpoint may add in all.
pub const MAX_USERS: usize = 2_000;
/// Most migrations the world may hold.
pub const MAX_MIGRATIONS: usize = 250_000;
/// Most faults pending at once.
pub const MAX_FAULTS: usize = 1_000;

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct NewUser {
    items: usize,
    staff: bool,
    full_name: Option<String>,
    edge_names: bool,
}

#[derive(Deserialize)]
struct WireRequest {
    token: String,
    #[serde(flatten)]
    style: WireStyle,
}

fn bad_request(error: impl std::fmt::Display) -> Response {
    Response::detail(400, &format!("{error}"))
}

fn body<T: for<'de> Deserialize<'de> + Default>(request: &Request) -> Result<T, Response> {
    if request.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(&request.body).map_err(bad_request)
}

/// Answers a `/__fake/` request (the app checked that control is on).
pub fn handle(app: &App, request: &Request) -> Response {
    let has_body = !request.body.is_empty();
    let json = request.header("content-type").is_some_and(|t| t.to_ascii_lowercase().starts_with("application/json"));
    if has_body && !json {
        return Response::detail(415, "Control requests take application/json.");
    }
    match (request.method.as_str(), request.path.trim_end_matches('/')) {
        ("GET", "/__fake/health") => {
            let count = app.world().migrations.len();
            Response::json(200, &json!({"ok": true, "migrations": count}))
        }
        ("GET", "/__fake/info") => Response::json(
            200,
            &json!({
                "api": format!("{}/api/", request.origin()),
                "token": app.config.token,
                "items": app.config.items,
                "step_ms": app.config.step_ms,
            }),
        ),
        ("POST", "/__fake/users") => new_user(app, request),
        ("POST", "/__fake/faults") => match serde_json::from_slice::<Fault>(&request.body) {
            Ok(_) if app.faults().pending().len() >= MAX_FAULTS => bad_request("too many pending faults"),
            Ok(fault) => {
                app.faults().add(fault);
                Response::json(201, &json!({"pending": app.faults().pending().len()}))
            }
            Err(error) => bad_request(error),
        },
        ("GET", "/__fake/faults") => Response::json(200, &json!(app.faults().pending())),
        ("DELETE", "/__fake/faults") => {
            app.faults().clear(request.param("token"));
            Response::empty(204)
        }
        ("POST", "/__fake/wire") => match serde_json::from_slice::<WireRequest>(&request.body) {
            Ok(wire) => {
                app.styles().insert(wire.token, wire.style);
                Response::json(200, &json!(wire.style))
            }
            Err(error) => bad_request(error),
        },
        _ => Response::detail(404, "Not found."),
    }
}

fn new_user(app: &App, request: &Request) -> Response {
    let spec: NewUser = match body(request) {
        Ok(spec) => spec,
        Err(response) => return response,
    };
    if spec.items > MAX_ITEMS_PER_USER {
        return bad_request(format!("items: at most {MAX_ITEMS_PER_USER}"));
    }
    let mut world = app.world();
    if world.users.len() >= MAX_USERS + 3 {
        return bad_request(format!("at most {MAX_USERS} users"));
    }
    if world.migrations.len() + spec.items > MAX_MIGRATIONS {
        return bad_request(format!("at most {MAX_MIGRATIONS} migrations in all"));
    }
    let uuid = next_uuid(&mut world.rng);
    let token = {
        let rng = &mut world.rng;
        hex_token(&mut || next_uuid(rng))
    };
    let number = world.users.len();
    let full_name = match (spec.full_name, spec.edge_names) {
        (Some(name), _) => name,
        (None, true) => "\u{202e}Test User \u{1F680} ٱلمستخدم".to_owned(),
        (None, false) => format!("Test User {number}"),
    };
    let user = User { uuid, token: token.clone(), username: format!("user{number}"), full_name, is_staff: spec.staff };
    world.users.push(user.clone());
    if spec.edge_names {
        world.seed_edge_migrations(uuid, spec.items, OffsetDateTime::now_utc());
    } else {
        world.seed_migrations(uuid, spec.items, OffsetDateTime::now_utc());
    }
    world.migrations.sort_by_key(|m| m.created);
    world.reindex();
    Response::json(
        201,
        &json!({
            "token": token,
            "uuid": hex(&uuid),
            "username": user.username,
            "full_name": user.full_name,
            "is_staff": user.is_staff,
        }),
    )
}
