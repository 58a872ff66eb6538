//! What each part of a wasm costs once compressed. Raw sizes mislead: brotli takes a run of
//! near-identical generic copies for almost nothing and a unique function at about a third of
//! its size. Here the module (without its names) is compressed whole, then once per group with
//! that group's function bodies emptied (or its data zeroed): the difference is the group's
//! share of the brotli bytes. Shares need not add up to the total exactly (what one group's
//! code shares with another's is counted in neither).

use crate::util::{cmd, root};
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use wasm_encoder::{CodeSection, Module, RawSection};
use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

/// The name of the data pseudo-group (every data segment's bytes).
pub const DATA: &str = "(data: strings and tables)";

/// A parsed module: its sections, function names and bodies.
struct Parts<'a> {
    bytes: &'a [u8],
    imported: u32,
    bodies: Vec<&'a [u8]>,
    names: HashMap<u32, String>,
    data: Vec<std::ops::Range<usize>>,
}

fn parse(bytes: &[u8]) -> Result<Parts<'_>, String> {
    let mut parts = Parts { bytes, imported: 0, bodies: Vec::new(), names: HashMap::new(), data: Vec::new() };
    let base = bytes.as_ptr() as usize;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| e.to_string())? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if matches!(import.map_err(|e| e.to_string())?.ty, TypeRef::Func(_)) {
                        parts.imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                parts.bodies.push(bytes.get(body.range()).ok_or("a function body out of the file")?)
            }
            Payload::DataSection(reader) => {
                for data in reader {
                    let data = data.map_err(|e| e.to_string())?;
                    let start = data.data.as_ptr() as usize - base;
                    parts.data.push(start..start + data.data.len());
                }
            }
            Payload::CustomSection(section) => {
                if let KnownCustom::Name(reader) = section.as_known() {
                    for name in reader {
                        if let Name::Function(map) = name.map_err(|e| e.to_string())? {
                            for naming in map {
                                let naming = naming.map_err(|e| e.to_string())?;
                                parts.names.insert(naming.index, naming.name.to_owned());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(parts)
}

/// The module without custom sections, the bodies of `empty` (defined-function positions)
/// replaced by `unreachable`, and its data zeroed when `zero_data`.
fn variant(parts: &Parts<'_>, empty: &[bool], zero_data: bool) -> Result<Vec<u8>, String> {
    let mut bytes = parts.bytes.to_vec();
    if zero_data {
        for range in &parts.data {
            bytes[range.clone()].fill(0);
        }
    }
    let mut module = Module::new();
    for payload in Parser::new(0).parse_all(&bytes) {
        let payload = payload.map_err(|e| e.to_string())?;
        match &payload {
            Payload::CustomSection(_) => {}
            Payload::CodeSectionStart { .. } => {
                let mut code = CodeSection::new();
                for (at, body) in parts.bodies.iter().enumerate() {
                    // No locals, `unreachable`, `end`: valid for any signature.
                    code.raw(if empty.get(at).copied().unwrap_or(false) { &[0, 0, 0x0b] } else { body });
                }
                module.section(&code);
            }
            Payload::CodeSectionEntry(_) => {}
            other => {
                if let Some((id, range)) = other.as_section() {
                    module.section(&RawSection { id, data: &bytes[range] });
                }
            }
        }
    }
    Ok(module.finish())
}

/// Brotli bytes of each file, by `tools/brotli.mjs`.
fn compressed(files: &[PathBuf]) -> Result<Vec<u64>, String> {
    let mut command = cmd("node", &["tools/brotli.mjs"], &root());
    command.args(files);
    let out = command.output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err("tools/brotli.mjs failed".into());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let size =
        |line: &str| line.split(' ').next().and_then(|n| n.parse().ok()).ok_or(format!("tools/brotli.mjs: {line}"));
    text.lines().map(size).collect()
}

/// The brotli bytes of the module at `path` (names dropped) and each group's share, for the
/// groups in `groups` (by `group_of` each function's name; [`DATA`] for the data).
pub fn brotli_shares(
    path: &Path,
    groups: &[String],
    group_of: impl Fn(&str) -> String,
    work: &Path,
) -> Result<(u64, BTreeMap<String, u64>), String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let parts = parse(&bytes)?;
    fs::create_dir_all(work).map_err(|e| e.to_string())?;
    let mut files = vec![work.join("whole.wasm")];
    fs::write(&files[0], variant(&parts, &[], false)?).map_err(|e| e.to_string())?;
    for (n, group) in groups.iter().enumerate() {
        let empty: Vec<bool> = (0..parts.bodies.len() as u32)
            .map(|at| {
                // A function without a name is one twiggy shows as `code[N]`.
                let name = parts.names.get(&(parts.imported + at)).map_or("code[]", String::as_str);
                group_of(name) == *group
            })
            .collect();
        let file = work.join(format!("without-{n}.wasm"));
        fs::write(&file, variant(&parts, &empty, group == DATA)?).map_err(|e| e.to_string())?;
        files.push(file);
    }
    let sizes = compressed(&files)?;
    let whole = sizes.first().copied().unwrap_or(0);
    let shares = groups.iter().zip(sizes.iter().skip(1)).map(|(g, &s)| (g.clone(), whole.saturating_sub(s))).collect();
    Ok((whole, shares))
}

/// A function's name, body bytes and brotli share.
pub type FunctionShare = (String, u64, u64);

/// The positions of the `count` largest bodies, largest first (ties by position).
fn largest(parts: &Parts<'_>, count: usize) -> Vec<usize> {
    let mut largest: Vec<usize> = (0..parts.bodies.len()).collect();
    largest.sort_by_key(|&at| (std::cmp::Reverse(parts.bodies[at].len()), at));
    largest.truncate(count);
    largest
}

/// The `count` largest functions of the module at `path` with each one's share of the brotli
/// bytes (what emptying that body alone saves): `(name, body bytes, share)`, largest share first.
/// Raw size ranks poorly what a function costs: a copy of a generic helper compresses to little,
/// a function of unique logic or of 64-bit constants to half its size or more.
pub fn function_shares(path: &Path, count: usize, work: &Path) -> Result<(u64, Vec<FunctionShare>), String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let parts = parse(&bytes)?;
    let largest = largest(&parts, count);
    fs::create_dir_all(work).map_err(|e| e.to_string())?;
    let mut files = vec![work.join("whole.wasm")];
    fs::write(&files[0], variant(&parts, &[], false)?).map_err(|e| e.to_string())?;
    for (n, &at) in largest.iter().enumerate() {
        let mut empty = vec![false; parts.bodies.len()];
        empty[at] = true;
        let file = work.join(format!("function-{n}.wasm"));
        fs::write(&file, variant(&parts, &empty, false)?).map_err(|e| e.to_string())?;
        files.push(file);
    }
    let sizes = compressed(&files)?;
    let whole = sizes.first().copied().unwrap_or(0);
    let mut shares: Vec<FunctionShare> = largest
        .iter()
        .zip(sizes.iter().skip(1))
        .map(|(&at, &size)| {
            let name = parts.names.get(&(parts.imported + at as u32)).cloned().unwrap_or_else(|| format!("code[{at}]"));
            (name, parts.bodies[at].len() as u64, whole.saturating_sub(size))
        })
        .collect();
    shares.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    Ok((whole, shares))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_variant_is_the_module_without_its_names() {
        let wat = wasm_encoder_module();
        let parts = parse(&wat).unwrap();
        assert_eq!(parts.bodies.len(), 2);
        assert_eq!(parts.names.get(&1).map(String::as_str), Some("second"));
        let same = variant(&parts, &[], false).unwrap();
        let emptied = variant(&parts, &[true, false], true).unwrap();
        for bytes in [&same, &emptied] {
            wasmparser::Validator::new().validate_all(bytes).unwrap();
        }
        let reparsed = parse(&same).unwrap();
        assert_eq!(reparsed.bodies, parts.bodies);
        assert!(reparsed.names.is_empty());
        let reparsed = parse(&emptied).unwrap();
        assert_eq!(reparsed.bodies[0], &[0, 0, 0x0b]);
        assert_eq!(reparsed.bodies[1], parts.bodies[1]);
        assert!(reparsed.data.iter().all(|r| emptied[r.clone()].iter().all(|b| *b == 0)));
    }

    #[test]
    fn the_largest_bodies_come_first() {
        let module = wasm_encoder_module();
        let mut parts = parse(&module).unwrap();
        assert_eq!(largest(&parts, 5), vec![0, 1]);
        parts.bodies[0] = &[0, 0x0b];
        assert_eq!(largest(&parts, 1), vec![1]);
    }

    /// Two functions, named, and a data segment.
    fn wasm_encoder_module() -> Vec<u8> {
        use wasm_encoder::{
            ConstExpr, DataSection, Function, FunctionSection, Instruction, MemorySection, MemoryType, NameMap,
            NameSection, TypeSection, ValType,
        };
        let mut module = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([ValType::I32], [ValType::I32]);
        module.section(&types);
        let mut functions = FunctionSection::new();
        functions.function(0).function(0);
        module.section(&functions);
        let mut memory = MemorySection::new();
        let limits = MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None };
        memory.memory(limits);
        module.section(&memory);
        let mut code = CodeSection::new();
        for add in [1, 2] {
            let mut f = Function::new([(1, ValType::I32)]);
            f.instruction(&Instruction::LocalGet(0));
            f.instruction(&Instruction::I32Const(add));
            f.instruction(&Instruction::I32Add);
            f.instruction(&Instruction::End);
            code.function(&f);
        }
        module.section(&code);
        let mut data = DataSection::new();
        data.active(0, &ConstExpr::i32_const(16), b"hello".iter().copied());
        module.section(&data);
        let mut names = NameMap::new();
        names.append(0, "first");
        names.append(1, "second");
        let mut section = NameSection::new();
        section.functions(&names);
        module.section(&section);
        module.finish()
    }
}
