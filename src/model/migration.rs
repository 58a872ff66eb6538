//! The migration record and the request bodies that create and edit it.

use super::mapping::{Mapping, MappingRequest};
use super::state::{MigrationState, ResourceState};
use super::time::Timestamp;
use super::wire::{null_as_default, uuid_hex};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A migration as the server returns it (`MigrationDetails`): from list, retrieve, update and
/// (on real servers) create.
///
/// Reads every variant real servers send: uuids in either spelling, states in both spellings,
/// `mappings: null`, absent `error_message` / `error_traceback`, unknown extra fields, dates with
/// `Z` or `+00:00`. Writes the current wire shape (32-hex uuids, upper-case `state`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MigrationDetails {
    /// Identifier of the migration.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// When it was created.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub created: Timestamp,
    /// When it last changed.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub modified: Timestamp,
    /// What maps to what; the default when the server sent `null`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub mappings: Mapping,
    /// The user who created it.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub created_by_uuid: Uuid,
    /// That user's full name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub created_by_full_name: String,
    /// Offering of the source tenant.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub src_offering_uuid: Uuid,
    /// Name of that offering.
    #[serde(default, deserialize_with = "null_as_default")]
    pub src_offering_name: String,
    /// Offering the tenant is migrated to.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub dst_offering_uuid: Uuid,
    /// Name of that offering.
    #[serde(default, deserialize_with = "null_as_default")]
    pub dst_offering_name: String,
    /// Marketplace resource being migrated.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub src_resource_uuid: Uuid,
    /// Its name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub src_resource_name: String,
    /// Marketplace resource created in the destination.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub dst_resource_uuid: Uuid,
    /// Its name (the migration's name).
    #[serde(default, deserialize_with = "null_as_default")]
    pub dst_resource_name: String,
    /// State of the destination resource.
    #[cfg_attr(feature = "ts", ts(type = "ResourceStateName"))]
    pub dst_resource_state: ResourceState,
    /// State of the migration.
    #[cfg_attr(feature = "ts", ts(type = "MigrationStateName"))]
    pub state: MigrationState,
    /// Why it failed; empty unless `state` is `ERRED`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub error_message: String,
    /// The server-side traceback of the failure; empty unless `state` is `ERRED`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub error_traceback: String,
}

/// The 201 body as the schema documents it (`MigrationCreate`): only `mappings` and
/// `src_resource`. Real servers send a full [`MigrationDetails`] instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MigrationCreate {
    /// Mappings as stored.
    #[serde(default, deserialize_with = "null_as_default")]
    pub mappings: Mapping,
    /// The source marketplace resource.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub src_resource: Uuid,
}

/// What a successful create returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CreatedMigration {
    /// The full migration, as real servers answer.
    Full(Box<MigrationDetails>),
    /// The short body the schema documents; retrieve the migration to see the rest (its uuid is
    /// not in this body: list by `src_resource_uuid` to find it).
    Documented(MigrationCreate),
}

impl CreatedMigration {
    /// The full migration, when the server sent it.
    pub fn details(&self) -> Option<&MigrationDetails> {
        match self {
            CreatedMigration::Full(details) => Some(details),
            CreatedMigration::Documented(_) => None,
        }
    }

    /// The uuid of the migrated source resource (present in both shapes).
    pub fn src_resource_uuid(&self) -> Uuid {
        match self {
            CreatedMigration::Full(details) => details.src_resource_uuid,
            CreatedMigration::Documented(short) => short.src_resource,
        }
    }
}

/// Body of a create (`MigrationCreateRequest`). Uuids are text as typed; call
/// [`crate::validate::validate_create`] (the client does) to check them with the server's texts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct MigrationCreateRequest {
    /// Source marketplace resource (an `OpenStack.Tenant` resource). Required.
    #[serde(deserialize_with = "null_as_default")]
    pub src_resource: String,
    /// Destination offering (type `OpenStack.Tenant`). Required.
    #[serde(deserialize_with = "null_as_default")]
    pub dst_offering: String,
    /// Plan of the destination offering. Required.
    #[serde(deserialize_with = "null_as_default")]
    pub dst_plan: String,
    /// Name of the migration and of the destination resource; the source's name when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
    /// Description. Sent only when set: real servers answer 500 to it (a server bug).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub description: Option<String>,
    /// Mappings; stored as `{}` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub mappings: Option<MappingRequest>,
}

/// Body of a full update (PUT, `MigrationDetailsRequest`). `mappings` is required and replaces
/// the stored mappings whole; `None` fails validation with the server's text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct MigrationDetailsRequest {
    /// The new mappings. Required.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(as = "MappingRequest"))]
    pub mappings: Option<MappingRequest>,
    /// Replaces the error message.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error_message: Option<String>,
    /// Replaces the error traceback.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error_traceback: Option<String>,
}

/// Body of a partial update (PATCH, `PatchedMigrationDetailsRequest`): only what is set is sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct PatchedMigrationDetailsRequest {
    /// Replaces the stored mappings whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub mappings: Option<MappingRequest>,
    /// Replaces the error message.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error_message: Option<String>,
    /// Replaces the error traceback.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error_traceback: Option<String>,
}
