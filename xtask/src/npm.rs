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
            // (the snippets are in the glue of both, see `minify`).
            let side_effects = if target == "bundler" { format!("[\"./{OUT_NAME}.js\"]") } else { "false".to_owned() };
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
/// keeps its module format). wasm-bindgen copies our JS (src/json/read.js,
/// src/transport/fetch.js, src/elements/define.js) into `snippets/` for the glue to import;
/// in the bundler and web packages their text takes the place of those imports first
/// ([`inline_snippets`]), so the glue is one module; Node reads its snippets through
/// `require(String.raw`...`)`, left as it is. The types live in the `.d.ts` files, so the
/// doc comments lost here are not lost to users; TypeScript's `@ts-self-types` line is kept.
fn minify(dir: &Path, target: &str) -> Result<(), String> {
    match target {
        "bundler" => inline_snippets(&dir.join(format!("{OUT_NAME}_bg.js")))?,
        _ => inline_snippets(&dir.join(format!("{OUT_NAME}.js")))?,
    }
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
    for path in &files {
        let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
        let first = text.lines().next().unwrap_or("").to_owned();
        let file = path.to_str().unwrap_or_default();
        let out = format!("--outfile={file}");
        run(cmd("esbuild", &[file, "--minify", "--log-level=warning", "--allow-overwrite", &out], &root()))?;
        if first.starts_with("/* @ts-self-types=") {
            let minified = fs::read_to_string(path).map_err(|e| e.to_string())?;
            fs::write(path, format!("{first}\n{minified}")).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// `glue` with its snippets' text in place of its `import { … } from './snippets/…'` lines
/// (each file once, its `export` keywords dropped), to be minified with it: one module
/// instead of two in the bundler packages (−0.2 kB of brotli in the client, −0.26 kB in the
/// elements) and, in the web ones, nothing listed twice as esbuild's bundle would (−0.04 kB
/// of the elements). A snippet's top-level name that the glue also declares makes esbuild
/// fail, so a clash cannot pass unseen.
fn inline_snippets(glue: &Path) -> Result<(), String> {
    let dir = glue.parent().unwrap_or(glue);
    let text = fs::read_to_string(glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    let mut done: Vec<String> = Vec::new();
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.lines() {
        let Some(path) = snippet_import(line) else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        if line.contains(" as ") {
            return Err(format!("{}: a renamed snippet import: {line}", glue.display()));
        }
        if done.iter().any(|seen| *seen == path) {
            continue;
        }
        let file = dir.join(path.trim_start_matches("./"));
        let source = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        out.push_str(&without_exports(&source).map_err(|e| format!("{}: {e}", file.display()))?);
        out.push('\n');
        done.push(path.to_owned());
    }
    if out.contains("./snippets/") {
        return Err(format!("{} still refers to a snippet after inlining them", glue.display()));
    }
    fs::write(glue, out).map_err(|e| e.to_string())?;
    let snippets = dir.join("snippets");
    if snippets.is_dir() {
        fs::remove_dir_all(&snippets).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The path of a snippet's import as wasm-bindgen writes it: `import { … } from
/// './snippets/…';` (ES modules) or ``const { … } = require(String.raw`./snippets/…`);``
/// (CommonJS).
fn snippet_import(line: &str) -> Option<&str> {
    let line = line.trim();
    let path = match line.strip_prefix("import {") {
        Some(rest) => rest.split_once("} from ")?.1.trim_end_matches(';').trim_matches(|c| c == '\'' || c == '"'),
        None => {
            let rest = line.strip_prefix("const {")?.split_once("} = require(String.raw`")?.1;
            rest.strip_suffix("`);")?
        }
    };
    path.starts_with("./snippets/").then_some(path)
}

/// A snippet's text with `export` dropped from its declarations; other module syntax (imports,
/// `export {…}`, `export default`) is refused.
fn without_exports(source: &str) -> Result<String, String> {
    let mut out = String::with_capacity(source.len());
    for line in source.lines() {
        let declared = match line.strip_prefix("export ") {
            Some(rest)
                if ["function ", "async function ", "const ", "let ", "class "].iter().any(|k| rest.starts_with(k)) =>
            {
                rest
            }
            Some(_) => return Err(format!("an export this inlining does not handle: {line}")),
            None if line.starts_with("import ") || line.starts_with("import{") => {
                return Err(format!("a snippet that imports: {line}"))
            }
            None => line,
        };
        out.push_str(declared);
        out.push('\n');
    }
    Ok(out)
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

    #[test]
    fn a_snippet_import_is_found_by_its_path() {
        let line = "import { kindOf, stringMember } from './snippets/waldur-migrations-b026/src/json/read.js';";
        assert_eq!(super::snippet_import(line), Some("./snippets/waldur-migrations-b026/src/json/read.js"));
        assert_eq!(super::snippet_import("import * as wasm from './waldur_migrations_bg.wasm';"), None);
        assert_eq!(super::snippet_import("import { x } from './other.js';"), None);
        let line = "const { drive } = require(String.raw`./snippets/waldur-migrations-b026/src/transport/fetch.js`);";
        assert_eq!(super::snippet_import(line), Some("./snippets/waldur-migrations-b026/src/transport/fetch.js"));
        assert_eq!(super::snippet_import("const { x } = require(String.raw`./other.js`);"), None);
    }

    #[test]
    fn a_snippet_loses_its_exports_and_nothing_else() {
        let source =
            "const A = 1;\nexport function f() { return A; }\nexport async function g() {}\nexport const h = 2;";
        let expected = "const A = 1;\nfunction f() { return A; }\nasync function g() {}\nconst h = 2;\n";
        assert_eq!(super::without_exports(source).as_deref(), Ok(expected));
        assert!(super::without_exports("export { f };").is_err());
        assert!(super::without_exports("export default 1;").is_err());
        assert!(super::without_exports("import { x } from './x.js';").is_err());
    }
}
