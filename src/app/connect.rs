//! The connect screen: API URL (this page's origin by default) and token, checked with a count
//! request before anything else is shown. Remembered in this tab only when asked.

use crate::endpoints::ListQuery;
use crate::{Client, Error};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "waldur-migrations.connection";

/// Where to connect and how to authenticate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    /// Base URL of the Waldur server (without `/api/`).
    pub api_url: String,
    /// The `Authorization` header value (`Token <key>` or `Bearer <token>`).
    pub authorization: String,
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// The connection remembered in this tab, if the user asked for it.
pub fn remembered_connection() -> Option<Connection> {
    let text = session_storage()?.get_item(STORAGE_KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Forgets the remembered connection.
pub fn forget_connection() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

fn remember(connection: &Connection) {
    if let (Some(storage), Ok(text)) = (session_storage(), serde_json::to_string(connection)) {
        let _ = storage.set_item(STORAGE_KEY, &text);
    }
}

/// `https://host/`, `https://host/api`, `https://host/api/` all mean `https://host`.
pub fn normalize_api_url(text: &str) -> String {
    let trimmed = text.trim().trim_end_matches('/');
    trimmed.strip_suffix("/api").unwrap_or(trimmed).to_owned()
}

/// A token as typed: a bare key becomes `Token <key>`; `Token ...` and `Bearer ...` stay.
pub fn authorization_of(token: &str) -> String {
    let token = token.trim();
    let scheme = token.split_whitespace().next().unwrap_or("");
    if token.contains(' ') && (scheme.eq_ignore_ascii_case("token") || scheme.eq_ignore_ascii_case("bearer")) {
        token.to_owned()
    } else {
        format!("Token {token}")
    }
}

fn explain(error: &Error, url: &str) -> String {
    match error {
        Error::Http(http) if http.status == 401 => "The server did not accept this token.".to_owned(),
        Error::Http(http) if http.status == 404 => {
            format!("{url} does not look like a Waldur server (no /api/openstack-migrations/ there).")
        }
        Error::Network(_) => {
            format!("Cannot reach {url}. Check the address, and that the server allows requests from this page.")
        }
        Error::Timeout(_) => format!("{url} did not answer in time."),
        other => format!("Could not connect: {other}"),
    }
}

/// Asks for the server and the token.
#[component]
pub fn ConnectScreen(
    /// Called once the server accepted the token.
    on_connect: Callback<Connection>,
) -> impl IntoView {
    let origin = window().location().origin().unwrap_or_default();
    let api_url = RwSignal::new(origin);
    let token = RwSignal::new(String::new());
    let keep = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let check = Action::new_local(move |connection: &Connection| {
        let connection = connection.clone();
        async move {
            let client = Client::builder(&connection.api_url).authorization(&connection.authorization).build();
            client.count(ListQuery::default()).timeout_ms(15_000).await.map(|_| connection)
        }
    });
    Effect::new(move |_| match check.value().get() {
        Some(Ok(connection)) => {
            if keep.get_untracked() {
                remember(&connection);
            }
            on_connect.run(connection);
        }
        Some(Err(error)) => problem.set(Some(explain(&error, &normalize_api_url(&api_url.get_untracked())))),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if check.pending().get_untracked() {
            return;
        }
        let url = normalize_api_url(&api_url.get_untracked());
        if url.is_empty() || token.with_untracked(|t| t.trim().is_empty()) {
            problem.set(Some("Both the API URL and the token are needed.".to_owned()));
            return;
        }
        problem.set(None);
        check.dispatch_local(Connection { api_url: url, authorization: authorization_of(&token.get_untracked()) });
    };
    view! {
        <div class="wm-screen wm-connect">
            <h1 tabindex="-1" class="wm-screen-title">"Connect to Waldur"</h1>
            <form class="wm-form" on:submit=submit novalidate>
                {move || problem.get().map(|text| view! { <div class="wm-banner" role="alert"><p>{text}</p></div> })}
                <div class="wm-field">
                    <label class="wm-label" for="wm-api-url">"API URL"</label>
                    <input id="wm-api-url" class="wm-input" type="url" autocomplete="url" spellcheck="false"
                        prop:value=move || api_url.get() on:input=move |e| api_url.set(event_target_value(&e)) />
                    <p class="wm-hint">"The Waldur server, for example https://waldur.example.com"</p>
                </div>
                <div class="wm-field">
                    <label class="wm-label" for="wm-token">"Token"</label>
                    <input id="wm-token" class="wm-input wm-mono" type="password" autocomplete="off" spellcheck="false"
                        on:input=move |e| token.set(event_target_value(&e)) />
                    <p class="wm-hint">"Your API token (user menu → Credentials → API token), or \"Bearer …\"."</p>
                </div>
                <label class="wm-check">
                    <input type="checkbox" prop:checked=move || keep.get() on:change=move |e| keep.set(event_target_checked(&e)) />
                    "Remember in this tab"
                </label>
                <p class="wm-hint">"Kept in this tab's session storage until you disconnect or close the tab; never on disk."</p>
                <div class="wm-form-actions">
                    <button type="submit" class="wm-button wm-button--primary" disabled=move || check.pending().get()>
                        {move || if check.pending().get() { "Connecting…" } else { "Connect" }}
                    </button>
                </div>
            </form>
        </div>
    }
}
