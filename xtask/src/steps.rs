//! `cargo xtask test`: every suite, in order.

use crate::server::{free_port, FakeServer, TEST_BEARER};
use crate::setup::{setup, Needs};
use crate::util::{cmd, root, run, run_downloading, section};
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

/// Lints, then the native tests of the library (pure parts, fixtures, property tests) and of xtask.
fn native() -> Result<(), String> {
    run(cmd("cargo", &["fmt", "--all", "--check"], &root()))?;
    run(cmd("cargo", &["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"], &root()))?;
    // The wasm-only parts are linted for their target: the builds without std (the npm
    // packages, the page, the bench exports), then the Leptos components with the browser tests.
    for (features, targets) in [("page,elements,bench", "--lib"), ("ui", "--all-targets")] {
        let wasm = [
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            features,
            targets,
            "--quiet",
            "--",
            "-D",
            "warnings",
        ];
        run(cmd("cargo", &wasm, &root()))?;
    }
    run(cmd("cargo", &["test", "--package", "waldur-migrations"], &root()))?;
    // The dev tool's own pure parts (how `cargo xtask size` attributes bytes, the short glue
    // names, the page's integrity attributes).
    run(cmd("cargo", &["test", "--package", "xtask"], &root()))
}

/// The fake server's own tests over HTTP.
fn fake() -> Result<(), String> {
    run(cmd("cargo", &["test", "--package", "fake-waldur"], &root()))
}

/// wasm-bindgen-test in headless Chromium against the fake server: the client's operations,
/// the components' DOM layer, and the Leptos components mounted into the document. The test
/// page gets a fixed address so the fake server can let that one origin use its control
/// endpoints.
fn browser() -> Result<(), String> {
    let port = free_port()?;
    let page = format!("http://127.0.0.1:{port}");
    let server = FakeServer::start(&["--step-ms", "300", "--control-origin", &page, "--bearer-token", TEST_BEARER])?;
    let mut command = cmd("cargo", &["test", "--target", "wasm32-unknown-unknown", "--features", "ui"], &root());
    command
        .env("FAKE_WALDUR_URL", &server.url)
        .env("FAKE_WALDUR_BEARER", TEST_BEARER)
        .env("WASM_BINDGEN_TEST_ADDRESS", format!("127.0.0.1:{port}"))
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .env("CHROMEDRIVER", "/usr/bin/chromedriver");
    run(command)
}

/// The built page in Chromium (Playwright): served with the API of the same fake server, and
/// calling fake servers on other origins (CORS as deployed, no CORS, paging headers hidden);
/// the page's size is checked against the budget first.
fn e2e() -> Result<(), String> {
    crate::dev::build_page()?;
    crate::size::check_page()?;
    let cross = FakeServer::start(&["--step-ms", "1000"])?;
    let no_cors = FakeServer::start(&["--cors", "none"])?;
    let hidden = FakeServer::start(&["--cors", "no-expose"])?;
    let origins = [cross.url.as_str(), no_cors.url.as_str(), hidden.url.as_str()];
    let dist = root().join("target/e2e/dist");
    crate::dev::page_for(&dist, &origins)?;
    let dist = dist.to_str().unwrap_or("target/e2e/dist").to_owned();
    let mut args = vec!["--static", dist.as_str(), "--step-ms", "1000"];
    for origin in origins {
        args.extend(["--connect-src", origin]);
    }
    let server = FakeServer::start(&args)?;
    let mut command = cmd("node", &["--test", "--test-reporter=spec", "tests/e2e/"], &root());
    command
        .env("FAKE_WALDUR_URL", &server.url)
        .env("FAKE_WALDUR_CROSS", &cross.url)
        .env("FAKE_WALDUR_NO_CORS", &no_cors.url)
        .env("FAKE_WALDUR_NO_EXPOSE", &hidden.url);
    run(command)
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
    crate::size::check_packages(&dirs)?;
    let www = root().join("www");
    run_downloading(&|| cmd("npm", &["ci", "--no-audit", "--no-fund"], &www))?;
    // A development build, so React's StrictMode double-mounts as it does while developing.
    let mut vite = cmd("npx", &["vite", "build"], &www);
    vite.env("NODE_ENV", "development");
    run(vite)?;
    let server = FakeServer::start(&["--static", "www/dist", "--step-ms", "1000", "--bearer-token", TEST_BEARER])?;
    let mut command = cmd("node", &["--test", "--test-reporter=spec", "tests/npm/"], &root());
    command.env("FAKE_WALDUR_URL", &server.url).env("FAKE_WALDUR_BEARER", TEST_BEARER);
    run(command)
}
