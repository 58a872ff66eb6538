//! The Leptos components mounted into the document in headless Chromium, against the fake
//! server: list paging and filters, details, each create validation error at its field, server
//! errors at their fields, one POST per double click, editing, deleting, abort on unmount.
#![cfg(all(target_arch = "wasm32", feature = "ui"))]

mod browser_support;

use browser_support::dom::*;
use browser_support::mount::mount;
use browser_support::*;
use futures_util::future::LocalBoxFuture;
use leptos::prelude::*;
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use waldur_migrations::http::HttpResponse;
use waldur_migrations::transport::{FetchTransport, Transport, TransportError, TransportRequest};
use waldur_migrations::ui::*;
use waldur_migrations::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn list_pages_and_filters() {
    let user = TestUser::new(25).await;
    let client = user.client();
    let (root, _handle) = mount(client.clone(), || view! { <MigrationList page_size=10 /> }.into_any());
    until("10 rows", || (rows(&root).len() == 10).then_some(())).await;
    assert!(text(&root).contains("25 migrations"));
    assert!(text(&root).contains("Page 1 of 3"));
    let headers: Vec<String> = all(&root, "thead th").iter().map(text).collect();
    assert_eq!(
        headers,
        [
            "Source resource",
            "Destination resource",
            "Destination offering",
            "Created",
            "State",
            "Destination resource state"
        ]
    );
    click(&button(&root, "Next").unwrap());
    until("page 2", || text(&root).contains("Page 2 of 3").then_some(())).await;
    click(&button(&root, "Last").unwrap());
    until("5 rows on the last page", || (rows(&root).len() == 5 && text(&root).contains("Page 3 of 3")).then_some(()))
        .await;
    assert!(button(&root, "Next").unwrap().unchecked_into::<web_sys::HtmlButtonElement>().disabled());

    // Filter by source resource through the picker (fed by the lookup).
    let genomics = client
        .source_resources(LookupQuery { name: Some("genomics-prod".into()), ..Default::default() })
        .await
        .unwrap()
        .items[0]
        .clone();
    let expected = client
        .count(ListQuery { src_resource_uuid: Some(genomics.uuid.simple().to_string()), ..Default::default() })
        .await
        .unwrap() as usize;
    pick(&root, "Source resource", "genomics-prod", "genomics-prod").await;
    until("filtered rows", || {
        let shown = rows(&root);
        let wanted = expected.min(10);
        (shown.len() == wanted && shown.iter().all(|r| text(r).starts_with("genomics-prod"))).then_some(())
    })
    .await;
    assert!(text(&root).contains(&format!("{expected} migration")));
    // The page size choice.
    choose(&labelled(&root, "Page size").unwrap(), "25");
    click(&button(&root, "Clear Source resource").unwrap());
    until("25 rows", || (rows(&root).len() == 25).then_some(())).await;
    assert!(text(&root).contains("Page 1 of 1"));
}

#[wasm_bindgen_test]
async fn empty_state_and_error_state_with_retry() {
    let user = TestUser::new(0).await;
    let (root, _handle) = mount(user.client(), || view! { <MigrationList /> }.into_any());
    until("empty state", || text(&root).contains("No migrations").then_some(())).await;
    let broken = TestUser::new(2).await;
    broken.fault(json!({"kind": "html", "times": 4})).await;
    let client = broken.client_with(RetryPolicy::none());
    let (root, _handle) = mount(client, || view! { <MigrationList /> }.into_any());
    let banner = until("error banner", || one(&root, "[role=alert]")).await;
    assert!(text(&banner).contains("HTTP 500"), "{}", text(&banner));
    broken.clear_faults().await;
    click(&button(&root, "Retry").unwrap());
    until("rows after retry", || (rows(&root).len() == 2).then_some(())).await;
}

#[wasm_bindgen_test]
async fn a_row_opens_with_click_or_enter() {
    let user = TestUser::new(3).await;
    let opened = std::sync::Arc::new(std::sync::Mutex::new(Vec::<MigrationDetails>::new()));
    let seen = opened.clone();
    let (root, _handle) = mount(user.client(), move || {
        let seen = seen.clone();
        let on_select = Callback::new(move |m: MigrationDetails| seen.lock().unwrap().push(m));
        view! { <MigrationList on_select=on_select /> }.into_any()
    });
    let first = until("rows", || rows(&root).into_iter().next()).await;
    assert_eq!(first.get_attribute("tabindex").as_deref(), Some("0"));
    press(&first, "Enter");
    rows(&root)[1].unchecked_ref::<web_sys::HtmlElement>().click();
    let opened = opened.lock().unwrap();
    assert_eq!(opened.len(), 2);
    assert_ne!(opened[0].uuid, opened[1].uuid);
}

#[wasm_bindgen_test]
async fn details_show_every_field_traceback_and_volume_type_names() {
    let user = TestUser::new(60).await;
    let client = user.client();
    let all = client.list_all(ListQuery::default(), ListAllOptions::default()).await.unwrap();
    let erred = all.items.iter().find(|m| m.state == MigrationState::Erred).expect("seeded data has failures").clone();
    let uuid = erred.uuid.simple().to_string();
    let (root, _handle) =
        mount(client.clone(), move || view! { <MigrationDetailsView uuid=uuid.clone() /> }.into_any());
    until("details", || text(&root).contains(&erred.error_message).then_some(())).await;
    let page = text(&root);
    for expected in [
        &erred.src_resource_name,
        &erred.dst_offering_name,
        &erred.created_by_full_name,
        &erred.uuid.simple().to_string(),
    ] {
        assert!(page.contains(expected.as_str()), "{expected} missing");
    }
    assert_eq!(text(&one(&root, "details.wm-traceback summary").unwrap()), "Traceback");
    assert_eq!(text(&one(&root, "details.wm-traceback pre").unwrap()), erred.error_traceback);

    let with_types =
        all.items.iter().find(|m| !m.mappings.volume_types.is_empty()).expect("seeded volume type mappings").clone();
    let types = client.volume_types(LookupQuery { page_size: Some(300), ..Default::default() }).await.unwrap().items;
    let name = types.iter().find(|t| t.uuid == with_types.mappings.volume_types[0].src_type_uuid).unwrap().name.clone();
    let uuid = with_types.uuid.simple().to_string();
    let (root, _handle) = mount(client, move || view! { <MigrationDetailsView uuid=uuid.clone() /> }.into_any());
    until("volume types by name", || {
        one(&root, "table.wm-table--compact tbody td").filter(|cell| text(cell) == name).map(|_| ())
    })
    .await;
}

/// Fills the create form with a valid migration of `source` to Tallinn's `plan`.
async fn fill_create_form(root: &web_sys::HtmlElement, source: &str, plan: &str) {
    pick(root, "Source resource", source, source).await;
    pick(root, "Destination offering", "Tallinn", "Tallinn Cloud — OpenStack tenant | TalTech HPC Centre").await;
    let select = labelled(root, "Destination plan").unwrap();
    let value = until("plans", || {
        all(&select, "option").into_iter().find(|o| text(o) == plan).and_then(|o| o.get_attribute("value"))
    })
    .await;
    choose(&select, &value);
}

#[wasm_bindgen_test]
async fn create_validation_errors_are_placed_at_their_fields() {
    let user = TestUser::new(0).await;
    user.fault(json!({"kind": "status", "status": 500, "times": 20, "method": "POST"})).await;
    let (root, _handle) = mount(user.client(), || view! { <MigrationCreateForm /> }.into_any());
    let submit = until("form", || button(&root, "Create migration")).await;
    click(&submit);
    until("required messages", || (!messages_of("wm-create-source").is_empty()).then_some(())).await;
    assert_eq!(messages_of("wm-create-source"), ["This field is required."]);
    assert_eq!(messages_of("wm-create-offering"), ["This field is required."]);
    assert_eq!(messages_of("wm-create-plan"), ["This field is required."]);
    assert_eq!(labelled(&root, "Destination offering").unwrap().get_attribute("aria-invalid").as_deref(), Some("true"));

    fill_create_form(&root, "genomics-prod", "Medium").await;
    type_into(&labelled(&root, "Name").unwrap(), "   ");
    click(&button(&root, "Add subnet pair").unwrap());
    let src = until("subnet row", || labelled(&root, "Source CIDR 1")).await;
    type_into(&src, "10.0.0.0/24");
    let dst = labelled(&root, "Destination CIDR 1").unwrap();
    // Checked as typed, before any submit.
    type_into(&dst, "8.8.8.0/24");
    until("live CIDR check", || (messages_of(&dst.id()) == ["A private network CIDR is expected."]).then_some(()))
        .await;
    type_into(&dst, "10.9.0.0/16");
    until("mask message", || (messages_of(&dst.id()) == ["Network mask length should be equal to 24."]).then_some(()))
        .await;
    click(&button(&root, "Add volume type pair").unwrap());
    tick(&labelled_check(&root, "Copy ports connected to instances"), true);
    click(&submit);
    until("submit messages", || (!messages_of("wm-create-name").is_empty()).then_some(())).await;
    assert_eq!(messages_of("wm-create-name"), ["This field may not be blank."]);
    assert_eq!(messages_of(&dst.id()), ["Network mask length should be equal to 24."]);
    let vt_src = labelled(&root, "Source volume type 1").unwrap();
    assert_eq!(messages_of(&vt_src.id()), ["Must be a valid UUID."]);
    let banner = one(&root, ".wm-banner[role=alert]").expect("non-field errors in a banner");
    assert!(text(&banner).contains("sync_instance_ports cannot be used together with subnets mappings."));
    assert_eq!(user.pending_faults().await, 20, "nothing was sent");
}

/// The label element wrapping a checkbox, by its text.
fn labelled_check(root: &web_sys::HtmlElement, label: &str) -> web_sys::HtmlElement {
    all(root, "label.wm-check")
        .into_iter()
        .find(|l| text(l).trim() == label)
        .and_then(|l| one(&l, "input"))
        .unwrap()
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn server_errors_are_placed_at_their_fields() {
    let user = TestUser::new(0).await;
    let (root, _handle) = mount(user.client(), || view! { <MigrationCreateForm /> }.into_any());
    until("form", || button(&root, "Create migration")).await;
    // The plan limit is known only to the server; it names `plan`, shown at the plan field.
    fill_create_form(&root, "genomics-prod", "Pilot").await;
    click(&button(&root, "Create migration").unwrap());
    until("plan message", || (!messages_of("wm-create-plan-limit").is_empty()).then_some(())).await;
    assert_eq!(messages_of("wm-create-plan-limit"), ["Plan is not available because limit has been reached."]);
    // Non-field errors go to the banner.
    pick(&root, "Source resource", "sandbox", "sandbox-nolimits").await;
    let value = until("medium", || {
        all(&labelled(&root, "Destination plan").unwrap(), "option")
            .into_iter()
            .find(|o| text(o) == "Medium")
            .and_then(|o| o.get_attribute("value"))
    })
    .await;
    choose(&labelled(&root, "Destination plan").unwrap(), &value);
    click(&button(&root, "Create migration").unwrap());
    let banner = until("banner", || one(&root, ".wm-banner[role=alert]")).await;
    until("limits text", || text(&banner).contains("{'Source resource does not have limits set.'}").then_some(()))
        .await;
    // Per-row errors inside mappings land on their row.
    pick(&root, "Source resource", "genomics-prod", "genomics-prod").await;
    choose(&labelled(&root, "Destination plan").unwrap(), &value);
    click(&button(&root, "Add subnet pair").unwrap());
    click(&button(&root, "Add subnet pair").unwrap());
    for (label, cidr) in [
        ("Source CIDR 1", "10.0.1.0/24"),
        ("Destination CIDR 1", "10.1.1.0/24"),
        ("Source CIDR 2", "10.0.2.0/24"),
        ("Destination CIDR 2", "10.1.2.0/24"),
    ] {
        type_into(&until(label, || labelled(&root, label)).await, cidr);
    }
    let body = json!({"mappings": {"subnets": [{}, {"dst_cidr": ["Subnet overlaps an existing one."]}]}});
    user.fault(json!({"kind": "status", "status": 400, "method": "POST", "body": body})).await;
    click(&button(&root, "Create migration").unwrap());
    let second = labelled(&root, "Destination CIDR 2").unwrap();
    until("row 2 message", || (messages_of(&second.id()) == ["Subnet overlaps an existing one."]).then_some(())).await;
    assert!(messages_of(&labelled(&root, "Destination CIDR 1").unwrap().id()).is_empty());
}

#[wasm_bindgen_test]
async fn a_double_click_submits_once() {
    let user = TestUser::new(0).await;
    user.fault(json!({"kind": "delay", "delay_ms": 400, "method": "POST"})).await;
    let created = std::sync::Arc::new(std::sync::Mutex::new(Vec::<MigrationDetails>::new()));
    let seen = created.clone();
    let (root, _handle) = mount(user.client(), move || {
        let seen = seen.clone();
        view! { <MigrationCreateForm on_created=Callback::new(move |m: MigrationDetails| seen.lock().unwrap().push(m)) /> }.into_any()
    });
    until("form", || button(&root, "Create migration")).await;
    fill_create_form(&root, "genomics-prod", "Medium").await;
    let submit = button(&root, "Create migration").unwrap();
    click(&submit);
    click(&submit);
    let form: web_sys::HtmlFormElement = one(&root, "form").unwrap().unchecked_into();
    let _ = form.request_submit();
    until("created", || (!created.lock().unwrap().is_empty()).then_some(())).await;
    // Only the first POST was delayed: a second one would have landed before it.
    assert_eq!(user.client().count(ListQuery::default()).await.unwrap(), 1, "one POST");
    assert_eq!(created.lock().unwrap().len(), 1);
    assert_eq!(created.lock().unwrap()[0].dst_resource_name, "genomics-prod", "name defaults to the source's");
}

#[wasm_bindgen_test]
async fn edit_mappings_then_delete() {
    let user = TestUser::new(1).await;
    let client = user.client();
    let migration = client.list(ListQuery::default()).await.unwrap().items[0].clone();
    let uuid = migration.uuid.simple().to_string();
    let deleted = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let seen = deleted.clone();
    let (root, _handle) = mount(client.clone(), move || {
        let seen = seen.clone();
        view! { <MigrationDetailsView uuid=uuid.clone() on_deleted=Callback::new(move |_| seen.store(true, std::sync::atomic::Ordering::SeqCst)) /> }.into_any()
    });
    click(&until("edit button", || button(&root, "Edit mappings")).await);
    click(&until("editor", || button(&root, "Add subnet pair")).await);
    let rows_before = migration.mappings.subnets.len();
    let n = rows_before + 1;
    let src = until("new row", || labelled(&root, &format!("Source CIDR {n}"))).await;
    type_into(&src, "10.20.0.0/24");
    let dst = labelled(&root, &format!("Destination CIDR {n}")).unwrap();
    type_into(&dst, "10.20.0.7/24");
    tick(&labelled_check(&root, "Copy ports connected to instances"), false);
    click(&button(&root, "Save mappings").unwrap());
    until("host bits message", || (messages_of(&dst.id()) == ["Enter a valid IPv4 address."]).then_some(())).await;
    type_into(&dst, "10.20.9.0/24");
    click(&button(&root, "Save mappings").unwrap());
    until("saved", || button(&root, "Edit mappings").map(|_| ())).await;
    let stored = client.retrieve(&migration.uuid.simple().to_string()).await.unwrap();
    assert_eq!(stored.mappings.subnets.last().unwrap().dst_cidr, "10.20.9.0/24");
    assert!(text(&root).contains("10.20.9.0/24"));

    // Delete asks first; Cancel keeps it.
    click(&button(&root, "Delete").unwrap());
    let dialog: web_sys::HtmlDialogElement = until("dialog", || one(&root, "dialog[open]")).await.unchecked_into();
    click(&button(&dialog, "Cancel").unwrap());
    until("closed", || (!dialog.open()).then_some(())).await;
    assert!(client.retrieve(&migration.uuid.simple().to_string()).await.is_ok());
    click(&button(&root, "Delete").unwrap());
    until("dialog again", || dialog.open().then_some(())).await;
    click(&button(&dialog, "Delete").unwrap());
    until("deleted", || deleted.load(std::sync::atomic::Ordering::SeqCst).then_some(())).await;
    assert_eq!(client.retrieve(&migration.uuid.simple().to_string()).await.unwrap_err().status(), Some(404));
}

/// Sends through `fetch` and records how each attempt went: sent, then answered, failed, or
/// dropped unfinished (which aborts the fetch).
#[derive(Default)]
struct Recording(Rc<RefCell<Vec<&'static str>>>);

/// Records "dropped" unless the attempt finished.
struct Unfinished(Rc<RefCell<Vec<&'static str>>>, bool);

impl Drop for Unfinished {
    fn drop(&mut self) {
        if !self.1 {
            self.0.borrow_mut().push("dropped");
        }
    }
}

impl Transport for Recording {
    fn send(&self, request: TransportRequest) -> LocalBoxFuture<'static, Result<HttpResponse, TransportError>> {
        // Only the migrations requests (not the staff check).
        if !request.url.contains("/openstack-migrations/") {
            return FetchTransport.send(request);
        }
        let outcomes = self.0.clone();
        outcomes.borrow_mut().push("sent");
        let attempt = FetchTransport.send(request);
        Box::pin(async move {
            let mut guard = Unfinished(outcomes.clone(), false);
            let result = attempt.await;
            guard.1 = true;
            outcomes.borrow_mut().push(if result.is_ok() { "answered" } else { "network" });
            result
        })
    }
    fn sleep(&self, ms: u64) -> LocalBoxFuture<'static, ()> {
        FetchTransport.sleep(ms)
    }
    fn now_ms(&self) -> f64 {
        FetchTransport.now_ms()
    }
    fn random(&self) -> f64 {
        FetchTransport.random()
    }
}

#[wasm_bindgen_test]
async fn unmounting_aborts_requests() {
    let user = TestUser::new(2).await;
    user.fault(json!({"kind": "delay", "delay_ms": 60000, "path": "/api/openstack-migrations/"})).await;
    let recording = Recording::default();
    let outcomes = recording.0.clone();
    // No timeout: only the unmount can end the request before the server's delay.
    let client =
        Client::builder(&server_url()).token(&user.token).transport(Rc::new(recording)).timeout_ms(None).build();
    let (root, handle) = mount(client, || view! { <MigrationList /> }.into_any());
    until("skeleton", || one(&root, ".wm-table--skeleton")).await;
    until("the list request in flight", || outcomes.borrow().contains(&"sent").then_some(())).await;
    drop(handle);
    until("dropped", || outcomes.borrow().contains(&"dropped").then_some(())).await;
    assert!(!outcomes.borrow().contains(&"answered"), "aborted, not waited out");
    assert!(root.inner_html().is_empty(), "the view is gone");
}

#[wasm_bindgen_test]
fn the_stylesheets_are_the_ones_the_page_links() {
    let index = include_str!("../index.html");
    for (name, css) in STYLESHEETS {
        assert!(index.contains(&format!("/{name}\"")), "index.html links {name}");
        assert!(css.contains(".wm-"), "{name} styles wm- classes only");
    }
    let linked = index.lines().filter(|l| l.contains("rel=\"css\"") && l.contains("src/components/")).count();
    assert_eq!(linked, STYLESHEETS.len());
}
