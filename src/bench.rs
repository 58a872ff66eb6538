//! Exports used only by the benchmarks (`cargo xtask bench`, feature `bench`): decoding into
//! typed structs without handing the result to JS, and the migrations table fed directly.

use crate::prelude::*;

use crate::components::{migration_table, TableOptions};
use crate::model::{Decode, MigrationDetails};
use crate::view::dom::{h, mount_to, Mounted};
use crate::view::{RwSignal, Signal};
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
    view: Option<Mounted>,
}

#[wasm_bindgen]
impl BenchTable {
    /// Mounts an empty table into `container`.
    #[wasm_bindgen(constructor)]
    pub fn new(container: web_sys::HtmlElement) -> BenchTable {
        let now = js_sys::Date::now() as i64;
        let mut rows = None;
        let view = mount_to(&container, || {
            let data = RwSignal::new(Vec::new());
            rows = Some(data);
            let table = migration_table(TableOptions {
                rows: data.into(),
                now: Signal::stored(now),
                on_select: None,
                staff: Signal::stored(false),
                busy: Signal::stored(false),
            });
            h("div").class("wm-root").child(table).into_view()
        });
        let rows = rows.unwrap_or_else(|| RwSignal::new(Vec::new()));
        BenchTable { rows, staged: Vec::new(), view: Some(view) }
    }

    /// Decodes the rows to show next (a JSON list body).
    pub fn stage(&mut self, rows: js_sys::JsString) {
        self.staged = decode(&rows).unwrap_or_default();
    }

    /// Shows the staged rows (the DOM is updated before this returns).
    pub fn show(&mut self) {
        self.rows.set(core::mem::take(&mut self.staged));
    }

    /// Removes the table.
    pub fn unmount(&mut self) {
        self.view.take();
    }
}
