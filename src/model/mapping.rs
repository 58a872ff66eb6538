//! `mappings`: how volume types, subnets and networks of the source tenant map to the destination.

use super::wire::{null_as_default, uuid_hex, uuid_hex_list};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Mappings as the server returns them (`Mapping` in the schema).
///
/// `volume_types` and `subnets` are only sent when stored and read as empty otherwise; `networks`
/// is never returned by the real server. A `null` or missing `mappings` reads as the default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Mapping {
    /// Source volume type -> destination volume type pairs.
    #[serde(default, deserialize_with = "null_as_default", skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<VolumeTypeMapping>>", optional))]
    pub volume_types: Vec<VolumeTypeMapping>,
    /// Source subnet CIDR -> destination subnet CIDR pairs.
    #[serde(default, deserialize_with = "null_as_default", skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<SubNetMapping>>", optional))]
    pub subnets: Vec<SubNetMapping>,
    /// Do not connect the destination router to the external network.
    #[serde(default, deserialize_with = "null_as_default")]
    pub skip_connection_extnet: bool,
    /// Copy the ports connected to instances.
    #[serde(default, deserialize_with = "null_as_default")]
    pub sync_instance_ports: bool,
    /// Source networks to migrate (accepted by the server on create, never returned by it).
    #[serde(default, with = "uuid_hex_list", skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub networks: Vec<Uuid>,
}

/// One volume type pair (`VolumeTypeMapping`). Read in either uuid spelling (the server sends
/// these hyphenated), written as 32-hex.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VolumeTypeMapping {
    /// Volume type of the source tenant.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub src_type_uuid: Uuid,
    /// Volume type of the destination cloud.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub dst_type_uuid: Uuid,
}

/// One subnet pair (`SubNetMapping`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SubNetMapping {
    /// CIDR of the source subnet.
    #[serde(default, deserialize_with = "null_as_default")]
    pub src_cidr: String,
    /// CIDR the subnet gets in the destination.
    #[serde(default, deserialize_with = "null_as_default")]
    pub dst_cidr: String,
}

/// Mappings as sent in a request (`MappingRequest`): uuids and CIDRs as the user typed them, so
/// [`crate::validate`] can name what is wrong with the server's own texts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct MappingRequest {
    /// Source volume type -> destination volume type pairs.
    #[serde(deserialize_with = "null_as_default", skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<VolumeTypeMappingRequest>>", optional))]
    pub volume_types: Vec<VolumeTypeMappingRequest>,
    /// Source subnet CIDR -> destination subnet CIDR pairs.
    #[serde(deserialize_with = "null_as_default", skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<SubNetMappingRequest>>", optional))]
    pub subnets: Vec<SubNetMappingRequest>,
    /// Do not connect the destination router to the external network.
    #[serde(deserialize_with = "null_as_default")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub skip_connection_extnet: bool,
    /// Copy the ports connected to instances (not together with subnet mappings).
    #[serde(deserialize_with = "null_as_default")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub sync_instance_ports: bool,
    /// Uuids of the source tenant's networks to migrate.
    #[serde(deserialize_with = "null_as_default", skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub networks: Vec<String>,
}

/// One volume type pair in a request (`VolumeTypeMappingRequest`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct VolumeTypeMappingRequest {
    /// Volume type uuid of the source tenant.
    #[serde(deserialize_with = "null_as_default")]
    pub src_type_uuid: String,
    /// Volume type uuid of the destination cloud.
    #[serde(deserialize_with = "null_as_default")]
    pub dst_type_uuid: String,
}

/// One subnet pair in a request (`SubNetMappingRequest`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct SubNetMappingRequest {
    /// CIDR of the source subnet.
    #[serde(deserialize_with = "null_as_default")]
    pub src_cidr: String,
    /// CIDR the subnet gets in the destination: a private `/24`.
    #[serde(deserialize_with = "null_as_default")]
    pub dst_cidr: String,
}

impl From<&Mapping> for MappingRequest {
    /// The request that stores these mappings again (for editing what the server returned).
    fn from(mapping: &Mapping) -> Self {
        MappingRequest {
            volume_types: mapping
                .volume_types
                .iter()
                .map(|pair| VolumeTypeMappingRequest {
                    src_type_uuid: super::wire::uuid_to_hex(&pair.src_type_uuid),
                    dst_type_uuid: super::wire::uuid_to_hex(&pair.dst_type_uuid),
                })
                .collect(),
            subnets: mapping
                .subnets
                .iter()
                .map(|pair| SubNetMappingRequest { src_cidr: pair.src_cidr.clone(), dst_cidr: pair.dst_cidr.clone() })
                .collect(),
            skip_connection_extnet: mapping.skip_connection_extnet,
            sync_instance_ports: mapping.sync_instance_ports,
            networks: mapping.networks.iter().map(super::wire::uuid_to_hex).collect(),
        }
    }
}
