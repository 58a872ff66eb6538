//! No panic on any input in the wasm build: the decoders read what the engine's `JSON.parse`
//! made (src/json/js.rs), not serde_json values as in tests/no_panic.rs. Seeded cases (arbitrary
//! JSON, mutated real bodies, truncated and non-JSON texts, odd headers) go through every parser
//! of an answer and of an input (tests/feed): a panic fails the test, as it would trap the
//! module of a page.
#![cfg(target_arch = "wasm32")]

mod feed;

use feed::{feed, feed_input};
use serde_json::{json, Map, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A seeded xorshift generator: a failing case is reproduced by its number.
struct Cases(u64);

impl Cases {
    fn int(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<T: Clone>(&mut self, pool: &[T]) -> T {
        pool[self.int(pool.len())].clone()
    }
}

/// Keys and leaves drawn mostly from what the models read, `|`-separated.
const KEYS: &str = "uuid|name|state|created|modified|mappings|volume_types|subnets|networks|src_type_uuid|\
    dst_type_uuid|src_cidr|dst_cidr|skip_connection_extnet|sync_instance_ports|src_resource|dst_offering|dst_plan|\
    page|page_size|detail|non_field_errors|limits|plans|0||__proto__|ünï";
const STRINGS: &str = "| |a45c8927e176455781f63e7c7baf9567|A45C8927-E176-4557-81F6-3E7C7BAF9567|\
    urn:uuid:a45c8927-e176-4557-81f6-3e7c7baf9567|a45c8927-e176-4557-81f6-3e7c7baf956|\
    2025-06-13T10:11:12.123456+00:00|2018-01-11T19:41:50.451396Z|2024-02-30T00:00:00Z|\
    9999-12-31T23:59:60.9999999999-23:59|OK|ERRED|Creation Scheduled|Terminated|10.0.0.0/24|300.1.1.1/33|\
    192.168.0.0/16|1e309|-0|\u{0}|\u{ffff}|🦀|<html>|%|\\u0000";

fn pool(text: &'static str) -> Vec<&'static str> {
    text.split('|').collect()
}

fn number(cases: &mut Cases) -> Value {
    match cases.int(6) {
        0 => json!(0),
        1 => json!(-1),
        2 => json!(2u64.pow(53) + 2),
        3 => json!(1.0e21),
        4 => json!(0.5),
        _ => json!(u64::MAX),
    }
}

fn value(cases: &mut Cases, depth: usize) -> Value {
    match cases.int(if depth > 3 { 4 } else { 7 }) {
        0 => Value::Null,
        1 => Value::Bool(cases.int(2) == 0),
        2 => number(cases),
        3 => Value::String(cases.pick(&pool(STRINGS)).to_owned()),
        4 | 5 => Value::Array((0..cases.int(5)).map(|_| value(cases, depth + 1)).collect()),
        _ => {
            let mut object = Map::new();
            for _ in 0..cases.int(6) {
                object.insert(cases.pick(&pool(KEYS)).to_owned(), value(cases, depth + 1));
            }
            Value::Object(object)
        }
    }
}

/// `real` with a few members deleted, replaced by arbitrary values, or mutated in turn.
fn mutate(cases: &mut Cases, real: &Value, depth: usize) -> Value {
    let mut copy = real.clone();
    match &mut copy {
        Value::Object(object) if !object.is_empty() => {
            for _ in 0..1 + cases.int(3) {
                let keys: Vec<String> = object.keys().cloned().collect();
                if keys.is_empty() {
                    break;
                }
                let key = cases.pick(&keys);
                match cases.int(3) {
                    0 => {
                        object.remove(&key);
                    }
                    1 => {
                        object.insert(key, value(cases, depth + 1));
                    }
                    _ => {
                        let inner = mutate(cases, &object[&key], depth + 1);
                        object.insert(key, inner);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let at = cases.int(items.len());
            items[at] = mutate(cases, &items[at], depth + 1);
        }
        _ if cases.int(3) == 0 => return value(cases, depth),
        _ => {}
    }
    copy
}

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[wasm_bindgen_test]
fn arbitrary_answers_and_inputs_read_in_the_engine_never_panic() {
    let real = [
        fixture(include_str!("fixtures/migration_current.json")),
        fixture(include_str!("fixtures/migration_legacy.json")),
        fixture(include_str!("fixtures/marketplace_resources.json")),
        fixture(include_str!("fixtures/public_offerings.json")),
        fixture(include_str!("fixtures/error_400_nested.json")),
        fixture(include_str!("fixtures/create_201_documented.json")),
        json!({"src_resource": "a45c8927e176455781f63e7c7baf9567", "dst_offering": "a45c8927e176455781f63e7c7baf9567",
               "dst_plan": "a45c8927e176455781f63e7c7baf9567", "name": "x",
               "mappings": {"subnets": [{"src_cidr": "10.0.0.0/24", "dst_cidr": "10.1.0.0/24"}], "networks": []}}),
    ];
    let headers = [
        "",
        "<http://x/?page=2>; rel=\"next\"",
        "<<;;,,>>; rel=",
        "99999999999999999999",
        "-1",
        "1e3",
        "text/html",
        "Wed, 21 Oct 2015 07:28:00 GMT",
        "<http://x/?page=0&page_size=-1>; rel=last, <",
        "application/json",
    ];
    let statuses = [200u16, 200, 200, 201, 204, 400, 404, 429, 500, 503];
    let (mut answers, mut inputs) = (0, 0);
    for case in 1..=1500u64 {
        let cases = &mut Cases(case.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let body = match cases.int(8) {
            0 => value(cases, 0),
            1 => Value::Array((0..cases.int(4)).map(|_| mutate(cases, &real[0], 0)).collect()),
            _ => {
                let source = cases.pick(&real);
                mutate(cases, &source, 0)
            }
        };
        let text = body.to_string();
        let text = match cases.int(10) {
            0 => text[..text.char_indices().nth(cases.int(text.chars().count() + 1)).map_or(text.len(), |(at, _)| at)]
                .to_owned(),
            1 => "[".repeat(5000) + &"]".repeat(5000),
            2 => cases.pick(&["", "null", "<!DOCTYPE html><title>502</title>", "{\"a\":", "\u{0}"]).to_owned(),
            _ => text,
        };
        let (status, header) = (cases.pick(&statuses), cases.pick(&headers));
        answers += feed(status, &text, header);
        answers += feed(status, &format!("[{text}]"), "<http://x/?page=2>; rel=next");
        if let Ok(parsed) = waldur_migrations::json::parse(&text) {
            inputs += usize::from(feed_input(&parsed));
        }
    }
    // The cases reach past the first check: many answers and inputs read as a value.
    assert!(answers > 1000 && inputs > 50, "{answers} answers and {inputs} inputs read");
}
