//! Badges coloured by state, with the state's name in the interface's language.

use super::i18n::use_i18n;
use crate::display::{migration_tone, resource_label, resource_tone, Tone};
use crate::model::{MigrationState, ResourceState};
use crate::prelude::*;
use crate::view::dom::{document, h, Node, View};
use crate::view::{effect, Signal};

/// A badge whose tone and English label (the catalog key) follow `state`: one effect sets both.
fn badge(state: Signal<(Tone, String, bool)>) -> Node {
    let i18n = use_i18n();
    let text = document().create_text_node("");
    let span = h("span").child(View::from_node(text.clone().into()));
    let element = span.element().clone();
    effect(move || {
        state.with(|(tone, label, known)| {
            element.set_class_name(tone.class());
            // Known states are translated; an unknown one is shown as the server spelled it.
            text.set_data(&if *known { i18n.text(label) } else { label.clone() });
        })
    });
    span
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
