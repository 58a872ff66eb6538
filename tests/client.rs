//! The client's orchestration (retries, aborts, timeouts, list-all) over a scripted transport.
#![cfg(not(target_arch = "wasm32"))]

use futures_util::future::LocalBoxFuture;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::IntoFuture;
use std::rc::Rc;
use waldur_migrations::http::HttpResponse;
use waldur_migrations::transport::{Transport, TransportError, TransportRequest};
use waldur_migrations::*;

type Reply = Result<HttpResponse, TransportError>;
/// Answers by URL.
type Answer = Box<dyn Fn(&str) -> Reply>;

/// Answers from a script (or a function of the URL), records what was sent, and keeps a fake
/// clock that sleeping advances.
#[derive(Default)]
struct Scripted {
    replies: RefCell<VecDeque<Reply>>,
    by_url: RefCell<Option<Answer>>,
    sent: RefCell<Vec<TransportRequest>>,
    clock: Cell<f64>,
    slept: RefCell<Vec<u64>>,
    in_flight: Rc<Cell<usize>>,
    max_in_flight: Rc<Cell<usize>>,
    sleep_forever: bool,
}

fn ok(status: u16, body: &str, headers: &[(&str, &str)]) -> Reply {
    Ok(HttpResponse {
        status,
        headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        body: body.to_string(),
    })
}

/// Yields to the executor once, so concurrent requests overlap.
struct YieldOnce(bool);
impl std::future::Future for YieldOnce {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.0 {
            std::task::Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
}

impl Transport for Scripted {
    fn send(&self, request: TransportRequest) -> LocalBoxFuture<'static, Reply> {
        let reply = match &*self.by_url.borrow() {
            Some(answer) => answer(&request.url),
            None => self.replies.borrow_mut().pop_front().unwrap_or_else(|| ok(599, "script ended", &[])),
        };
        self.sent.borrow_mut().push(request.clone());
        let (in_flight, max) = (self.in_flight.clone(), self.max_in_flight.clone());
        in_flight.set(in_flight.get() + 1);
        max.set(max.get().max(in_flight.get()));
        Box::pin(async move {
            YieldOnce(false).await;
            in_flight.set(in_flight.get() - 1);
            if request.signal.as_ref().is_some_and(|s| s.is_aborted()) {
                return Err(TransportError::Aborted);
            }
            reply
        })
    }
    fn sleep(&self, ms: u64) -> LocalBoxFuture<'static, ()> {
        self.slept.borrow_mut().push(ms);
        self.clock.set(self.clock.get() + ms as f64);
        if self.sleep_forever {
            return Box::pin(futures_util::future::pending());
        }
        Box::pin(async {})
    }
    fn now_ms(&self) -> f64 {
        self.clock.get()
    }
    fn random(&self) -> f64 {
        0.5
    }
}

fn client(transport: &Rc<Scripted>) -> Client {
    Client::builder("https://waldur.example.com/").token("s3cr3t-token").transport(transport.clone()).build()
}

fn run<T>(future: impl std::future::Future<Output = T>) -> T {
    futures_executor::block_on(future)
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
    transport.replies.borrow_mut().extend([ok(503, "", &[]), Err(TransportError::Network("reset".into()))]);
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
    transport.replies.borrow_mut().extend([Err(TransportError::Network("Failed to fetch".into())), ok(204, "", &[])]);
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
fn an_aborted_signal_stops_before_sending_and_during_backoff() {
    let transport = Rc::new(Scripted::default());
    let controller = AbortController::new();
    controller.abort();
    let err = run(client(&transport).retrieve(UUID).signal(controller.signal()).into_future()).unwrap_err();
    assert_eq!(err, Error::Aborted);
    assert!(transport.sent.borrow().is_empty());

    // Abort while the first attempt is in flight: the transport sees the signal.
    let controller = AbortController::new();
    transport.replies.borrow_mut().push_back(ok(200, &migration_json(1), &[]));
    let call = client(&transport).retrieve(UUID).signal(controller.signal()).into_future();
    let abort_soon = async { controller.abort() };
    let (result, ()) = run(futures_util::future::join(call, abort_soon));
    assert_eq!(result.unwrap_err(), Error::Aborted);

    // Abort while waiting out a backoff: the sleep is cut short.
    let sleepy = Rc::new(Scripted { sleep_forever: true, ..Default::default() });
    sleepy.replies.borrow_mut().push_back(ok(503, "", &[]));
    let controller = AbortController::new();
    let call = client(&sleepy).retrieve(UUID).signal(controller.signal()).into_future();
    let abort_later = async {
        for _ in 0..3 {
            YieldOnce(false).await;
        }
        controller.abort();
    };
    let (result, ()) = run(futures_util::future::join(call, abort_later));
    assert_eq!(result.unwrap_err(), Error::Aborted);
    assert_eq!(sleepy.sent.borrow().len(), 1);
    assert_eq!(sleepy.slept.borrow().len(), 1);
}

#[test]
fn timeout_budget_covers_retries() {
    let transport = Rc::new(Scripted::default());
    transport.replies.borrow_mut().extend([ok(429, "", &[("retry-after", "5")]), ok(200, &migration_json(1), &[])]);
    // A 5 s Retry-After does not fit in a 2 s budget: the 429 is returned, not waited out.
    let err = run(client(&transport).retrieve(UUID).timeout_ms(2_000).into_future()).unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(transport.sent.borrow().len(), 1);
    assert_eq!(transport.sent.borrow()[0].timeout_ms, Some(2_000));
    // A transport timeout becomes Error::Timeout with the call's limit.
    transport.replies.borrow_mut().clear();
    transport.replies.borrow_mut().push_back(Err(TransportError::Timeout));
    let err = run(client(&transport).retrieve(UUID).timeout_ms(750).into_future()).unwrap_err();
    assert_eq!(err, Error::Timeout(750));
    assert!(err.is_retryable());
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
