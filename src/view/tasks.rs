//! Time and work outside the current call: timers owned by a view (cleared when it goes),
//! animation frames, and tasks on the page's executor.

use super::handles::StoredValue;
use crate::prelude::*;
use core::future::Future;
use core::pin::Pin;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: u32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
    #[wasm_bindgen(js_name = requestAnimationFrame)]
    fn request_frame(handler: &js_sys::Function) -> JsValue;
}

/// A pending timeout: its id and the callback it keeps alive. Dropping it clears the timeout,
/// however it goes: cancelled, replaced, or disposed with its view (whose nodes go before its
/// cleanups run), so the browser never calls a dropped callback.
struct Pending {
    id: JsValue,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for Pending {
    fn drop(&mut self) {
        clear_timeout(&self.id);
    }
}

/// One pending timeout at most: starting another replaces it, leaving the view clears it.
#[derive(Clone, Copy)]
pub struct TimeoutSlot(StoredValue<Option<Pending>>);

impl TimeoutSlot {
    /// Runs `callback` after `ms`, replacing what was pending.
    pub fn start(&self, ms: u64, callback: impl FnOnce() + 'static) {
        self.start_boxed(ms, Box::new(callback));
    }

    fn start_boxed(&self, ms: u64, callback: Box<dyn FnOnce()>) {
        self.cancel();
        let slot = *self;
        let mut callback = Some(callback);
        let closure = Closure::wrap(Box::new(move || {
            // Forget the timer first (the closure itself stays alive until it returns).
            let fired = slot.0.try_update_value(Option::take).flatten();
            if let Some(run) = callback.take() {
                super::handles::batch(run);
            }
            drop(fired);
        }) as Box<dyn FnMut()>);
        // Timers hold at most 2^31 - 1 ms.
        let id = set_timeout(closure.as_ref().unchecked_ref(), ms.min(2_147_483_647) as u32);
        self.0.try_set_value(Some(Pending { id, _callback: closure }));
    }

    /// Clears what is pending.
    pub fn cancel(&self) {
        drop(self.0.try_update_value(Option::take));
    }
}

/// A timer slot cleared when the current view is left (with the slot, which the view owns).
pub fn use_timeout() -> TimeoutSlot {
    TimeoutSlot(StoredValue::new(None))
}

/// Runs `callback` before the next paint.
pub fn request_animation_frame(callback: impl FnOnce() + 'static) {
    let callback: Box<dyn FnOnce()> = Box::new(callback);
    let function = Closure::once_into_js(move || super::handles::batch(callback));
    request_frame(function.unchecked_ref());
}

/// Runs a task on the page's executor (boxed: one copy of the executor glue for every task).
pub fn spawn(task: impl Future<Output = ()> + 'static) {
    let task: Pin<Box<dyn Future<Output = ()>>> = Box::pin(task);
    wasm_bindgen_futures::spawn_local(task);
}
