//! Running commands, with the project's tool folder first on PATH.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new(".")).to_path_buf()
}

/// Where tools installed from npm live (`tools/node_modules/.bin`).
pub fn tools_bin() -> PathBuf {
    root().join("tools/node_modules/.bin")
}

/// PATH with the project's tools and cargo's bin first.
pub fn path_env() -> String {
    let mut parts = vec![tools_bin().display().to_string()];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
    {
        parts.push(home.join("bin").display().to_string());
    }
    parts.push(std::env::var("PATH").unwrap_or_default());
    parts.join(":")
}

/// The wasm ABI of what is released (the npm packages, the page, the bench build): without the
/// reference-types and multi-value features, wasm-bindgen keeps JS values in its JS-side table
/// instead of adding an externref adapter to the wasm for every export and import (client
/// -0.9 kB, elements -1.2 kB of brotli; README, "Performance"). The standard library is built
/// with both features on, and the linker would say so in the `target_features` section, from
/// which wasm-bindgen picks its mode: the section lists the other features only. The names are
/// kept for what runs between wasm-bindgen and wasm-opt (`dead::panic_only`); wasm-opt
/// drops them. The tests keep the default ABI (`.cargo/config.toml`).
pub fn released_abi(command: &mut Command) {
    let flags = "--cfg erase_components -C target-feature=-reference-types,-multivalue \
                 -C link-arg=--no-check-features \
                 -C link-arg=--features=bulk-memory,bulk-memory-opt,call-indirect-overlong,mutable-globals,nontrapping-fptoint,sign-ext";
    command.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", flags);
}

/// A command in `dir` with the tool PATH.
pub fn cmd(program: &str, args: &[&str], dir: &Path) -> Command {
    let mut command = Command::new(program);
    command.args(args).current_dir(dir).env("PATH", path_env());
    command
}

/// Runs a command, echoing it, and fails with its exit status.
pub fn run(mut command: Command) -> Result<(), String> {
    let mut shown = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        shown.push(' ');
        shown.push_str(&arg.to_string_lossy());
    }
    if let Some(dir) = command.get_current_dir().filter(|dir| *dir != root()) {
        shown = format!("(in {}) {shown}", dir.display());
    }
    println!("\n$ {shown}");
    let started = Instant::now();
    let status = command.status().map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        println!("  ({:.1} s)", started.elapsed().as_secs_f64());
        Ok(())
    } else {
        Err(format!("failed ({status}): {shown}"))
    }
}

/// Runs a command quietly and returns its stdout, or `None` if it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).env("PATH", path_env()).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// A section header in the log.
pub fn section(title: &str) {
    println!("\n==== {title} ====");
}
