//! Markup built straight into the DOM: [`h`] creates an element at once, attributes and texts
//! that follow a signal get one small effect each, [`dynamic`] rebuilds a region between two
//! markers, and [`keyed`] keeps a list's rows by key. Every element is the same Rust type and
//! every reactive region the same boxed closure, so this code is compiled once whatever the
//! markup.

mod mount;
mod regions;

pub use mount::{mount_to, remove_range, Mounted};
pub use regions::{dynamic, keyed};

use super::handles::{batch, effect, on_cleanup, Signal};
use crate::fns::RunWith;
use crate::global::Global;
use crate::prelude::*;
use core::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

static DOCUMENT: Global<RefCell<Option<web_sys::Document>>> = Global::new(RefCell::new(None));

/// The page's document (made once).
pub fn document() -> web_sys::Document {
    let find = || window().document().unwrap_or_else(|| JsValue::UNDEFINED.unchecked_into());
    DOCUMENT.with(|cell| match cell.try_borrow_mut() {
        Ok(mut cell) => cell.get_or_insert_with(find).clone(),
        Err(_) => find(),
    })
}

/// The page's window.
pub fn window() -> web_sys::Window {
    js_sys::global().unchecked_into()
}

/// Something shown: an element, a text, several of them, or nothing.
#[derive(Default)]
pub struct View(Option<web_sys::Node>);

impl View {
    /// Nothing.
    pub fn empty() -> View {
        View(None)
    }

    /// The node (a `DocumentFragment` when it is several), `None` for nothing.
    pub fn into_node(self) -> Option<web_sys::Node> {
        self.0
    }

    /// A node built elsewhere, as a view.
    pub fn from_node(node: web_sys::Node) -> View {
        View(Some(node))
    }
}

/// An element being built (already in the document's memory, not yet on the page).
#[must_use = "an element shows nothing until it is added to a view"]
pub struct Node(web_sys::Element);

/// Starts an element.
pub fn h(tag: &'static str) -> Node {
    let element = document().create_element(tag).unwrap_or_else(|_| JsValue::UNDEFINED.unchecked_into());
    Node(element)
}

/// An attribute value: fixed, or following a signal (`None` removes the attribute).
pub enum Value {
    /// A fixed text.
    Static(&'static str),
    /// A text computed once.
    Owned(String),
    /// A text that follows a signal.
    Live(Signal<String>),
    /// Present while the signal holds a text, absent while it holds `None`.
    Maybe(Signal<Option<String>>),
}

impl From<&'static str> for Value {
    fn from(text: &'static str) -> Self {
        Value::Static(text)
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::Owned(text)
    }
}

impl From<Signal<String>> for Value {
    fn from(text: Signal<String>) -> Self {
        Value::Live(text)
    }
}

impl From<Signal<Option<String>>> for Value {
    fn from(text: Signal<Option<String>>) -> Self {
        Value::Maybe(text)
    }
}

/// A text that follows the signals `compute` reads.
pub fn live(compute: impl Fn() -> String + 'static) -> Signal<String> {
    Signal::derive(compute)
}

/// An optional attribute text that follows the signals `compute` reads.
pub fn maybe(compute: impl Fn() -> Option<String> + 'static) -> Signal<Option<String>> {
    Signal::derive(compute)
}

/// A text node.
pub fn text(content: &str) -> View {
    View(Some(document().create_text_node(content).into()))
}

/// A text node following a signal.
fn live_text(content: Signal<String>) -> View {
    let node = document().create_text_node("");
    let target = node.clone();
    effect(move || content.with(|text| target.set_data(text)));
    View(Some(node.into()))
}

/// Something that can be a child of a [`Node`].
pub trait Child {
    /// As a view.
    fn into_child(self) -> View;
}

impl Child for Node {
    fn into_child(self) -> View {
        self.into_view()
    }
}

impl Child for View {
    fn into_child(self) -> View {
        self
    }
}

impl Child for &str {
    fn into_child(self) -> View {
        text(self)
    }
}

impl Child for String {
    fn into_child(self) -> View {
        text(&self)
    }
}

impl Child for Signal<String> {
    fn into_child(self) -> View {
        live_text(self)
    }
}

impl Child for Vec<View> {
    fn into_child(self) -> View {
        fragment(self)
    }
}

impl<C: Child> Child for Option<C> {
    fn into_child(self) -> View {
        self.map(Child::into_child).unwrap_or_default()
    }
}

/// Several views as one (a list, or an iterator that makes them: no `Vec` is collected).
pub fn fragment(views: impl IntoIterator<Item = View>) -> View {
    let fragment = document().create_document_fragment();
    for view in views {
        if let Some(node) = view.0 {
            let _ = fragment.append_child(&node);
        }
    }
    View(Some(fragment.into()))
}

impl Node {
    /// Sets an attribute.
    pub fn attr(self, name: &'static str, value: impl Into<Value>) -> Self {
        self.set_attribute(name, value.into())
    }

    fn set_attribute(self, name: &'static str, value: Value) -> Self {
        let element = self.0.clone();
        match value {
            Value::Static(text) => {
                let _ = element.set_attribute(name, text);
            }
            Value::Owned(text) => {
                let _ = element.set_attribute(name, &text);
            }
            Value::Live(text) => effect(move || {
                text.with(|text| {
                    let _ = element.set_attribute(name, text);
                })
            }),
            Value::Maybe(text) => effect(move || {
                text.with(|text| match text {
                    Some(text) => {
                        let _ = element.set_attribute(name, text);
                    }
                    None => {
                        let _ = element.remove_attribute(name);
                    }
                })
            }),
        }
        self
    }

    /// Sets `class`.
    pub fn class(self, value: impl Into<Value>) -> Self {
        self.attr("class", value)
    }

    /// Sets `id`.
    pub fn id(self, value: impl Into<Value>) -> Self {
        self.attr("id", value)
    }

    /// Sets a boolean attribute (`disabled`, `hidden`, ...) while `on` holds.
    pub fn flag(self, name: &'static str, on: Signal<bool>) -> Self {
        let element = self.0.clone();
        effect(move || {
            let _ = element.toggle_attribute_with_force(name, on.get());
        });
        self
    }

    /// Sets a boolean attribute when `on` (for markup built once).
    pub fn set_if(self, name: &'static str, on: bool) -> Self {
        if on {
            self.attr(name, "")
        } else {
            self
        }
    }

    /// Sets the `value` property (of an input), following a signal; left alone while it
    /// already holds that text, so typing keeps the caret.
    pub fn value(self, value: Signal<String>) -> Self {
        let element = self.0.clone();
        effect(move || {
            value.with(|text| {
                if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
                    if input.value() != *text {
                        input.set_value(text);
                    }
                }
            })
        });
        self
    }

    /// Sets the `checked` property (of a checkbox), following a signal.
    pub fn checked(self, checked: Signal<bool>) -> Self {
        let element = self.0.clone();
        effect(move || {
            if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
                input.set_checked(checked.get());
            }
        });
        self
    }

    /// Listens to `event` while the view lives.
    pub fn on(self, event: &'static str, handler: impl FnMut(web_sys::Event) + 'static) -> Self {
        listen_boxed(self.0.unchecked_ref(), event, Box::new(handler));
        self
    }

    /// Adds a child.
    pub fn child(self, child: impl Child) -> Self {
        self.append(child.into_child())
    }

    fn append(self, view: View) -> Self {
        if let Some(node) = view.0 {
            let _ = self.0.append_child(&node);
        }
        self
    }

    /// Adds children.
    pub fn children(self, children: impl IntoIterator<Item = View>) -> Self {
        let mut node = self;
        for child in children {
            node = node.append(child);
        }
        node
    }

    /// The element itself.
    pub fn element(&self) -> &web_sys::Element {
        &self.0
    }

    /// The element as a view.
    pub fn into_view(self) -> View {
        View(Some(self.0.into()))
    }
}

/// Calls `handler` on `event` at `target` until the current view is disposed. Each call runs
/// as one batch (effects it makes stale run once, after it).
pub fn listen(target: &web_sys::EventTarget, event: &'static str, handler: impl FnMut(web_sys::Event) + 'static) {
    listen_boxed(target, event, Box::new(handler));
}

fn listen_boxed(target: &web_sys::EventTarget, event: &'static str, mut handler: Box<dyn RunWith<web_sys::Event>>) {
    let closure =
        Closure::wrap(Box::new(move |event: web_sys::Event| batch(|| handler.run_with(event))) as Box<dyn FnMut(_)>);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    let target = target.clone();
    on_cleanup(move || {
        let _ = target.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        drop(closure);
    });
}

/// The value of the input or select an event came from.
pub fn target_value(event: &web_sys::Event) -> String {
    let Some(target) = event.target() else { return String::new() };
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        return input.value();
    }
    if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        return select.value();
    }
    String::new()
}

/// Whether the checkbox an event came from is checked.
pub fn target_checked(event: &web_sys::Event) -> bool {
    event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|input| input.checked())
}

/// The key of a keyboard event (`""` for other events).
pub fn key_of(event: &web_sys::Event) -> String {
    event.dyn_ref::<web_sys::KeyboardEvent>().map(web_sys::KeyboardEvent::key).unwrap_or_default()
}
