//! Per-thread globals that also work without `std`: `thread_local!` where `std` is linked, a
//! plain `static` in the `no_std` wasm builds (wasm without atomics has a single thread).

/// A value in a `static` of a single-threaded wasm build.
#[cfg(target_arch = "wasm32")]
pub(crate) struct Global<T>(T);

// SAFETY: wasm32 without the `atomics` target feature runs one thread; nothing is shared.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl<T> Sync for Global<T> {}

#[cfg(target_arch = "wasm32")]
impl<T> Global<T> {
    /// Wraps the initial value.
    pub(crate) const fn new(value: T) -> Self {
        Global(value)
    }

    /// Runs `f` with the value (the same signature as `LocalKey::with`).
    pub(crate) fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0)
    }
}

/// `global! { static NAME: Type = const_expression; }`: a `thread_local!` natively, a
/// [`Global`] on wasm; read either with `NAME.with(|value| ...)`.
#[allow(unused_macros)]
macro_rules! global {
    ($(#[$meta:meta])* static $name:ident: $ty:ty = $init:expr;) => {
        #[cfg(not(target_arch = "wasm32"))]
        std::thread_local! { $(#[$meta])* static $name: $ty = const { $init }; }
        #[cfg(target_arch = "wasm32")]
        $(#[$meta])* static $name: $crate::global::Global<$ty> = $crate::global::Global::new($init);
    };
}
#[allow(unused_imports)]
pub(crate) use global;
