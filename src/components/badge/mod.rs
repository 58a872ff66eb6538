//! Badges coloured by state, with the state's name in the interface's language.

use super::i18n::use_i18n;
use crate::display::{migration_tone, resource_label, resource_tone, Tone};
use crate::model::{MigrationState, ResourceState};
use crate::prelude::*;
use crate::view::dom::{document, h, Node, View};
use crate::view::{effect, Signal};
use core::cell::RefCell;

/// A badge whose tone and English label (the catalog key) follow `state`: one effect sets both,
/// and writes to the DOM only what changed (a row's update that leaves this state as it was
/// writes nothing here).
fn badge(state: Signal<(Tone, String, bool)>) -> Node {
    let i18n = use_i18n();
    let text = document().create_text_node("");
    let span = h("span").child(View::from_node(text.clone().into()));
    let element = span.element().clone();
    let written: RefCell<(Option<Tone>, String)> = RefCell::new((None, String::new()));
    effect(move || {
        state.with(|(tone, label, known)| {
            // Known states are translated; an unknown one is shown as the server spelled it.
            let shown = if *known { i18n.text(label) } else { label.clone() };
            let Ok(mut written) = written.try_borrow_mut() else { return };
            if written.0 != Some(*tone) {
                element.set_class_name(tone.class());
                written.0 = Some(*tone);
            }
            if written.1 != shown {
                text.set_data(&shown);
                written.1 = shown;
            }
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
