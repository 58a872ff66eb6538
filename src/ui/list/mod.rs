//! The migration list: filters by source and destination resource (pickers fed by the
//! lookups), a pager driven by the total and the `Link` header, a page-size choice, a loading
//! skeleton, an empty state, an error state with retry, and live updates while any visible row
//! is scheduled or running.

use super::context::ClientHandle;
use super::fields::error_summary;
use super::loader::use_loader;
use super::picker::Picker;
use super::table::{MigrationTable, SkeletonRows};
use crate::endpoints::ListQuery;
use crate::model::{MigrationDetails, SourceResource};
use crate::page::Page;
use crate::LookupQuery;
use leptos::prelude::*;
use std::time::Duration;

/// Page sizes offered.
pub const PAGE_SIZES: [u32; 5] = [10, 25, 50, 100, 300];

/// Source resources (OpenStack tenants) whose name contains `text`, for the pickers.
pub(crate) async fn search_resources(
    client: ClientHandle,
    text: String,
    signal: crate::AbortSignal,
) -> Result<Vec<SourceResource>, crate::Error> {
    let name = Some(text).filter(|t| !t.is_empty());
    client
        .get()?
        .source_resources(LookupQuery { name, page_size: Some(20), ..Default::default() })
        .signal(signal)
        .await
        .map(|page| page.items)
}

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
    let id = crate::model::wire::parse_uuid(uuid)?;
    Some(SourceResource {
        uuid: id,
        name: id.simple().to_string(),
        resource_uuid: None,
        offering_name: String::new(),
        project_name: String::new(),
        customer_name: String::new(),
        state: String::new(),
        limits: Default::default(),
    })
}

/// Migrations of the current client, a page at a time.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::*, MigrationDetails};
/// view! {
///     <MigrationList
///         page_size=25
///         on_select=Callback::new(|m: MigrationDetails| leptos::logging::log!("{}", m.uuid))
///     />
/// };
/// ```
#[component]
pub fn MigrationList(
    /// Initial source resource filter (a marketplace resource uuid).
    #[prop(optional, into)]
    src_resource: Option<String>,
    /// Initial destination resource filter.
    #[prop(optional, into)]
    dst_resource: Option<String>,
    /// Initial page size (10, 25, 50, 100 or 300).
    #[prop(default = 10)]
    page_size: u32,
    /// Called when a row is opened (click or Enter).
    #[prop(optional, into)]
    on_select: Option<Callback<MigrationDetails>>,
    /// Called when the filters or the page size change.
    #[prop(optional, into)]
    on_filters: Option<Callback<ListFilters>>,
    /// Interval of live updates while a visible migration is in progress.
    #[prop(default = 3000)]
    refresh_ms: u64,
    /// Bumped by the host to reload (after a create or delete elsewhere).
    #[prop(optional, into)]
    reload: Option<Signal<u64>>,
) -> impl IntoView {
    let client = ClientHandle::capture();
    let search = move |text, signal| search_resources(client, text, signal);
    let src = RwSignal::new(src_resource.as_deref().and_then(resource_stub));
    let dst = RwSignal::new(dst_resource.as_deref().and_then(resource_stub));
    let size = RwSignal::new(page_size.clamp(1, crate::endpoints::MAX_PAGE_SIZE));
    let page = RwSignal::new(1u32);
    let paused = RwSignal::new(false);
    let now = RwSignal::new(js_sys::Date::now() as i64);

    // A new filter or page size starts again at page 1 and tells the host.
    Effect::new(move |previous: Option<()>| {
        let filters = (src.with(|s| s.as_ref().map(|r| r.uuid)), dst.with(|d| d.as_ref().map(|r| r.uuid)), size.get());
        if previous.is_some() {
            page.set(1);
            if let Some(callback) = on_filters {
                let hex = |id: Option<crate::Uuid>| id.map(|id| id.simple().to_string());
                callback.run(ListFilters {
                    src_resource: hex(filters.0),
                    dst_resource: hex(filters.1),
                    page_size: filters.2,
                });
            }
        }
    });

    let query = move || ListQuery {
        src_resource_uuid: src.with(|s| s.as_ref().map(|r| r.uuid.simple().to_string())),
        dst_resource_uuid: dst.with(|d| d.as_ref().map(|r| r.uuid.simple().to_string())),
        page: Some(page.get()),
        page_size: Some(size.get()),
    };
    let data = use_loader(
        move || {
            if let Some(reload) = reload {
                reload.track();
            }
            query()
        },
        move |query, signal| async move { client.get()?.list(query).signal(signal).await },
    );
    let last_page = RwSignal::new(None::<Page<MigrationDetails>>);
    Effect::new(move |_| {
        if let Some(Ok(page)) = data.value.get() {
            now.set(js_sys::Date::now() as i64);
            last_page.set(Some(page));
        }
    });
    let rows = Signal::derive(move || last_page.with(|p| p.as_ref().map(|p| p.items.clone()).unwrap_or_default()));
    let in_progress = Memo::new(move |_| rows.with(|rows| rows.iter().any(|m| m.state.is_in_progress())));

    // Live updates: reload after each answer while something visible is running.
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    Effect::new(move |_| {
        let waiting = !data.loading.get() && in_progress.get() && !paused.get();
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        if waiting {
            let handle = set_timeout_with_handle(move || data.reload(), Duration::from_millis(refresh_ms)).ok();
            timer.set_value(handle);
        }
    });
    on_cleanup(move || {
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    });

    let total = move || last_page.with(|p| p.as_ref().and_then(|p| p.total));
    let page_count = move || last_page.with(|p| p.as_ref().and_then(Page::page_count)).unwrap_or(1);
    let has_prev = move || last_page.with(|p| p.as_ref().and_then(Page::prev_page).is_some());
    let has_next = move || last_page.with(|p| p.as_ref().and_then(Page::next_page).is_some());
    let go = move |target: u32| page.set(target.clamp(1, page_count()));

    view! {
        <section class="wm-root wm-list" aria-label="Migrations">
            <div class="wm-toolbar">
                <div class="wm-filter">
                    <Picker id="wm-filter-src" label="Source resource" selected=src search=search placeholder="Any source" />
                </div>
                <div class="wm-filter">
                    <Picker id="wm-filter-dst" label="Destination resource" selected=dst search=search placeholder="Any destination" />
                </div>
                <div class="wm-filter wm-filter--narrow">
                    <label class="wm-label" for="wm-page-size">"Page size"</label>
                    <select
                        id="wm-page-size"
                        class="wm-input"
                        on:change=move |event| {
                            if let Ok(value) = event_target_value(&event).parse::<u32>() {
                                size.set(value);
                            }
                        }
                    >
                        {PAGE_SIZES.map(|option| view! {
                            <option value=option.to_string() selected=move || size.get() == option>{option}</option>
                        })}
                    </select>
                </div>
            </div>
            <div class="wm-status" aria-live="polite">
                {move || total().map(|count| format!("{count} migration{}", if count == 1 { "" } else { "s" }))}
                <Show when=move || in_progress.get()>
                    <span class="wm-live">
                        {move || if paused.get() { " · live updates paused" } else { " · updating live" }}
                    </span>
                    <button
                        type="button"
                        class="wm-link-button"
                        on:click=move |_| paused.update(|p| *p = !*p)
                    >
                        {move || if paused.get() { "Resume live updates" } else { "Pause live updates" }}
                    </button>
                </Show>
                <Show when=move || data.loading.get() && last_page.with(Option::is_some)>
                    <span class="wm-note">" · loading…"</span>
                </Show>
            </div>
            {move || match (data.value.get(), last_page.with(Option::is_some)) {
                (Some(Err(error)), _) => view! {
                    <div class="wm-banner" role="alert">
                        <p>{format!("Could not load the migrations. {}", error_summary(&error))}</p>
                        <button type="button" class="wm-button" on:click=move |_| data.reload()>"Retry"</button>
                    </div>
                }.into_any(),
                (_, false) => view! { <SkeletonRows count=5 /> }.into_any(),
                _ if rows.with(Vec::is_empty) => view! {
                    <div class="wm-empty">
                        <p class="wm-empty-title">"No migrations"</p>
                        <p class="wm-note">{move || if src.with(Option::is_some) || dst.with(Option::is_some) {
                            "Nothing matches these filters."
                        } else {
                            "Migrations you create appear here."
                        }}</p>
                    </div>
                }.into_any(),
                _ => view! { <MigrationTable rows=rows now=now on_select=on_select /> }.into_any(),
            }}
            <nav class="wm-pager" aria-label="Pages">
                <button type="button" class="wm-button wm-button--small" disabled=move || !has_prev() on:click=move |_| go(1)>"First"</button>
                <button type="button" class="wm-button wm-button--small" disabled=move || !has_prev() on:click=move |_| go(page.get_untracked().saturating_sub(1))>"Previous"</button>
                <span class="wm-page-of" aria-current="page">{move || format!("Page {} of {}", page.get(), page_count())}</span>
                <button type="button" class="wm-button wm-button--small" disabled=move || !has_next() on:click=move |_| go(page.get_untracked() + 1)>"Next"</button>
                <button type="button" class="wm-button wm-button--small" disabled=move || !has_next() on:click=move |_| go(page_count())>"Last"</button>
            </nav>
        </section>
    }
}
