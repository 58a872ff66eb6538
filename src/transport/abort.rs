//! A cancellation signal that works the same natively and in the browser, and converts from a
//! DOM `AbortSignal` on wasm.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

type Listener = Box<dyn FnOnce()>;

#[derive(Default)]
struct Inner {
    aborted: Cell<bool>,
    next_id: Cell<u64>,
    listeners: RefCell<Vec<(u64, Listener)>>,
    /// Things that must live as long as the signal (the DOM listener of a converted signal).
    keep_alive: RefCell<Vec<Box<dyn std::any::Any>>>,
}

/// Aborts the calls given its [`AbortSignal`].
#[derive(Clone, Default)]
pub struct AbortController {
    signal: AbortSignal,
}

impl AbortController {
    /// A controller whose signal has not fired.
    pub fn new() -> Self {
        Self::default()
    }

    /// The signal to pass to calls.
    pub fn signal(&self) -> AbortSignal {
        self.signal.clone()
    }

    /// Fires the signal: pending calls end with [`crate::Error::Aborted`]. Idempotent.
    pub fn abort(&self) {
        self.signal.fire();
    }
}

/// Tells calls to stop. Cheap to clone; all clones see the same state.
#[derive(Clone, Default)]
pub struct AbortSignal {
    inner: Rc<Inner>,
}

impl std::fmt::Debug for AbortSignal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AbortSignal").field("aborted", &self.is_aborted()).finish()
    }
}

impl AbortSignal {
    /// True once aborted.
    pub fn is_aborted(&self) -> bool {
        self.inner.aborted.get()
    }

    /// Runs `listener` once when the signal fires (at once if it already has). Dropping the
    /// returned guard unregisters it.
    pub fn on_abort(&self, listener: impl FnOnce() + 'static) -> AbortListener {
        if self.is_aborted() {
            listener();
            return AbortListener { signal: None, id: 0 };
        }
        let id = self.inner.next_id.get().wrapping_add(1);
        self.inner.next_id.set(id);
        self.inner.listeners.borrow_mut().push((id, Box::new(listener)));
        AbortListener { signal: Some(self.clone()), id }
    }

    /// A future that completes when the signal fires.
    pub fn aborted(&self) -> Aborted {
        Aborted { signal: self.clone(), waker: Rc::new(RefCell::new(None)), listener: None }
    }

    /// Keeps `value` alive as long as any clone of this signal.
    pub fn keep_alive(&self, value: Box<dyn std::any::Any>) {
        self.inner.keep_alive.borrow_mut().push(value);
    }

    fn fire(&self) {
        if self.inner.aborted.replace(true) {
            return;
        }
        let listeners = std::mem::take(&mut *self.inner.listeners.borrow_mut());
        for (_, listener) in listeners {
            listener();
        }
    }
}

/// Unregisters an abort listener when dropped.
#[must_use = "the listener is removed when this guard is dropped"]
pub struct AbortListener {
    signal: Option<AbortSignal>,
    id: u64,
}

impl Drop for AbortListener {
    fn drop(&mut self) {
        if let Some(signal) = &self.signal {
            if let Ok(mut listeners) = signal.inner.listeners.try_borrow_mut() {
                listeners.retain(|(id, _)| *id != self.id);
            }
        }
    }
}

/// Completes when its signal fires; see [`AbortSignal::aborted`].
pub struct Aborted {
    signal: AbortSignal,
    waker: Rc<RefCell<Option<Waker>>>,
    listener: Option<AbortListener>,
}

impl Future for Aborted {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.signal.is_aborted() {
            return Poll::Ready(());
        }
        *self.waker.borrow_mut() = Some(cx.waker().clone());
        if self.listener.is_none() {
            let waker = self.waker.clone();
            let listener = self.signal.on_abort(move || {
                if let Some(waker) = waker.borrow_mut().take() {
                    waker.wake();
                }
            });
            self.listener = Some(listener);
        }
        Poll::Pending
    }
}

#[cfg(target_arch = "wasm32")]
impl From<&web_sys::AbortSignal> for AbortSignal {
    /// Follows a DOM `AbortSignal` (from an `AbortController` in JS).
    fn from(dom: &web_sys::AbortSignal) -> Self {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;

        let controller = AbortController::new();
        if dom.aborted() {
            controller.abort();
            return controller.signal();
        }
        let signal = controller.signal();
        // The closure lives inside the signal, so it holds the signal weakly (no cycle).
        let weak = Rc::downgrade(&signal.inner);
        let on_abort = Closure::<dyn FnMut()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                AbortSignal { inner }.fire();
            }
        });
        if dom.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref()).is_ok() {
            /// Removes the DOM listener when the Rust signal goes away.
            struct DomListener {
                dom: web_sys::AbortSignal,
                callback: Closure<dyn FnMut()>,
            }
            impl Drop for DomListener {
                fn drop(&mut self) {
                    let _ =
                        self.dom.remove_event_listener_with_callback("abort", self.callback.as_ref().unchecked_ref());
                }
            }
            // The DOM listener lives in the signal and is removed when the signal is dropped.
            signal.keep_alive(Box::new(DomListener { dom: dom.clone(), callback: on_abort }));
        }
        signal
    }
}
