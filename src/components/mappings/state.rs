//! The mappings editor's state, and which messages it shows at its fields.

use crate::prelude::*;

use crate::global::Global;
use crate::model::{Mapping, MappingRequest, SubNetMappingRequest, VolumeTypeMappingRequest};
use crate::view::RwSignal;
use core::cell::Cell;

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

/// `MappingsState`, its fields and methods, with the `RwSignal` in scope where it is expanded:
/// the components' own here, Leptos's in `ui` (one definition for both reactive systems).
macro_rules! mappings_state {
    () => {
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
                }
            }

            /// Replaces the state with stored mappings (for editing them).
            pub fn load(&self, mapping: &$crate::model::Mapping) {
                let (volume_types, subnets, networks) = $crate::components::rows_of(mapping);
                self.volume_types.set(volume_types);
                self.subnets.set(subnets);
                self.networks.set(networks);
                self.skip_connection_extnet.set(mapping.skip_connection_extnet);
                self.sync_instance_ports.set(mapping.sync_instance_ports);
            }

            /// Empties every mapping.
            pub fn clear(&self) {
                self.volume_types.set(Vec::new());
                self.subnets.set(Vec::new());
                self.networks.set(Vec::new());
                self.skip_connection_extnet.set(false);
                self.sync_instance_ports.set(false);
            }

            /// Adds an empty pair to `rows` (one of this state's lists).
            pub fn add_pair(&self, rows: RwSignal<Vec<PairRow>>) {
                let row = $crate::components::new_row(String::new(), String::new());
                rows.update(|rows| rows.push(row));
            }

            /// The request body part.
            pub fn to_request(&self) -> $crate::model::MappingRequest {
                let mut request = self.volume_types.with_untracked(|volume_types| {
                    self.subnets.with_untracked(|subnets| $crate::components::request_of(volume_types, subnets))
                });
                request.skip_connection_extnet = self.skip_connection_extnet.get_untracked();
                request.sync_instance_ports = self.sync_instance_ports.get_untracked();
                request.networks = self.networks.get_untracked();
                request
            }
        }
    };
}

#[cfg_attr(not(feature = "ui"), allow(unused_imports))]
pub(crate) use mappings_state;

mappings_state!();

/// Keys of pair rows, unique on the page (whichever state, or side of the Leptos layer, makes
/// the row).
static NEXT_KEY: Global<Cell<u64>> = Global::new(Cell::new(0));

/// A new pair row with a key of its own.
pub fn new_row(src: String, dst: String) -> PairRow {
    let key = NEXT_KEY.with(|next| {
        let key = next.get() + 1;
        next.set(key);
        key
    });
    PairRow { key, src, dst }
}

/// Stored mappings as editable rows: volume type pairs, subnet pairs, network uuids.
pub fn rows_of(mapping: &Mapping) -> (Vec<PairRow>, Vec<PairRow>, Vec<String>) {
    let request = MappingRequest::from(mapping);
    let volume_types = request.volume_types.into_iter().map(|p| new_row(p.src_type_uuid, p.dst_type_uuid)).collect();
    let subnets = request.subnets.into_iter().map(|p| new_row(p.src_cidr, p.dst_cidr)).collect();
    (volume_types, subnets, request.networks)
}

/// The pairs of the editor as the request body part (no networks, flags off).
pub fn request_of(volume_types: &[PairRow], subnets: &[PairRow]) -> MappingRequest {
    MappingRequest {
        volume_types: volume_types
            .iter()
            .map(|r| VolumeTypeMappingRequest { src_type_uuid: r.src.clone(), dst_type_uuid: r.dst.clone() })
            .collect(),
        subnets: subnets
            .iter()
            .map(|r| SubNetMappingRequest { src_cidr: r.src.clone(), dst_cidr: r.dst.clone() })
            .collect(),
        ..Default::default()
    }
}

/// True for the paths the editor shows next to a field.
pub fn editor_shows(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("mappings.") else { return false };
    let field_of_row = |list: &str, fields: [&str; 2]| {
        rest.strip_prefix(list)
            .and_then(|r| r.strip_prefix('['))
            .and_then(|r| r.split_once(']'))
            .and_then(|(index, field)| Some((index, field.strip_prefix('.')?)))
            .is_some_and(|(index, field)| crate::json::parse_u64(index).is_some() && fields.contains(&field))
    };
    field_of_row("volume_types", ["src_type_uuid", "dst_type_uuid"])
        || field_of_row("subnets", ["src_cidr", "dst_cidr"])
        || rest.starts_with("networks")
}
