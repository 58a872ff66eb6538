//! Regions that change: [`dynamic`] rebuilds what is between two markers, [`keyed`] keeps a
//! list's rows by key.

use super::{document, fragment, h, Node, View};
use crate::fns::{Handle, Run, RunWith};
use crate::prelude::*;
use crate::view::handles::{effect, on_cleanup, Owner};
use core::cell::RefCell;

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

fn dynamic_boxed(mut render: Box<dyn Run<View>>) -> View {
    let (start, end) = (marker(), marker());
    let region = fragment(Vec::new());
    if let Some(node) = &region.0 {
        let _ = node.append_child(&start);
        let _ = node.append_child(&end);
    }
    effect(move || {
        let view = render.run();
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
    keyed_boxed(Box::new(move |build: &mut Build| {
        for item in each() {
            let id = key(&item);
            let mut item = Some(item);
            build.run_with((id, &mut || match item.take() {
                Some(item) => row(item),
                None => h("template"),
            }));
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

/// Takes each item's key and a function making its row.
type Build<'a> = dyn for<'b> RunWith<(u128, &'b mut (dyn Run<Node> + 'b))> + 'a;

/// Lists the items: calls `build` with each key and row maker, in order.
type Each = Box<dyn for<'a> Handle<&'a mut Build<'a>>>;

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
    on_cleanup(move || {
        if let Ok(mut rows) = kept.try_borrow_mut() {
            rows.clear();
        }
    });
    effect(move || {
        let Ok(mut old) = rows.try_borrow_mut() else { return };
        let mut previous: Vec<Option<Row>> = old.drain(..).map(Some).collect();
        let mut next: Vec<Row> = Vec::new();
        each.handle(&mut |(key, make): (u128, &mut dyn Run<Node>)| {
            let reused = take_row(&mut previous, next.len(), key);
            let row = reused.unwrap_or_else(|| {
                let owner = match parent {
                    Some(parent) => parent.with(Owner::new),
                    None => Owner::root(),
                };
                let element = owner.with(|| make.run()).0;
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
