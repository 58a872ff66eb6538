//! The connect screen: API URL (this page's origin by default) and token, checked with a count
//! request before anything else is shown. When that fails it says why: this page's own policy,
//! the server's CORS, an unreachable server, or a refused token. It warns before a token goes
//! over plain HTTP to another host. Remembered in this tab only when asked.

use crate::prelude::*;

use super::policy::{allows_connect, probe_reachable};
use crate::components::hooks::use_submit;
use crate::components::{checkbox, error_summary, use_i18n, I18n};
use crate::connection::{authorization_of, normalize_api_url, origin_of, sends_in_clear, Connection};
use crate::endpoints::ListQuery;
use crate::view::dom::{document, dynamic, h, live, target_value, window, Node, View};
use crate::view::{effect, Callback, RwSignal, Signal};
use crate::Error;

/// Where a remembered connection is kept in the tab's session storage.
const API_URL_KEY: &str = "waldur-migrations.api_url";
const AUTHORIZATION_KEY: &str = "waldur-migrations.authorization";

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// The connection remembered in this tab, if the user asked for it.
pub fn remembered_connection() -> Option<Connection> {
    let storage = session_storage()?;
    let item = |key| storage.get_item(key).ok().flatten();
    Some(Connection { api_url: item(API_URL_KEY)?, authorization: item(AUTHORIZATION_KEY)? })
}

/// Forgets the remembered connection.
pub fn forget_connection() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(API_URL_KEY);
        let _ = storage.remove_item(AUTHORIZATION_KEY);
    }
}

fn remember(connection: &Connection) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(API_URL_KEY, &connection.api_url);
        let _ = storage.set_item(AUTHORIZATION_KEY, &connection.authorization);
    }
}

/// True when this page's own policy forbids fetching from `url`'s origin.
fn blocked_by_policy(url: &str) -> bool {
    let page_origin = window().location().origin().unwrap_or_default();
    origin_of(url).is_some_and(|origin| origin != page_origin && !allows_connect(&origin))
}

fn policy_refusal(i18n: I18n, origin: &str) -> String {
    i18n.fill(
        "This page's security policy does not allow connecting to {origin}. Serve the page from the same origin as Waldur, or build it with that origin in connect-src (see the README).",
        &[("origin", origin)],
    )
}

/// Why connecting failed, in words a person can act on.
async fn explain(i18n: I18n, error: &Error, url: &str) -> String {
    let page_origin = window().location().origin().unwrap_or_default();
    let api_origin = origin_of(url).unwrap_or_else(|| page_origin.clone());
    match error {
        Error::Http(http) if http.status == 401 => i18n.text("The server did not accept this token."),
        // Nothing at that path, or something that is not an API (a web page answering 200).
        _ if error.status() == Some(404) || matches!(error, Error::Decode(_)) => {
            i18n.fill("{url} does not look like a Waldur server (no /api/openstack-migrations/ there).", &[("url", url)])
        }
        Error::Network(_) if blocked_by_policy(url) => policy_refusal(i18n, &api_origin),
        Error::Network(_) if api_origin != page_origin && probe_reachable(url).await => i18n.fill(
            "{url} answered, but does not allow requests from this page ({origin}). Its CORS settings must allow this origin and expose the Link and X-Result-Count headers.",
            &[("url", url), ("origin", &page_origin)],
        ),
        Error::Network(_) => {
            i18n.fill("Cannot reach {url}. Check the address and that the server is running.", &[("url", url)])
        }
        Error::Timeout(_) => i18n.fill("{url} did not answer in time.", &[("url", url)]),
        other => i18n.fill("Could not connect: {reason}", &[("reason", &error_summary(i18n, other))]),
    }
}

/// Asks for the server and the token.
pub fn connect_screen(on_connect: Callback<Connection>) -> View {
    let i18n = use_i18n();
    let origin = window().location().origin().unwrap_or_default();
    let api_url = RwSignal::new(origin);
    let token = RwSignal::new(String::new());
    let keep = RwSignal::new(false);
    let clear_ok = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let check = use_submit::<Connection>();
    effect(move || document().set_title(&i18n.text("Connect · Waldur")));
    effect(move || {
        if let Some(Ok(connection)) = check.result.get() {
            if keep.get_untracked() {
                remember(&connection);
            }
            on_connect.run(connection);
        }
    });
    let in_clear = Signal::derive(move || sends_in_clear(&normalize_api_url(&api_url.get())));
    let submit = move |event: web_sys::Event| {
        event.prevent_default();
        let url = normalize_api_url(&api_url.get_untracked());
        if url.is_empty() || token.with_untracked(|t| t.trim().is_empty()) {
            problem.set(Some(i18n.text("Both the API URL and the token are needed.")));
            return;
        }
        if in_clear.get_untracked() && !clear_ok.get_untracked() {
            problem.set(Some(
                i18n.text("Confirm that the token may be sent over plain HTTP, or use an https:// address."),
            ));
            return;
        }
        // The browser would refuse it: say so without sending anything.
        if blocked_by_policy(&url) {
            problem.set(Some(policy_refusal(i18n, &origin_of(&url).unwrap_or_default())));
            return;
        }
        problem.set(None);
        let connection = Connection { api_url: url.clone(), authorization: authorization_of(&token.get_untracked()) };
        check.run(async move {
            // One item: works whether or not the server lets this page read its paging headers.
            let probe = ListQuery { page_size: Some(1), ..Default::default() };
            let result = connection.client().list(probe).timeout_ms(15_000).await;
            match result {
                Ok(_) => Ok(connection),
                Err(error) => {
                    problem.try_set(Some(explain(i18n, &error, &url).await));
                    Err(error)
                }
            }
        });
    };
    let field = |id: &'static str, label: &'static str, input: Node, hint: &'static str| {
        h("div")
            .class("wm-field")
            .child(h("label").class("wm-label").attr("for", id).child(i18n.tr(label)))
            .child(input.id(id))
            .child(h("p").class("wm-hint").child(i18n.tr(hint)))
    };
    let warning = dynamic(move || {
        if !in_clear.get() {
            return View::empty();
        }
        h("div")
            .class("wm-notice")
            .attr("role", "alert")
            .child(h("p").child(live(move || {
                i18n.fill(
                    "{url} uses plain HTTP: anyone on the network between here and there can read the token.",
                    &[("url", &normalize_api_url(&api_url.get()))],
                )
            })))
            .child(checkbox(i18n, "Send the token over plain HTTP anyway", clear_ok))
            .into_view()
    });
    h("div")
        .class("wm-screen wm-connect")
        .child(h("h1").attr("tabindex", "-1").class("wm-screen-title").child(i18n.tr("Connect to Waldur")))
        .child(
            h("form")
                .class("wm-form")
                .attr("novalidate", "")
                .on("submit", submit)
                .child(dynamic(move || match problem.get() {
                    Some(text) => {
                        h("div").class("wm-banner").attr("role", "alert").child(h("p").child(text)).into_view()
                    }
                    None => View::empty(),
                }))
                .child(field(
                    "wm-api-url",
                    "API URL",
                    h("input")
                        .class("wm-input")
                        .attr("type", "url")
                        .attr("autocomplete", "url")
                        .attr("spellcheck", "false")
                        .value(api_url.into())
                        .on("input", move |e| api_url.set(target_value(&e))),
                    "The Waldur server, for example https://waldur.example.com",
                ))
                .child(warning)
                .child(field(
                    "wm-token",
                    "Token",
                    h("input")
                        .class("wm-input wm-mono")
                        .attr("type", "password")
                        .attr("autocomplete", "off")
                        .attr("spellcheck", "false")
                        .on("input", move |e| token.set(target_value(&e))),
                    "Your API token (user menu → Credentials → API token), or \"Bearer …\".",
                ))
                .child(checkbox(i18n, "Remember in this tab", keep))
                .child(h("p").class("wm-hint").child(
                    i18n.tr("Kept in this tab's session storage until you disconnect or close the tab; never on disk."),
                ))
                .child(
                    h("div").class("wm-form-actions").child(
                        h("button")
                            .attr("type", "submit")
                            .class("wm-button wm-button--primary")
                            .flag("disabled", check.pending.into())
                            .child(live(move || {
                                i18n.text(if check.pending.get() { "Connecting…" } else { "Connect" })
                            })),
                    ),
                ),
        )
        .into_view()
}
