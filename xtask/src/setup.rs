//! Installs what a suite needs and is missing; what is already there at the right version is
//! skipped, so a warm machine takes seconds.

use crate::util::{cmd, output, root, run, run_downloading, section};
use std::path::Path;

/// Versions pinned by the project (see `shared/TOOLCHAIN.md`).
pub const WASM_BINDGEN: &str = "0.2.130";
pub const TRUNK: &str = "0.21.14";
pub const SCHEMATHESIS: &str = "4.32";

/// What to make sure of.
#[derive(Clone, Copy, Debug, Default)]
pub struct Needs {
    pub wasm: bool,
    pub chromium: bool,
    pub trunk: bool,
    pub node_tools: bool,
    pub schemathesis: bool,
}

impl Needs {
    pub fn all() -> Needs {
        Needs { wasm: true, chromium: true, trunk: true, node_tools: true, schemathesis: true }
    }
}

/// Installs what `needs` asks for.
pub fn setup(needs: Needs) -> Result<(), String> {
    section("setup");
    if needs.wasm || needs.trunk {
        wasm_target()?;
        wasm_bindgen_cli()?;
    }
    if needs.chromium {
        chromium()?;
    }
    if needs.trunk {
        trunk()?;
    }
    if needs.node_tools || needs.trunk {
        node_tools()?;
    }
    if needs.schemathesis {
        schemathesis()?;
    }
    Ok(())
}

fn wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == "wasm32-unknown-unknown") {
        println!("ok  wasm32-unknown-unknown target");
        return lint_components();
    }
    run_downloading(&|| cmd("rustup", &["target", "add", "wasm32-unknown-unknown"], &root()))?;
    lint_components()
}

/// clippy and rustfmt, which the native suite runs (in rustup's default profile, but not the minimal one).
fn lint_components() -> Result<(), String> {
    let installed = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    for component in ["clippy", "rustfmt"] {
        if installed.lines().any(|line| line.starts_with(component)) {
            println!("ok  {component}");
        } else {
            run_downloading(&|| cmd("rustup", &["component", "add", component], &root()))?;
        }
    }
    Ok(())
}

fn wasm_bindgen_cli() -> Result<(), String> {
    let wanted = format!("wasm-bindgen {WASM_BINDGEN}");
    if output("wasm-bindgen", &["--version"]).as_deref() == Some(wanted.as_str())
        && output("wasm-bindgen-test-runner", &["--version"]).is_some()
    {
        println!("ok  {wanted}");
        return Ok(());
    }
    // Without --locked: its lockfile wants a crate version the registry lacks. A debug build
    // installs in a quarter of the time and writes the same output.
    let spec = format!("wasm-bindgen-cli@{WASM_BINDGEN}");
    run_downloading(&|| cmd("cargo", &["install", "--debug", "--force", &spec], &root()))
}

fn trunk() -> Result<(), String> {
    let wanted = format!("trunk {TRUNK}");
    if output("trunk", &["--version"]).as_deref() == Some(wanted.as_str()) {
        println!("ok  {wanted}");
        return Ok(());
    }
    let spec = format!("trunk@{TRUNK}");
    run_downloading(&|| cmd("cargo", &["install", "--locked", "--force", &spec], &root()))
}

fn as_root(program: &str, args: &[&str]) -> std::process::Command {
    let is_root = output("id", &["-u"]).as_deref() == Some("0");
    if is_root {
        let mut command = cmd(program, args, &root());
        command.env("DEBIAN_FRONTEND", "noninteractive");
        command
    } else {
        let mut all = vec!["env", "DEBIAN_FRONTEND=noninteractive", program];
        all.extend_from_slice(args);
        cmd("sudo", &all, &root())
    }
}

fn chromium() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        println!("ok  {}", output("/usr/bin/chromium", &["--version"]).unwrap_or_else(|| "chromium".into()));
        return Ok(());
    }
    // A fresh machine may still be running its own apt (unattended upgrades): wait for its lock.
    let lock = "DPkg::Lock::Timeout=600";
    run_downloading(&|| as_root("apt-get", &["-o", lock, "update", "-qq"]))?;
    run_downloading(&|| as_root("apt-get", &["-o", lock, "install", "-y", "-qq", "chromium", "chromium-driver"]))
}

/// npm packages the suites use (binaryen's wasm-opt, Playwright, axe-core, TypeScript, ...),
/// pinned in `tools/package-lock.json`.
fn node_tools() -> Result<(), String> {
    let tools = root().join("tools");
    let lock = tools.join("package-lock.json");
    let installed = tools.join("node_modules/.package-lock.json");
    let fresh = match (
        std::fs::metadata(&lock).and_then(|m| m.modified()),
        std::fs::metadata(&installed).and_then(|m| m.modified()),
    ) {
        (Ok(lock), Ok(installed)) => installed >= lock,
        _ => false,
    };
    if fresh {
        println!("ok  npm tools in tools/node_modules");
    } else {
        run_downloading(&|| cmd("npm", &["ci", "--no-audit", "--no-fund"], &tools))?;
    }
    let version = output("wasm-opt", &["--version"]).unwrap_or_default();
    if !version.contains("version 132") {
        return Err(format!("wasm-opt on PATH is `{version}`, expected binaryen 132 from tools/node_modules"));
    }
    Ok(())
}

/// schemathesis in a virtualenv under target/.
fn schemathesis() -> Result<(), String> {
    let venv = root().join("target/venv");
    let st = venv.join("bin/st");
    let version = output(st.to_str().unwrap_or("st"), &["--version"]).unwrap_or_default();
    if version.contains(SCHEMATHESIS) {
        println!("ok  {version}");
        return Ok(());
    }
    run(cmd("python3", &["-m", "venv", venv.to_str().unwrap_or("target/venv")], &root()))?;
    let pip = venv.join("bin/pip");
    let spec = format!("schemathesis=={SCHEMATHESIS}.*");
    run_downloading(&|| {
        cmd(pip.to_str().unwrap_or("pip"), &["install", "--quiet", "--disable-pip-version-check", &spec], &root())
    })
}
