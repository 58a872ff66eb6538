//! Property tests: arbitrary bytes, arbitrary JSON and mutated real bodies fed to every decoder
//! and header parser must give a value or a typed error, never a panic.
#![cfg(not(target_arch = "wasm32"))]

mod feed;

use feed::{feed, feed_input};
use proptest::prelude::*;
use serde_json::Value;
use waldur_migrations::page::parse_link_header;

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("ERRED"),
            Just("Creation Scheduled"),
            Just("a45c8927e176455781f63e7c7baf9567"),
            Just("2025-06-13T10:11:12.123456+00:00"),
            Just("10.0.0.0/24"),
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    ".{0,8}",
                    Just("mappings".to_string()),
                    Just("state".to_string()),
                    Just("uuid".to_string()),
                    Just("volume_types".to_string()),
                    Just("detail".to_string()),
                    Just("0".to_string()),
                ],
                inner,
                0..6
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn real_body() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/migration_current.json"))
            .unwrap(),
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(status in 100u16..600, body in prop::collection::vec(any::<u8>(), 0..400), header in ".{0,80}") {
        feed(status, &String::from_utf8_lossy(&body), &header);
    }

    #[test]
    fn arbitrary_json(status in prop_oneof![Just(200u16), Just(201), Just(400), Just(404), 100u16..600], value in json_value()) {
        feed(status, &value.to_string(), "");
        feed(status, &Value::Array(vec![value.clone()]).to_string(), "<x?page=2>; rel=next");
        feed_input(&waldur_migrations::json::Json::from_value(value.clone()));
    }

    #[test]
    fn real_body_with_one_field_replaced(key in prop::sample::select(real_body().as_object().unwrap().keys().cloned().collect::<Vec<_>>()), value in json_value()) {
        let mut body = real_body();
        body[&key] = value;
        let text = body.to_string();
        feed(200, &text, "");
        feed(200, &format!("[{text}]"), "");
    }

    #[test]
    fn real_body_truncated_anywhere(cut in 0usize..1500) {
        let text = real_body().to_string();
        let cut = cut.min(text.len());
        let prefix = String::from_utf8_lossy(&text.as_bytes()[..cut]).into_owned();
        feed(200, &prefix, &prefix);
        feed(500, &prefix, "");
    }

    #[test]
    fn arbitrary_link_headers(parts in prop::collection::vec(prop_oneof![Just("<".to_string()), Just(">".to_string()), Just(";".to_string()), Just(",".to_string()), Just("rel=".to_string()), Just("\"".to_string()), Just("page=".to_string()), ".{0,6}"], 0..30)) {
        let header = parts.concat();
        let links = parse_link_header(&header);
        for link in [links.first, links.prev, links.next, links.last].into_iter().flatten() {
            prop_assert!(link.page >= 1);
        }
    }
}
