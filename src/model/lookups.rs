//! Items of the list endpoints the create form uses for its pickers. Every field but `uuid`
//! may be left out by `field=` selection, so each reads as its default when absent or `null`.

use crate::prelude::*;

use super::decode::{self, Decode, Fields, Mismatch};
use super::wire::uuid_to_hex;
use super::TextMap;
use crate::json::{Json, JsonWriter, ToJson};
use uuid::Uuid;

/// A source tenant: a marketplace resource of type `OpenStack.Tenant`
/// (`GET /api/marketplace-resources/?offering_type=OpenStack.Tenant`).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceResource {
    /// The marketplace resource: what `src_resource` takes.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name.
    pub name: String,
    /// The OpenStack tenant behind it: what the volume type, network and subnet lookups filter by.
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub resource_uuid: Option<Uuid>,
    /// Name of its offering.
    pub offering_name: String,
    /// Its project.
    pub project_name: String,
    /// Its organisation.
    pub customer_name: String,
    /// That organisation's uuid: the destination offerings it may order are filtered by it.
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub customer_uuid: Option<Uuid>,
    /// Marketplace resource state (`OK`, `Erred`, ...).
    pub state: String,
    /// Quota limits (`cores`, `ram`, `storage`, ...); empty when none are set, which the server
    /// rejects as a migration source.
    #[cfg_attr(feature = "ts", ts(as = "alloc::collections::BTreeMap<String, f64>"))]
    pub limits: TextMap<f64>,
}

/// A destination offering of type `OpenStack.Tenant`
/// (`GET /api/marketplace-public-offerings/?type=OpenStack.Tenant`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DestinationOffering {
    /// What `dst_offering` takes.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name.
    pub name: String,
    /// The organisation offering it.
    pub customer_name: String,
    /// Service settings of the target cloud: what the destination volume types filter by.
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub scope_uuid: Option<Uuid>,
    /// Its plans, in the server's order.
    pub plans: Vec<Plan>,
}

impl DestinationOffering {
    /// The label the upstream UI uses: `"<name> | <customer_name>"`.
    pub fn label(&self) -> String {
        if self.customer_name.is_empty() {
            self.name.clone()
        } else {
            let mut label = String::with_capacity(self.name.len() + self.customer_name.len() + 3);
            label.push_str(&self.name);
            label.push_str(" | ");
            label.push_str(&self.customer_name);
            label
        }
    }

    /// The plan a form preselects: the first one not archived.
    pub fn default_plan(&self) -> Option<&Plan> {
        self.plans.iter().find(|plan| !plan.archived)
    }
}

/// A plan of an offering.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Plan {
    /// What `dst_plan` takes.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name.
    pub name: String,
    /// Archived plans take no new orders.
    pub archived: bool,
}

/// An OpenStack volume type (`GET /api/openstack-volume-types/`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VolumeType {
    /// What the volume type mappings take.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name (`ssd`, `hdd`, ...).
    pub name: String,
    /// Its description.
    pub description: String,
}

/// A network of the source tenant (`GET /api/openstack-networks/`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Network {
    /// What `mappings.networks` takes.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name.
    pub name: String,
    /// Its subnets.
    pub subnets: Vec<NestedSubnet>,
}

/// A subnet as nested in a [`Network`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NestedSubnet {
    /// Identifier.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name.
    pub name: String,
    /// Its CIDR.
    pub cidr: String,
}

/// A subnet of the source tenant (`GET /api/openstack-subnets/`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Subnet {
    /// Identifier.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub uuid: Uuid,
    /// Its name.
    pub name: String,
    /// Its CIDR: what `mappings.subnets[].src_cidr` takes.
    pub cidr: String,
    /// Name of its network.
    pub network_name: String,
}

/// Reads an object of numbers, skipping entries that are not numbers; `null` is empty.
fn numeric_map(value: &Json) -> Result<TextMap<f64>, Mismatch> {
    match value.entries() {
        Some(entries) => Ok(entries.into_iter().filter_map(|(key, value)| Some((key, value.as_f64()?))).collect()),
        None => Err(Mismatch::new("an object of numbers", value)),
    }
}

fn write_opt_uuid(out: &mut JsonWriter, name: &str, id: &Option<Uuid>) {
    out.key(name);
    match id {
        Some(id) => out.string(&uuid_to_hex(id)),
        None => out.null(),
    };
}

impl Decode for SourceResource {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(SourceResource {
            uuid: fields.uuid("uuid")?,
            name: fields.text("name")?,
            resource_uuid: fields.optional("resource_uuid", decode::uuid)?,
            offering_name: fields.text("offering_name")?,
            project_name: fields.text("project_name")?,
            customer_name: fields.text("customer_name")?,
            customer_uuid: fields.optional("customer_uuid", decode::uuid)?,
            state: fields.text("state")?,
            limits: fields.or_default("limits", numeric_map)?,
        })
    }
}

impl ToJson for SourceResource {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object().string_member("uuid", &uuid_to_hex(&self.uuid)).string_member("name", &self.name);
        write_opt_uuid(out, "resource_uuid", &self.resource_uuid);
        out.string_member("offering_name", &self.offering_name)
            .string_member("project_name", &self.project_name)
            .string_member("customer_name", &self.customer_name);
        write_opt_uuid(out, "customer_uuid", &self.customer_uuid);
        out.string_member("state", &self.state).key("limits").begin_object();
        for (key, number) in &self.limits {
            out.key(key).f64(*number);
        }
        out.end_object().end_object();
    }
}

impl Decode for DestinationOffering {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(DestinationOffering {
            uuid: fields.uuid("uuid")?,
            name: fields.text("name")?,
            customer_name: fields.text("customer_name")?,
            scope_uuid: fields.optional("scope_uuid", decode::uuid)?,
            plans: fields.list("plans")?,
        })
    }
}

impl ToJson for DestinationOffering {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .string_member("uuid", &uuid_to_hex(&self.uuid))
            .string_member("name", &self.name)
            .string_member("customer_name", &self.customer_name);
        write_opt_uuid(out, "scope_uuid", &self.scope_uuid);
        out.member("plans", &self.plans).end_object();
    }
}

impl Decode for Plan {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(Plan { uuid: fields.uuid("uuid")?, name: fields.text("name")?, archived: fields.flag("archived")? })
    }
}

impl ToJson for Plan {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .string_member("uuid", &uuid_to_hex(&self.uuid))
            .string_member("name", &self.name)
            .bool_member("archived", self.archived)
            .end_object();
    }
}

impl Decode for VolumeType {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(VolumeType {
            uuid: fields.uuid("uuid")?,
            name: fields.text("name")?,
            description: fields.text("description")?,
        })
    }
}

impl ToJson for VolumeType {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .string_member("uuid", &uuid_to_hex(&self.uuid))
            .string_member("name", &self.name)
            .string_member("description", &self.description)
            .end_object();
    }
}

impl Decode for Network {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(Network { uuid: fields.uuid("uuid")?, name: fields.text("name")?, subnets: fields.list("subnets")? })
    }
}

impl ToJson for Network {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .string_member("uuid", &uuid_to_hex(&self.uuid))
            .string_member("name", &self.name)
            .member("subnets", &self.subnets)
            .end_object();
    }
}

impl Decode for NestedSubnet {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(NestedSubnet { uuid: fields.uuid("uuid")?, name: fields.text("name")?, cidr: fields.text("cidr")? })
    }
}

impl ToJson for NestedSubnet {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .string_member("uuid", &uuid_to_hex(&self.uuid))
            .string_member("name", &self.name)
            .string_member("cidr", &self.cidr)
            .end_object();
    }
}

impl Decode for Subnet {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(Subnet {
            uuid: fields.uuid("uuid")?,
            name: fields.text("name")?,
            cidr: fields.text("cidr")?,
            network_name: fields.text("network_name")?,
        })
    }
}

impl ToJson for Subnet {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object()
            .string_member("uuid", &uuid_to_hex(&self.uuid))
            .string_member("name", &self.name)
            .string_member("cidr", &self.cidr)
            .string_member("network_name", &self.network_name)
            .end_object();
    }
}

/// The signed-in user (`GET /api/users/me/`): who is asking, and whether they are staff or
/// support (who see every migration).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentUser {
    /// The user's uuid (`created_by_uuid` of their migrations).
    pub uuid: Uuid,
    /// Full name.
    pub full_name: String,
    /// Staff: sees and manages everything.
    pub is_staff: bool,
    /// Support: sees everything.
    pub is_support: bool,
}

impl Decode for CurrentUser {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(CurrentUser {
            uuid: fields.uuid("uuid")?,
            full_name: fields.text("full_name")?,
            is_staff: fields.flag("is_staff")?,
            is_support: fields.flag("is_support")?,
        })
    }
}
