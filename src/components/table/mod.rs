//! The migrations table: a real `<table>` with column headers, one focusable row per migration
//! that opens it on click or Enter. Rows are keyed by uuid and update in place; names are
//! isolated for bidi text and wrap (three lines at most, the full text on hover).

use crate::prelude::*;

use super::badge::{resource_badge, state_badge};
use super::context::resource_link;
use super::i18n::{use_i18n, I18n};
use crate::model::wire::uuid_to_hex;
use crate::model::{MigrationDetails, Uuid};
use crate::view::dom::{dynamic, h, key_of, keyed, live, Node, View};
use crate::view::{effect, Callback, Owner, RwSignal, Signal, StoredValue};

/// The column headers (English; the catalog keys), in order.
pub const COLUMNS: [&str; 7] = [
    "Source resource",
    "Destination resource",
    "Destination offering",
    "Created",
    "State",
    "Destination resource state",
    "Created by",
];

/// How many columns show: "Created by" only for staff.
fn column_count(staff: bool) -> usize {
    if staff {
        COLUMNS.len()
    } else {
        COLUMNS.len() - 1
    }
}

/// A name as data: isolated from the text around it (`<bdi>`), clamped to three lines with the
/// whole of it in `title`, and a placeholder when empty.
pub(crate) fn name(i18n: I18n, text: &str, class: &'static str) -> Node {
    if text.trim().is_empty() {
        return h("span").class("wm-unnamed").child(i18n.tr("Unnamed"));
    }
    h("bdi").class(class).attr("title", text.to_owned()).child(text.to_owned())
}

/// The header row.
pub(crate) fn head(i18n: I18n, staff: bool) -> Node {
    let cells = COLUMNS
        .iter()
        .take(column_count(staff))
        .map(|column| h("th").attr("scope", "col").child(i18n.tr(column)).into_view());
    h("thead").child(h("tr").children(cells))
}

/// What a [`migration_table`] shows.
pub struct TableOptions {
    /// The migrations, in display order.
    pub rows: Signal<Vec<MigrationDetails>>,
    /// Current time in milliseconds, for the relative "Created" column.
    pub now: Signal<i64>,
    /// Called with a migration when its row is clicked or Enter is pressed on it; rows are
    /// focusable only when set.
    pub on_select: Option<Callback<MigrationDetails>>,
    /// Shows who created each migration (what staff see).
    pub staff: Signal<bool>,
    /// True while newer rows are loading: the table is marked busy and shown as stale.
    pub busy: Signal<bool>,
}

/// A table of migrations (presentational: give it rows, it renders them).
pub fn migration_table(options: TableOptions) -> View {
    let TableOptions { rows, now, on_select, staff, busy } = options;
    let i18n = use_i18n();
    // One signal per migration, kept across updates: new data only sets the rows that changed,
    // and a row's cells listen to their own row, not to the whole list.
    // The cells belong to the table (not to the list's effect that makes them), and a row's
    // cell goes with the row.
    let owner = Owner::current();
    let cells: StoredValue<Vec<(Uuid, RwSignal<MigrationDetails>)>> = StoredValue::new(Vec::new());
    let each = move || {
        rows.with(|rows| {
            let (list, gone) = cells
                .try_update_value(|cells| {
                    let mut next = Vec::with_capacity(rows.len());
                    let list: Vec<(Uuid, RwSignal<MigrationDetails>)> = rows
                        .iter()
                        .enumerate()
                        .map(|(at, migration)| {
                            let cell = match take_cell(cells, at, &migration.uuid) {
                                Some(cell) => {
                                    if cell.with_untracked(|old| old != migration) {
                                        cell.set(migration.clone());
                                    }
                                    cell
                                }
                                None => {
                                    let value = migration.clone();
                                    match owner {
                                        Some(owner) => owner.with(|| RwSignal::new(value)),
                                        None => RwSignal::new(value),
                                    }
                                }
                            };
                            next.push((migration.uuid, cell));
                            (migration.uuid, cell)
                        })
                        .collect();
                    (list, core::mem::replace(cells, next))
                })
                .unwrap_or_default();
            for (_, cell) in gone {
                cell.dispose();
            }
            list
        })
    };
    let table = h("table")
        .class(live(move || {
            if busy.get() { "wm-table wm-table--cards wm-table--stale" } else { "wm-table wm-table--cards" }.to_owned()
        }))
        .attr("aria-busy", live(move || if busy.get() { "true" } else { "false" }.to_owned()))
        .child(h("caption").class("wm-visually-hidden").child(i18n.tr("Migrations")))
        .child(dynamic(move || head(i18n, staff.get()).into_view()))
        .child(h("tbody").child(dynamic(move || {
            let staff = staff.get();
            keyed(each, |(uuid, _)| uuid.as_u128(), move |(_, cell)| row(i18n, cell, on_select, now, staff))
        })));
    h("div")
        .class("wm-table-wrap")
        .attr("tabindex", "0")
        .attr("role", "region")
        .attr("aria-label", i18n.tr("Migrations table"))
        .child(table)
        .into_view()
}

/// Takes the cell of `uuid` out of `cells`, looking at `hint` first (the same place, as in
/// most updates).
fn take_cell<T>(cells: &mut Vec<(Uuid, T)>, hint: usize, uuid: &Uuid) -> Option<T> {
    let at = if cells.get(hint).is_some_and(|(id, _)| id == uuid) {
        Some(hint)
    } else {
        cells.iter().position(|(id, _)| id == uuid)
    };
    at.map(|at| cells.swap_remove(at).1)
}

/// One row. What never changes for a migration (names, creation time) is written once; the
/// states and the relative time follow the data, so an update touches only those cells.
fn row(
    i18n: I18n,
    cell: RwSignal<MigrationDetails>,
    on_select: Option<Callback<MigrationDetails>>,
    now: Signal<i64>,
    staff: bool,
) -> Node {
    let first = cell.get_untracked();
    let created = first.created;
    let state = Signal::derive(move || cell.with(|m| m.state.clone()));
    let dst_state = Signal::derive(move || cell.with(|m| m.dst_resource_state.clone()));
    let label = i18n.fill(
        "{source} to {offering}",
        &[("source", &first.src_resource_name), ("offering", &first.dst_offering_name)],
    );
    let destination = {
        let text = name(i18n, &first.dst_resource_name, "wm-name");
        match resource_link(&uuid_to_hex(&first.dst_resource_uuid)) {
            Some(href) => h("a").class("wm-link").attr("href", href).on("click", |e| e.stop_propagation()).child(text),
            None => text,
        }
    };
    let time = h("time").attr("datetime", crate::intl::iso(&created));
    let (moment, moment_text) = (time.element().clone(), crate::view::dom::document().create_text_node(""));
    let time = time.child(crate::view::dom::View::from_node(moment_text.clone().into()));
    // One effect for the date and its relative time (they follow the clock and the language).
    effect(move || {
        let _ = moment.set_attribute("title", &i18n.date(&created));
        moment_text.set_data(&i18n.relative(&created, now.get()));
    });
    let mut cells = vec![
        h("td").child(h("div").child(name(i18n, &first.src_resource_name, "wm-strong wm-name")).child(name(
            i18n,
            &first.src_offering_name,
            "wm-sub wm-name",
        ))),
        h("td").child(destination),
        h("td").child(name(i18n, &first.dst_offering_name, "wm-name")),
        h("td").child(time),
        h("td").child(state_badge(state)),
        h("td").child(resource_badge(dst_state)),
    ];
    if staff {
        cells.push(h("td").child(name(i18n, &first.created_by_full_name, "wm-name")));
    }
    // The column names the card layout shows: one effect for the row, not one per cell.
    let labelled: Vec<web_sys::Element> = cells.iter().map(|cell| cell.element().clone()).collect();
    effect(move || {
        for (cell, column) in labelled.iter().zip(COLUMNS) {
            let _ = cell.set_attribute("data-label", &i18n.text(column));
        }
    });
    let mut tr = h("tr").class("wm-row").attr("aria-label", label).children(cells.into_iter().map(Node::into_view));
    if let Some(callback) = on_select {
        let open = move || callback.run(cell.get_untracked());
        tr = tr.attr("tabindex", "0").on("click", move |_| open()).on("keydown", move |event| {
            if key_of(&event) == "Enter" {
                event.prevent_default();
                open();
            }
        });
    }
    tr
}

/// Placeholder rows shown while the first page loads.
pub(crate) fn skeleton(count: usize) -> View {
    let i18n = use_i18n();
    let rows = (0..count).map(|_| {
        h("tr")
            .children((0..column_count(false)).map(|_| h("td").child(h("span").class("wm-skeleton")).into_view()))
            .into_view()
    });
    h("div")
        .class("wm-table-wrap")
        .attr("aria-busy", "true")
        .child(
            h("table")
                .class("wm-table wm-table--cards wm-table--skeleton")
                .child(h("caption").class("wm-visually-hidden").child(i18n.tr("Loading migrations")))
                .child(head(i18n, false))
                .child(h("tbody").children(rows)),
        )
        .into_view()
}
