//! A fake Waldur server for `/api/openstack-migrations/` and the lookups its create form uses,
//! behaving like the real one (see `spec/waldur-api.md`): the demo backend and the test
//! target of waldur-migrations. `docs/fake-waldur.md` describes it.

pub mod api;
pub mod app;
pub mod config;
pub mod control;
pub mod create;
pub mod drf;
pub mod faults;
pub mod http;
pub mod lookups;
pub mod paging;
pub mod statics;
pub mod texts;
pub mod wire;
pub mod world;

pub use app::{bind, serve, spawn, App};
pub use config::Config;
