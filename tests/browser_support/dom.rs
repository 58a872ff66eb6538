//! DOM helpers for the component tests: mount points, waiting, finding and poking elements.
#![allow(dead_code)]

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element appended to `<body>` to mount a component into.
pub fn container() -> HtmlElement {
    let div: HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

/// Waits for `check` to give a value (a state, never a time: the 60 s limit only ends a test
/// that would otherwise hang).
pub async fn until<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    for _ in 0..3000 {
        if let Some(value) = check() {
            return value;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    panic!("timed out waiting for: {what}");
}

pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).collect()
}

pub fn one(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

pub fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

/// The body rows of the migrations table.
pub fn rows(root: &Element) -> Vec<Element> {
    all(root, "table.wm-table--cards:not(.wm-table--skeleton) tbody tr")
}

/// A button by its visible text or aria-label.
pub fn button(root: &Element, name: &str) -> Option<HtmlElement> {
    all(root, "button")
        .into_iter()
        .find(|b| text(b).trim() == name || b.get_attribute("aria-label").as_deref() == Some(name))
        .and_then(|b| b.dyn_into().ok())
}

/// The control a `<label>` names (by `for`).
pub fn labelled(root: &Element, label: &str) -> Option<HtmlElement> {
    let target = all(root, "label").into_iter().find(|l| text(l).trim() == label)?.get_attribute("for")?;
    document().get_element_by_id(&target)?.dyn_into().ok()
}

pub fn click(element: &HtmlElement) {
    element.click();
}

fn fire(element: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

/// Types into an input (sets the value and fires `input`).
pub fn type_into(element: &HtmlElement, value: &str) {
    let input: &HtmlInputElement = element.unchecked_ref();
    let _ = input.focus();
    input.set_value(value);
    fire(input, "input");
}

/// Chooses an option of a `<select>` by value (fires `change`).
pub fn choose(element: &HtmlElement, value: &str) {
    let select: &HtmlSelectElement = element.unchecked_ref();
    select.set_value(value);
    fire(select, "change");
}

/// Ticks a checkbox (fires `change`).
pub fn tick(element: &HtmlElement, on: bool) {
    let input: &HtmlInputElement = element.unchecked_ref();
    input.set_checked(on);
    fire(input, "change");
}

/// Presses a key on an element (`keydown`).
pub fn press(element: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

/// Presses the mouse on an element (how the picker's options are chosen).
pub fn mouse_down(element: &Element) {
    fire(element, "mousedown");
}

/// Picks, in the picker with this label, the first option whose label is `name`.
pub async fn pick(root: &Element, label: &str, search: &str, name: &str) {
    let input = labelled(root, label).unwrap_or_else(|| panic!("no field labelled {label}"));
    let list_id = input.get_attribute("aria-controls").unwrap();
    type_into(&input, search);
    let option = until(&format!("option {name} in {label}"), || {
        let list = document().get_element_by_id(&list_id)?;
        // The options of the text typed, not of an earlier search.
        if list.get_attribute("aria-busy").as_deref() != Some("false") {
            return None;
        }
        all(&list, "[role=option]").into_iter().find(|o| one(o, ".wm-option-label").is_some_and(|l| text(&l) == name))
    })
    .await;
    mouse_down(&option);
}

/// The messages shown under the field with this id.
pub fn messages_of(field_id: &str) -> Vec<String> {
    match document().get_element_by_id(&format!("{field_id}-messages")) {
        Some(list) => all(&list, ".wm-field-error").iter().map(text).collect(),
        None => Vec::new(),
    }
}
