//! Short names for what the wasm and its JS glue call each other by. wasm-bindgen names every
//! import `__wbg_<name>_<16 hex digits>` and every internal export after its Rust path; those
//! hashes do not compress, and each name is written twice (in the wasm and in the JS). Here
//! each such name becomes `$a`, `$b`, ... in both, so the packages and the page carry a few
//! kB less. Names a user can see (the exported functions and classes) stay as they are.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{ExportSection, ImportSection, Module, RawSection};
use wasmparser::{Parser, Payload};

/// `$a`, `$b`, ... `$Z`, `$ba`, ...: the `n`th short name.
fn short(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.push(b'$');
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Whether wasm-bindgen made the name for its glue (so no user code can know it). Exports
/// named like a user's function (`setConfig`) are what the JS wrappers call: kept.
fn is_glue(name: &str) -> bool {
    name.starts_with("__wbg") || name.starts_with("__wbindgen") || (name.contains('_') && name != "memory")
}

/// Rewrites the wasm's import and export names; returns old name -> new name.
fn rename_wasm(path: &Path) -> Result<HashMap<String, String>, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let fail = |e: wasmparser::BinaryReaderError| format!("{}: {e}", path.display());
    let mut names: HashMap<String, String> = HashMap::new();
    let mut rename = |old: &str| -> String {
        if !is_glue(old) {
            return old.to_owned();
        }
        let next = names.len();
        names.entry(old.to_owned()).or_insert_with(|| short(next)).clone()
    };
    let mut module = Module::new();
    let mut reencoder = RoundtripReencoder;
    for payload in Parser::new(0).parse_all(&bytes) {
        let payload = payload.map_err(fail)?;
        match &payload {
            Payload::ImportSection(reader) => {
                let mut section = ImportSection::new();
                for import in reader.clone().into_imports() {
                    let import = import.map_err(fail)?;
                    let ty = reencoder.entity_type(import.ty).map_err(|e| format!("{e:?}"))?;
                    let name = if import.module.starts_with("./snippets/") {
                        import.name.to_owned()
                    } else {
                        rename(import.name)
                    };
                    section.import(import.module, &name, ty);
                }
                module.section(&section);
            }
            Payload::ExportSection(reader) => {
                let mut section = ExportSection::new();
                for export in reader.clone() {
                    let export = export.map_err(fail)?;
                    let kind = reencoder.export_kind(export.kind).map_err(|e| format!("{e:?}"))?;
                    section.export(&rename(export.name), kind, export.index);
                }
                module.section(&section);
            }
            other => {
                if let Some((id, range)) = other.as_section() {
                    module.section(&RawSection { id, data: &bytes[range] });
                }
            }
        }
    }
    fs::write(path, module.finish()).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(names)
}

/// `text` with every whole identifier found in `names` replaced.
fn replace_identifiers(text: &str, names: &HashMap<String, String>) -> String {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(is_ident) {
        out.push_str(&rest[..start]);
        let word_len = rest[start..].find(|c: char| !is_ident(c)).unwrap_or(rest.len() - start);
        let word = &rest[start..start + word_len];
        out.push_str(names.get(word).map_or(word, String::as_str));
        rest = &rest[start + word_len..];
    }
    out.push_str(rest);
    out
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The one `*_bg.wasm` of the wasm-bindgen output in `dir`.
pub fn module_in(dir: &Path) -> Result<PathBuf, String> {
    let mut files = Vec::new();
    files_under(dir, &mut files);
    let wasm: Vec<PathBuf> = files.into_iter().filter(|f| f.to_string_lossy().ends_with("_bg.wasm")).collect();
    match <[PathBuf; 1]>::try_from(wasm) {
        Ok([wasm]) => Ok(wasm),
        Err(found) => Err(format!("{}: expected one *_bg.wasm, found {}", dir.display(), found.len())),
    }
}

/// Gives the glue names of the wasm-bindgen output in `dir` short names, in the wasm and in
/// every `.js` and `.d.ts` file; returns the files changed.
pub fn shorten(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let wasm = module_in(dir)?;
    let mut files = Vec::new();
    files_under(dir, &mut files);
    let names = rename_wasm(&wasm)?;
    let mut changed = vec![wasm.clone()];
    for file in files.iter().filter(|f| f.to_string_lossy().ends_with(".js") || f.to_string_lossy().ends_with(".d.ts"))
    {
        let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let renamed = replace_identifiers(&text, &names);
        if renamed != text {
            fs::write(file, renamed).map_err(|e| format!("{}: {e}", file.display()))?;
            changed.push(file.clone());
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..3000).map(short).collect();
        assert_eq!(&names[..3], ["$a", "$b", "$c"]);
        assert_eq!(names[52], "$aa");
        assert_eq!(names[53], "$ab");
        let unique: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
    }

    #[test]
    fn only_whole_identifiers_are_replaced() {
        let names = HashMap::from([("__wbg_get_0123".to_owned(), "$a".to_owned())]);
        let text = "export function __wbg_get_0123(a) {} x.__wbg_get_0123(); __wbg_get_01234; a__wbg_get_0123";
        assert_eq!(
            replace_identifiers(text, &names),
            "export function $a(a) {} x.$a(); __wbg_get_01234; a__wbg_get_0123"
        );
    }

    #[test]
    fn user_names_are_kept() {
        assert!(is_glue("__wbg_fetch_5b0b4f7f1daeae51"));
        assert!(is_glue("waldurmigrationsclient_new"));
        assert!(!is_glue("setConfig"));
        assert!(!is_glue("memory"));
    }
}
