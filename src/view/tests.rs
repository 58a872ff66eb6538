//! The reactive graph, natively: tracking, memos, batching, ownership and disposal, contexts,
//! and that misuse (reading what is gone, a loop of effects) never panics or hangs.

use super::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

fn counter() -> (Rc<Cell<u32>>, impl Fn() + Clone) {
    let runs = Rc::new(Cell::new(0));
    let inner = runs.clone();
    (runs, move || inner.set(inner.get() + 1))
}

#[test]
fn an_effect_follows_what_it_read_last() {
    let owner = Owner::root();
    owner.with(|| {
        let flag = RwSignal::new(true);
        let a = RwSignal::new(1);
        let b = RwSignal::new(10);
        let seen = Rc::new(RefCell::new(Vec::new()));
        let log = seen.clone();
        effect(move || log.borrow_mut().push(if flag.get() { a.get() } else { b.get() }));
        a.set(2);
        b.set(11); // not read: no run
        flag.set(false);
        a.set(3); // no longer read
        b.set(12);
        assert_eq!(*seen.borrow(), [1, 2, 11, 12]);
    });
    owner.dispose();
}

#[test]
fn a_memo_notifies_only_when_its_value_changes() {
    let owner = Owner::root();
    owner.with(|| {
        let n = RwSignal::new(1);
        let parity = Memo::new(move |_| n.get() % 2);
        let (runs, bump) = counter();
        effect(move || {
            parity.get();
            bump();
        });
        n.set(3);
        n.set(5);
        assert_eq!(runs.get(), 1);
        n.set(4);
        assert_eq!(runs.get(), 2);
        assert_eq!(parity.get_untracked(), 0);
    });
    owner.dispose();
}

#[test]
fn derived_signals_track_through() {
    let owner = Owner::root();
    owner.with(|| {
        let n = RwSignal::new(2);
        let double = Signal::derive(move || n.get() * 2);
        let seen = Rc::new(Cell::new(0));
        let out = seen.clone();
        effect(move || out.set(double.get()));
        n.set(5);
        assert_eq!(seen.get(), 10);
        assert_eq!(Signal::stored(7).get(), 7);
        assert_eq!(Signal::from(n).get(), 5);
    });
    owner.dispose();
}

#[test]
fn a_batch_runs_each_effect_once() {
    let owner = Owner::root();
    owner.with(|| {
        let a = RwSignal::new(0);
        let b = RwSignal::new(0);
        let (runs, bump) = counter();
        effect(move || {
            a.get();
            b.get();
            bump();
        });
        batch(|| {
            a.set(1);
            b.set(1);
            a.set(2);
        });
        assert_eq!(runs.get(), 2);
    });
    owner.dispose();
}

#[test]
fn what_a_run_created_is_disposed_before_the_next_run() {
    let before = live_nodes();
    let owner = Owner::root();
    let (cleanups, bump) = counter();
    owner.with(|| {
        let outer = RwSignal::new(0);
        let inner_runs = Rc::new(Cell::new(0));
        let runs = inner_runs.clone();
        effect(move || {
            outer.get();
            let local = RwSignal::new(0);
            let runs = runs.clone();
            effect(move || {
                local.get();
                runs.set(runs.get() + 1);
            });
            on_cleanup(bump.clone());
        });
        let created = live_nodes();
        outer.set(1);
        outer.set(2);
        assert_eq!(live_nodes(), created, "the previous runs' signal and effect are gone");
        assert_eq!(inner_runs.get(), 3);
        assert_eq!(cleanups.get(), 2);
    });
    owner.dispose();
    assert_eq!(cleanups.get(), 3, "disposing runs the last cleanup");
    assert_eq!(live_nodes(), before, "nothing left behind");
}

#[test]
fn contexts_are_seen_below_their_owner_only() {
    let outside = Owner::root();
    let inside = Owner::root();
    inside.with(|| {
        provide_context(42u32);
        let child = Owner::new();
        child.with(|| assert_eq!(use_context::<u32>(), Some(42)));
        provide_context(43u32);
        child.with(|| assert_eq!(use_context::<u32>(), Some(43), "replaced"));
        assert_eq!(use_context::<String>(), None);
    });
    outside.with(|| assert_eq!(use_context::<u32>(), None));
    inside.dispose();
    outside.dispose();
}

#[test]
fn what_is_gone_reads_as_default_and_ignores_writes() {
    let owner = Owner::root();
    let (signal, stored, derived, callback) = owner.with(|| {
        let signal = RwSignal::new(String::from("x"));
        (signal, StoredValue::new(5u8), Signal::derive(move || signal.get()), Callback::new(|_: u8| panic!("gone")))
    });
    owner.dispose();
    assert!(!owner.is_alive());
    assert_eq!(signal.get(), "");
    assert!(!signal.try_set(String::from("y")));
    assert_eq!(signal.try_get(), None);
    assert_eq!(stored.get_value(), 0);
    assert!(!stored.try_set_value(1));
    assert_eq!(derived.get(), "");
    callback.run(1);
}

/// The slots of disposed nodes are reused for nodes of other types: a handle that outlived its
/// node must find nothing there (reads are not type-checked in release builds; debug builds,
/// this test's, assert the type at every read).
#[test]
fn a_reused_slot_is_not_read_through_an_old_handle() {
    let first = Owner::root();
    let (text, stored, memo, derived) = first.with(|| {
        let text = RwSignal::new(String::from("old"));
        let memo = Memo::new(move |_| text.get().len());
        (text, StoredValue::new(vec![1u8, 2]), memo, Signal::derive(move || text.get()))
    });
    first.dispose();
    let second = Owner::root();
    let (number, list, flag, label) = second.with(|| {
        let number = RwSignal::new(7u64);
        let flag = Memo::new(move |_| number.get() > 5);
        (number, StoredValue::new(String::from("new")), flag, Signal::derive(move || number.get() * 2))
    });
    assert_eq!(
        (text.get(), stored.get_value(), memo.get(), derived.get()),
        (String::new(), Vec::new(), 0, String::new())
    );
    assert!(!text.try_set(String::from("late")));
    assert_eq!((number.get(), list.get_value(), flag.get(), label.get()), (7, String::from("new"), true, 14));
    second.dispose();
}

#[test]
fn writing_a_signal_while_reading_it_is_a_no_op() {
    let owner = Owner::root();
    owner.with(|| {
        let n = RwSignal::new(1);
        n.with(|_| n.set(2));
        assert_eq!(n.get(), 1);
        n.update(|value| *value = 3);
        assert_eq!(n.get(), 3);
    });
    owner.dispose();
}

#[test]
fn an_effect_that_keeps_invalidating_itself_stops() {
    let owner = Owner::root();
    owner.with(|| {
        let n = RwSignal::new(0u32);
        effect(move || {
            let value = n.get();
            n.set(value + 1);
        });
        assert!(n.get_untracked() > 1000, "it ran, then the budget stopped it");
        // The graph still works afterwards.
        let seen = Rc::new(Cell::new(0));
        let out = seen.clone();
        let other = RwSignal::new(1u32);
        effect(move || out.set(other.get()));
        other.set(9);
        assert_eq!(seen.get(), 9);
    });
    owner.dispose();
}

#[test]
fn effect_with_hands_over_the_previous_result() {
    let owner = Owner::root();
    owner.with(|| {
        let n = RwSignal::new(1);
        let seen = Rc::new(RefCell::new(Vec::new()));
        let log = seen.clone();
        effect_with(move |previous: Option<i32>| {
            let now = n.get();
            log.borrow_mut().push((previous, now));
            now
        });
        n.set(2);
        assert_eq!(*seen.borrow(), [(None, 1), (Some(1), 2)]);
    });
    owner.dispose();
}
