//! Django REST framework field validation on raw JSON, with its exact texts: what the real
//! serializers of the migrations endpoint say about bad input.

use crate::texts::{self, check_subnet_cidr};
use serde_json::{json, Map, Value};
use uuid::Uuid;

pub use crate::texts::{NOT_A_BOOLEAN, NOT_A_STRING, NOT_NULL};

/// Python's `type(x).__name__` for a JSON value, as DRF puts it in its texts.
pub fn python_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(number) if number.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// `str(value)` as Python would print what DRF received.
pub fn python_str(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        other => other.to_string(),
    }
}

pub use crate::texts::parse_uuid;

/// `CharField(required, allow_blank=False)`; `Ok(None)` when absent and not required.
pub fn char_field(value: Option<&Value>, required: bool, allow_blank: bool) -> Result<Option<String>, Value> {
    match value {
        None if required => Err(json!([texts::REQUIRED])),
        None => Ok(None),
        Some(Value::Null) => Err(json!([NOT_NULL])),
        Some(Value::Bool(_) | Value::Array(_) | Value::Object(_)) => Err(json!([NOT_A_STRING])),
        Some(other) => {
            let text = python_str(other).trim().to_owned();
            if text.is_empty() && !allow_blank {
                Err(json!([texts::BLANK]))
            } else {
                Ok(Some(text))
            }
        }
    }
}

/// `BooleanField(default=False)`.
pub fn boolean_field(value: Option<&Value>) -> Result<bool, Value> {
    match value {
        None => Ok(false),
        Some(Value::Null) => Err(json!([NOT_NULL])),
        Some(Value::Bool(flag)) => Ok(*flag),
        Some(Value::Number(number)) => match number.as_f64() {
            Some(1.0) => Ok(true),
            Some(0.0) => Ok(false),
            _ => Err(json!([NOT_A_BOOLEAN])),
        },
        Some(Value::String(text)) => match text.as_str() {
            "t" | "T" | "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" | "1" => {
                Ok(true)
            }
            "f" | "F" | "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" | "0" => {
                Ok(false)
            }
            _ => Err(json!([NOT_A_BOOLEAN])),
        },
        Some(_) => Err(json!([NOT_A_BOOLEAN])),
    }
}

/// `UUIDField(required=True)`.
pub fn uuid_field(value: Option<&Value>) -> Result<Uuid, Value> {
    match value {
        None => Err(json!([texts::REQUIRED])),
        Some(Value::Null) => Err(json!([NOT_NULL])),
        Some(Value::String(text)) => parse_uuid(text).ok_or_else(|| json!([texts::INVALID_UUID])),
        // DRF's UUIDField takes an int too (uuid.UUID(int=...)); a bool or a container is invalid.
        Some(Value::Number(number)) => {
            number.as_u64().map(|n| Uuid::from_u128(u128::from(n))).ok_or_else(|| json!([texts::INVALID_UUID]))
        }
        Some(_) => Err(json!([texts::INVALID_UUID])),
    }
}

/// The validated, stored form of `mappings` (volume type uuids hyphenated, as the real server
/// stores them; `networks` checked but dropped).
#[derive(Clone, Debug, PartialEq)]
pub struct ValidMappings {
    pub stored: Value,
    pub volume_types: Vec<(Uuid, Uuid)>,
    pub has_subnets: bool,
    pub sync_instance_ports: bool,
}

/// A nested serializer for each list item: `[{}, {field: [..]}]` or `{"non_field_errors": [..]}`.
fn list_of_objects(
    value: Option<&Value>,
    mut item: impl FnMut(&Map<String, Value>) -> Result<Value, Value>,
) -> Result<Option<Vec<Value>>, Value> {
    match value {
        None => Ok(None),
        Some(Value::Null) => Err(json!([NOT_NULL])),
        Some(Value::Array(items)) => {
            let mut valid = Vec::new();
            let mut errors = Vec::new();
            let mut failed = false;
            for entry in items {
                match entry {
                    Value::Object(map) => match item(map) {
                        Ok(value) => {
                            valid.push(value);
                            errors.push(json!({}));
                        }
                        Err(error) => {
                            failed = true;
                            errors.push(error);
                        }
                    },
                    other => {
                        failed = true;
                        errors.push(json!({"non_field_errors": [texts::expected_dictionary(python_type(other))]}));
                    }
                }
            }
            if failed {
                Err(Value::Array(errors))
            } else {
                Ok(Some(valid))
            }
        }
        Some(other) => Err(json!({"non_field_errors": [texts::expected_list(python_type(other))]})),
    }
}

/// Collects per-field errors of one object.
#[derive(Default)]
pub struct Errors(Map<String, Value>);

impl Errors {
    /// Keeps a field's value or records its error.
    pub fn take<T>(&mut self, field: &str, result: Result<T, Value>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.insert(field.into(), error);
                None
            }
        }
    }

    /// True when nothing failed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The DRF error body.
    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

/// `MappingSerializer`: validates and returns the stored form. `network_exists` is the
/// queryset of the `networks` related field (every network: one of another tenant passes and is
/// ignored later).
pub fn mappings_field(value: &Value, network_exists: &dyn Fn(Uuid) -> bool) -> Result<ValidMappings, Value> {
    let map = match value {
        Value::Object(map) => map,
        Value::Null => return Err(json!([NOT_NULL])),
        other => return Err(json!({"non_field_errors": [texts::expected_dictionary(python_type(other))]})),
    };
    let mut errors = Errors::default();
    let mut pairs = Vec::new();
    let volume_types = errors.take(
        "volume_types",
        list_of_objects(map.get("volume_types"), |item| {
            let mut item_errors = Errors::default();
            let src = item_errors.take("src_type_uuid", uuid_field(item.get("src_type_uuid")));
            let dst = item_errors.take("dst_type_uuid", uuid_field(item.get("dst_type_uuid")));
            match (src, dst) {
                (Some(src), Some(dst)) if item_errors.is_empty() => {
                    pairs.push((src, dst));
                    Ok(json!({"src_type_uuid": src.hyphenated().to_string(), "dst_type_uuid": dst.hyphenated().to_string()}))
                }
                _ => Err(item_errors.into_value()),
            }
        }),
    );
    let subnets = errors.take(
        "subnets",
        list_of_objects(map.get("subnets"), |item| {
            let mut item_errors = Errors::default();
            let mut cidr = |field: &str| {
                let checked = char_field(item.get(field), true, false).and_then(|text| {
                    let text = text.unwrap_or_default();
                    check_subnet_cidr(&text).map(|()| text).map_err(|message| json!([message]))
                });
                item_errors.take(field, checked)
            };
            let src = cidr("src_cidr");
            let dst = cidr("dst_cidr");
            match (src, dst) {
                (Some(src), Some(dst)) => Ok(json!({"src_cidr": src, "dst_cidr": dst})),
                _ => Err(item_errors.into_value()),
            }
        }),
    );
    let skip = errors.take("skip_connection_extnet", boolean_field(map.get("skip_connection_extnet")));
    let sync = errors.take("sync_instance_ports", boolean_field(map.get("sync_instance_ports")));
    match map.get("networks") {
        None => {}
        Some(Value::Null) => {
            errors.take::<()>("networks", Err(json!([NOT_NULL])));
        }
        Some(Value::Array(items)) => {
            // A many-related slug field: the first value that is not an existing network stops
            // it, with one message for the field (not one per index).
            let missing = items.iter().find(|item| {
                let text = python_str(item);
                !matches!(item, Value::String(_) | Value::Number(_))
                    || parse_uuid(&text).is_none_or(|id| !network_exists(id))
            });
            if let Some(item) = missing {
                errors.take::<()>("networks", Err(json!([texts::object_does_not_exist(&python_str(item))])));
            }
        }
        Some(other) => {
            errors.take::<()>("networks", Err(json!([texts::expected_list(python_type(other))])));
        }
    }
    if !errors.is_empty() {
        return Err(errors.into_value());
    }
    let mut stored = Map::new();
    let has_subnets = subnets.as_ref().is_some_and(|list| list.as_ref().is_some_and(|l| !l.is_empty()));
    if let Some(Some(list)) = volume_types {
        stored.insert("volume_types".into(), Value::Array(list));
    }
    if let Some(Some(list)) = subnets {
        stored.insert("subnets".into(), Value::Array(list));
    }
    let sync_instance_ports = sync.unwrap_or(false);
    stored.insert("skip_connection_extnet".into(), Value::Bool(skip.unwrap_or(false)));
    stored.insert("sync_instance_ports".into(), Value::Bool(sync_instance_ports));
    Ok(ValidMappings { stored: Value::Object(stored), volume_types: pairs, has_subnets, sync_instance_ports })
}

/// Python's `json` error text for a body that does not parse.
pub fn json_parse_error(body: &[u8]) -> Option<String> {
    let error = match serde_json::from_slice::<Value>(body) {
        Ok(_) => return None,
        Err(error) => error,
    };
    let position = byte_offset(body, error.line(), error.column());
    let what = if error.is_eof() && body.iter().all(u8::is_ascii_whitespace) {
        "Expecting value".to_owned()
    } else {
        let text = error.to_string();
        let first = text.split(" at line").next().unwrap_or("invalid JSON");
        let mut chars = first.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => "Expecting value".to_owned(),
        }
    };
    Some(format!(
        "JSON parse error - {what}: line {} column {} (char {position})",
        error.line().max(1),
        error.column().max(1)
    ))
}

fn byte_offset(body: &[u8], line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (index, text) in body.split(|b| *b == b'\n').enumerate() {
        if index + 1 == line {
            return offset + column.saturating_sub(1);
        }
        offset += text.len() + 1;
    }
    offset
}
