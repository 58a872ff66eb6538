//! Reading the models from parsed JSON: one [`Decode`] impl per model, shared by every endpoint
//! and by the JS bindings, with the tolerance real servers need (`null` for defaults, either
//! uuid spelling) and an error that names the path of what was wrong.

use crate::prelude::*;

use super::time::Timestamp;
use super::wire::{parse_uuid, short};
use crate::fns::RunWith;
use crate::json::{Json, Kind};
use core::fmt;
use uuid::Uuid;

/// A value that can be read from parsed JSON.
pub trait Decode: Sized {
    /// Reads `value`, or says where and why it does not fit.
    fn decode(value: &Json) -> Result<Self, Mismatch>;
}

/// One step of the path to a value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(&'static str),
    Index(usize),
}

/// A value that does not fit the model: where it is, what was expected and what was there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// Innermost step first.
    steps: Vec<Step>,
    expected: &'static str,
    found: String,
}

impl Mismatch {
    /// `value` is not `expected`.
    pub fn new(expected: &'static str, value: &Json) -> Self {
        let found = match value.as_string() {
            Some(text) => {
                let mut quoted = String::from("\"");
                quoted.push_str(&short(&text));
                quoted.push('"');
                quoted
            }
            None => value.kind().article().to_owned(),
        };
        Mismatch { steps: Vec::new(), expected, found }
    }

    /// A required member is absent.
    pub fn missing() -> Self {
        Mismatch { steps: Vec::new(), expected: "a value", found: "nothing".to_owned() }
    }

    /// The same mismatch one member further out.
    pub fn at_key(mut self, key: &'static str) -> Self {
        self.steps.push(Step::Key(key));
        self
    }

    /// The same mismatch one array item further out.
    pub fn at_index(mut self, index: usize) -> Self {
        self.steps.push(Step::Index(index));
        self
    }

    /// The path of the value (`items[3].mappings.volume_types[0].src_type_uuid`).
    pub fn path(&self) -> String {
        let mut path = String::new();
        for step in self.steps.iter().rev() {
            match step {
                Step::Key(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Step::Index(index) => {
                    path.push('[');
                    crate::json::push_u64(&mut path, *index as u64);
                    path.push(']');
                }
            }
        }
        path
    }

    /// What was expected and found, without the path (`expected a uuid, found "x"`).
    pub fn message(&self) -> String {
        crate::validate::concat(&["expected ", self.expected, ", found ", &self.found])
    }
}

impl Mismatch {
    /// The path and the message (`items[0].uuid: expected a uuid, found "x"`): the `Display`
    /// text, built without `core::fmt`.
    pub fn describe(&self) -> String {
        let path = self.path();
        if path.is_empty() {
            self.message()
        } else {
            crate::validate::concat(&[&path, ": ", &self.message()])
        }
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

impl core::error::Error for Mismatch {}

/// Reads a uuid in any spelling the server uses.
pub fn uuid(value: &Json) -> Result<Uuid, Mismatch> {
    value.as_string().as_deref().and_then(parse_uuid).ok_or_else(|| Mismatch::new("a uuid", value))
}

/// Reads an RFC 3339 date-time.
pub fn timestamp(value: &Json) -> Result<Timestamp, Mismatch> {
    value.as_string().as_deref().and_then(Timestamp::parse).ok_or_else(|| Mismatch::new("an RFC 3339 date-time", value))
}

/// Reads a string; `null` reads as empty.
pub fn text(value: &Json) -> Result<String, Mismatch> {
    match value.as_string() {
        Some(text) => Ok(text),
        None if value.kind() == Kind::Null => Ok(String::new()),
        None => Err(Mismatch::new("a string", value)),
    }
}

/// Reads a boolean; `null` reads as false.
pub fn flag(value: &Json) -> Result<bool, Mismatch> {
    match value.as_bool() {
        Some(flag) => Ok(flag),
        None if value.kind() == Kind::Null => Ok(false),
        None => Err(Mismatch::new("a boolean", value)),
    }
}

/// Reads a whole number within `u32`.
pub fn whole(value: &Json) -> Result<u32, Mismatch> {
    value
        .as_f64()
        .filter(|number| crate::json::is_whole(*number) && (0.0..=f64::from(u32::MAX)).contains(number))
        // Whole and within range: the cast is exact.
        .map(|number| number as u32)
        .ok_or_else(|| Mismatch::new("a whole number", value))
}

/// Reads an array of `T`; `null` reads as empty.
pub fn list<T: Decode>(value: &Json) -> Result<Vec<T>, Mismatch> {
    let mut out = Vec::new();
    each_item(value, &mut |(count, item): (usize, &Json)| {
        out.reserve_exact(count);
        T::decode(item).map(|item| out.push(item))
    })?;
    Ok(out)
}

/// Calls `read` with the number of items and each item of an array, in order (`null` has
/// none): compiled once, where the loop, its error paths and the array's reading were a copy
/// per item type.
#[inline(never)]
fn each_item(
    value: &Json,
    read: &mut dyn for<'a> RunWith<(usize, &'a Json), Result<(), Mismatch>>,
) -> Result<(), Mismatch> {
    match value.items() {
        Some(items) => {
            for (index, item) in items.iter().enumerate() {
                read.run_with((items.len() - index, item)).map_err(|e| e.at_index(index))?;
            }
            Ok(())
        }
        None if value.kind() == Kind::Null => Ok(()),
        None => Err(Mismatch::new("an array", value)),
    }
}

/// The members of an object, read one by one.
pub struct Fields<'a>(&'a Json);

impl<'a> Fields<'a> {
    /// `value` as an object.
    pub fn of(value: &'a Json) -> Result<Self, Mismatch> {
        if value.kind() == Kind::Object {
            Ok(Fields(value))
        } else {
            Err(Mismatch::new("an object", value))
        }
    }

    /// A required member read by `read`.
    pub fn required<T>(&self, key: &'static str, read: fn(&Json) -> Result<T, Mismatch>) -> Result<T, Mismatch> {
        let value = self.0.get(key).ok_or_else(Mismatch::missing).map_err(|e| e.at_key(key))?;
        read(&value).map_err(|e| e.at_key(key))
    }

    /// An optional member read by `read`; absent or `null` gives `None`.
    pub fn optional<T>(
        &self,
        key: &'static str,
        read: fn(&Json) -> Result<T, Mismatch>,
    ) -> Result<Option<T>, Mismatch> {
        match self.0.get(key) {
            Some(value) if value.kind() != Kind::Null => read(&value).map(Some).map_err(|e| e.at_key(key)),
            _ => Ok(None),
        }
    }

    /// A member read by `read`; absent or `null` gives the default.
    pub fn or_default<T: Default>(
        &self,
        key: &'static str,
        read: fn(&Json) -> Result<T, Mismatch>,
    ) -> Result<T, Mismatch> {
        Ok(self.optional(key, read)?.unwrap_or_default())
    }

    /// A string member; absent or `null` is empty.
    pub fn text(&self, key: &'static str) -> Result<String, Mismatch> {
        if let Some(text) = self.0.string_member(key) {
            return Ok(text);
        }
        match self.0.get(key) {
            None => Ok(String::new()),
            Some(value) => text(&value).map_err(|e| e.at_key(key)),
        }
    }

    /// A boolean member; absent or `null` is false.
    pub fn flag(&self, key: &'static str) -> Result<bool, Mismatch> {
        match self.0.get(key) {
            None => Ok(false),
            Some(value) => flag(&value).map_err(|e| e.at_key(key)),
        }
    }

    /// A required uuid member.
    pub fn uuid(&self, key: &'static str) -> Result<Uuid, Mismatch> {
        match self.0.string_member(key).as_deref().and_then(parse_uuid) {
            Some(uuid) => Ok(uuid),
            None => self.required(key, uuid),
        }
    }

    /// A required date-time member.
    pub fn timestamp(&self, key: &'static str) -> Result<Timestamp, Mismatch> {
        match self.0.string_member(key).as_deref().and_then(Timestamp::parse) {
            Some(time) => Ok(time),
            None => self.required(key, timestamp),
        }
    }

    /// An array member; absent or `null` is empty.
    pub fn list<T: Decode>(&self, key: &'static str) -> Result<Vec<T>, Mismatch> {
        self.or_default(key, list::<T>)
    }

    /// An object member; absent or `null` is the default.
    pub fn nested<T: Decode + Default>(&self, key: &'static str) -> Result<T, Mismatch> {
        self.or_default(key, T::decode)
    }

    /// A member as a whole number, absent or `null` giving `None`.
    pub fn whole(&self, key: &'static str) -> Result<Option<u32>, Mismatch> {
        self.optional(key, whole)
    }

    /// A string member, absent or `null` giving `None`.
    pub fn opt_text(&self, key: &'static str) -> Result<Option<String>, Mismatch> {
        self.optional(key, text)
    }

    /// The raw member.
    pub fn raw(&self, key: &'static str) -> Option<Json> {
        self.0.get(key)
    }
}

impl Decode for String {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        text(value)
    }
}

impl<T: Decode> Decode for Vec<T> {
    /// An array, strictly: `null` is not an empty list here (a list body must be an array).
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        if value.kind() == Kind::Null {
            return Err(Mismatch::new("an array", value));
        }
        list(value)
    }
}

impl Decode for Uuid {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        uuid(value)
    }
}

/// Decodes JSON text into `T` (the platform parses it).
pub fn from_str<T: Decode>(text: &str) -> Result<T, String> {
    let value = Json::parse(text)?;
    T::decode(&value).map_err(|mismatch| mismatch.describe())
}
