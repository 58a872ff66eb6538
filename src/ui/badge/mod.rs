//! Badges coloured by state, with the state's name in the interface's language.

use super::dom::{h, live, Node};
use super::i18n::use_i18n;
use crate::display::{migration_tone, resource_label, resource_tone, Tone};
use crate::model::{MigrationState, ResourceState};
use leptos::prelude::*;

/// A badge whose tone and English label (the catalog key) follow `state`.
fn badge(state: Signal<(Tone, String, bool)>) -> Node {
    let i18n = use_i18n();
    h("span").class(live(move || state.with(|(tone, _, _)| tone.class().to_owned()))).child(live(move || {
        // Known states are translated; an unknown one is shown as the server spelled it.
        state.with(|(_, label, known)| if *known { i18n.text(label) } else { label.clone() })
    }))
}

/// The migration state as a badge node (for the components' own markup).
pub(crate) fn state_badge(state: Signal<MigrationState>) -> Node {
    badge(Signal::derive(move || {
        state.with(|s| (migration_tone(s), s.label().to_owned(), !matches!(s, MigrationState::Unknown(_))))
    }))
}

/// The destination resource state as a badge node.
pub(crate) fn resource_badge(state: Signal<ResourceState>) -> Node {
    badge(Signal::derive(move || {
        state.with(|s| {
            let known = !matches!(s, ResourceState::Unknown(text) if !text.is_empty());
            (resource_tone(s), resource_label(s).to_owned(), known)
        })
    }))
}

/// The migration state as a coloured badge (`CREATING` in progress colours, `ERRED` red, ...).
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::StateBadge, MigrationState};
/// view! { <StateBadge state=MigrationState::Creating /> };
/// ```
#[component]
pub fn StateBadge(
    /// The state to show.
    #[prop(into)]
    state: Signal<MigrationState>,
) -> impl IntoView {
    state_badge(state).into_view()
}

/// The destination resource state as a coloured badge.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::ResourceStateBadge, ResourceState};
/// view! { <ResourceStateBadge state=ResourceState::Ok /> };
/// ```
#[component]
pub fn ResourceStateBadge(
    /// The state to show.
    #[prop(into)]
    state: Signal<ResourceState>,
) -> impl IntoView {
    resource_badge(state).into_view()
}
