//! A JS call as plain state (a job): the requests it needs, the retries between attempts, what
//! each answer means, `listAll`'s pages and the class's create that fetches its migration. The
//! executor (`drive` in `transport/fetch.js`) does the I/O: it sends what the job asks, waits
//! where it says, watches the deadlines and the abort signal, and hands every answer back.
//! Nothing here awaits, so the npm packages carry no async state machine for their calls.
//!
//! The executor reads the job's answers as commands, arrays whose first item says what to do:
//! `[0, value]` resolve; `[1, error]` reject; `[2, id, method, url, headers, body, timeoutMs]`
//! send request `id` (`headers` as name, value, name, ...; `timeoutMs` covers its retries);
//! `[3, id, ms]` send request `id` again after `ms`.

use crate::prelude::*;

use super::call::{created_body, migrations_page, read, Plan, Reading, Style};
use super::config::{AuthSource, JsConfig};
use super::js_error;
use crate::client::{paging_hidden, Pages};
use crate::endpoints::{Endpoint, ListMigrations, ListQuery};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::json::{Json, JsonWriter};
use crate::retry::{Attempts, Next};
use crate::transport::TransportError;
use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the job is doing.
enum Work {
    /// One request, and what its answer is read as.
    One(Reading, Style),
    /// The class's create: its answer, and after the documented short body the newest
    /// migration of its source ([`Work::Newest`]).
    Create,
    /// The newest migration of a source: the last the server lists, one item per request
    /// (page 1 tells how many there are, then the last page is fetched).
    Newest(ListQuery),
    /// Every page of a list.
    All { query: ListQuery, pages: Pages<JsValue>, concurrency: usize, on_progress: Option<Function> },
}

/// A request of the job and what its answer is for.
struct Request {
    attempts: Attempts,
    /// The page it asks for, if a page.
    page: Option<u32>,
}

/// A call being driven by the executor (not part of the API: named so that no one takes it
/// for a part).
#[wasm_bindgen(skip_typescript, js_name = __WaldurMigrationsJob)]
pub struct Job {
    config: JsConfig,
    authorization: Option<String>,
    work: Work,
    /// By id; `None` once answered.
    requests: Vec<Option<Request>>,
    /// The first request, sent by [`Job::begin`].
    first: Option<HttpRequest>,
}

/// `listAll`'s settings.
pub(crate) struct AllSettings {
    pub page_size: Option<u32>,
    pub concurrency: Option<u32>,
    pub max_items: Option<u32>,
    pub on_progress: Option<Function>,
}

/// Commands for the executor.
type Commands = Array;

fn command(items: &[JsValue]) -> JsValue {
    items.iter().collect::<Array>().into()
}

fn resolved(value: JsValue) -> Commands {
    Array::of1(&command(&[0.into(), value]))
}

fn rejected(error: &Error) -> Commands {
    Array::of1(&command(&[1.into(), js_error(error)]))
}

impl Job {
    /// A job running `plan` against the server of `config`.
    pub(crate) fn new(plan: Plan, config: JsConfig, style: Style, all: AllSettings) -> Job {
        let (work, first) = match plan {
            Plan::One(request, reading) => (Work::One(reading, style), Some(request)),
            Plan::CreateFull(request) => (Work::Create, Some(request)),
            Plan::ListAll(query) => {
                let max_items = all.max_items.map(|n| n as usize);
                let pages = Pages::new(all.page_size.unwrap_or(crate::endpoints::MAX_PAGE_SIZE), max_items);
                let concurrency = all.concurrency.map_or(crate::ListAllOptions::default().concurrency, |n| n as usize);
                (Work::All { query, pages, concurrency, on_progress: all.on_progress }, None)
            }
        };
        Job { config, authorization: None, work, requests: Vec::new(), first }
    }

    /// The auth function, when the configuration has one: the executor calls it first.
    pub(crate) fn auth_function(&self) -> JsValue {
        match &self.config.auth {
            AuthSource::Function(function) => function.clone().into(),
            _ => JsValue::UNDEFINED,
        }
    }

    /// Sends `request` as request number `requests.len()`.
    fn send(&mut self, commands: &Commands, request: &HttpRequest, page: Option<u32>) {
        let id = self.requests.len() as u32;
        let timeout = self.config.timeout_ms;
        self.requests
            .push(Some(Request { attempts: Attempts::new(request.method, timeout, js_sys::Date::now()), page }));
        let headers = Array::new();
        for (name, value) in request.headers(self.authorization.as_deref(), self.config.language.as_deref()) {
            headers.push(&JsValue::from_str(name));
            headers.push(&JsValue::from_str(&value));
        }
        let url = request.url(&self.config.base_url);
        let body = request.body.as_deref().map_or(JsValue::UNDEFINED, JsValue::from_str);
        let timeout = timeout.map_or(JsValue::UNDEFINED, JsValue::from);
        commands.push(&command(&[
            2.into(),
            id.into(),
            request.method.as_str().into(),
            url.into(),
            headers.into(),
            body,
            timeout,
        ]));
    }

    /// Asks for page `page` of the list being walked.
    fn send_page(&mut self, commands: &Commands, page: u32) -> Result<(), Error> {
        let (query, size) = match &self.work {
            Work::All { query, pages, .. } => (query, pages.page_size()),
            Work::Newest(query) => (query, 1),
            _ => return Ok(()),
        };
        let query = ListQuery { page: Some(page), page_size: Some(size), ..query.clone() };
        let request = ListMigrations { query }.request()?;
        self.send(commands, &request, Some(page));
        Ok(())
    }

    /// Starts later pages up to the concurrency, or ends the walk once every page is back.
    fn fill(&mut self, commands: &Commands) -> Result<Option<JsValue>, Error> {
        let Work::All { pages, concurrency, .. } = &mut self.work else { return Ok(None) };
        let limit = (*concurrency).max(1);
        let mut wanted = Vec::new();
        let in_flight = self.requests.iter().flatten().count();
        while in_flight + wanted.len() < limit {
            match pages.next_page() {
                Some(next) => wanted.push(next),
                None => break,
            }
        }
        for page in wanted {
            self.send_page(commands, page)?;
        }
        let Work::All { pages, .. } = &mut self.work else { return Ok(None) };
        if !pages.complete() || self.requests.iter().any(Option::is_some) {
            return Ok(None);
        }
        let all = core::mem::replace(pages, Pages::new(1, None)).finish();
        let mut w = JsonWriter::new();
        w.begin_object().key("total");
        match all.total {
            Some(total) => w.u64(total),
            None => w.null(),
        };
        w.key("pages").u64(u64::from(all.pages)).end_object();
        let items: Array = all.items.iter().collect();
        super::call::with_member(&w.finish(), "items", &items).map(Some)
    }

    /// Tells `onProgress` how far the walk is.
    fn report(&self) {
        if let Work::All { pages, on_progress: Some(callback), .. } = &self.work {
            let (done, total) = pages.progress();
            let _ = callback.call2(&JsValue::NULL, &done.into(), &total.into());
        }
    }

    /// What request `id`'s final answer means.
    fn settle(&mut self, commands: &Commands, id: usize, response: HttpResponse) -> Result<Option<JsValue>, Error> {
        let page = self.requests.get_mut(id).and_then(Option::take).and_then(|request| request.page);
        match (&mut self.work, page) {
            (Work::One(reading, style), _) => read(*reading, *style, &response).map(Some),
            (Work::Create, _) => {
                let (value, full) = created_body(&response)?;
                if full {
                    return Ok(Some(value));
                }
                // The short body names the source resource: its newest migration is the one made.
                let src = Json::from_js(value).get("src_resource").and_then(|id| id.as_string()).unwrap_or_default();
                self.work = Work::Newest(ListQuery { src_resource_uuid: Some(src), ..Default::default() });
                self.send_page(commands, 1)?;
                Ok(None)
            }
            (Work::Newest(..), Some(number)) => {
                let page = migrations_page(&response, number, 1)?;
                // How many there are: the count, else the last link (a page holds one).
                let total = page.total.or_else(|| page.links.last.as_ref().map(|last| u64::from(last.page)));
                match total {
                    None => Err(paging_hidden()),
                    Some(total) if total > u64::from(number) && number == 1 => {
                        self.send_page(commands, u32::try_from(total).unwrap_or(u32::MAX))?;
                        Ok(None)
                    }
                    _ => page.items.into_iter().last().map(Some).ok_or_else(|| {
                        Error::undecodable(201, None, "the created migration is not in the list", &Default::default())
                    }),
                }
            }
            (Work::All { pages, .. }, Some(number)) => {
                let page = migrations_page(&response, number, pages.page_size())?;
                match number {
                    1 => pages.first(page)?,
                    _ => pages.landed(number, page.items),
                }
                self.report();
                self.fill(commands)
            }
            (Work::All { .. } | Work::Newest(..), None) => Ok(None),
        }
    }

    /// What follows the attempt of request `id` that ended with `attempt`.
    fn after(&mut self, id: u32, attempt: Result<HttpResponse, TransportError>) -> Commands {
        let id = id as usize;
        let Some(Some(request)) = self.requests.get_mut(id) else { return Array::new() };
        let commands = Array::new();
        let next = request.attempts.after(&self.config.retry, attempt, js_sys::Date::now(), js_sys::Math::random());
        let outcome = match next {
            Next::Retry(delay) => {
                commands.push(&command(&[3.into(), (id as u32).into(), (delay as f64).into()]));
                return commands;
            }
            Next::Done(Err(error)) => Err(error),
            Next::Done(Ok(response)) => self.settle(&commands, id, response),
        };
        match outcome {
            Ok(Some(value)) => resolved(value),
            Ok(None) => commands,
            Err(error) => rejected(&error),
        }
    }
}

#[wasm_bindgen(js_class = __WaldurMigrationsJob)]
impl Job {
    /// What the executor tells the job (`event`, about request `id`, with `value`), and what
    /// it is to do next (commands; for 4, the rejection): 0 start, `value` what the auth
    /// function gave; 1 an answer, `[status, content-type, link, retry-after, x-result-count,
    /// body text]` (an absent header `null`); 2 no answer, `value` the platform's message; 3
    /// the request's time is up; 4 stopped, `id` 0 by the abort signal, 1 by an auth function
    /// that threw or whose promise was rejected. One export, so one piece of glue.
    pub fn next(&mut self, event: u8, id: u32, value: JsValue) -> JsValue {
        match event {
            0 => self.begin(value).into(),
            1 => self.after(id, Ok(crate::transport::response_of(value.unchecked_ref()))).into(),
            2 => self.after(id, Err(TransportError(value.as_string().unwrap_or_default()))).into(),
            3 => self.expired(id).into(),
            _ => self.failure(id),
        }
    }
}

impl Job {
    /// Starts the job once the auth function (if any) gave `auth`.
    fn begin(&mut self, auth: JsValue) -> Commands {
        match &self.config.auth {
            AuthSource::None => {}
            AuthSource::Value(value) => self.authorization = Some(value.trim().to_owned()),
            AuthSource::Function(_) => match auth.as_string() {
                Some(value) => self.authorization = Some(value.trim().to_owned()),
                None => return rejected(&Error::usage("the auth function must return a string")),
            },
        }
        let commands = Array::new();
        let started = match self.first.take() {
            Some(request) => {
                self.send(&commands, &request, None);
                Ok(())
            }
            None => self.send_page(&commands, 1),
        };
        match started {
            Ok(()) => commands,
            Err(error) => rejected(&error),
        }
    }

    /// Request `id`'s time is up: the call fails, unless the request is already answered.
    fn expired(&self, id: u32) -> Commands {
        match self.requests.get(id as usize) {
            Some(Some(_)) => rejected(&Error::Timeout(self.config.timeout_ms.unwrap_or(0))),
            _ => Array::new(),
        }
    }

    /// The error of a call stopped by the executor: its abort signal (0) or an auth function
    /// that threw or whose promise was rejected (1).
    fn failure(&self, why: u32) -> JsValue {
        js_error(&match why {
            0 => Error::Aborted,
            _ => Error::usage("the auth function threw or its promise was rejected"),
        })
    }
}
