//! The browser's `Intl` in a locale: canonical tags, writing direction, plural categories,
//! dates and relative times (no date or number formatting in the wasm). Shared by the
//! components and the Leptos layer; formatters are made once per locale.

use crate::display::relative_time;
use crate::global::Global;
use crate::model::Timestamp;
use crate::prelude::*;
use core::cell::RefCell;
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

static FORMATTERS: Global<RefCell<Option<Formatters>>> = Global::new(RefCell::new(None));

fn option(object: &js_sys::Object, key: &str, value: &str) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), &JsValue::from_str(value));
}

fn formatters(locale: &str) -> Formatters {
    let locales = js_sys::Array::of1(&JsValue::from_str(locale));
    let date_options = js_sys::Object::new();
    option(&date_options, "dateStyle", "medium");
    option(&date_options, "timeStyle", "short");
    let relative_options = js_sys::Object::new();
    option(&relative_options, "numeric", "auto");
    Formatters {
        locale: locale.to_owned(),
        date: js_sys::Intl::DateTimeFormat::new(&locales, &date_options),
        relative: js_sys::Intl::RelativeTimeFormat::new(&locales, &relative_options),
        plural: js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new()),
    }
}

fn with_formatters<R>(locale: &str, use_them: impl FnOnce(&Formatters) -> R) -> R {
    FORMATTERS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut cell) => {
            if cell.as_ref().is_none_or(|f| f.locale != locale) {
                *cell = Some(formatters(locale));
            }
            match cell.as_ref() {
                Some(formatters) => use_them(formatters),
                None => use_them(&formatters(locale)),
            }
        }
        Err(_) => use_them(&formatters(locale)),
    })
}

/// The plural category of `count` in `locale` (`one`, `few`, `other`, ...).
pub fn plural_category(locale: &str, count: u64) -> String {
    with_formatters(locale, |f| String::from(f.plural.select(count as f64)))
}

/// `stamp` as a JS `Date`.
fn js_date(stamp: &Timestamp) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(stamp.unix_millis() as f64))
}

/// A date and time for machines (`<time datetime>`): ISO 8601 in UTC, to the millisecond.
pub fn iso(stamp: &Timestamp) -> String {
    String::from(js_date(stamp).to_iso_string())
}

/// A date and time, as `locale` writes them (`Intl.DateTimeFormat`).
pub fn date(locale: &str, stamp: &Timestamp) -> String {
    let date = js_date(stamp);
    with_formatters(locale, |f| f.date.format().call1(&f.date, &date).ok().and_then(|t| t.as_string()))
        .unwrap_or_else(|| iso(stamp))
}

/// How long ago (or ahead) `stamp` is from `now_ms`, as `locale` says it.
pub fn relative(locale: &str, stamp: &Timestamp, now_ms: i64) -> String {
    let (amount, unit) = relative_time(stamp.unix_millis(), now_ms);
    with_formatters(locale, |f| String::from(f.relative.format(amount as f64, unit.as_str())))
}
