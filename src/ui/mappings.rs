//! The mappings editor's state for Leptos code, in Leptos signals, and its bridge to the
//! component's own state.

use super::host::mirror;
use crate::components::{self as core, PairRow};
use leptos::prelude::*;

crate::components::mappings_state!();

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
