//! `mappings`: how volume types, subnets and networks of the source tenant map to the destination.

use crate::prelude::*;

use super::decode::{Decode, Fields, Mismatch};
use super::wire::uuid_to_hex;
use crate::json::{Json, JsonWriter, ToJson};
use uuid::Uuid;

/// Mappings as the server returns them (`Mapping` in the schema).
///
/// `volume_types` and `subnets` are only sent when stored and read as empty otherwise; `networks`
/// is never returned by the real server. A `null` or missing `mappings` reads as the default.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Mapping {
    /// Source volume type -> destination volume type pairs.
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<VolumeTypeMapping>>", optional))]
    pub volume_types: Vec<VolumeTypeMapping>,
    /// Source subnet CIDR -> destination subnet CIDR pairs.
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<SubNetMapping>>", optional))]
    pub subnets: Vec<SubNetMapping>,
    /// Do not connect the destination router to the external network.
    pub skip_connection_extnet: bool,
    /// Copy the ports connected to instances.
    pub sync_instance_ports: bool,
    /// Source networks to migrate (accepted by the server on create, never returned by it).
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub networks: Vec<Uuid>,
}

/// One volume type pair (`VolumeTypeMapping`). Read in either uuid spelling (the server sends
/// these hyphenated), written as 32-hex.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VolumeTypeMapping {
    /// Volume type of the source tenant.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub src_type_uuid: Uuid,
    /// Volume type of the destination cloud.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub dst_type_uuid: Uuid,
}

/// One subnet pair (`SubNetMapping`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SubNetMapping {
    /// CIDR of the source subnet.
    pub src_cidr: String,
    /// CIDR the subnet gets in the destination.
    pub dst_cidr: String,
}

/// Mappings as sent in a request (`MappingRequest`): uuids and CIDRs as the user typed them, so
/// [`crate::validate`] can name what is wrong with the server's own texts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MappingRequest {
    /// Source volume type -> destination volume type pairs.
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<VolumeTypeMappingRequest>>", optional))]
    pub volume_types: Vec<VolumeTypeMappingRequest>,
    /// Source subnet CIDR -> destination subnet CIDR pairs.
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<SubNetMappingRequest>>", optional))]
    pub subnets: Vec<SubNetMappingRequest>,
    /// Do not connect the destination router to the external network.
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub skip_connection_extnet: bool,
    /// Copy the ports connected to instances (not together with subnet mappings).
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub sync_instance_ports: bool,
    /// Uuids of the source tenant's networks to migrate.
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub networks: Vec<String>,
}

/// One volume type pair in a request (`VolumeTypeMappingRequest`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VolumeTypeMappingRequest {
    /// Volume type uuid of the source tenant.
    pub src_type_uuid: String,
    /// Volume type uuid of the destination cloud.
    pub dst_type_uuid: String,
}

/// One subnet pair in a request (`SubNetMappingRequest`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SubNetMappingRequest {
    /// CIDR of the source subnet.
    pub src_cidr: String,
    /// CIDR the subnet gets in the destination: a private `/24`.
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
                    src_type_uuid: uuid_to_hex(&pair.src_type_uuid),
                    dst_type_uuid: uuid_to_hex(&pair.dst_type_uuid),
                })
                .collect(),
            subnets: mapping
                .subnets
                .iter()
                .map(|pair| SubNetMappingRequest { src_cidr: pair.src_cidr.clone(), dst_cidr: pair.dst_cidr.clone() })
                .collect(),
            skip_connection_extnet: mapping.skip_connection_extnet,
            sync_instance_ports: mapping.sync_instance_ports,
            networks: mapping.networks.iter().map(uuid_to_hex).collect(),
        }
    }
}

impl Decode for Mapping {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(Mapping {
            volume_types: fields.list("volume_types")?,
            subnets: fields.list("subnets")?,
            skip_connection_extnet: fields.flag("skip_connection_extnet")?,
            sync_instance_ports: fields.flag("sync_instance_ports")?,
            networks: fields.list("networks")?,
        })
    }
}

/// The mapping shape the server returns and takes: lists only when not empty, both flags always.
fn write_mapping<V: ToJson, S: ToJson>(
    out: &mut JsonWriter,
    volume_types: &Vec<V>,
    subnets: &Vec<S>,
    flags: (bool, bool),
    networks: &Vec<String>,
) {
    out.begin_object();
    if !volume_types.is_empty() {
        out.member("volume_types", volume_types);
    }
    if !subnets.is_empty() {
        out.member("subnets", subnets);
    }
    out.bool_member("skip_connection_extnet", flags.0);
    out.bool_member("sync_instance_ports", flags.1);
    if !networks.is_empty() {
        out.member("networks", networks);
    }
    out.end_object();
}

impl ToJson for Mapping {
    /// The server's shape, with 32-hex uuids.
    fn write_json(&self, out: &mut JsonWriter) {
        let networks = self.networks.iter().map(uuid_to_hex).collect();
        let flags = (self.skip_connection_extnet, self.sync_instance_ports);
        write_mapping(out, &self.volume_types, &self.subnets, flags, &networks);
    }
}

impl Decode for VolumeTypeMapping {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(VolumeTypeMapping {
            src_type_uuid: fields.uuid("src_type_uuid")?,
            dst_type_uuid: fields.uuid("dst_type_uuid")?,
        })
    }
}

impl ToJson for VolumeTypeMapping {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .string_member("src_type_uuid", &uuid_to_hex(&self.src_type_uuid))
            .string_member("dst_type_uuid", &uuid_to_hex(&self.dst_type_uuid))
            .end_object();
    }
}

impl Decode for SubNetMapping {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(SubNetMapping { src_cidr: fields.text("src_cidr")?, dst_cidr: fields.text("dst_cidr")? })
    }
}

impl ToJson for SubNetMapping {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .string_member("src_cidr", &self.src_cidr)
            .string_member("dst_cidr", &self.dst_cidr)
            .end_object();
    }
}

impl Decode for MappingRequest {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(MappingRequest {
            volume_types: fields.list("volume_types")?,
            subnets: fields.list("subnets")?,
            skip_connection_extnet: fields.flag("skip_connection_extnet")?,
            sync_instance_ports: fields.flag("sync_instance_ports")?,
            networks: fields.list("networks")?,
        })
    }
}

impl ToJson for MappingRequest {
    fn write_json(&self, out: &mut JsonWriter) {
        let flags = (self.skip_connection_extnet, self.sync_instance_ports);
        write_mapping(out, &self.volume_types, &self.subnets, flags, &self.networks);
    }
}

impl Decode for VolumeTypeMappingRequest {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(VolumeTypeMappingRequest {
            src_type_uuid: fields.text("src_type_uuid")?,
            dst_type_uuid: fields.text("dst_type_uuid")?,
        })
    }
}

impl ToJson for VolumeTypeMappingRequest {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .string_member("src_type_uuid", &self.src_type_uuid)
            .string_member("dst_type_uuid", &self.dst_type_uuid)
            .end_object();
    }
}

impl Decode for SubNetMappingRequest {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(SubNetMappingRequest { src_cidr: fields.text("src_cidr")?, dst_cidr: fields.text("dst_cidr")? })
    }
}

impl ToJson for SubNetMappingRequest {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .string_member("src_cidr", &self.src_cidr)
            .string_member("dst_cidr", &self.dst_cidr)
            .end_object();
    }
}
