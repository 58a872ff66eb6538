//! Typed models of the migrations API and the lookups its create form needs.
//!
//! Names and fields follow the OpenAPI schema (Waldur 8.0.5); decoding accepts what real servers
//! send where it differs (see `spec/waldur-api.md`). Each model reads itself from parsed JSON
//! ([`Decode`]) and writes itself in the current wire shape ([`crate::json::ToJson`]).

pub mod decode;
mod lookups;
mod mapping;
mod migration;
pub mod schema;
mod state;
mod text_map;
mod time;
pub mod wire;

pub use decode::{Decode, Mismatch};
pub use lookups::{CurrentUser, DestinationOffering, NestedSubnet, Network, Plan, SourceResource, Subnet, VolumeType};
pub use mapping::{
    Mapping, MappingRequest, SubNetMapping, SubNetMappingRequest, VolumeTypeMapping, VolumeTypeMappingRequest,
};
pub use migration::{
    CreatedMigration, MigrationCreate, MigrationCreateRequest, MigrationDetails, MigrationDetailsRequest,
    PatchedMigrationDetailsRequest,
};
pub use state::{MigrationState, ResourceState};
pub use text_map::TextMap;
pub use time::Timestamp;
pub use uuid::Uuid;
