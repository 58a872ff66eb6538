//! Stored mappings as read-only tables.

use crate::prelude::*;

use crate::components::i18n::{use_i18n, I18n};
use crate::model::wire::uuid_to_hex;
use crate::model::{Mapping, Uuid};
use crate::view::dom::{dynamic, h, Node, View};
use crate::view::Signal;

fn table(i18n: I18n, caption: &'static str, heads: [&'static str; 2], rows: Vec<[String; 2]>, mono: bool) -> Node {
    let cell_class = if mono { "wm-mono" } else { "" };
    h("table")
        .class("wm-table wm-table--compact")
        .child(h("caption").class("wm-visually-hidden").child(i18n.tr(caption)))
        .child(
            h("thead").child(
                h("tr").children(heads.map(|head| h("th").attr("scope", "col").child(i18n.tr(head)).into_view())),
            ),
        )
        .child(h("tbody").children(rows.into_iter().map(|[src, dst]| {
            h("tr")
                .child(h("td").class(cell_class).child(h("bdi").child(src)))
                .child(h("td").class(cell_class).child(h("bdi").child(dst)))
                .into_view()
        })))
}

/// Stored mappings as tables; volume types by name where `names` (32-hex uuid, name) knows them.
pub fn mappings_tables(mapping: Signal<Mapping>, names: Signal<Vec<(String, String)>>) -> View {
    let i18n = use_i18n();
    let name_of = move |id: &Uuid| {
        let hex = uuid_to_hex(id);
        names.with(|names| names.iter().find(|(id, _)| *id == hex).map(|(_, name)| name.clone())).unwrap_or(hex)
    };
    let yes_no = move |flag: bool| i18n.text(if flag { "Yes" } else { "No" });
    h("div")
        .class("wm-mappings")
        .child(h("h3").class("wm-subheading").child(i18n.tr("Volume types")))
        .child(dynamic(move || {
            let rows: Vec<[String; 2]> = mapping.with(|m| {
                m.volume_types.iter().map(|p| [name_of(&p.src_type_uuid), name_of(&p.dst_type_uuid)]).collect()
            });
            if rows.is_empty() {
                return h("p").class("wm-note").child(i18n.tr("No volume type mappings.")).into_view();
            }
            table(i18n, "Volume type mappings", ["Source volume type", "Destination volume type"], rows, false)
                .into_view()
        }))
        .child(h("h3").class("wm-subheading").child(i18n.tr("Subnets")))
        .child(dynamic(move || {
            let rows: Vec<[String; 2]> =
                mapping.with(|m| m.subnets.iter().map(|p| [p.src_cidr.clone(), p.dst_cidr.clone()]).collect());
            if rows.is_empty() {
                return h("p").class("wm-note").child(i18n.tr("No subnet mappings.")).into_view();
            }
            table(i18n, "Subnet mappings", ["Source CIDR", "Destination CIDR"], rows, true).into_view()
        }))
        .child(
            h("dl")
                .class("wm-flags")
                .child(h("dt").child(i18n.tr("Skip connection to external network")))
                .child(h("dd").child(Signal::derive(move || yes_no(mapping.with(|m| m.skip_connection_extnet)))))
                .child(h("dt").child(i18n.tr("Copy ports connected to instances")))
                .child(h("dd").child(Signal::derive(move || yes_no(mapping.with(|m| m.sync_instance_ports))))),
        )
        .into_view()
}
