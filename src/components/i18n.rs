//! The components' language: the host's locale and catalog (see [`crate::i18n`]) in signals,
//! so a change re-renders only the texts; dates, relative times and plural categories from the
//! browser's `Intl` in that locale ([`crate::intl`]).

use crate::prelude::*;
use crate::view::{use_context, Signal};

/// `I18n` and its methods, with the `Signal` in scope where it is expanded: the components'
/// own here, Leptos's in `ui` (one definition for both reactive systems).
macro_rules! language {
    () => {
        /// The language of the components below a provider.
        #[derive(Clone, Copy)]
        pub struct I18n {
            pub(crate) locale: Signal<String>,
            pub(crate) catalog: Signal<$crate::i18n::Catalog>,
        }

        impl I18n {
            /// A locale and a catalog, both following signals.
            pub fn new(locale: Signal<String>, catalog: Signal<$crate::i18n::Catalog>) -> Self {
                I18n { locale, catalog }
            }

            /// English, built in.
            pub fn english() -> Self {
                I18n { locale: Signal::stored("en".to_owned()), catalog: Signal::stored($crate::i18n::Catalog::new()) }
            }

            /// The locale tag (`en`, `et-EE`).
            pub fn locale(&self) -> String {
                self.locale.try_get().filter(|l| !l.is_empty()).unwrap_or_else(|| "en".to_owned())
            }

            /// The current text of `key` (tracks the locale and the catalog); English when the view is
            /// being torn down.
            pub fn text(&self, key: &str) -> String {
                self.catalog.try_with(|catalog| catalog.text(key).to_owned()).unwrap_or_else(|| key.to_owned())
            }

            /// A text that follows the locale and the catalog.
            pub fn tr(self, key: &'static str) -> Signal<String> {
                Signal::derive(move || self.text(key))
            }

            /// A text with `{name}` placeholders filled.
            pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
                $crate::i18n::fill(&self.text(key), args)
            }

            /// A server or validation message, translated where the catalog knows it.
            pub fn message(&self, text: &str) -> String {
                self.catalog.try_with(|catalog| catalog.message(text)).unwrap_or_else(|| text.to_owned())
            }

            /// The plural text for `count` (`one` and `other` are the English forms; the catalog is
            /// keyed by `other`).
            pub fn plural(&self, one: &str, other: &str, count: u64) -> String {
                let category = $crate::intl::plural_category(&self.locale(), count);
                let plural = |catalog: &$crate::i18n::Catalog| catalog.plural(one, other, count, &category);
                self.catalog.try_with(plural).unwrap_or_else(|| plural(&$crate::i18n::Catalog::new()))
            }

            /// A date and time, as the locale writes them (`Intl.DateTimeFormat`).
            pub fn date(&self, stamp: &$crate::model::Timestamp) -> String {
                $crate::intl::date(&self.locale(), stamp)
            }

            /// How long ago (or ahead) a moment is, as the locale says it (`Intl.RelativeTimeFormat`).
            pub fn relative(&self, stamp: &$crate::model::Timestamp, now_ms: i64) -> String {
                $crate::intl::relative(&self.locale(), stamp, now_ms)
            }
        }
    };
}

#[cfg_attr(not(feature = "ui"), allow(unused_imports))]
pub(crate) use language;

language!();

/// The language of the current component: the provider's, else English.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(I18n::english)
}
