//! The two state fields, in every spelling servers have used.

use crate::prelude::*;

use super::decode::{Decode, Mismatch};
use crate::json::{Json, JsonWriter, Kind, ToJson};
use core::fmt;

/// Lifecycle state of a migration (`state`).
///
/// Current servers send `CREATION_SCHEDULED`, `CREATING`, ..., `ERRED`; servers before 2025-03
/// sent the labels `Creation Scheduled`, `Creating`, ..., `Erred`. Both read as the same variant;
/// any other text is kept in [`MigrationState::Unknown`]. Written in the current spelling.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MigrationState {
    /// Queued; the server will start it.
    CreationScheduled,
    /// Running.
    Creating,
    /// An update is queued.
    UpdateScheduled,
    /// Being updated.
    Updating,
    /// Deletion is queued.
    DeletionScheduled,
    /// Being deleted.
    Deleting,
    /// Finished successfully.
    Ok,
    /// Failed; `error_message` and `error_traceback` say why.
    Erred,
    /// A state this library does not know, as the server spelled it.
    Unknown(String),
}

const MIGRATION_STATES: [(MigrationState, &str, &str); 8] = [
    (MigrationState::CreationScheduled, "CREATION_SCHEDULED", "Creation Scheduled"),
    (MigrationState::Creating, "CREATING", "Creating"),
    (MigrationState::UpdateScheduled, "UPDATE_SCHEDULED", "Update Scheduled"),
    (MigrationState::Updating, "UPDATING", "Updating"),
    (MigrationState::DeletionScheduled, "DELETION_SCHEDULED", "Deletion Scheduled"),
    (MigrationState::Deleting, "DELETING", "Deleting"),
    (MigrationState::Ok, "OK", "OK"),
    (MigrationState::Erred, "ERRED", "Erred"),
];

/// Compares two spellings ignoring case, spaces and underscores (`Creation Scheduled` ==
/// `CREATION_SCHEDULED`).
fn same_state_name(a: &str, b: &str) -> bool {
    // Without allocating: this runs for every item of every page.
    fn letters(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes().filter(|c| *c != b' ' && *c != b'_').map(|c| c.to_ascii_lowercase())
    }
    letters(a).eq(letters(b))
}

impl MigrationState {
    /// The names of the known states as the current API writes them.
    pub fn wire_names() -> impl Iterator<Item = &'static str> {
        MIGRATION_STATES.iter().map(|(_, current, _)| *current)
    }

    /// Reads a state in either spelling; unknown text is kept.
    pub fn from_wire(text: &str) -> Self {
        MIGRATION_STATES
            .iter()
            .find(|(_, current, _)| same_state_name(current, text))
            .map(|(state, _, _)| state.clone())
            .unwrap_or_else(|| MigrationState::Unknown(text.to_owned()))
    }

    /// The current wire spelling (`CREATION_SCHEDULED`), or the unknown text as received.
    pub fn as_str(&self) -> &str {
        if let MigrationState::Unknown(text) = self {
            return text;
        }
        MIGRATION_STATES.iter().find(|(state, _, _)| state == self).map(|(_, current, _)| *current).unwrap_or("")
    }

    /// A human label (`Creation scheduled`, `Erred`), for display.
    pub fn label(&self) -> &str {
        match self {
            MigrationState::CreationScheduled => "Creation scheduled",
            MigrationState::Creating => "Creating",
            MigrationState::UpdateScheduled => "Update scheduled",
            MigrationState::Updating => "Updating",
            MigrationState::DeletionScheduled => "Deletion scheduled",
            MigrationState::Deleting => "Deleting",
            MigrationState::Ok => "OK",
            MigrationState::Erred => "Erred",
            MigrationState::Unknown(text) => text,
        }
    }

    /// True while the server is still working on the migration (scheduled or running).
    pub fn is_in_progress(&self) -> bool {
        matches!(
            self,
            MigrationState::CreationScheduled
                | MigrationState::Creating
                | MigrationState::UpdateScheduled
                | MigrationState::Updating
                | MigrationState::DeletionScheduled
                | MigrationState::Deleting
        )
    }
}

impl fmt::Display for MigrationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ToJson for MigrationState {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self.as_str());
    }
}

/// Reads a state string with `from_wire`; `null` reads as an unknown, empty state.
fn decode_state<T>(value: &Json, from_wire: fn(&str) -> T) -> Result<T, Mismatch> {
    match value.as_string() {
        Some(text) => Ok(from_wire(&text)),
        None if value.kind() == Kind::Null => Ok(from_wire("")),
        None => Err(Mismatch::new("a state name", value)),
    }
}

impl Decode for MigrationState {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        decode_state(value, MigrationState::from_wire)
    }
}

/// State of the destination marketplace resource (`dst_resource_state`): `Creating`, `OK`,
/// `Erred`, `Updating`, `Terminating`, `Terminated`. Upper-case spellings are accepted too; any
/// other text is kept in [`ResourceState::Unknown`]. Written as the server writes it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResourceState {
    /// Being created.
    Creating,
    /// Ready.
    Ok,
    /// Failed.
    Erred,
    /// Being updated.
    Updating,
    /// Being terminated.
    Terminating,
    /// Gone.
    Terminated,
    /// A state this library does not know, as the server spelled it.
    Unknown(String),
}

const RESOURCE_STATES: [(ResourceState, &str); 6] = [
    (ResourceState::Creating, "Creating"),
    (ResourceState::Ok, "OK"),
    (ResourceState::Erred, "Erred"),
    (ResourceState::Updating, "Updating"),
    (ResourceState::Terminating, "Terminating"),
    (ResourceState::Terminated, "Terminated"),
];

impl ResourceState {
    /// The names of the known states as the server writes them.
    pub fn wire_names() -> impl Iterator<Item = &'static str> {
        RESOURCE_STATES.iter().map(|(_, name)| *name)
    }

    /// Reads a state in any case; unknown text is kept.
    pub fn from_wire(text: &str) -> Self {
        RESOURCE_STATES
            .iter()
            .find(|(_, name)| same_state_name(name, text))
            .map(|(state, _)| state.clone())
            .unwrap_or_else(|| ResourceState::Unknown(text.to_owned()))
    }

    /// The server's spelling (`Creating`, `OK`), or the unknown text as received.
    pub fn as_str(&self) -> &str {
        if let ResourceState::Unknown(text) = self {
            return text;
        }
        RESOURCE_STATES.iter().find(|(state, _)| state == self).map(|(_, name)| *name).unwrap_or("")
    }
}

impl fmt::Display for ResourceState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ToJson for ResourceState {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self.as_str());
    }
}

impl Decode for ResourceState {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        decode_state(value, ResourceState::from_wire)
    }
}

/// An unknown, empty state: what a view shows while it has none.
impl Default for MigrationState {
    fn default() -> Self {
        MigrationState::Unknown(String::new())
    }
}

/// An unknown, empty state: what a view shows while it has none.
impl Default for ResourceState {
    fn default() -> Self {
        ResourceState::Unknown(String::new())
    }
}
