//! Builds the npm packages into `pkg/`: the client (feature `js`, no Leptos) for the bundler,
//! web and nodejs targets, and the elements (feature `elements`) for the bundler and web
//! targets, each with package.json, README and LICENSE; then reports their sizes.

use crate::util::{cmd, root, run, section};
use std::fs;
use std::path::{Path, PathBuf};

/// One npm package: a build of the crate for one wasm-bindgen target.
struct Package {
    name: &'static str,
    features: &'static str,
    target: &'static str,
    description: &'static str,
}

const PACKAGES: [Package; 5] = [
    Package { name: "waldur-migrations", features: "js", target: "bundler", description: "Typed client for Waldur's /api/openstack-migrations/ (WebAssembly), for bundlers (Vite, webpack)" },
    Package { name: "waldur-migrations-web", features: "js", target: "web", description: "Typed client for Waldur's /api/openstack-migrations/ (WebAssembly), as a native ES module" },
    Package { name: "waldur-migrations-node", features: "js", target: "nodejs", description: "Typed client for Waldur's /api/openstack-migrations/ (WebAssembly), for Node 20 (CommonJS)" },
    Package { name: "waldur-migrations-elements", features: "elements", target: "bundler", description: "Custom elements to list, inspect, create, edit and delete Waldur OpenStack migrations, for bundlers" },
    Package { name: "waldur-migrations-elements-web", features: "elements", target: "web", description: "Custom elements to list, inspect, create, edit and delete Waldur OpenStack migrations, as a native ES module" },
];

const OUT_NAME: &str = "waldur_migrations";

fn version() -> String {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).unwrap_or_default();
    manifest
        .lines()
        .find_map(|line| line.strip_prefix("version = \"").and_then(|rest| rest.strip_suffix('"')))
        .unwrap_or("0.0.0")
        .to_owned()
}

fn package_json(package: &Package, files: &[String]) -> String {
    let mut fields = vec![
        format!("  \"name\": \"{}\"", package.name),
        format!("  \"version\": \"{}\"", version()),
        format!("  \"description\": \"{}\"", package.description),
        "  \"license\": \"MIT\"".to_owned(),
        "  \"repository\": { \"type\": \"git\", \"url\": \"https://github.com/waldur-migrations/waldur-migrations\" }"
            .to_owned(),
        format!("  \"files\": [{}]", files.iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(", ")),
        format!("  \"main\": \"{OUT_NAME}.js\""),
        format!("  \"types\": \"{OUT_NAME}.d.ts\""),
    ];
    match package.target {
        "nodejs" => fields.push("  \"engines\": { \"node\": \">=20.19\" }".to_owned()),
        target => {
            fields.push("  \"type\": \"module\"".to_owned());
            fields.push(format!("  \"module\": \"{OUT_NAME}.js\""));
            // The bundler entry sets up the wasm when imported; the web one waits for `init`
            // (its snippets are bundled into it, see `minify`).
            let side_effects = if target == "bundler" {
                format!("[\"./{OUT_NAME}.js\", \"./snippets.js\"]")
            } else {
                "false".to_owned()
            };
            fields.push(format!("  \"sideEffects\": {side_effects}"));
        }
    }
    if package.features == "elements" {
        fields.push("  \"exports\": { \".\": { \"types\": \"./waldur_migrations.d.ts\", \"default\": \"./waldur_migrations.js\" }, \"./style.css\": \"./style.css\" }".to_owned());
    }
    format!("{{\n{}\n}}\n", fields.join(",\n"))
}

fn readme(package: &Package) -> String {
    let import = match package.target {
        "nodejs" => format!("const {{ setConfig, openstackMigrationsList }} = require(\"{}\");", package.name),
        "web" => format!("import init, {{ setConfig, openstackMigrationsList }} from \"{}\";\nawait init(); // once, before any call", package.name),
        _ => format!("import {{ setConfig, openstackMigrationsList }} from \"{}\"; // with vite-plugin-wasm in Vite", package.name),
    };
    let elements = if package.features == "elements" {
        format!(
            "\n## Custom elements\n\n```html\n<link rel=\"stylesheet\" href=\"node_modules/{name}/style.css\">\n<waldur-migration-list page-size=\"25\"></waldur-migration-list>\n<waldur-migration-details uuid=\"…\"></waldur-migration-details>\n<waldur-migration-create></waldur-migration-create>\n```\n\nThe elements are defined when the module initialises. Configure them with `setConfig({{ baseUrl, auth }})` or set their `client` property to a `WaldurMigrationsClient` (never put a token in an attribute). They send `migration-select`, `migration-created`, `migration-updated` and `migration-deleted` (bubbling, composed, the migration in `detail`); the list reflects its filters into `src-resource`, `dst-resource` and `page-size`. Removing an element aborts its requests; adding it again mounts it again.\n\n`mountMigrationList(element, options)`, `mountMigrationDetails` and `mountMigrationCreate` do the same for any element and return a handle whose `unmount()` (or `free()`) removes the view.\n",
            name = package.name
        )
    } else {
        String::new()
    };
    format!(
        "# {name}\n\n{description}. Built from [waldur-migrations](https://github.com/waldur-migrations/waldur-migrations) (Rust) with wasm-bindgen, target `{target}`.\n\n```js\n{import}\n\nsetConfig({{ baseUrl: \"https://waldur.example.com\", auth: \"Token <key>\" }});\nconst {{ data, total, next }} = await openstackMigrationsList({{ query: {{ page_size: 50 }} }});\n```\n\nThe seven functions are named and shaped like waldur-js-client's (`openstackMigrationsList`, `…Count`, `…Retrieve`, `…Create`, `…Update`, `…PartialUpdate`, `…Destroy`) and resolve `{{ data, … }}`; list results also carry `total`, `page`, `pages`, `next` and `previous`. `WaldurMigrationsClient` serves several servers or tokens and adds `listAll` and the lookups of the create form; `validateCreate`, `validateUpdate` and `checkSubnetCidr` give the server's messages before sending. Failures are thrown as `Error` objects (`isWaldurMigrationsError(e)`) with `kind`, `status`, `body`, `fields` and `retryable`.\n{elements}\nMIT licensed.\n",
        name = package.name,
        description = package.description,
        target = package.target,
    )
}

/// The CSS of the components, concatenated (for the elements packages), in the order the
/// standalone page links them (`index.html` is the one list of them).
fn stylesheet() -> Result<String, String> {
    let index = fs::read_to_string(root().join("index.html")).map_err(|e| format!("index.html: {e}"))?;
    let files: Vec<&str> = index
        .lines()
        .filter(|line| line.contains("rel=\"css\""))
        .filter_map(|line| line.split("href=\"").nth(1)?.split('"').next())
        .filter(|href| href.starts_with("src/components/"))
        .collect();
    let mut css = String::from("/* waldur-migrations components: every class starts with wm- */\n");
    for file in files {
        css.push_str(&fs::read_to_string(root().join(file)).map_err(|e| format!("{file}: {e}"))?);
        css.push('\n');
    }
    Ok(css)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.retain(|name| name != "package.json" && name != ".gitignore");
    names.sort();
    names
}

/// `any` becomes `unknown` in a line of code (comments are left alone).
fn without_any(line: &str) -> String {
    let trimmed = line.trim_start();
    if trimmed.starts_with('*') || trimmed.starts_with("/*") || trimmed.starts_with("//") {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("any") {
        let before = rest[..at].chars().next_back();
        let after = rest[at + 3..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        out.push_str(&rest[..at]);
        out.push_str(if word(before) || word(after) { "any" } else { "unknown" });
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    out
}

/// wasm-bindgen types the raw wasm exports (`InitOutput`, `*_bg.wasm.d.ts`) with `any`; they
/// are internals, typed `unknown` here so no declaration of the packages says `any`.
fn exact_declarations(dir: &Path) -> Result<(), String> {
    for name in files_in(dir).iter().filter(|name| name.ends_with(".d.ts")) {
        let path = dir.join(name);
        let text = fs::read_to_string(&path).map_err(|e| e.to_string())?;
        let exact: Vec<String> = text.lines().map(without_any).collect();
        fs::write(&path, exact.join("\n") + "\n").map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Minifies the JS glue and the stylesheet in place, as a bundler would (esbuild; each file
/// keeps its module format). In the web packages, the glue that imports wasm-bindgen's
/// snippets (src/json/read.js, src/elements/define.js) gets them bundled in, and `snippets/`
/// goes: brotli compresses each file alone. The types live in the `.d.ts` files, so the doc
/// comments lost here are not lost to users; TypeScript's `@ts-self-types` line is kept.
fn minify(dir: &Path, target: &str) -> Result<(), String> {
    // Only the web glue: the bundler glue exports every import of the wasm, and bundled it
    // lists them again (+0.1 kB of brotli), so its snippets are joined into one module
    // instead; Node reads its snippets through `require(String.raw`...`)`, which esbuild
    // leaves alone.
    let bundle = target == "web";
    let snippets = dir.join("snippets");
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).map_err(|e| e.to_string())?.filter_map(Result::ok) {
            let path = entry.path();
            match path.extension().and_then(|e| e.to_str()) {
                _ if path.is_dir() => pending.push(path),
                Some("js" | "css") => files.push(path),
                _ => {}
            }
        }
    }
    for path in files.iter().filter(|p| !bundle || !p.starts_with(&snippets)) {
        let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
        let first = text.lines().next().unwrap_or("").to_owned();
        let file = path.to_str().unwrap_or_default();
        let out = format!("--outfile={file}");
        let mut args = vec![file, "--minify", "--log-level=warning", "--allow-overwrite", &out];
        if bundle && text.contains("./snippets/") {
            args.extend(["--bundle", "--format=esm"]);
        }
        run(cmd("esbuild", &args, &root()))?;
        if first.starts_with("/* @ts-self-types=") {
            let minified = fs::read_to_string(path).map_err(|e| e.to_string())?;
            fs::write(path, format!("{first}\n{minified}")).map_err(|e| e.to_string())?;
        }
        if bundle && fs::read_to_string(path).is_ok_and(|text| text.contains("snippets/")) {
            return Err(format!("{file} still refers to a snippet after bundling"));
        }
    }
    if bundle && snippets.is_dir() {
        fs::remove_dir_all(&snippets).map_err(|e| e.to_string())?;
    }
    if target == "bundler" {
        join_snippets(dir, &files)?;
    }
    Ok(())
}

/// The bundler packages' snippets joined into one module, `snippets.js`, which the glue imports
/// instead: brotli compresses each file alone (−0.1 kB of the client, −0.2 kB of the elements).
fn join_snippets(dir: &Path, files: &[PathBuf]) -> Result<(), String> {
    let snippets = dir.join("snippets");
    let mut entry = String::new();
    let mut paths = Vec::new();
    for path in files.iter().filter(|p| p.starts_with(&snippets)) {
        let relative = path.strip_prefix(dir).map_err(|e| e.to_string())?.to_string_lossy().replace('\\', "/");
        entry.push_str(&format!("export * from \"./{relative}\";\n"));
        paths.push(format!("./{relative}"));
    }
    if paths.is_empty() {
        return Ok(());
    }
    let joined = dir.join("snippets.js");
    fs::write(&joined, entry).map_err(|e| e.to_string())?;
    let file = joined.to_str().unwrap_or_default();
    let out = format!("--outfile={file}");
    let args = [file, "--bundle", "--format=esm", "--minify", "--log-level=warning", "--allow-overwrite", &out];
    run(cmd("esbuild", &args, &root()))?;
    let glue = dir.join(format!("{OUT_NAME}_bg.js"));
    let mut text = fs::read_to_string(&glue).map_err(|e| e.to_string())?;
    for path in &paths {
        text = text.replace(&format!("\"{path}\""), "\"./snippets.js\"");
    }
    if text.contains("snippets/") {
        return Err(format!("{} still refers to a snippet after joining them", glue.display()));
    }
    fs::write(&glue, text).map_err(|e| e.to_string())?;
    fs::remove_dir_all(&snippets).map_err(|e| e.to_string())
}

/// How the released wasm is optimised (the packages, the bench build, and the page in
/// `cargo xtask finish-page`). `-Os` with binaryen's inlining held to the smallest functions
/// and without its local common-subexpression pass: what brotli sends is what counts, and
/// those two make the wasm smaller but compress worse (inlining a function into its one caller
/// breaks up code that was alike; the elements gain 9 kB of brotli without them, although the
/// raw wasm grows by 50 kB). Functions of one caller up to binaryen's size 15 (and the trivial
/// ones of any callers) are still inlined: a getter, a stub that returns a constant, which
/// then folds (-0.5 kB of the client, -1.0 kB of the elements; docs/performance.md).
/// `--low-memory-unused`: Rust puts the stack's far end at address 0 (data starts at 1 MiB), so
/// only a stack overflow could touch the first kB; wasm-opt then folds more address arithmetic.
/// The `producers` and `target_features` sections (the compilers' names, the features used) are
/// for tools, and no browser reads them. The features are those rustc's wasm uses, named because
/// the released builds' `target_features` section leaves two out (`util::released_abi`).
pub const WASM_OPT: &[&str] = &[
    "-Os",
    "--one-caller-inline-max-function-size=15",
    "--skip-pass=local-cse",
    "--converge",
    "--low-memory-unused",
    "--strip-producers",
    "--strip-target-features",
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
];

/// Builds every package; returns their directories.
pub fn build() -> Result<Vec<PathBuf>, String> {
    section("npm packages");
    let out = root().join("pkg");
    let wasm = root().join(format!("target/wasm32-unknown-unknown/release/{OUT_NAME}.wasm"));
    let mut built = Vec::new();
    for features in ["js", "elements"] {
        let mut build = cmd(
            "cargo",
            &["build", "--release", "--quiet", "--lib", "--target", "wasm32-unknown-unknown", "--features", features],
            &root(),
        );
        crate::util::released_abi(&mut build);
        run(build)?;
        for package in PACKAGES.iter().filter(|p| p.features == features) {
            let dir = out.join(package.name);
            let _ = fs::remove_dir_all(&dir);
            run(cmd(
                "wasm-bindgen",
                &[
                    "--target",
                    package.target,
                    "--out-dir",
                    dir.to_str().unwrap_or_default(),
                    "--out-name",
                    OUT_NAME,
                    wasm.to_str().unwrap_or_default(),
                ],
                &root(),
            ))?;
            exact_declarations(&dir)?;
            if features == "elements" {
                crate::glue::short_strings(&dir)?;
            }
            crate::names::shorten(&dir)?;
            let module = dir.join(format!("{OUT_NAME}_bg.wasm"));
            crate::dead::panic_only(&module)?;
            let module = module.to_str().unwrap_or_default();
            let args: Vec<&str> = WASM_OPT.iter().copied().chain(["--output", module, module]).collect();
            run(cmd("wasm-opt", &args, &root()))?;
            crate::order::sort_functions(Path::new(module))?;
            if features == "elements" {
                fs::write(dir.join("style.css"), stylesheet()?).map_err(|e| e.to_string())?;
            }
            minify(&dir, package.target)?;
            fs::write(dir.join("README.md"), readme(package)).map_err(|e| e.to_string())?;
            fs::copy(root().join("LICENSE"), dir.join("LICENSE")).map_err(|e| e.to_string())?;
            let files = files_in(&dir);
            fs::write(dir.join("package.json"), package_json(package, &files)).map_err(|e| e.to_string())?;
            built.push(dir);
        }
    }
    Ok(built)
}

/// Prints (and writes to `pkg/sizes.md`) raw, gzip and brotli sizes of each package.
pub fn report(dirs: &[PathBuf]) -> Result<(), String> {
    let mut args = vec!["tools/size-report.mjs".to_owned(), "pkg/sizes.md".to_owned()];
    args.extend(dirs.iter().map(|d| d.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(cmd("node", &args, &root()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_is_optimised_as_the_packages() {
        // Trunk runs no wasm-opt: `cargo xtask finish-page` runs WASM_OPT on the page.
        let html = std::fs::read_to_string(crate::util::root().join("index.html")).unwrap();
        assert!(html.contains(r#"data-wasm-opt="0""#), "index.html: data-wasm-opt");
        assert!(!html.contains("data-wasm-opt-params"), "index.html: data-wasm-opt-params");
        let finish = std::fs::read_to_string(crate::util::root().join("xtask/src/finish.rs")).unwrap();
        assert!(finish.contains("crate::npm::WASM_OPT"), "finish-page runs WASM_OPT");
    }
}
