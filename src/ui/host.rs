//! Where the two reactive systems meet: a component built on [`crate::view`] shown as a Leptos
//! view ([`Hosted`]), Leptos signals followed by the component's own signals, and Leptos
//! children shown inside a component.

use crate::view::dom::{document, Child, View};
use crate::view::{effect as view_effect, Owner, RwSignal as ViewSignal, Signal as ViewReadSignal};
use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::types::{Element, Node};
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

/// A component of this crate as a Leptos view: its nodes, and the owner disposed with it.
pub struct Hosted(SendWrapper<Built>);

struct Built {
    owner: Owner,
    node: Option<web_sys::Node>,
}

/// Builds `view` under a new owner of its own, to be shown by Leptos.
pub fn host(view: impl FnOnce() -> View) -> Hosted {
    let owner = Owner::root();
    let node = owner.with(view).into_node();
    Hosted(SendWrapper::new(Built { owner, node }))
}

/// The mounted state of a [`Hosted`]: the range of nodes it put on the page. Unmounted, the
/// nodes wait in a fragment; dropped, the owner is disposed.
pub struct HostedState {
    owner: Owner,
    first: Option<web_sys::Node>,
    last: Option<web_sys::Node>,
    parked: Option<web_sys::DocumentFragment>,
}

impl HostedState {
    fn new(built: Built) -> HostedState {
        let parked = document().create_document_fragment();
        let (mut first, mut last) = (None, None);
        if let Some(node) = built.node {
            let _ = parked.append_child(&node);
            first = parked.first_child();
            last = parked.last_child();
        }
        HostedState { owner: built.owner, first, last, parked: Some(parked) }
    }

    /// The nodes from `first` to `last`, in order.
    fn nodes(&self) -> Vec<web_sys::Node> {
        let mut nodes = Vec::new();
        let mut at = self.first.clone();
        while let Some(node) = at {
            at = if Some(&node) == self.last.as_ref() { None } else { node.next_sibling() };
            nodes.push(node);
        }
        nodes
    }
}

impl Drop for HostedState {
    fn drop(&mut self) {
        self.owner.dispose();
        if self.parked.is_none() {
            for node in self.nodes() {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
}

impl Mountable for HostedState {
    fn unmount(&mut self) {
        if self.parked.is_some() {
            return;
        }
        let parked = document().create_document_fragment();
        for node in self.nodes() {
            let _ = parked.append_child(&node);
        }
        self.parked = Some(parked);
    }

    fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
        if let Some(parked) = self.parked.take() {
            let _ = parent.insert_before(&parked, marker);
        }
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        let Some(first) = &self.first else { return false };
        let Some(parent) = first.parent_element() else { return false };
        child.mount(&parent, Some(first));
        true
    }

    fn elements(&self) -> Vec<Element> {
        self.nodes().into_iter().filter_map(|node| node.dyn_into::<Element>().ok()).collect()
    }
}

impl Render for Hosted {
    type State = HostedState;

    fn build(self) -> Self::State {
        HostedState::new(self.0.take())
    }

    fn rebuild(self, state: &mut Self::State) {
        let mut next = HostedState::new(self.0.take());
        if let Some(parent) = state.first.as_ref().and_then(|first| first.parent_element()) {
            next.mount(&parent, state.first.as_ref());
        }
        state.unmount();
        *state = next;
    }
}

impl AddAnyAttr for Hosted {
    type Output<SomeNewAttr: Attribute> = Hosted;

    fn add_any_attr<NewAttr: Attribute>(self, _attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        self
    }
}

impl RenderHtml for Hosted {
    type AsyncOutput = Hosted;
    type Owned = Hosted;

    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self::AsyncOutput {
        self
    }

    /// Client-side rendering only: nothing is written as HTML.
    fn to_html_with_buf(
        self,
        _buf: &mut String,
        _position: &mut Position,
        _escape: bool,
        _mark_branches: bool,
        _extra_attrs: Vec<AnyAttribute>,
    ) {
    }

    fn hydrate<const FROM_SERVER: bool>(self, _cursor: &Cursor, _position: &PositionState) -> Self::State {
        self.build()
    }

    fn into_owned(self) -> Self::Owned {
        self
    }
}

/// A signal of the components that follows a Leptos signal (set now, then by a Leptos effect
/// whenever it changes).
pub fn follow<T>(source: Signal<T>) -> ViewReadSignal<T>
where
    T: Clone + Send + Sync + 'static,
{
    let target = ViewSignal::new(source.get_untracked());
    Effect::new(move |_| {
        let value = source.get();
        target.try_set(value);
    });
    target.into()
}

/// A signal of the components kept equal to a Leptos `RwSignal`, both ways.
pub fn mirror<T>(source: RwSignal<T>) -> ViewSignal<T>
where
    T: Clone + PartialEq + Default + Send + Sync + 'static,
{
    let target = ViewSignal::new(source.get_untracked());
    Effect::new(move |_| {
        let value = source.get();
        if target.with_untracked(|current| *current != value) {
            target.try_set(value);
        }
    });
    view_effect(move || {
        let value = target.get();
        if source.try_with_untracked(|current| *current != value).unwrap_or(false) {
            source.try_set(value);
        }
    });
    target
}

/// Leptos children shown inside a component (in the current Leptos owner, so they see its
/// contexts), removed with the component.
pub fn leptos_child(children: impl IntoView + 'static) -> impl Child {
    let holder = crate::view::dom::h("div").class("wm-contents");
    let mut state = children.into_view().build();
    state.mount(holder.element(), None);
    let kept = SendWrapper::new(state);
    crate::view::on_cleanup(move || drop(kept));
    holder
}
