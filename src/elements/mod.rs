//! Custom elements and mount functions (feature `elements`): the npm elements package. Any web
//! app (React, Vue, plain HTML) can show the components:
//!
//! - `<waldur-migration-list src-resource page-size>`, `<waldur-migration-details uuid>`,
//!   `<waldur-migration-create>`: defined when the module initialises; configured by
//!   `setConfig()` or their `client` property (never a token in an attribute).
//! - Events, bubbling and composed, with the migration in `detail`: `migration-select`,
//!   `migration-created`, `migration-updated`, `migration-deleted`.
//! - `mountMigrationList(element, options)` and friends return a `MountHandle` whose
//!   `unmount()` (or `free()`) removes the view and aborts its requests.
//! - Language: the element's `lang` (or the nearest ancestor's, or the document's, followed as
//!   it changes) picks the catalog registered with `setMessages(locale, catalog)`; a change
//!   re-renders the texts without a new request.

use crate::prelude::*;

mod language;

pub use language::set_messages;

use crate::components::{
    migration_create_form, migration_details, migration_list, migrations_provider, CreateOptions, DetailsOptions,
    ListFilters, ListOptions, ProviderOptions,
};
use crate::js::{global_config, JsConfig};
use crate::model::MigrationDetails;
use crate::view::dom::{h, listen, mount_to, window, Mounted, View};
use crate::view::tasks::spawn;
use crate::view::{Callback, Owner, RwSignal, Signal};
use alloc::rc::Rc;
use core::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/src/elements/define.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElements)]
    fn define_elements(mount: &js_sys::Function);
}

/// Which component an element shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    List,
    Details,
    Create,
}

/// What a mount needs besides the element.
#[derive(Clone, Default)]
struct Options {
    src_resource: Option<String>,
    dst_resource: Option<String>,
    page_size: Option<u32>,
    uuid: Option<String>,
    refresh_ms: Option<u64>,
    resource_href: Option<String>,
    staff: Option<bool>,
    lang: Option<String>,
}

/// A mounted view; `unmount()` (or `free()`) removes it and aborts its requests.
#[wasm_bindgen]
pub struct MountHandle {
    state: Rc<RefCell<MountState>>,
}

struct MountState {
    cancelled: bool,
    view: Option<Mounted>,
    /// Owns what outlives one view of the mount (its `lang`).
    owner: Owner,
    /// The element's own `lang`, followed without remounting.
    lang: RwSignal<Option<String>>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Follows a new `lang` of the element (its texts change, nothing is fetched again).
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] lang: JsValue) {
        let lang = lang.as_string();
        if let Ok(state) = self.state.try_borrow() {
            let signal = state.lang;
            drop(state);
            signal.set(lang);
        }
    }

    /// Removes the view and aborts its requests. Safe to call twice.
    pub fn unmount(&self) {
        let (view, owner) = {
            let Ok(mut state) = self.state.try_borrow_mut() else { return };
            state.cancelled = true;
            (state.view.take(), state.owner)
        };
        drop(view);
        owner.dispose();
    }
}

impl Drop for MountHandle {
    fn drop(&mut self) {
        self.unmount();
    }
}

/// Sends `name` from `host`, bubbling and composed, with `migration` in `detail`.
fn dispatch(host: &web_sys::HtmlElement, name: &str, migration: &MigrationDetails) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&crate::js::to_js_value(migration));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// Calls the element's `reflectAttribute` (custom elements only).
fn reflect(host: &web_sys::HtmlElement, attribute: &str, value: Option<String>) {
    let Ok(method) = js_sys::Reflect::get(host, &"reflectAttribute".into()) else { return };
    if let Some(method) = method.dyn_ref::<js_sys::Function>() {
        let value = value.map_or(JsValue::NULL, |v| JsValue::from_str(&v));
        let _ = method.call2(host, &JsValue::from_str(attribute), &value);
    }
}

fn view_of(kind: Kind, host: web_sys::HtmlElement, options: Options) -> View {
    match kind {
        Kind::List => {
            let on_select = {
                let host = host.clone();
                Callback::new(move |m: MigrationDetails| dispatch(&host, "migration-select", &m))
            };
            let on_filters = Callback::new(move |filters: ListFilters| {
                reflect(&host, "src-resource", filters.src_resource);
                reflect(&host, "dst-resource", filters.dst_resource);
                reflect(&host, "page-size", Some(crate::json::u64_text(u64::from(filters.page_size))));
            });
            // Migrations created, changed or deleted by other elements on the page show here too.
            let reload = RwSignal::new(0u64);
            for name in ["migration-created", "migration-updated", "migration-deleted"] {
                listen(window().as_ref(), name, move |_| reload.update(|n| *n += 1));
            }
            migration_list(ListOptions {
                src_resource: options.src_resource,
                dst_resource: options.dst_resource,
                page_size: options.page_size.unwrap_or(10),
                refresh_ms: options.refresh_ms.unwrap_or(3000),
                on_select: Some(on_select),
                on_filters: Some(on_filters),
                reload: Some(reload.into()),
            })
        }
        Kind::Details => {
            let updated = {
                let host = host.clone();
                Callback::new(move |m: MigrationDetails| dispatch(&host, "migration-updated", &m))
            };
            let deleted = Callback::new(move |m: MigrationDetails| dispatch(&host, "migration-deleted", &m));
            migration_details(DetailsOptions {
                uuid: Signal::stored(options.uuid.unwrap_or_default()),
                on_updated: Some(updated),
                on_deleted: Some(deleted),
                refresh_ms: options.refresh_ms.unwrap_or(2000),
            })
        }
        Kind::Create => {
            let created = Callback::new(move |m: MigrationDetails| dispatch(&host, "migration-created", &m));
            migration_create_form(CreateOptions { on_created: Some(created), on_cancel: None })
        }
    }
}

/// Mounts `kind` into `host` with the client of `config`. The client is built first (an
/// `auth` function may be async), so the view appears on the next tick; unmounting before
/// that mounts nothing.
fn mount(kind: Kind, host: web_sys::HtmlElement, config: JsConfig, options: Options) -> MountHandle {
    language::follow_document_lang();
    let owner = Owner::root();
    let own_lang = owner.with(|| RwSignal::new(options.lang.clone()));
    let state = Rc::new(RefCell::new(MountState { cancelled: false, view: None, owner, lang: own_lang }));
    let handle = MountHandle { state: state.clone() };
    spawn(async move {
        let client = config.client().await;
        if state.try_borrow().map_or(true, |state| state.cancelled) {
            return;
        }
        let target = host.clone();
        let view = mount_to(&target, move || match client {
            Ok(client) => {
                let locale = language::locale_of(&host, own_lang.into());
                let messages = language::catalog_of(locale);
                let provider = ProviderOptions {
                    client,
                    locale: Some(locale),
                    messages: Some(messages),
                    resource_href: options.resource_href.clone(),
                    staff: options.staff,
                };
                migrations_provider(provider, move || view_of(kind, host, options))
            }
            Err(error) => h("p").class("wm-root wm-banner").attr("role", "alert").child(error.message()).into_view(),
        });
        if let Ok(mut state) = state.try_borrow_mut() {
            state.view = Some(view);
        }
    });
    handle
}

fn attribute(host: &web_sys::HtmlElement, name: &str) -> Option<String> {
    host.get_attribute(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn config_for(client: &JsValue) -> JsConfig {
    crate::js::client_config(client).unwrap_or_else(global_config)
}

#[wasm_bindgen(start)]
fn define() {
    let mount_element = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> MountHandle>::new(
        |kind: JsValue, host: JsValue, client: JsValue| {
            let host: web_sys::HtmlElement = host.unchecked_into();
            let kind = match kind.as_string().as_deref() {
                Some("details") => Kind::Details,
                Some("create") => Kind::Create,
                _ => Kind::List,
            };
            let options = Options {
                src_resource: attribute(&host, "src-resource"),
                dst_resource: attribute(&host, "dst-resource"),
                page_size: attribute(&host, "page-size").and_then(|v| crate::json::parse_u32(&v)),
                uuid: attribute(&host, "uuid"),
                refresh_ms: attribute(&host, "refresh-ms").and_then(|v| crate::json::parse_u64(&v)),
                resource_href: attribute(&host, "resource-href"),
                staff: attribute(&host, "staff").map(|v| v != "false"),
                lang: attribute(&host, "lang"),
            };
            mount(kind, host, config_for(&client), options)
        },
    );
    define_elements(mount_element.as_ref().unchecked_ref());
    // The elements live as long as the page: so does their mount function.
    mount_element.forget();
}

fn options_of(value: &JsValue) -> Options {
    use crate::model::decode::Fields;
    let json = crate::json::Json::from_js(value.clone());
    let Ok(fields) = Fields::of(&json) else { return Options::default() };
    let string = |key| fields.opt_text(key).ok().flatten().filter(|v| !v.trim().is_empty());
    let number = |key| fields.whole(key).ok().flatten();
    Options {
        src_resource: string("srcResource"),
        dst_resource: string("dstResource"),
        page_size: number("pageSize"),
        uuid: string("uuid"),
        refresh_ms: number("refreshMs").map(u64::from),
        resource_href: string("resourceHref"),
        staff: fields.raw("staff").and_then(|v| v.as_bool()),
        lang: string("lang"),
    }
}

fn client_option(options: &JsValue) -> JsValue {
    crate::json::Json::from_js(options.clone()).get("client").map(|c| c.as_js().clone()).unwrap_or(JsValue::UNDEFINED)
}

/// Mounts the migration list into `element`: `{ client?, srcResource?, dstResource?, pageSize?,
/// refreshMs?, resourceHref?, staff?, lang? }`.
#[wasm_bindgen(js_name = mountMigrationList)]
pub fn mount_migration_list(
    element: web_sys::HtmlElement,
    #[wasm_bindgen(unchecked_optional_param_type = "MountOptions")] options: JsValue,
) -> MountHandle {
    let config = config_for(&client_option(&options));
    mount(Kind::List, element, config, options_of(&options))
}

/// Mounts one migration's details into `element`: `{ uuid, client?, refreshMs? }`.
#[wasm_bindgen(js_name = mountMigrationDetails)]
pub fn mount_migration_details(
    element: web_sys::HtmlElement,
    #[wasm_bindgen(unchecked_param_type = "MountOptions & { uuid: string }")] options: JsValue,
) -> MountHandle {
    let config = config_for(&client_option(&options));
    mount(Kind::Details, element, config, options_of(&options))
}

/// Mounts the create form into `element`: `{ client? }`.
#[wasm_bindgen(js_name = mountMigrationCreate)]
pub fn mount_migration_create(
    element: web_sys::HtmlElement,
    #[wasm_bindgen(unchecked_optional_param_type = "MountOptions")] options: JsValue,
) -> MountHandle {
    let config = config_for(&client_option(&options));
    mount(Kind::Create, element, config, options_of(&options))
}

#[wasm_bindgen(typescript_custom_section)]
const ELEMENT_TYPES: &'static str = r#"
/** Options of the mount functions. */
export interface MountOptions {
  /** The client to use (else the configuration given to setConfig). */
  client?: WaldurMigrationsClient;
  /** List: initial source resource filter (a marketplace resource uuid). */
  srcResource?: string;
  /** List: initial destination resource filter. */
  dstResource?: string;
  /** List: items per page (10, 25, 50, 100 or 300). */
  pageSize?: number;
  /** Details: the migration. */
  uuid?: string;
  /** Interval of live updates while a migration is in progress. */
  refreshMs?: number;
  /** Link template of a destination resource in the host: `https://waldur.example.com/resources/{uuid}/`. */
  resourceHref?: string;
  /** Whether the user is staff (shows who created each migration); asked from the server when absent. */
  staff?: boolean;
  /** The interface language (else the element's or the document's `lang`). */
  lang?: string;
}

/** The events the elements send (bubbling, composed), with the migration in `detail`. */
export interface WaldurMigrationEventMap {
  "migration-select": CustomEvent<MigrationDetails>;
  "migration-created": CustomEvent<MigrationDetails>;
  "migration-updated": CustomEvent<MigrationDetails>;
  "migration-deleted": CustomEvent<MigrationDetails>;
}
"#;
