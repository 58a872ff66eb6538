//! Leptos 0.8 components (client-side rendering) for listing, inspecting, creating, editing
//! and deleting migrations. Each component lives in a folder with its CSS; every class starts
//! with `wm-`, so the components do not clash with a host page. Light and dark follow
//! `prefers-color-scheme`; everything works from 360 px wide and with the keyboard alone.
//!
//! Put a client in context with [`provide_client`] (or wrap the tree in
//! [`MigrationsProvider`]), then use the components below it:
//!
//! ```no_run
//! use leptos::prelude::*;
//! use waldur_migrations::{ui::*, Client};
//!
//! #[component]
//! fn App() -> impl IntoView {
//!     let client = Client::builder("https://waldur.example.com").token("...").build();
//!     view! {
//!         <MigrationsProvider client=client>
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
mod fields;
mod list;
mod loader;
mod mappings;
mod picker;
mod table;

pub use badge::{ResourceStateBadge, StateBadge};
pub use context::{provide_client, use_client, MigrationsProvider};
pub use create::MigrationCreateForm;
pub use details::MigrationDetailsView;
pub use dialog::ConfirmDialog;
pub use list::{ListFilters, MigrationList, PAGE_SIZES};
pub use loader::{use_loader, Loader};
pub use mappings::{MappingsEditor, MappingsState, MappingsTables};
pub use picker::{Picker, PickerItem};
pub use table::MigrationTable;

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
