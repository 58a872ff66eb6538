//! A scripted transport on virtual time, for the native client tests: replies by URL or in
//! order, sleeps that end when the executor is idle (so timeouts and backoffs take no real time
//! and their order is exact), and a minimal executor.
#![allow(dead_code)]

use futures_util::future::LocalBoxFuture;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use waldur_migrations::http::HttpResponse;
use waldur_migrations::transport::{Transport, TransportError, TransportRequest};
use waldur_migrations::*;

pub type Reply = Result<HttpResponse, TransportError>;
/// Answers by URL.
pub type Answer = Box<dyn Fn(&str) -> Reply>;

/// Virtual time: sleeps end when the executor has nothing else to do and moves the clock to
/// the earliest of them (see [`run`]), so timeouts and backoffs take no real time and their
/// order is exact.
#[derive(Default)]
pub struct Clock {
    now: Cell<f64>,
    timers: RefCell<Vec<Timer>>,
}

/// When a sleep ends, whether it has, and who waits for it.
type Timer = (f64, Rc<Cell<bool>>, Rc<RefCell<Option<Waker>>>);

thread_local! {
    static CLOCK: Rc<Clock> = Rc::new(Clock::default());
}

/// Fires the earliest pending timer; false when there is none.
pub fn advance() -> bool {
    CLOCK.with(|clock| {
        let mut timers = clock.timers.borrow_mut();
        let Some(at) = (0..timers.len()).min_by(|a, b| timers[*a].0.total_cmp(&timers[*b].0)) else {
            return false;
        };
        let (when, fired, waker) = timers.remove(at);
        clock.now.set(clock.now.get().max(when));
        fired.set(true);
        if let Some(waker) = waker.borrow_mut().take() {
            waker.wake();
        }
        true
    })
}

pub struct Sleep {
    fired: Rc<Cell<bool>>,
    waker: Rc<RefCell<Option<Waker>>>,
}

impl Future for Sleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.fired.get() {
            return Poll::Ready(());
        }
        *self.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

struct Flag(AtomicBool);
impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Runs `future` to completion in virtual time; panics if it waits for something that never
/// comes.
pub fn run<T>(future: impl Future<Output = T>) -> T {
    let flag = Arc::new(Flag(AtomicBool::new(true)));
    let waker = Waker::from(flag.clone());
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        if flag.0.swap(false, Ordering::SeqCst) {
            if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
                return value;
            }
            continue;
        }
        assert!(advance(), "the call waits for something that never happens");
    }
}

/// Answers from a script (or a function of the URL) and records what was sent and what was
/// waited.
#[derive(Default)]
pub struct Scripted {
    pub replies: RefCell<VecDeque<Reply>>,
    pub by_url: RefCell<Option<Answer>>,
    pub sent: RefCell<Vec<TransportRequest>>,
    pub slept: Rc<RefCell<Vec<u64>>>,
    pub in_flight: Rc<Cell<usize>>,
    pub max_in_flight: Rc<Cell<usize>>,
    /// Answers take this long (virtual milliseconds); `None`: one turn of the executor.
    pub answer_after_ms: Option<u64>,
}

pub fn ok(status: u16, body: &str, headers: &[(&str, &str)]) -> Reply {
    Ok(HttpResponse::new(status, headers, body))
}

/// Yields to the executor once, so concurrent requests overlap.
pub struct YieldOnce(pub bool);
impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

pub fn timer(ms: u64) -> Sleep {
    CLOCK.with(|clock| {
        let sleep = Sleep { fired: Rc::new(Cell::new(false)), waker: Rc::new(RefCell::new(None)) };
        clock.timers.borrow_mut().push((clock.now.get() + ms as f64, sleep.fired.clone(), sleep.waker.clone()));
        sleep
    })
}

impl Transport for Scripted {
    fn send(&self, request: TransportRequest) -> LocalBoxFuture<'static, Reply> {
        let reply = match &*self.by_url.borrow() {
            Some(answer) => answer(&request.url),
            None => self.replies.borrow_mut().pop_front().unwrap_or_else(|| ok(599, "script ended", &[])),
        };
        self.sent.borrow_mut().push(request);
        let (in_flight, max) = (self.in_flight.clone(), self.max_in_flight.clone());
        in_flight.set(in_flight.get() + 1);
        max.set(max.get().max(in_flight.get()));
        let delay = self.answer_after_ms;
        Box::pin(async move {
            /// Counts the request as answered or abandoned (dropped) exactly once.
            struct Done(Rc<Cell<usize>>);
            impl Drop for Done {
                fn drop(&mut self) {
                    self.0.set(self.0.get() - 1);
                }
            }
            let _done = Done(in_flight);
            match delay {
                Some(ms) => timer(ms).await,
                None => YieldOnce(false).await,
            }
            reply
        })
    }
    fn sleep(&self, ms: u64) -> LocalBoxFuture<'static, ()> {
        let slept = self.slept.clone();
        Box::pin(async move {
            timer(ms).await;
            slept.borrow_mut().push(ms);
        })
    }
    fn now_ms(&self) -> f64 {
        CLOCK.with(|clock| clock.now.get())
    }
    fn random(&self) -> f64 {
        0.5
    }
}

pub fn client(transport: &Rc<Scripted>) -> Client {
    Client::builder("https://waldur.example.com/").token("s3cr3t-token").transport(transport.clone()).build()
}

pub fn migration_json(index: usize) -> String {
    let base =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/migration_current.json")).unwrap();
    base.replace("a45c8927e176455781f63e7c7baf9567", &format!("{index:032x}"))
}

pub const UUID: &str = "a45c8927e176455781f63e7c7baf9567";
