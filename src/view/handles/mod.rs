//! Typed handles on the reactive graph, named and used like Leptos's: `Copy`, owned by the
//! view that created them, and gone when it is disposed. Reading a disposed handle never
//! panics: `with` gives the closure's default result, `get` the type's default, and `set` does
//! nothing.

mod signals;

pub use signals::{Memo, RwSignal, Signal};

use super::runtime::{self, Data, Erased, Key};
use crate::fns::Handle;
use crate::prelude::*;
use alloc::rc::Rc;
use core::any::{Any, TypeId};
use core::cell::RefCell;
use core::marker::PhantomData;

/// The `X` behind a node's value, without a `TypeId` check in release builds.
///
/// Sound because of how keys are made and kept: a handle's key is private and made only by the
/// constructor that created its node with an `X` (`value_node`, `Memo::new`, `Signal::derive`);
/// a key is never reused (a disposed slot comes back with a new generation, an exhausted one is
/// retired); and handles are neither `Send` nor `Sync`, so a key is only read in the runtime
/// (one per thread) that made it. Debug builds (every test) check the type anyway.
fn erased_ref<X: 'static>(value: &Rc<dyn Erased>) -> &X {
    #[cfg(debug_assertions)]
    debug_assert!((**value).concrete_type() == TypeId::of::<X>(), "a handle read a node of another type");
    // SAFETY: the node behind `value` holds an `X` (above), and the borrow lives as long as the `Rc`.
    unsafe { &*Rc::as_ptr(value).cast::<X>() }
}

/// Reads the `RefCell<T>` behind a value node.
fn read<T: 'static, R>(key: Key, f: impl FnOnce(&T) -> R) -> Option<R> {
    let value = runtime::value(key)?;
    let borrowed = erased_ref::<RefCell<T>>(&value).try_borrow().ok()?;
    Some(f(&borrowed))
}

/// Changes the `RefCell<T>` behind a value node (the borrow ends before anyone is notified).
fn write<T: 'static, R>(key: Key, f: impl FnOnce(&mut T) -> R) -> Option<R> {
    let value = runtime::value(key)?;
    let mut borrowed = erased_ref::<RefCell<T>>(&value).try_borrow_mut().ok()?;
    Some(f(&mut borrowed))
}

/// The marker of a typed handle: its value type, and neither `Send` nor `Sync` (a key means
/// something only in the runtime of the thread that made it).
type Typed<T> = PhantomData<(fn() -> T, *const ())>;

fn value_node<T: 'static>(value: T) -> Key {
    runtime::create(Data::Value(Rc::new(RefCell::new(value))))
}

/// A value owned by the view that notifies nobody (state kept across runs).
pub struct StoredValue<T> {
    key: Key,
    ty: Typed<T>,
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
type CallbackFn<T> = Rc<dyn Handle<T>>;

impl<T> Clone for Callback<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Callback<T> {}

impl<T: 'static> Callback<T> {
    /// Wraps `f`.
    pub fn new(f: impl Fn(T) + 'static) -> Self {
        let f: Rc<dyn Handle<T>> = Rc::new(f);
        Callback(StoredValue::new(Some(f)))
    }

    /// Calls it (nothing when its view is gone).
    pub fn run(&self, value: T) {
        if let Some(f) = self.0.try_get_value().flatten() {
            f.handle(value);
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
