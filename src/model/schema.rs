//! The response models as data: which members each has and what each holds. The JS bindings
//! normalise what the engine parsed by walking these tables (one interpreter instead of a
//! decoder and an encoder per model), calling the same rules as the typed decoders
//! ([`super::decode`]): uuids in either spelling, dates with `Z` or `+00:00`, both state
//! spellings, `null` for defaults. `tests/schema.rs` keeps the tables and the types in step.

/// What a member holds, and how a missing or `null` one reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A uuid, required; written as 32 hex digits.
    Uuid,
    /// A uuid or `null` (absent reads as `null`).
    OptionalUuid,
    /// An RFC 3339 date-time, required; written in UTC with `Z`.
    Date,
    /// A string; absent or `null` reads as `""`.
    Text,
    /// A boolean; absent or `null` reads as `false`.
    Flag,
    /// A migration state in either spelling, required; written upper-case.
    MigrationState,
    /// A marketplace resource state, required; written as the server spells it.
    ResourceState,
    /// An object of numbers; other members are dropped, absent or `null` reads as `{}`.
    Numbers,
    /// An object; absent or `null` reads as the object of its defaults.
    Object(&'static [Member]),
    /// An array of objects; absent or `null` reads as `[]`.
    Objects(&'static [Member]),
    /// An array of objects, left out when absent, `null` or empty (as the server writes
    /// `mappings.volume_types`).
    SparseObjects(&'static [Member]),
    /// An array of uuids, left out when absent, `null` or empty.
    SparseUuids,
}

/// One member of an object.
pub type Member = (&'static str, Shape);

/// `VolumeTypeMapping`.
pub const VOLUME_TYPE_MAPPING: &[Member] = &[("src_type_uuid", Shape::Uuid), ("dst_type_uuid", Shape::Uuid)];

/// `SubNetMapping`.
pub const SUBNET_MAPPING: &[Member] = &[("src_cidr", Shape::Text), ("dst_cidr", Shape::Text)];

/// `Mapping`.
pub const MAPPING: &[Member] = &[
    ("volume_types", Shape::SparseObjects(VOLUME_TYPE_MAPPING)),
    ("subnets", Shape::SparseObjects(SUBNET_MAPPING)),
    ("skip_connection_extnet", Shape::Flag),
    ("sync_instance_ports", Shape::Flag),
    ("networks", Shape::SparseUuids),
];

/// `MigrationDetails`.
pub const MIGRATION_DETAILS: &[Member] = &[
    ("uuid", Shape::Uuid),
    ("created", Shape::Date),
    ("modified", Shape::Date),
    ("mappings", Shape::Object(MAPPING)),
    ("created_by_uuid", Shape::Uuid),
    ("created_by_full_name", Shape::Text),
    ("src_offering_uuid", Shape::Uuid),
    ("src_offering_name", Shape::Text),
    ("dst_offering_uuid", Shape::Uuid),
    ("dst_offering_name", Shape::Text),
    ("src_resource_uuid", Shape::Uuid),
    ("src_resource_name", Shape::Text),
    ("dst_resource_uuid", Shape::Uuid),
    ("dst_resource_name", Shape::Text),
    ("dst_resource_state", Shape::ResourceState),
    ("state", Shape::MigrationState),
    ("error_message", Shape::Text),
    ("error_traceback", Shape::Text),
];

/// `MigrationCreate`, the 201 body as documented.
pub const MIGRATION_CREATE: &[Member] = &[("mappings", Shape::Object(MAPPING)), ("src_resource", Shape::Uuid)];

/// `SourceResource`.
pub const SOURCE_RESOURCE: &[Member] = &[
    ("uuid", Shape::Uuid),
    ("name", Shape::Text),
    ("resource_uuid", Shape::OptionalUuid),
    ("offering_name", Shape::Text),
    ("project_name", Shape::Text),
    ("customer_name", Shape::Text),
    ("customer_uuid", Shape::OptionalUuid),
    ("state", Shape::Text),
    ("limits", Shape::Numbers),
];

/// `Plan`.
pub const PLAN: &[Member] = &[("uuid", Shape::Uuid), ("name", Shape::Text), ("archived", Shape::Flag)];

/// `DestinationOffering`.
pub const DESTINATION_OFFERING: &[Member] = &[
    ("uuid", Shape::Uuid),
    ("name", Shape::Text),
    ("customer_name", Shape::Text),
    ("scope_uuid", Shape::OptionalUuid),
    ("plans", Shape::Objects(PLAN)),
];

/// `VolumeType`.
pub const VOLUME_TYPE: &[Member] = &[("uuid", Shape::Uuid), ("name", Shape::Text), ("description", Shape::Text)];

/// `NestedSubnet`.
pub const NESTED_SUBNET: &[Member] = &[("uuid", Shape::Uuid), ("name", Shape::Text), ("cidr", Shape::Text)];

/// `Network`.
pub const NETWORK: &[Member] =
    &[("uuid", Shape::Uuid), ("name", Shape::Text), ("subnets", Shape::Objects(NESTED_SUBNET))];

/// `Subnet`.
pub const SUBNET: &[Member] =
    &[("uuid", Shape::Uuid), ("name", Shape::Text), ("cidr", Shape::Text), ("network_name", Shape::Text)];
