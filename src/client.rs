//! The client: base URL, credentials, timeout and retry policy, and one method per operation.

use crate::endpoints::{
    CountMigrations, CreateMigration, DestroyMigration, Endpoint, ListLookup, ListMigrations, ListQuery, LookupQuery,
    PartialUpdateMigration, RetrieveMigration, UpdateMigration, MAX_PAGE_SIZE,
};
use crate::error::Error;
use crate::http::HttpResponse;
use crate::model::{
    CreatedMigration, DestinationOffering, MigrationCreateRequest, MigrationDetails, MigrationDetailsRequest, Network,
    PatchedMigrationDetailsRequest, SourceResource, Subnet, VolumeType,
};
use crate::page::Page;
use crate::retry::{parse_retry_after, AttemptOutcome, RetryPolicy};
use crate::transport::{AbortSignal, Transport, TransportError, TransportRequest};
use futures_util::future::{self, Either, LocalBoxFuture};
use futures_util::stream::{self, StreamExt, TryStreamExt};
use std::cell::Cell;
use std::fmt;
use std::future::IntoFuture;
use std::rc::Rc;

/// Timeout of a call when neither the client nor the call sets one.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// The `Authorization` header value. Its `Debug` output never shows the secret.
#[derive(Clone, PartialEq, Eq)]
struct Authorization(String);

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = self.0.split_whitespace().next().unwrap_or("");
        write!(f, "Authorization({scheme} <redacted>)")
    }
}

struct ClientInner {
    base_url: String,
    authorization: Option<Authorization>,
    timeout_ms: Option<u32>,
    retry: RetryPolicy,
    transport: Rc<dyn Transport>,
}

/// A client of one Waldur server with one set of credentials. Cheap to clone.
///
/// ```no_run
/// # async fn example() -> Result<(), waldur_migrations::Error> {
/// use waldur_migrations::{Client, ListQuery};
/// let client = Client::builder("https://waldur.example.com").token("0123abcd...").build();
/// let page = client.list(ListQuery { page_size: Some(50), ..Default::default() }).await?;
/// println!("{} of {:?}", page.items.len(), page.total);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Rc<ClientInner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("authorization", &self.inner.authorization)
            .field("timeout_ms", &self.inner.timeout_ms)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    authorization: Option<Authorization>,
    timeout_ms: Option<u32>,
    retry: RetryPolicy,
    transport: Option<Rc<dyn Transport>>,
}

impl ClientBuilder {
    /// Authenticates with an API token: `Authorization: Token <key>`.
    pub fn token(mut self, key: &str) -> Self {
        self.authorization = Some(Authorization(format!("Token {}", key.trim())));
        self
    }

    /// Sends this `Authorization` value verbatim (`Bearer <token>`, `Token <key>`).
    pub fn authorization(mut self, value: &str) -> Self {
        self.authorization = Some(Authorization(value.trim().to_owned()));
        self
    }

    /// Timeout of every call, retries included (default 30 s); `None` waits forever.
    pub fn timeout_ms(mut self, timeout_ms: Option<u32>) -> Self {
        self.timeout_ms = timeout_ms;
        self
    }

    /// The retry policy (default: up to 3 retries within 30 s).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sends through this transport instead of `fetch` (tests, other runtimes).
    pub fn transport(mut self, transport: Rc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Client {
        let transport = self.transport.unwrap_or_else(default_transport);
        Client {
            inner: Rc::new(ClientInner {
                base_url: self.base_url,
                authorization: self.authorization,
                timeout_ms: self.timeout_ms,
                retry: self.retry,
                transport,
            }),
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn default_transport() -> Rc<dyn Transport> {
    Rc::new(crate::transport::FetchTransport)
}

#[cfg(not(target_arch = "wasm32"))]
fn default_transport() -> Rc<dyn Transport> {
    /// Outside wasm there is no `fetch`: every call fails with a network error saying so.
    struct NoTransport;
    impl Transport for NoTransport {
        fn send(&self, _: TransportRequest) -> LocalBoxFuture<'static, Result<HttpResponse, TransportError>> {
            Box::pin(future::ready(Err(TransportError::Network(
                "no transport: outside wasm, pass one with ClientBuilder::transport".to_owned(),
            ))))
        }
        fn sleep(&self, _: u64) -> LocalBoxFuture<'static, ()> {
            Box::pin(future::ready(()))
        }
        fn now_ms(&self) -> f64 {
            0.0
        }
        fn random(&self) -> f64 {
            0.5
        }
    }
    Rc::new(NoTransport)
}

/// A prepared call: await it, or first set a signal or a timeout.
///
/// ```no_run
/// # async fn example(client: waldur_migrations::Client) -> Result<(), waldur_migrations::Error> {
/// use waldur_migrations::AbortController;
/// let controller = AbortController::new();
/// let count = client.count(Default::default()).signal(controller.signal()).timeout_ms(5_000).await?;
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until awaited"]
pub struct Call<E> {
    client: Client,
    endpoint: E,
    signal: Option<AbortSignal>,
    timeout_ms: Option<Option<u32>>,
}

impl<E> Call<E> {
    /// Aborts the call when `signal` fires.
    pub fn signal(mut self, signal: AbortSignal) -> Self {
        self.signal = Some(signal);
        self
    }

    /// Sets this call's timeout, retries included (overrides the client's).
    pub fn timeout_ms(mut self, timeout_ms: u32) -> Self {
        self.timeout_ms = Some(Some(timeout_ms));
        self
    }

    /// Lets this call wait forever (overrides the client's timeout).
    pub fn no_timeout(mut self) -> Self {
        self.timeout_ms = Some(None);
        self
    }
}

impl<E> IntoFuture for Call<E>
where
    E: Endpoint + 'static,
    E::Output: 'static,
{
    type Output = Result<E::Output, Error>;
    type IntoFuture = LocalBoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let timeout = self.timeout_ms.unwrap_or(self.client.inner.timeout_ms);
            self.client.execute(&self.endpoint, self.signal, timeout).await
        })
    }
}

/// Options of [`Client::list_all`].
#[derive(Clone)]
pub struct ListAllOptions {
    /// Items per request (default and maximum 300).
    pub page_size: u32,
    /// Pages in flight at once after the first (default 6, a browser's connections per host).
    pub concurrency: usize,
    /// Stop after this many items.
    pub max_items: Option<usize>,
    /// Called after each page with (pages done, pages in all).
    pub on_progress: Option<Rc<dyn Fn(u32, u32)>>,
    /// Aborts every request.
    pub signal: Option<AbortSignal>,
    /// Timeout of each page request (default: the client's).
    pub timeout_ms: Option<u32>,
}

impl Default for ListAllOptions {
    fn default() -> Self {
        ListAllOptions {
            page_size: MAX_PAGE_SIZE,
            concurrency: 6,
            max_items: None,
            on_progress: None,
            signal: None,
            timeout_ms: None,
        }
    }
}

impl fmt::Debug for ListAllOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ListAllOptions")
            .field("page_size", &self.page_size)
            .field("concurrency", &self.concurrency)
            .field("max_items", &self.max_items)
            .field("on_progress", &self.on_progress.is_some())
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

/// Every item of a filtered list.
#[derive(Clone, Debug, PartialEq)]
pub struct AllPages<T> {
    /// The items in server order (at most `max_items`).
    pub items: Vec<T>,
    /// The total the server reported.
    pub total: Option<u64>,
    /// Requests made.
    pub pages: u32,
}

/// The pages `list_all` fetches after the first: `2..=n`, where `n` covers `min(total, cap)`.
pub fn remaining_pages(total: u64, page_size: u32, max_items: Option<usize>) -> std::ops::RangeInclusive<u32> {
    let wanted = match max_items {
        Some(cap) => total.min(u64::try_from(cap).unwrap_or(u64::MAX)),
        None => total,
    };
    let pages = wanted.div_ceil(u64::from(page_size.max(1)));
    2..=u32::try_from(pages).unwrap_or(u32::MAX)
}

impl Client {
    /// Starts configuring a client for `base_url` (`https://waldur.example.com`, with or without
    /// a trailing slash or a path prefix).
    pub fn builder(base_url: &str) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.trim().trim_end_matches('/').to_owned(),
            authorization: None,
            timeout_ms: Some(DEFAULT_TIMEOUT_MS),
            retry: RetryPolicy::default(),
            transport: None,
        }
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// True when credentials are set.
    pub fn has_credentials(&self) -> bool {
        self.inner.authorization.is_some()
    }

    /// Prepares a call of any endpoint.
    pub fn call<E: Endpoint>(&self, endpoint: E) -> Call<E> {
        Call { client: self.clone(), endpoint, signal: None, timeout_ms: None }
    }

    /// One page of migrations, oldest first.
    pub fn list(&self, query: ListQuery) -> Call<ListMigrations> {
        self.call(ListMigrations { query })
    }

    /// How many migrations match (HEAD).
    pub fn count(&self, query: ListQuery) -> Call<CountMigrations> {
        self.call(CountMigrations { query })
    }

    /// One migration.
    pub fn retrieve(&self, uuid: &str) -> Call<RetrieveMigration> {
        self.call(RetrieveMigration { uuid: uuid.to_owned() })
    }

    /// Creates a migration (validated first; never retried).
    pub fn create(&self, body: MigrationCreateRequest) -> Call<CreateMigration> {
        self.call(CreateMigration { body })
    }

    /// Replaces the mappings (PUT).
    pub fn update(&self, uuid: &str, body: MigrationDetailsRequest) -> Call<UpdateMigration> {
        self.call(UpdateMigration { uuid: uuid.to_owned(), body })
    }

    /// Changes what the body sets (PATCH; never retried).
    pub fn partial_update(&self, uuid: &str, body: PatchedMigrationDetailsRequest) -> Call<PartialUpdateMigration> {
        self.call(PartialUpdateMigration { uuid: uuid.to_owned(), body })
    }

    /// Deletes the migration record.
    pub fn destroy(&self, uuid: &str) -> Call<DestroyMigration> {
        self.call(DestroyMigration { uuid: uuid.to_owned() })
    }

    /// OpenStack tenants that can be migrated.
    pub fn source_resources(&self, query: LookupQuery) -> Call<ListLookup<SourceResource>> {
        self.call(ListLookup::source_resources(query))
    }

    /// Offerings a tenant can be migrated to.
    pub fn destination_offerings(&self, query: LookupQuery) -> Call<ListLookup<DestinationOffering>> {
        self.call(ListLookup::destination_offerings(query))
    }

    /// Every volume type the user can see.
    pub fn volume_types(&self, query: LookupQuery) -> Call<ListLookup<VolumeType>> {
        self.call(ListLookup::volume_types(query))
    }

    /// Volume types of a source tenant (`SourceResource::resource_uuid`).
    pub fn volume_types_of_tenant(&self, tenant_uuid: &str, query: LookupQuery) -> Call<ListLookup<VolumeType>> {
        self.call(ListLookup::volume_types_of_tenant(tenant_uuid, query))
    }

    /// Volume types of a destination cloud (`DestinationOffering::scope_uuid`).
    pub fn volume_types_of_settings(&self, settings_uuid: &str, query: LookupQuery) -> Call<ListLookup<VolumeType>> {
        self.call(ListLookup::volume_types_of_settings(settings_uuid, query))
    }

    /// Networks of a source tenant.
    pub fn networks(&self, tenant_uuid: &str, query: LookupQuery) -> Call<ListLookup<Network>> {
        self.call(ListLookup::networks(tenant_uuid, query))
    }

    /// Subnets of a source tenant.
    pub fn subnets(&self, tenant_uuid: &str, query: LookupQuery) -> Call<ListLookup<Subnet>> {
        self.call(ListLookup::subnets(tenant_uuid, query))
    }

    /// Every migration matching the filters. The first page gives the total; the remaining
    /// pages are then fetched `concurrency` at a time and joined in server order.
    pub async fn list_all(
        &self,
        query: ListQuery,
        options: ListAllOptions,
    ) -> Result<AllPages<MigrationDetails>, Error> {
        let page_size = options.page_size.clamp(1, MAX_PAGE_SIZE);
        let page_call = |page: u32| {
            let mut call = self.list(ListQuery { page: Some(page), page_size: Some(page_size), ..query.clone() });
            call.signal = options.signal.clone();
            if let Some(timeout) = options.timeout_ms {
                call = call.timeout_ms(timeout);
            }
            call.into_future()
        };
        let first = page_call(1).await?;
        let total = first.total.unwrap_or(first.items.len() as u64);
        let rest = remaining_pages(total, page_size, options.max_items);
        let pages_total = (*rest.end()).max(1);
        let done = Rc::new(Cell::new(1u32));
        if let Some(report) = &options.on_progress {
            report(1, pages_total);
        }
        let mut items = first.items;
        let later: Vec<Page<MigrationDetails>> = stream::iter(rest)
            .map(|page| {
                let request = page_call(page);
                let done = done.clone();
                let report = options.on_progress.clone();
                async move {
                    let page = request.await?;
                    done.set(done.get() + 1);
                    if let Some(report) = report {
                        report(done.get(), pages_total);
                    }
                    Ok::<_, Error>(page)
                }
            })
            .buffered(options.concurrency.max(1))
            .try_collect()
            .await?;
        for page in later {
            items.extend(page.items);
        }
        if let Some(cap) = options.max_items {
            items.truncate(cap);
        }
        Ok(AllPages { items, total: first.total, pages: done.get() })
    }

    async fn execute<E: Endpoint>(
        &self,
        endpoint: &E,
        signal: Option<AbortSignal>,
        timeout_ms: Option<u32>,
    ) -> Result<E::Output, Error> {
        let request = endpoint.request()?;
        let response = self.send(request, signal, timeout_ms).await?;
        endpoint.parse(&response)
    }

    /// Sends a request with the client's credentials, timeout and retries; every endpoint
    /// shares this one loop (not generic, so the wasm holds it once).
    fn send(
        &self,
        request: crate::http::HttpRequest,
        signal: Option<AbortSignal>,
        timeout_ms: Option<u32>,
    ) -> LocalBoxFuture<'static, Result<HttpResponse, Error>> {
        let inner = self.inner.clone();
        Box::pin(async move {
            if signal.as_ref().is_some_and(AbortSignal::is_aborted) {
                return Err(Error::Aborted);
            }
            let url = request.url(&inner.base_url);
            let headers = request.headers(inner.authorization.as_ref().map(|auth| auth.0.as_str()));
            let started = inner.transport.now_ms();
            let elapsed = || (inner.transport.now_ms() - started).max(0.0) as u64;
            let mut retries = 0;
            loop {
                let remaining = match timeout_ms {
                    Some(limit) => match u64::from(limit).checked_sub(elapsed()) {
                        Some(left) if left > 0 => Some(u32::try_from(left).unwrap_or(limit)),
                        _ => return Err(Error::Timeout(limit)),
                    },
                    None => None,
                };
                let attempt = inner.transport.send(TransportRequest {
                    method: request.method,
                    url: url.clone(),
                    headers: headers.clone(),
                    body: request.body.clone(),
                    timeout_ms: remaining,
                    signal: signal.clone(),
                });
                let (outcome, result) = match attempt.await {
                    Ok(response) => {
                        let outcome = AttemptOutcome::Response {
                            status: response.status,
                            retry_after_ms: parse_retry_after(response.header("retry-after")),
                        };
                        (outcome, Ok(response))
                    }
                    Err(TransportError::Network(message)) => {
                        (AttemptOutcome::NetworkError, Err(Error::Network(message)))
                    }
                    Err(TransportError::Timeout) => return Err(Error::Timeout(timeout_ms.unwrap_or(0))),
                    Err(TransportError::Aborted) => return Err(Error::Aborted),
                };
                let delay = inner
                    .retry
                    .delay_before_retry(request.method, outcome, retries, elapsed(), inner.transport.random())
                    .filter(|delay| timeout_ms.is_none_or(|limit| elapsed() + delay < u64::from(limit)));
                let Some(delay) = delay else {
                    return result;
                };
                let sleep = inner.transport.sleep(delay);
                match &signal {
                    Some(signal) => {
                        if let Either::Right(_) = future::select(sleep, signal.aborted()).await {
                            return Err(Error::Aborted);
                        }
                    }
                    None => sleep.await,
                }
                retries += 1;
            }
        })
    }

    /// Awaits a call whose output is a created migration and returns the full details, fetching
    /// them when the server sent only the documented short body.
    pub async fn create_and_fetch(&self, body: MigrationCreateRequest) -> Result<MigrationDetails, Error> {
        match self.create(body).await? {
            CreatedMigration::Full(details) => Ok(*details),
            CreatedMigration::Documented(short) => {
                let src = crate::model::wire::uuid_to_hex(&short.src_resource);
                let query = ListQuery { src_resource_uuid: Some(src), ..Default::default() };
                let all = self.list_all(query, ListAllOptions::default()).await?;
                all.items
                    .into_iter()
                    .last()
                    .ok_or_else(|| Error::undecodable(201, None, "created migration not found in the list", ""))
            }
        }
    }
}
