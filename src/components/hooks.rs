//! Hooks the components share: a request keyed on reactive inputs, a request a person starts,
//! and a refresh timer.

use crate::prelude::*;
use crate::transport::{AbortController, AbortSignal};
use crate::view::tasks::{spawn, use_timeout};
use crate::view::{effect, untrack, RwSignal, Signal, StoredValue};
use crate::Error;
use core::future::Future;
use core::pin::Pin;

/// The state of a [`use_loader`] request.
pub struct Loader<T: 'static> {
    /// The latest answer (`None` before the first one).
    pub value: RwSignal<Option<Result<T, Error>>>,
    /// True while a request runs.
    pub loading: RwSignal<bool>,
    version: RwSignal<u64>,
}

impl<T: 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Loader<T> {}

impl<T: 'static> Loader<T> {
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
    T: 'static,
    F: Fn(K, AbortSignal) -> Fut + 'static,
    Fut: Future<Output = Result<T, Error>> + 'static,
{
    let loader = Loader { value: RwSignal::new(None), loading: RwSignal::new(false), version: RwSignal::new(0) };
    let running: StoredValue<Option<Running>> = StoredValue::new(None);
    let sequence = StoredValue::new(0u64);
    effect(move || {
        loader.version.track();
        let key = key();
        let controller = AbortController::new();
        let signal = controller.signal();
        // The request this replaces is dropped: aborted.
        running.set_value(Some(Running(controller)));
        let this = sequence.get_value().wrapping_add(1);
        sequence.set_value(this);
        untrack(|| loader.loading.set(true));
        settle(loader, sequence, this, Box::pin(untrack(|| fetch(key, signal))));
    });
    loader
}

/// The controller of a loader's request in flight, which dropping aborts: replaced by a newer
/// request, or disposed with its view (whose values go before its cleanups run).
struct Running(AbortController);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A request in flight, boxed so that the code awaiting it is compiled once per answer type.
type Request<T> = Pin<Box<dyn Future<Output = Result<T, Error>>>>;

/// Awaits a [`use_loader`] request and keeps its answer unless a newer one superseded it.
#[inline(never)]
fn settle<T: 'static>(loader: Loader<T>, sequence: StoredValue<u64>, this: u64, request: Request<T>) {
    spawn(async move {
        let result = request.await;
        // Superseded by a newer request, or the view is gone: drop the answer.
        if sequence.try_get_value() != Some(this) {
            return;
        }
        crate::view::batch(|| {
            if !matches!(result, Err(Error::Aborted)) {
                loader.value.try_set(Some(result));
            }
            loader.loading.try_set(false);
        });
    });
}

/// A request a person starts (save, delete, create): one at a time, its result kept.
pub struct Submit<T: 'static> {
    /// True while it runs.
    pub pending: RwSignal<bool>,
    /// The latest result.
    pub result: RwSignal<Option<Result<T, Error>>>,
}

impl<T: 'static> Clone for Submit<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Submit<T> {}

impl<T: 'static> Submit<T> {
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
            crate::view::batch(|| {
                this.result.try_set(Some(result));
                this.pending.try_set(false);
            });
        });
    }
}

/// A [`Submit`] slot.
pub fn use_submit<T: 'static>() -> Submit<T> {
    Submit { pending: RwSignal::new(false), result: RwSignal::new(None) }
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
