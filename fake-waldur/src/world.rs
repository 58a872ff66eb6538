//! The world behind the API: users, clouds, offerings with plans, OpenStack tenants with their
//! volume types, networks and subnets, and the migrations. Generated deterministically from a
//! seed.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use std::collections::HashMap;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

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

/// Error texts of failed migrations, with the task traceback the real server stores.
const FAILURES: [(&str, &str); 3] = [
    (
        "Unable to create router: quota exceeded for resource router.",
        "waldur_openstack.openstack_base.exceptions.OpenStackBackendError: Quota exceeded for resources: ['router'].",
    ),
    (
        "Volume type ceph-replicated is not available in the destination cloud.",
        "waldur_openstack.openstack_base.exceptions.OpenStackBackendError: Volume type not found.",
    ),
    (
        "Timed out waiting for tenant network to become ACTIVE.",
        "waldur_core.core.exceptions.RuntimeStateException: Network did not become ACTIVE in 600 seconds.",
    ),
];

/// The traceback text for a failure.
pub fn traceback(last_line: &str) -> String {
    format!(
        "Traceback (most recent call last):\n  File \"/usr/src/waldur/src/waldur_core/core/tasks.py\", line 217, in run\n    return self.execute(instance, *args, **kwargs)\n  File \"/usr/src/waldur/src/waldur_openstack_replication/tasks.py\", line 88, in execute\n    backend.pull_and_create(migration)\n  File \"/usr/src/waldur/src/waldur_openstack/backend.py\", line 1342, in create_tenant_network\n    raise OpenStackBackendError(e)\n{last_line}\n"
    )
}

impl World {
    /// Builds the world: the catalogue, the two configured users and `items` migrations owned by
    /// the normal user.
    pub fn generate(seed: u64, items: usize, token: &str, staff_token: &str, step_ms: u64) -> World {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut id = || next_uuid(&mut rng);
        let now = OffsetDateTime::now_utc();

        let users = vec![
            User {
                uuid: id(),
                token: token.into(),
                username: "alice".into(),
                full_name: "Alice Lindqvist".into(),
                is_staff: false,
            },
            User {
                uuid: id(),
                token: staff_token.into(),
                username: "sam.staff".into(),
                full_name: "Sam Staff".into(),
                is_staff: true,
            },
            User {
                uuid: id(),
                token: hex_token(&mut id),
                username: "oskar".into(),
                full_name: "Oskar Tamm".into(),
                is_staff: false,
            },
        ];
        let clouds = vec![
            Cloud { settings_uuid: id(), name: "Tartu Cloud", provider: "University of Tartu" },
            Cloud { settings_uuid: id(), name: "Tallinn Cloud", provider: "TalTech HPC Centre" },
            Cloud { settings_uuid: id(), name: "Helsinki Cloud", provider: "CSC – IT Center for Science" },
        ];
        let plan = |id: &mut dyn FnMut() -> Uuid, name, archived, limit: Option<usize>, used| PlanRecord {
            uuid: id(),
            name,
            archived,
            limit,
            used,
        };
        let mut offerings = Vec::new();
        for (cloud_index, cloud) in clouds.iter().enumerate() {
            let plans = match cloud_index {
                0 => vec![plan(&mut id, "Standard", false, None, 0), plan(&mut id, "Large", false, None, 0)],
                1 => vec![
                    plan(&mut id, "Small (legacy)", true, None, 0),
                    plan(&mut id, "Medium", false, None, 0),
                    plan(&mut id, "Pilot", false, Some(3), 3),
                ],
                _ => vec![plan(&mut id, "Standard", false, None, 0), plan(&mut id, "GPU nodes", false, Some(40), 5)],
            };
            offerings.push(Offering {
                uuid: id(),
                name: format!("{} — OpenStack tenant", cloud.name),
                offering_type: "OpenStack.Tenant",
                cloud: Some(cloud_index),
                customer_name: cloud.provider,
                plans,
            });
        }
        offerings.push(Offering {
            uuid: id(),
            name: "Tallinn HPC — Slurm allocation".into(),
            offering_type: "SlurmInvoices.SlurmPackage",
            cloud: None,
            customer_name: "TalTech HPC Centre",
            plans: vec![plan(&mut id, "Default", false, None, 0)],
        });
        let projects = vec![
            Project { uuid: id(), name: "Genomics", customer_name: "University of Tartu", restricted: false },
            Project { uuid: id(), name: "Astrophysics", customer_name: "University of Tartu", restricted: false },
            Project { uuid: id(), name: "Climate Research", customer_name: "TalTech", restricted: false },
            Project { uuid: id(), name: "Finance", customer_name: "University of Tartu", restricted: false },
            Project { uuid: id(), name: "Physics Lab", customer_name: "TalTech", restricted: true },
        ];
        let limits = Some(vec![("cores", 64), ("ram", 262_144), ("storage", 2_048_000)]);
        let tenant_specs: [(&str, usize, usize, bool, bool); 12] = [
            // name, cloud, project, has limits, fails
            ("genomics-prod", 0, 0, true, false),
            ("genomics-staging", 0, 0, true, false),
            ("astro-archive", 0, 1, true, false),
            ("climate-models", 1, 2, true, false),
            ("ml-training", 0, 1, true, false),
            ("bioimaging-lab", 0, 0, true, false),
            ("hpc-gateway", 1, 2, true, false),
            ("digital-humanities", 0, 1, true, false),
            ("materials-sim", 1, 2, true, false),
            ("legacy-billing", 0, 3, true, true),
            ("sandbox-nolimits", 1, 2, false, false),
            ("physics-shared", 1, 4, true, false),
        ];
        let tenants: Vec<Tenant> = tenant_specs
            .iter()
            .enumerate()
            .map(|(index, (name, cloud, project, has_limits, fails))| Tenant {
                uuid: id(),
                tenant_uuid: id(),
                name: (*name).to_owned(),
                cloud: *cloud,
                offering: *cloud,
                project: *project,
                limits: if *has_limits { limits.clone() } else { None },
                fails: *fails,
                created: now - Duration::days(900 - 30 * index as i64),
                owner: None,
                origin: None,
            })
            .collect();
        let volume_type_specs: [(&str, &str); 4] = [
            ("ssd", "SSD-backed block storage"),
            ("hdd", "Spinning disks, large and cheap"),
            ("nvme", "Local NVMe, fastest"),
            ("ceph-replicated", "Ceph, 3 replicas"),
        ];
        let mut volume_types = Vec::new();
        for cloud in 0..clouds.len() {
            for (name, description) in volume_type_specs.iter().take(if cloud == 2 { 3 } else { 4 }) {
                volume_types.push(VolumeTypeRecord { uuid: id(), name, description, cloud });
            }
        }
        let mut networks = Vec::new();
        for (index, tenant) in tenants.iter().enumerate() {
            let count = 1 + index % 3;
            for n in 0..count {
                let net_name =
                    if n == 0 { format!("{}-int-net", tenant.name) } else { format!("{}-net-{n}", tenant.name) };
                let subnets = (0..(1 + (index + n) % 2))
                    .map(|s| SubnetRecord {
                        uuid: id(),
                        name: format!("{net_name}-sub-{}", s + 1),
                        cidr: if (index + s) % 2 == 0 {
                            format!("10.{}.{}.0/24", index + 1, n * 10 + s)
                        } else {
                            format!("192.168.{}.0/24", (index * 10 + n * 3 + s) % 250)
                        },
                    })
                    .collect();
                networks.push(NetworkRecord { uuid: id(), name: net_name, tenant: index, subnets });
            }
        }
        let mut world = World {
            rng,
            users,
            clouds,
            offerings,
            projects,
            tenants,
            volume_types,
            networks,
            migrations: Vec::new(),
            by_uuid: HashMap::new(),
            step_ms,
        };
        let alice = world.users[0].uuid;
        let oskar = world.users[2].uuid;
        world.seed_migrations(alice, items, now);
        world.seed_migrations(oskar, 3, now - Duration::days(2));
        world.migrations.sort_by_key(|m| m.created);
        world.reindex();
        world
    }

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

    /// Adds `count` migrations by `owner`, spread over the past year and a half, the newest two
    /// still running (they progress while the server runs).
    pub fn seed_migrations(&mut self, owner: Uuid, count: usize, now: OffsetDateTime) {
        let span_minutes: i64 = 60 * 24 * 540;
        let migratable: Vec<usize> = (0..self.tenants.len())
            .filter(|&t| {
                let tenant = &self.tenants[t];
                tenant.owner.is_none() && tenant.limits.is_some() && !self.projects[tenant.project].restricted
            })
            .collect();
        for index in 0..count {
            let src = migratable[self.rng.random_range(0..migratable.len())];
            let src_cloud = self.tenants[src].cloud;
            let dst_offering = loop {
                let candidate = self.rng.random_range(0..3);
                if candidate != src_cloud {
                    break candidate;
                }
            };
            let usable: Vec<usize> = self.offerings[dst_offering]
                .plans
                .iter()
                .enumerate()
                .filter(|(_, plan)| !plan.archived)
                .map(|(i, _)| i)
                .collect();
            let dst_plan = usable[self.rng.random_range(0..usable.len())];
            let age = span_minutes * (count - index) as i64 / count.max(1) as i64;
            let jitter = self.rng.random_range(0..=30);
            let created =
                now - Duration::minutes(age + jitter) - Duration::microseconds(self.rng.random_range(0..1_000_000));
            let running = count - index <= 2 && count >= 5;
            let tenant = &self.tenants[src];
            let fails = tenant.fails || self.rng.random_range(0..100) < 12;
            let name = match self.rng.random_range(0..4) {
                0 => format!(
                    "{}-{}",
                    tenant.name,
                    self.clouds[dst_offering].name.split(' ').next().unwrap_or("dst").to_lowercase()
                ),
                _ => tenant.name.clone(),
            };
            let mappings = self.random_mappings(src, dst_offering);
            let (progress, modified, error_message, error_traceback) = if running {
                (Progress::Running { started: now, fails }, now, String::new(), String::new())
            } else {
                let modified = created + Duration::seconds(self.rng.random_range(40..900));
                if fails {
                    let (message, last) = FAILURES[self.rng.random_range(0..FAILURES.len())];
                    (
                        Progress::Settled { state: "ERRED", dst_state: "Erred", modified },
                        modified,
                        message.to_owned(),
                        traceback(last),
                    )
                } else {
                    let dst_state = if self.rng.random_range(0..10) == 0 { "Terminated" } else { "OK" };
                    (Progress::Settled { state: "OK", dst_state, modified }, modified, String::new(), String::new())
                }
            };
            let uuid = next_uuid(&mut self.rng);
            let dst_resource_uuid = self.add_destination(src, dst_offering, &name, owner, uuid, created);
            self.migrations.push(Migration {
                uuid,
                created,
                modified,
                created_by: owner,
                src,
                dst_offering,
                dst_plan,
                dst_resource_uuid,
                name,
                mappings,
                error_message,
                error_traceback,
                progress,
            });
        }
    }

    fn random_mappings(&mut self, src: usize, dst_offering: usize) -> Value {
        let src_cloud = self.tenants[src].cloud;
        let dst_cloud = self.offerings[dst_offering].cloud.unwrap_or(0);
        let src_types: Vec<Uuid> = self.volume_types.iter().filter(|v| v.cloud == src_cloud).map(|v| v.uuid).collect();
        let dst_types: Vec<Uuid> = self.volume_types.iter().filter(|v| v.cloud == dst_cloud).map(|v| v.uuid).collect();
        let mut mappings = serde_json::Map::new();
        let pairs = self.rng.random_range(0..3).min(src_types.len()).min(dst_types.len());
        if pairs > 0 {
            let volume_types: Vec<Value> = (0..pairs)
                .map(|i| json!({"src_type_uuid": src_types[i].hyphenated().to_string(), "dst_type_uuid": dst_types[(i + 1) % dst_types.len()].hyphenated().to_string()}))
                .collect();
            mappings.insert("volume_types".into(), Value::Array(volume_types));
        }
        let subnets: Vec<Value> = self
            .networks
            .iter()
            .filter(|n| n.tenant == src)
            .flat_map(|n| n.subnets.iter())
            .take(self.rng.random_range(0..3))
            .enumerate()
            .map(|(i, s)| json!({"src_cidr": s.cidr, "dst_cidr": format!("192.168.{}.0/24", 100 + i)}))
            .collect();
        let has_subnets = !subnets.is_empty();
        if has_subnets {
            mappings.insert("subnets".into(), Value::Array(subnets));
        }
        mappings.insert("skip_connection_extnet".into(), Value::Bool(self.rng.random_range(0..4) == 0));
        mappings.insert("sync_instance_ports".into(), Value::Bool(!has_subnets && self.rng.random_range(0..3) == 0));
        Value::Object(mappings)
    }

    /// Moves running migrations whose time is up to OK or ERRED.
    pub fn settle(&mut self, now: OffsetDateTime) {
        let step = Duration::milliseconds(i64::try_from(self.step_ms).unwrap_or(i64::MAX / 4));
        for (index, migration) in self.migrations.iter_mut().enumerate() {
            if let Progress::Running { started, fails } = migration.progress {
                let done_at = started + step * 2;
                if now >= done_at {
                    migration.modified = done_at;
                    if fails {
                        let (message, last) = FAILURES[index % FAILURES.len()];
                        migration.error_message = message.to_owned();
                        migration.error_traceback = traceback(last);
                        migration.progress =
                            Progress::Settled { state: "ERRED", dst_state: "Erred", modified: done_at };
                    } else {
                        migration.progress = Progress::Settled { state: "OK", dst_state: "OK", modified: done_at };
                    }
                }
            }
        }
    }

    /// The state, destination resource state and modification time now.
    pub fn status_of(
        &self,
        migration: &Migration,
        now: OffsetDateTime,
    ) -> (&'static str, &'static str, OffsetDateTime) {
        match migration.progress {
            Progress::Settled { state, dst_state, .. } => (state, dst_state, migration.modified),
            Progress::Running { started, .. } => {
                let step = Duration::milliseconds(i64::try_from(self.step_ms).unwrap_or(i64::MAX / 4));
                if now < started + step {
                    ("CREATION_SCHEDULED", "Creating", migration.modified)
                } else {
                    ("CREATING", "Creating", migration.modified.max(started + step))
                }
            }
        }
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
