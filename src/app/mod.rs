//! The standalone page: a connect screen, then the list (`/`), a migration (`/migrations/<uuid>`)
//! and the create form (`/migrations/new`), with the browser's back and forward.
//!
//! The token goes only into the `Authorization` header. It is kept in `sessionStorage` (this
//! tab only) when the user ticks "Remember in this tab"; never in `localStorage`, the URL, the
//! DOM or a log.

mod connect;
mod router;

use crate::ui::{MigrationCreateForm, MigrationDetailsView, MigrationList, MigrationsProvider};
use crate::Client;
use connect::{forget_connection, remembered_connection, ConnectScreen, Connection};
use leptos::prelude::*;
use router::{navigate, use_route, Route};

/// Mounts the page on `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(App);
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let connection = RwSignal::new(remembered_connection());
    let route = use_route();
    let disconnect = move |_| {
        forget_connection();
        connection.set(None);
    };
    view! {
        <div class="wm-root wm-page">
            <a class="wm-skip" href="#wm-main">"Skip to content"</a>
            <header class="wm-page-header">
                <a class="wm-brand" href="/" on:click=router::follow>"Waldur migrations"</a>
                {move || connection.get().map(|c| view! {
                    <div class="wm-connection">
                        <span class="wm-note">"Connected to "<span class="wm-mono">{c.api_url.clone()}</span></span>
                        <button type="button" class="wm-button wm-button--small" on:click=disconnect>"Disconnect"</button>
                    </div>
                })}
            </header>
            <main id="wm-main" class="wm-page-main" tabindex="-1">
                {move || match connection.get() {
                    None => view! { <ConnectScreen on_connect=Callback::new(move |c: Connection| connection.set(Some(c))) /> }.into_any(),
                    Some(c) => {
                        let client = c.client();
                        view! { <MigrationsProvider client=client><Screens route=route /></MigrationsProvider> }.into_any()
                    }
                }}
            </main>
        </div>
    }
}

#[component]
fn Screens(route: ReadSignal<Route>) -> impl IntoView {
    let reload = RwSignal::new(0u64);
    move || {
        let current = route.get();
        router::set_title(&current);
        match current {
            Route::List { src, dst, page_size } => view! {
                <div class="wm-screen">
                    <div class="wm-screen-head">
                        <h1 tabindex="-1" class="wm-screen-title">"Migrations"</h1>
                        <button type="button" class="wm-button wm-button--primary" on:click=|_| navigate("/migrations/new")>
                            "New migration"
                        </button>
                    </div>
                    <MigrationList
                        src_resource=src.unwrap_or_default()
                        dst_resource=dst.unwrap_or_default()
                        page_size=page_size
                        reload=reload
                        on_select=Callback::new(|m: crate::MigrationDetails| navigate(&format!("/migrations/{}", m.uuid.simple())))
                        on_filters=Callback::new(|filters: crate::ui::ListFilters| {
                            router::replace_query(filters.src_resource.as_deref(), filters.dst_resource.as_deref(), filters.page_size)
                        })
                    />
                </div>
            }.into_any(),
            Route::New => view! {
                <div class="wm-screen">
                    <p class="wm-back"><a href="/" on:click=router::follow>"← All migrations"</a></p>
                    <h1 tabindex="-1" class="wm-screen-title">"New migration"</h1>
                    <MigrationCreateForm
                        on_created=Callback::new(|m: crate::MigrationDetails| navigate(&format!("/migrations/{}", m.uuid.simple())))
                        on_cancel=Callback::new(|()| navigate("/"))
                    />
                </div>
            }.into_any(),
            Route::Details(uuid) => view! {
                <div class="wm-screen">
                    <p class="wm-back"><a href="/" on:click=router::follow>"← All migrations"</a></p>
                    <h1 tabindex="-1" class="wm-screen-title">"Migration"</h1>
                    <MigrationDetailsView uuid=uuid on_deleted=Callback::new(|_| navigate("/")) />
                </div>
            }.into_any(),
            Route::NotFound => view! {
                <div class="wm-screen">
                    <h1 tabindex="-1" class="wm-screen-title">"Not found"</h1>
                    <p>"There is no such page. "<a href="/" on:click=router::follow>"See all migrations"</a>"."</p>
                </div>
            }.into_any(),
        }
    }
}

impl Connection {
    /// A client for this connection.
    pub fn client(&self) -> Client {
        Client::builder(&self.api_url).authorization(&self.authorization).build()
    }
}
