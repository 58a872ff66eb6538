//! The world behind the API: users, clouds, offerings with plans, OpenStack tenants with their
//! volume types, networks and subnets, and the migrations (the records here; generated in
//! `seed.rs`, moved along in `simulate.rs`). Generated deterministically from a seed.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use std::collections::HashMap;
use time::OffsetDateTime;
use uuid::Uuid;

mod seed;
mod simulate;

pub use seed::traceback;

/// A user with an API token.
#[derive(Clone, Debug)]
pub struct User {
    pub uuid: Uuid,
    pub token: String,
    pub username: String,
    pub full_name: String,
    pub is_staff: bool,
}

/// An OpenStack cloud (its service settings).
#[derive(Clone, Debug)]
pub struct Cloud {
    pub settings_uuid: Uuid,
    pub name: &'static str,
    pub provider: &'static str,
}

/// A plan of an offering; `limit` is the number of resources it takes at most.
#[derive(Clone, Debug)]
pub struct PlanRecord {
    pub uuid: Uuid,
    pub name: &'static str,
    pub archived: bool,
    pub limit: Option<usize>,
    pub used: usize,
}

/// A public marketplace offering.
#[derive(Clone, Debug)]
pub struct Offering {
    pub uuid: Uuid,
    pub name: String,
    pub offering_type: &'static str,
    pub cloud: Option<usize>,
    pub customer_name: &'static str,
    pub plans: Vec<PlanRecord>,
    /// The one organisation that may order it; everyone when `None`.
    pub allowed_customer: Option<&'static str>,
}

impl Offering {
    /// True when `customer` (an organisation's name) may order it.
    pub fn orderable_by_customer(&self, customer: &str) -> bool {
        self.allowed_customer.is_none_or(|allowed| allowed == customer)
    }
}

/// An organisation.
#[derive(Clone, Debug)]
pub struct Customer {
    pub uuid: Uuid,
    pub name: &'static str,
}

/// A project; users approve orders in projects that are not `restricted`.
#[derive(Clone, Debug)]
pub struct Project {
    pub uuid: Uuid,
    pub name: &'static str,
    pub customer_name: &'static str,
    pub restricted: bool,
}

/// An OpenStack tenant as a marketplace resource.
#[derive(Clone, Debug)]
pub struct Tenant {
    /// The marketplace resource uuid (what `src_resource` takes).
    pub uuid: Uuid,
    /// The OpenStack tenant behind it (`resource_uuid`).
    pub tenant_uuid: Uuid,
    pub name: String,
    pub cloud: usize,
    pub offering: usize,
    pub project: usize,
    pub limits: Option<Vec<(&'static str, i64)>>,
    /// Migrations of this tenant fail (deterministically).
    pub fails: bool,
    pub created: OffsetDateTime,
    /// Who sees it besides staff: everybody (`None`, the seeded tenants) or the user whose
    /// migration created it.
    pub owner: Option<Uuid>,
    /// The migration that created it (a destination resource).
    pub origin: Option<Uuid>,
}

impl Tenant {
    /// True when `user` sees this resource.
    pub fn visible_to(&self, user: &User) -> bool {
        user.is_staff || self.owner.is_none_or(|owner| owner == user.uuid)
    }
}

/// A volume type of a cloud.
#[derive(Clone, Debug)]
pub struct VolumeTypeRecord {
    pub uuid: Uuid,
    pub name: &'static str,
    pub description: &'static str,
    pub cloud: usize,
}

/// A subnet of a tenant network.
#[derive(Clone, Debug)]
pub struct SubnetRecord {
    pub uuid: Uuid,
    pub name: String,
    pub cidr: String,
}

/// A network of a tenant.
#[derive(Clone, Debug)]
pub struct NetworkRecord {
    pub uuid: Uuid,
    pub name: String,
    pub tenant: usize,
    pub subnets: Vec<SubnetRecord>,
    /// A provider network every tenant of its cloud sees (left out by `direct_only=true`).
    pub shared: bool,
}

/// Where a migration is in its life.
#[derive(Clone, Debug)]
pub enum Progress {
    /// Running since `started`; ends ERRED when `fails`.
    Running { started: OffsetDateTime, fails: bool },
    /// Finished.
    Settled { state: &'static str, dst_state: &'static str, modified: OffsetDateTime },
}

/// A migration record.
#[derive(Clone, Debug)]
pub struct Migration {
    pub uuid: Uuid,
    pub created: OffsetDateTime,
    pub modified: OffsetDateTime,
    pub created_by: Uuid,
    pub src: usize,
    pub dst_offering: usize,
    pub dst_plan: usize,
    pub dst_resource_uuid: Uuid,
    pub name: String,
    /// Stored as the real server stores it (volume type uuids hyphenated).
    pub mappings: Value,
    pub error_message: String,
    pub error_traceback: String,
    pub progress: Progress,
}

/// Everything the server knows.
pub struct World {
    pub rng: StdRng,
    pub users: Vec<User>,
    pub clouds: Vec<Cloud>,
    pub offerings: Vec<Offering>,
    pub customers: Vec<Customer>,
    pub projects: Vec<Project>,
    pub tenants: Vec<Tenant>,
    pub volume_types: Vec<VolumeTypeRecord>,
    pub networks: Vec<NetworkRecord>,
    pub migrations: Vec<Migration>,
    /// Index of `migrations` by uuid.
    pub by_uuid: HashMap<Uuid, usize>,
    pub step_ms: u64,
}

/// A random version-4 uuid from the world's generator.
pub fn next_uuid(rng: &mut StdRng) -> Uuid {
    uuid::Builder::from_random_bytes(rng.random()).into_uuid()
}

impl World {
    /// Adds the destination resource a migration creates: a tenant in the destination cloud,
    /// named after the migration, seen by its creator. Returns its marketplace uuid.
    pub fn add_destination(
        &mut self,
        src: usize,
        dst_offering: usize,
        name: &str,
        owner: Uuid,
        migration: Uuid,
        created: OffsetDateTime,
    ) -> Uuid {
        let uuid = next_uuid(&mut self.rng);
        let tenant_uuid = next_uuid(&mut self.rng);
        let source = &self.tenants[src];
        let tenant = Tenant {
            uuid,
            tenant_uuid,
            name: name.to_owned(),
            cloud: self.offerings[dst_offering].cloud.unwrap_or(source.cloud),
            offering: dst_offering,
            project: source.project,
            limits: source.limits.clone(),
            fails: false,
            created,
            owner: Some(owner),
            origin: Some(migration),
        };
        self.tenants.push(tenant);
        uuid
    }

    /// Rebuilds the uuid index after the list order changed.
    pub fn reindex(&mut self) {
        self.by_uuid = self.migrations.iter().enumerate().map(|(index, m)| (m.uuid, index)).collect();
    }

    /// The organisations `user` orders for: those of every seeded project but the one no
    /// normal user is in (staff: all).
    pub fn customers_of(&self, user: &User) -> Vec<&'static str> {
        self.customers
            .iter()
            .filter(|c| user.is_staff || self.projects.iter().any(|p| p.customer_name == c.name))
            .map(|c| c.name)
            .collect()
    }

    /// True when `user` may order `offering` (what the create serializer's queryset keeps).
    pub fn orderable(&self, user: &User, offering: &Offering) -> bool {
        user.is_staff || self.customers_of(user).iter().any(|c| offering.orderable_by_customer(c))
    }

    /// An organisation by name.
    pub fn customer_named(&self, name: &str) -> Option<&Customer> {
        self.customers.iter().find(|c| c.name == name)
    }

    /// The user with this token.
    pub fn user_by_token(&self, token: &str) -> Option<&User> {
        self.users.iter().find(|user| user.token == token)
    }

    /// True when `user` may see `migration`.
    pub fn can_see(user: &User, migration: &Migration) -> bool {
        user.is_staff || migration.created_by == user.uuid
    }
}
/// A 40-hex API token from the world's generator.
pub fn hex_token(id: &mut dyn FnMut() -> Uuid) -> String {
    let mut token = id().simple().to_string();
    token.push_str(&id().simple().to_string()[..8]);
    token
}
