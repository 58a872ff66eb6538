//! Showing a view in an element of the page, and taking it away.

use super::View;
use crate::view::handles::Owner;

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
