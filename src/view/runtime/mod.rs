//! The reactive graph: one arena of nodes (values, derived values, memos, effects, owners), a
//! queue of observers to re-run, and the owner tree that disposes what a view created. Every
//! function here is non-generic; the typed handles in `handles.rs` are thin layers on top.
//!
//! No user code (an effect, a cleanup, a value's `Drop`) ever runs while the runtime is
//! borrowed, and every access goes through `try_borrow_mut`, so a re-entrant call is a no-op,
//! never a panic.

mod schedule;

pub(crate) use schedule::{batch, effect, memo, notify, track};

use crate::fns::Run;
use crate::prelude::*;
use alloc::rc::Rc;
use core::any::Any;
use core::cell::RefCell;
use core::mem;

/// A node of the graph: its slot and the slot's generation (a disposed node's key never
/// matches again).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Key {
    index: u32,
    generation: u32,
}

/// A node's value with its type erased: the graph only clones and drops it. The typed handle
/// that created the node is its only reader and knows the type (`handles::erased_ref`), so
/// no `TypeId` (16 bytes that do not compress, per value type, plus a `type_id` function) is
/// compiled in. Debug builds still carry the type and check it at every read.
pub(crate) trait Erased {
    /// The concrete type (debug builds only: what the reads assert against).
    #[cfg(debug_assertions)]
    fn concrete_type(&self) -> core::any::TypeId;
}

impl<T: 'static> Erased for T {
    #[cfg(debug_assertions)]
    fn concrete_type(&self) -> core::any::TypeId {
        core::any::TypeId::of::<T>()
    }
}

/// What a node holds.
pub(crate) enum Data {
    /// Only owns other nodes (a root, a row of a keyed list).
    Owner,
    /// A value (`Rc<RefCell<T>>`): signals and stored values.
    Value(Rc<dyn Erased>),
    /// A function recomputed at every read (`Rc<Box<dyn Compute<T>>>`).
    Derived(Rc<dyn Erased>),
    /// An effect: `None` while it runs.
    Effect(Option<Box<dyn Run>>),
    /// A memo: its value (`Rc<RefCell<Option<T>>>`) and the recomputation, which says whether
    /// the value changed (`None` while it runs).
    Memo(Rc<dyn Erased>, Option<Box<dyn Run<bool>>>),
}

pub(super) struct Slot {
    generation: u32,
    live: bool,
    queued: bool,
    data: Data,
    parent: Option<Key>,
    children: Vec<Key>,
    cleanups: Vec<Box<dyn FnOnce()>>,
    contexts: Vec<Rc<dyn Any>>,
    subscribers: Vec<Key>,
    sources: Vec<Key>,
}

pub(super) struct Runtime {
    slots: Vec<Slot>,
    free: Vec<u32>,
    owner: Option<Key>,
    observer: Option<Key>,
    memos: Vec<Key>,
    /// Effects to run, in order: those before `effects_run` have run (a `Vec` and a cursor,
    /// emptied when all have run, rather than a `VecDeque` besides the one of the task queue).
    effects: Vec<Key>,
    effects_run: usize,
    flushing: bool,
}

impl Runtime {
    const fn new() -> Self {
        Runtime {
            slots: Vec::new(),
            free: Vec::new(),
            owner: None,
            observer: None,
            memos: Vec::new(),
            effects: Vec::new(),
            effects_run: 0,
            flushing: false,
        }
    }

    /// The next effect to run, in the order they were queued.
    fn next_effect(&mut self) -> Option<Key> {
        let next = self.effects.get(self.effects_run).copied();
        match next {
            Some(_) => self.effects_run += 1,
            None => self.clear_effects(),
        }
        next
    }

    fn clear_effects(&mut self) {
        self.effects.clear();
        self.effects_run = 0;
    }

    fn slot(&self, key: Key) -> Option<&Slot> {
        self.slots.get(key.index as usize).filter(|slot| slot.live && slot.generation == key.generation)
    }

    fn slot_mut(&mut self, key: Key) -> Option<&mut Slot> {
        self.slots.get_mut(key.index as usize).filter(|slot| slot.live && slot.generation == key.generation)
    }
}

crate::global::global! {
    static RUNTIME: RefCell<Runtime> = RefCell::new(Runtime::new());
}

/// Runs `f` on the runtime; `None` if it is already borrowed (a re-entrant call).
pub(super) fn with_runtime<R>(f: impl FnOnce(&mut Runtime) -> R) -> Option<R> {
    RUNTIME.with(|runtime| runtime.try_borrow_mut().ok().map(|mut runtime| f(&mut runtime)))
}

/// Adds a node owned by the current owner.
pub(crate) fn create(data: Data) -> Key {
    with_runtime(|rt| {
        let parent = rt.owner;
        let slot = Slot {
            generation: 0,
            live: true,
            queued: false,
            data,
            parent,
            children: Vec::new(),
            cleanups: Vec::new(),
            contexts: Vec::new(),
            subscribers: Vec::new(),
            sources: Vec::new(),
        };
        let key = match rt.free.pop() {
            Some(index) => {
                let generation = rt.slots.get(index as usize).map_or(0, |old| old.generation.saturating_add(1));
                if let Some(place) = rt.slots.get_mut(index as usize) {
                    *place = Slot { generation, ..slot };
                }
                Key { index, generation }
            }
            None => {
                rt.slots.push(slot);
                Key { index: (rt.slots.len() - 1) as u32, generation: 0 }
            }
        };
        if let Some(parent) = parent.and_then(|parent| rt.slot_mut(parent)) {
            parent.children.push(key);
        }
        key
    })
    // Unreachable in practice (creating a node never happens inside the runtime): a key that
    // matches no slot, so the handle reads as disposed.
    .unwrap_or(Key { index: u32::MAX, generation: u32::MAX })
}

/// The value (or derived function) of a node, if it still exists. A key is never reused (see
/// [`dispose`]), so what this finds is what the node was created with.
pub(crate) fn value(key: Key) -> Option<Rc<dyn Erased>> {
    with_runtime(|rt| match &rt.slot(key)?.data {
        Data::Value(value) | Data::Derived(value) | Data::Memo(value, _) => Some(value.clone()),
        _ => None,
    })
    .flatten()
}

/// What a node's last run or life left: its children, cleanups, contexts and subscriptions.
struct Leftovers {
    children: Vec<Key>,
    cleanups: Vec<Box<dyn FnOnce()>>,
    contexts: Vec<Rc<dyn Any>>,
    sources: Vec<Key>,
}

fn take_leftovers(slot: &mut Slot) -> Leftovers {
    Leftovers {
        children: mem::take(&mut slot.children),
        cleanups: mem::take(&mut slot.cleanups),
        contexts: mem::take(&mut slot.contexts),
        sources: mem::take(&mut slot.sources),
    }
}

/// Disposes what `key` owns, runs its cleanups, forgets what it read.
fn release(key: Key, leftovers: Leftovers) {
    with_runtime(|rt| {
        for source in &leftovers.sources {
            if let Some(source) = rt.slot_mut(*source) {
                source.subscribers.retain(|subscriber| *subscriber != key);
            }
        }
    });
    for child in leftovers.children.into_iter().rev() {
        dispose(child);
    }
    for cleanup in leftovers.cleanups.into_iter().rev() {
        cleanup();
    }
    drop(leftovers.contexts);
}

pub(super) fn clean(key: Key) {
    if let Some(leftovers) = with_runtime(|rt| rt.slot_mut(key).map(take_leftovers)).flatten() {
        release(key, leftovers);
    }
}

/// Removes a node and everything it owns.
pub(crate) fn dispose(key: Key) {
    let taken = with_runtime(|rt| {
        let slot = rt.slot_mut(key)?;
        slot.live = false;
        let leftovers = take_leftovers(slot);
        let data = mem::replace(&mut slot.data, Data::Owner);
        let parent = slot.parent.take();
        slot.subscribers.clear();
        // A slot whose generation is exhausted is retired rather than reused: a key, and the
        // type of what its handle reads, is never seen again (`handles::erased_ref` relies on it).
        if slot.generation < u32::MAX {
            rt.free.push(key.index);
        }
        if let Some(parent) = parent.and_then(|parent| rt.slot_mut(parent)) {
            if let Some(at) = parent.children.iter().position(|child| *child == key) {
                parent.children.swap_remove(at);
            }
        }
        Some((leftovers, data))
    })
    .flatten();
    if let Some((leftovers, data)) = taken {
        release(key, leftovers);
        drop(data);
    }
}

/// Whether `key` still exists.
pub(crate) fn exists(key: Key) -> bool {
    with_runtime(|rt| rt.slot(key).is_some()).unwrap_or(false)
}

/// The current owner.
pub(crate) fn current_owner() -> Option<Key> {
    with_runtime(|rt| rt.owner).flatten()
}

/// Runs `f` with `owner` as the owner and no observer (what `f` reads is not tracked).
pub(crate) fn with_owner<R>(owner: Option<Key>, f: impl FnOnce() -> R) -> R {
    let previous = with_runtime(|rt| (mem::replace(&mut rt.owner, owner), rt.observer.take()));
    let result = f();
    if let Some((owner, observer)) = previous {
        with_runtime(|rt| {
            rt.owner = owner;
            rt.observer = observer;
        });
    }
    result
}

/// Runs `f` without tracking what it reads.
pub(crate) fn untracked<R>(f: impl FnOnce() -> R) -> R {
    let previous = with_runtime(|rt| rt.observer.take()).flatten();
    let result = f();
    with_runtime(|rt| rt.observer = previous);
    result
}

/// Runs `cleanup` when the current owner is disposed or re-runs.
pub(crate) fn add_cleanup(cleanup: Box<dyn FnOnce()>) {
    let rejected = with_runtime(|rt| match rt.owner.and_then(|owner| rt.slot_mut(owner)) {
        Some(slot) => {
            slot.cleanups.push(cleanup);
            None
        }
        None => Some(cleanup),
    })
    .flatten();
    // Without an owner nothing would ever run it (as in Leptos): it is dropped unrun.
    drop(rejected);
}

/// Stores a context value at the current owner (replacing one of the same type).
pub(crate) fn provide(value: Rc<dyn Any>) {
    let replaced = with_runtime(|rt| {
        let slot = rt.owner.and_then(|owner| rt.slot_mut(owner))?;
        let id = (*value).type_id();
        match slot.contexts.iter_mut().find(|c| (***c).type_id() == id) {
            Some(place) => Some(mem::replace(place, value)),
            None => {
                slot.contexts.push(value);
                None
            }
        }
    })
    .flatten();
    drop(replaced);
}

/// The nearest context value of `id`'s type, from the current owner up.
pub(crate) fn lookup(id: core::any::TypeId) -> Option<Rc<dyn Any>> {
    with_runtime(|rt| {
        let mut at = rt.owner;
        while let Some(key) = at {
            let slot = rt.slot(key)?;
            if let Some(found) = slot.contexts.iter().find(|c| (***c).type_id() == id) {
                return Some(found.clone());
            }
            at = slot.parent;
        }
        None
    })
    .flatten()
}

/// How many nodes exist (for tests of disposal).
pub(crate) fn live_nodes() -> usize {
    with_runtime(|rt| rt.slots.iter().filter(|slot| slot.live).count()).unwrap_or(0)
}
