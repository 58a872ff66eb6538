//! The elements' language: catalogs the host registers by locale (`setMessages`), the
//! document's `lang` (followed as it changes), and each element's own or inherited `lang`.

use crate::global::Global;
use crate::i18n::Catalog;
use crate::json::Json;
use crate::prelude::*;
use crate::view::dom::document;
use crate::view::{Memo, Owner, RwSignal, Signal};
use core::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The observer of the document's `lang` and its callback (kept alive together).
type Observer = (web_sys::MutationObserver, Closure<dyn FnMut()>);

/// What every element shares: the registered catalogs, the document's `lang`, its observer.
struct Shared {
    catalogs: RwSignal<Vec<(String, Catalog)>>,
    document_lang: RwSignal<String>,
    observer: Option<Observer>,
}

static SHARED: Global<RefCell<Option<Shared>>> = Global::new(RefCell::new(None));

fn document_lang() -> String {
    document().document_element().and_then(|e| e.get_attribute("lang")).unwrap_or_default()
}

/// The shared signals (made once, owned by a root that lives as long as the page).
fn shared() -> (RwSignal<Vec<(String, Catalog)>>, RwSignal<String>) {
    SHARED.with(|cell| {
        let mut cell = match cell.try_borrow_mut() {
            Ok(cell) => cell,
            // Never re-entered; a fresh pair keeps this total.
            Err(_) => return Owner::root().with(|| (RwSignal::new(Vec::new()), RwSignal::new(document_lang()))),
        };
        let shared = cell.get_or_insert_with(|| {
            let (catalogs, document_lang) =
                Owner::root().with(|| (RwSignal::new(Vec::new()), RwSignal::new(document_lang())));
            Shared { catalogs, document_lang, observer: None }
        });
        (shared.catalogs, shared.document_lang)
    })
}

/// Starts following the document's `lang` attribute (once).
pub(crate) fn follow_document_lang() {
    let (_, lang) = shared();
    SHARED.with(|cell| {
        let Ok(mut cell) = cell.try_borrow_mut() else { return };
        let Some(shared) = cell.as_mut() else { return };
        if shared.observer.is_some() {
            return;
        }
        let Some(root) = document().document_element() else { return };
        let callback = Closure::wrap(Box::new(move || lang.set(document_lang())) as Box<dyn FnMut()>);
        let Ok(observer) = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()) else { return };
        let options = web_sys::MutationObserverInit::new();
        options.set_attributes(true);
        options.set_attribute_filter(&js_sys::Array::of1(&JsValue::from_str("lang")));
        if observer.observe_with_options(&root, &options).is_ok() {
            shared.observer = Some((observer, callback));
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
    let tag = crate::intl::canonical_locale(locale);
    let catalog = Catalog::from_json(&Json::from_js(catalog));
    let (catalogs, _) = shared();
    catalogs.update(|all| {
        all.retain(|(known, _)| *known != tag);
        all.push((tag, catalog));
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
    let (_, document) = shared();
    Signal::derive(move || {
        own.get().filter(|lang| !lang.trim().is_empty()).or_else(|| inherited.clone()).unwrap_or_else(|| document.get())
    })
}

/// The catalog registered for `locale` (or for its language alone: `de` for `de-AT`): a memo,
/// so that reading a text borrows it (a derived signal cloned the catalog, and asked `Intl` for
/// the canonical tag, at every read).
pub(crate) fn catalog_of(locale: Signal<String>) -> Signal<Catalog> {
    let (catalogs, _) = shared();
    Memo::new(move |_| {
        let tag = crate::intl::canonical_locale(&locale.get());
        let language = tag.split('-').next().unwrap_or("").to_owned();
        let find = |all: &[(String, Catalog)], wanted: &str| {
            all.iter().find(|(known, _)| known == wanted).map(|(_, catalog)| catalog.clone())
        };
        catalogs.with(|all| find(all, &tag).or_else(|| find(all, &language)).unwrap_or_default())
    })
    .into()
}
