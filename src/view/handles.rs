//! Typed handles on the reactive graph, named and used like Leptos's: `Copy`, owned by the
//! view that created them, and gone when it is disposed. Reading a disposed handle never
//! panics: `with` gives the closure's default result, `get` the type's default, and `set` does
//! nothing.

use super::runtime::{self, Data, Key};
use crate::prelude::*;
use alloc::rc::Rc;
use core::any::{Any, TypeId};
use core::cell::RefCell;
use core::marker::PhantomData;

/// Reads the `RefCell<T>` behind a value node.
fn read<T: 'static, R>(key: Key, f: impl FnOnce(&T) -> R) -> Option<R> {
    let value = runtime::value(key)?;
    let cell = value.downcast_ref::<RefCell<T>>()?;
    let borrowed = cell.try_borrow().ok()?;
    Some(f(&borrowed))
}

/// Changes the `RefCell<T>` behind a value node (the borrow ends before anyone is notified).
fn write<T: 'static, R>(key: Key, f: impl FnOnce(&mut T) -> R) -> Option<R> {
    let value = runtime::value(key)?;
    let cell = value.downcast_ref::<RefCell<T>>()?;
    let mut borrowed = cell.try_borrow_mut().ok()?;
    Some(f(&mut borrowed))
}

fn value_node<T: 'static>(value: T) -> Key {
    runtime::create(Data::Value(Rc::new(RefCell::new(value))))
}

/// A value that notifies its readers when it is set.
pub struct RwSignal<T> {
    key: Key,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for RwSignal<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for RwSignal<T> {}

impl<T: 'static> RwSignal<T> {
    /// A new signal owned by the current view.
    pub fn new(value: T) -> Self {
        RwSignal { key: value_node(value), ty: PhantomData }
    }

    /// Reads the value and tracks it (`None` when disposed).
    pub fn try_with<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        runtime::track(self.key);
        read(self.key, f)
    }

    /// Reads the value and tracks it.
    pub fn with<R: Default>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.try_with(f).unwrap_or_default()
    }

    /// Reads the value without tracking it.
    pub fn with_untracked<R: Default>(&self, f: impl FnOnce(&T) -> R) -> R {
        read(self.key, f).unwrap_or_default()
    }

    /// Tracks the value without reading it.
    pub fn track(&self) {
        runtime::track(self.key);
    }

    /// Replaces the value and notifies; false when disposed.
    pub fn try_set(&self, value: T) -> bool {
        self.try_update(|place| *place = value)
    }

    /// Replaces the value and notifies.
    pub fn set(&self, value: T) {
        self.try_set(value);
    }

    /// Changes the value in place and notifies; false when disposed.
    pub fn try_update(&self, f: impl FnOnce(&mut T)) -> bool {
        let done = write(self.key, f).is_some();
        if done {
            runtime::notify(self.key);
        }
        done
    }

    /// Changes the value in place and notifies.
    pub fn update(&self, f: impl FnOnce(&mut T)) {
        self.try_update(f);
    }

    /// Removes the signal before its owner goes (reads then give defaults).
    pub fn dispose(&self) {
        runtime::dispose(self.key);
    }
}

impl<T: Clone + 'static> RwSignal<T> {
    /// A copy of the value, tracked (`None` when disposed).
    pub fn try_get(&self) -> Option<T> {
        self.try_with(T::clone)
    }
}

impl<T: Clone + Default + 'static> RwSignal<T> {
    /// A copy of the value, tracked.
    pub fn get(&self) -> T {
        self.with(T::clone)
    }

    /// A copy of the value, not tracked.
    pub fn get_untracked(&self) -> T {
        self.with_untracked(T::clone)
    }
}

/// How a [`Signal`] reads.
#[derive(Clone, Copy)]
enum Source {
    Value,
    Derived,
    Memo,
}

/// A value to read: a signal, a memo, a function of other signals, or a constant.
pub struct Signal<T> {
    key: Key,
    source: Source,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for Signal<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Signal<T> {}

impl<T: 'static> Signal<T> {
    /// A value that never changes.
    pub fn stored(value: T) -> Self {
        Signal { key: value_node(value), source: Source::Value, ty: PhantomData }
    }

    /// A value computed from other signals at every read (what it reads is tracked by the
    /// reader).
    pub fn derive(compute: impl Fn() -> T + 'static) -> Self {
        let compute: Box<dyn Fn() -> T> = Box::new(compute);
        let key = runtime::create(Data::Derived(Rc::new(compute)));
        Signal { key, source: Source::Derived, ty: PhantomData }
    }

    /// Reads the value and tracks what it depends on (`None` when disposed).
    pub fn try_with<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        match self.source {
            Source::Value => {
                runtime::track(self.key);
                read(self.key, f)
            }
            Source::Memo => {
                runtime::track(self.key);
                read(self.key, |value: &Option<T>| value.as_ref().map(f)).flatten()
            }
            Source::Derived => {
                let compute = runtime::value(self.key)?;
                let compute = compute.downcast_ref::<Box<dyn Fn() -> T>>()?;
                Some(f(&compute()))
            }
        }
    }

    /// Reads the value and tracks what it depends on.
    pub fn with<R: Default>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.try_with(f).unwrap_or_default()
    }

    /// Reads the value without tracking.
    pub fn with_untracked<R: Default>(&self, f: impl FnOnce(&T) -> R) -> R {
        runtime::untracked(|| self.with(f))
    }

    /// Tracks what the value depends on.
    pub fn track(&self) {
        self.with(|_| ());
    }
}

impl<T: Clone + 'static> Signal<T> {
    /// A copy of the value, tracked (`None` when disposed).
    pub fn try_get(&self) -> Option<T> {
        self.try_with(T::clone)
    }
}

impl<T: Clone + Default + 'static> Signal<T> {
    /// A copy of the value, tracked.
    pub fn get(&self) -> T {
        self.with(T::clone)
    }

    /// A copy of the value, not tracked.
    pub fn get_untracked(&self) -> T {
        self.with_untracked(T::clone)
    }
}

impl<T: Default + 'static> Default for Signal<T> {
    fn default() -> Self {
        Signal::stored(T::default())
    }
}

impl<T> From<RwSignal<T>> for Signal<T> {
    fn from(signal: RwSignal<T>) -> Self {
        Signal { key: signal.key, source: Source::Value, ty: PhantomData }
    }
}

impl<T> From<Memo<T>> for Signal<T> {
    fn from(memo: Memo<T>) -> Self {
        Signal { key: memo.key, source: Source::Memo, ty: PhantomData }
    }
}

impl From<&'static str> for Signal<String> {
    fn from(text: &'static str) -> Self {
        Signal::stored(text.to_owned())
    }
}

impl From<String> for Signal<String> {
    fn from(text: String) -> Self {
        Signal::stored(text)
    }
}

/// A value computed from other signals, recomputed when they change; its readers are notified
/// only when the result differs.
pub struct Memo<T> {
    key: Key,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for Memo<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Memo<T> {}

impl<T: PartialEq + 'static> Memo<T> {
    /// Computes `compute(previous)` now and whenever what it reads changes.
    pub fn new(compute: impl Fn(Option<&T>) -> T + 'static) -> Self {
        let cell: Rc<RefCell<Option<T>>> = Rc::new(RefCell::new(None));
        let place = cell.clone();
        let recompute = move || {
            let next = {
                let Ok(previous) = place.try_borrow() else { return false };
                let next = compute(previous.as_ref());
                if previous.as_ref() == Some(&next) {
                    return false;
                }
                next
            };
            match place.try_borrow_mut() {
                Ok(mut value) => {
                    *value = Some(next);
                    true
                }
                Err(_) => false,
            }
        };
        let key = runtime::memo(cell, Box::new(recompute));
        Memo { key, ty: PhantomData }
    }
}

impl<T: 'static> Memo<T> {
    /// Reads the value and tracks it.
    pub fn with<R: Default>(&self, f: impl FnOnce(&T) -> R) -> R {
        Signal::from(*self).with(f)
    }

    /// Reads the value without tracking.
    pub fn with_untracked<R: Default>(&self, f: impl FnOnce(&T) -> R) -> R {
        Signal::from(*self).with_untracked(f)
    }
}

impl<T: Clone + Default + 'static> Memo<T> {
    /// A copy of the value, tracked.
    pub fn get(&self) -> T {
        self.with(T::clone)
    }

    /// A copy of the value, not tracked.
    pub fn get_untracked(&self) -> T {
        self.with_untracked(T::clone)
    }
}

/// A value owned by the view that notifies nobody (state kept across runs).
pub struct StoredValue<T> {
    key: Key,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for StoredValue<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for StoredValue<T> {}

impl<T: 'static> StoredValue<T> {
    /// A new stored value owned by the current view.
    pub fn new(value: T) -> Self {
        StoredValue { key: value_node(value), ty: PhantomData }
    }

    /// Reads the value (`None` when disposed).
    pub fn try_with_value<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        read(self.key, f)
    }

    /// Reads the value.
    pub fn with_value<R: Default>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.try_with_value(f).unwrap_or_default()
    }

    /// Changes the value in place (`None` when disposed).
    pub fn try_update_value<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        write(self.key, f)
    }

    /// Changes the value in place.
    pub fn update_value(&self, f: impl FnOnce(&mut T)) {
        self.try_update_value(f);
    }

    /// Replaces the value; false when disposed.
    pub fn try_set_value(&self, value: T) -> bool {
        write(self.key, |place| *place = value).is_some()
    }

    /// Replaces the value.
    pub fn set_value(&self, value: T) {
        self.try_set_value(value);
    }
}

impl<T: Clone + 'static> StoredValue<T> {
    /// A copy of the value (`None` when disposed).
    pub fn try_get_value(&self) -> Option<T> {
        self.try_with_value(T::clone)
    }
}

impl<T: Clone + Default + 'static> StoredValue<T> {
    /// A copy of the value.
    pub fn get_value(&self) -> T {
        self.with_value(T::clone)
    }
}

/// A function the host gives a component (`Copy`, so closures can hold it).
pub struct Callback<T: 'static>(StoredValue<Option<CallbackFn<T>>>);

/// The function behind a [`Callback`].
type CallbackFn<T> = Rc<dyn Fn(T)>;

impl<T> Clone for Callback<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Callback<T> {}

impl<T: 'static> Callback<T> {
    /// Wraps `f`.
    pub fn new(f: impl Fn(T) + 'static) -> Self {
        let f: Rc<dyn Fn(T)> = Rc::new(f);
        Callback(StoredValue::new(Some(f)))
    }

    /// Calls it (nothing when its view is gone).
    pub fn run(&self, value: T) {
        if let Some(f) = self.0.try_get_value().flatten() {
            f(value);
        }
    }
}

/// Runs `f` now and again whenever the signals it read change, through one boxed closure type
/// (the effect machinery is compiled once).
pub fn effect(f: impl FnMut() + 'static) {
    runtime::effect(Box::new(f));
}

/// Like [`effect`], handing each run what the previous run returned (`None` the first time).
pub fn effect_with<T: 'static>(mut f: impl FnMut(Option<T>) -> T + 'static) {
    let mut previous = None;
    effect(move || previous = Some(f(previous.take())));
}

/// Runs `f` when the current view is disposed, or before its effect runs again.
pub fn on_cleanup(f: impl FnOnce() + 'static) {
    runtime::add_cleanup(Box::new(f));
}

/// Runs `f` without tracking what it reads.
pub fn untrack<R>(f: impl FnOnce() -> R) -> R {
    runtime::untracked(f)
}

/// Runs `f`, then once whatever it made stale.
pub fn batch<R>(f: impl FnOnce() -> R) -> R {
    runtime::batch(f)
}

/// Makes `value` available to [`use_context`] below the current owner.
pub fn provide_context<T: Clone + 'static>(value: T) {
    runtime::provide(Rc::new(value));
}

/// The nearest value of type `T` provided above.
pub fn use_context<T: Clone + 'static>() -> Option<T> {
    let found = runtime::lookup(TypeId::of::<T>())?;
    let value: &dyn Any = &*found;
    value.downcast_ref::<T>().cloned()
}

/// A node that owns what is created under it, disposed as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Owner(Key);

impl Owner {
    /// A new owner below the current one (a root when there is none).
    pub fn new() -> Owner {
        Owner(runtime::create(Data::Owner))
    }

    /// A new owner below none: disposed only by [`Owner::dispose`].
    pub fn root() -> Owner {
        Owner(runtime::with_owner(None, || runtime::create(Data::Owner)))
    }

    /// The current owner, if any.
    pub fn current() -> Option<Owner> {
        runtime::current_owner().map(Owner)
    }

    /// Runs `f` with this owner (what `f` creates belongs to it), untracked.
    pub fn with<R>(&self, f: impl FnOnce() -> R) -> R {
        runtime::with_owner(Some(self.0), f)
    }

    /// Disposes what it owns, runs its cleanups, and removes it.
    pub fn dispose(&self) {
        runtime::dispose(self.0);
    }

    /// Whether it has not been disposed.
    pub fn is_alive(&self) -> bool {
        runtime::exists(self.0)
    }
}

impl Default for Owner {
    fn default() -> Self {
        Owner::new()
    }
}

/// How many reactive nodes exist (tests check that unmounting frees them).
pub fn live_nodes() -> usize {
    runtime::live_nodes()
}
