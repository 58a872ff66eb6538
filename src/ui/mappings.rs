//! The mappings editor's state for Leptos code, in Leptos signals, and its bridge to the
//! component's own state.

use super::host::mirror;
use crate::components::{self as core, PairRow};
use crate::model::{Mapping, MappingRequest};
use leptos::prelude::*;

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
    pub fn load(&self, mapping: &Mapping) {
        let (volume_types, subnets, networks) = core::rows_of(mapping);
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
        rows.update(|rows| rows.push(core::new_row(String::new(), String::new())));
    }

    /// The request body part.
    pub fn to_request(&self) -> MappingRequest {
        let mut request = self.volume_types.with_untracked(|volume_types| {
            self.subnets.with_untracked(|subnets| core::request_of(volume_types, subnets))
        });
        request.skip_connection_extnet = self.skip_connection_extnet.get_untracked();
        request.sync_instance_ports = self.sync_instance_ports.get_untracked();
        request.networks = self.networks.get_untracked();
        request
    }
}

/// The component's state kept equal to `state`, both ways.
pub(crate) fn bridge_state(state: MappingsState) -> core::MappingsState {
    core::MappingsState {
        volume_types: mirror(state.volume_types),
        subnets: mirror(state.subnets),
        networks: mirror(state.networks),
        skip_connection_extnet: mirror(state.skip_connection_extnet),
        sync_instance_ports: mirror(state.sync_instance_ports),
    }
}
