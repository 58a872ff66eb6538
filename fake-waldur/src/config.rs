//! Command-line options.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Token of the normal user when `--token` is not given.
pub const DEFAULT_TOKEN: &str = "4f3c2b1a09e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4";
/// Token of the staff user when `--staff-token` is not given.
pub const DEFAULT_STAFF_TOKEN: &str = "5a7f9e2c4b6d8e0f1a3c5e7b9d2f4a6c8e0b2d4f";

/// What the API tells browsers on other origins (CORS).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cors {
    /// As real deployments: any origin, and `Link`, `X-Result-Count` exposed.
    Full,
    /// Any origin, nothing exposed: a page elsewhere cannot read the paging headers.
    NoExpose,
    /// No CORS headers at all: a page elsewhere is refused.
    None,
}

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen.
    pub addr: SocketAddr,
    /// API token of the normal user (owns the seeded migrations).
    pub token: String,
    /// API token of the staff user (sees everything).
    pub staff_token: String,
    /// Number of seeded migrations.
    pub items: usize,
    /// Seed of the generated data.
    pub seed: u64,
    /// Time per state step of a running migration.
    pub step_ms: u64,
    /// Delay added to every API response.
    pub latency_ms: u64,
    /// Also serve a built page from here.
    pub static_dir: Option<PathBuf>,
    /// Origins the served page may call besides its own (added to its `connect-src`).
    pub connect_src: Vec<String>,
    /// CORS of the API.
    pub cors: Cors,
    /// Serve the control endpoints (`/__fake/...`), which tests use to make users and faults.
    pub control: bool,
    /// The one origin (a test page) allowed to call the control endpoints from a browser.
    pub control_origin: Option<String>,
    /// An OIDC access token (a JWT) accepted as `Authorization: Bearer`, for the normal user.
    pub bearer_token: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8000)),
            token: DEFAULT_TOKEN.to_owned(),
            staff_token: DEFAULT_STAFF_TOKEN.to_owned(),
            items: 40,
            seed: 1,
            step_ms: 3000,
            latency_ms: 0,
            static_dir: None,
            connect_src: Vec::new(),
            cors: Cors::Full,
            control: false,
            control_origin: None,
            bearer_token: None,
        }
    }
}

/// Usage text.
pub const USAGE: &str = "\
fake-waldur: a fake Waldur server for /api/openstack-migrations/ and the lookups its create form uses

Usage: fake-waldur [options]
  --addr HOST:PORT      listen address (default 127.0.0.1:8000; port 0 picks a free one)
  --token KEY           API token of the normal user (owns the seeded migrations)
  --staff-token KEY     API token of the staff user (sees all migrations)
  --items N             seeded migrations (default 40)
  --seed N              seed of the generated data (default 1)
  --step-ms N           time per state step of a running migration (default 3000)
  --latency-ms N        delay added to every API response (default 0)
  --static DIR          also serve a built page from DIR (SPA fallback to index.html)
  --connect-src ORIGIN  another origin the served page may call (its connect-src); repeatable
  --cors MODE           full (default: any origin, Link and X-Result-Count exposed),
                        no-expose (paging headers hidden from other origins), none (no CORS)
  --bearer-token JWT    an OIDC access token (three dot-separated parts) for the normal user
  --control             serve /__fake/ (users, faults, wire styles) for tests; off by default
  --control-origin URL  the one browser origin allowed to call /__fake/ (a test page)
  --help                this text
";

impl Config {
    /// Parses `args` (without the program name).
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Config, String> {
        let mut config = Config::default();
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let (flag, inline) = match flag.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(value.to_owned())),
                _ => (flag, None),
            };
            if flag == "--help" || flag == "-h" {
                return Err(String::new());
            }
            if flag == "--control" {
                config.control = true;
                continue;
            }
            let value = match inline.or_else(|| args.next()) {
                Some(value) => value,
                None => return Err(format!("{flag} needs a value")),
            };
            let number = |value: &str| value.parse::<u64>().map_err(|_| format!("{flag}: not a number: {value}"));
            match flag.as_str() {
                "--addr" => config.addr = value.parse().map_err(|_| format!("--addr: not HOST:PORT: {value}"))?,
                "--token" => config.token = non_empty(&flag, value)?,
                "--staff-token" => config.staff_token = non_empty(&flag, value)?,
                "--items" => config.items = usize::try_from(number(&value)?).map_err(|e| e.to_string())?,
                "--seed" => config.seed = number(&value)?,
                "--step-ms" => config.step_ms = number(&value)?.max(1),
                "--latency-ms" => config.latency_ms = number(&value)?,
                "--static" => config.static_dir = Some(PathBuf::from(value)),
                "--connect-src" => config.connect_src.push(value.trim_end_matches('/').to_owned()),
                "--cors" => {
                    config.cors = match value.as_str() {
                        "full" => Cors::Full,
                        "no-expose" => Cors::NoExpose,
                        "none" => Cors::None,
                        other => return Err(format!("--cors: full, no-expose or none, not {other}")),
                    }
                }
                "--bearer-token" => config.bearer_token = Some(non_empty(&flag, value)?),
                "--control-origin" => config.control_origin = Some(value.trim_end_matches('/').to_owned()),
                other => return Err(format!("unknown option {other}")),
            }
        }
        if config.token == config.staff_token {
            return Err("--token and --staff-token must differ".into());
        }
        Ok(config)
    }
}

fn non_empty(flag: &str, value: String) -> Result<String, String> {
    if value.trim().is_empty() || value.contains(char::is_whitespace) {
        Err(format!("{flag}: a token is one word"))
    } else {
        Ok(value)
    }
}
