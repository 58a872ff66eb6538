//! Badges coloured by state, with the state's name in the interface's language.

use super::i18n::use_i18n;
use crate::display::{migration_tone, resource_label, resource_tone, Tone};
use crate::model::{MigrationState, ResourceState};
use crate::prelude::*;
use crate::view::dom::{h, live, Node};
use crate::view::Signal;

/// A badge whose tone and English label (the catalog key) follow `state`.
fn badge(state: Signal<(Tone, String, bool)>) -> Node {
    let i18n = use_i18n();
    h("span").class(live(move || state.with(|(tone, _, _)| tone.class().to_owned()))).child(live(move || {
        // Known states are translated; an unknown one is shown as the server spelled it.
        state.with(|(_, label, known)| if *known { i18n.text(label) } else { label.clone() })
    }))
}

/// The migration state as a coloured badge (`CREATING` in progress colours, `ERRED` red, ...).
pub fn state_badge(state: Signal<MigrationState>) -> Node {
    badge(Signal::derive(move || {
        state.with(|s| (migration_tone(s), s.label().to_owned(), !matches!(s, MigrationState::Unknown(_))))
    }))
}

/// The destination resource state as a coloured badge.
pub fn resource_badge(state: Signal<ResourceState>) -> Node {
    badge(Signal::derive(move || {
        state.with(|s| {
            let known = !matches!(s, ResourceState::Unknown(text) if !text.is_empty());
            (resource_tone(s), resource_label(s).to_owned(), known)
        })
    }))
}
