//! The client's orchestration (retries, aborts, timeouts, lost answers) over a scripted transport.
#![cfg(not(target_arch = "wasm32"))]

mod scripted;

use scripted::*;
use std::future::IntoFuture;
use std::rc::Rc;
use waldur_migrations::transport::TransportError;
use waldur_migrations::*;

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
