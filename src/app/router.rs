//! Three routes on the History API: `/`, `/migrations/new`, `/migrations/<uuid>`. Links are
//! real `<a href>`s; a click is turned into `pushState`, and back/forward re-render the route.

use crate::prelude::*;

use crate::components::I18n;
use crate::global::Global;
use crate::view::dom::{document, listen, window};
use crate::view::tasks::request_animation_frame;
use crate::view::RwSignal;
use core::cell::Cell;
use wasm_bindgen::JsCast;

/// Where the page is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Route {
    /// The list, with its filters from the query string.
    List {
        /// `?src=`.
        src: Option<String>,
        /// `?dst=`.
        dst: Option<String>,
        /// `?page_size=`.
        page_size: u32,
    },
    /// The create form.
    New,
    /// One migration.
    Details(String),
    /// Anything else.
    #[default]
    NotFound,
}

/// Reads a route from a path and a query string (pure, so it is tested natively too).
pub fn parse(path: &str, query: &str) -> Route {
    let raw = |name: &str| {
        query.trim_start_matches('?').split('&').filter_map(|pair| pair.split_once('=')).find(|(key, _)| *key == name)
    };
    let param =
        |name: &str| raw(name).map(|(_, value)| value.to_owned()).filter(|value| crate::validate::is_valid_uuid(value));
    let mut segments = Vec::new();
    for segment in path.split('/') {
        if !segment.is_empty() {
            segments.push(segment);
        }
    }
    match segments.as_slice() {
        [] => Route::List {
            src: param("src"),
            dst: param("dst"),
            page_size: raw("page_size")
                .and_then(|(_, v)| crate::json::parse_u32(v))
                .filter(|size| crate::components::PAGE_SIZES.contains(size))
                .unwrap_or(10),
        },
        ["migrations", "new"] => Route::New,
        ["migrations", uuid] if crate::validate::is_valid_uuid(uuid) => Route::Details((*uuid).to_owned()),
        _ => Route::NotFound,
    }
}

fn current() -> Route {
    let location = window().location();
    parse(&location.pathname().unwrap_or_default(), &location.search().unwrap_or_default())
}

/// The route signal of the page, for [`navigate`].
static SET_ROUTE: Global<Cell<Option<RwSignal<Route>>>> = Global::new(Cell::new(None));

/// The current route, following back and forward.
pub fn use_route() -> RwSignal<Route> {
    let route = RwSignal::new(current());
    SET_ROUTE.with(|cell| cell.set(Some(route)));
    listen(window().as_ref(), "popstate", move |_| route.set(current()));
    route
}

/// Goes to `path` (pushes a history entry), then moves focus to the new screen's heading.
pub fn navigate(path: &str) {
    let Ok(history) = window().history() else { return };
    if history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path)).is_err() {
        return;
    }
    if let Some(route) = SET_ROUTE.with(Cell::get) {
        route.set(current());
    }
    request_animation_frame(|| {
        if let Some(heading) = document()
            .query_selector(".wm-screen-title")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = heading.focus();
        }
    });
}

/// Keeps the list's filters in the address, without a new history entry.
pub fn replace_query(src: Option<&str>, dst: Option<&str>, page_size: u32) {
    let mut params = Vec::new();
    if let Some(src) = src {
        params.push(crate::validate::concat(&["src=", src]));
    }
    if let Some(dst) = dst {
        params.push(crate::validate::concat(&["dst=", dst]));
    }
    if page_size != 10 {
        params.push(crate::validate::concat(&["page_size=", &crate::json::u64_text(u64::from(page_size))]));
    }
    let url = if params.is_empty() {
        "/".to_owned()
    } else {
        crate::validate::concat(&["/?", &crate::validate::join(&params, "&")])
    };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Click handler of in-page links: plain left clicks navigate without reloading.
pub fn follow(event: web_sys::Event) {
    let Some(click) = event.dyn_ref::<web_sys::MouseEvent>() else { return };
    if click.button() != 0 || click.ctrl_key() || click.meta_key() || click.shift_key() || click.alt_key() {
        return;
    }
    let Some(anchor) = event.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlAnchorElement>().ok()) else {
        return;
    };
    event.prevent_default();
    navigate(&anchor.pathname());
}

/// The document title of a route, in the interface's language.
pub fn set_title(route: &Route, i18n: I18n) {
    let title = match route {
        Route::List { .. } => "Migrations · Waldur",
        Route::New => "New migration · Waldur",
        Route::Details(_) => "Migration · Waldur",
        Route::NotFound => "Not found · Waldur",
    };
    document().set_title(&i18n.text(title));
}
