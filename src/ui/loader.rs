//! A request keyed on reactive inputs: when they change the running request is aborted and the
//! new one started; only the latest answer is kept; leaving the view aborts what is in flight.

use crate::transport::{AbortController, AbortSignal};
use crate::Error;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

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

/// Runs `fetch(key(), signal)` now and whenever what `key` reads changes.
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
    Effect::new(move |_| {
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
        let request = untrack(|| fetch(key, signal));
        spawn_local(async move {
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
    });
    on_cleanup(move || {
        if let Some(controller) = running.try_update_value(Option::take).flatten() {
            controller.abort();
        }
    });
    loader
}
