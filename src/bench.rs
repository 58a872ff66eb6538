//! Exports used only by the benchmarks (`cargo xtask bench`, feature `bench`): decoding into
//! typed structs without handing the result to JS, and the migrations table fed directly.

use crate::model::{Decode, MigrationDetails};
use crate::ui::MigrationTable;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// A list body (as the transport receives it, a JS string) parsed by the engine and decoded
/// into typed migrations, as a list call does.
fn decode(text: &js_sys::JsString) -> Option<Vec<MigrationDetails>> {
    let parsed = crate::json::Json::parse_js(text).ok()?;
    Vec::<MigrationDetails>::decode(&parsed).ok()
}

/// Decodes a list body into typed migrations; returns how many (or -1 when it does not decode).
#[wasm_bindgen(js_name = benchDecode)]
pub fn bench_decode(text: js_sys::JsString) -> i32 {
    decode(&text).map_or(-1, |items| i32::try_from(items.len()).unwrap_or(i32::MAX))
}

/// The migrations table mounted into an element. Rows are decoded by `stage` (not timed: the
/// decoding has its own measure) and shown by `show` (timed).
#[wasm_bindgen]
pub struct BenchTable {
    rows: RwSignal<Vec<MigrationDetails>>,
    staged: Vec<MigrationDetails>,
    view: Option<Box<dyn std::any::Any>>,
}

#[wasm_bindgen]
impl BenchTable {
    /// Mounts an empty table into `container`.
    #[wasm_bindgen(constructor)]
    pub fn new(container: web_sys::HtmlElement) -> BenchTable {
        let data = RwSignal::new(Vec::new());
        let now = js_sys::Date::now() as i64;
        let view = leptos::mount::mount_to(container, move || {
            view! { <div class="wm-root"><MigrationTable rows=data now=Signal::stored(now) /></div> }
        });
        BenchTable { rows: data, staged: Vec::new(), view: Some(Box::new(view)) }
    }

    /// Decodes the rows to show next (a JSON list body).
    pub fn stage(&mut self, rows: js_sys::JsString) {
        self.staged = decode(&rows).unwrap_or_default();
    }

    /// Shows the staged rows (the DOM follows on the next microtask).
    pub fn show(&mut self) {
        self.rows.set(std::mem::take(&mut self.staged));
    }

    /// Removes the table.
    pub fn unmount(&mut self) {
        self.view.take();
    }
}
