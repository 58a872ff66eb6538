//! The Leptos components: each one is the component of [`crate::components`] of the same
//! name, built with the provider's client and language, its Leptos props followed by signals of
//! its own, its callbacks handed back to Leptos.

use super::context::provided;
use super::host::{follow, leptos_child, mirror};
use super::mappings::{bridge_state, MappingsState};
use crate::components as core;
use crate::error::FieldErrors;
use crate::model::{Mapping, MigrationDetails, MigrationState, Network, ResourceState, Subnet, VolumeType};
use crate::transport::AbortSignal;
use crate::Error;
use leptos::prelude::*;
use std::collections::HashMap;
use std::future::Future;

pub use crate::components::{ListFilters, PickerItem, PAGE_SIZES};

/// A Leptos callback as one of the components'.
fn callback<T: 'static>(callback: Option<Callback<T>>) -> Option<crate::view::Callback<T>> {
    callback.map(|callback| crate::view::Callback::new(move |value| callback.run(value)))
}

/// Migrations of the current client, newest first, a page at a time.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::*, MigrationDetails};
/// view! {
///     <MigrationList
///         page_size=25
///         on_select=Callback::new(|m: MigrationDetails| leptos::logging::log!("{}", m.uuid))
///     />
/// };
/// ```
#[component]
pub fn MigrationList(
    /// Initial source resource filter (a marketplace resource uuid).
    #[prop(optional, into)]
    src_resource: Option<String>,
    /// Initial destination resource filter.
    #[prop(optional, into)]
    dst_resource: Option<String>,
    /// Initial page size (10, 25, 50, 100 or 300).
    #[prop(default = 10)]
    page_size: u32,
    /// Called when a row is opened (click or Enter).
    #[prop(optional, into)]
    on_select: Option<Callback<MigrationDetails>>,
    /// Called when the filters or the page size change.
    #[prop(optional, into)]
    on_filters: Option<Callback<ListFilters>>,
    /// Interval of live updates while a visible migration is in progress.
    #[prop(default = 3000)]
    refresh_ms: u64,
    /// Bumped by the host to reload (after a create or delete elsewhere).
    #[prop(optional, into)]
    reload: Option<Signal<u64>>,
) -> impl IntoView {
    provided(move || {
        core::migration_list(core::ListOptions {
            src_resource: src_resource.filter(|s| !s.is_empty()),
            dst_resource: dst_resource.filter(|s| !s.is_empty()),
            page_size,
            on_select: callback(on_select),
            on_filters: callback(on_filters),
            refresh_ms,
            reload: reload.map(follow),
        })
    })
}

/// Shows one migration, keeps it live while it runs, and lets the user edit or delete it.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::*, MigrationDetails};
/// view! {
///     <MigrationDetailsView
///         uuid="a45c8927e176455781f63e7c7baf9567"
///         on_deleted=Callback::new(|m: MigrationDetails| leptos::logging::log!("deleted {}", m.uuid))
///     />
/// };
/// ```
#[component]
pub fn MigrationDetailsView(
    /// The migration to show (either uuid spelling).
    #[prop(into)]
    uuid: Signal<String>,
    /// Called after the migration was deleted.
    #[prop(optional, into)]
    on_deleted: Option<Callback<MigrationDetails>>,
    /// Called after its mappings were saved.
    #[prop(optional, into)]
    on_updated: Option<Callback<MigrationDetails>>,
    /// Interval of live updates while it is in progress.
    #[prop(default = 2000)]
    refresh_ms: u64,
) -> impl IntoView {
    provided(move || {
        core::migration_details(core::DetailsOptions {
            uuid: follow(uuid),
            on_deleted: callback(on_deleted),
            on_updated: callback(on_updated),
            refresh_ms,
        })
    })
}

/// Creates a migration.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::*, MigrationDetails};
/// view! {
///     <MigrationCreateForm on_created=Callback::new(|m: MigrationDetails| leptos::logging::log!("created {}", m.uuid)) />
/// };
/// ```
#[component]
pub fn MigrationCreateForm(
    /// Called with the new migration after the server accepted it.
    #[prop(optional, into)]
    on_created: Option<Callback<MigrationDetails>>,
    /// Shows a Cancel button that calls this.
    #[prop(optional, into)]
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    provided(move || {
        core::migration_create_form(core::CreateOptions {
            on_created: callback(on_created),
            on_cancel: callback(on_cancel),
        })
    })
}

/// A table of migrations (presentational: give it rows, it renders them).
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::ui::MigrationTable;
/// let rows = RwSignal::new(Vec::new());
/// view! { <MigrationTable rows=rows now=Signal::derive(|| js_sys::Date::now() as i64) /> };
/// ```
#[component]
pub fn MigrationTable(
    /// The migrations, in display order.
    #[prop(into)]
    rows: Signal<Vec<MigrationDetails>>,
    /// Current time in milliseconds, for the relative "Created" column.
    #[prop(into)]
    now: Signal<i64>,
    /// Called with a migration when its row is clicked or Enter is pressed on it; rows are
    /// focusable only when set.
    #[prop(into, default = None)]
    on_select: Option<Callback<MigrationDetails>>,
    /// Shows who created each migration (what staff see).
    #[prop(into, default = Signal::stored(false))]
    staff: Signal<bool>,
    /// True while newer rows are loading: the table is marked busy and shown as stale.
    #[prop(into, default = Signal::stored(false))]
    busy: Signal<bool>,
) -> impl IntoView {
    provided(move || {
        core::migration_table(core::TableOptions {
            rows: follow(rows),
            now: follow(now),
            on_select: callback(on_select),
            staff: follow(staff),
            busy: follow(busy),
        })
    })
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
    provided(move || core::state_badge(follow(state)).into_view())
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
    provided(move || core::resource_badge(follow(state)).into_view())
}

/// Asks to confirm an action while `open` is true.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::ui::ConfirmDialog;
/// let open = RwSignal::new(false);
/// view! {
///     <ConfirmDialog open=open title="Delete this migration?" confirm_label="Delete"
///         on_confirm=Callback::new(move |()| open.set(false))>
///         <p>"The record is removed; the destination resource stays."</p>
///     </ConfirmDialog>
/// };
/// ```
#[component]
pub fn ConfirmDialog(
    /// Shows the dialog while true; set to false on cancel.
    open: RwSignal<bool>,
    /// Heading and accessible name (English; translated through the catalog).
    title: &'static str,
    /// Text of the confirming button (English; translated).
    confirm_label: &'static str,
    /// Called when confirmed (the dialog stays open; close it by setting `open`).
    on_confirm: Callback<()>,
    /// Disables the buttons (while the confirmed action runs).
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// What the dialog says.
    children: ChildrenFn,
) -> impl IntoView {
    provided(move || {
        let confirm = crate::view::Callback::new(move |()| on_confirm.run(()));
        core::confirm_dialog(mirror(open), title, confirm_label, confirm, follow(busy), leptos_child(children()))
    })
}

/// A searchable picker bound to `selected`.
///
/// ```no_run
/// # use leptos::prelude::*;
/// # use waldur_migrations::{ui::*, LookupQuery, SourceResource};
/// let selected = RwSignal::new(None::<SourceResource>);
/// view! {
///     <Picker
///         id="src" label="Source resource" selected=selected
///         search=move |text: String, signal| async move {
///             let client = use_client().expect("a client");
///             let query = LookupQuery { name: Some(text), page_size: Some(20), ..Default::default() };
///             client.source_resources(query).signal(signal).await.map(|page| page.items)
///         }
///     />
/// };
/// ```
#[component]
pub fn Picker<T, S, Fut>(
    /// Element id of the input (the listbox is `<id>-list`).
    #[prop(into)]
    id: String,
    /// The visible label (English; translated through the catalog).
    label: &'static str,
    /// The chosen item.
    selected: RwSignal<Option<T>>,
    /// Searches by typed text (empty text: the first page).
    search: S,
    /// Placeholder of the input (English; translated).
    #[prop(default = "Type to search…")]
    placeholder: &'static str,
    /// Shows a "Clear" button when something is chosen.
    #[prop(default = true)]
    clearable: bool,
    /// `aria-describedby` of the input (field messages).
    #[prop(optional, into)]
    described_by: Option<String>,
    /// Marks the input invalid.
    #[prop(optional, into)]
    invalid: Signal<bool>,
) -> impl IntoView
where
    T: PickerItem + Send + Sync,
    S: Fn(String, AbortSignal) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<Vec<T>, Error>> + 'static,
{
    provided(move || {
        core::picker(core::PickerOptions {
            id,
            label,
            selected: mirror(selected),
            search,
            placeholder,
            clearable,
            described_by,
            invalid: follow(invalid),
        })
    })
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
    /// Networks of the source tenant; the Networks choice is shown when given (only a create
    /// uses them: the server never stores them).
    #[prop(optional, into)]
    networks: Option<Signal<Vec<Network>>>,
) -> impl IntoView {
    provided(move || {
        core::mappings_editor(core::EditorOptions {
            state: bridge_state(state),
            errors: mirror(errors),
            id_prefix,
            src_volume_types: follow(src_volume_types),
            dst_volume_types: follow(dst_volume_types),
            subnets: follow(subnets),
            networks: networks.map(follow),
        })
    })
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
    let names = Signal::derive(move || names.with(|names| names.iter().map(|(k, v)| (k.clone(), v.clone())).collect()));
    provided(move || core::mappings_tables(follow(mapping), follow(names)))
}
