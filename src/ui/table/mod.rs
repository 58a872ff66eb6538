//! The migrations table: a real `<table>` with column headers, one focusable row per migration
//! that opens it on click or Enter. Rows are keyed by uuid and update in place.

use super::badge::{ResourceStateBadge, StateBadge};
use crate::display::{exact_time, relative_time};
use crate::model::{MigrationDetails, Uuid};
use leptos::prelude::*;
use std::collections::HashMap;

/// The column headers, in order.
pub const COLUMNS: [&str; 6] =
    ["Source resource", "Destination resource", "Destination offering", "Created", "State", "Destination resource state"];

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
    let index = Memo::new(move |_| {
        rows.with(|rows| rows.iter().enumerate().map(|(at, m)| (m.uuid, at)).collect::<HashMap<Uuid, usize>>())
    });
    let keys = Memo::new(move |_| rows.with(|rows| rows.iter().map(|m| m.uuid).collect::<Vec<_>>()));
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
                    <For each=move || keys.get() key=|uuid| *uuid let(uuid)>
                        {
                            let row = Memo::new(move |_| {
                                index.with(|index| index.get(&uuid).copied())
                                    .and_then(|at| rows.with(|rows| rows.get(at).cloned()))
                            });
                            view! { <Row row=row on_select=on_select now=now /> }
                        }
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Row(row: Memo<Option<MigrationDetails>>, on_select: Option<Callback<MigrationDetails>>, now: Signal<i64>) -> impl IntoView {
    let text = move |get: fn(&MigrationDetails) -> String| move || row.with(|m| m.as_ref().map(get).unwrap_or_default());
    let open = move || {
        if let (Some(callback), Some(migration)) = (on_select, row.get_untracked()) {
            callback.run(migration);
        }
    };
    let state = Signal::derive(move || row.with(|m| m.as_ref().map(|m| m.state.clone())).unwrap_or(crate::MigrationState::Unknown(String::new())));
    let dst_state = Signal::derive(move || row.with(|m| m.as_ref().map(|m| m.dst_resource_state.clone())).unwrap_or(crate::ResourceState::Unknown(String::new())));
    view! {
        <tr
            class="wm-row"
            tabindex=if on_select.is_some() { Some("0") } else { None }
            aria-label=text(|m| format!("{} to {}", m.src_resource_name, m.dst_offering_name))
            on:click=move |_| open()
            on:keydown=move |event| {
                if event.key() == "Enter" {
                    event.prevent_default();
                    open();
                }
            }
        >
            <td data-label="Source resource">
                <div>
                    <span class="wm-strong">{text(|m| m.src_resource_name.clone())}</span>
                    <span class="wm-sub">{text(|m| m.src_offering_name.clone())}</span>
                </div>
            </td>
            <td data-label="Destination resource">{text(|m| m.dst_resource_name.clone())}</td>
            <td data-label="Destination offering">{text(|m| m.dst_offering_name.clone())}</td>
            <td data-label="Created">
                <time
                    datetime=text(|m| m.created.to_rfc3339())
                    title=text(|m| exact_time(&m.created))
                >
                    {move || row.with(|m| m.as_ref().map(|m| relative_time(m.created.unix_millis(), now.get()))).unwrap_or_default()}
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
