//! The field messages the server (or the client-side validation) attached to an error, by path.

use crate::prelude::*;

use crate::json::{Json, Kind};
use core::fmt;

/// Messages keyed by field path, in the order the server (or the validation) gave them.
///
/// Paths follow the request body: `src_resource`, `mappings.subnets[1].dst_cidr`,
/// `mappings.non_field_errors`, and `non_field_errors` / `detail` for the body as a whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors {
    entries: Vec<(String, Vec<String>)>,
}

impl FieldErrors {
    /// No messages.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one message for a path.
    pub fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        let path = path.into();
        let message = message.into();
        match self.entries.iter_mut().find(|(p, _)| *p == path) {
            Some((_, messages)) => messages.push(message),
            None => self.entries.push((path, vec![message])),
        }
    }

    /// The messages for a path (empty if none).
    pub fn get(&self, path: &str) -> &[String] {
        self.entries.iter().find(|(p, _)| p == path).map(|(_, messages)| messages.as_slice()).unwrap_or(&[])
    }

    /// Every path and its messages, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.entries.iter().map(|(p, m)| (p.as_str(), m.as_slice()))
    }

    /// Paths under a prefix (`mappings.subnets[1]` matches `mappings.subnets[1].dst_cidr`).
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [String])> + 'a {
        self.iter().filter(move |(path, _)| {
            path.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
        })
    }

    /// Drops the messages of `path` and of every path under it (`mappings.subnets[0]` drops
    /// `mappings.subnets[0].dst_cidr` too), as a form does when the user edits that field.
    pub fn remove(&mut self, path: &str) {
        self.entries.retain(|(p, _)| {
            !p.strip_prefix(path).is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
        });
    }

    /// True when there are no messages.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of paths with messages.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Reads a DRF error body: `{field: [msgs]}`, nested objects (`{"mappings": {...}}`), lists
    /// with one object per item (`[{}, {"src_type_uuid": [...]}]`), objects keyed by index (DRF
    /// `ListField`), `non_field_errors`, `detail`, or a bare list of messages.
    pub fn from_drf(body: &Json) -> Self {
        let mut errors = FieldErrors::new();
        match body.kind() {
            Kind::String => errors.add("detail", body.as_string().unwrap_or_default()),
            Kind::Array if body.items().unwrap_or_default().iter().all(|item| item.kind() == Kind::String) => {
                for item in body.items().unwrap_or_default() {
                    errors.add("non_field_errors", item.as_string().unwrap_or_default());
                }
            }
            _ => flatten(body, "", &mut errors, 0),
        }
        errors
    }
}

/// Deepest nesting followed when flattening a server body (deeper parts are dropped).
const MAX_DEPTH: usize = 16;

fn join_key(prefix: &str, key: &str) -> String {
    let mut path = String::with_capacity(prefix.len() + key.len() + 2);
    path.push_str(prefix);
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
        path.push('[');
        path.push_str(key);
        path.push(']');
    } else {
        if !prefix.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    }
    path
}

/// The text of a scalar the server put where a message was expected.
fn scalar_text(value: &Json) -> String {
    match value.kind() {
        Kind::Bool => if value.as_bool() == Some(true) { "true" } else { "false" }.to_owned(),
        Kind::Number => {
            let mut writer = crate::json::JsonWriter::new();
            writer.f64(value.as_f64().unwrap_or_default());
            writer.finish()
        }
        _ => value.as_string().unwrap_or_default(),
    }
}

fn flatten(value: &Json, path: &str, errors: &mut FieldErrors, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let here = if path.is_empty() { "non_field_errors" } else { path };
    match value.kind() {
        Kind::Object => {
            for (key, child) in value.entries().unwrap_or_default() {
                flatten(&child, &join_key(path, &key), errors, depth + 1);
            }
        }
        Kind::Array => {
            for (index, item) in value.items().unwrap_or_default().iter().enumerate() {
                match item.kind() {
                    Kind::Object | Kind::Array => {
                        flatten(item, &join_key(path, &crate::json::u64_text(index as u64)), errors, depth + 1)
                    }
                    Kind::Null => {}
                    _ => errors.add(here, scalar_text(item)),
                }
            }
        }
        Kind::Null => {}
        _ => errors.add(here, scalar_text(value)),
    }
}

impl FieldErrors {
    /// Every message in one line, `path: messages; ...` (`detail` and `non_field_errors`
    /// without their path): the `Display` text, built without `core::fmt`.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for (index, (path, messages)) in self.entries.iter().enumerate() {
            if index > 0 {
                out.push_str("; ");
            }
            if path != "detail" && path != "non_field_errors" {
                out.push_str(path);
                out.push_str(": ");
            }
            out.push_str(&crate::validate::join(messages, " "));
        }
        out
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary())
    }
}
