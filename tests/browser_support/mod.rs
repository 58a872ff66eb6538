//! Shared by the browser tests: the fake server's address, a fresh user per test, its faults and
//! wire style, and the ids of the seeded world.
#![allow(dead_code)]

#[cfg(feature = "ui")]
pub mod dom;
#[cfg(feature = "ui")]
pub mod mount;

use serde_json::{json, Value};
use std::collections::HashMap;
use waldur_migrations::endpoints::{CreateMigration, Endpoint};
use waldur_migrations::http::{HttpRequest, HttpResponse, Method};
use waldur_migrations::transport::{FetchTransport, Transport, TransportRequest};
use waldur_migrations::*;

/// The fake server, as `cargo xtask test` started it.
pub fn server_url() -> String {
    option_env!("FAKE_WALDUR_URL").unwrap_or("http://127.0.0.1:8000").trim_end_matches('/').to_owned()
}

async fn control(method: Method, path: &str, body: Option<Value>) -> Value {
    let response = FetchTransport
        .send(TransportRequest {
            method,
            url: format!("{}{path}", server_url()),
            headers: vec![("Content-Type", "application/json".into())],
            body: body.map(|b| b.to_string()),
        })
        .await
        .unwrap_or_else(|e| panic!("fake server at {} unreachable: {e:?}", server_url()));
    let text = response.body.head(usize::MAX);
    assert!(response.is_success(), "{path}: {} {text}", response.status);
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// Runs `f` after `ms` milliseconds.
pub fn after(ms: u32, f: impl FnOnce() + 'static) {
    gloo_timers::callback::Timeout::new(ms, f).forget();
}

/// A user of its own, owning `items` seeded migrations.
pub struct TestUser {
    pub token: String,
}

impl TestUser {
    pub async fn new(items: usize) -> TestUser {
        let user = control(Method::Post, "/__fake/users", Some(json!({ "items": items }))).await;
        TestUser { token: user["token"].as_str().unwrap().to_owned() }
    }

    /// A staff user of its own (sees and may order every offering).
    pub async fn staff() -> TestUser {
        let user = control(Method::Post, "/__fake/users", Some(json!({ "items": 0, "staff": true }))).await;
        TestUser { token: user["token"].as_str().unwrap().to_owned() }
    }

    /// A client with this user's token and the default retry policy.
    pub fn client(&self) -> Client {
        Client::builder(&server_url()).token(&self.token).build()
    }

    /// A client with this user's token and a retry policy.
    pub fn client_with(&self, retry: RetryPolicy) -> Client {
        Client::builder(&server_url()).token(&self.token).retry(retry).build()
    }

    /// Registers a fault for this user's requests.
    pub async fn fault(&self, mut spec: Value) {
        spec["token"] = json!(self.token);
        control(Method::Post, "/__fake/faults", Some(spec)).await;
    }

    /// Removes this user's faults.
    pub async fn clear_faults(&self) {
        control(Method::Delete, &format!("/__fake/faults?token={}", self.token), None).await;
    }

    /// Uses left of this user's faults.
    pub async fn pending_faults(&self) -> u64 {
        let all = control(Method::Get, "/__fake/faults", None).await;
        all.as_array()
            .unwrap()
            .iter()
            .filter(|f| f["token"] == self.token.as_str())
            .map(|f| f["times"].as_u64().unwrap())
            .sum()
    }

    /// Makes the server answer this user like an older server.
    pub async fn wire(&self, mut style: Value) {
        style["token"] = json!(self.token);
        control(Method::Post, "/__fake/wire", Some(style)).await;
    }
}

/// Ids of the seeded world, found through the lookups.
pub struct World {
    pub sources: HashMap<String, String>,
    pub offering: String,
    pub plan: String,
    pub limited_plan: String,
    pub src_volume_type: String,
    pub dst_volume_type: String,
}

impl World {
    pub async fn load(client: &Client) -> World {
        let all = LookupQuery { page_size: Some(300), ..Default::default() };
        let sources = client.source_resources(all.clone()).await.unwrap();
        let offerings = client.destination_offerings(all.clone()).await.unwrap();
        let tallinn = offerings.items.iter().find(|o| o.name.starts_with("Tallinn")).unwrap();
        let plan = |name: &str| tallinn.plans.iter().find(|p| p.name == name).unwrap().uuid.simple().to_string();
        let genomics = sources.items.iter().find(|s| s.name == "genomics-prod").unwrap();
        let tenant = genomics.resource_uuid.unwrap().simple().to_string();
        let src_types = client.volume_types_of_tenant(&tenant, all.clone()).await.unwrap();
        let scope = tallinn.scope_uuid.unwrap().simple().to_string();
        let dst_types = client.volume_types_of_settings(&scope, all).await.unwrap();
        World {
            sources: sources.items.iter().map(|s| (s.name.clone(), s.uuid.simple().to_string())).collect(),
            offering: tallinn.uuid.simple().to_string(),
            plan: plan("Medium"),
            limited_plan: plan("Pilot"),
            src_volume_type: src_types.items[0].uuid.simple().to_string(),
            dst_volume_type: dst_types.items[0].uuid.simple().to_string(),
        }
    }

    /// The uuid of a source resource by name.
    pub fn src(&self, name: &str) -> String {
        self.sources[name].clone()
    }

    /// A valid create body migrating `source` to Tallinn's "Medium" plan.
    pub fn create_body(&self, source: &str) -> MigrationCreateRequest {
        MigrationCreateRequest {
            src_resource: self.src(source),
            dst_offering: self.offering.clone(),
            dst_plan: self.plan.clone(),
            ..Default::default()
        }
    }
}

/// A create with a raw JSON body, past client-side validation, parsed by the real create parser.
pub struct RawCreate(pub Value);

impl Endpoint for RawCreate {
    type Output = CreatedMigration;
    fn request(&self) -> Result<HttpRequest, Error> {
        let mut request = HttpRequest::new(Method::Post, "/api/openstack-migrations/");
        request.body = Some(self.0.to_string());
        Ok(request)
    }
    fn parse(&self, response: &HttpResponse) -> Result<CreatedMigration, Error> {
        CreateMigration::default().parse(response)
    }
}
