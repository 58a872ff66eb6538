//! A small reactive DOM layer, the components' own (feature `components`): signals, memos,
//! effects and owners named and used like Leptos's ([`handles`]), markup built straight into
//! the DOM ([`dom`]), and timers and tasks owned by a view ([`tasks`]).
//!
//! Why not Leptos here: the same components on Leptos 0.8 weighed 206 kB (brotli) in the
//! elements package, most of it Leptos's generic machinery compiled again for every value and
//! view type. This layer is non-generic where it does the work, needs no `std` (so no
//! formatting or panic machinery), and the Leptos components (feature `ui`) are built on it.

pub mod handles;
mod runtime;

#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(target_arch = "wasm32")]
pub mod tasks;

pub use handles::*;

#[cfg(test)]
mod tests;
