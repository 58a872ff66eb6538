//! Badges coloured by state.

use crate::display::{migration_tone, resource_label, resource_tone};
use crate::model::{MigrationState, ResourceState};
use leptos::prelude::*;

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
    view! {
        <span class=move || state.with(migration_tone).class()>
            {move || state.with(|s| s.label().to_owned())}
        </span>
    }
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
    view! {
        <span class=move || state.with(resource_tone).class()>
            {move || state.with(|s| resource_label(s).to_owned())}
        </span>
    }
}
