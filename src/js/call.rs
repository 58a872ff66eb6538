//! The one call path behind the seven functions and the client class: options read into typed
//! settings, the operation turned into a request and a parser, one client per call, one send,
//! and the result written as JSON text that the engine's `JSON.parse` turns into plain objects.

use crate::prelude::*;

use super::config::JsConfig;
use super::job::{AllSettings, Job};
use super::normalize;
use super::{invalid_input, js_error};
use crate::endpoints::{
    expect_status, page_and_size, parse_count, parse_destroyed, CountMigrations, CreateMigration, DestroyMigration,
    Endpoint, ListLookup, ListMigrations, ListQuery, LookupQuery, PartialUpdateMigration, RetrieveMigration,
    UpdateMigration,
};
use crate::http::{HttpRequest, HttpResponse};
use crate::json::{Json, JsonWriter, Kind};
use crate::model::decode::Fields;
use crate::model::schema::{
    Member, DESTINATION_OFFERING, MIGRATION_CREATE, MIGRATION_DETAILS, NETWORK, SOURCE_RESOURCE, SUBNET, VOLUME_TYPE,
};
use crate::model::{Decode, MigrationCreateRequest, MigrationDetailsRequest, Mismatch, PatchedMigrationDetailsRequest};
use crate::page::{parse_link_header, parse_result_count, Page};
use crate::Error;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A lookup of the create form.
pub(crate) enum Lookup {
    SourceResources,
    DestinationOfferings,
    VolumeTypes,
    VolumeTypesOfTenant(String),
    VolumeTypesOfSettings(String),
    Networks(String),
    Subnets(String),
}

/// What a call does.
pub(crate) enum Op {
    List(ListQuery),
    Count(ListQuery),
    Retrieve(String),
    Create(MigrationCreateRequest),
    Update(String, MigrationDetailsRequest),
    PartialUpdate(String, PatchedMigrationDetailsRequest),
    Destroy(String),
    ListAll(ListQuery),
    Lookup(Lookup, LookupQuery),
}

/// The shape of results: waldur-js-client's `{ data, ... }` or the class's plain values.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Functions,
    Class,
}

/// Per-call settings: `signal`, `timeoutMs`, and for `listAll` its paging options.
struct Settings {
    signal: JsValue,
    timeout_ms: Option<u32>,
    all: AllSettings,
}

fn settings(options: &Json) -> Result<Settings, Error> {
    let mut settings = Settings {
        signal: JsValue::UNDEFINED,
        timeout_ms: None,
        all: AllSettings { page_size: None, concurrency: None, max_items: None, on_progress: None },
    };
    if options.kind() == Kind::Null {
        return Ok(settings);
    }
    let fields = Fields::of(options).map_err(|m| invalid_input("options", m))?;
    let number = |key| fields.whole(key).map_err(|m| invalid_input("", m));
    if let Some(signal) = fields.raw("signal").filter(|value| value.as_js().is_instance_of::<web_sys::AbortSignal>()) {
        settings.signal = signal.as_js().clone();
    }
    settings.timeout_ms = number("timeoutMs")?;
    settings.all = AllSettings {
        page_size: number("pageSize")?,
        concurrency: number("concurrency")?,
        max_items: number("maxItems")?,
        on_progress: fields.raw("onProgress").and_then(|value| value.as_js().dyn_ref::<js_sys::Function>().cloned()),
    };
    Ok(settings)
}

/// Reads a part of the input (`query`, `body`) into its model; absent reads as the default.
pub(crate) fn input<T: Decode + Default>(value: Option<Json>, name: &str) -> Result<T, Error> {
    match value {
        Some(value) if value.kind() != Kind::Null => T::decode(&value).map_err(|m| invalid_input(name, m)),
        _ => Ok(T::default()),
    }
}

/// What the answer to a call's request is read as.
#[derive(Clone, Copy)]
pub(crate) enum Reading {
    /// A page (its number and size): the items of these members, kept under this key.
    Page(u32, u32, &'static [Member], &'static str),
    /// The count of a `HEAD`.
    Count,
    /// One migration.
    Details,
    /// A create's answer as the functions give it: `{ data, shape }`.
    Created,
    /// A delete's.
    Destroyed,
}

/// An operation ready to run.
pub(crate) enum Plan {
    /// One request, and what its answer is read as.
    One(HttpRequest, Reading),
    /// Every page of a list.
    ListAll(ListQuery),
    /// A create whose full migration is resolved, fetched after a short 201 body.
    CreateFull(HttpRequest),
}

fn undecodable(response: &HttpResponse, mismatch: Mismatch) -> Error {
    Error::undecodable(response.status, response.header("content-type"), mismatch.describe(), &response.body)
}

/// The parsed body of a `200` (or `expected`) answer.
fn body(response: &HttpResponse, expected: &[u16]) -> Result<JsValue, Error> {
    expect_status(response, expected)?;
    let parsed = response.body.json().map_err(|message| {
        Error::undecodable(response.status, response.header("content-type"), message, &response.body)
    })?;
    Ok(parsed.as_js().clone())
}

/// One migration (or other object of `members`), normalised.
fn item(response: &HttpResponse, members: &'static [Member]) -> Result<JsValue, Error> {
    let value = body(response, &[200])?;
    normalize::object(&value, members).map_err(|m| undecodable(response, m))?;
    Ok(value)
}

/// A page as the JS side keeps it: its items normalised, not decoded.
fn js_page(
    response: &HttpResponse,
    page: u32,
    page_size: u32,
    members: &'static [Member],
) -> Result<Page<JsValue>, Error> {
    let items = body(response, &[200])?;
    normalize::objects(&items, members).map_err(|m| undecodable(response, m))?;
    let array: js_sys::Array = items.unchecked_into();
    let mut list = Vec::with_capacity(array.length() as usize);
    for item in array.iter() {
        list.push(item);
    }
    Ok(Page {
        items: list,
        total: parse_result_count(response.header("x-result-count")),
        page,
        page_size,
        links: response.header("link").map(parse_link_header).unwrap_or_default(),
    })
}

pub(crate) fn migrations_page(response: &HttpResponse, page: u32, page_size: u32) -> Result<Page<JsValue>, Error> {
    js_page(response, page, page_size, MIGRATION_DETAILS)
}

fn optional_number(w: &mut JsonWriter, value: Option<u64>) {
    match value {
        Some(n) => w.u64(n),
        None => w.null(),
    };
}

/// A JS object from JSON text, with `key` set to `value`.
pub(crate) fn with_member(text: &str, key: &str, value: &JsValue) -> Result<JsValue, Error> {
    let object = js_sys::JSON::parse(text).map_err(|_| Error::usage("a result could not be handed to JS"))?;
    let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    Ok(object)
}

/// `{ data | items: [...], total, page, pageSize, pages, next, previous, pagingKnown, links }`.
fn page_result(page: &Page<JsValue>, items_key: &str) -> Result<JsValue, Error> {
    let mut w = JsonWriter::new();
    w.begin_object().key("total");
    optional_number(&mut w, page.total);
    w.key("page").u64(u64::from(page.page)).key("pageSize").u64(u64::from(page.page_size));
    for (key, value) in [("pages", page.page_count()), ("next", page.next_page()), ("previous", page.prev_page())] {
        w.key(key);
        optional_number(&mut w, value.map(u64::from));
    }
    w.bool_member("pagingKnown", !page.paging_unknown()).member("links", &page.links).end_object();
    let items: js_sys::Array = page.items.iter().collect();
    with_member(&w.finish(), items_key, &items)
}

/// `{ data: value }` for the functions, the value itself for the class.
fn data(value: JsValue, style: Style) -> Result<JsValue, Error> {
    match style {
        Style::Functions => with_member("{}", "data", &value),
        Style::Class => Ok(value),
    }
}

/// The result of an answer read as `reading`.
pub(crate) fn read(reading: Reading, style: Style, response: &HttpResponse) -> Result<JsValue, Error> {
    match reading {
        Reading::Page(page, size, members, key) => page_result(&js_page(response, page, size, members)?, key),
        Reading::Count => data(JsValue::from(parse_count(response)? as f64), style),
        Reading::Details => data(item(response, MIGRATION_DETAILS)?, style),
        Reading::Created => created(response),
        Reading::Destroyed => {
            parse_destroyed(response)?;
            data(JsValue::UNDEFINED, style)
        }
    }
}

fn plan(op: Op, style: Style) -> Result<Plan, Error> {
    let items_key = if style == Style::Functions { "data" } else { "items" };
    let (request, reading) = match op {
        Op::List(query) => {
            let (page, size) = page_and_size(query.page, query.page_size);
            (ListMigrations { query }.request(), Reading::Page(page, size, MIGRATION_DETAILS, items_key))
        }
        Op::Count(query) => (CountMigrations { query }.request(), Reading::Count),
        Op::Retrieve(uuid) => (RetrieveMigration { uuid }.request(), Reading::Details),
        Op::Create(body) if style == Style::Class => return Ok(Plan::CreateFull(CreateMigration { body }.request()?)),
        Op::Create(body) => (CreateMigration { body }.request(), Reading::Created),
        Op::Update(uuid, body) => (UpdateMigration { uuid, body }.request(), Reading::Details),
        Op::PartialUpdate(uuid, body) => (PartialUpdateMigration { uuid, body }.request(), Reading::Details),
        Op::Destroy(uuid) => (DestroyMigration { uuid }.request(), Reading::Destroyed),
        Op::ListAll(query) => {
            ListMigrations { query: query.clone() }.request()?;
            return Ok(Plan::ListAll(query));
        }
        Op::Lookup(which, query) => {
            let (page, size) = page_and_size(query.page, query.page_size);
            let (request, members) = match which {
                Lookup::SourceResources => (ListLookup::source_resources(query).request(), SOURCE_RESOURCE),
                Lookup::DestinationOfferings => {
                    (ListLookup::destination_offerings(query).request(), DESTINATION_OFFERING)
                }
                Lookup::VolumeTypes => (ListLookup::volume_types(query).request(), VOLUME_TYPE),
                Lookup::VolumeTypesOfTenant(uuid) => {
                    (ListLookup::volume_types_of_tenant(&uuid, query).request(), VOLUME_TYPE)
                }
                Lookup::VolumeTypesOfSettings(uuid) => {
                    (ListLookup::volume_types_of_settings(&uuid, query).request(), VOLUME_TYPE)
                }
                Lookup::Networks(uuid) => (ListLookup::networks(&uuid, query).request(), NETWORK),
                Lookup::Subnets(uuid) => (ListLookup::subnets(&uuid, query).request(), SUBNET),
            };
            (request, Reading::Page(page, size, members, "items"))
        }
    };
    Ok(Plan::One(request?, reading))
}

/// The 201 answer: the full migration (real servers) or the documented short body, normalised.
pub(crate) fn created_body(response: &HttpResponse) -> Result<(JsValue, bool), Error> {
    let full = body(response, &[200, 201])?;
    match normalize::object(&full, MIGRATION_DETAILS) {
        Ok(()) => Ok((full, true)),
        Err(mismatch) => {
            // Parsed again: the first attempt may have rewritten members before it failed.
            let short = body(response, &[200, 201])?;
            normalize::object(&short, MIGRATION_CREATE).map_err(|_| undecodable(response, mismatch))?;
            Ok((short, false))
        }
    }
}

/// The functions' create result: `{ data, shape }`.
fn created(response: &HttpResponse) -> Result<JsValue, Error> {
    let (value, full) = created_body(response)?;
    with_member(if full { r#"{"shape":"full"}"# } else { r#"{"shape":"documented"}"# }, "data", &value)
}

/// Runs `op` as a promise that resolves its result or rejects with a `WaldurMigrationsError`:
/// a [`Job`] driven by the executor of `transport/fetch.js`.
pub(crate) fn invoke(base: &JsConfig, options: JsValue, style: Style, op: Result<Op, Error>) -> Promise {
    let options = Json::from_js(options);
    let prepared = op.and_then(|op| Ok((plan(op, style)?, base.merged(&options)?, settings(&options)?)));
    match prepared {
        Ok((plan, mut config, settings)) => {
            config.timeout_ms = settings.timeout_ms.or(config.timeout_ms);
            let job = Job::new(plan, config, style, settings.all);
            let auth = job.auth_function();
            crate::transport::drive(job.into(), &auth, &settings.signal)
        }
        Err(error) => Promise::reject(&js_error(&error)),
    }
}
