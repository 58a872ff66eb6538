//! The elements' language: catalogs the host registers by locale (`setMessages`), the
//! document's `lang` (followed as it changes), and each element's own or inherited `lang`.

use crate::i18n::Catalog;
use crate::json::Json;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The observer of the document's `lang` and its callback (kept alive together).
type Observer = (web_sys::MutationObserver, Closure<dyn FnMut()>);

thread_local! {
    static CATALOGS: ArcRwSignal<HashMap<String, Catalog>> = ArcRwSignal::new(HashMap::new());
    static DOCUMENT_LANG: ArcRwSignal<String> = ArcRwSignal::new(document_lang());
    static OBSERVER: RefCell<Option<Observer>> = const { RefCell::new(None) };
}

fn document_lang() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .unwrap_or_default()
}

/// Starts following the document's `lang` attribute (once).
pub(crate) fn follow_document_lang() {
    OBSERVER.with(|cell| {
        if cell.borrow().is_some() {
            return;
        }
        let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else {
            return;
        };
        let callback = Closure::<dyn FnMut()>::new(|| DOCUMENT_LANG.with(|lang| lang.set(document_lang())));
        let Ok(observer) = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()) else { return };
        let options = web_sys::MutationObserverInit::new();
        options.set_attributes(true);
        options.set_attribute_filter(&js_sys::Array::of1(&JsValue::from_str("lang")));
        if observer.observe_with_options(&root, &options).is_ok() {
            *cell.borrow_mut() = Some((observer, callback));
        }
    });
}

/// Registers the catalog of `locale` for every element (mounted ones re-render their texts):
/// `setMessages("de", { "Migrations": "Migrationen", ... })`.
#[wasm_bindgen(js_name = setMessages)]
pub fn set_messages(
    locale: &str,
    #[wasm_bindgen(unchecked_param_type = "Record<string, string | Record<string, string>>")] catalog: JsValue,
) {
    let tag = crate::ui::canonical_locale(locale);
    let catalog = Catalog::from_json(&Json::from_js(catalog));
    CATALOGS.with(|catalogs| {
        catalogs.update(|all| {
            all.insert(tag, catalog);
        })
    });
}

/// The `lang` that applies to `host`: its own, else the nearest ancestor's, else the document's
/// (followed as it changes); `en` when none is set.
pub(crate) fn locale_of(host: &web_sys::HtmlElement, own: Signal<Option<String>>) -> Signal<String> {
    let inherited = host.parent_element().and_then(|parent| parent.closest("[lang]").ok().flatten()).and_then(|e| {
        // The root's `lang` is followed live below.
        let is_root = e.parent_element().is_none();
        (!is_root).then(|| e.get_attribute("lang")).flatten()
    });
    let document = DOCUMENT_LANG.with(Clone::clone);
    Signal::derive(move || {
        own.get().filter(|lang| !lang.trim().is_empty()).or_else(|| inherited.clone()).unwrap_or_else(|| document.get())
    })
}

/// The catalog registered for `locale` (or for its language alone: `de` for `de-AT`).
pub(crate) fn catalog_of(locale: Signal<String>) -> Signal<Catalog> {
    let catalogs = CATALOGS.with(Clone::clone);
    Signal::derive(move || {
        let tag = crate::ui::canonical_locale(&locale.get());
        let language = tag.split('-').next().unwrap_or("").to_owned();
        catalogs.with(|all| all.get(&tag).or_else(|| all.get(&language)).cloned().unwrap_or_default())
    })
}
