//! The components' markup, built with one element type.
//!
//! Leptos's `view!` gives every element its own Rust type (its tag, its attributes and its
//! children, nested), and the renderer is compiled again for each: that was most of the
//! components' wasm. Here every element is the same type — a tag name, a list of attributes
//! and a list of children — and every reactive region the same boxed closure, so the renderer
//! is compiled a handful of times whatever the markup. The result is still Leptos: the same
//! fine-grained updates, owners, cleanups and effects.

use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::tachys::html::attribute::custom::custom_attribute;
use leptos::tachys::html::element::{custom, Custom};
use leptos::tachys::html::event::{on, Custom as CustomEvent};
use leptos::tachys::html::property::prop;
use std::sync::{Arc, Mutex};

/// An element being built: a tag, its attributes and its children.
#[must_use = "an element shows nothing until it is turned into a view"]
pub struct Node {
    tag: &'static str,
    attrs: Vec<AnyAttribute>,
    children: Vec<AnyView>,
}

/// Starts an element.
pub fn h(tag: &'static str) -> Node {
    Node { tag, attrs: Vec::new(), children: Vec::new() }
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
pub fn live(compute: impl Fn() -> String + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(compute)
}

/// An optional attribute text that follows the signals `compute` reads.
pub fn maybe(compute: impl Fn() -> Option<String> + Send + Sync + 'static) -> Signal<Option<String>> {
    Signal::derive(compute)
}

/// A region of the view rebuilt when the signals `render` reads change.
pub fn dynamic(render: impl FnMut() -> AnyView + Send + 'static) -> AnyView {
    let shared: Arc<Mutex<dyn FnMut() -> AnyView + Send>> = Arc::new(Mutex::new(render));
    shared.into_any()
}

/// Something that can be a child of a [`Node`].
pub trait Child {
    /// As a view.
    fn into_child(self) -> AnyView;
}

impl Child for Node {
    fn into_child(self) -> AnyView {
        self.into_view()
    }
}

impl Child for AnyView {
    fn into_child(self) -> AnyView {
        self
    }
}

impl Child for &'static str {
    fn into_child(self) -> AnyView {
        self.into_any()
    }
}

impl Child for String {
    fn into_child(self) -> AnyView {
        self.into_any()
    }
}

impl Child for Signal<String> {
    fn into_child(self) -> AnyView {
        self.into_any()
    }
}

impl Child for Vec<AnyView> {
    fn into_child(self) -> AnyView {
        self.into_any()
    }
}

impl Child for Option<Node> {
    fn into_child(self) -> AnyView {
        match self {
            Some(node) => node.into_view(),
            None => ().into_any(),
        }
    }
}

impl Node {
    /// Sets an attribute.
    pub fn attr(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        let attribute = match value.into() {
            Value::Static(text) => custom_attribute(name, text).into_any_attr(),
            Value::Owned(text) => custom_attribute(name, text).into_any_attr(),
            Value::Live(text) => custom_attribute(name, text).into_any_attr(),
            Value::Maybe(text) => custom_attribute(name, text).into_any_attr(),
        };
        self.attrs.push(attribute);
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
        self.attr(name, maybe(move || on.get().then(String::new)))
    }

    /// Sets a boolean attribute when `on` (for markup built once).
    pub fn set_if(self, name: &'static str, on: bool) -> Self {
        if on {
            self.attr(name, "")
        } else {
            self
        }
    }

    /// Sets the `value` property (of an input), following a signal.
    pub fn value(mut self, value: Signal<String>) -> Self {
        self.attrs.push(prop("value", value).into_any_attr());
        self
    }

    /// Sets the `checked` property (of a checkbox), following a signal.
    pub fn checked(mut self, checked: Signal<bool>) -> Self {
        self.attrs.push(prop("checked", checked).into_any_attr());
        self
    }

    /// Listens to `event`.
    pub fn on(mut self, event: &'static str, handler: impl FnMut(web_sys::Event) + 'static) -> Self {
        let handler: Box<dyn FnMut(web_sys::Event)> = Box::new(handler);
        self.attrs.push(on(CustomEvent::<web_sys::Event>::new(event), handler).into_any_attr());
        self
    }

    /// Adds an attribute built elsewhere (a node reference).
    pub fn with(mut self, attribute: AnyAttribute) -> Self {
        self.attrs.push(attribute);
        self
    }

    /// Adds a child.
    pub fn child(mut self, child: impl Child) -> Self {
        self.children.push(child.into_child());
        self
    }

    /// Adds children.
    pub fn children(mut self, children: impl IntoIterator<Item = AnyView>) -> Self {
        self.children.extend(children);
        self
    }

    /// The element as a view.
    pub fn into_view(self) -> AnyView {
        custom(self.tag).add_any_attr(self.attrs).child(self.children).into_any()
    }
}

/// The value of the input or select an event came from.
pub fn target_value(event: &web_sys::Event) -> String {
    use wasm_bindgen::JsCast;
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
    use wasm_bindgen::JsCast;
    event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|input| input.checked())
}

/// The key of a keyboard event (`""` for other events).
pub fn key_of(event: &web_sys::Event) -> String {
    use wasm_bindgen::JsCast;
    event.dyn_ref::<web_sys::KeyboardEvent>().map(web_sys::KeyboardEvent::key).unwrap_or_default()
}

/// A node reference for an element built here.
pub type Ref = NodeRef<Custom<&'static str>>;

/// A list whose rows are kept by key: a changed list adds, moves and removes rows without
/// rebuilding the others (each row has its own owner, cleaned up with it).
pub fn keyed<T, K>(
    each: impl Fn() -> Vec<T> + Send + Sync + 'static,
    key: fn(&T) -> K,
    row: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> AnyView
where
    T: Send + 'static,
    K: Eq + std::hash::Hash + leptos::tachys::view::keyed::SerializableKey + 'static,
{
    let each: Arc<dyn Fn() -> Vec<T> + Send + Sync> = Arc::new(each);
    let row: Arc<dyn Fn(T) -> AnyView + Send + Sync> = Arc::new(row);
    For(ForProps::builder().each(move || each()).key(key).children(move |item| row(item)).build()).into_any()
}
