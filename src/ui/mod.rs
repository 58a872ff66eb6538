//! Leptos 0.8 components (client-side rendering) for listing, inspecting, creating, editing
//! and deleting migrations. Each component lives in a folder with its CSS; every class starts
//! with `wm-`, every colour, radius and font is a `--wm-*` custom property falling back to
//! Bootstrap's `--bs-*` (see `theme.css`), so the components match a Bootstrap host such as
//! HomePort. Light and dark follow the host's `data-bs-theme` or `prefers-color-scheme`;
//! everything works from 360 px wide, right to left, and with the keyboard alone.
//!
//! Every visible text goes through the catalog of the [`MigrationsProvider`] (keyed by the
//! English text, see [`crate::i18n`]); dates and relative times are the browser's `Intl`.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use waldur_migrations::{ui::*, Client};
//!
//! #[component]
//! fn App() -> impl IntoView {
//!     let client = Client::builder("https://waldur.example.com").token("...").build();
//!     view! {
//!         <MigrationsProvider client=client locale="en">
//!             <MigrationList on_select=Callback::new(|m: waldur_migrations::MigrationDetails| {
//!                 leptos::logging::log!("open {}", m.uuid)
//!             }) />
//!         </MigrationsProvider>
//!     }
//! }
//! ```
//!
//! The stylesheets are in [`STYLESHEETS`]; a host page links them (the standalone page and the
//! npm elements package ship them as files).

mod badge;
mod context;
mod create;
mod details;
mod dialog;
pub mod dom;
mod fields;
pub mod hooks;
mod i18n;
mod list;
mod lookups;
mod mappings;
mod picker;
mod table;

pub use badge::{ResourceStateBadge, StateBadge};
pub use context::{provide_client, use_client, MigrationsProvider, MigrationsProviderProps};
pub use create::{MigrationCreateForm, MigrationCreateFormProps};
pub use details::{MigrationDetailsView, MigrationDetailsViewProps};
pub use dialog::ConfirmDialog;
#[cfg(feature = "page")]
pub(crate) use fields::{checkbox, error_summary};
pub use hooks::{use_loader, Loader};
pub use i18n::{canonical_locale, text_direction, use_i18n, I18n};
pub use list::{ListFilters, MigrationList, MigrationListProps, PAGE_SIZES};
pub use mappings::{MappingsEditor, MappingsState, MappingsTables, PairRow};
pub use picker::{Picker, PickerItem};
pub use table::{MigrationTable, MigrationTableProps};

/// Every stylesheet of the components, in cascade order: (file name, CSS text).
pub const STYLESHEETS: [(&str, &str); 9] = [
    ("theme.css", include_str!("theme.css")),
    ("badge.css", include_str!("badge/badge.css")),
    ("table.css", include_str!("table/table.css")),
    ("list.css", include_str!("list/list.css")),
    ("picker.css", include_str!("picker/picker.css")),
    ("dialog.css", include_str!("dialog/dialog.css")),
    ("mappings.css", include_str!("mappings/mappings.css")),
    ("forms.css", include_str!("create/forms.css")),
    ("details.css", include_str!("details/details.css")),
];
