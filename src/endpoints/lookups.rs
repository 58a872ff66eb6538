//! The list endpoints the create form uses for its pickers, paginated like the migrations list,
//! searchable by `name`, and (but for volume types) trimmed to the used fields with `field=`.

use crate::prelude::*;

use super::{page_and_size, parse_page, Endpoint, ListRequest};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::json::Json;
use crate::model::decode::Fields;
use crate::model::{Decode, DestinationOffering, Mismatch, Network, SourceResource, Subnet, VolumeType};
use crate::page::Page;
use core::marker::PhantomData;

/// Search and paging of a lookup.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LookupQuery {
    /// Case-insensitive part of the name.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
    /// 1-based page number.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub page: Option<u32>,
    /// Items per page, kept within 1..=300.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub page_size: Option<u32>,
}

impl Decode for LookupQuery {
    fn decode(value: &Json) -> Result<Self, Mismatch> {
        let fields = Fields::of(value)?;
        Ok(LookupQuery {
            name: fields.opt_text("name")?,
            page: fields.whole("page")?,
            page_size: fields.whole("page_size")?,
        })
    }
}

/// An item type served by a lookup endpoint.
pub trait LookupItem: Decode {
    /// Collection path.
    const PATH: &'static str;
    /// Fields asked for with `field=`; empty where the endpoint has no `field` parameter.
    const FIELDS: &'static [&'static str];
}

impl LookupItem for SourceResource {
    const PATH: &'static str = "/api/marketplace-resources/";
    const FIELDS: &'static [&'static str] = &[
        "uuid",
        "name",
        "resource_uuid",
        "offering_name",
        "project_name",
        "customer_name",
        "customer_uuid",
        "state",
        "limits",
    ];
}

impl LookupItem for DestinationOffering {
    const PATH: &'static str = "/api/marketplace-public-offerings/";
    const FIELDS: &'static [&'static str] = &["uuid", "name", "customer_name", "scope_uuid", "plans"];
}

impl LookupItem for VolumeType {
    const PATH: &'static str = "/api/openstack-volume-types/";
    const FIELDS: &'static [&'static str] = &[];
}

impl LookupItem for Network {
    const PATH: &'static str = "/api/openstack-networks/";
    const FIELDS: &'static [&'static str] = &["uuid", "name", "subnets"];
}

impl LookupItem for Subnet {
    const PATH: &'static str = "/api/openstack-subnets/";
    const FIELDS: &'static [&'static str] = &["uuid", "name", "cidr", "network_name"];
}

/// A fixed filter of a lookup, by what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Filter {
    /// A constant parameter (`offering_type=OpenStack.Tenant`), sent as is.
    Constant(&'static str, &'static str),
    /// The uuid of the tenant or cloud the lookup is about: required, checked, sent as 32 hex.
    Uuid(&'static str, String),
}

/// One page of a lookup, with its fixed filters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListLookup<T> {
    filters: Vec<Filter>,
    /// Search and paging.
    pub query: LookupQuery,
    item: PhantomData<fn() -> T>,
}

impl<T> ListLookup<T> {
    fn with_filters(filters: Vec<Filter>, query: LookupQuery) -> Self {
        ListLookup { filters, query, item: PhantomData }
    }
}

impl ListLookup<SourceResource> {
    /// OpenStack tenants the user can migrate: `offering_type=OpenStack.Tenant`.
    pub fn source_resources(query: LookupQuery) -> Self {
        Self::with_filters(vec![Filter::Constant("offering_type", "OpenStack.Tenant")], query)
    }
}

impl ListLookup<DestinationOffering> {
    /// Offerings a tenant can be migrated to: `type=OpenStack.Tenant`.
    pub fn destination_offerings(query: LookupQuery) -> Self {
        Self::with_filters(vec![Filter::Constant("type", "OpenStack.Tenant")], query)
    }

    /// Offerings the organisation `customer_uuid` may order (`allowed_customer_uuid`), as
    /// HomePort offers them for a migration of that organisation's tenant.
    pub fn destination_offerings_for(customer_uuid: &str, query: LookupQuery) -> Self {
        Self::with_filters(
            vec![
                Filter::Constant("type", "OpenStack.Tenant"),
                Filter::Uuid("allowed_customer_uuid", customer_uuid.to_owned()),
            ],
            query,
        )
    }
}

impl ListLookup<VolumeType> {
    /// Every volume type the user can see (to name the uuids in stored mappings).
    pub fn volume_types(query: LookupQuery) -> Self {
        Self::with_filters(Vec::new(), query)
    }

    /// Volume types of a source tenant (the source resource's `resource_uuid`).
    pub fn volume_types_of_tenant(tenant_uuid: &str, query: LookupQuery) -> Self {
        Self::with_filters(vec![Filter::Uuid("tenant_uuid", tenant_uuid.to_owned())], query)
    }

    /// Volume types of a destination cloud (the offering's `scope_uuid`).
    pub fn volume_types_of_settings(settings_uuid: &str, query: LookupQuery) -> Self {
        Self::with_filters(vec![Filter::Uuid("settings_uuid", settings_uuid.to_owned())], query)
    }
}

impl ListLookup<Network> {
    /// Networks of a source tenant: its own (`direct_only=true`), not the shared ones it sees.
    pub fn networks(tenant_uuid: &str, query: LookupQuery) -> Self {
        Self::with_filters(
            vec![Filter::Uuid("tenant_uuid", tenant_uuid.to_owned()), Filter::Constant("direct_only", "true")],
            query,
        )
    }
}

impl ListLookup<Subnet> {
    /// Subnets of a source tenant.
    pub fn subnets(tenant_uuid: &str, query: LookupQuery) -> Self {
        Self::with_filters(vec![Filter::Uuid("tenant_uuid", tenant_uuid.to_owned())], query)
    }
}

/// The request of a lookup, compiled once for every item type.
fn lookup_request(
    path: &'static str,
    fields: &'static [&'static str],
    filters: &[Filter],
    query: &LookupQuery,
) -> Result<HttpRequest, Error> {
    let mut request = ListRequest::new(Method::Get, path);
    for filter in filters {
        request = match filter {
            Filter::Constant(key, value) => request.param(key, value),
            Filter::Uuid(key, value) => request.required_uuid(key, value),
        };
    }
    request = request.search("name", query.name.as_deref());
    for field in fields {
        request = request.param("field", field);
    }
    request.paging(query.page, query.page_size).build()
}

impl<T: LookupItem> Endpoint for ListLookup<T> {
    type Output = Page<T>;

    fn request(&self) -> Result<HttpRequest, Error> {
        lookup_request(T::PATH, T::FIELDS, &self.filters, &self.query)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Page<T>, Error> {
        let (page, page_size) = page_and_size(self.query.page, self.query.page_size);
        parse_page(response, page, page_size)
    }
}
