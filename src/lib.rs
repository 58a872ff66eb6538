//! Typed client for Waldur's `/api/openstack-migrations/`, faithful to how the real server
//! behaves (see `spec/waldur-api.md`), with JS bindings and components (also as Leptos
//! components) on top.
//!
//! Layers, each using only the ones above it:
//! - [`json`]: parsed JSON read through the platform (`JSON.parse` on wasm), and a writer;
//! - [`model`]: the API's types, decoding every spelling real servers send;
//! - [`validate`]: the server's own input rules and texts;
//! - [`http`], [`page`], [`endpoints`], [`retry`]: requests and responses as plain data, built
//!   and parsed by pure functions;
//! - [`transport`]: the only I/O (`fetch` on wasm);
//! - [`client`]: timeouts, retries, cancellation, `list_all`;
//! - `js` (feature `js`), the npm client;
//! - `view` (feature `components`): a small reactive DOM layer, and `components` on it;
//! - `ui` (feature `ui`): the components as Leptos components; `elements`, `app` (the page).
//!
//! ```no_run
//! # async fn example() -> Result<(), waldur_migrations::Error> {
//! use waldur_migrations::{Client, MigrationCreateRequest};
//! let client = Client::builder("https://waldur.example.com").token("your-api-token").build();
//! let created = client
//!     .create(MigrationCreateRequest {
//!         src_resource: "a45c8927e176455781f63e7c7baf9567".into(),
//!         dst_offering: "9d3d1c6e2b3b4f0e8a3f1d2c3b4a5e6f".into(),
//!         dst_plan: "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e".into(),
//!         ..Default::default()
//!     })
//!     .await?;
//! # Ok(()) }
//! ```
// The npm packages and the page are built without `std` (no formatting or panic machinery in
// the wasm: see docs/performance.md); with Leptos (feature `ui`), natively and in tests,
// `std` is there.
#![cfg_attr(all(target_arch = "wasm32", not(feature = "ui"), not(test)), no_std)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]
#![warn(missing_docs)]

#[cfg(all(feature = "page", target_arch = "wasm32"))]
pub mod app;
#[cfg(all(feature = "bench", target_arch = "wasm32"))]
pub mod bench;
extern crate alloc;

// `Run`, `Compute` and `Handle` serve the view layer only.
#[cfg_attr(not(feature = "components"), allow(dead_code))]
mod fns;
mod global;
mod prelude;

pub mod client;
#[cfg(all(feature = "components", target_arch = "wasm32"))]
pub mod components;
pub mod connection;
pub mod display;
#[cfg(all(feature = "elements", target_arch = "wasm32"))]
pub mod elements;
pub mod endpoints;
pub mod error;
pub mod http;
pub mod i18n;
#[cfg(all(feature = "components", target_arch = "wasm32"))]
pub mod intl;
#[cfg(all(feature = "js", target_arch = "wasm32"))]
pub mod js;
pub mod json;
pub mod model;
pub mod page;
pub mod retry;
pub mod transport;
#[cfg(all(feature = "ui", target_arch = "wasm32"))]
pub mod ui;
pub mod validate;
#[cfg(any(feature = "components", test))]
pub mod view;

pub use client::{AllPages, Call, CallFuture, Client, ClientBuilder, ListAllOptions};
pub use endpoints::{Endpoint, ListQuery, LookupQuery};
pub use error::{DecodeError, Error, ErrorKind, FieldErrors, HttpError};
pub use model::*;
pub use page::{Page, PageLink, PageLinks};
pub use retry::RetryPolicy;
pub use transport::{AbortController, AbortSignal};

/// The final artifacts built here without `std` (the npm packages and the page; not a Rust
/// program that uses this crate as a library, which brings its own): their allocator and panic
/// handler.
#[cfg(all(
    target_arch = "wasm32",
    not(target_feature = "atomics"),
    not(feature = "ui"),
    not(test),
    any(feature = "js", feature = "page")
))]
mod artifact {
    use core::alloc::{GlobalAlloc, Layout};

    /// Talc: 1.3 kB of wasm where std's dlmalloc takes 7 kB.
    struct Talc(talc::wasm::WasmDynamicTalc);

    // SAFETY: each method hands the call to Talc's own GlobalAlloc implementation unchanged.
    unsafe impl GlobalAlloc for Talc {
        #[inline(never)]
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            unsafe { self.0.alloc(layout) }
        }
        #[inline(never)]
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { self.0.dealloc(ptr, layout) }
        }
        #[inline(never)]
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            unsafe { self.0.realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Talc = Talc(talc::wasm::new_wasm_dynamic_allocator());

    /// A panic is a bug (no input may cause one): the module stops, as wasm's `panic = "abort"`
    /// does with `std`, but without std's formatting of the message, which nothing would show.
    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
        core::arch::wasm32::unreachable()
    }
}
