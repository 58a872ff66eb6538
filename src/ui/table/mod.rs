//! The migrations table: a real `<table>` with column headers, one focusable row per migration
//! that opens it on click or Enter. Rows are keyed by uuid and update in place.

use super::badge::{ResourceStateBadge, StateBadge};
use crate::display::{exact_time, relative_time};
use crate::model::{MigrationDetails, Uuid};
use leptos::prelude::*;
use std::collections::HashMap;

/// The column headers, in order.
pub const COLUMNS: [&str; 6] = [
    "Source resource",
    "Destination resource",
    "Destination offering",
    "Created",
    "State",
    "Destination resource state",
];

/// A table of migrations (presentational: give it rows, it renders them).
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::ui::MigrationTable;
/// let rows = RwSignal::new(Vec::new());
/// view! { <MigrationTable rows=rows now=Signal::derive(|| js_sys::Date::now() as i64) /> };
/// ```
#[component]
pub fn MigrationTable(
    /// The migrations, in display order.
    #[prop(into)]
    rows: Signal<Vec<MigrationDetails>>,
    /// Current time in milliseconds, for the relative "Created" column.
    #[prop(into)]
    now: Signal<i64>,
    /// Called with a migration when its row is clicked or Enter is pressed on it; rows are
    /// focusable only when set.
    #[prop(into, default = None)]
    on_select: Option<Callback<MigrationDetails>>,
    /// Accessible caption of the table.
    #[prop(default = "Migrations")]
    caption: &'static str,
) -> impl IntoView {
    // One signal per migration, kept across updates: new data only sets the rows that changed,
    // and a row's cells listen to their own row, not to the whole list.
    let cells: StoredValue<HashMap<Uuid, ArcRwSignal<MigrationDetails>>> = StoredValue::new(HashMap::new());
    let keyed = move || {
        rows.with(|rows| {
            cells
                .try_update_value(|cells| {
                    let mut next = HashMap::with_capacity(rows.len());
                    let list: Vec<(Uuid, ArcRwSignal<MigrationDetails>)> = rows
                        .iter()
                        .map(|migration| {
                            let cell = match cells.remove(&migration.uuid) {
                                Some(cell) => {
                                    if cell.with_untracked(|old| old != migration) {
                                        cell.set(migration.clone());
                                    }
                                    cell
                                }
                                None => ArcRwSignal::new(migration.clone()),
                            };
                            next.insert(migration.uuid, cell.clone());
                            (migration.uuid, cell)
                        })
                        .collect();
                    *cells = next;
                    list
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="wm-table-wrap" tabindex="0" role="region" aria-label=format!("{caption} table")>
            <table class="wm-table wm-table--cards">
                <caption class="wm-visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        {COLUMNS.map(|name| view! { <th scope="col">{name}</th> })}
                    </tr>
                </thead>
                <tbody>
                    <For each=keyed key=|(uuid, _)| *uuid let((_, cell))>
                        <Row cell=cell on_select=on_select now=now />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// One row. What never changes for a migration (names, creation time) is written once; the
/// states and the relative time follow the data, so an update touches only those cells.
#[component]
fn Row(
    cell: ArcRwSignal<MigrationDetails>,
    on_select: Option<Callback<MigrationDetails>>,
    now: Signal<i64>,
) -> impl IntoView {
    let initial = cell.get_untracked();
    let created = initial.created;
    let state = {
        let cell = cell.clone();
        Signal::derive(move || cell.with(|m| m.state.clone()))
    };
    let dst_state = {
        let cell = cell.clone();
        Signal::derive(move || cell.with(|m| m.dst_resource_state.clone()))
    };
    let open = move || {
        if let Some(callback) = on_select {
            callback.run(cell.get_untracked());
        }
    };
    let open_by_key = open.clone();
    let label = format!("{} to {}", initial.src_resource_name, initial.dst_offering_name);
    view! {
        <tr
            class="wm-row"
            tabindex=on_select.map(|_| "0")
            aria-label=label
            on:click=move |_| open()
            on:keydown=move |event| {
                if event.key() == "Enter" {
                    event.prevent_default();
                    open_by_key();
                }
            }
        >
            <td data-label="Source resource">
                <div>
                    <span class="wm-strong">{initial.src_resource_name}</span>
                    <span class="wm-sub">{initial.src_offering_name}</span>
                </div>
            </td>
            <td data-label="Destination resource">{initial.dst_resource_name}</td>
            <td data-label="Destination offering">{initial.dst_offering_name}</td>
            <td data-label="Created">
                <time datetime=created.to_rfc3339() title=exact_time(&created)>
                    {move || relative_time(created.unix_millis(), now.get())}
                </time>
            </td>
            <td data-label="State"><StateBadge state=state /></td>
            <td data-label="Destination resource state"><ResourceStateBadge state=dst_state /></td>
        </tr>
    }
}

/// Placeholder rows shown while the first page loads.
#[component]
pub fn SkeletonRows(
    /// How many rows.
    count: usize,
) -> impl IntoView {
    view! {
        <div class="wm-table-wrap" aria-busy="true">
            <table class="wm-table wm-table--cards wm-table--skeleton">
                <caption class="wm-visually-hidden">"Loading migrations"</caption>
                <thead><tr>{COLUMNS.map(|name| view! { <th scope="col">{name}</th> })}</tr></thead>
                <tbody>
                    {(0..count).map(|_| view! {
                        <tr>{COLUMNS.map(|_| view! { <td><span class="wm-skeleton"></span></td> })}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
