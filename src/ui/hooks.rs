//! Hooks the components share: a request keyed on reactive inputs, and a timer slot.

use crate::transport::{AbortController, AbortSignal};
use crate::Error;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// The state of a [`use_loader`] request.
pub struct Loader<T: Send + Sync + 'static> {
    /// The latest answer (`None` before the first one).
    pub value: RwSignal<Option<Result<T, Error>>>,
    /// True while a request runs.
    pub loading: RwSignal<bool>,
    version: RwSignal<u64>,
}

impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: Send + Sync + 'static> Loader<T> {
    /// Runs the request again with the same inputs (the current answer stays until then).
    pub fn reload(&self) {
        self.version.update(|version| *version += 1);
    }
}

/// Runs `fetch(key(), signal)` now and whenever what `key` reads changes: the running request
/// is aborted, only the latest answer is kept, and leaving the view aborts what is in flight.
pub fn use_loader<K, T, F, Fut>(key: impl Fn() -> K + 'static, fetch: F) -> Loader<T>
where
    K: 'static,
    T: Send + Sync + 'static,
    F: Fn(K, AbortSignal) -> Fut + 'static,
    Fut: Future<Output = Result<T, Error>> + 'static,
{
    let loader = Loader { value: RwSignal::new(None), loading: RwSignal::new(false), version: RwSignal::new(0) };
    let running: StoredValue<Option<AbortController>, LocalStorage> = StoredValue::new_local(None);
    let sequence = StoredValue::new(0u64);
    effect(move || {
        loader.version.track();
        let key = key();
        if let Some(previous) = running.try_update_value(Option::take).flatten() {
            previous.abort();
        }
        let controller = AbortController::new();
        let signal = controller.signal();
        running.set_value(Some(controller));
        let this = sequence.get_value().wrapping_add(1);
        sequence.set_value(this);
        loader.loading.set(true);
        settle(loader, sequence, this, Box::pin(untrack(|| fetch(key, signal))));
    });
    on_cleanup(move || {
        if let Some(controller) = running.try_update_value(Option::take).flatten() {
            controller.abort();
        }
    });
    loader
}

/// Awaits a [`use_loader`] request and keeps its answer unless a newer one superseded it (one
/// copy per answer type, whatever the request).
#[inline(never)]
fn settle<T: Send + Sync + 'static>(loader: Loader<T>, sequence: StoredValue<u64>, this: u64, request: Request<T>) {
    spawn(async move {
        let result = request.await;
        // Superseded by a newer request, or the view is gone: drop the answer.
        if sequence.try_get_value() != Some(this) {
            return;
        }
        if !matches!(result, Err(Error::Aborted)) {
            loader.value.try_set(Some(result));
        }
        loader.loading.try_set(false);
    });
}

/// A request in flight, boxed so that the code awaiting it is compiled once per answer type.
type Request<T> = Pin<Box<dyn Future<Output = Result<T, Error>>>>;

/// Runs `run` now and again whenever the signals it read change (Leptos' `Effect`), through one
/// boxed closure type, so the effect machinery is compiled once rather than at every call site.
pub fn effect(run: impl FnMut() + 'static) {
    effect_boxed(Box::new(run));
}

#[inline(never)]
fn effect_boxed(mut run: Box<dyn FnMut()>) {
    Effect::new(move |_| run());
}

/// Like [`effect`], handing each run what the previous run returned (`None` the first time).
pub fn effect_with<T: 'static>(mut run: impl FnMut(Option<T>) -> T + 'static) {
    let mut previous = None;
    effect(move || previous = Some(run(previous.take())));
}

/// Runs a task on the page's executor (boxed: one copy of the executor glue for every task).
pub(crate) fn spawn(task: impl Future<Output = ()> + 'static) {
    let task: Pin<Box<dyn Future<Output = ()>>> = Box::pin(task);
    spawn_local(task);
}

/// A request a person starts (save, delete, create): one at a time, its result kept.
pub struct Submit<T: Send + Sync + 'static> {
    /// True while it runs.
    pub pending: RwSignal<bool>,
    /// The latest result.
    pub result: RwSignal<Option<Result<T, Error>>>,
}

impl<T: Send + Sync + 'static> Clone for Submit<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Submit<T> {}

impl<T: Send + Sync + 'static> Submit<T> {
    /// Runs `work` unless one is already running (a second click does nothing).
    pub fn run(&self, work: impl Future<Output = Result<T, Error>> + 'static) {
        self.run_boxed(Box::pin(work));
    }

    #[inline(never)]
    fn run_boxed(&self, work: Request<T>) {
        if self.pending.get_untracked() {
            return;
        }
        self.pending.set(true);
        let this = *self;
        spawn(async move {
            let result = work.await;
            this.result.try_set(Some(result));
            this.pending.try_set(false);
        });
    }
}

/// A [`Submit`] slot.
pub fn use_submit<T: Send + Sync + 'static>() -> Submit<T> {
    Submit { pending: RwSignal::new(false), result: RwSignal::new(None) }
}

/// One pending timeout at most: starting another replaces it, leaving the view clears it.
#[derive(Clone, Copy)]
pub struct TimeoutSlot(StoredValue<Option<TimeoutHandle>>);

impl TimeoutSlot {
    /// Runs `callback` after `ms`, replacing what was pending.
    pub fn start(&self, ms: u64, callback: impl FnOnce() + 'static) {
        self.cancel();
        let handle = set_timeout_with_handle(callback, Duration::from_millis(ms)).ok();
        self.0.try_set_value(handle);
    }

    /// Clears what is pending.
    pub fn cancel(&self) {
        if let Some(handle) = self.0.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }
}

/// A timer slot cleared when the current view is left.
pub fn use_timeout() -> TimeoutSlot {
    let slot = TimeoutSlot(StoredValue::new(None));
    on_cleanup(move || slot.cancel());
    slot
}

/// Calls `refresh` every `ms` while `active` holds, counting from the end of each load (so a
/// slow server is never asked twice at once).
pub fn use_refresh(active: Signal<bool>, ms: u64, refresh: impl Fn() + Copy + 'static) {
    let slot = use_timeout();
    effect(move || {
        if active.get() {
            slot.start(ms, refresh);
        } else {
            slot.cancel();
        }
    });
}
