//! JSON as the real server writes it: 32-hex uuids at top level, hyphenated inside
//! `mappings.volume_types`, Python `isoformat()` dates, and the older spellings on request.

use crate::world::{Migration, World};
use serde_json::{json, Map, Value};
use time::OffsetDateTime;
use uuid::Uuid;

/// How old a server to imitate, per token (set through the control endpoint).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct WireStyle {
    /// `"Creation Scheduled"`, `"Erred"`, ... instead of `CREATION_SCHEDULED`, `ERRED`.
    pub legacy_states: bool,
    /// `mappings: null` where nothing is mapped.
    pub null_mappings: bool,
    /// Dates ending in `Z` instead of `+00:00`.
    pub z_dates: bool,
    /// No `error_message` / `error_traceback` keys (servers before 2025-05).
    pub omit_error_fields: bool,
    /// A create answers the short body the schema documents (`mappings`, `src_resource`).
    pub short_create: bool,
}

/// 32 lower-case hex digits.
pub fn hex(id: &Uuid) -> String {
    id.simple().to_string()
}

/// Python's `isoformat()` of a UTC datetime: microseconds only when non-zero, `+00:00`
/// (or DRF's older `Z`).
pub fn date(value: OffsetDateTime, z: bool) -> String {
    let value = value.to_offset(time::UtcOffset::UTC);
    let mut out = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        value.year(),
        u8::from(value.month()),
        value.day(),
        value.hour(),
        value.minute(),
        value.second()
    );
    if value.microsecond() != 0 {
        out.push_str(&format!(".{:06}", value.microsecond()));
    }
    out.push_str(if z { "Z" } else { "+00:00" });
    out
}

/// The label older servers used for a state.
pub fn legacy_state(state: &str) -> &str {
    match state {
        "CREATION_SCHEDULED" => "Creation Scheduled",
        "CREATING" => "Creating",
        "UPDATE_SCHEDULED" => "Update Scheduled",
        "UPDATING" => "Updating",
        "DELETION_SCHEDULED" => "Deletion Scheduled",
        "DELETING" => "Deleting",
        "ERRED" => "Erred",
        other => other,
    }
}

/// Mappings as the server returns them: both flags always, lists only when stored, never
/// `networks`.
pub fn render_mappings(stored: &Value, style: WireStyle) -> Value {
    let stored = stored.as_object().cloned().unwrap_or_default();
    let empty = stored.iter().all(|(key, value)| match key.as_str() {
        "volume_types" | "subnets" => value.as_array().is_none_or(Vec::is_empty),
        "skip_connection_extnet" | "sync_instance_ports" => value == &Value::Bool(false),
        _ => true,
    });
    if style.null_mappings && empty {
        return Value::Null;
    }
    let mut out = Map::new();
    for key in ["volume_types", "subnets"] {
        if let Some(value) = stored.get(key) {
            out.insert(key.into(), value.clone());
        }
    }
    for key in ["skip_connection_extnet", "sync_instance_ports"] {
        out.insert(key.into(), stored.get(key).cloned().unwrap_or(Value::Bool(false)));
    }
    Value::Object(out)
}

/// One migration as JSON, in the server's field order.
pub fn render_migration(world: &World, migration: &Migration, now: OffsetDateTime, style: WireStyle) -> Value {
    let (state, dst_state, modified) = world.status_of(migration, now);
    let creator = world.users.iter().find(|user| user.uuid == migration.created_by);
    let tenant = &world.tenants[migration.src];
    let src_offering = &world.offerings[tenant.offering];
    let dst_offering = &world.offerings[migration.dst_offering];
    let mut out = json!({
        "uuid": hex(&migration.uuid),
        "created": date(migration.created, style.z_dates),
        "modified": date(modified, style.z_dates),
        "mappings": render_mappings(&migration.mappings, style),
        "created_by_uuid": hex(&migration.created_by),
        "created_by_full_name": creator.map(|user| user.full_name.as_str()).unwrap_or(""),
        "src_offering_uuid": hex(&src_offering.uuid),
        "src_offering_name": src_offering.name,
        "dst_offering_uuid": hex(&dst_offering.uuid),
        "dst_offering_name": dst_offering.name,
        "src_resource_uuid": hex(&tenant.uuid),
        "src_resource_name": tenant.name,
        "dst_resource_uuid": hex(&migration.dst_resource_uuid),
        "dst_resource_name": migration.name,
        "dst_resource_state": dst_state,
        "state": if style.legacy_states { legacy_state(state) } else { state },
        "error_message": migration.error_message,
        "error_traceback": migration.error_traceback,
    });
    if style.omit_error_fields {
        if let Some(object) = out.as_object_mut() {
            object.remove("error_message");
            object.remove("error_traceback");
        }
    }
    out
}

/// Keeps only the `field=` keys of an item (all when none are asked for).
pub fn select_fields(item: Value, fields: &[String]) -> Value {
    if fields.is_empty() {
        return item;
    }
    match item {
        Value::Object(map) => {
            Value::Object(map.into_iter().filter(|(key, _)| fields.iter().any(|f| f == key)).collect())
        }
        other => other,
    }
}
