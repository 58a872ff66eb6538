//! The list endpoints the create form uses for its pickers, paginated like the migrations list,
//! searchable by `name`, and (but for volume types) trimmed to the used fields with `field=`.

use super::{check_filter_uuid, ok_or_invalid, page_and_size, paging, parse_page, Endpoint};
use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::model::{DestinationOffering, Network, SourceResource, Subnet, VolumeType};
use crate::page::Page;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::marker::PhantomData;

/// Search and paging of a lookup.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
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

/// An item type served by a lookup endpoint.
pub trait LookupItem: DeserializeOwned {
    /// Collection path.
    const PATH: &'static str;
    /// Fields asked for with `field=`; empty where the endpoint has no `field` parameter.
    const FIELDS: &'static [&'static str];
}

impl LookupItem for SourceResource {
    const PATH: &'static str = "/api/marketplace-resources/";
    const FIELDS: &'static [&'static str] =
        &["uuid", "name", "resource_uuid", "offering_name", "project_name", "customer_name", "state", "limits"];
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

/// One page of a lookup, with its fixed filters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListLookup<T> {
    filters: Vec<(&'static str, Option<String>)>,
    /// Search and paging.
    pub query: LookupQuery,
    item: PhantomData<fn() -> T>,
}

impl<T> ListLookup<T> {
    fn with_filters(filters: Vec<(&'static str, Option<String>)>, query: LookupQuery) -> Self {
        ListLookup { filters, query, item: PhantomData }
    }
}

impl ListLookup<SourceResource> {
    /// OpenStack tenants the user can migrate: `offering_type=OpenStack.Tenant`.
    pub fn source_resources(query: LookupQuery) -> Self {
        Self::with_filters(vec![("offering_type", Some("OpenStack.Tenant".into()))], query)
    }
}

impl ListLookup<DestinationOffering> {
    /// Offerings a tenant can be migrated to: `type=OpenStack.Tenant`.
    pub fn destination_offerings(query: LookupQuery) -> Self {
        Self::with_filters(vec![("type", Some("OpenStack.Tenant".into()))], query)
    }
}

impl ListLookup<VolumeType> {
    /// Every volume type the user can see (to name the uuids in stored mappings).
    pub fn volume_types(query: LookupQuery) -> Self {
        Self::with_filters(Vec::new(), query)
    }

    /// Volume types of a source tenant (the source resource's `resource_uuid`).
    pub fn volume_types_of_tenant(tenant_uuid: &str, query: LookupQuery) -> Self {
        Self::with_filters(vec![("tenant_uuid", Some(tenant_uuid.to_owned()))], query)
    }

    /// Volume types of a destination cloud (the offering's `scope_uuid`).
    pub fn volume_types_of_settings(settings_uuid: &str, query: LookupQuery) -> Self {
        Self::with_filters(vec![("settings_uuid", Some(settings_uuid.to_owned()))], query)
    }
}

impl ListLookup<Network> {
    /// Networks of a source tenant.
    pub fn networks(tenant_uuid: &str, query: LookupQuery) -> Self {
        Self::with_filters(vec![("tenant_uuid", Some(tenant_uuid.to_owned()))], query)
    }
}

impl ListLookup<Subnet> {
    /// Subnets of a source tenant.
    pub fn subnets(tenant_uuid: &str, query: LookupQuery) -> Self {
        Self::with_filters(vec![("tenant_uuid", Some(tenant_uuid.to_owned()))], query)
    }
}

impl<T: LookupItem> Endpoint for ListLookup<T> {
    type Output = Page<T>;

    fn request(&self) -> Result<HttpRequest, Error> {
        let mut errors = FieldErrors::new();
        let mut request = HttpRequest::new(Method::Get, T::PATH);
        for (key, value) in &self.filters {
            if key.ends_with("_uuid") {
                match check_filter_uuid(&mut errors, key, value.as_deref()) {
                    Some(id) => request = request.with_query(key, id),
                    None if !errors.get(key).is_empty() => {}
                    None => errors.add(*key, crate::validate::texts::REQUIRED),
                }
            } else if let Some(value) = value {
                request = request.with_query(key, value.clone());
            }
        }
        if let Some(name) = self.query.name.as_deref().map(str::trim).filter(|name| !name.is_empty()) {
            request = request.with_query("name", name);
        }
        for field in T::FIELDS {
            request = request.with_query("field", *field);
        }
        let request = paging(request, &mut errors, self.query.page, self.query.page_size);
        ok_or_invalid(errors)?;
        Ok(request)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Page<T>, Error> {
        let (page, page_size) = page_and_size(self.query.page, self.query.page_size);
        parse_page(response, page, page_size)
    }
}
