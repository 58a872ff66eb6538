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
/// -0.8 kB, elements -1.0 kB of brotli; docs/performance.md). The standard library is built
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

/// Runs a command that downloads (an install, `npm ci`, `cargo fetch`), made afresh by `make`
/// for each try: a registry that drops a connection on a fresh machine fails the try, not the
/// run. Up to three tries, 10 s and then 30 s apart.
pub fn run_downloading(make: &dyn Fn() -> Command) -> Result<(), String> {
    run_tries(make, &[10, 30])
}

/// Runs `make()`, and again after each of `waits` (seconds) while it fails; a command that
/// cannot start is not tried again.
fn run_tries(make: &dyn Fn() -> Command, waits: &[u64]) -> Result<(), String> {
    let mut waits = waits.iter();
    loop {
        match run(make()) {
            Err(error) if !error.starts_with("cannot start") => match waits.next() {
                Some(&seconds) => {
                    println!("  {error}; trying again in {seconds} s");
                    std::thread::sleep(std::time::Duration::from_secs(seconds));
                }
                None => return Err(error),
            },
            result => return result,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A shell command that fails until it has been run `n` times (counted in `file`).
    fn failing_until(file: &Path, n: u32) -> Command {
        let script = format!("echo x >> '{}'; test $(wc -l < '{}') -ge {n}", file.display(), file.display());
        let mut command = Command::new("sh");
        command.args(["-c", &script]);
        command
    }

    #[test]
    fn a_download_is_tried_again_until_it_succeeds_or_the_tries_run_out() {
        let dir = std::env::temp_dir().join(format!("xtask-tries-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let third = dir.join("third");
        assert_eq!(run_tries(&|| failing_until(&third, 3), &[0, 0]), Ok(()));
        assert_eq!(std::fs::read_to_string(&third).unwrap().lines().count(), 3);
        let fourth = dir.join("fourth");
        assert!(run_tries(&|| failing_until(&fourth, 4), &[0, 0]).is_err());
        assert_eq!(std::fs::read_to_string(&fourth).unwrap().lines().count(), 3);
        let missing = run_tries(&|| Command::new("/nonexistent/program"), &[0, 0]);
        assert!(missing.unwrap_err().starts_with("cannot start"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
