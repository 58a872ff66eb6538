//! The standalone page, built by Trunk (`index.html`, `Trunk.toml`).

fn main() {
    waldur_migrations::app::start();
}
