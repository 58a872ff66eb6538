//! Leptos 0.8 components (client-side rendering, feature `ui`) for listing, inspecting,
//! creating, editing and deleting migrations: the components of [`crate::components`] as
//! Leptos components, with Leptos props, signals and callbacks, under a [`MigrationsProvider`].
//! Each class starts with `wm-`; link [`STYLESHEETS`].
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

mod components;
mod context;
mod host;
mod i18n;
mod mappings;

pub use crate::components::PairRow;
pub use crate::components::STYLESHEETS;
pub use crate::intl::{canonical_locale, text_direction};
pub use components::*;
pub use context::{provide_client, use_client, MigrationsProvider, MigrationsProviderProps};
pub use host::Hosted;
pub use i18n::{use_i18n, I18n};
pub use mappings::MappingsState;
