//! `fake-waldur [options]`: see `--help`.

use fake_waldur::{bind, serve, Config};

#[tokio::main]
async fn main() {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            if message.is_empty() {
                print!("{}", fake_waldur::config::USAGE);
                return;
            }
            eprintln!("fake-waldur: {message}\n\n{}", fake_waldur::config::USAGE);
            std::process::exit(2);
        }
    };
    let (addr, listener, app) = match bind(config.clone()).await {
        Ok(bound) => bound,
        Err(error) => {
            eprintln!("fake-waldur: cannot listen on {}: {error}", config.addr);
            std::process::exit(1);
        }
    };
    println!("fake-waldur listening on http://{addr}");
    if !addr.ip().is_loopback() {
        eprintln!(
            "fake-waldur: WARNING: listening on {} makes this fake server, its demo tokens{} reachable from other machines",
            addr.ip(),
            if config.control { " and its control endpoints" } else { "" }
        );
    }
    println!("  API:          http://{addr}/api/openstack-migrations/");
    if let Some(dir) = &config.static_dir {
        println!("  page:         http://{addr}/  (from {})", dir.display());
    }
    println!("  token:        {}  (normal user, owns {} migrations)", config.token, config.items);
    println!("  staff token:  {}", config.staff_token);
    println!("  step:         {} ms per state, latency {} ms, seed {}", config.step_ms, config.latency_ms, config.seed);
    if config.control {
        println!("  control:      http://{addr}/__fake/ (tests only)");
    }
    tokio::select! {
        () = serve(app, listener) => {}
        _ = tokio::signal::ctrl_c() => println!("fake-waldur: stopped"),
    }
}
