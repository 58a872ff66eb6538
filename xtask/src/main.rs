//! `cargo xtask <command>`: the one place for dev commands. See `cargo xtask help`.

mod bench;
mod dead;
mod dev;
mod digits;
mod finish;
mod glue;
mod names;
mod npm;
mod order;
mod server;
mod setup;
mod shares;
mod size;
mod steps;
#[cfg(test)]
mod testwasm;
mod texts;
mod traps;
mod util;

const HELP: &str = "\
cargo xtask <command>

  demo        build the page (trunk build --release) and serve it with the fake server on :8000
              (--addr HOST:PORT to listen elsewhere)
  serve       the development loop: trunk serve on :8080, /api/ proxied to a fake server on :8000
  page        build the page for a deployment into dist/ (--connect-src ORIGIN for each Waldur
              on another origin it may call)
  test        install what is missing, then run every suite (native, fake server, browser,
              conformance, e2e, npm)
  npm         build the npm packages into pkg/ and report their sizes (pkg/sizes.md)
  size        build each wasm with its names kept and show where the bytes go (bench/size.md;
              `size page` for one build, shown only)
  bench       build release artifacts and baselines, measure them side by side in headless
              Chromium, print the table and write it to bench/results.md
  setup       only install what is missing (wasm target, Chromium, wasm-bindgen-cli, Trunk,
              binaryen, npm packages, schemathesis)
  finish-page what Trunk runs after each build of the page (Trunk.toml): wasm-opt (release),
              functions ordered, short glue names, minified JS, one stylesheet, integrity
              computed again
  help        this text

Options of `test`: --skip-setup (use the tools as they are), --only <suite>[,<suite>]
  suites: native, fake, browser, conformance, e2e, npm
";

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let command = if args.is_empty() { "help".to_owned() } else { args.remove(0) };
    let result = match command.as_str() {
        "demo" => dev::demo(&args),
        "serve" => dev::serve(&args),
        "page" => dev::page(&args),
        "test" => steps::test(&args),
        "npm" => dev::npm(&args),
        "size" => size::size(&args),
        "finish-page" => finish::finish_page(&args),
        "bench" => bench::bench(&args),
        "setup" => setup::setup(setup::Needs::all()).map(|_| ()),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    if let Err(message) = result {
        eprintln!("\nxtask: {message}");
        std::process::exit(1);
    }
}
