//! The server: shared state, the request pipeline (CORS, body limit, faults, latency) and the
//! hyper connection loop.

use crate::config::{Config, Cors};
use crate::faults::Faults;
use crate::http::{parse_query, Delivery, Request, Response};
use crate::wire::WireStyle;
use crate::world::World;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::net::TcpListener;

/// Largest request body (Django's `DATA_UPLOAD_MAX_MEMORY_SIZE`, 2.5 MiB).
pub const MAX_BODY_BYTES: usize = 2_621_440;

/// Shared state of a running server.
pub struct App {
    pub config: Config,
    world: Mutex<World>,
    faults: Mutex<Faults>,
    styles: Mutex<HashMap<String, WireStyle>>,
}

/// Locks a mutex even if a handler panicked while holding it (the data stays usable).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl App {
    /// Generates the world for `config`.
    pub fn new(config: Config) -> App {
        let world = World::generate(config.seed, config.items, &config.token, &config.staff_token, config.step_ms);
        App { config, world: Mutex::new(world), faults: Mutex::default(), styles: Mutex::default() }
    }

    /// The world, locked.
    pub fn world(&self) -> MutexGuard<'_, World> {
        lock(&self.world)
    }

    /// The faults, locked.
    pub fn faults(&self) -> MutexGuard<'_, Faults> {
        lock(&self.faults)
    }

    /// The wire styles by token, locked.
    pub fn styles(&self) -> MutexGuard<'_, HashMap<String, WireStyle>> {
        lock(&self.styles)
    }

    /// Answers one request.
    pub async fn respond(&self, request: Request) -> Response {
        let is_preflight = request.method == "OPTIONS"
            && request.header("origin").is_some()
            && request.header("access-control-request-method").is_some();
        let mut response = if request.path.starts_with("/__fake/") {
            self.control(&request)
        } else if is_preflight && request.path.starts_with("/api/") {
            match self.config.cors {
                Cors::None => Response::empty(200),
                Cors::Full | Cors::NoExpose => preflight(&request),
            }
        } else if request.path.starts_with("/api/") {
            self.api(&request).await
        } else if let Some(root) = &self.config.static_dir {
            crate::statics::serve(root, &request, &self.config.connect_src).await
        } else {
            crate::http::html_404()
        };
        if request.path.starts_with("/api/") {
            cors(&mut response, self.config.cors);
        }
        if request.method == "HEAD" {
            response.body = Bytes::new();
        }
        response
    }

    /// `/__fake/`: only with `--control`; reachable from a browser only for `--control-origin`.
    fn control(&self, request: &Request) -> Response {
        if !self.config.control {
            return crate::http::html_404();
        }
        let origin = request.header("origin").map(|o| o.trim_end_matches('/').to_owned());
        let allowed = origin.is_some() && origin == self.config.control_origin;
        let is_preflight = request.method == "OPTIONS" && request.header("access-control-request-method").is_some();
        let mut response = if is_preflight {
            if allowed {
                preflight(request)
            } else {
                Response::empty(403)
            }
        } else {
            crate::control::handle(self, request)
        };
        if let Some(origin) = origin.filter(|_| allowed) {
            response.set_header("Access-Control-Allow-Origin", origin);
            response.set_header("Vary", "Origin");
        }
        response
    }

    async fn api(&self, request: &Request) -> Response {
        let token = crate::api::token_of(request);
        let fault = self.faults().take(token.as_deref(), &request.method, &request.path);
        let delay = self.config.latency_ms + fault.as_ref().and_then(|f| f.delay_ms).unwrap_or(0);
        if delay > 0 {
            tokio::time::sleep(Duration::from_millis(delay)).await;
        }
        if let Some(replacement) = fault.as_ref().and_then(|f| f.replacement()) {
            return replacement;
        }
        let response = {
            let styles = self.styles().clone();
            let style_of = |token: &str| styles.get(token).copied().unwrap_or_default();
            crate::api::handle(&mut self.world(), &style_of, self.config.bearer_token.as_deref(), request)
        };
        match fault {
            Some(fault) => fault.alter(response),
            None => response,
        }
    }
}

fn preflight(request: &Request) -> Response {
    let headers = request.header("access-control-request-headers").unwrap_or("authorization, content-type").to_owned();
    Response::empty(200)
        .with_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS")
        .with_header("Access-Control-Allow-Headers", headers)
        .with_header("Access-Control-Max-Age", "86400")
}

/// CORS of the API: as real deployments send it (any origin, the paging headers exposed), or
/// less, to imitate a server configured otherwise.
fn cors(response: &mut Response, mode: Cors) {
    if mode == Cors::None {
        return;
    }
    response.set_header("Access-Control-Allow-Origin", "*");
    if mode == Cors::Full {
        response.set_header("Access-Control-Expose-Headers", "Link, X-Result-Count");
    }
    response.set_header("Vary", "Origin");
}

async fn read_request(request: hyper::Request<Incoming>) -> Result<Request, Response> {
    let (parts, body) = request.into_parts();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(name, value)| {
            (name.as_str().to_ascii_lowercase(), String::from_utf8_lossy(value.as_bytes()).into_owned())
        })
        .collect();
    let too_large = || Response::detail(413, "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.");
    let declared = parts
        .headers
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
        return Err(too_large());
    }
    let body = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => return Err(too_large()),
        Err(error) => return Err(Response::detail(400, &format!("Could not read the request body: {error}"))),
    };
    Ok(Request {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parse_query(parts.uri.query().unwrap_or("")),
        headers,
        body,
    })
}

fn to_hyper(response: Response) -> hyper::Response<Full<Bytes>> {
    let mut builder = hyper::Response::builder().status(response.status);
    for (name, value) in &response.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    builder.body(Full::new(response.body)).unwrap_or_else(|_| {
        let mut fallback = hyper::Response::new(Full::new(Bytes::from_static(b"{\"detail\": \"bad response\"}")));
        *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        fallback
    })
}

/// An error that makes hyper close the connection (the `drop` fault).
#[derive(Debug)]
struct Dropped;
impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by a fault")
    }
}
impl std::error::Error for Dropped {}

/// Serves on an already bound listener until the process ends.
pub async fn serve(app: Arc<App>, listener: TcpListener) {
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let app = app.clone();
                async move {
                    let response = match read_request(request).await {
                        Ok(request) => app.respond(request).await,
                        Err(mut response) => {
                            cors(&mut response, app.config.cors);
                            response
                        }
                    };
                    if response.delivery == Delivery::Drop {
                        return Err(Dropped);
                    }
                    Ok::<_, Dropped>(to_hyper(response))
                }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Binds `config.addr` and returns the address and the app (for tests and the binary).
pub async fn bind(config: Config) -> std::io::Result<(SocketAddr, TcpListener, Arc<App>)> {
    let listener = TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    Ok((addr, listener, Arc::new(App::new(config))))
}

/// Starts a server on a background thread (port 0 for a free one) and returns its address.
pub fn spawn(config: Config) -> std::io::Result<SocketAddr> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let (addr, listener, app) = runtime.block_on(bind(config))?;
    std::thread::spawn(move || runtime.block_on(serve(app, listener)));
    Ok(addr)
}
