//! Functions kept behind a pointer. The vtable of a `dyn FnMut` also holds a `call_once` shim
//! (and a `dyn Fn` one a `call_mut` too), a copy of the call that nothing here uses but that
//! stays in the wasm, one per closure type: 245 of them in the elements package. These traits
//! have one entry each, and every closure of the right shape has them.

/// `FnMut() -> R` with a one-entry vtable.
pub trait Run<R = ()> {
    /// Calls it.
    fn run(&mut self) -> R;
}

impl<R, F: FnMut() -> R> Run<R> for F {
    fn run(&mut self) -> R {
        self()
    }
}

/// `FnMut(A) -> R` with a one-entry vtable.
pub trait RunWith<A, R = ()> {
    /// Calls it with `arg`.
    fn run_with(&mut self, arg: A) -> R;
}

impl<A, R, F: FnMut(A) -> R> RunWith<A, R> for F {
    fn run_with(&mut self, arg: A) -> R {
        self(arg)
    }
}

/// `Fn() -> R` with a one-entry vtable (shared behind an `Rc`).
pub trait Compute<R> {
    /// Calls it.
    fn compute(&self) -> R;
}

impl<R, F: Fn() -> R> Compute<R> for F {
    fn compute(&self) -> R {
        self()
    }
}

/// `Fn(A)` with a one-entry vtable (shared behind an `Rc`).
pub trait Handle<A> {
    /// Calls it with `arg`.
    fn handle(&self, arg: A);
}

impl<A, F: Fn(A)> Handle<A> for F {
    fn handle(&self, arg: A) {
        self(arg)
    }
}
