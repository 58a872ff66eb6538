//! Cancellation: an [`AbortSignal`] is a flag and the wakers of the calls waiting on it. A call
//! races its work against [`AbortSignal::aborted`]; when the signal wins, the work's future is
//! dropped, and dropping a fetch aborts it. On wasm a DOM `AbortSignal` converts into one.

use crate::prelude::*;

use alloc::rc::Rc;
use core::cell::{Cell, RefCell};
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

#[derive(Default)]
struct Inner {
    aborted: Cell<bool>,
    next_id: Cell<u64>,
    /// The tasks waiting for the signal, by the id of their [`Aborted`] future.
    waiting: RefCell<Vec<(u64, Waker)>>,
    /// The listener on the DOM signal this one follows (removed with this signal).
    #[cfg(target_arch = "wasm32")]
    dom: RefCell<Option<dom::Link>>,
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
        self.signal.inner.fire();
    }
}

/// Tells calls to stop. Cheap to clone; all clones see the same state.
#[derive(Clone, Default)]
pub struct AbortSignal {
    inner: Rc<Inner>,
}

impl core::fmt::Debug for AbortSignal {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AbortSignal").field("aborted", &self.is_aborted()).finish()
    }
}

impl Inner {
    fn fire(&self) {
        if self.aborted.replace(true) {
            return;
        }
        let waiting = core::mem::take(&mut *self.waiting.borrow_mut());
        for (_, waker) in waiting {
            waker.wake();
        }
    }
}

impl AbortSignal {
    /// True once aborted.
    pub fn is_aborted(&self) -> bool {
        self.inner.aborted.get()
    }

    /// A future that completes when the signal fires.
    pub fn aborted(&self) -> Aborted {
        let id = self.inner.next_id.get().wrapping_add(1);
        self.inner.next_id.set(id);
        Aborted { signal: self.clone(), id }
    }
}

/// Completes when its signal fires; see [`AbortSignal::aborted`].
pub struct Aborted {
    signal: AbortSignal,
    id: u64,
}

impl Future for Aborted {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let inner = &self.signal.inner;
        if inner.aborted.get() {
            return Poll::Ready(());
        }
        let mut waiting = inner.waiting.borrow_mut();
        match waiting.iter_mut().find(|(id, _)| *id == self.id) {
            Some((_, waker)) => waker.clone_from(cx.waker()),
            None => waiting.push((self.id, cx.waker().clone())),
        }
        Poll::Pending
    }
}

impl Drop for Aborted {
    fn drop(&mut self) {
        if let Ok(mut waiting) = self.signal.inner.waiting.try_borrow_mut() {
            waiting.retain(|(id, _)| *id != self.id);
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod dom {
    use super::{AbortController, AbortSignal, Inner};
    use alloc::rc::{Rc, Weak};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    /// The `abort` listener on a DOM signal; removed when dropped.
    pub(super) struct Link {
        dom: web_sys::AbortSignal,
        callback: Closure<dyn FnMut()>,
    }

    impl Drop for Link {
        fn drop(&mut self) {
            let _ = self.dom.remove_event_listener_with_callback("abort", self.callback.as_ref().unchecked_ref());
        }
    }

    impl From<&web_sys::AbortSignal> for AbortSignal {
        /// Follows a DOM `AbortSignal` (from an `AbortController` in JS).
        fn from(dom: &web_sys::AbortSignal) -> Self {
            let signal = AbortController::new().signal();
            if dom.aborted() {
                signal.inner.fire();
                return signal;
            }
            // The listener lives inside the signal, so it holds the signal weakly (no cycle).
            let weak: Weak<Inner> = Rc::downgrade(&signal.inner);
            let callback = Closure::<dyn FnMut()>::new(move || {
                if let Some(inner) = weak.upgrade() {
                    inner.fire();
                }
            });
            if dom.add_event_listener_with_callback("abort", callback.as_ref().unchecked_ref()).is_ok() {
                *signal.inner.dom.borrow_mut() = Some(Link { dom: dom.clone(), callback });
            }
            signal
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use futures_util::future::{select, Either};

    #[test]
    fn a_waiting_call_wakes_when_aborted_and_cleans_up_when_dropped() {
        let controller = AbortController::new();
        let signal = controller.signal();
        futures_executor::block_on(async {
            let pending = Box::pin(futures_util::future::pending::<()>());
            let waiting = signal.aborted();
            let aborter = async { controller.abort() };
            let (done, _) = futures_util::future::join(select(waiting, pending), aborter).await;
            assert!(matches!(done, Either::Left(_)));
        });
        assert!(signal.is_aborted());
        let other = AbortController::new();
        {
            let mut future = Box::pin(other.signal().aborted());
            let waker = futures_util::task::noop_waker();
            assert!(future.as_mut().poll(&mut Context::from_waker(&waker)).is_pending());
            assert_eq!(other.signal().inner.waiting.borrow().len(), 1);
        }
        assert!(other.signal().inner.waiting.borrow().is_empty(), "a dropped wait leaves nothing behind");
    }
}
