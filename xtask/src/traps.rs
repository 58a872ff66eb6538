//! Each call of a panic made the trap it ends in. The released builds' panic handler is one
//! `unreachable` (src/lib.rs), so every panic (an index out of bounds, a `RefCell` borrowed
//! twice, an `async fn` polled after it ended, ...) traps after gathering its message for the
//! handler, which ignores it. The call becomes `unreachable` where it is; wasm-opt then drops
//! the message's arguments and the panic functions themselves.

use std::collections::HashSet;
use wasm_encoder::reencode::{utils, Error, Reencode};
use wasm_encoder::{Instruction, Module};
use wasmparser::{Operator, Parser, Payload};

/// The panic handler of the released builds.
const HANDLER: &str = "__rustc::rust_begin_unwind";

/// Whether a function of that (plain) name only panics: the standard library's panic entry
/// points, all of which end in the handler.
fn is_panic(name: &str) -> bool {
    const EXACT: &[&str] = &[
        HANDLER,
        "core::option::expect_failed",
        "core::option::unwrap_failed",
        "core::result::unwrap_failed",
        "core::cell::panic_already_borrowed",
        "core::cell::panic_already_mutably_borrowed",
        "core::cell::lazy::panic_poisoned",
        "core::str::slice_error_fail",
        "alloc::raw_vec::capacity_overflow",
        "alloc::raw_vec::handle_error",
        "alloc::alloc::handle_alloc_error",
        "__rustc::__rust_alloc_error_handler",
        "__rustc::__rdl_alloc_error_handler",
    ];
    EXACT.contains(&name)
        || name.starts_with("core::panicking::")
        || (name.starts_with("core::slice::index::") && name.ends_with("_fail"))
}

/// Rewrites calls of `panics` (function indices) as `unreachable`, counting them.
struct Traps {
    panics: HashSet<u32>,
    made: usize,
}

impl Reencode for Traps {
    type Error = String;

    fn instruction<'a>(&mut self, arg: Operator<'a>) -> Result<Instruction<'a>, Error<String>> {
        match arg {
            Operator::Call { function_index } if self.panics.contains(&function_index) => {
                self.made += 1;
                Ok(Instruction::Unreachable)
            }
            other => utils::instruction(self, other),
        }
    }
}

/// `bytes` with every call of a panic function made `unreachable`, and how many. Unchanged
/// unless the module's panic handler is one `unreachable`.
pub fn trapping(bytes: &[u8]) -> Result<(Vec<u8>, usize), String> {
    let names = crate::dead::defined_names(bytes)?.ok_or("the module has no names")?;
    let mut imported = 0;
    let mut bodies = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| e.to_string())? {
            Payload::ImportSection(reader) => imported += crate::dead::imported_functions(reader)?,
            Payload::CodeSectionEntry(body) => bodies.push(body.range()),
            _ => {}
        }
    }
    let body = |at: u32| bodies.get(at as usize).and_then(|range| bytes.get(range.clone()));
    let handler = names.iter().find(|(_, name)| crate::dead::plain(name) == HANDLER).map(|(&at, _)| at);
    if handler.and_then(body) != Some(&[0x00, 0x00, 0x0b][..]) {
        return Ok((bytes.to_vec(), 0));
    }
    let panics =
        names.iter().filter(|(_, name)| is_panic(&crate::dead::plain(name))).map(|(&at, _)| imported + at).collect();
    let mut traps = Traps { panics, made: 0 };
    let mut module = Module::new();
    traps.parse_core_module(&mut module, Parser::new(0), bytes).map_err(|e| format!("{e:?}"))?;
    Ok((module.finish(), traps.made))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testwasm::{bodies, TestModule};

    /// Functions of type `() -> ()` named `names`, with bodies `bodies`.
    fn module<'a>(names: &[&'a str], bodies: &[&[Instruction<'a>]]) -> Vec<u8> {
        TestModule {
            bodies: bodies.iter().map(|body| body.to_vec()).collect(),
            names: names.iter().enumerate().map(|(at, &name)| (at as u32, name)).collect(),
            ..TestModule::default()
        }
        .finish()
    }

    const NAMES: [&str; 4] = [
        "__rustc[b7974e8690430dd9]::rust_begin_unwind",
        "core[c5930c85a12de822]::panicking::panic_fmt",
        "waldur_migrations::page::parse_link_header::h0123456789abcdef",
        "waldur_migrations::json::write::JsonWriter::quoted::h0123456789abcdef",
    ];

    #[test]
    fn calls_of_panics_become_traps_and_others_stay() {
        let bytes = module(
            &NAMES,
            &[
                &[Instruction::Unreachable],
                &[Instruction::Call(0), Instruction::Unreachable],
                &[Instruction::Call(3), Instruction::Call(1), Instruction::Call(0)],
                &[Instruction::Nop],
            ],
        );
        let (out, made) = trapping(&bytes).unwrap();
        wasmparser::Validator::new().validate_all(&out).unwrap();
        assert_eq!(made, 3);
        let after = bodies(&out);
        // `call 3` (0x10 0x03) stays; `call 1` and `call 0` are `unreachable` (0x00).
        assert_eq!(after[2], vec![0x00, 0x10, 0x03, 0x00, 0x00, 0x0b]);
        assert_eq!(after[1], vec![0x00, 0x00, 0x00, 0x0b]);
        assert_eq!(after[3], bodies(&bytes)[3]);
    }

    #[test]
    fn nothing_changes_where_the_handler_does_more_than_trap() {
        let bytes = module(
            &NAMES,
            &[&[Instruction::Call(3), Instruction::Unreachable], &[Instruction::Call(0)], &[Instruction::Call(1)], &[]],
        );
        assert_eq!(trapping(&bytes).unwrap(), (bytes, 0));
    }

    #[test]
    fn panic_entry_points_are_known_by_name() {
        for name in ["core::panicking::panic_bounds_check", "core::slice::index::slice_index_fail", HANDLER] {
            assert!(is_panic(name), "{name}");
        }
        for name in ["core::slice::index::get", "waldur_migrations::error::Error::panic_free", "core::fmt::write"] {
            assert!(!is_panic(name), "{name}");
        }
    }
}
