//! The development commands: `demo` (the page with the fake server), `serve` (Trunk's live
//! development loop with a fake server behind it), `page` (the page for a deployment) and `npm`.

use crate::setup::{setup, Needs};
use crate::util::{cmd, root, run, run_downloading, section};
use std::path::Path;

/// Builds the standalone page as the demo serves it.
pub fn build_page() -> Result<(), String> {
    run_downloading(&|| cmd("cargo", &["fetch", "--quiet"], &root()))?;
    let mut trunk = cmd("trunk", &["build", "--release"], &root());
    crate::util::released_abi(&mut trunk);
    run(trunk)
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
    let loopback = addr.starts_with("127.") || addr.starts_with("localhost:") || addr.starts_with("[::1]");
    if !loopback {
        println!("WARNING: {addr} is reachable from other machines: so are the demo's tokens and data.\n");
    }
    println!("Open the URL below and connect with the token it prints (Ctrl-C stops it).\n");
    run(cmd(
        "cargo",
        &["run", "--release", "--quiet", "-p", "fake-waldur", "--", "--addr", &addr, "--static", "dist"],
        &root(),
    ))
}

/// `cargo xtask serve`: `trunk serve` on http://127.0.0.1:8080 (rebuilt on every change),
/// proxying `/api/` to a fake server it starts on :8000.
pub fn serve(args: &[String]) -> Result<(), String> {
    if !args.is_empty() {
        return Err("usage: cargo xtask serve".into());
    }
    setup(Needs { wasm: true, chromium: false, trunk: true, node_tools: true, schemathesis: false })?;
    run(cmd("cargo", &["build", "--release", "--quiet", "-p", "fake-waldur"], &root()))?;
    run_downloading(&|| cmd("cargo", &["fetch", "--quiet"], &root()))?;
    section("serve");
    let binary = root().join("target/release/fake-waldur");
    let mut fake = cmd(binary.to_str().unwrap_or("fake-waldur"), &["--addr", "127.0.0.1:8000"], &root())
        .spawn()
        .map_err(|e| format!("cannot start fake-waldur: {e}"))?;
    println!("Open http://127.0.0.1:8080 and connect with the token fake-waldur prints (Ctrl-C stops both).\n");
    // Trunk's reload script would be inline, which the page's policy forbids: reload by hand.
    // A development build, with the tests' ABI (`util::released_abi` is for release builds): it
    // shares their compiled dependencies.
    let result = run(cmd("trunk", &["serve", "--no-autoreload"], &root()));
    let _ = fake.kill();
    result
}

/// Writes `dist` into `out` with `origins` added to the page's `connect-src`.
pub fn page_for(out: &Path, origins: &[&str]) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(out);
    copy_tree(&root().join("dist"), out)?;
    let index = out.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let extra: String = origins.iter().map(|o| format!(" {}", o.trim_end_matches('/'))).collect();
    let rewritten = html.replacen("connect-src 'self'", &format!("connect-src 'self'{extra}"), 1);
    if rewritten == html && !origins.is_empty() {
        return Err("dist/index.html has no connect-src to extend".into());
    }
    std::fs::write(&index, rewritten).map_err(|e| e.to_string())
}

pub fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// `cargo xtask page [--connect-src ORIGIN]...`: the page for a deployment, in `dist/`. With
/// no origin it calls only its own (Waldur behind the same host); each `--connect-src` lets it
/// call a Waldur elsewhere.
pub fn page(args: &[String]) -> Result<(), String> {
    let mut origins = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match (arg.as_str(), iter.next()) {
            ("--connect-src", Some(origin)) if origin.starts_with("https://") || origin.starts_with("http://") => {
                origins.push(origin.clone())
            }
            _ => return Err("usage: cargo xtask page [--connect-src https://waldur.example.com]...".into()),
        }
    }
    setup(Needs { wasm: true, chromium: false, trunk: true, node_tools: true, schemathesis: false })?;
    build_page()?;
    if !origins.is_empty() {
        let staged = root().join("target/page");
        let origins: Vec<&str> = origins.iter().map(String::as_str).collect();
        page_for(&staged, &origins)?;
        let _ = std::fs::remove_dir_all(root().join("dist"));
        copy_tree(&staged, &root().join("dist"))?;
    }
    println!("\nThe page is in dist/ (serve it as static files; see the README for the headers).");
    Ok(())
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
