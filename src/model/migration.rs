//! The migration record and the request bodies that create and edit it.

use crate::prelude::*;

use super::decode::{Decode, Fields, Mismatch};
use super::mapping::{Mapping, MappingRequest};
use super::state::{MigrationState, ResourceState};
use super::time::Timestamp;
use super::wire::uuid_to_hex;
use crate::json::{Json, JsonWriter, ToJson};
use uuid::Uuid;

/// A migration as the server returns it (`MigrationDetails`): from list, retrieve, update and
/// (on real servers) create.
///
/// Reads every variant real servers send: uuids in either spelling, states in both spellings,
/// `mappings: null`, absent `error_message` / `error_traceback`, unknown extra fields, dates with
/// `Z` or `+00:00`. Writes the current wire shape (32-hex uuids, upper-case `state`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MigrationDetails {
    /// Identifier of the migration.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// When it was created.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub created: Timestamp,
    /// When it last changed.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub modified: Timestamp,
    /// What maps to what; the default when the server sent `null`.
    pub mappings: Mapping,
    /// The user who created it.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub created_by_uuid: Uuid,
    /// That user's full name.
    pub created_by_full_name: String,
    /// Offering of the source tenant.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub src_offering_uuid: Uuid,
    /// Name of that offering.
    pub src_offering_name: String,
    /// Offering the tenant is migrated to.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub dst_offering_uuid: Uuid,
    /// Name of that offering.
    pub dst_offering_name: String,
    /// Marketplace resource being migrated.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub src_resource_uuid: Uuid,
    /// Its name.
    pub src_resource_name: String,
    /// Marketplace resource created in the destination.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub dst_resource_uuid: Uuid,
    /// Its name (the migration's name).
    pub dst_resource_name: String,
    /// State of the destination resource.
    #[cfg_attr(feature = "ts", ts(type = "ResourceStateName"))]
    pub dst_resource_state: ResourceState,
    /// State of the migration.
    #[cfg_attr(feature = "ts", ts(type = "MigrationStateName"))]
    pub state: MigrationState,
    /// Why it failed; empty unless `state` is `ERRED`.
    pub error_message: String,
    /// The server-side traceback of the failure; empty unless `state` is `ERRED`.
    pub error_traceback: String,
}

/// The 201 body as the schema documents it (`MigrationCreate`): only `mappings` and
/// `src_resource`. Real servers send a full [`MigrationDetails`] instead.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MigrationCreate {
    /// Mappings as stored.
    pub mappings: Mapping,
    /// The source marketplace resource.
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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MigrationCreateRequest {
    /// Source marketplace resource (an `OpenStack.Tenant` resource). Required.
    pub src_resource: String,
    /// Destination offering (type `OpenStack.Tenant`). Required.
    pub dst_offering: String,
    /// Plan of the destination offering. Required.
    pub dst_plan: String,
    /// Name of the migration and of the destination resource; the source's name when absent.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
    /// Description. Sent only when set: real servers answer 500 to it (a server bug).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub description: Option<String>,
    /// Mappings; stored as `{}` when absent.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub mappings: Option<MappingRequest>,
}

/// Body of a full update (PUT, `MigrationDetailsRequest`). `mappings` is required and replaces
/// the stored mappings whole; `None` fails validation with the server's text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MigrationDetailsRequest {
    /// The new mappings. Required.
    #[cfg_attr(feature = "ts", ts(as = "MappingRequest"))]
    pub mappings: Option<MappingRequest>,
    /// Replaces the error message.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error_message: Option<String>,
    /// Replaces the error traceback.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error_traceback: Option<String>,
}

/// Body of a partial update (PATCH, `PatchedMigrationDetailsRequest`): only what is set is sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PatchedMigrationDetailsRequest {
    /// Replaces the stored mappings whole.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub mappings: Option<MappingRequest>,
    /// Replaces the error message.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error_message: Option<String>,
    /// Replaces the error traceback.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error_traceback: Option<String>,
}

impl Decode for MigrationDetails {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(MigrationDetails {
            uuid: fields.uuid("uuid")?,
            created: fields.timestamp("created")?,
            modified: fields.timestamp("modified")?,
            mappings: fields.nested("mappings")?,
            created_by_uuid: fields.uuid("created_by_uuid")?,
            created_by_full_name: fields.text("created_by_full_name")?,
            src_offering_uuid: fields.uuid("src_offering_uuid")?,
            src_offering_name: fields.text("src_offering_name")?,
            dst_offering_uuid: fields.uuid("dst_offering_uuid")?,
            dst_offering_name: fields.text("dst_offering_name")?,
            src_resource_uuid: fields.uuid("src_resource_uuid")?,
            src_resource_name: fields.text("src_resource_name")?,
            dst_resource_uuid: fields.uuid("dst_resource_uuid")?,
            dst_resource_name: fields.text("dst_resource_name")?,
            dst_resource_state: fields.required("dst_resource_state", ResourceState::decode)?,
            state: fields.required("state", MigrationState::decode)?,
            error_message: fields.text("error_message")?,
            error_traceback: fields.text("error_traceback")?,
        })
    }
}

impl ToJson for MigrationDetails {
    /// The current wire shape: 32-hex uuids, upper-case `state`, dates in UTC with `Z`.
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .string_member("uuid", &uuid_to_hex(&self.uuid))
            .member("created", &self.created)
            .member("modified", &self.modified)
            .member("mappings", &self.mappings)
            .string_member("created_by_uuid", &uuid_to_hex(&self.created_by_uuid))
            .string_member("created_by_full_name", &self.created_by_full_name)
            .string_member("src_offering_uuid", &uuid_to_hex(&self.src_offering_uuid))
            .string_member("src_offering_name", &self.src_offering_name)
            .string_member("dst_offering_uuid", &uuid_to_hex(&self.dst_offering_uuid))
            .string_member("dst_offering_name", &self.dst_offering_name)
            .string_member("src_resource_uuid", &uuid_to_hex(&self.src_resource_uuid))
            .string_member("src_resource_name", &self.src_resource_name)
            .string_member("dst_resource_uuid", &uuid_to_hex(&self.dst_resource_uuid))
            .string_member("dst_resource_name", &self.dst_resource_name)
            .member("dst_resource_state", &self.dst_resource_state)
            .member("state", &self.state)
            .string_member("error_message", &self.error_message)
            .string_member("error_traceback", &self.error_traceback)
            .end_object();
    }
}

impl Decode for MigrationCreate {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(MigrationCreate { mappings: fields.nested("mappings")?, src_resource: fields.uuid("src_resource")? })
    }
}

impl ToJson for MigrationCreate {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .member("mappings", &self.mappings)
            .string_member("src_resource", &uuid_to_hex(&self.src_resource))
            .end_object();
    }
}

impl Decode for MigrationCreateRequest {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(MigrationCreateRequest {
            src_resource: fields.text("src_resource")?,
            dst_offering: fields.text("dst_offering")?,
            dst_plan: fields.text("dst_plan")?,
            name: fields.opt_text("name")?,
            description: fields.opt_text("description")?,
            mappings: fields.optional("mappings", MappingRequest::decode)?,
        })
    }
}

impl ToJson for MigrationCreateRequest {
    /// What the server takes: `name`, `description` and `mappings` only when set (a
    /// `description` makes real servers answer 500, so it is never sent unasked).
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .string_member("src_resource", &self.src_resource)
            .string_member("dst_offering", &self.dst_offering)
            .string_member("dst_plan", &self.dst_plan);
        if let Some(name) = &self.name {
            out.string_member("name", name);
        }
        if let Some(description) = &self.description {
            out.string_member("description", description);
        }
        if let Some(mappings) = &self.mappings {
            out.member("mappings", mappings);
        }
        out.end_object();
    }
}

/// The three writable fields shared by PUT and PATCH bodies.
type Editable = (Option<MappingRequest>, Option<String>, Option<String>);

/// Reads the three writable fields shared by PUT and PATCH bodies.
fn editable(value: &Json) -> Result<Editable, Mismatch> {
    let fields = Fields::of(value)?;
    Ok((
        fields.optional("mappings", MappingRequest::decode)?,
        fields.opt_text("error_message")?,
        fields.opt_text("error_traceback")?,
    ))
}

/// Writes the fields of a PUT or PATCH body that are set.
fn write_editable(
    out: &mut JsonWriter,
    mappings: &Option<MappingRequest>,
    error_message: &Option<String>,
    error_traceback: &Option<String>,
) {
    out.begin_object();
    if let Some(mappings) = mappings {
        out.member("mappings", mappings);
    }
    if let Some(text) = error_message {
        out.string_member("error_message", text);
    }
    if let Some(text) = error_traceback {
        out.string_member("error_traceback", text);
    }
    out.end_object();
}

impl Decode for MigrationDetailsRequest {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let (mappings, error_message, error_traceback) = editable(value)?;
        Ok(MigrationDetailsRequest { mappings, error_message, error_traceback })
    }
}

impl ToJson for MigrationDetailsRequest {
    fn write_json(&self, out: &mut JsonWriter) {
        write_editable(out, &self.mappings, &self.error_message, &self.error_traceback);
    }
}

impl Decode for PatchedMigrationDetailsRequest {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let (mappings, error_message, error_traceback) = editable(value)?;
        Ok(PatchedMigrationDetailsRequest { mappings, error_message, error_traceback })
    }
}

impl ToJson for PatchedMigrationDetailsRequest {
    fn write_json(&self, out: &mut JsonWriter) {
        write_editable(out, &self.mappings, &self.error_message, &self.error_traceback);
    }
}
