//! The signals: [`RwSignal`] (a value that notifies), [`Signal`] (something to read: a value,
//! a memo or a function of other signals) and [`Memo`] (a cached function of other signals).

use super::{erased_ref, read, value_node, write, Typed};
use crate::fns::{Compute, RunWith};
use crate::prelude::*;
use crate::view::runtime::{self, Data, Key};
use alloc::rc::Rc;
use core::cell::RefCell;
use core::marker::PhantomData;

/// A value that notifies its readers when it is set.
pub struct RwSignal<T> {
    key: Key,
    ty: Typed<T>,
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
    ty: Typed<T>,
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
        let compute: Box<dyn Compute<T>> = Box::new(compute);
        let key = runtime::create(Data::Derived(Rc::new(compute)));
        Signal { key, source: Source::Derived, ty: PhantomData }
    }

    /// Reads the value and tracks what it depends on (`None` when disposed).
    pub fn try_with<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        // `f` is compiled once, called through `visit` from whichever source holds the value.
        let mut f = Some(f);
        let mut out = None;
        self.visit(&mut |value: &T| out = f.take().map(|f| f(value)));
        out
    }

    /// Calls `visit` with the value, wherever it lives (compiled once per value type).
    #[inline(never)]
    fn visit(&self, visit: &mut dyn for<'a> RunWith<&'a T>) {
        match self.source {
            Source::Value => {
                runtime::track(self.key);
                read(self.key, |value: &T| visit.run_with(value));
            }
            Source::Memo => {
                runtime::track(self.key);
                read(self.key, |value: &Option<T>| value.as_ref().map(|value| visit.run_with(value)));
            }
            Source::Derived => {
                let Some(compute) = runtime::value(self.key) else { return };
                visit.run_with(&erased_ref::<Box<dyn Compute<T>>>(&compute).compute());
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
    ty: Typed<T>,
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
