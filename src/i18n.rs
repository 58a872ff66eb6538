//! Translation as HomePort does it: every visible text is looked up by its English text in a
//! catalog the host gives (`"Migrations": "Replications"`); placeholders (`{count}`) are
//! filled after the lookup; plural forms are chosen by the locale's plural rules (the browser's
//! `Intl.PluralRules`). English is built in: a missing entry shows the English text.
//!
//! Catalog format (JSON, as `setMessages(locale, catalog)` and `MigrationsProvider` take it):
//!
//! ```json
//! {
//!   "Migrations": "Replikatsioonid",
//!   "{count} migrations": { "one": "{count} replikatsioon", "other": "{count} replikatsiooni" }
//! }
//! ```
//!
//! `i18n/messages.json` lists every key the components use (with the English text); a test
//! keeps it in step with the code.

use crate::prelude::*;

use crate::json::{Json, Kind};
use crate::model::TextMap;

/// One catalog entry: a text, or a text per plural category (`one`, `few`, `other`, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// The same text for every count.
    Text(String),
    /// Texts by plural category; `other` is the fallback.
    Plural(Vec<(String, String)>),
}

/// Translations keyed by the English text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    /// A sorted `Vec` searched by binary search (a `BTreeMap` was 5 kB of wasm).
    entries: TextMap<Entry>,
}

impl Catalog {
    fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    fn contains_key(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Adds `entry` under `key`, replacing what was there.
    fn put(&mut self, key: String, entry: Entry) {
        self.entries.insert(key, entry);
    }

    /// An empty catalog (English).
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a catalog object; entries that are neither a string nor an object of strings are
    /// skipped.
    pub fn from_json(value: &Json) -> Catalog {
        let mut catalog = Catalog::new();
        for (key, entry) in value.entries().unwrap_or_default() {
            match entry.kind() {
                Kind::String => {
                    catalog.put(key, Entry::Text(entry.as_string().unwrap_or_default()));
                }
                Kind::Object => {
                    let mut forms = Vec::new();
                    for (category, text) in entry.entries().unwrap_or_default() {
                        if let Some(text) = text.as_string() {
                            forms.push((category, text));
                        }
                    }
                    catalog.put(key, Entry::Plural(forms));
                }
                _ => {}
            }
        }
        catalog
    }

    /// Adds or replaces a text.
    pub fn insert(&mut self, key: &str, text: &str) {
        self.put(key.to_owned(), Entry::Text(text.to_owned()));
    }

    /// Adds or replaces plural forms.
    pub fn insert_plural(&mut self, key: &str, forms: &[(&str, &str)]) {
        let forms = forms.iter().map(|(c, t)| ((*c).to_owned(), (*t).to_owned())).collect();
        self.put(key.to_owned(), Entry::Plural(forms));
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The text for `key`: its translation, else `key` itself (English).
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        match self.get(key) {
            Some(Entry::Text(text)) => text,
            Some(Entry::Plural(forms)) => form(forms, "other").unwrap_or(key),
            None => key,
        }
    }

    /// A message that may come from the server or the validation (`Object with uuid=x does not
    /// exist.`): an exact entry, else a known template with one value, else the text as is.
    pub fn message(&self, text: &str) -> String {
        if self.contains_key(text) {
            return self.text(text).to_owned();
        }
        translate_template(self, text).unwrap_or_else(|| text.to_owned())
    }

    /// The plural text for `count` in `category` (from the locale's plural rules): the
    /// catalog's form, else English (`one` when `count` is 1, else `other`).
    pub fn plural(&self, one: &str, other: &str, count: u64, category: &str) -> String {
        let text = match self.get(other) {
            Some(Entry::Plural(forms)) => form(forms, category).or_else(|| form(forms, "other")).unwrap_or(other),
            Some(Entry::Text(text)) => text,
            None if count == 1 => one,
            None => other,
        };
        fill(text, &[("count", &crate::json::u64_text(count))])
    }
}

fn form<'a>(forms: &'a [(String, String)], category: &str) -> Option<&'a str> {
    forms.iter().find(|(c, _)| c == category).map(|(_, text)| text.as_str())
}

/// The catalogs the standalone page ships in `i18n/` (besides `messages.json`, the English
/// template): the page asks only for these, so a browser in another language loads nothing.
pub const SHIPPED: &[&str] = &["en-XA"];

/// Texts with one value in them, as the server and the validation write them; translated by
/// their template (`Object with uuid={value} does not exist.`).
pub const TEMPLATES: [&str; 4] = [
    "Object with uuid={value} does not exist.",
    "Invalid data. Expected a dictionary, but got {value}.",
    "Expected a list of items but got type \"{value}\".",
    "Invalid dst_type_uuid {value} as it is not available in service settings.",
];

fn translate_template(catalog: &Catalog, text: &str) -> Option<String> {
    for template in TEMPLATES {
        // Split at a char, not at "{value}": a substring search costs 4 kB of wasm.
        let (before, after) = template.split_once('{')?;
        let after = after.strip_prefix("value}")?;
        let Some(value) = text.strip_prefix(before).and_then(|rest| rest.strip_suffix(after)) else { continue };
        if catalog.contains_key(template) {
            return Some(fill(catalog.text(template), &[("value", value)]));
        }
        return None;
    }
    None
}

/// Fills `{name}` placeholders.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest.get(start..).and_then(|tail| tail.find('}')) else { break };
        let name = rest.get(start + 1..start + end).unwrap_or("");
        out.push_str(rest.get(..start).unwrap_or(""));
        match args.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(rest.get(start..=start + end).unwrap_or("")),
        }
        rest = rest.get(start + end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The pseudo-locale form of an English text, for testing that every text is translated and
/// that the layout holds: letters accented, about 40 % longer, bracketed (`⟦Ṁîĝŕåţîöñš ····⟧`);
/// placeholders are kept.
pub fn pseudo(text: &str) -> String {
    const PLAIN: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const ACCENTED: &str = "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ";
    let mut out = String::from("⟦");
    let mut in_placeholder = false;
    let mut letters = 0;
    for c in text.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ => {}
        }
        let accented = if in_placeholder { None } else { PLAIN.find(c).and_then(|at| ACCENTED.chars().nth(at)) };
        if accented.is_some() {
            letters += 1;
        }
        out.push(accented.unwrap_or(c));
    }
    if letters > 0 {
        out.push(' ');
        for _ in 0..(letters * 2 / 5).max(1) {
            out.push('·');
        }
    }
    out.push('⟧');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_placeholders_plurals_and_templates() {
        let mut catalog = Catalog::new();
        catalog.insert("Migrations", "Replications");
        catalog
            .insert_plural("{count} migrations", &[("one", "{count} replication"), ("other", "{count} replications")]);
        catalog.insert("Object with uuid={value} does not exist.", "Objekt {value} puudub.");
        assert_eq!(catalog.text("Migrations"), "Replications");
        assert_eq!(catalog.text("Retry"), "Retry", "English when missing");
        assert_eq!(catalog.plural("{count} migration", "{count} migrations", 1, "one"), "1 replication");
        assert_eq!(catalog.plural("{count} migration", "{count} migrations", 7, "other"), "7 replications");
        assert_eq!(Catalog::new().plural("{count} migration", "{count} migrations", 1, "one"), "1 migration");
        assert_eq!(catalog.message("Object with uuid=abc does not exist."), "Objekt abc puudub.");
        assert_eq!(catalog.message("Something else."), "Something else.");
        assert_eq!(fill("Page {page} of {pages}", &[("page", "2"), ("pages", "3")]), "Page 2 of 3");
        assert_eq!(fill("{unknown} {", &[]), "{unknown} {");
    }

    #[test]
    fn pseudo_keeps_placeholders_and_grows() {
        let text = pseudo("Page {page} of {pages}");
        assert!(text.starts_with('⟦') && text.ends_with('⟧'));
        assert!(text.contains("{page}") && text.contains("{pages}"));
        assert!(text.chars().count() as f64 >= "Page {page} of {pages}".chars().count() as f64 * 1.2);
        assert_eq!(fill(&text, &[("page", "1"), ("pages", "2")]).matches('1').count(), 1);
    }

    #[test]
    fn reads_a_catalog_from_json() {
        let json = Json::parse(r#"{"A": "a", "{count} B": {"one": "x", "other": "y", "bad": 1}, "C": 3}"#).unwrap();
        let catalog = Catalog::from_json(&json);
        assert_eq!(catalog.len(), 2);
        assert_eq!(catalog.text("A"), "a");
        assert_eq!(catalog.plural("{count} B1", "{count} B", 2, "other"), "y");
    }
}
