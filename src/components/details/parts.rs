//! The read-only parts of the details view: the heading with the state, every field, and the
//! error with its traceback.

use crate::prelude::*;

use crate::components::badge::{resource_badge, state_badge};
use crate::components::context::resource_link;
use crate::components::i18n::I18n;
use crate::components::table::name;
use crate::model::wire::uuid_to_hex;
use crate::model::{MigrationDetails, MigrationState, ResourceState};
use crate::view::dom::{dynamic, h, live, Node, View};
use crate::view::{Memo, RwSignal, Signal};

/// The heading: source and destination, the state, and whether it updates live.
pub(super) fn header(i18n: I18n, current: RwSignal<Option<MigrationDetails>>, in_progress: Signal<bool>) -> Node {
    let state = Signal::derive(move || {
        current.with(|m| m.as_ref().map(|m| m.state.clone())).unwrap_or(MigrationState::Unknown(String::new()))
    });
    h("header")
        .class("wm-details-header")
        .child(h("h2").class("wm-details-title").child(live(move || {
            current
                .with(|m| {
                    m.as_ref().map(|m| {
                        i18n.fill(
                            "{source} → {offering}",
                            &[("source", &m.src_resource_name), ("offering", &m.dst_offering_name)],
                        )
                    })
                })
                .unwrap_or_default()
        })))
        .child(h("div").class("wm-details-states").child(state_badge(state)).child(dynamic(move || {
            if in_progress.get() {
                h("span").class("wm-note").attr("role", "status").child(i18n.tr("Updating live")).into_view()
            } else {
                View::empty()
            }
        })))
}

/// Every field of the migration; the states and the modification time follow `current`.
pub(super) fn fields(i18n: I18n, first: &MigrationDetails, current: RwSignal<Option<MigrationDetails>>) -> Node {
    let state = Signal::derive(move || {
        current.with(|m| m.as_ref().map(|m| m.state.clone())).unwrap_or(MigrationState::Unknown(String::new()))
    });
    let dst_state = Signal::derive(move || {
        current
            .with(|m| m.as_ref().map(|m| m.dst_resource_state.clone()))
            .unwrap_or(ResourceState::Unknown(String::new()))
    });
    let row = |term: &'static str, value: Node| [h("dt").child(i18n.tr(term)).into_view(), value.into_view()];
    let with_uuid = |text: &str, id: &crate::Uuid| {
        h("dd").child(name(i18n, text, "wm-name")).child(h("span").class("wm-sub wm-mono").child(uuid_to_hex(id)))
    };
    let destination = {
        let uuid = uuid_to_hex(&first.dst_resource_uuid);
        let text = name(i18n, &first.dst_resource_name, "wm-name");
        let text = match resource_link(&uuid) {
            Some(href) => h("a").class("wm-link").attr("href", href).child(text),
            None => text,
        };
        h("dd").child(text).child(h("span").class("wm-sub wm-mono").child(uuid))
    };
    let created = first.created;
    let modified = Signal::derive(move || current.with(|m| m.as_ref().map(|m| m.modified)));
    let mut rows = Vec::new();
    rows.extend(row("State", h("dd").child(state_badge(state))));
    rows.extend(row("Destination resource state", h("dd").child(resource_badge(dst_state))));
    rows.extend(row("Source resource", with_uuid(&first.src_resource_name, &first.src_resource_uuid)));
    rows.extend(row("Source offering", h("dd").child(name(i18n, &first.src_offering_name, "wm-name"))));
    rows.extend(row("Destination resource", destination));
    rows.extend(row("Destination offering", h("dd").child(name(i18n, &first.dst_offering_name, "wm-name"))));
    rows.extend(row(
        "Created",
        h("dd").child(h("time").attr("datetime", crate::intl::iso(&created)).child(live(move || {
            i18n.fill(
                "{relative} ({date})",
                &[("relative", &i18n.relative(&created, js_sys::Date::now() as i64)), ("date", &i18n.date(&created))],
            )
        }))),
    ));
    rows.extend(row(
        "Modified",
        h("dd").child(
            h("time")
                .attr("datetime", live(move || modified.get().map(|t| crate::intl::iso(&t)).unwrap_or_default()))
                .child(live(move || modified.get().map(|t| i18n.date(&t)).unwrap_or_default())),
        ),
    ));
    rows.extend(row("Created by", h("dd").child(name(i18n, &first.created_by_full_name, "wm-name"))));
    rows.extend(row("UUID", h("dd").class("wm-mono").child(uuid_to_hex(&first.uuid))));
    h("dl").class("wm-details-grid").children(rows)
}

/// The error of an ERRED migration (HomePort's words when the server gave none) and its
/// traceback.
pub(super) fn error_box(i18n: I18n, current: RwSignal<Option<MigrationDetails>>) -> View {
    // Rebuilt only when the error changes (a live update keeps an opened traceback open).
    let error = Memo::new(move |_| {
        current.with(|m| {
            m.as_ref().map(|m| (m.state == MigrationState::Erred, m.error_message.clone(), m.error_traceback.clone()))
        })
    });
    dynamic(move || {
        let Some((erred, message, traceback)) = error.get() else {
            return View::empty();
        };
        if !erred && message.is_empty() && traceback.is_empty() {
            return View::empty();
        }
        let message =
            if message.trim().is_empty() { i18n.text("Reason unknown, please contact support.") } else { message };
        let mut section = h("section")
            .class("wm-error-box")
            .attr("aria-label", i18n.tr("Error"))
            .child(h("h3").class("wm-subheading").child(i18n.tr("Error")))
            .child(h("p").class("wm-error-message").child(h("bdi").child(message)));
        if !traceback.is_empty() {
            section = section.child(
                h("details")
                    .class("wm-traceback")
                    .child(h("summary").child(i18n.tr("Traceback")))
                    .child(h("pre").attr("tabindex", "0").attr("aria-label", i18n.tr("Traceback")).child(traceback)),
            );
        }
        section.into_view()
    })
}
