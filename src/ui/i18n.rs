//! The components' language: the host's locale and catalog (see [`crate::i18n`]) in signals,
//! so a change re-renders only the texts; dates, relative times and plural categories from the
//! browser's `Intl` in that locale (no date formatting in the wasm).

use crate::display::relative_time;
use crate::i18n::{fill, Catalog};
use crate::model::Timestamp;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.getCanonicalLocales`, which throws on a malformed tag (caught here).
    #[wasm_bindgen(js_namespace = Intl, js_name = getCanonicalLocales, catch)]
    fn canonical_locales(locales: &JsValue) -> Result<js_sys::Array, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    /// `Intl.Locale`.
    #[wasm_bindgen(js_namespace = Intl, js_name = Locale)]
    type Locale;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "Locale", catch)]
    fn new(tag: &str) -> Result<Locale, JsValue>;
    /// `getTextInfo()` (Chromium 130+, Safari 17+).
    #[wasm_bindgen(method, js_name = getTextInfo, catch)]
    fn get_text_info(this: &Locale) -> Result<JsValue, JsValue>;
    /// The `textInfo` getter of earlier browsers.
    #[wasm_bindgen(method, getter, js_name = textInfo)]
    fn text_info(this: &Locale) -> JsValue;
}

/// `"rtl"` for a locale written right to left (Arabic, Hebrew, Persian, ...), else `"ltr"`, as
/// the browser's `Intl.Locale` says.
pub fn text_direction(tag: &str) -> &'static str {
    let Ok(locale) = Locale::new(tag) else { return "ltr" };
    let info = locale.get_text_info().ok().filter(|i| i.is_object()).unwrap_or_else(|| locale.text_info());
    let direction = js_sys::Reflect::get(&info, &JsValue::from_str("direction")).ok().and_then(|d| d.as_string());
    if direction.as_deref() == Some("rtl") {
        "rtl"
    } else {
        "ltr"
    }
}

/// The locale tag `tag` names, canonical (`en-us` -> `en-US`), or `en` when it is not one.
pub fn canonical_locale(tag: &str) -> String {
    let tag = tag.trim();
    if tag.is_empty() {
        return "en".to_owned();
    }
    canonical_locales(&JsValue::from_str(tag))
        .ok()
        .and_then(|list| list.get(0).as_string())
        .unwrap_or_else(|| "en".to_owned())
}

/// `Intl` formatters of one locale, made once.
struct Formatters {
    locale: String,
    date: js_sys::Intl::DateTimeFormat,
    relative: js_sys::Intl::RelativeTimeFormat,
    plural: js_sys::Intl::PluralRules,
}

thread_local! {
    static FORMATTERS: RefCell<Option<Formatters>> = const { RefCell::new(None) };
}

fn option(object: &js_sys::Object, key: &str, value: &str) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), &JsValue::from_str(value));
}

fn with_formatters<R>(locale: &str, use_them: impl FnOnce(&Formatters) -> R) -> R {
    FORMATTERS.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_none_or(|f| f.locale != locale) {
            let locales = js_sys::Array::of1(&JsValue::from_str(locale));
            let date_options = js_sys::Object::new();
            option(&date_options, "dateStyle", "medium");
            option(&date_options, "timeStyle", "short");
            let relative_options = js_sys::Object::new();
            option(&relative_options, "numeric", "auto");
            *cell = Some(Formatters {
                locale: locale.to_owned(),
                date: js_sys::Intl::DateTimeFormat::new(&locales, &date_options),
                relative: js_sys::Intl::RelativeTimeFormat::new(&locales, &relative_options),
                plural: js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new()),
            });
        }
        match cell.as_ref() {
            Some(formatters) => use_them(formatters),
            None => unreachable_formatters(use_them),
        }
    })
}

/// Never reached (the cell was just filled); English formatters keep it total.
fn unreachable_formatters<R>(use_them: impl FnOnce(&Formatters) -> R) -> R {
    let locales = js_sys::Array::of1(&JsValue::from_str("en"));
    use_them(&Formatters {
        locale: "en".to_owned(),
        date: js_sys::Intl::DateTimeFormat::new(&locales, &js_sys::Object::new()),
        relative: js_sys::Intl::RelativeTimeFormat::new(&locales, &js_sys::Object::new()),
        plural: js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new()),
    })
}

/// The language of the components below a provider.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: Signal<String>,
    catalog: Signal<Catalog>,
}

impl I18n {
    /// A locale and a catalog, both following signals.
    pub fn new(locale: Signal<String>, catalog: Signal<Catalog>) -> Self {
        I18n { locale, catalog }
    }

    /// English, built in.
    pub fn english() -> Self {
        I18n { locale: Signal::stored("en".to_owned()), catalog: Signal::stored(Catalog::new()) }
    }

    /// The locale tag (`en`, `et-EE`).
    pub fn locale(&self) -> String {
        self.locale.try_get().unwrap_or_else(|| "en".to_owned())
    }

    /// The current text of `key` (tracks the locale and the catalog). The `try_` reads: a view
    /// being torn down may still ask, and gets English rather than a panic.
    pub fn text(&self, key: &str) -> String {
        self.catalog.try_with(|catalog| catalog.text(key).to_owned()).unwrap_or_else(|| key.to_owned())
    }

    /// A text that follows the locale and the catalog.
    pub fn tr(self, key: &'static str) -> Signal<String> {
        Signal::derive(move || self.text(key))
    }

    /// A text with `{name}` placeholders filled.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(&self.text(key), args)
    }

    /// A server or validation message, translated where the catalog knows it.
    pub fn message(&self, text: &str) -> String {
        self.catalog.try_with(|catalog| catalog.message(text)).unwrap_or_else(|| text.to_owned())
    }

    /// The plural text for `count` (`one` and `other` are the English forms; the catalog is
    /// keyed by `other`).
    pub fn plural(&self, one: &str, other: &str, count: u64) -> String {
        let locale = self.locale();
        let category = with_formatters(&locale, |f| String::from(f.plural.select(count as f64)));
        let plural = |catalog: &Catalog| catalog.plural(one, other, count, &category);
        self.catalog.try_with(plural).unwrap_or_else(|| plural(&Catalog::new()))
    }

    /// A date and time, as the locale writes them (`Intl.DateTimeFormat`).
    pub fn date(&self, stamp: &Timestamp) -> String {
        let locale = self.locale();
        let date = js_sys::Date::new(&JsValue::from_f64(stamp.unix_millis() as f64));
        with_formatters(&locale, |f| f.date.format().call1(&f.date, &date).ok().and_then(|t| t.as_string()))
            .unwrap_or_else(|| stamp.to_rfc3339())
    }

    /// How long ago (or ahead) a moment is, as the locale says it (`Intl.RelativeTimeFormat`).
    pub fn relative(&self, stamp: &Timestamp, now_ms: i64) -> String {
        let locale = self.locale();
        let (amount, unit) = relative_time(stamp.unix_millis(), now_ms);
        with_formatters(&locale, |f| String::from(f.relative.format(amount as f64, unit.as_str())))
    }
}

/// The language of the current component: the provider's, else English.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(I18n::english)
}
