//! Scheduling: which observers read which nodes, the queue of those to re-run (memos first),
//! batches, and running one observer.

use super::{clean, create, with_runtime, Data, Erased, Key};
use crate::fns::Run;
use crate::prelude::*;
use alloc::rc::Rc;
use core::mem;

/// Records that the running observer read `key`.
pub(crate) fn track(key: Key) {
    with_runtime(|rt| {
        let Some(observer) = rt.observer else { return };
        if observer == key || rt.slot(key).is_none() {
            return;
        }
        let Some(slot) = rt.slot_mut(observer) else { return };
        if slot.sources.contains(&key) {
            return;
        }
        slot.sources.push(key);
        if let Some(source) = rt.slot_mut(key) {
            source.subscribers.push(observer);
        }
    });
}

/// Re-runs what read `key` (memos first, then effects in order), now unless a run is in progress.
pub(crate) fn notify(key: Key) {
    with_runtime(|rt| {
        let subscribers = rt.slot(key).map(|slot| slot.subscribers.clone()).unwrap_or_default();
        for subscriber in subscribers {
            let Some(slot) = rt.slot_mut(subscriber) else { continue };
            if slot.queued {
                continue;
            }
            slot.queued = true;
            match slot.data {
                Data::Memo(..) => rt.memos.push(subscriber),
                _ => rt.effects.push(subscriber),
            }
        }
    });
    flush();
}

/// Runs `f`, then whatever it made stale, once (event handlers run in one batch).
pub(crate) fn batch<R>(f: impl FnOnce() -> R) -> R {
    let started = with_runtime(|rt| !mem::replace(&mut rt.flushing, true)).unwrap_or(false);
    let result = f();
    if started {
        with_runtime(|rt| rt.flushing = false);
        flush();
    }
    result
}

/// At most this many re-runs per flush: an effect that keeps invalidating itself stops there
/// instead of hanging the page.
const RUNS_PER_FLUSH: u32 = 200_000;

fn flush() {
    if with_runtime(|rt| mem::replace(&mut rt.flushing, true)) != Some(false) {
        return;
    }
    let mut budget = RUNS_PER_FLUSH;
    loop {
        let next = with_runtime(|rt| {
            let key = rt.memos.pop().or_else(|| rt.next_effect())?;
            if let Some(slot) = rt.slot_mut(key) {
                slot.queued = false;
            }
            Some(key)
        })
        .flatten();
        let Some(key) = next else { break };
        run(key);
        budget -= 1;
        if budget == 0 {
            with_runtime(|rt| {
                rt.memos.clear();
                rt.clear_effects();
            });
            break;
        }
    }
    with_runtime(|rt| rt.flushing = false);
}

enum Job {
    Effect(Box<dyn Run>),
    Memo(Box<dyn Run<bool>>),
}

/// Runs an effect or a memo: what its last run created is disposed, its reads are tracked
/// again, and a memo whose value changed notifies its readers.
pub(crate) fn run(key: Key) {
    let job = with_runtime(|rt| match &mut rt.slot_mut(key)?.data {
        Data::Effect(run) => run.take().map(Job::Effect),
        Data::Memo(_, compute) => compute.take().map(Job::Memo),
        _ => None,
    })
    .flatten();
    let Some(job) = job else { return };
    clean(key);
    let previous = with_runtime(|rt| (rt.owner.replace(key), rt.observer.replace(key)));
    let (job, changed) = match job {
        Job::Effect(mut run) => {
            run.run();
            (Job::Effect(run), false)
        }
        Job::Memo(mut compute) => {
            let changed = compute.run();
            (Job::Memo(compute), changed)
        }
    };
    put_back(key, job);
    if let Some((owner, observer)) = previous {
        with_runtime(|rt| {
            rt.owner = owner;
            rt.observer = observer;
        });
    }
    if changed {
        notify(key);
    }
}

/// Returns a running effect's or memo's function to its slot (dropped if the node went away
/// meanwhile).
fn put_back(key: Key, job: Job) {
    let rejected = with_runtime(|rt| {
        let Some(slot) = rt.slot_mut(key) else { return Some(job) };
        match (&mut slot.data, job) {
            (Data::Effect(place), Job::Effect(run)) => *place = Some(run),
            (Data::Memo(_, place), Job::Memo(compute)) => *place = Some(compute),
            (_, other) => return Some(other),
        }
        None
    });
    drop(rejected);
}

/// Creates an effect and runs it once now (what that run makes stale runs after it).
pub(crate) fn effect(run_it: Box<dyn Run>) -> Key {
    let key = create(Data::Effect(Some(run_it)));
    batch(|| run(key));
    key
}

/// Creates a memo (its value cell and its recomputation) and computes it once now.
pub(crate) fn memo(value: Rc<dyn Erased>, compute: Box<dyn Run<bool>>) -> Key {
    let key = create(Data::Memo(value, Some(compute)));
    batch(|| run(key));
    key
}
