//! `/__fake/`: how tests steer the server over HTTP (outside `/api/`, no authentication).
//!
//! - `POST /__fake/users` `{"items": N, "staff": false, "full_name": "..."}` -> 201
//!   `{"token", "uuid", "username", "full_name", "is_staff"}`: a fresh user owning N new
//!   migrations, so each test has its own data and its own fault scope.
//! - `POST /__fake/faults` (see [`crate::faults::Fault`]) -> 201; `GET` lists them;
//!   `DELETE /__fake/faults?token=KEY` clears those of a token (all without `token`).
//! - `POST /__fake/wire` `{"token", "legacy_states", "null_mappings", "z_dates",
//!   "omit_error_fields"}` -> 200: imitate an older server for that token.
//! - `GET /__fake/health` -> 200 once serving; `GET /__fake/info` -> the demo tokens.

use crate::app::App;
use crate::faults::Fault;
use crate::http::{Request, Response};
use crate::wire::{hex, WireStyle};
use crate::world::{hex_token, next_uuid, User};
use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;

#[derive(Default, Deserialize)]
#[serde(default)]
struct NewUser {
    items: usize,
    staff: bool,
    full_name: Option<String>,
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

/// Answers a `/__fake/` request.
pub fn handle(app: &App, request: &Request) -> Response {
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
                "staff_token": app.config.staff_token,
                "items": app.config.items,
                "step_ms": app.config.step_ms,
            }),
        ),
        ("POST", "/__fake/users") => {
            let spec: NewUser = if request.body.is_empty() {
                NewUser::default()
            } else {
                match serde_json::from_slice(&request.body) {
                    Ok(spec) => spec,
                    Err(error) => return bad_request(error),
                }
            };
            if spec.items > 50_000 {
                return bad_request("items: at most 50000");
            }
            let mut world = app.world();
            let uuid = next_uuid(&mut world.rng);
            let token = {
                let rng = &mut world.rng;
                hex_token(&mut || next_uuid(rng))
            };
            let number = world.users.len();
            let user = User {
                uuid,
                token: token.clone(),
                username: format!("user{number}"),
                full_name: spec.full_name.unwrap_or_else(|| format!("Test User {number}")),
                is_staff: spec.staff,
            };
            world.users.push(user.clone());
            world.seed_migrations(uuid, spec.items, OffsetDateTime::now_utc());
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
        ("POST", "/__fake/faults") => match serde_json::from_slice::<Fault>(&request.body) {
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
