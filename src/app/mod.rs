//! The standalone page: a connect screen, then the list (`/`), a migration (`/migrations/<uuid>`)
//! and the create form (`/migrations/new`), with the browser's back and forward. It speaks the
//! browser's language where a catalog exists (`i18n/<locale>.json` next to the page).
//!
//! The token goes only into the `Authorization` header. It is kept in `sessionStorage` (this
//! tab only) when the user ticks "Remember in this tab"; never in `localStorage`, the URL, the
//! DOM or a log.

mod connect;
mod policy;
mod router;

use crate::connection::Connection;
use crate::i18n::Catalog;
use crate::json::Json;
use crate::ui::dom::{dynamic, h, live};
use crate::ui::{
    use_i18n, MigrationCreateForm, MigrationCreateFormProps, MigrationDetailsView, MigrationDetailsViewProps,
    MigrationList, MigrationListProps, MigrationsProvider, MigrationsProviderProps,
};
use connect::{connect_screen, forget_connection, remembered_connection};
use leptos::prelude::*;
use router::{navigate, use_route, Route};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Mounts the page on `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(app);
}

/// Where the page's files are (the folder of its loader script, as Trunk wrote it).
fn base_url() -> String {
    let script = document().query_selector("script[data-wm-js]").ok().flatten();
    let js = script.and_then(|s| s.get_attribute("data-wm-js")).unwrap_or_else(|| "/".to_owned());
    js.rsplit_once('/').map_or_else(|| "/".to_owned(), |(folder, _)| crate::validate::concat(&[folder, "/"]))
}

/// The catalog for `locale` shipped next to the page (`i18n/de-AT.json`, else `i18n/de.json`,
/// as listed in [`crate::i18n::SHIPPED`]), or none.
async fn catalog_for(locale: &str) -> Option<Catalog> {
    let language = locale.split('-').next().unwrap_or("");
    let tag = [locale, language]
        .into_iter()
        .find_map(|tag| crate::i18n::SHIPPED.iter().find(|shipped| shipped.eq_ignore_ascii_case(tag)))?;
    let url = crate::validate::concat(&[&base_url(), "i18n/", tag, ".json"]);
    let response = JsFuture::from(window().fetch_with_str(&url)).await.ok()?.dyn_into::<web_sys::Response>().ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
    Json::parse(&text).ok().map(|json| Catalog::from_json(&json))
}

/// The whole page.
fn app() -> AnyView {
    let locale = crate::ui::canonical_locale(&window().navigator().language().unwrap_or_default());
    let messages = RwSignal::new(Catalog::new());
    {
        let locale = locale.clone();
        crate::ui::hooks::spawn(async move {
            if let Some(catalog) = catalog_for(&locale).await {
                messages.try_set(catalog);
            }
        });
    }
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", &locale);
        let _ = root.set_attribute("dir", crate::ui::text_direction(&locale));
    }
    let connection = RwSignal::new(remembered_connection());
    let route = use_route();
    let i18n = crate::ui::I18n::new(Signal::stored(locale.clone()), messages.into());
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
            None => ().into_any(),
        }));
    let main = h("main").id("wm-main").class("wm-page-main").attr("tabindex", "-1").child(dynamic(move || {
        match connection.get() {
            None => connect_screen(Callback::new(move |c: Connection| connection.set(Some(c)))),
            Some(c) => {
                let locale = locale.clone();
                MigrationsProvider(MigrationsProviderProps {
                    client: c.client(),
                    locale: Some(Signal::stored(locale)),
                    messages: Some(messages.into()),
                    resource_href: None,
                    staff: None,
                    children: Box::new(move || screens(route)),
                })
                .into_any()
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

fn screen_head(title: &'static str) -> crate::ui::dom::Node {
    let i18n = use_i18n();
    h("h1").attr("tabindex", "-1").class("wm-screen-title").child(i18n.tr(title))
}

fn back_link() -> crate::ui::dom::Node {
    let i18n = use_i18n();
    h("p")
        .class("wm-back")
        .child(h("a").attr("href", "/").on("click", router::follow).child(i18n.tr("← All migrations")))
}

fn screens(route: ReadSignal<Route>) -> AnyView {
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
                .child(
                    MigrationList(
                        MigrationListProps::builder()
                            .src_resource(src.unwrap_or_default())
                            .dst_resource(dst.unwrap_or_default())
                            .page_size(page_size)
                            .reload(reload)
                            .on_select(Callback::new(|m: crate::MigrationDetails| {
                                navigate(&crate::validate::concat(&[
                                    "/migrations/",
                                    &crate::model::wire::uuid_to_hex(&m.uuid),
                                ]))
                            }))
                            .on_filters(Callback::new(|filters: crate::ui::ListFilters| {
                                router::replace_query(
                                    filters.src_resource.as_deref(),
                                    filters.dst_resource.as_deref(),
                                    filters.page_size,
                                )
                            }))
                            .build(),
                    )
                    .into_any(),
                )
                .into_view(),
            Route::New => screen
                .child(back_link())
                .child(screen_head("New migration"))
                .child(
                    MigrationCreateForm(
                        MigrationCreateFormProps::builder()
                            .on_created(Callback::new(|m: crate::MigrationDetails| {
                                navigate(&crate::validate::concat(&[
                                    "/migrations/",
                                    &crate::model::wire::uuid_to_hex(&m.uuid),
                                ]))
                            }))
                            .on_cancel(Callback::new(|()| navigate("/")))
                            .build(),
                    )
                    .into_any(),
                )
                .into_view(),
            Route::Details(uuid) => screen
                .child(back_link())
                .child(screen_head("Migration"))
                .child(
                    MigrationDetailsView(
                        MigrationDetailsViewProps::builder()
                            .uuid(uuid)
                            .on_deleted(Callback::new(|_| navigate("/")))
                            .build(),
                    )
                    .into_any(),
                )
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
