//! A tiny blocking HTTP/1.1 client and helpers for the fake server's own tests.
#![allow(dead_code, unused_imports)]

use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;
use std::time::Duration;

pub use fake_waldur::config::{DEFAULT_STAFF_TOKEN, DEFAULT_TOKEN};

/// The OIDC access token the test server accepts for the normal user.
pub const BEARER: &str = "eyJhbGciOiJSUzI1NiJ9.eyJ1c2VybmFtZSI6ImFsaWNlIn0.c2lnbmF0dXJl";

/// One server for the whole test binary (tests isolate themselves with their own users).
pub fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let config = fake_waldur::Config {
            addr: "127.0.0.1:0".parse().unwrap(),
            step_ms: 150,
            static_dir: Some(std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/static"))),
            control: true,
            bearer_token: Some(BEARER.to_owned()),
            ..Default::default()
        };
        fake_waldur::spawn(config).expect("server starts")
    })
}

/// A response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Sends raw bytes and reads the answer until the server closes the connection.
pub fn raw(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    raw_to(server(), bytes)
}

/// [`raw`] to another server.
pub fn raw_to(addr: SocketAddr, bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    // A server may answer (413) and close before the whole body is written: keep its answer.
    let written = stream.write_all(bytes);
    let mut out = Vec::new();
    match stream.read_to_end(&mut out) {
        Ok(_) => Ok(out),
        Err(_) if !out.is_empty() => Ok(out),
        Err(error) => written.and(Err(error)),
    }
}

fn parse(bytes: &[u8], head_only: bool) -> Reply {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Reply { status, headers, body: if head_only { String::new() } else { body.to_string() } }
}

/// Sends a request with extra headers and an optional body.
pub fn request(method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Reply {
    request_to(server(), method, path, headers, body)
}

/// [`request`] to another server.
pub fn request_to(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Reply {
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        text.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    text.push_str("\r\n");
    if let Some(body) = body {
        text.push_str(body);
    }
    parse(&raw_to(addr, text.as_bytes()).expect("request sent"), method == "HEAD")
}

/// A request as a user.
pub fn as_user(token: &str, method: &str, path: &str, body: Option<&Value>) -> Reply {
    let auth = format!("Token {token}");
    let body = body.map(|b| b.to_string());
    let mut headers = vec![("Authorization", auth.as_str())];
    if body.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    request(method, path, &headers, body.as_deref())
}

/// A fresh user owning `items` migrations; returns its token.
pub fn new_user(items: usize) -> String {
    let reply = request(
        "POST",
        "/__fake/users",
        &[("Content-Type", "application/json")],
        Some(&serde_json::json!({ "items": items }).to_string()),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.json()["token"].as_str().unwrap().to_string()
}

/// Registers a fault.
pub fn fault(spec: Value) {
    let reply = request("POST", "/__fake/faults", &[("Content-Type", "application/json")], Some(&spec.to_string()));
    assert_eq!(reply.status, 201, "{}", reply.body);
}

/// A lookup item of the default world, by name, from a lookup path.
pub fn lookup(token: &str, path: &str, name: &str) -> Value {
    let reply = as_user(token, "GET", &format!("{path}&page_size=300"), None);
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["name"].as_str().unwrap_or("").contains(name))
        .cloned()
        .unwrap_or_else(|| panic!("no {name} in {path}"))
}

/// Uuids for a valid create body: a tenant, an offering in another cloud and its usable plan.
pub struct Ids {
    pub src: String,
    pub src_tenant: String,
    pub offering: String,
    pub plan: String,
    pub limited_plan: String,
    pub other_offering_plan: String,
    pub src_volume_type: String,
    pub dst_volume_type: String,
}

pub fn ids(token: &str, source: &str) -> Ids {
    let resource = lookup(token, "/api/marketplace-resources/?offering_type=OpenStack.Tenant", source);
    let tallinn = lookup(token, "/api/marketplace-public-offerings/?type=OpenStack.Tenant", "Tallinn");
    let helsinki = lookup(token, "/api/marketplace-public-offerings/?type=OpenStack.Tenant", "Helsinki");
    let plan = |offering: &Value, name: &str| {
        offering["plans"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap()["uuid"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let tenant = resource["resource_uuid"].as_str().unwrap().to_string();
    let src_types = as_user(token, "GET", &format!("/api/openstack-volume-types/?tenant_uuid={tenant}"), None).json();
    let scope = tallinn["scope_uuid"].as_str().unwrap();
    let dst_types = as_user(token, "GET", &format!("/api/openstack-volume-types/?settings_uuid={scope}"), None).json();
    Ids {
        src: resource["uuid"].as_str().unwrap().to_string(),
        src_tenant: tenant,
        offering: tallinn["uuid"].as_str().unwrap().to_string(),
        plan: plan(&tallinn, "Medium"),
        limited_plan: plan(&tallinn, "Pilot"),
        other_offering_plan: plan(&helsinki, "Standard"),
        src_volume_type: src_types[0]["uuid"].as_str().unwrap().to_string(),
        dst_volume_type: dst_types[0]["uuid"].as_str().unwrap().to_string(),
    }
}

/// Polls until `done` says yes (or gives up after 10 s).
pub fn eventually(mut done: impl FnMut() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("condition not reached within 10 s");
}
