//! The migration list, newest first: filters by source and destination resource (pickers fed by
//! the lookups), a pager that always names the page shown, a page-size choice, a loading
//! skeleton, an empty state, an error state with retry, live updates while any visible row is
//! scheduled or running, and "Created by" for staff.

use crate::prelude::*;

mod load;

use super::context::{staff_hint, ClientHandle};
use super::fields::{error_summary, retry_banner};
use super::hooks::{use_loader, use_refresh};
use super::i18n::use_i18n;
use super::lookups::search_resources;
use super::picker::picker_node;
use super::table::{migration_table, skeleton, TableOptions};
use crate::endpoints::MAX_PAGE_SIZE;
use crate::model::wire::{parse_uuid, uuid_to_hex};
use crate::model::{MigrationDetails, SourceResource};
use crate::view::dom::{dynamic, h, live, maybe, target_value, View};
use crate::view::{effect, effect_with, Callback, Memo, RwSignal, Signal, StoredValue};
use load::{load, Request, Shown};

/// What the list's body shows.
#[derive(Clone, Default, PartialEq)]
enum Body {
    #[default]
    Loading,
    Failed(String),
    /// No migrations (true: with filters set).
    Empty(bool),
    Table,
}

/// Page sizes offered.
pub const PAGE_SIZES: [u32; 5] = [10, 25, 50, 100, 300];

/// The list's filters, as reported to `on_filters`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListFilters {
    /// Source resource uuid (32-hex), if filtered.
    pub src_resource: Option<String>,
    /// Destination resource uuid (32-hex), if filtered.
    pub dst_resource: Option<String>,
    /// Items per page.
    pub page_size: u32,
}

/// A resource known only by uuid (from an attribute or a deep link), shown by its uuid until
/// the user picks another.
fn resource_stub(uuid: &str) -> Option<SourceResource> {
    let id = parse_uuid(uuid)?;
    Some(SourceResource {
        uuid: id,
        name: uuid_to_hex(&id),
        resource_uuid: None,
        offering_name: String::new(),
        project_name: String::new(),
        customer_name: String::new(),
        customer_uuid: None,
        state: String::new(),
        limits: Default::default(),
    })
}

/// What a [`migration_list`] starts with and tells its host.
pub struct ListOptions {
    /// Initial source resource filter (a marketplace resource uuid).
    pub src_resource: Option<String>,
    /// Initial destination resource filter.
    pub dst_resource: Option<String>,
    /// Initial page size (10, 25, 50, 100 or 300).
    pub page_size: u32,
    /// Called when a row is opened (click or Enter).
    pub on_select: Option<Callback<MigrationDetails>>,
    /// Called when the filters or the page size change.
    pub on_filters: Option<Callback<ListFilters>>,
    /// Interval of live updates while a visible migration is in progress.
    pub refresh_ms: u64,
    /// Bumped by the host to reload (after a create or delete elsewhere).
    pub reload: Option<Signal<u64>>,
}

impl Default for ListOptions {
    fn default() -> Self {
        ListOptions {
            src_resource: None,
            dst_resource: None,
            page_size: 10,
            on_select: None,
            on_filters: None,
            refresh_ms: 3000,
            reload: None,
        }
    }
}

/// Migrations of the current client, newest first, a page at a time.
pub fn migration_list(options: ListOptions) -> View {
    let ListOptions { src_resource, dst_resource, page_size, on_select, on_filters, refresh_ms, reload } = options;
    let i18n = use_i18n();
    let client = ClientHandle::capture();
    let search = move |text, signal| search_resources(client, text, signal);
    let src = RwSignal::new(src_resource.as_deref().and_then(resource_stub));
    let dst = RwSignal::new(dst_resource.as_deref().and_then(resource_stub));
    let size = RwSignal::new(page_size.clamp(1, MAX_PAGE_SIZE));
    let page = RwSignal::new(1u32);
    let paused = RwSignal::new(false);
    let now = RwSignal::new(js_sys::Date::now() as i64);
    // The total of the last load with these filters, so paging needs no extra request.
    let known_total = StoredValue::new(None::<u64>);

    // A new filter or page size starts again at page 1 and tells the host.
    effect_with(move |previous: Option<()>| {
        let filters = (src.with(|s| s.as_ref().map(|r| r.uuid)), dst.with(|d| d.as_ref().map(|r| r.uuid)), size.get());
        if previous.is_some() {
            page.set(1);
            known_total.set_value(None);
            if let Some(callback) = on_filters {
                callback.run(ListFilters {
                    src_resource: filters.0.as_ref().map(uuid_to_hex),
                    dst_resource: filters.1.as_ref().map(uuid_to_hex),
                    page_size: filters.2,
                });
            }
        }
    });

    let data = use_loader(
        move || {
            if let Some(reload) = reload {
                reload.track();
            }
            Request {
                src: src.with(|s| s.as_ref().map(|r| uuid_to_hex(&r.uuid))),
                dst: dst.with(|d| d.as_ref().map(|r| uuid_to_hex(&r.uuid))),
                page: page.get(),
                size: size.get(),
            }
        },
        move |request, signal| async move { load(client.get()?, request, known_total.get_value(), signal).await },
    );
    // What is shown changes only when an answer arrives: the rows and the pager together.
    let shown = RwSignal::new(None::<Shown>);
    effect(move || {
        if let Some(Ok(answer)) = data.value.get() {
            now.set(js_sys::Date::now() as i64);
            known_total.set_value(answer.total);
            shown.set(Some(answer));
        }
    });
    let staff = {
        let hint = staff_hint();
        let me = use_loader(
            move || (),
            move |(), signal| async move {
                match hint {
                    Some(staff) => Ok(staff),
                    None => Ok(client.get()?.me().signal(signal).await.is_ok_and(|me| me.is_staff || me.is_support)),
                }
            },
        );
        Signal::derive(move || me.value.with(|v| matches!(v, Some(Ok(true)))))
    };
    let rows: Signal<Vec<MigrationDetails>> =
        Memo::new(move |_| shown.with(|s| s.as_ref().map(|s| s.items.clone()).unwrap_or_default())).into();
    let in_progress = Memo::new(move |_| rows.with(|rows| rows.iter().any(|m| m.state.is_in_progress())));
    use_refresh(
        Signal::derive(move || !data.loading.get() && in_progress.get() && !paused.get()),
        refresh_ms,
        move || data.reload(),
    );
    let busy: Signal<bool> = Memo::new(move |_| data.loading.get() && shown.with(Option::is_some)).into();
    let shown_page = move || shown.with(|s| s.as_ref().map_or(1, |s| s.page));
    let has_prev = move || shown_page() > 1;
    let has_next = move || shown.with(|s| s.as_ref().is_some_and(|s| s.has_next));
    let last = move || shown.with(|s| s.as_ref().and_then(|s| s.pages));
    let go = move |target: u32| page.set(target.max(1));

    let size_select = h("select")
        .id("wm-page-size")
        .class("wm-input")
        .on("change", move |event| {
            if let Some(value) = crate::json::parse_u32(&target_value(&event)) {
                size.set(value);
            }
        })
        .children(PAGE_SIZES.map(|option| {
            let text = crate::json::u64_text(u64::from(option));
            h("option")
                .attr("value", text.clone())
                .flag("selected", Signal::derive(move || size.get() == option))
                .child(text)
                .into_view()
        }));
    let toolbar = h("div")
        .class("wm-toolbar")
        .child(h("div").class("wm-filter").child(picker_node(
            "wm-filter-src",
            "Source resource",
            "Any source",
            src,
            search,
            Signal::stored(false),
            None,
        )))
        .child(h("div").class("wm-filter").child(picker_node(
            "wm-filter-dst",
            "Destination resource",
            "Any destination",
            dst,
            search,
            Signal::stored(false),
            None,
        )))
        .child(
            h("div")
                .class("wm-filter wm-filter--narrow")
                .child(h("label").class("wm-label").attr("for", "wm-page-size").child(i18n.tr("Page size")))
                .child(size_select),
        );
    let status = h("div")
        .class("wm-status")
        .attr("aria-live", "polite")
        .child(live(move || {
            shown
                .with(|s| s.as_ref().and_then(|s| s.total))
                .map_or(String::new(), |count| i18n.plural("{count} migration", "{count} migrations", count))
        }))
        .child(dynamic(move || {
            if !in_progress.get() {
                return View::empty();
            }
            h("span")
                .class("wm-live")
                .child(live(move || {
                    i18n.text(if paused.get() { " · live updates paused" } else { " · updating live" })
                }))
                .child(
                    h("button")
                        .attr("type", "button")
                        .class("wm-link-button")
                        .on("click", move |_| paused.update(|p| *p = !*p))
                        .child(live(move || {
                            i18n.text(if paused.get() { "Resume live updates" } else { "Pause live updates" })
                        })),
                )
                .into_view()
        }))
        .child(dynamic(move || {
            if busy.get() {
                h("span").class("wm-note").child(i18n.tr(" · loading…")).into_view()
            } else {
                View::empty()
            }
        }));
    let paging_unknown = Memo::new(move |_| shown.with(|s| s.as_ref().is_some_and(|s| s.paging_unknown)));
    let unknown_paging = dynamic(move || {
        if paging_unknown.get() {
            h("p")
                .class("wm-notice")
                .attr("role", "note")
                .child(i18n.tr(
                    "The server does not let this page read how many migrations there are (it does not expose the Link and X-Result-Count headers), so they are shown oldest first, without a page count.",
                ))
                .into_view()
        } else {
            View::empty()
        }
    });
    // The body is rebuilt only when what it is changes (the table updates its rows itself).
    let phase = Memo::new(move |_| {
        let failed = data.value.with(|v| match v {
            Some(Err(error)) => Some(error_summary(i18n, error)),
            _ => None,
        });
        match failed {
            Some(summary) => Body::Failed(summary),
            None if shown.with(Option::is_none) => Body::Loading,
            None if rows.with(Vec::is_empty) => Body::Empty(src.with(Option::is_some) || dst.with(Option::is_some)),
            None => Body::Table,
        }
    });
    let body = dynamic(move || match phase.get() {
        Body::Failed(summary) => {
            let text = live(move || i18n.fill("Could not load the migrations. {reason}", &[("reason", &summary)]));
            retry_banner(i18n, text, move || data.reload())
        }
        Body::Loading => skeleton(5),
        Body::Empty(filtered) => h("div")
            .class("wm-empty")
            .child(h("p").class("wm-empty-title").child(i18n.tr("No migrations")))
            .child(h("p").class("wm-note").child(i18n.tr(if filtered {
                "Nothing matches these filters."
            } else {
                "Migrations you create appear here."
            })))
            .into_view(),
        Body::Table => migration_table(TableOptions { rows, now: now.into(), on_select, staff, busy }),
    });
    let button = |label: &'static str, enabled: Signal<bool>, target: fn(u32, Option<u32>) -> u32| {
        h("button")
            .attr("type", "button")
            .class("wm-button wm-button--small")
            .flag("disabled", Signal::derive(move || !enabled.get()))
            .on("click", move |_| go(target(shown_page(), last())))
            .child(i18n.tr(label))
    };
    let pager = h("nav")
        .class("wm-pager")
        .attr("aria-label", i18n.tr("Pages"))
        .child(button("First", Signal::derive(has_prev), |_, _| 1))
        .child(button("Previous", Signal::derive(has_prev), |page, _| page.saturating_sub(1)))
        .child(h("span").class("wm-page-of").attr("aria-current", "page").child(live(move || {
            let page = crate::json::u64_text(u64::from(shown_page()));
            match last() {
                Some(pages) => i18n.fill(
                    "Page {page} of {pages}",
                    &[("page", &page), ("pages", &crate::json::u64_text(u64::from(pages)))],
                ),
                None => i18n.fill("Page {page}", &[("page", &page)]),
            }
        })))
        .child(button("Next", Signal::derive(has_next), |page, _| page + 1))
        .child(button("Last", Signal::derive(move || has_next() && last().is_some()), |page, last| {
            last.unwrap_or(page)
        }));
    h("section")
        .class("wm-root wm-list")
        .attr("aria-label", i18n.tr("Migrations"))
        .attr("aria-busy", maybe(move || data.loading.get().then(|| "true".to_owned())))
        .child(toolbar)
        .child(status)
        .child(unknown_paging)
        .child(body)
        .child(pager)
        .into_view()
}
