//! The mappings editor, shared by the create form and the details view: volume type pairs and
//! subnet CIDR pairs (one row component for both), networks, and the two flags.

use crate::prelude::*;

use super::state::{MappingsState, PairRow};
use crate::components::fields::{checkbox, error_lines, field_messages, message_id};
use crate::components::i18n::{use_i18n, I18n};
use crate::error::FieldErrors;
use crate::model::wire::{normalize_uuid_input, uuid_to_hex};
use crate::model::{Network, Subnet, VolumeType};
use crate::validate::{check_subnet_cidr, concat};
use crate::view::dom::{dynamic, fragment, h, keyed, live, maybe, target_checked, target_value, Node, View};
use crate::view::{Memo, RwSignal, Signal};

/// The two kinds of pairs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pairs {
    VolumeTypes,
    Subnets,
}

impl Pairs {
    fn list(self) -> &'static str {
        match self {
            Pairs::VolumeTypes => "volume_types",
            Pairs::Subnets => "subnets",
        }
    }
    fn field(self, src: bool) -> &'static str {
        match (self, src) {
            (Pairs::VolumeTypes, true) => "src_type_uuid",
            (Pairs::VolumeTypes, false) => "dst_type_uuid",
            (Pairs::Subnets, true) => "src_cidr",
            (Pairs::Subnets, false) => "dst_cidr",
        }
    }
    fn label(self, src: bool) -> &'static str {
        match (self, src) {
            (Pairs::VolumeTypes, true) => "Source volume type {number}",
            (Pairs::VolumeTypes, false) => "Destination volume type {number}",
            (Pairs::Subnets, true) => "Source CIDR {number}",
            (Pairs::Subnets, false) => "Destination CIDR {number}",
        }
    }
    fn group(self) -> &'static str {
        match self {
            Pairs::VolumeTypes => "Volume type pair {number}",
            Pairs::Subnets => "Subnet pair {number}",
        }
    }
    fn remove(self) -> &'static str {
        match self {
            Pairs::VolumeTypes => "Remove volume type pair {number}",
            Pairs::Subnets => "Remove subnet pair {number}",
        }
    }
}

/// What a pair row needs from the editor.
#[derive(Clone, Copy)]
struct Context {
    i18n: I18n,
    state: MappingsState,
    errors: Signal<FieldErrors>,
    clear: RwSignal<FieldErrors>,
    id_prefix: &'static str,
    src_types: Signal<Vec<VolumeType>>,
    dst_types: Signal<Vec<VolumeType>>,
}

/// What a [`mappings_editor`] edits and offers.
pub struct EditorOptions {
    /// What is being edited.
    pub state: MappingsState,
    /// Messages by path (`mappings.subnets[0].dst_cidr`) from validation or the server; a
    /// field's messages are cleared when it is edited.
    pub errors: RwSignal<FieldErrors>,
    /// Prefix of element ids, unique on the page.
    pub id_prefix: &'static str,
    /// Volume types offered on the source side (all known ones when empty).
    pub src_volume_types: Signal<Vec<VolumeType>>,
    /// Volume types offered on the destination side (all known ones when empty).
    pub dst_volume_types: Signal<Vec<VolumeType>>,
    /// Subnets of the source tenant, suggested for the source CIDRs.
    pub subnets: Signal<Vec<Subnet>>,
    /// Networks of the source tenant; the Networks choice is shown when given (only a create
    /// uses them: the server never stores them).
    pub networks: Option<Signal<Vec<Network>>>,
}

/// Edits mappings.
pub fn mappings_editor(options: EditorOptions) -> View {
    let EditorOptions { state, errors, id_prefix, src_volume_types, dst_volume_types, subnets, networks } = options;
    let i18n = use_i18n();
    // CIDRs are checked as they are typed; submitted messages win over these.
    let live_errors = Memo::new(move |_| {
        let mut found = FieldErrors::new();
        state.subnets.with(|rows| {
            for (at, row) in rows.iter().enumerate() {
                for (src, value) in [(true, &row.src), (false, &row.dst)] {
                    if !value.trim().is_empty() {
                        if let Err(message) = check_subnet_cidr(value) {
                            found.add(path(Pairs::Subnets, at, src), message);
                        }
                    }
                }
            }
        });
        found
    });
    let merged = Signal::derive(move || {
        let mut all = errors.get();
        live_errors.with(|live| {
            for (path, messages) in live.iter() {
                if all.get(path).is_empty() {
                    for message in messages {
                        all.add(path, message.clone());
                    }
                }
            }
        });
        all
    });
    let cx = Context {
        i18n,
        state,
        errors: merged,
        clear: errors,
        id_prefix,
        src_types: src_volume_types,
        dst_types: dst_volume_types,
    };
    let datalist = concat(&[id_prefix, "-subnet-cidrs"]);
    let suggestions = h("datalist").id(datalist.clone()).child(dynamic(move || {
        subnets.with(|subnets| {
            fragment(subnets.iter().map(|s| {
                let text = i18n.fill("{name} ({network})", &[("name", &s.name), ("network", &s.network_name)]);
                h("option").attr("value", s.cidr.clone()).child(text).into_view()
            }))
        })
    }));
    let flag = |key: &'static str, value: RwSignal<bool>| checkbox(i18n, key, value);
    h("div")
        .class("wm-mappings-editor")
        .child(pairs_fieldset(cx, Pairs::VolumeTypes, "Volume types", "Each source volume type becomes the chosen destination type.", None))
        .child(pairs_fieldset(
            cx,
            Pairs::Subnets,
            "Subnets",
            "Destination CIDRs are private /24 networks (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) with the host part zero, e.g. 192.168.42.0/24.",
            Some((suggestions, datalist)),
        ))
        .child(networks.map(|networks| network_choice(cx, networks)))
        .child(
            h("div")
                .class("wm-checks")
                .child(flag("Skip connection to external network", state.skip_connection_extnet))
                .child(flag("Copy ports connected to instances", state.sync_instance_ports))
                .child(dynamic(move || {
                    if state.sync_instance_ports.get() && state.subnets.with(|rows| !rows.is_empty()) {
                        h("p")
                            .class("wm-field-error")
                            .child(i18n.tr(crate::validate::texts::SYNC_PORTS_WITH_SUBNETS))
                            .into_view()
                    } else {
                        View::empty()
                    }
                })),
        )
        .into_view()
}

/// `mappings.<list>[<at>].<field>`.
fn path(pairs: Pairs, at: usize, src: bool) -> String {
    concat(&["mappings.", pairs.list(), "[", &crate::json::u64_text(at as u64), "].", pairs.field(src)])
}

fn pairs_fieldset(
    cx: Context,
    pairs: Pairs,
    legend: &'static str,
    note: &'static str,
    datalist: Option<(Node, String)>,
) -> Node {
    let rows = match pairs {
        Pairs::VolumeTypes => cx.state.volume_types,
        Pairs::Subnets => cx.state.subnets,
    };
    let (suggestions, datalist) = match datalist {
        Some((node, id)) => (Some(node), Some(id)),
        None => (None, None),
    };
    let add = match pairs {
        Pairs::VolumeTypes => "Add volume type pair",
        Pairs::Subnets => "Add subnet pair",
    };
    h("fieldset")
        .class("wm-fieldset")
        .child(h("legend").child(cx.i18n.tr(legend)))
        .child(h("p").class("wm-note").child(cx.i18n.tr(note)))
        .child(suggestions)
        .child(keyed(
            move || rows.get(),
            |row: &PairRow| u128::from(row.key),
            move |row| pair_row(cx, pairs, rows, row.key, datalist.clone()),
        ))
        .child(
            h("button")
                .attr("type", "button")
                .class("wm-button wm-button--small")
                .on("click", move |_| cx.state.add_pair(rows))
                .child(cx.i18n.tr(add)),
        )
}

/// One pair: source and destination (selects of volume types, or CIDR inputs), and Remove.
fn pair_row(cx: Context, pairs: Pairs, rows: RwSignal<Vec<PairRow>>, key: u64, datalist: Option<String>) -> Node {
    let i18n = cx.i18n;
    let index = Memo::new(move |_| rows.with(|rows| rows.iter().position(|row| row.key == key)).unwrap_or(0));
    let number = move || crate::json::u64_text(index.get() as u64 + 1);
    let side = |src: bool| {
        let id = concat(&[cx.id_prefix, "-", pairs.list(), "-", &crate::json::u64_text(key), "-", pairs.field(src)]);
        let field_path = Signal::derive(move || path(pairs, index.get(), src));
        let value = Signal::derive(move || {
            rows.with(|rows| {
                rows.iter().find(|r| r.key == key).map(|r| if src { r.src.clone() } else { r.dst.clone() })
            })
            .unwrap_or_default()
        });
        let set = move |text: String| {
            rows.update(|rows| {
                if let Some(row) = rows.iter_mut().find(|row| row.key == key) {
                    if src {
                        row.src = text;
                    } else {
                        row.dst = text;
                    }
                }
            });
            cx.clear.update(|e| e.remove(&field_path.get_untracked()));
        };
        let control = match pairs {
            Pairs::VolumeTypes => {
                let offered = if src { cx.src_types } else { cx.dst_types };
                h("select").child(dynamic(move || {
                    let current = value.get();
                    offered.with(|offered| volume_type_options(i18n, offered, &current))
                }))
            }
            Pairs::Subnets => {
                let input = h("input")
                    .class("wm-mono")
                    .attr("type", "text")
                    .attr("inputmode", "decimal")
                    .attr("autocomplete", "off")
                    .attr("spellcheck", "false")
                    .attr("placeholder", if src { "10.0.1.0/24" } else { "192.168.1.0/24" })
                    .value(value);
                match (src, &datalist) {
                    (true, Some(list)) => input.attr("list", list.clone()),
                    _ => input,
                }
            }
        };
        let control = control
            .id(id.clone())
            .class("wm-input")
            .attr(
                "aria-invalid",
                maybe(move || cx.errors.with(|e| !e.get(&field_path.get()).is_empty()).then(|| "true".to_owned())),
            )
            .attr("aria-describedby", message_id(&id))
            .on(if pairs == Pairs::VolumeTypes { "change" } else { "input" }, move |event| set(target_value(&event)));
        h("div")
            .class("wm-pair-field")
            .child(
                h("label")
                    .class("wm-label wm-label--small")
                    .attr("for", id.clone())
                    .child(live(move || i18n.fill(pairs.label(src), &[("number", &number())]))),
            )
            .child(control)
            .child(field_messages(cx.errors, field_path, &id))
    };
    h("div")
        .class("wm-pair")
        .attr("role", "group")
        .attr("aria-label", live(move || i18n.fill(pairs.group(), &[("number", &number())])))
        .child(side(true))
        .child(h("span").class("wm-arrow").attr("aria-hidden", "true").child("→"))
        .child(side(false))
        .child(
            h("button")
                .attr("type", "button")
                .class("wm-button wm-button--small wm-pair-remove")
                .attr("aria-label", live(move || i18n.fill(pairs.remove(), &[("number", &number())])))
                .on("click", move |_| {
                    rows.update(|rows| rows.retain(|r| r.key != key));
                    cx.clear.update(|e| e.remove(&concat(&["mappings.", pairs.list()])));
                })
                .child(i18n.tr("Remove")),
        )
}

/// The options of a volume type select; a stored uuid no longer offered stays, marked.
fn volume_type_options(i18n: I18n, offered: &[VolumeType], current: &str) -> View {
    let chosen = normalize_uuid_input(current);
    let mut options = vec![h("option")
        .attr("value", "")
        .set_if("selected", current.is_empty())
        .child(i18n.tr("Choose…"))
        .into_view()];
    let mut found = false;
    for volume_type in offered {
        let value = uuid_to_hex(&volume_type.uuid);
        let label = if volume_type.description.is_empty() {
            volume_type.name.clone()
        } else {
            concat(&[&volume_type.name, " — ", &volume_type.description])
        };
        found |= value == chosen;
        let selected = value == chosen;
        options.push(h("option").attr("value", value).set_if("selected", selected).child(label).into_view());
    }
    if !current.is_empty() && !found {
        let label = i18n.fill("{value} (unknown)", &[("value", current)]);
        options.push(h("option").attr("value", chosen).set_if("selected", true).child(label).into_view());
    }
    fragment(options)
}

/// The networks of the source tenant to migrate (only a create sends them).
fn network_choice(cx: Context, networks: Signal<Vec<Network>>) -> Node {
    let i18n = cx.i18n;
    let group_id = concat(&[cx.id_prefix, "-networks"]);
    let messages = Signal::derive(move || {
        cx.errors.with(|e| {
            let mut all = Vec::new();
            for (_, messages) in e.under("mappings.networks") {
                all.extend_from_slice(messages);
            }
            all
        })
    });
    h("fieldset")
        .class("wm-fieldset")
        .id(group_id.clone())
        .attr("aria-describedby", message_id(&group_id))
        .child(h("legend").child(i18n.tr("Networks")))
        .child(dynamic(move || {
            if networks.with(Vec::is_empty) {
                return h("p")
                    .class("wm-note")
                    .child(i18n.tr("Choose a source resource to see its networks."))
                    .into_view();
            }
            networks.with(|networks| {
                let rows = networks.iter().map(|network| {
                    let uuid = uuid_to_hex(&network.uuid);
                    let checked_uuid = uuid.clone();
                    let cidrs: Vec<String> = network.subnets.iter().map(|s| s.cidr.clone()).collect();
                    let mut label = h("label")
                        .class("wm-check")
                        .child(
                            h("input")
                                .attr("type", "checkbox")
                                .checked(Signal::derive(move || cx.state.networks.with(|n| n.contains(&checked_uuid))))
                                .on("change", move |event| {
                                    let on = target_checked(&event);
                                    let uuid = uuid.clone();
                                    cx.state.networks.update(|list| {
                                        list.retain(|u| *u != uuid);
                                        if on {
                                            list.push(uuid);
                                        }
                                    });
                                    cx.clear.update(|e| e.remove("mappings.networks"));
                                }),
                        )
                        .child(h("bdi").child(network.name.as_str()));
                    if !cidrs.is_empty() {
                        label =
                            label.child(h("span").class("wm-note wm-mono").child(crate::validate::join(&cidrs, ", ")));
                    }
                    label.into_view()
                });
                h("div").class("wm-network-list").children(rows).into_view()
            })
        }))
        .child(
            h("div")
                .id(message_id(&group_id))
                .class("wm-field-messages")
                .attr("aria-live", "polite")
                .child(dynamic(move || error_lines(i18n, messages.get()))),
        )
}
