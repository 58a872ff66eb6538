//! The language of the Leptos components: the host's locale and catalog in Leptos signals.
//! The components below follow them; Leptos code reads them through [`use_i18n`].

use leptos::prelude::*;

crate::components::language!();

/// The language of the current Leptos component: the provider's, else English.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(I18n::english)
}
