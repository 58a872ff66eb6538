//! The commands: `test` (every suite), `demo`, `npm`, `bench`.

use crate::server::FakeServer;
use crate::setup::{setup, Needs};
use crate::util::{cmd, root, run, section};
use std::time::Instant;

/// The normal user's token of the fake server (its default, printed by the demo too).
pub const DEMO_TOKEN: &str = "4f3c2b1a09e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4";

/// The suites `cargo xtask test` runs, in order.
const SUITES: [&str; 6] = ["native", "fake", "browser", "conformance", "e2e", "npm"];

fn suites(args: &[String]) -> Result<Vec<String>, String> {
    let mut only = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--skip-setup" => {}
            "--only" => only = iter.next().cloned(),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let chosen: Vec<String> = match only {
        Some(list) => list.split(',').map(str::trim).map(str::to_owned).collect(),
        None => SUITES.iter().map(|s| (*s).to_owned()).collect(),
    };
    if let Some(bad) = chosen.iter().find(|s| !SUITES.contains(&s.as_str())) {
        return Err(format!("unknown suite {bad}; suites: {}", SUITES.join(", ")));
    }
    Ok(chosen)
}

/// `cargo xtask test`: installs what is missing, then runs the chosen suites.
pub fn test(args: &[String]) -> Result<(), String> {
    let started = Instant::now();
    let chosen = suites(args)?;
    let wants = |suite: &str| chosen.iter().any(|s| s == suite);
    if !args.iter().any(|a| a == "--skip-setup") {
        setup(Needs {
            wasm: wants("native") || wants("browser") || wants("e2e") || wants("npm"),
            chromium: wants("browser") || wants("e2e") || wants("npm"),
            trunk: wants("e2e"),
            node_tools: wants("e2e") || wants("npm"),
            schemathesis: wants("conformance"),
        })?;
    }
    for suite in &chosen {
        section(&format!("suite: {suite}"));
        match suite.as_str() {
            "native" => native()?,
            "fake" => fake()?,
            "browser" => browser()?,
            "conformance" => conformance()?,
            "e2e" => e2e()?,
            "npm" => npm_suite()?,
            _ => unreachable!("checked in suites()"),
        }
    }
    println!("\nall suites passed ({}) in {:.0} s", chosen.join(", "), started.elapsed().as_secs_f64());
    Ok(())
}

/// Lints, then the native tests of the library (pure parts, fixtures, property tests).
fn native() -> Result<(), String> {
    run(cmd("cargo", &["fmt", "--all", "--check"], &root()))?;
    run(cmd("cargo", &["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"], &root()))?;
    // The wasm-only parts (transport, components, page) are linted for their target.
    let wasm = [
        "clippy",
        "--target",
        "wasm32-unknown-unknown",
        "--features",
        "page,elements,bench",
        "--all-targets",
        "--quiet",
        "--",
        "-D",
        "warnings",
    ];
    run(cmd("cargo", &wasm, &root()))?;
    run(cmd("cargo", &["test", "--package", "waldur-migrations"], &root()))
}

/// The fake server's own tests over HTTP.
fn fake() -> Result<(), String> {
    run(cmd("cargo", &["test", "--package", "fake-waldur"], &root()))
}

/// wasm-bindgen-test in headless Chromium against the fake server: the client's operations
/// and the Leptos components mounted into the document.
fn browser() -> Result<(), String> {
    let server = FakeServer::start(&["--step-ms", "300"])?;
    let mut command = cmd("cargo", &["test", "--target", "wasm32-unknown-unknown", "--features", "ui"], &root());
    command.env("FAKE_WALDUR_URL", &server.url).env("CHROMEDRIVER", "/usr/bin/chromedriver");
    run(command)
}

/// Builds the standalone page as the demo serves it.
fn build_page() -> Result<(), String> {
    run(cmd("cargo", &["fetch", "--quiet"], &root()))?;
    run(cmd("trunk", &["build", "--release"], &root()))
}

/// The built page in Chromium (Playwright) against the fake server serving it (--static).
fn e2e() -> Result<(), String> {
    build_page()?;
    let server = FakeServer::start(&["--static", "dist", "--step-ms", "1000"])?;
    let mut command = cmd("node", &["--test", "--test-reporter=spec", "tests/e2e/"], &root());
    command.env("FAKE_WALDUR_URL", &server.url);
    run(command)
}

/// `cargo xtask demo`: builds the page and serves it with the fake server on :8000.
pub fn demo(args: &[String]) -> Result<(), String> {
    let addr = match args {
        [] => "127.0.0.1:8000".to_owned(),
        [flag, addr] if flag == "--addr" => addr.clone(),
        _ => return Err("usage: cargo xtask demo [--addr HOST:PORT]".into()),
    };
    setup(Needs { wasm: true, chromium: false, trunk: true, node_tools: true, schemathesis: false })?;
    build_page()?;
    section("demo");
    println!("Open the URL below and connect with the token it prints (Ctrl-C stops it).\n");
    run(cmd(
        "cargo",
        &["run", "--release", "--quiet", "-p", "fake-waldur", "--", "--addr", &addr, "--static", "dist"],
        &root(),
    ))
}

/// schemathesis with the published schema against the fake server (docs/conformance.md).
fn conformance() -> Result<(), String> {
    let server = FakeServer::start(&["--step-ms", "300"])?;
    let st = root().join("target/venv/bin/st");
    let spec = root().join("spec/openapi-migrations.yaml");
    let url = server.url.clone();
    let auth = format!("Authorization: Token {DEMO_TOKEN}");
    let mut command = cmd(
        st.to_str().unwrap_or("st"),
        &[
            "--config-file",
            "conformance/schemathesis.toml",
            "run",
            spec.to_str().unwrap_or(""),
            "--url",
            &url,
            "-H",
            &auth,
        ],
        &root(),
    );
    command
        .env("SCHEMATHESIS_HOOKS", "conformance.hooks")
        .env("FAKE_WALDUR_URL", &url)
        .env("FAKE_WALDUR_TOKEN", DEMO_TOKEN);
    run(command)
}

/// The npm packages: built (sizes reported), tested in Node against the fake server,
/// type-checked by TypeScript, and used by www/ (Vite + React) in Chromium.
fn npm_suite() -> Result<(), String> {
    let dirs = crate::npm::build()?;
    crate::npm::report(&dirs)?;
    let www = root().join("www");
    run(cmd("npm", &["ci", "--no-audit", "--no-fund"], &www))?;
    // A development build, so React's StrictMode double-mounts as it does while developing.
    let mut vite = cmd("npx", &["vite", "build"], &www);
    vite.env("NODE_ENV", "development");
    run(vite)?;
    let server = FakeServer::start(&["--static", "www/dist", "--step-ms", "1000"])?;
    let mut command = cmd("node", &["--test", "--test-reporter=spec", "tests/npm/"], &root());
    command.env("FAKE_WALDUR_URL", &server.url);
    run(command)
}

/// `cargo xtask npm`: builds the npm packages into pkg/ and reports their sizes.
pub fn npm(args: &[String]) -> Result<(), String> {
    if !args.is_empty() {
        return Err("usage: cargo xtask npm".into());
    }
    setup(Needs { wasm: true, chromium: false, trunk: false, node_tools: true, schemathesis: false })?;
    let dirs = crate::npm::build()?;
    crate::npm::report(&dirs)
}

/// Copies every file of `from` into `to` (one level).
fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.path().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// `cargo xtask bench`: builds the release artifacts and the baselines, then measures them side
/// by side in headless Chromium and writes the table to bench/results.md.
pub fn bench(args: &[String]) -> Result<(), String> {
    if !args.is_empty() {
        return Err("usage: cargo xtask bench".into());
    }
    setup(Needs { wasm: true, chromium: true, trunk: true, node_tools: true, schemathesis: false })?;
    let dirs = crate::npm::build()?;
    crate::npm::report(&dirs)?;
    build_page()?;
    section("bench site");
    let target = root().join("target/bench");
    let site = target.join("site");
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(&site).map_err(|e| e.to_string())?;
    // The bench module: the elements build plus the bench-only exports.
    run(cmd(
        "cargo",
        &["build", "--release", "--quiet", "--lib", "--target", "wasm32-unknown-unknown", "--features", "bench"],
        &root(),
    ))?;
    let wasm = root().join("target/wasm32-unknown-unknown/release/waldur_migrations.wasm");
    let bench_dir = site.join("bench");
    run(cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--out-dir",
            bench_dir.to_str().unwrap_or(""),
            "--out-name",
            "waldur_migrations",
            wasm.to_str().unwrap_or(""),
        ],
        &root(),
    ))?;
    let module = bench_dir.join("waldur_migrations_bg.wasm");
    let module = module.to_str().unwrap_or("");
    run(cmd("wasm-opt", &["-Oz", "--output", module, module], &root()))?;
    copy_dir(&root().join("pkg/waldur-migrations-web"), &site.join("client"))?;
    std::fs::create_dir_all(site.join("elements")).map_err(|e| e.to_string())?;
    std::fs::copy(root().join("pkg/waldur-migrations-elements/style.css"), site.join("elements/style.css"))
        .map_err(|e| e.to_string())?;
    for file in ["page.html", "page.mjs"] {
        std::fs::copy(root().join("bench").join(file), site.join(file)).map_err(|e| e.to_string())?;
    }
    // The baseline: the seven calls generated by @hey-api/openapi-ts, bundled alone, minified.
    let heyapi = target.join("heyapi");
    let _ = std::fs::remove_dir_all(&heyapi);
    // A path, not "spec/…": openapi-ts reads "a/b" as a Hey API registry name.
    let spec = root().join("spec/openapi-migrations.yaml");
    run(cmd(
        "openapi-ts",
        &[
            "-i",
            spec.to_str().unwrap_or(""),
            "-o",
            heyapi.to_str().unwrap_or(""),
            "-c",
            "@hey-api/client-fetch",
            "--no-log-file",
            "--silent",
        ],
        &root(),
    ))?;
    let entry = target.join("heyapi-entry.ts");
    std::fs::write(
        &entry,
        "export { openstackMigrationsList, openstackMigrationsCount, openstackMigrationsRetrieve, openstackMigrationsCreate, \
         openstackMigrationsUpdate, openstackMigrationsPartialUpdate, openstackMigrationsDestroy } from \"./heyapi/sdk.gen\";\n\
         export { client } from \"./heyapi/client.gen\";\n",
    )
    .map_err(|e| e.to_string())?;
    let outfile = format!("--outfile={}", site.join("heyapi.js").display());
    run(cmd(
        "esbuild",
        &[entry.to_str().unwrap_or(""), "--bundle", "--minify", "--format=esm", "--target=es2022", &outfile],
        &root(),
    ))?;
    section("measure");
    let fast = FakeServer::start(&["--items", "10000"])?;
    let slow = FakeServer::start(&["--items", "10000", "--latency-ms", "5"])?;
    let mut command = cmd("node", &["bench/run.mjs"], &root());
    command
        .env("BENCH_SITE", &site)
        .env("API_FAST", &fast.url)
        .env("API_SLOW", &slow.url)
        .env("BENCH_TOKEN", DEMO_TOKEN)
        .env("BENCH_OUT", root().join("bench/results.md"))
        .env("BENCH_ROOT", root());
    run(command)
}
