//! The lookups several components search: source resources (the list's filters, the create
//! form) and destination offerings (the create form, limited to what the source's
//! organisation may order, as HomePort does).

use crate::prelude::*;

use super::context::ClientHandle;
use crate::model::{DestinationOffering, SourceResource};
use crate::transport::AbortSignal;
use crate::{Error, LookupQuery};

/// How many matches a picker shows.
const MATCHES: u32 = 20;

fn search_query(text: String) -> LookupQuery {
    LookupQuery { name: Some(text).filter(|t| !t.is_empty()), page_size: Some(MATCHES), ..Default::default() }
}

/// Source resources (OpenStack tenants) whose name contains `text`.
pub(crate) async fn search_resources(
    client: ClientHandle,
    text: String,
    signal: AbortSignal,
) -> Result<Vec<SourceResource>, Error> {
    Ok(client.get()?.source_resources(search_query(text)).signal(signal).await?.items)
}

/// Destination offerings whose name contains `text`, those the customer of the chosen source
/// may order when there is one (`allowed_customer_uuid`).
pub(crate) async fn search_offerings(
    client: ClientHandle,
    customer: Option<String>,
    text: String,
    signal: AbortSignal,
) -> Result<Vec<DestinationOffering>, Error> {
    let query = search_query(text);
    let client = client.get()?;
    let call = match customer {
        Some(customer) => client.destination_offerings_for(&customer, query),
        None => client.destination_offerings(query),
    };
    Ok(call.signal(signal).await?.items)
}
