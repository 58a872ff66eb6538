//! Sizes: the budgets the suites enforce (`bench/budget.toml`), and `cargo xtask size`, which
//! builds each wasm with its names kept and shows where every kilobyte goes (twiggy), by crate
//! and by function, with each crate's share of the brotli bytes, into `bench/size.md`.

use crate::setup::{setup, Needs};
use crate::util::{cmd, output, root, run, section};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Fails when an npm package is heavier than its budget.
pub fn check_packages(dirs: &[PathBuf]) -> Result<(), String> {
    let mut args = vec!["tools/budget.mjs".to_owned(), "packages".to_owned()];
    args.extend(dirs.iter().map(|d| d.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(cmd("node", &args, &root()))
}

/// Fails when the built page (`dist/`) is heavier than its budget.
pub fn check_page() -> Result<(), String> {
    run(cmd("node", &["tools/budget.mjs", "page", "dist"], &root()))
}

/// One wasm build measured by `cargo xtask size`.
struct Build {
    name: &'static str,
    cargo: &'static [&'static str],
    artifact: &'static str,
}

const BUILDS: [Build; 3] = [
    Build {
        name: "client (npm waldur-migrations)",
        cargo: &["--lib", "--features", "js"],
        artifact: "waldur_migrations",
    },
    Build {
        name: "elements (npm waldur-migrations-elements)",
        cargo: &["--lib", "--features", "elements"],
        artifact: "waldur_migrations",
    },
    Build { name: "page (dist/)", cargo: &["--lib", "--features", "page"], artifact: "waldur_migrations" },
];

/// The crate a twiggy item belongs to (`waldur_migrations::ui::list` by module for our own).
fn owner(name: &str) -> String {
    if name.starts_with("data segment") || name.starts_with("\"data") {
        return "(data: strings and tables)".to_owned();
    }
    let start = name.trim_start_matches('<').trim_start_matches("&mut ").trim_start_matches('&');
    // `<F as waldur_migrations::view::fns::Run<R>>::run`: a closure's body, called through the
    // view layer's one-method traits (the components' event handlers, effects and regions).
    if start.starts_with("F as ") {
        return "(closure bodies)".to_owned();
    }
    let path: Vec<&str> = start.split("::").collect();
    let first = path.first().map(|p| p.split('[').next().unwrap_or(p)).unwrap_or("");
    if first == "waldur_migrations" {
        return path.iter().take(2).copied().collect::<Vec<_>>().join("::");
    }
    // `code[588]`: a function wasm-opt made or left without a name.
    if first.is_empty() || start.starts_with("code[") || first.contains(' ') {
        return "(unnamed)".to_owned();
    }
    first.to_owned()
}

/// The generic function a twiggy item is an instance of: its name without the symbol hash, and
/// every `drop_in_place<T>` one family (drop glue is named after its type). Its instances may
/// each hold the closure or the type they were made for, inlined.
fn family(name: &str) -> String {
    let name = match name.rsplit_once("::h") {
        Some((base, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => base,
        _ => name,
    };
    match name.find("drop_in_place<") {
        Some(at) => format!("{}drop_in_place<…>", &name[..at]),
        None => name.to_owned(),
    }
}

/// Installs twiggy when missing (`cargo install twiggy`, about two minutes).
fn twiggy() -> Result<(), String> {
    if output("twiggy", &["--version"]).is_some() {
        return Ok(());
    }
    crate::util::run_downloading(&|| cmd("cargo", &["install", "--locked", "twiggy@0.8.0"], &root()))
}

/// `cargo xtask size`: every wasm by crate and by function.
pub fn size(args: &[String]) -> Result<(), String> {
    let short = |build: &Build| build.name.split(' ').next().unwrap_or("build");
    // `cargo xtask size page`: that build alone, shown but not written to bench/size.md.
    let only = match args {
        [] => None,
        [name] if BUILDS.iter().any(|build| short(build) == name) => Some(name.as_str()),
        _ => return Err("usage: cargo xtask size [client|elements|page]".into()),
    };
    setup(Needs { wasm: true, chromium: false, trunk: false, node_tools: true, schemathesis: false })?;
    twiggy()?;
    let mut report = String::from(
        "# Where the bytes are\n\nWritten by `cargo xtask size`: each wasm built as released (opt-level \"z\", LTO, \
         with the released ABI, what only panics use taken out, the `wasm-opt` flags, its functions ordered for brotli) but with its names kept, measured by twiggy. Sizes \
         are of the code and data before compression. A group's brotli share is what the module (names dropped) loses in \
         brotli when that group's function bodies are emptied, or for the data its bytes zeroed (xtask/src/shares.rs): what \
         the group costs once compressed. Near-identical generic copies cost little there, unique code about a third of its \
         size; the shares need not add up to the total. The functions are ranked the same way, each alone.\n",
    );
    let out = root().join("target/size");
    for build in BUILDS.iter().filter(|build| only.is_none_or(|name| short(build) == name)) {
        section(build.name);
        let mut args = vec!["build", "--release", "--quiet", "--target", "wasm32-unknown-unknown"];
        args.extend_from_slice(build.cargo);
        // The released ABI (its names are kept until wasm-opt, which keeps them here).
        let mut cargo = cmd("cargo", &args, &root());
        crate::util::released_abi(&mut cargo);
        run(cargo)?;
        let built = root().join(format!("target/wasm32-unknown-unknown/release/{}.wasm", build.artifact));
        let wasm = out.join(format!("{}.wasm", build.name.split(' ').next().unwrap_or("build")));
        std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
        std::fs::copy(&built, &wasm).map_err(|e| e.to_string())?;
        let dir = out.join(build.artifact);
        let _ = std::fs::remove_dir_all(&dir);
        let dir_text = dir.to_str().unwrap_or("target/size");
        let wasm_text = wasm.to_str().unwrap_or("");
        run(cmd(
            "wasm-bindgen",
            &["--keep-debug", "--target", "web", "--out-dir", dir_text, "--out-name", "m", wasm_text],
            &root(),
        ))?;
        let module = dir.join("m_bg.wasm");
        crate::dead::panic_only(&module)?;
        let module = module.to_str().unwrap_or("");
        let args: Vec<&str> =
            crate::npm::WASM_OPT.iter().copied().chain(["--debuginfo", "--output", module, module]).collect();
        run(cmd("wasm-opt", &args, &root()))?;
        crate::order::sort_functions(Path::new(module))?;
        // Kept for a closer look (`twiggy top target/size/client-named.wasm`, …).
        let kept = out.join(format!("{}-named.wasm", build.name.split(' ').next().unwrap_or("build")));
        std::fs::copy(module, &kept).map_err(|e| e.to_string())?;
        let csv = output("twiggy", &["top", "-n", "100000", "-f", "csv", module]).ok_or("twiggy failed")?;
        let mut by_crate: BTreeMap<String, u64> = BTreeMap::new();
        let mut by_family: BTreeMap<String, (u64, u64)> = BTreeMap::new();
        let mut total = 0;
        for line in csv.lines().skip(1) {
            // Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent (the name may hold commas).
            let mut fields: Vec<&str> = line.rsplitn(5, ',').collect();
            fields.reverse();
            let (Some(name), Some(size)) = (fields.first(), fields.get(1).and_then(|s| s.parse::<u64>().ok())) else {
                continue;
            };
            let name = name.trim_matches('"');
            if name.contains("function names") || name.contains("\"data names\"") || name.contains("producers") {
                continue;
            }
            total += size;
            *by_crate.entry(owner(name)).or_default() += size;
            let instances = by_family.entry(family(name)).or_default();
            *instances = (instances.0 + 1, instances.1 + size);
        }
        let mut crates: Vec<(u64, String)> = by_crate.into_iter().map(|(k, v)| (v, k)).collect();
        crates.sort_by(|a, b| b.cmp(a));
        let shown: Vec<String> = crates.iter().take(16).map(|(_, name)| name.clone()).collect();
        let work = out.join("shares");
        let (whole, shares) = crate::shares::brotli_shares(Path::new(module), &shown, owner, &work)?;
        report.push_str(&format!(
            "\n## {} — {:.1} kB, {:.1} kB brotli\n\n| by crate (or module) | kB | % | brotli share, kB |\n|---|---|---|---|\n",
            build.name,
            total as f64 / 1000.0,
            whole as f64 / 1000.0
        ));
        for (size, name) in crates.iter().take(16) {
            report.push_str(&format!(
                "| {name} | {:.1} | {:.1} | {:.1} |\n",
                *size as f64 / 1000.0,
                *size as f64 * 100.0 / total.max(1) as f64,
                shares.get(name).copied().unwrap_or(0) as f64 / 1000.0
            ));
        }
        // Of the 40 largest functions, the 15 that cost the most once compressed.
        let (_, functions) = crate::shares::function_shares(Path::new(module), 40, &work)?;
        report.push_str(
            "\n| functions costing the most brotli (of the 40 largest) | kB | brotli share, kB |\n|---|---|---|\n",
        );
        for (name, size, share) in functions.iter().take(15) {
            let short: String = name.chars().take(110).collect();
            report.push_str(&format!(
                "| `{}` | {:.1} | {:.2} |\n",
                short.replace('|', "\\|"),
                *size as f64 / 1000.0,
                *share as f64 / 1000.0
            ));
        }
        // The generic functions with the most bytes in their instances (three or more).
        let mut families: Vec<(u64, u64, String)> =
            by_family.into_iter().filter(|(_, (n, _))| *n >= 3).map(|(k, (n, size))| (size, n, k)).collect();
        families.sort_by(|a, b| b.cmp(a));
        families.truncate(12);
        let names: Vec<String> = families.iter().map(|(_, _, name)| name.clone()).collect();
        let (_, shares) = crate::shares::brotli_shares(Path::new(module), &names, family, &work)?;
        report.push_str(
            "\n| generic functions by their instances (each may hold what it was made for, inlined) | instances | kB | brotli share, kB |\n|---|---|---|---|\n",
        );
        for (size, count, name) in &families {
            let short: String = name.chars().take(110).collect();
            report.push_str(&format!(
                "| `{}` | {count} | {:.1} | {:.2} |\n",
                short.replace('|', "\\|"),
                *size as f64 / 1000.0,
                shares.get(name).copied().unwrap_or(0) as f64 / 1000.0
            ));
        }
    }
    if only.is_none() {
        std::fs::write(root().join("bench/size.md"), &report).map_err(|e| e.to_string())?;
    }
    println!("{report}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{family, owner};

    #[test]
    fn families_of_generic_instances() {
        let read = "waldur_migrations::view::handles::read::h0123456789abcdef";
        assert_eq!(family(read), "waldur_migrations::view::handles::read");
        assert_eq!(
            family("core::ptr::drop_in_place<alloc::vec::Vec<u8>>::hfedcba9876543210"),
            "core::ptr::drop_in_place<…>"
        );
        assert_eq!(
            family("<F as waldur_migrations::fns::Run<R>>::run::h00000000000000ff"),
            "<F as waldur_migrations::fns::Run<R>>::run"
        );
        // Not a hash: kept.
        assert_eq!(family("code[12]"), "code[12]");
        assert_eq!(family("a::hello"), "a::hello");
    }

    #[test]
    fn owners_of_twiggy_items() {
        assert_eq!(owner("code[588]"), "(unnamed)");
        assert_eq!(owner("data segment \".rodata\""), "(data: strings and tables)");
        assert_eq!(owner("waldur_migrations::ui::list::view::h1"), "waldur_migrations::ui");
        assert_eq!(owner("<core[c5930c85a12de822]::fmt::Formatter>::pad"), "core");
        assert_eq!(owner("reactive_graph::owner::Owner::new::h2"), "reactive_graph");
        assert_eq!(owner("<F as waldur_migrations::view::fns::Run<R>>::run::h3"), "(closure bodies)");
    }
}
