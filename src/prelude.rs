//! What the standard prelude would bring, for the builds without `std` (the npm packages and
//! the page): every module starts with `use crate::prelude::*;`.

#![allow(unused_imports)]

pub(crate) use alloc::borrow::ToOwned;
pub(crate) use alloc::boxed::Box;
pub(crate) use alloc::string::{String, ToString};
pub(crate) use alloc::vec::Vec;
pub(crate) use alloc::{format, vec};
