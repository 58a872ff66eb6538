//! The client: base URL, credentials, timeout and retry policy, and one method per operation.

use crate::prelude::*;

mod call;
mod list_all;
mod send;

pub use call::{Call, CallFuture};
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) use list_all::{paging_hidden, Pages};
pub use list_all::{remaining_pages, AllPages, ListAllOptions};

use crate::endpoints::{
    CountMigrations, CreateMigration, DestroyMigration, ListLookup, ListMigrations, ListQuery, LookupQuery, Me,
    PartialUpdateMigration, RetrieveMigration, UpdateMigration,
};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::model::{
    CreatedMigration, DestinationOffering, MigrationCreateRequest, MigrationDetails, MigrationDetailsRequest, Network,
    PatchedMigrationDetailsRequest, SourceResource, Subnet, VolumeType,
};
use crate::page::{NewestFirstLoad, NewestPage, NewestStep};
use crate::retry::RetryPolicy;
use crate::transport::{AbortSignal, Transport};
use alloc::rc::Rc;
use core::fmt;
use futures_util::future::LocalBoxFuture;

/// Timeout of a call when neither the client nor the call sets one.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// The `Authorization` header value. Its `Debug` output never shows the secret.
#[derive(Clone, PartialEq, Eq)]
struct Authorization(String);

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = self.0.split_whitespace().next().unwrap_or("");
        f.write_str("Authorization(")?;
        f.write_str(scheme)?;
        f.write_str(" <redacted>)")
    }
}

struct ClientInner {
    base_url: String,
    authorization: Option<Authorization>,
    language: Option<String>,
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
            .field("language", &self.inner.language)
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
    language: Option<String>,
    timeout_ms: Option<u32>,
    retry: RetryPolicy,
    transport: Option<Rc<dyn Transport>>,
}

impl ClientBuilder {
    /// Authenticates with an API token: `Authorization: Token <key>`.
    pub fn token(mut self, key: &str) -> Self {
        self.authorization = Some(Authorization(crate::validate::concat(&["Token ", key.trim()])));
        self
    }

    /// Sends this `Authorization` value verbatim (`Bearer <token>`, `Token <key>`).
    pub fn authorization(mut self, value: &str) -> Self {
        self.authorization = Some(Authorization(value.trim().to_owned()));
        self
    }

    /// Sends `Accept-Language: <tag>` (`de`, `et-EE`), so the server answers its own messages
    /// (Django translates them) in the interface's language.
    pub fn language(mut self, tag: &str) -> Self {
        self.language = Some(tag.trim().to_owned()).filter(|tag| !tag.is_empty());
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
                language: self.language,
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
        fn send(
            &self,
            _: crate::transport::TransportRequest,
        ) -> LocalBoxFuture<'static, Result<HttpResponse, crate::transport::TransportError>> {
            Box::pin(core::future::ready(Err(crate::transport::TransportError(
                "no transport: outside wasm, pass one with ClientBuilder::transport".to_owned(),
            ))))
        }
        fn sleep(&self, _: u64) -> LocalBoxFuture<'static, ()> {
            Box::pin(core::future::pending())
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

impl Client {
    /// Starts configuring a client for `base_url` (`https://waldur.example.com`, with or without
    /// a trailing slash or a path prefix).
    pub fn builder(base_url: &str) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.trim().trim_end_matches('/').to_owned(),
            authorization: None,
            language: None,
            timeout_ms: Some(DEFAULT_TIMEOUT_MS),
            retry: RetryPolicy::default(),
            transport: None,
        }
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The same client (server, credentials, transport, policy) asking for another language.
    pub fn with_language(&self, tag: &str) -> Client {
        let inner = &self.inner;
        Client {
            inner: Rc::new(ClientInner {
                base_url: inner.base_url.clone(),
                authorization: inner.authorization.clone(),
                language: Some(tag.trim().to_owned()).filter(|tag| !tag.is_empty()),
                timeout_ms: inner.timeout_ms,
                retry: inner.retry,
                transport: inner.transport.clone(),
            }),
        }
    }

    /// True when credentials are set.
    pub fn has_credentials(&self) -> bool {
        self.inner.authorization.is_some()
    }

    /// Prepares a call of any endpoint.
    pub fn call<E>(&self, endpoint: E) -> Call<E> {
        Call { client: self.clone(), endpoint, signal: None, timeout_ms: None }
    }

    /// One page of migrations, oldest first (the server's only order).
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

    /// Offerings the organisation `customer_uuid` may order (`allowed_customer_uuid`).
    pub fn destination_offerings_for(
        &self,
        customer_uuid: &str,
        query: LookupQuery,
    ) -> Call<ListLookup<DestinationOffering>> {
        self.call(ListLookup::destination_offerings_for(customer_uuid, query))
    }

    /// The signed-in user (`GET /api/users/me/`).
    pub fn me(&self) -> Call<Me> {
        self.call(Me)
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

    /// Sends a request with the client's credentials, timeout and retries (see `send.rs`).
    fn send(
        &self,
        request: HttpRequest,
        signal: Option<AbortSignal>,
        timeout_ms: Option<u32>,
    ) -> LocalBoxFuture<'static, Result<HttpResponse, Error>> {
        send::send(self.inner.clone(), request, signal, timeout_ms)
    }

    /// Sends a built request as a call does: `timeout_ms` overrides the client's when set. For
    /// callers that parse the response themselves (the JS bindings).
    pub fn send_request(
        &self,
        request: HttpRequest,
        signal: Option<AbortSignal>,
        timeout_ms: Option<u32>,
    ) -> LocalBoxFuture<'static, Result<HttpResponse, Error>> {
        self.send(request, signal, timeout_ms.or(self.inner.timeout_ms))
    }

    /// Page `page` of the migrations matching `query` (its paging ignored), newest first, `size`
    /// at a time: the server lists oldest first, so this reads the one or two server pages that
    /// hold it ([`NewestFirstLoad`]). `known_total` (from the last call with the same filters)
    /// spares the request that learns the total. Without readable paging headers the page is in
    /// the server's order, and says so (`paging_unknown`).
    pub async fn newest_first(
        &self,
        query: ListQuery,
        page: u32,
        size: u32,
        known_total: Option<u64>,
        signal: Option<AbortSignal>,
    ) -> Result<NewestPage<MigrationDetails>, Error> {
        let mut loading = NewestFirstLoad::new(page, size, known_total);
        let mut answer = None;
        loop {
            match loading.step(answer.take()) {
                NewestStep::Done(shown) => return Ok(shown),
                NewestStep::Fetch(number) => {
                    let query = ListQuery { page: Some(number), page_size: Some(size), ..query.clone() };
                    answer = Some(self.list(query).maybe_signal(signal.clone()).await?);
                }
            }
        }
    }

    /// Creates a migration and returns its full details (see [`Client::details_of`]).
    pub async fn create_and_fetch(&self, body: MigrationCreateRequest) -> Result<MigrationDetails, Error> {
        let created = self.create(body).await?;
        self.details_of(created).await
    }

    /// The full details of a created migration: as the server sent them, or, after the short
    /// body the schema documents, the newest migration of its source resource (the last the
    /// server lists: one or two requests of one item).
    pub async fn details_of(&self, created: CreatedMigration) -> Result<MigrationDetails, Error> {
        match created {
            CreatedMigration::Full(details) => Ok(*details),
            CreatedMigration::Documented(short) => {
                let src = crate::model::wire::uuid_to_hex(&short.src_resource);
                let query = ListQuery { src_resource_uuid: Some(src), ..Default::default() };
                let newest = self.newest_first(query, 1, 1, None, None).await?;
                if newest.paging_unknown {
                    return Err(list_all::paging_hidden());
                }
                newest.items.into_iter().next().ok_or_else(|| {
                    Error::undecodable(201, None, "the created migration is not in the list", &Default::default())
                })
            }
        }
    }
}
