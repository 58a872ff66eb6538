//! The components, on the crate's own reactive DOM layer ([`crate::view`]), feature
//! `components`: listing, inspecting, creating, editing and deleting migrations. The custom
//! elements and the standalone page show them as they are; the Leptos components (feature
//! `ui`) wrap them. Each component lives in a folder with its CSS; every class starts with
//! `wm-`, every colour, radius and font is a `--wm-*` custom property falling back to
//! Bootstrap's `--bs-*` (see `theme.css`), so the components match a Bootstrap host such as
//! HomePort. Light and dark follow the host's `data-bs-theme` or `prefers-color-scheme`;
//! everything works from 360 px wide, right to left, and with the keyboard alone.
//!
//! Every visible text goes through the catalog of the provider (keyed by the English text, see
//! [`crate::i18n`]); dates and relative times are the browser's `Intl`.
//!
//! ```no_run
//! use waldur_migrations::components::*;
//! use waldur_migrations::view::dom::mount_to;
//! # let body: web_sys::HtmlElement = todo!();
//! let client = waldur_migrations::Client::builder("https://waldur.example.com").token("...").build();
//! let options = ProviderOptions { client, locale: None, messages: None, resource_href: None, staff: None };
//! let mounted = mount_to(&body, move || migrations_provider(options, || migration_list(ListOptions::default())));
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
pub mod hooks;
mod i18n;
mod list;
mod lookups;
mod mappings;
mod picker;
mod table;

pub use badge::{resource_badge, state_badge};
pub use context::{migrations_provider, provide_client, use_client, ProviderOptions};
pub use create::{migration_create_form, CreateOptions};
pub use details::{migration_details, DetailsOptions};
pub use dialog::confirm_dialog;
#[cfg(feature = "page")]
pub(crate) use fields::{checkbox, error_summary};
pub use hooks::{use_loader, Loader};
#[cfg(feature = "ui")]
pub(crate) use i18n::language;
pub use i18n::{use_i18n, I18n};
pub use list::{migration_list, ListFilters, ListOptions, PAGE_SIZES};
#[cfg(feature = "ui")]
pub(crate) use mappings::mappings_state;
pub use mappings::{
    mappings_editor, mappings_tables, new_row, request_of, rows_of, EditorOptions, MappingsState, PairRow,
};
pub use picker::{picker, PickerItem, PickerOptions};
pub use table::{migration_table, TableOptions};

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
