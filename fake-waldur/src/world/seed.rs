//! The generated world: the catalogue, the configured users, and seeded migrations.

use super::*;
use rand::Rng;
use time::Duration;

/// Error texts of failed migrations, with the task traceback the real server stores.
pub(super) const FAILURES: [(&str, &str); 3] = [
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
                allowed_customer: None,
            });
        }
        offerings.push(Offering {
            uuid: id(),
            name: "Tallinn HPC — Slurm allocation".into(),
            offering_type: "SlurmInvoices.SlurmPackage",
            cloud: None,
            customer_name: "TalTech HPC Centre",
            plans: vec![plan(&mut id, "Default", false, None, 0)],
            allowed_customer: None,
        });
        // A private offering only CSC may order: no normal user sees or may use it.
        offerings.push(Offering {
            uuid: id(),
            name: "Helsinki Cloud — private GPU tenant".into(),
            offering_type: "OpenStack.Tenant",
            cloud: Some(2),
            customer_name: "CSC – IT Center for Science",
            plans: vec![plan(&mut id, "Standard", false, None, 0)],
            allowed_customer: Some("CSC – IT Center for Science"),
        });
        let customers = ["University of Tartu", "TalTech", "CSC – IT Center for Science"]
            .into_iter()
            .map(|name| Customer { uuid: id(), name })
            .collect::<Vec<_>>();
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
                networks.push(NetworkRecord { uuid: id(), name: net_name, tenant: index, subnets, shared: false });
            }
        }
        // A provider network in each of the first two clouds, seen by every tenant there unless
        // the lookup asks for the tenant's own networks only (`direct_only=true`).
        for (cloud, record) in clouds.iter().enumerate().take(2) {
            if let Some(owner) = tenants.iter().position(|t| t.cloud == cloud) {
                let name = format!("public-ext ({})", record.name);
                let subnets = vec![SubnetRecord {
                    uuid: id(),
                    name: format!("{name}-sub"),
                    cidr: format!("193.40.{cloud}.0/24"),
                }];
                networks.push(NetworkRecord { uuid: id(), name, tenant: owner, subnets, shared: true });
            }
        }
        let mut world = World {
            rng,
            users,
            clouds,
            offerings,
            customers,
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

    /// Adds `count` migrations by `owner`, spread over the past year and a half, the newest two
    /// still running (they progress while the server runs).
    pub fn seed_migrations(&mut self, owner: Uuid, count: usize, now: OffsetDateTime) {
        let migratable: Vec<usize> = (0..self.tenants.len())
            .filter(|&t| {
                let tenant = &self.tenants[t];
                tenant.owner.is_none() && tenant.limits.is_some() && !self.projects[tenant.project].restricted
            })
            .collect();
        self.seed_from(owner, count, now, &migratable, &[]);
    }

    /// Adds `count` migrations by `owner` whose names are what real data can hold: hundreds of
    /// characters without a space, a bidi override, emoji, right-to-left scripts, nothing at all;
    /// their sources are tenants of `owner` named the same way.
    pub fn seed_edge_migrations(&mut self, owner: Uuid, count: usize, now: OffsetDateTime) {
        let long: String = "genomics-pipeline-".repeat(17);
        let names: Vec<String> = vec![
            long,
            "\u{202e}gpj.exe-tenant-\u{202c}".to_owned(),
            "🚀 genomics 🧬 → prod 🇪🇪".to_owned(),
            String::new(),
            "نقل بيانات الجينوم".to_owned(),
            "מעבר מערכת ארוך מאוד עם רווחים".to_owned(),
        ];
        let limits = Some(vec![("cores", 16), ("ram", 65_536), ("storage", 512_000)]);
        let mut sources = Vec::new();
        for (at, name) in names.iter().enumerate() {
            let tenant = Tenant {
                uuid: next_uuid(&mut self.rng),
                tenant_uuid: next_uuid(&mut self.rng),
                name: name.clone(),
                cloud: at % 2,
                offering: at % 2,
                project: 0,
                limits: limits.clone(),
                fails: false,
                created: now - Duration::days(400),
                owner: Some(owner),
                origin: None,
            };
            self.tenants.push(tenant);
            sources.push(self.tenants.len() - 1);
        }
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        self.seed_from(owner, count, now, &sources, &names);
    }

    /// Adds `count` migrations by `owner` from `sources`, named from `names` in turn (or after
    /// their source when `names` is empty).
    fn seed_from(&mut self, owner: Uuid, count: usize, now: OffsetDateTime, sources: &[usize], names: &[&str]) {
        let span_minutes: i64 = 60 * 24 * 540;
        for index in 0..count {
            let src = sources[self.rng.random_range(0..sources.len())];
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
            let name = match (names.get(index % names.len().max(1)), self.rng.random_range(0..4)) {
                (Some(name), _) => (*name).to_owned(),
                (None, 0) => format!(
                    "{}-{}",
                    tenant.name,
                    self.clouds[dst_offering].name.split(' ').next().unwrap_or("dst").to_lowercase()
                ),
                (None, _) => tenant.name.clone(),
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
}
