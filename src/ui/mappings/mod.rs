//! Mappings: an editor (volume type pairs, subnet CIDR pairs, networks, the two flags) shared
//! by the create form and the details view, and read-only tables.

use super::fields::{message_id, FieldMessages};
use crate::error::FieldErrors;
use crate::model::{
    Mapping, MappingRequest, Network, SubNetMappingRequest, Subnet, VolumeType, VolumeTypeMappingRequest,
};
use crate::validate::check_subnet_cidr;
use leptos::prelude::*;
use std::collections::HashMap;

/// One editable pair (volume types or subnet CIDRs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PairRow {
    /// Stable identity while rows are added and removed.
    pub key: u64,
    /// Source value.
    pub src: String,
    /// Destination value.
    pub dst: String,
}

/// The editor's state; [`MappingsState::to_request`] turns it into the request body part.
#[derive(Clone, Copy)]
pub struct MappingsState {
    /// Volume type pairs (uuids).
    pub volume_types: RwSignal<Vec<PairRow>>,
    /// Subnet pairs (CIDRs).
    pub subnets: RwSignal<Vec<PairRow>>,
    /// Chosen network uuids.
    pub networks: RwSignal<Vec<String>>,
    /// `skip_connection_extnet`.
    pub skip_connection_extnet: RwSignal<bool>,
    /// `sync_instance_ports`.
    pub sync_instance_ports: RwSignal<bool>,
    next_key: StoredValue<u64>,
}

impl Default for MappingsState {
    fn default() -> Self {
        Self::new()
    }
}

impl MappingsState {
    /// Empty mappings.
    pub fn new() -> Self {
        MappingsState {
            volume_types: RwSignal::new(Vec::new()),
            subnets: RwSignal::new(Vec::new()),
            networks: RwSignal::new(Vec::new()),
            skip_connection_extnet: RwSignal::new(false),
            sync_instance_ports: RwSignal::new(false),
            next_key: StoredValue::new(0),
        }
    }

    /// Replaces the state with stored mappings (for editing them).
    pub fn load(&self, mapping: &Mapping) {
        let request = MappingRequest::from(mapping);
        let volume_types =
            request.volume_types.into_iter().map(|p| self.row(p.src_type_uuid, p.dst_type_uuid)).collect();
        let subnets = request.subnets.into_iter().map(|p| self.row(p.src_cidr, p.dst_cidr)).collect();
        self.volume_types.set(volume_types);
        self.subnets.set(subnets);
        self.networks.set(request.networks);
        self.skip_connection_extnet.set(mapping.skip_connection_extnet);
        self.sync_instance_ports.set(mapping.sync_instance_ports);
    }

    fn row(&self, src: String, dst: String) -> PairRow {
        let key = self.next_key.get_value() + 1;
        self.next_key.set_value(key);
        PairRow { key, src, dst }
    }

    /// Empties every mapping.
    pub fn clear(&self) {
        self.volume_types.set(Vec::new());
        self.subnets.set(Vec::new());
        self.networks.set(Vec::new());
        self.skip_connection_extnet.set(false);
        self.sync_instance_ports.set(false);
    }

    /// Adds an empty volume type pair.
    pub fn add_volume_type(&self) {
        let row = self.row(String::new(), String::new());
        self.volume_types.update(|rows| rows.push(row));
    }

    /// Adds an empty subnet pair.
    pub fn add_subnet(&self) {
        let row = self.row(String::new(), String::new());
        self.subnets.update(|rows| rows.push(row));
    }

    /// The request body part.
    pub fn to_request(&self) -> MappingRequest {
        MappingRequest {
            volume_types: self.volume_types.with_untracked(|rows| {
                rows.iter()
                    .map(|r| VolumeTypeMappingRequest { src_type_uuid: r.src.clone(), dst_type_uuid: r.dst.clone() })
                    .collect()
            }),
            subnets: self.subnets.with_untracked(|rows| {
                rows.iter().map(|r| SubNetMappingRequest { src_cidr: r.src.clone(), dst_cidr: r.dst.clone() }).collect()
            }),
            skip_connection_extnet: self.skip_connection_extnet.get_untracked(),
            sync_instance_ports: self.sync_instance_ports.get_untracked(),
            networks: self.networks.get_untracked(),
        }
    }
}

/// True for the paths the editor shows next to a field.
pub fn editor_shows(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("mappings.") else { return false };
    let field_of_row = |list: &str, fields: [&str; 2]| {
        rest.strip_prefix(list)
            .and_then(|r| r.strip_prefix('['))
            .and_then(|r| r.split_once("]."))
            .is_some_and(|(index, field)| index.parse::<usize>().is_ok() && fields.contains(&field))
    };
    field_of_row("volume_types", ["src_type_uuid", "dst_type_uuid"])
        || field_of_row("subnets", ["src_cidr", "dst_cidr"])
        || rest.starts_with("networks")
}

fn update_row(rows: RwSignal<Vec<PairRow>>, key: u64, set: impl FnOnce(&mut PairRow)) {
    rows.update(|rows| {
        if let Some(row) = rows.iter_mut().find(|row| row.key == key) {
            set(row);
        }
    });
}

fn position(rows: RwSignal<Vec<PairRow>>, key: u64) -> Option<usize> {
    rows.with(|rows| rows.iter().position(|row| row.key == key))
}

/// Edits mappings.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::*, FieldErrors};
/// let state = MappingsState::new();
/// let errors = RwSignal::new(FieldErrors::new());
/// view! { <MappingsEditor state=state errors=errors id_prefix="edit" /> };
/// ```
#[component]
pub fn MappingsEditor(
    /// What is being edited.
    state: MappingsState,
    /// Messages by path (`mappings.subnets[0].dst_cidr`) from validation or the server; a
    /// field's messages are cleared when it is edited.
    errors: RwSignal<FieldErrors>,
    /// Prefix of element ids, unique on the page.
    id_prefix: &'static str,
    /// Volume types offered on the source side (all known ones when empty).
    #[prop(optional, into)]
    src_volume_types: Signal<Vec<VolumeType>>,
    /// Volume types offered on the destination side (all known ones when empty).
    #[prop(optional, into)]
    dst_volume_types: Signal<Vec<VolumeType>>,
    /// Subnets of the source tenant, suggested for the source CIDRs.
    #[prop(optional, into)]
    subnets: Signal<Vec<Subnet>>,
    /// Networks of the source tenant; the Networks choice is shown when given.
    #[prop(optional, into)]
    networks: Option<Signal<Vec<Network>>>,
) -> impl IntoView {
    // CIDRs are checked as they are typed; submitted messages win over these.
    let live = Memo::new(move |_| {
        let mut found = FieldErrors::new();
        state.subnets.with(|rows| {
            for (at, row) in rows.iter().enumerate() {
                for (field, value) in [("src_cidr", &row.src), ("dst_cidr", &row.dst)] {
                    if !value.trim().is_empty() {
                        if let Err(message) = check_subnet_cidr(value) {
                            found.add(format!("mappings.subnets[{at}].{field}"), message);
                        }
                    }
                }
            }
        });
        found
    });
    let clear = errors;
    let merged = Signal::derive(move || {
        let mut all = errors.get();
        live.with(|live| {
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
    let datalist_id = format!("{id_prefix}-subnet-cidrs");
    view! {
        <div class="wm-mappings-editor">
            <fieldset class="wm-fieldset">
                <legend>"Volume types"</legend>
                <p class="wm-note">"Each source volume type becomes the chosen destination type."</p>
                <For each=move || state.volume_types.get() key=|row| row.key let(row)>
                    <VolumeTypeRow state=state key=row.key errors=merged clear=clear id_prefix=id_prefix src_options=src_volume_types dst_options=dst_volume_types />
                </For>
                <button type="button" class="wm-button wm-button--small" on:click=move |_| state.add_volume_type()>
                    "Add volume type pair"
                </button>
            </fieldset>
            <fieldset class="wm-fieldset">
                <legend>"Subnets"</legend>
                <p class="wm-note">"Destination CIDRs are private /24 networks (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) with the host part zero, e.g. 192.168.42.0/24."</p>
                <datalist id=datalist_id.clone()>
                    <For each=move || subnets.get() key=|s| s.uuid let(subnet)>
                        <option value=subnet.cidr.clone()>{format!("{} ({})", subnet.name, subnet.network_name)}</option>
                    </For>
                </datalist>
                <For each=move || state.subnets.get() key=|row| row.key let(row)>
                    <SubnetRow state=state key=row.key errors=merged clear=clear id_prefix=id_prefix datalist=datalist_id.clone() />
                </For>
                <button type="button" class="wm-button wm-button--small" on:click=move |_| state.add_subnet()>
                    "Add subnet pair"
                </button>
            </fieldset>
            {networks.map(|networks| view! { <NetworkChoice state=state networks=networks errors=merged clear=clear id_prefix=id_prefix /> })}
            <div class="wm-checks">
                <label class="wm-check">
                    <input
                        type="checkbox"
                        prop:checked=move || state.skip_connection_extnet.get()
                        on:change=move |event| state.skip_connection_extnet.set(event_target_checked(&event))
                    />
                    "Skip connection to external network"
                </label>
                <label class="wm-check">
                    <input
                        type="checkbox"
                        prop:checked=move || state.sync_instance_ports.get()
                        on:change=move |event| state.sync_instance_ports.set(event_target_checked(&event))
                    />
                    "Copy ports connected to instances"
                </label>
                <Show when=move || state.sync_instance_ports.get() && state.subnets.with(|rows| !rows.is_empty())>
                    <p class="wm-field-error">{crate::validate::texts::SYNC_PORTS_WITH_SUBNETS}</p>
                </Show>
            </div>
        </div>
    }
}

fn type_options(options: Vec<VolumeType>, current: &str) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = options
        .into_iter()
        .map(|v| {
            let label =
                if v.description.is_empty() { v.name.clone() } else { format!("{} — {}", v.name, v.description) };
            (v.uuid.simple().to_string(), label)
        })
        .collect();
    let current_hex = crate::model::wire::normalize_uuid_input(current);
    if !current.is_empty() && !list.iter().any(|(value, _)| *value == current_hex) {
        list.push((current_hex, format!("{current} (unknown)")));
    }
    list
}

#[component]
fn VolumeTypeRow(
    state: MappingsState,
    key: u64,
    errors: Signal<FieldErrors>,
    clear: RwSignal<FieldErrors>,
    id_prefix: &'static str,
    src_options: Signal<Vec<VolumeType>>,
    dst_options: Signal<Vec<VolumeType>>,
) -> impl IntoView {
    let rows = state.volume_types;
    let index = Memo::new(move |_| position(rows, key).unwrap_or(0));
    let value = move |src: bool| {
        move || {
            rows.with(|rows| {
                rows.iter()
                    .find(|r| r.key == key)
                    .map(|r| if src { r.src.clone() } else { r.dst.clone() })
                    .unwrap_or_default()
            })
        }
    };
    let select = move |src: bool| {
        let field = if src { "src_type_uuid" } else { "dst_type_uuid" };
        let id = format!("{id_prefix}-vt-{key}-{field}");
        let path = Signal::derive(move || format!("mappings.volume_types[{}].{field}", index.get()));
        let options = if src { src_options } else { dst_options };
        let current = value(src);
        let label = move || format!("{} volume type {}", if src { "Source" } else { "Destination" }, index.get() + 1);
        view! {
            <div class="wm-pair-field">
                <label class="wm-label wm-label--small" for=id.clone()>{label}</label>
                <select
                    id=id.clone()
                    class="wm-input"
                    aria-invalid=move || errors.with(|e| !e.get(&path.get()).is_empty()).then_some("true")
                    aria-describedby=message_id(&id)
                    on:change=move |event| {
                        let chosen = event_target_value(&event);
                        update_row(rows, key, |row| if src { row.src = chosen } else { row.dst = chosen });
                        clear.update(|e| e.remove(&path.get_untracked()));
                    }
                >
                    <option value="" selected=move || current().is_empty()>"Choose…"</option>
                    {move || {
                        let now = current();
                        type_options(options.get(), &now).into_iter().map(|(value, text)| {
                            let selected = crate::model::wire::normalize_uuid_input(&now) == value;
                            view! { <option value=value selected=selected>{text}</option> }
                        }).collect_view()
                    }}
                </select>
                <FieldMessages errors=errors path=path field_id=id />
            </div>
        }
    };
    view! {
        <div class="wm-pair" role="group" aria-label=move || format!("Volume type pair {}", index.get() + 1)>
            {select(true)}
            <span class="wm-arrow" aria-hidden="true">"→"</span>
            {select(false)}
            <button
                type="button"
                class="wm-button wm-button--small wm-pair-remove"
                aria-label=move || format!("Remove volume type pair {}", index.get() + 1)
                on:click=move |_| {
                    rows.update(|rows| rows.retain(|r| r.key != key));
                    clear.update(|e| e.remove("mappings.volume_types"));
                }
            >
                "Remove"
            </button>
        </div>
    }
}

#[component]
fn SubnetRow(
    state: MappingsState,
    key: u64,
    errors: Signal<FieldErrors>,
    clear: RwSignal<FieldErrors>,
    id_prefix: &'static str,
    datalist: String,
) -> impl IntoView {
    let rows = state.subnets;
    let index = Memo::new(move |_| position(rows, key).unwrap_or(0));
    let input = move |src: bool, datalist: Option<String>| {
        let field = if src { "src_cidr" } else { "dst_cidr" };
        let id = format!("{id_prefix}-sn-{key}-{field}");
        let path = Signal::derive(move || format!("mappings.subnets[{}].{field}", index.get()));
        let label = move || format!("{} CIDR {}", if src { "Source" } else { "Destination" }, index.get() + 1);
        view! {
            <div class="wm-pair-field">
                <label class="wm-label wm-label--small" for=id.clone()>{label}</label>
                <input
                    id=id.clone()
                    class="wm-input wm-mono"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=if src { "10.0.1.0/24" } else { "192.168.1.0/24" }
                    list=datalist
                    aria-invalid=move || errors.with(|e| !e.get(&path.get()).is_empty()).then_some("true")
                    aria-describedby=message_id(&id)
                    prop:value=move || rows.with(|rows| rows.iter().find(|r| r.key == key).map(|r| if src { r.src.clone() } else { r.dst.clone() }).unwrap_or_default())
                    on:input=move |event| {
                        let text = event_target_value(&event);
                        update_row(rows, key, |row| if src { row.src = text } else { row.dst = text });
                        clear.update(|e| e.remove(&path.get_untracked()));
                    }
                />
                <FieldMessages errors=errors path=path field_id=id />
            </div>
        }
    };
    view! {
        <div class="wm-pair" role="group" aria-label=move || format!("Subnet pair {}", index.get() + 1)>
            {input(true, Some(datalist))}
            <span class="wm-arrow" aria-hidden="true">"→"</span>
            {input(false, None)}
            <button
                type="button"
                class="wm-button wm-button--small wm-pair-remove"
                aria-label=move || format!("Remove subnet pair {}", index.get() + 1)
                on:click=move |_| {
                    rows.update(|rows| rows.retain(|r| r.key != key));
                    clear.update(|e| e.remove("mappings.subnets"));
                }
            >
                "Remove"
            </button>
        </div>
    }
}

#[component]
fn NetworkChoice(
    state: MappingsState,
    networks: Signal<Vec<Network>>,
    errors: Signal<FieldErrors>,
    clear: RwSignal<FieldErrors>,
    id_prefix: &'static str,
) -> impl IntoView {
    let messages = Memo::new(move |_| {
        errors.with(|e| e.under("mappings.networks").flat_map(|(_, m)| m.iter().cloned()).collect::<Vec<_>>())
    });
    let group_id = format!("{id_prefix}-networks");
    view! {
        <fieldset class="wm-fieldset" id=group_id.clone() aria-describedby=message_id(&group_id)>
            <legend>"Networks"</legend>
            {move || if networks.with(Vec::is_empty) {
                view! { <p class="wm-note">"Choose a source resource to see its networks."</p> }.into_any()
            } else {
                view! {
                    <div class="wm-network-list">
                        <For each=move || networks.get() key=|n| n.uuid let(network)>
                            {
                                let uuid = network.uuid.simple().to_string();
                                let checked_uuid = uuid.clone();
                                let subnets = network.subnets.iter().map(|s| s.cidr.clone()).collect::<Vec<_>>().join(", ");
                                view! {
                                    <label class="wm-check">
                                        <input
                                            type="checkbox"
                                            prop:checked=move || state.networks.with(|n| n.contains(&checked_uuid))
                                            on:change=move |event| {
                                                let on = event_target_checked(&event);
                                                let uuid = uuid.clone();
                                                state.networks.update(|list| {
                                                    list.retain(|u| *u != uuid);
                                                    if on {
                                                        list.push(uuid);
                                                    }
                                                });
                                                clear.update(|e| e.remove("mappings.networks"));
                                            }
                                        />
                                        <span>{network.name.clone()}</span>
                                        {(!subnets.is_empty()).then(|| view! { <span class="wm-note wm-mono">{subnets}</span> })}
                                    </label>
                                }
                            }
                        </For>
                    </div>
                }.into_any()
            }}
            <div id=message_id(&group_id) class="wm-field-messages" aria-live="polite">
                <For each=move || messages.get().into_iter().enumerate() key=|(i, m)| (*i, m.clone()) let((_, text))>
                    <p class="wm-field-error">{text}</p>
                </For>
            </div>
        </fieldset>
    }
}

/// Stored mappings as tables; volume types by name where `names` knows them.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::MappingsTables, Mapping};
/// view! { <MappingsTables mapping=Mapping::default() /> };
/// ```
#[component]
pub fn MappingsTables(
    /// The mappings to show.
    #[prop(into)]
    mapping: Signal<Mapping>,
    /// Volume type names by 32-hex uuid.
    #[prop(optional, into)]
    names: Signal<HashMap<String, String>>,
) -> impl IntoView {
    let name_of = move |id: &crate::Uuid| {
        let hex = id.simple().to_string();
        names.with(|names| names.get(&hex).cloned()).unwrap_or(hex)
    };
    let yes_no = |flag: bool| if flag { "Yes" } else { "No" };
    view! {
        <div class="wm-mappings">
            <h3 class="wm-subheading">"Volume types"</h3>
            {move || mapping.with(|m| m.volume_types.is_empty()).then(|| view! { <p class="wm-note">"No volume type mappings."</p> })}
            <Show when=move || mapping.with(|m| !m.volume_types.is_empty())>
                <table class="wm-table wm-table--compact">
                    <caption class="wm-visually-hidden">"Volume type mappings"</caption>
                    <thead><tr><th scope="col">"Source volume type"</th><th scope="col">"Destination volume type"</th></tr></thead>
                    <tbody>
                        {move || mapping.with(|m| m.volume_types.clone()).into_iter().map(|pair| view! {
                            <tr><td>{name_of(&pair.src_type_uuid)}</td><td>{name_of(&pair.dst_type_uuid)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
            <h3 class="wm-subheading">"Subnets"</h3>
            {move || mapping.with(|m| m.subnets.is_empty()).then(|| view! { <p class="wm-note">"No subnet mappings."</p> })}
            <Show when=move || mapping.with(|m| !m.subnets.is_empty())>
                <table class="wm-table wm-table--compact">
                    <caption class="wm-visually-hidden">"Subnet mappings"</caption>
                    <thead><tr><th scope="col">"Source CIDR"</th><th scope="col">"Destination CIDR"</th></tr></thead>
                    <tbody>
                        {move || mapping.with(|m| m.subnets.clone()).into_iter().map(|pair| view! {
                            <tr><td class="wm-mono">{pair.src_cidr}</td><td class="wm-mono">{pair.dst_cidr}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
            <dl class="wm-flags">
                <dt>"Skip connection to external network"</dt>
                <dd>{move || yes_no(mapping.with(|m| m.skip_connection_extnet))}</dd>
                <dt>"Copy ports connected to instances"</dt>
                <dd>{move || yes_no(mapping.with(|m| m.sync_instance_ports))}</dd>
            </dl>
        </div>
    }
}
