//! Code the released wasm can never run but the linker keeps: the formatting behind panic
//! messages. The released builds' panic handler ignores its message (src/lib.rs) and nothing
//! else formats: `format!`, `write!` and `to_string` all go through `core::fmt::write`, which
//! is then not in the module, so no `Formatter` is ever made and no function that takes one
//! can be called. The linker keeps them all the same, because the panic sites' argument
//! tables point at them (`<u32 as Display>::fmt` for an index out of bounds, ...). Their bodies
//! become `unreachable`, and wasm-opt then drops what only they called (`Formatter::pad`'s
//! character count, ...): about 2.5 kB of wasm and 0.9 kB of brotli in each build.
//!
//! Functions are known by the names wasm-bindgen leaves (the released builds are linked with
//! them; wasm-opt drops them afterwards), so this runs between wasm-bindgen and wasm-opt. The
//! data only a panic message shows goes with them ([`crate::texts`]).

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use wasm_encoder::{CodeSection, Function, Instruction, Module, RawSection};
use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

/// The formatting traits whose `fmt` takes a `Formatter`.
const TRAITS: &[&str] =
    &["Display", "Debug", "LowerHex", "UpperHex", "Octal", "Binary", "LowerExp", "UpperExp", "Pointer"];

/// `name` without the crate disambiguators (`core[c5930c85a12de822]`) and the symbol hash
/// (`::h0123456789abcdef`) of demangled Rust names.
pub fn plain(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(at) = rest.find('[') {
        out.push_str(&rest[..at]);
        match rest[at..].find(']') {
            Some(end) if rest[at + 1..at + end].bytes().all(|b| b.is_ascii_hexdigit()) => rest = &rest[at + end + 1..],
            _ => {
                out.push('[');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    match out.rfind("::h") {
        Some(at) if out.len() - at == 19 && out[at + 3..].bytes().all(|b| b.is_ascii_hexdigit()) => {
            out[..at].to_owned()
        }
        _ => out,
    }
}

/// Whether a function of that (plain) name takes a `Formatter`.
fn takes_formatter(name: &str) -> bool {
    name.starts_with("<core::fmt::Formatter>::")
        || TRAITS.iter().any(|t| name.ends_with(&format!(" as core::fmt::{t}>::fmt")))
}

/// Whether a function of that (plain) name makes a `Formatter` (the one way: `fmt::write`).
fn makes_formatter(name: &str) -> bool {
    name == "core::fmt::write" || name.starts_with("core::fmt::Formatter::new")
}

/// How many functions a module's import section imports (they come before the defined ones).
pub fn imported_functions(reader: wasmparser::ImportSectionReader) -> Result<u32, String> {
    let mut count = 0;
    for import in reader.into_imports() {
        if matches!(import.map_err(|e| e.to_string())?.ty, TypeRef::Func(_)) {
            count += 1;
        }
    }
    Ok(count)
}

/// The defined functions' names by index among the defined ones.
pub fn defined_names(bytes: &[u8]) -> Result<Option<HashMap<u32, String>>, String> {
    let mut imported = 0;
    let mut names = None;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| e.to_string())? {
            Payload::ImportSection(reader) => imported += crate::dead::imported_functions(reader)?,
            Payload::CustomSection(section) => {
                if let KnownCustom::Name(reader) = section.as_known() {
                    let mut map = HashMap::new();
                    for subsection in reader {
                        if let Name::Function(functions) = subsection.map_err(|e| e.to_string())? {
                            for naming in functions {
                                let naming = naming.map_err(|e| e.to_string())?;
                                if naming.index >= imported {
                                    map.insert(naming.index - imported, naming.name.to_owned());
                                }
                            }
                        }
                    }
                    names = Some(map);
                }
            }
            _ => {}
        }
    }
    Ok(names)
}

/// `bytes` with every function that takes a `Formatter` made `unreachable`; the names of
/// those functions. `bytes` unchanged (and no names) when something in it makes a `Formatter`.
fn stubbed(bytes: &[u8]) -> Result<(Vec<u8>, Vec<String>), String> {
    let names = defined_names(bytes)?.ok_or("the module has no names (is it linked with --strip-all?)")?;
    let plain: HashMap<u32, String> = names.into_iter().map(|(at, name)| (at, plain(&name))).collect();
    if plain.values().any(|name| makes_formatter(name)) {
        return Ok((bytes.to_vec(), Vec::new()));
    }
    let mut stubs = Vec::new();
    let mut module = Module::new();
    let mut code = CodeSection::new();
    let (mut at, mut count) = (0, 0);
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.map_err(|e| e.to_string())?;
        match &payload {
            Payload::CodeSectionStart { count: 0, .. } => {
                module.section(&code);
            }
            Payload::CodeSectionStart { count: n, .. } => count = *n,
            Payload::CodeSectionEntry(body) => {
                match plain.get(&at).filter(|name| takes_formatter(name)) {
                    Some(name) => {
                        let mut function = Function::new([]);
                        function.instruction(&Instruction::Unreachable).instruction(&Instruction::End);
                        code.function(&function);
                        stubs.push(name.clone());
                    }
                    None => {
                        code.raw(bytes.get(body.range()).ok_or("a function body out of the file")?);
                    }
                }
                at += 1;
                if at == count {
                    module.section(&code);
                }
            }
            other => {
                if let Some((id, range)) = other.as_section() {
                    module.section(&RawSection { id, data: &bytes[range] });
                }
            }
        }
    }
    Ok((module.finish(), stubs))
}

/// Takes out of the wasm at `path` what only a panic message would use: the functions that
/// take a `Formatter` made `unreachable` (see the module's comment), the data only a message
/// shows zeroed ([`crate::texts`]), each call of a panic a trap ([`crate::traps`]). Nothing is
/// changed where something formats.
pub fn panic_only(path: &Path) -> Result<(), String> {
    let fail = |e: String| format!("{}: {e}", path.display());
    let bytes = fs::read(path).map_err(|e| fail(e.to_string()))?;
    let (out, stubs) = stubbed(&bytes).map_err(fail)?;
    if stubs.is_empty() {
        println!("{}: something formats (core::fmt::write is there): nothing taken out", path.display());
        return Ok(());
    }
    let (out, zeroed) = crate::texts::blanked(&out).map_err(fail)?;
    let (out, traps) = crate::traps::trapping(&out).map_err(fail)?;
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
        .validate_all(&out)
        .map_err(|e| fail(e.to_string()))?;
    println!(
        "{}: {} formatting functions made unreachable, {zeroed} bytes of panic messages zeroed, {traps} panics \
         made traps",
        path.display(),
        stubs.len()
    );
    fs::write(path, out).map_err(|e| fail(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testwasm::{bodies, TestModule};
    use wasm_encoder::{TypeSection, ValType};

    /// Named functions, each returning its index, and the `env.zero` import.
    fn module(names: &[&str]) -> Vec<u8> {
        TestModule {
            results: vec![ValType::I32],
            import: true,
            bodies: (0..names.len()).map(|at| vec![Instruction::I32Const(at as i32)]).collect(),
            names: [(0, "zero")]
                .into_iter()
                .chain(names.iter().enumerate().map(|(at, &name)| (at as u32 + 1, name)))
                .collect(),
            ..TestModule::default()
        }
        .finish()
    }

    #[test]
    fn names_lose_disambiguators_and_hashes() {
        assert_eq!(
            plain("<u32 as core[c5930c85a12de822]::fmt::Display>::fmt::h0123456789abcdef"),
            "<u32 as core::fmt::Display>::fmt"
        );
        assert_eq!(plain("<core[c5930c85a12de822]::fmt::Formatter>::pad"), "<core::fmt::Formatter>::pad");
        assert_eq!(plain("a[x]::b::hlater"), "a[x]::b::hlater");
    }

    #[test]
    fn only_what_takes_a_formatter_is_stubbed() {
        let names = [
            "<u32 as core[c5930c85a12de822]::fmt::Display>::fmt::h0123456789abcdef",
            "waldur_migrations::client::send::h0123456789abcdef",
            "<core[c5930c85a12de822]::fmt::Formatter>::pad_integral",
            "<waldur_migrations::Error as core[c5930c85a12de822]::fmt::Debug>::fmt::h0123456789abcdef",
            "core[c5930c85a12de822]::str::count::do_count_chars",
        ];
        let bytes = module(&names);
        let (out, stubs) = stubbed(&bytes).unwrap();
        wasmparser::Validator::new().validate_all(&out).unwrap();
        assert_eq!(stubs.len(), 3, "{stubs:?}");
        let (before, after) = (bodies(&bytes), bodies(&out));
        let unreachable = vec![0x00, 0x00, 0x0b];
        assert_eq!(after[0], unreachable);
        assert_eq!(after[1], before[1]);
        assert_eq!(after[2], unreachable);
        assert_eq!(after[3], unreachable);
        assert_eq!(after[4], before[4]);
    }

    #[test]
    fn nothing_is_stubbed_where_something_formats() {
        let names = ["<u32 as core[c5930c85a12de822]::fmt::Display>::fmt", "core[c5930c85a12de822]::fmt::write"];
        let bytes = module(&names);
        let (out, stubs) = stubbed(&bytes).unwrap();
        assert!(stubs.is_empty());
        assert_eq!(out, bytes);
    }

    #[test]
    fn a_module_without_names_is_refused() {
        let mut module = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], []);
        module.section(&types);
        assert!(stubbed(&module.finish()).is_err());
    }
}
