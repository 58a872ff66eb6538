//! Markup built straight into the DOM: [`h`] creates an element at once, attributes and texts
//! that follow a signal get one small effect each, [`dynamic`] rebuilds a region between two
//! markers, and [`keyed`] keeps a list's rows by key. Every element is the same Rust type and
//! every reactive region the same boxed closure, so this code is compiled once whatever the
//! markup.

use super::handles::{batch, effect, on_cleanup, Owner, Signal};
use crate::global::Global;
use crate::prelude::*;
use core::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

static DOCUMENT: Global<RefCell<Option<web_sys::Document>>> = Global::new(RefCell::new(None));

/// The page's document (made once).
pub fn document() -> web_sys::Document {
    DOCUMENT.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let window: web_sys::Window = js_sys::global().unchecked_into();
                window.document().unwrap_or_else(|| JsValue::UNDEFINED.unchecked_into())
            })
            .clone()
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

/// Several views as one.
pub fn fragment(views: Vec<View>) -> View {
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
        listen(self.0.unchecked_ref(), event, Box::new(handler));
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
pub fn listen(target: &web_sys::EventTarget, event: &'static str, mut handler: Box<dyn FnMut(web_sys::Event)>) {
    let closure = Closure::wrap(Box::new(move |event: web_sys::Event| batch(|| handler(event))) as Box<dyn FnMut(_)>);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    let target = target.clone();
    on_cleanup(move || {
        let _ = target.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        drop(closure);
    });
}

/// A region of the view rebuilt when the signals `render` reads change (what the previous
/// build created is disposed first).
pub fn dynamic(render: impl FnMut() -> View + 'static) -> View {
    dynamic_boxed(Box::new(render))
}

fn marker() -> web_sys::Node {
    document().create_comment("").into()
}

/// Removes the nodes strictly between `start` and `end`.
fn clear_between(start: &web_sys::Node, end: &web_sys::Node) {
    let Some(parent) = end.parent_node() else { return };
    while let Some(node) = start.next_sibling() {
        if node == *end {
            break;
        }
        let _ = parent.remove_child(&node);
    }
}

fn insert_before(end: &web_sys::Node, view: View) {
    if let (Some(node), Some(parent)) = (view.0, end.parent_node()) {
        let _ = parent.insert_before(&node, Some(end));
    }
}

fn dynamic_boxed(mut render: Box<dyn FnMut() -> View>) -> View {
    let (start, end) = (marker(), marker());
    let region = fragment(Vec::new());
    if let Some(node) = &region.0 {
        let _ = node.append_child(&start);
        let _ = node.append_child(&end);
    }
    effect(move || {
        let view = render();
        clear_between(&start, &end);
        insert_before(&end, view);
    });
    region
}

/// One row of a [`keyed`] list.
struct Row {
    key: u128,
    owner: Owner,
    element: web_sys::Element,
}

/// A list whose rows are kept by key: a changed list adds, moves and removes rows without
/// rebuilding the others (each row has its own owner, disposed with it).
pub fn keyed<T: 'static>(
    each: impl Fn() -> Vec<T> + 'static,
    key: fn(&T) -> u128,
    row: impl Fn(T) -> Node + 'static,
) -> View {
    let row = Box::new(row);
    keyed_boxed(Box::new(move |build: &mut dyn FnMut(u128, &mut dyn FnMut() -> Node)| {
        for item in each() {
            let id = key(&item);
            let mut item = Some(item);
            build(id, &mut || match item.take() {
                Some(item) => row(item),
                None => h("template"),
            });
        }
    }))
}

/// Takes the row of `key` out of `rows`, looking at `hint` first (the same place, as in most
/// updates), then everywhere: linear, with no map (or its sorting) compiled in.
fn take_row(rows: &mut [Option<Row>], hint: usize, key: u128) -> Option<Row> {
    let matches = |row: &Option<Row>| row.as_ref().is_some_and(|row| row.key == key);
    let at = if rows.get(hint).is_some_and(matches) { Some(hint) } else { rows.iter().position(matches) };
    at.and_then(|at| rows.get_mut(at)).and_then(Option::take)
}

/// Lists the items: calls `build(key, make_row)` for each, in order.
type Each = Box<dyn Fn(&mut dyn FnMut(u128, &mut dyn FnMut() -> Node))>;

fn keyed_boxed(each: Each) -> View {
    let (start, end) = (marker(), marker());
    let region = fragment(Vec::new());
    if let Some(node) = &region.0 {
        let _ = node.append_child(&start);
        let _ = node.append_child(&end);
    }
    let parent = Owner::current();
    let rows: RefCell<Vec<Row>> = RefCell::new(Vec::new());
    let rows = alloc::rc::Rc::new(rows);
    let kept = rows.clone();
    on_cleanup(move || kept.borrow_mut().clear());
    effect(move || {
        let Ok(mut old) = rows.try_borrow_mut() else { return };
        let mut previous: Vec<Option<Row>> = old.drain(..).map(Some).collect();
        let mut next: Vec<Row> = Vec::new();
        each(&mut |key, make| {
            let reused = take_row(&mut previous, next.len(), key);
            let row = reused.unwrap_or_else(|| {
                let owner = match parent {
                    Some(parent) => parent.with(Owner::new),
                    None => Owner::root(),
                };
                let element = owner.with(&mut *make).0;
                Row { key, owner, element }
            });
            next.push(row);
        });
        for gone in previous.into_iter().flatten() {
            gone.owner.dispose();
            gone.element.remove();
        }
        if let Some(container) = end.parent_node() {
            let mut cursor = start.next_sibling();
            for row in &next {
                let node: &web_sys::Node = row.element.as_ref();
                if cursor.as_ref() == Some(node) {
                    cursor = node.next_sibling();
                } else {
                    let _ = container.insert_before(node, cursor.as_ref().or(Some(&end)));
                }
            }
        }
        *old = next;
    });
    region
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

/// A view shown in an element of the page until [`Mounted::unmount`] (or drop).
pub struct Mounted {
    owner: Owner,
    first: Option<web_sys::Node>,
    last: Option<web_sys::Node>,
}

/// Builds `view` under a new root owner and appends it to `parent`.
pub fn mount_to(parent: &web_sys::Node, view: impl FnOnce() -> View) -> Mounted {
    let owner = Owner::root();
    let node = owner.with(view).0;
    let mut mounted = Mounted { owner, first: None, last: None };
    if let Some(node) = node {
        let is_fragment = node.node_type() == web_sys::Node::DOCUMENT_FRAGMENT_NODE;
        mounted.first = if is_fragment { node.first_child() } else { Some(node.clone()) };
        mounted.last = if is_fragment { node.last_child() } else { Some(node.clone()) };
        let _ = parent.append_child(&node);
    }
    mounted
}

impl Mounted {
    /// The first and last node shown (everything between them belongs to the view).
    pub fn bounds(&self) -> (Option<&web_sys::Node>, Option<&web_sys::Node>) {
        (self.first.as_ref(), self.last.as_ref())
    }

    /// Disposes the view and removes its nodes. Safe to call twice.
    pub fn unmount(&mut self) {
        self.owner.dispose();
        remove_range(self.first.take(), self.last.take());
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.unmount();
    }
}

/// Removes `first`, `last` and every node between them.
pub fn remove_range(first: Option<web_sys::Node>, last: Option<web_sys::Node>) {
    let (Some(first), Some(last)) = (first, last) else { return };
    let Some(parent) = first.parent_node() else { return };
    let mut at = Some(first);
    while let Some(node) = at {
        at = if node == last { None } else { node.next_sibling() };
        let _ = parent.remove_child(&node);
    }
}
