//! Items of the list endpoints the create form uses for its pickers. Every field but `uuid`
//! may be left out by `field=` selection, so each reads as its default when absent or `null`.

use super::wire::{null_as_default, uuid_hex};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// A source tenant: a marketplace resource of type `OpenStack.Tenant`
/// (`GET /api/marketplace-resources/?offering_type=OpenStack.Tenant`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceResource {
    /// The marketplace resource: what `src_resource` takes.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// The OpenStack tenant behind it: what the volume type, network and subnet lookups filter by.
    #[serde(default, with = "optional_uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub resource_uuid: Option<Uuid>,
    /// Name of its offering.
    #[serde(default, deserialize_with = "null_as_default")]
    pub offering_name: String,
    /// Its project.
    #[serde(default, deserialize_with = "null_as_default")]
    pub project_name: String,
    /// Its organisation.
    #[serde(default, deserialize_with = "null_as_default")]
    pub customer_name: String,
    /// Marketplace resource state (`OK`, `Erred`, ...).
    #[serde(default, deserialize_with = "null_as_default")]
    pub state: String,
    /// Quota limits (`cores`, `ram`, `storage`, ...); empty when none are set, which the server
    /// rejects as a migration source.
    #[serde(default, deserialize_with = "numeric_map")]
    pub limits: BTreeMap<String, f64>,
}

/// A destination offering of type `OpenStack.Tenant`
/// (`GET /api/marketplace-public-offerings/?type=OpenStack.Tenant`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DestinationOffering {
    /// What `dst_offering` takes.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// The organisation offering it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub customer_name: String,
    /// Service settings of the target cloud: what the destination volume types filter by.
    #[serde(default, with = "optional_uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub scope_uuid: Option<Uuid>,
    /// Its plans, in the server's order.
    #[serde(default, deserialize_with = "null_as_default")]
    pub plans: Vec<Plan>,
}

impl DestinationOffering {
    /// The label the upstream UI uses: `"<name> | <customer_name>"`.
    pub fn label(&self) -> String {
        if self.customer_name.is_empty() {
            self.name.clone()
        } else {
            format!("{} | {}", self.name, self.customer_name)
        }
    }

    /// The plan a form preselects: the first one not archived.
    pub fn default_plan(&self) -> Option<&Plan> {
        self.plans.iter().find(|plan| !plan.archived)
    }
}

/// A plan of an offering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Plan {
    /// What `dst_plan` takes.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Archived plans take no new orders.
    #[serde(default, deserialize_with = "null_as_default")]
    pub archived: bool,
}

/// An OpenStack volume type (`GET /api/openstack-volume-types/`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VolumeType {
    /// What the volume type mappings take.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name (`ssd`, `hdd`, ...).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Its description.
    #[serde(default, deserialize_with = "null_as_default")]
    pub description: String,
}

/// A network of the source tenant (`GET /api/openstack-networks/`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Network {
    /// What `mappings.networks` takes.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Its subnets.
    #[serde(default, deserialize_with = "null_as_default")]
    pub subnets: Vec<NestedSubnet>,
}

/// A subnet as nested in a [`Network`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NestedSubnet {
    /// Identifier.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Its CIDR.
    #[serde(default, deserialize_with = "null_as_default")]
    pub cidr: String,
}

/// A subnet of the source tenant (`GET /api/openstack-subnets/`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Subnet {
    /// Identifier.
    #[serde(with = "uuid_hex")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Its CIDR: what `mappings.subnets[].src_cidr` takes.
    #[serde(default, deserialize_with = "null_as_default")]
    pub cidr: String,
    /// Name of its network.
    #[serde(default, deserialize_with = "null_as_default")]
    pub network_name: String,
}

/// `#[serde(with = "optional_uuid_hex")]`: an optional uuid, `null` or absent as `None`.
mod optional_uuid_hex {
    use super::*;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(id: &Option<Uuid>, serializer: S) -> Result<S::Ok, S::Error> {
        match id {
            Some(id) => serializer.serialize_str(&super::super::wire::uuid_to_hex(id)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Uuid>, D::Error> {
        #[derive(Deserialize)]
        struct Id(#[serde(with = "uuid_hex")] Uuid);
        Ok(Option::<Id>::deserialize(deserializer)?.map(|id| id.0))
    }
}

/// Reads an object of numbers, skipping entries that are not numbers; `null` is empty.
fn numeric_map<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, f64>, D::Error> {
    let raw = Option::<BTreeMap<String, serde_json::Value>>::deserialize(deserializer)?;
    Ok(raw
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(key, value)| value.as_f64().map(|number| (key, number)))
        .collect())
}
