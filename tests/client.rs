//! The client's orchestration (retries, aborts, timeouts, list-all) over a scripted transport.
#![cfg(not(target_arch = "wasm32"))]

use futures_util::future::LocalBoxFuture;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::{Future, IntoFuture};
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use waldur_migrations::http::HttpResponse;
use waldur_migrations::transport::{Transport, TransportError, TransportRequest};
use waldur_migrations::*;

type Reply = Result<HttpResponse, TransportError>;
/// Answers by URL.
type Answer = Box<dyn Fn(&str) -> Reply>;

/// Virtual time: sleeps end when the executor has nothing else to do and moves the clock to
/// the earliest of them (see [`run`]), so timeouts and backoffs take no real time and their
/// order is exact.
#[derive(Default)]
struct Clock {
    now: Cell<f64>,
    timers: RefCell<Vec<Timer>>,
}

/// When a sleep ends, whether it has, and who waits for it.
type Timer = (f64, Rc<Cell<bool>>, Rc<RefCell<Option<Waker>>>);

thread_local! {
    static CLOCK: Rc<Clock> = Rc::new(Clock::default());
}

/// Fires the earliest pending timer; false when there is none.
fn advance() -> bool {
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

struct Sleep {
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
fn run<T>(future: impl Future<Output = T>) -> T {
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
struct Scripted {
    replies: RefCell<VecDeque<Reply>>,
    by_url: RefCell<Option<Answer>>,
    sent: RefCell<Vec<TransportRequest>>,
    slept: Rc<RefCell<Vec<u64>>>,
    in_flight: Rc<Cell<usize>>,
    max_in_flight: Rc<Cell<usize>>,
    /// Answers take this long (virtual milliseconds); `None`: one turn of the executor.
    answer_after_ms: Option<u64>,
}

fn ok(status: u16, body: &str, headers: &[(&str, &str)]) -> Reply {
    Ok(HttpResponse::new(status, headers, body))
}

/// Yields to the executor once, so concurrent requests overlap.
struct YieldOnce(bool);
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

fn timer(ms: u64) -> Sleep {
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

fn client(transport: &Rc<Scripted>) -> Client {
    Client::builder("https://waldur.example.com/").token("s3cr3t-token").transport(transport.clone()).build()
}

fn migration_json(index: usize) -> String {
    let base =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/migration_current.json")).unwrap();
    base.replace("a45c8927e176455781f63e7c7baf9567", &format!("{index:032x}"))
}

const UUID: &str = "a45c8927e176455781f63e7c7baf9567";

#[test]
fn retries_503_then_succeeds_and_honours_retry_after() {
    let transport = Rc::new(Scripted::default());
    transport.replies.borrow_mut().extend([
        ok(503, "<html>busy</html>", &[("content-type", "text/html")]),
        ok(429, r#"{"detail": "Request was throttled."}"#, &[("retry-after", "2")]),
        ok(200, &migration_json(1), &[]),
    ]);
    let migration = run(client(&transport).retrieve(UUID).into_future()).unwrap();
    assert_eq!(migration.uuid.simple().to_string(), format!("{:032x}", 1));
    assert_eq!(transport.sent.borrow().len(), 3);
    let slept = transport.slept.borrow().clone();
    assert_eq!(slept.len(), 2);
    assert!((150..=300).contains(&slept[0]), "jittered backoff {slept:?}");
    assert_eq!(slept[1], 2000, "Retry-After honoured");
}

#[test]
fn gives_up_after_max_retries_with_the_last_error() {
    let transport = Rc::new(Scripted::default());
    for _ in 0..10 {
        transport.replies.borrow_mut().push_back(ok(502, "", &[]));
    }
    let err = run(client(&transport).count(ListQuery::default()).into_future()).unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert!(err.is_retryable());
    assert_eq!(transport.sent.borrow().len(), 4, "1 attempt + 3 retries");
}

#[test]
fn post_and_patch_are_never_retried() {
    let transport = Rc::new(Scripted::default());
    transport.replies.borrow_mut().extend([ok(503, "", &[]), Err(TransportError("reset".into()))]);
    let c = client(&transport);
    let body = MigrationCreateRequest {
        src_resource: UUID.into(),
        dst_offering: UUID.into(),
        dst_plan: UUID.into(),
        ..Default::default()
    };
    assert_eq!(run(c.create(body).into_future()).unwrap_err().status(), Some(503));
    let err = run(c.partial_update(UUID, Default::default()).into_future()).unwrap_err();
    assert_eq!(err, Error::Network("reset".into()));
    assert_eq!(transport.sent.borrow().len(), 2);
}

#[test]
fn network_errors_are_retried_for_idempotent_calls() {
    let transport = Rc::new(Scripted::default());
    transport.replies.borrow_mut().extend([Err(TransportError("Failed to fetch".into())), ok(204, "", &[])]);
    run(client(&transport).destroy(UUID).into_future()).unwrap();
    assert_eq!(transport.sent.borrow().len(), 2);
}

#[test]
fn invalid_input_never_reaches_the_transport() {
    let transport = Rc::new(Scripted::default());
    let err = run(client(&transport).create(MigrationCreateRequest::default()).into_future()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    let err = run(client(&transport).retrieve("x").into_future()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(transport.sent.borrow().is_empty());
}

#[test]
fn the_token_goes_only_into_the_authorization_header() {
    let transport = Rc::new(Scripted::default());
    transport.replies.borrow_mut().push_back(ok(401, r#"{"detail": "Invalid token."}"#, &[]));
    let c = client(&transport);
    let err = run(c.list(ListQuery::default()).into_future()).unwrap_err();
    assert_eq!(err.detail(), Some("Invalid token."));
    let sent = transport.sent.borrow();
    assert_eq!(sent[0].url, "https://waldur.example.com/api/openstack-migrations/");
    assert!(sent[0].headers.contains(&("Authorization", "Token s3cr3t-token".into())));
    for text in [format!("{err}"), format!("{err:?}"), format!("{c:?}")] {
        assert!(!text.contains("s3cr3t"), "{text}");
    }
    let bearer = Client::builder("http://h").authorization("Bearer abc.def").transport(transport.clone()).build();
    assert!(format!("{bearer:?}").contains("Bearer <redacted>"));
}

#[test]
fn an_aborted_signal_stops_before_sending_in_flight_and_during_backoff() {
    let transport = Rc::new(Scripted::default());
    let controller = AbortController::new();
    controller.abort();
    let err = run(client(&transport).retrieve(UUID).signal(controller.signal()).into_future()).unwrap_err();
    assert_eq!(err, Error::Aborted);
    assert!(transport.sent.borrow().is_empty());

    // Abort while the first attempt is in flight: the attempt is dropped (which aborts a
    // fetch), and an answer arriving in the same turn does not win.
    let controller = AbortController::new();
    transport.replies.borrow_mut().push_back(ok(200, &migration_json(1), &[]));
    let call = client(&transport).retrieve(UUID).signal(controller.signal()).into_future();
    let abort_soon = async { controller.abort() };
    let (result, ()) = run(futures_util::future::join(call, abort_soon));
    assert_eq!(result.unwrap_err(), Error::Aborted);
    assert_eq!(transport.in_flight.get(), 0, "the attempt was dropped");

    // Abort while waiting out a backoff: the sleep is cut short.
    let transport = Rc::new(Scripted::default());
    transport.replies.borrow_mut().push_back(ok(503, "", &[]));
    let controller = AbortController::new();
    let call = client(&transport).retrieve(UUID).signal(controller.signal()).into_future();
    let abort_later = async {
        for _ in 0..3 {
            YieldOnce(false).await;
        }
        controller.abort();
    };
    let (result, ()) = run(futures_util::future::join(call, abort_later));
    assert_eq!(result.unwrap_err(), Error::Aborted);
    assert_eq!(transport.sent.borrow().len(), 1);
    assert!(transport.slept.borrow().is_empty(), "the backoff never ended");
}

#[test]
fn timeout_budget_covers_retries() {
    let transport = Rc::new(Scripted::default());
    transport.replies.borrow_mut().extend([ok(429, "", &[("retry-after", "5")]), ok(200, &migration_json(1), &[])]);
    // A 5 s Retry-After does not fit in a 2 s budget: the 429 is returned, not waited out.
    let err = run(client(&transport).retrieve(UUID).timeout_ms(2_000).into_future()).unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(transport.sent.borrow().len(), 1);
    // An answer slower than the call's limit: Error::Timeout with that limit, the attempt dropped.
    let slow = Rc::new(Scripted { answer_after_ms: Some(10_000), ..Default::default() });
    slow.replies.borrow_mut().push_back(ok(200, &migration_json(1), &[]));
    let err = run(client(&slow).retrieve(UUID).timeout_ms(750).into_future()).unwrap_err();
    assert_eq!(err, Error::Timeout(750));
    assert!(err.is_retryable());
    assert_eq!(slow.in_flight.get(), 0, "the attempt was dropped");
    // The client's default applies when the call sets none; `no_timeout` waits.
    slow.replies.borrow_mut().push_back(ok(200, &migration_json(1), &[]));
    let patient = Client::builder("http://h").timeout_ms(Some(20_000)).transport(slow.clone()).build();
    assert!(run(patient.retrieve(UUID).into_future()).is_ok());
    slow.replies.borrow_mut().push_back(ok(200, &migration_json(1), &[]));
    let hasty = Client::builder("http://h").timeout_ms(Some(100)).transport(slow.clone()).build();
    assert_eq!(run(hasty.retrieve(UUID).into_future()).unwrap_err(), Error::Timeout(100));
    slow.replies.borrow_mut().push_back(ok(200, &migration_json(1), &[]));
    assert!(run(hasty.retrieve(UUID).no_timeout().into_future()).is_ok());
}

#[test]
fn a_delete_whose_answer_was_lost_is_done_when_the_retry_finds_nothing() {
    let transport = Rc::new(Scripted::default());
    transport.replies.borrow_mut().extend([
        Err(TransportError("connection reset".into())),
        ok(404, r#"{"detail": "No Migration matches the given query."}"#, &[]),
    ]);
    run(client(&transport).destroy(UUID).into_future()).unwrap();
    assert_eq!(transport.sent.borrow().len(), 2);
    // Without a lost answer, a 404 is what it says.
    transport.replies.borrow_mut().push_back(ok(404, r#"{"detail": "No Migration matches the given query."}"#, &[]));
    let err = run(client(&transport).destroy(UUID).into_future()).unwrap_err();
    assert_eq!(err.status(), Some(404));
    // A 503 before the 404 proves nothing was deleted by the first attempt.
    transport.replies.borrow_mut().extend([ok(503, "", &[]), ok(404, r#"{"detail": "x"}"#, &[])]);
    assert_eq!(run(client(&transport).destroy(UUID).into_future()).unwrap_err().status(), Some(404));
    // A gateway that gave up waiting (504) may have let the delete through.
    transport.replies.borrow_mut().extend([ok(504, "<html>504</html>", &[]), ok(404, r#"{"detail": "x"}"#, &[])]);
    run(client(&transport).destroy(UUID).into_future()).unwrap();
}

fn paged_server(total: usize) -> Box<dyn Fn(&str) -> Reply> {
    Box::new(move |url: &str| {
        let page = waldur_migrations::page::page_of_url(url) as usize;
        let size: usize = url.split("page_size=").nth(1).and_then(|s| s.split('&').next()).unwrap().parse().unwrap();
        let start = (page - 1) * size;
        let items: Vec<String> = (start..(start + size).min(total)).map(migration_json).collect();
        ok(200, &format!("[{}]", items.join(",")), &[("x-result-count", &total.to_string())])
    })
}

#[test]
fn list_all_fetches_concurrently_in_server_order_with_progress() {
    let transport = Rc::new(Scripted::default());
    *transport.by_url.borrow_mut() = Some(paged_server(2_345));
    let progress = Rc::new(RefCell::new(Vec::new()));
    let seen = progress.clone();
    let options = ListAllOptions {
        concurrency: 3,
        on_progress: Some(Rc::new(move |done, total| seen.borrow_mut().push((done, total)))),
        ..Default::default()
    };
    let all = run(client(&transport).list_all(ListQuery::default(), options)).unwrap();
    assert_eq!(all.items.len(), 2_345);
    assert_eq!(all.total, Some(2_345));
    assert_eq!(all.pages, 8);
    for (index, item) in all.items.iter().enumerate() {
        assert_eq!(item.uuid.simple().to_string(), format!("{index:032x}"));
    }
    assert_eq!(progress.borrow().first(), Some(&(1, 8)));
    assert_eq!(progress.borrow().last(), Some(&(8, 8)));
    assert_eq!(transport.max_in_flight.get(), 3, "bounded concurrency");
}

#[test]
fn list_all_stops_at_the_cap_and_fails_as_a_whole() {
    let transport = Rc::new(Scripted::default());
    *transport.by_url.borrow_mut() = Some(paged_server(1_000));
    let options = ListAllOptions { page_size: 100, max_items: Some(250), ..Default::default() };
    let all = run(client(&transport).list_all(ListQuery::default(), options)).unwrap();
    assert_eq!(all.items.len(), 250);
    assert_eq!(transport.sent.borrow().len(), 3, "only the pages the cap needs");

    let failing = Rc::new(Scripted::default());
    let inner = paged_server(1_000);
    *failing.by_url.borrow_mut() = Some(Box::new(move |url: &str| {
        if url.contains("page=3&") {
            ok(404, r#"{"detail": "Invalid page."}"#, &[])
        } else {
            inner(url)
        }
    }));
    let err =
        run(client(&failing).list_all(ListQuery::default(), ListAllOptions { page_size: 100, ..Default::default() }))
            .unwrap_err();
    assert_eq!(err.detail(), Some("Invalid page."));
}

#[test]
fn remaining_pages_arithmetic() {
    use waldur_migrations::client::remaining_pages;
    assert_eq!(remaining_pages(0, 300, None).count(), 0);
    assert_eq!(remaining_pages(300, 300, None).count(), 0);
    assert_eq!(remaining_pages(301, 300, None), 2..=2);
    assert_eq!(remaining_pages(10_000, 300, Some(600)), 2..=2);
    assert_eq!(remaining_pages(u64::MAX, 1, None), 2..=u32::MAX);
}

#[test]
fn list_all_without_readable_paging_headers_fails_instead_of_stopping_at_page_one() {
    let full_page: Vec<String> = (0..300).map(migration_json).collect();
    let transport = Rc::new(Scripted::default());
    transport.replies.borrow_mut().push_back(ok(200, &format!("[{}]", full_page.join(",")), &[]));
    let err = run(client(&transport).list_all(ListQuery::default(), Default::default())).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.to_string().contains("X-Result-Count") && err.to_string().contains("Link"), "{err}");
    // A short first page is the whole list, headers or not.
    transport.replies.borrow_mut().push_back(ok(200, &format!("[{}]", migration_json(1)), &[]));
    let all = run(client(&transport).list_all(ListQuery::default(), Default::default())).unwrap();
    assert_eq!((all.items.len(), all.total, all.pages), (1, None, 1));
    // The `last` link alone is enough to know how many pages to fetch.
    let inner = paged_server(450);
    *transport.by_url.borrow_mut() = Some(Box::new(move |url: &str| {
        let mut reply = inner(url)?;
        reply.headers =
            vec![("link".into(), "<http://h/api/openstack-migrations/?page=2&page_size=300>; rel=\"last\"".into())];
        Ok(reply)
    }));
    let all = run(client(&transport).list_all(ListQuery::default(), Default::default())).unwrap();
    assert_eq!(all.items.len(), 450);
}

#[test]
fn no_debug_output_holds_a_credential() {
    let transport = Rc::new(Scripted::default());
    transport.replies.borrow_mut().push_back(ok(200, "[]", &[("x-result-count", "0")]));
    let c = client(&transport);
    run(c.list(ListQuery::default()).into_future()).unwrap();
    let sent = format!("{:?}", transport.sent.borrow()[0]);
    assert!(sent.contains("<redacted>") && !sent.contains("s3cr3t"), "{sent}");
    assert!(!format!("{c:?}").contains("s3cr3t"));
}
