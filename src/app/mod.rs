//! The standalone page: a connect screen, then the list (`/`), a migration (`/migrations/<uuid>`)
//! and the create form (`/migrations/new`), with the browser's back and forward. It speaks the
//! browser's language where a catalog exists (`i18n/<locale>.json` next to the page).
//!
//! The token goes only into the `Authorization` header. It is kept in `sessionStorage` (this
//! tab only) when the user ticks "Remember in this tab"; never in `localStorage`, the URL, the
//! DOM or a log.

use crate::prelude::*;

mod connect;
mod policy;
mod router;

use crate::components::{
    migration_create_form, migration_details, migration_list, migrations_provider, use_i18n, CreateOptions,
    DetailsOptions, I18n, ListFilters, ListOptions, ProviderOptions,
};
use crate::connection::Connection;
use crate::http::{HttpResponse, Method};
use crate::i18n::Catalog;
use crate::transport::{FetchTransport, Transport, TransportRequest};
use crate::view::dom::{document, dynamic, h, live, mount_to, window, Node, View};
use crate::view::tasks::spawn;
use crate::view::{provide_context, Callback, RwSignal, Signal};
use connect::{connect_screen, forget_connection, remembered_connection};
use router::{navigate, use_route, Route};

/// Mounts the page on `<body>`; the module's start function (unless the elements are in the
/// same build, which start themselves).
#[cfg_attr(not(feature = "elements"), wasm_bindgen::prelude::wasm_bindgen(start))]
pub fn start() {
    if let Some(body) = document().body() {
        // The page lives as long as the tab.
        core::mem::forget(mount_to(&body, app));
    }
}

/// Where the page's files are (the folder of its script, `data-wm-js`, as Trunk wrote it).
fn base_url() -> String {
    let script = document().query_selector("script[data-wm-js]").ok().flatten();
    let js = script.and_then(|s| s.get_attribute("data-wm-js")).unwrap_or_else(|| "/".to_owned());
    // Up to the last `/`, found byte by byte (`rsplit_once` brings a reverse searcher).
    match js.bytes().rposition(|b| b == b'/').and_then(|at| js.get(..=at)) {
        Some(folder) => folder.to_owned(),
        None => "/".to_owned(),
    }
}

/// The catalog for `locale` shipped next to the page (`i18n/de-AT.json`, else `i18n/de.json`,
/// as listed in [`crate::i18n::SHIPPED`]), or none.
async fn catalog_for(locale: &str) -> Option<Catalog> {
    let language = locale.split('-').next().unwrap_or("");
    let tag = [locale, language]
        .into_iter()
        .find_map(|tag| crate::i18n::SHIPPED.iter().find(|shipped| shipped.eq_ignore_ascii_case(tag)))?;
    let url = crate::validate::concat(&[&base_url(), "i18n/", tag, ".json"]);
    let request = TransportRequest { method: Method::Get, url, headers: Vec::new(), body: None };
    let response = FetchTransport.send(request).await.ok().filter(HttpResponse::is_success)?;
    response.body.json().ok().map(|json| Catalog::from_json(&json))
}

/// The whole page.
fn app() -> View {
    let locale = crate::intl::canonical_locale(&window().navigator().language().unwrap_or_default());
    let messages = RwSignal::new(Catalog::new());
    {
        let locale = locale.clone();
        spawn(async move {
            if let Some(catalog) = catalog_for(&locale).await {
                messages.try_set(catalog);
            }
        });
    }
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", &locale);
        let _ = root.set_attribute("dir", crate::intl::text_direction(&locale));
    }
    let connection = RwSignal::new(remembered_connection());
    let route = use_route();
    let i18n = I18n::new(Signal::stored(locale.clone()), messages.into());
    provide_context(i18n);
    let disconnect = move |_| {
        forget_connection();
        connection.set(None);
    };
    let header = h("header")
        .class("wm-page-header")
        .child(
            h("a").class("wm-brand").attr("href", "/").on("click", router::follow).child(i18n.tr("Waldur migrations")),
        )
        .child(dynamic(move || match connection.get() {
            Some(c) => h("div")
                .class("wm-connection")
                .child(
                    h("span")
                        .class("wm-note")
                        .child(i18n.tr("Connected to"))
                        .child(" ")
                        .child(h("span").class("wm-mono").child(c.api_url)),
                )
                .child(
                    h("button")
                        .attr("type", "button")
                        .class("wm-button wm-button--small")
                        .on("click", disconnect)
                        .child(i18n.tr("Disconnect")),
                )
                .into_view(),
            None => View::empty(),
        }));
    let main = h("main").id("wm-main").class("wm-page-main").attr("tabindex", "-1").child(dynamic(move || {
        match connection.get() {
            None => connect_screen(Callback::new(move |c: Connection| connection.set(Some(c)))),
            Some(c) => {
                let options = ProviderOptions {
                    client: c.client(),
                    locale: Some(Signal::stored(locale.clone())),
                    messages: Some(messages.into()),
                    resource_href: None,
                    staff: None,
                };
                migrations_provider(options, move || screens(route))
            }
        }
    }));
    h("div")
        .class("wm-root wm-page")
        .child(h("a").class("wm-skip").attr("href", "#wm-main").child(i18n.tr("Skip to content")))
        .child(header)
        .child(main)
        .into_view()
}

fn screen_head(title: &'static str) -> Node {
    let i18n = use_i18n();
    h("h1").attr("tabindex", "-1").class("wm-screen-title").child(i18n.tr(title))
}

fn back_link() -> Node {
    let i18n = use_i18n();
    h("p")
        .class("wm-back")
        .child(h("a").attr("href", "/").on("click", router::follow).child(i18n.tr("← All migrations")))
}

/// The path of a migration's screen.
fn details_path(migration: &crate::MigrationDetails) -> String {
    crate::validate::concat(&["/migrations/", &crate::model::wire::uuid_to_hex(&migration.uuid)])
}

fn screens(route: RwSignal<Route>) -> View {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u64);
    dynamic(move || {
        let current = route.get();
        router::set_title(&current, i18n);
        let screen = h("div").class("wm-screen");
        match current {
            Route::List { src, dst, page_size } => screen
                .child(
                    h("div").class("wm-screen-head").child(screen_head("Migrations")).child(
                        h("button")
                            .attr("type", "button")
                            .class("wm-button wm-button--primary")
                            .on("click", |_| navigate("/migrations/new"))
                            .child(i18n.tr("New migration")),
                    ),
                )
                .child(migration_list(ListOptions {
                    src_resource: src,
                    dst_resource: dst,
                    page_size,
                    reload: Some(reload.into()),
                    on_select: Some(Callback::new(|m: crate::MigrationDetails| navigate(&details_path(&m)))),
                    on_filters: Some(Callback::new(|filters: ListFilters| {
                        router::replace_query(
                            filters.src_resource.as_deref(),
                            filters.dst_resource.as_deref(),
                            filters.page_size,
                        )
                    })),
                    ..Default::default()
                }))
                .into_view(),
            Route::New => screen
                .child(back_link())
                .child(screen_head("New migration"))
                .child(migration_create_form(CreateOptions {
                    on_created: Some(Callback::new(|m: crate::MigrationDetails| navigate(&details_path(&m)))),
                    on_cancel: Some(Callback::new(|()| navigate("/"))),
                }))
                .into_view(),
            Route::Details(uuid) => screen
                .child(back_link())
                .child(screen_head("Migration"))
                .child(migration_details(DetailsOptions {
                    uuid: Signal::stored(uuid),
                    on_deleted: Some(Callback::new(|_| navigate("/"))),
                    ..Default::default()
                }))
                .into_view(),
            Route::NotFound => {
                screen
                    .child(screen_head("Not found"))
                    .child(h("p").child(live(move || i18n.text("There is no such page."))).child(" ").child(
                        h("a").attr("href", "/").on("click", router::follow).child(i18n.tr("See all migrations")),
                    ))
                    .into_view()
            }
        }
    })
}
