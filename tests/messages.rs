//! Every text the components and the page show is a key of `i18n/messages.json` (the English
//! catalog translators start from), and `i18n/en-XA.json` is its pseudo-locale form. The keys
//! are the English string literals of the interface code, the state labels, and the server's
//! texts the client also produces. `UPDATE_MESSAGES=1 cargo test --test messages` rewrites both.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use waldur_migrations::i18n::{pseudo, TEMPLATES};
use waldur_migrations::validate::texts;
use waldur_migrations::*;

/// Literals of the interface code that are not visible text.
const NOT_TEXT: &[&str] =
    &["ArrowDown", "ArrowUp", "Enter", "Escape", "GET", "C", "Content-Security-Policy", " ", " — ", "{uuid}"];

/// Plural messages: (one, other) with `other` as the key.
const PLURALS: &[(&str, &str)] = &[("{count} migration", "{count} migrations")];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of a source line (no raw strings in the interface code).
fn literals(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            // A char literal ('"') or a lifetime: skip what a char literal holds.
            if chars.peek() == Some(&'\\') {
                chars.next();
            }
            if chars.clone().nth(1) == Some('\'') {
                chars.next();
                chars.next();
            }
            continue;
        }
        if c != '"' {
            continue;
        }
        let mut text = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(escaped) = chars.next() {
                        text.push(match escaped {
                            'n' => '\n',
                            other => other,
                        });
                    }
                }
                '"' => break,
                other => text.push(other),
            }
        }
        found.push(text);
    }
    found
}

/// A literal that reads as text to a person: starts with a capital, `{`, `←` or ` · `, and has
/// a letter.
fn looks_like_text(text: &str) -> bool {
    let first = text.chars().next().unwrap_or(' ');
    let starts = first.is_uppercase() || first == '{' || first == '←' || text.starts_with(" · ");
    starts && text.chars().any(char::is_alphabetic) && !NOT_TEXT.contains(&text)
}

fn used_keys() -> BTreeSet<String> {
    let mut files = Vec::new();
    for dir in ["src/components", "src/app", "src/elements"] {
        rust_files(&root().join(dir), &mut files);
    }
    let mut keys = BTreeSet::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let mut in_tests = false;
        for line in source.lines() {
            let code = line.trim_start();
            if code.starts_with("#[cfg(test)]") {
                in_tests = true;
            }
            if in_tests || code.starts_with("//") || code.contains("wasm_bindgen(") || code.contains("unchecked_") {
                continue;
            }
            keys.extend(literals(line).into_iter().filter(|l| looks_like_text(l)));
        }
    }
    for (one, _) in PLURALS {
        keys.remove(*one);
    }
    // Labels of the states (shown in badges), and what the server and the validation say.
    for state in [
        MigrationState::CreationScheduled,
        MigrationState::Creating,
        MigrationState::UpdateScheduled,
        MigrationState::Updating,
        MigrationState::DeletionScheduled,
        MigrationState::Deleting,
        MigrationState::Ok,
        MigrationState::Erred,
    ] {
        keys.insert(state.label().to_owned());
    }
    for state in ["Creating", "OK", "Erred", "Updating", "Terminating", "Terminated", "Unknown"] {
        keys.insert(display_label(state));
    }
    for text in [
        texts::REQUIRED,
        texts::BLANK,
        texts::INVALID_UUID,
        texts::INVALID_FILTER_UUID,
        texts::PLAN_NOT_OF_OFFERING,
        texts::PLAN_LIMIT_REACHED,
        texts::NO_PERMISSION,
        texts::SYNC_PORTS_WITH_SUBNETS,
        texts::SOURCE_WITHOUT_LIMITS,
        texts::INVALID_IPV4,
        texts::MASK_NOT_24,
        texts::NOT_PRIVATE,
        texts::INVALID_PAGE,
        texts::NOT_FOUND,
        texts::NO_CREDENTIALS,
        texts::INVALID_TOKEN,
    ] {
        keys.insert(text.to_owned());
    }
    keys.extend(TEMPLATES.iter().map(|t| (*t).to_owned()));
    keys
}

fn display_label(state: &str) -> String {
    waldur_migrations::display::resource_label(&ResourceState::from_wire(state)).to_owned()
}

/// The English catalog: every key to itself, plurals by category.
fn english(keys: &BTreeSet<String>) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for key in keys {
        map.insert(key.clone(), serde_json::Value::String(key.clone()));
    }
    for (one, other) in PLURALS {
        map.insert((*other).to_owned(), serde_json::json!({ "one": one, "other": other }));
    }
    serde_json::Value::Object(map)
}

/// The pseudo-locale catalog of an English one.
fn pseudo_catalog(english: &serde_json::Value) -> serde_json::Value {
    fn transform(value: &serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::String(text) => serde_json::Value::String(pseudo(text)),
            serde_json::Value::Object(forms) => {
                serde_json::Value::Object(forms.iter().map(|(k, v)| (k.clone(), transform(v))).collect())
            }
            other => other.clone(),
        }
    }
    transform(english)
}

fn check(path: &str, expected: &serde_json::Value) {
    let file = root().join(path);
    let text = serde_json::to_string_pretty(expected).unwrap() + "\n";
    if std::env::var_os("UPDATE_MESSAGES").is_some() {
        std::fs::write(&file, &text).unwrap();
    }
    let stored = std::fs::read_to_string(&file).unwrap_or_default();
    if stored != text {
        let stored: BTreeMap<String, serde_json::Value> = serde_json::from_str(&stored).unwrap_or_default();
        let expected: BTreeMap<String, serde_json::Value> = serde_json::from_value(expected.clone()).unwrap();
        let missing: Vec<&String> = expected.keys().filter(|k| !stored.contains_key(*k)).collect();
        let extra: Vec<&String> = stored.keys().filter(|k| !expected.contains_key(*k)).collect();
        panic!(
            "{path} is stale (run UPDATE_MESSAGES=1 cargo test --test messages): missing {missing:?}, unused {extra:?}"
        );
    }
}

#[test]
fn the_catalogs_list_every_text_shown() {
    let keys = used_keys();
    assert!(keys.len() > 100, "found {} texts", keys.len());
    let english = english(&keys);
    check("i18n/messages.json", &english);
    check("i18n/en-XA.json", &pseudo_catalog(&english));
}

#[test]
fn the_page_knows_which_catalogs_it_ships() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("i18n"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "messages.json")
        .filter_map(|name| name.strip_suffix(".json").map(str::to_owned))
        .collect();
    files.sort();
    let mut shipped: Vec<String> = waldur_migrations::i18n::SHIPPED.iter().map(|s| s.to_string()).collect();
    shipped.sort();
    assert_eq!(files, shipped, "i18n::SHIPPED lists the catalogs in i18n/");
}
