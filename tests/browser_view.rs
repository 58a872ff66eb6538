//! The components' own DOM layer in headless Chromium: keyed rows kept and moved rather than
//! rebuilt, regions rebuilt with what they created disposed (listeners too), and a mounted view
//! leaving nothing behind, in the document, in the reactive graph or in the browser's timers,
//! and its loaders' requests aborted; a table row's update writing only the cells that changed.
#![cfg(all(target_arch = "wasm32", feature = "ui"))]

mod browser_support;

use browser_support::dom::{container, text};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use waldur_migrations::components::use_loader;
use waldur_migrations::view::dom::{dynamic, h, keyed, mount_to, View};
use waldur_migrations::view::tasks::use_timeout;
use waldur_migrations::view::{live_nodes, on_cleanup, RwSignal, Signal};
use waldur_migrations::{AbortSignal, Error};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn items(root: &web_sys::Element) -> Vec<web_sys::Element> {
    let list = root.query_selector_all("li").unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

#[wasm_bindgen_test]
fn keyed_rows_are_moved_not_rebuilt() {
    let root = container();
    let mut rows = None;
    let built = Rc::new(Cell::new(0));
    let count = built.clone();
    let _mounted = mount_to(&root, || {
        let list = RwSignal::new(vec![1u64, 2, 3]);
        rows = Some(list);
        h("ul")
            .child(keyed(
                move || list.get(),
                |n| u128::from(*n),
                move |n| {
                    count.set(count.get() + 1);
                    h("li").child(n.to_string())
                },
            ))
            .into_view()
    });
    let list = rows.unwrap();
    let before = items(&root);
    assert_eq!(before.iter().map(text).collect::<Vec<_>>(), ["1", "2", "3"]);
    list.set(vec![3, 1, 4, 2]);
    let after = items(&root);
    assert_eq!(after.iter().map(text).collect::<Vec<_>>(), ["3", "1", "4", "2"]);
    assert_eq!(built.get(), 4, "only the new row was built");
    assert!(after[0] == before[2] && after[1] == before[0] && after[3] == before[1], "the same elements, moved");
    list.set(vec![4]);
    assert_eq!(items(&root).iter().map(text).collect::<Vec<_>>(), ["4"]);
    assert!(items(&root)[0] == after[2]);
}

#[wasm_bindgen_test]
fn a_rebuilt_region_disposes_what_it_made() {
    let root = container();
    let clicks = Rc::new(Cell::new(0));
    let cleanups = Rc::new(Cell::new(0));
    let mut toggle = None;
    let (seen, gone) = (clicks.clone(), cleanups.clone());
    let _mounted = mount_to(&root, || {
        let round = RwSignal::new(0u32);
        toggle = Some(round);
        dynamic(move || {
            let n = round.get();
            let gone = gone.clone();
            on_cleanup(move || gone.set(gone.get() + 1));
            let seen = seen.clone();
            h("button").on("click", move |_| seen.set(seen.get() + 1)).child(n.to_string()).into_view()
        })
    });
    let round = toggle.unwrap();
    let first: web_sys::HtmlElement = root.query_selector("button").unwrap().unwrap().unchecked_into();
    first.click();
    assert_eq!(clicks.get(), 1);
    round.set(1);
    assert_eq!(cleanups.get(), 1, "the first build was disposed");
    assert_eq!(root.query_selector_all("button").unwrap().length(), 1);
    first.click();
    assert_eq!(clicks.get(), 1, "the removed button's listener is gone");
    let second: web_sys::HtmlElement = root.query_selector("button").unwrap().unwrap().unchecked_into();
    assert_eq!(text(&second), "1");
    second.click();
    assert_eq!(clicks.get(), 2);
}

#[wasm_bindgen_test]
fn unmounting_leaves_nothing_behind() {
    let root = container();
    let before = live_nodes();
    let mut mounted = mount_to(&root, || {
        let name = RwSignal::new(String::from("a"));
        let shown = Signal::derive(move || name.get());
        let parts: Vec<View> = (0..3).map(|_| h("p").child(shown).into_view()).collect();
        h("div").children(parts).child(dynamic(move || h("span").child(name.get()).into_view())).into_view()
    });
    assert_eq!(root.query_selector_all("p").unwrap().length(), 3);
    assert!(live_nodes() > before);
    mounted.unmount();
    assert!(root.inner_html().is_empty(), "{}", root.inner_html());
    assert_eq!(live_nodes(), before, "every signal and effect disposed");
    mounted.unmount();
}

#[wasm_bindgen_test]
async fn a_timer_pending_when_its_view_goes_is_cleared() {
    // A view's nodes are disposed before its cleanups run: the timer's callback went with its
    // slot while the browser still held the timer, which then called a dropped closure (an
    // uncaught "closure invoked ... after being dropped" in the host page).
    let window = web_sys::window().unwrap();
    let errors = Rc::new(Cell::new(0));
    let count = errors.clone();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        count.set(count.get() + 1);
    });
    window.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref()).unwrap();
    let fired = Rc::new(Cell::new(false));
    let flag = fired.clone();
    let mut mounted = mount_to(&container(), || {
        use_timeout().start(0, move || flag.set(true));
        h("p").into_view()
    });
    mounted.unmount();
    // A timeout of the same delay set now runs after the one above would have.
    let later = js_sys::Promise::new(&mut |resolve, _| {
        window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(later).await.unwrap();
    window.remove_event_listener_with_callback("error", on_error.as_ref().unchecked_ref()).unwrap();
    assert!(!fired.get(), "the callback of a view that is gone ran");
    assert_eq!(errors.get(), 0, "the browser called a dropped callback");
}

#[wasm_bindgen_test]
fn a_loader_aborts_what_it_replaces_and_what_is_in_flight_when_its_view_goes() {
    // Leaving the view disposes the loader's values before its cleanups run, so the request in
    // flight is aborted by dropping what holds it (a cleanup could no longer reach it).
    let signals: Rc<RefCell<Vec<AbortSignal>>> = Rc::default();
    let seen = signals.clone();
    let mut key = None;
    let mut mounted = mount_to(&container(), || {
        let page = RwSignal::new(1u32);
        key = Some(page);
        let _loader = use_loader(
            move || page.get(),
            move |_, signal| {
                seen.borrow_mut().push(signal);
                core::future::pending::<Result<(), Error>>()
            },
        );
        h("p").into_view()
    });
    let aborted = || signals.borrow().iter().map(AbortSignal::is_aborted).collect::<Vec<_>>();
    assert_eq!(aborted(), [false]);
    key.unwrap().set(2);
    assert_eq!(aborted(), [true, false], "a new key aborts the request it replaces");
    mounted.unmount();
    assert_eq!(aborted(), [true, true], "leaving the view aborts the request in flight");
}

#[wasm_bindgen_test]
fn a_row_update_writes_only_what_changed() {
    use waldur_migrations::components::{migration_table, TableOptions};
    use waldur_migrations::model::{Decode, MigrationDetails, MigrationState};
    let json = waldur_migrations::json::parse(include_str!("fixtures/migration_current.json")).unwrap();
    let first = MigrationDetails::decode(&json).unwrap();
    assert_ne!(first.state, MigrationState::Erred);
    let mut second = first.clone();
    second.uuid = waldur_migrations::Uuid::from_u128(7);
    let root = container();
    let mut rows = None;
    let _mounted = mount_to(&root, || {
        let data = RwSignal::new(vec![first.clone(), second.clone()]);
        rows = Some(data);
        migration_table(TableOptions {
            rows: data.into(),
            now: Signal::stored(0),
            on_select: None,
            staff: Signal::stored(false),
            busy: Signal::stored(false),
        })
    });
    let badges = browser_support::dom::all(&root, "tbody tr:first-child .wm-badge");
    assert_eq!(badges.len(), 2, "the state and the destination resource state");
    let (state, resource) = (badges[0].clone(), badges[1].clone());
    let (resource_class, resource_text) = (resource.class_name(), text(&resource));

    let observer = web_sys::MutationObserver::new(&js_sys::Function::new_no_args("")).unwrap();
    let init = web_sys::MutationObserverInit::new();
    init.set_attributes(true);
    init.set_character_data(true);
    init.set_child_list(true);
    init.set_subtree(true);
    observer.observe_with_options(&root, &init).unwrap();
    let mut erred = first.clone();
    erred.state = MigrationState::Erred;
    rows.unwrap().set(vec![erred, second.clone()]);
    let records = observer.take_records();
    observer.disconnect();

    assert_eq!(text(&state), "Erred");
    assert!(state.class_name().contains("wm-badge--danger"), "{}", state.class_name());
    assert_eq!((resource.class_name(), text(&resource)), (resource_class, resource_text));
    assert!(records.length() > 0, "the state badge was written");
    for record in records.iter() {
        let record: web_sys::MutationRecord = record.unchecked_into();
        let target = record.target().unwrap();
        assert!(
            state.contains(Some(&target)),
            "only the changed badge is written; also {:?} of {:?}",
            record.type_(),
            target.node_name()
        );
    }
}
