//! `cargo xtask finish-page`: what Trunk runs after each build of the page (a `post_build`
//! hook in Trunk.toml), on its staging folder before it becomes `dist/`:
//!
//! - the wasm's functions are sorted by body for brotli (src/order.rs);
//! - the glue names get short names (src/names.rs);
//! - the JS is minified with esbuild (Trunk's own minifier cannot parse wasm-bindgen's glue
//!   and leaves it as it is);
//! - every `integrity` attribute of `index.html` is computed again for the files as they now
//!   are, so the browser still checks each one.

use crate::util::{cmd, root, run};
use base64::Engine;
use sha2::{Digest, Sha384};
use std::fs;
use std::path::{Path, PathBuf};

/// The value of `name=` in one HTML tag (quoted or not, as Trunk's minified HTML writes it),
/// with where it starts and ends in `tag`.
fn attribute(tag: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = tag[from..].find(name).map(|at| at + from) {
        from = at + name.len();
        let boundary = at == 0 || tag[..at].ends_with(|c: char| c.is_ascii_whitespace());
        if !boundary || !tag[from..].starts_with('=') {
            continue;
        }
        let start = from + 1;
        return Some(match tag[start..].chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let end = tag[start + 1..].find(quote).map_or(tag.len(), |e| start + 1 + e);
                (start + 1, end)
            }
            _ => (
                start,
                tag[start..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(tag.len(), |e| start + e),
            ),
        });
    }
    None
}

/// `sha384-<base64>` of a file, as `integrity` wants it.
fn integrity(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes))))
}

/// `html` with the integrity of every tag whose `href` or `src` is a file of `dir` computed
/// again.
fn refresh_integrity(html: &str, dir: &Path) -> Result<String, String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c);
        let tag = &rest[open..close];
        out.push_str(&rest[..open]);
        let link = attribute(tag, "href").or_else(|| attribute(tag, "src"));
        match (link, attribute(tag, "integrity")) {
            (Some((a, b)), Some((c, d))) => {
                let file = dir.join(tag[a..b].trim_start_matches('/'));
                let hash = if file.is_file() { integrity(&file)? } else { tag[c..d].to_owned() };
                out.push_str(&tag[..c]);
                out.push_str(&hash);
                out.push_str(&tag[d..]);
            }
            _ => out.push_str(tag),
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    Ok(out)
}

fn scripts_in(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            scripts_in(&path, out);
        } else if path.extension().is_some_and(|e| e == "js") {
            out.push(path);
        }
    }
}

/// Finishes the page in `TRUNK_STAGING_DIR` (or the folder given).
pub fn finish_page(args: &[String]) -> Result<(), String> {
    let dir = match args {
        [dir] => PathBuf::from(dir),
        [] => std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from).ok_or("TRUNK_STAGING_DIR is not set")?,
        _ => return Err("usage: cargo xtask finish-page [DIR]".into()),
    };
    // Trunk has run wasm-opt; the functions are then put in the order that compresses best.
    crate::order::sort_functions(&crate::names::module_in(&dir)?)?;
    crate::names::shorten(&dir)?;
    let mut scripts = Vec::new();
    scripts_in(&dir, &mut scripts);
    for script in scripts {
        let file = script.to_str().unwrap_or_default();
        let out = format!("--outfile={file}");
        run(cmd("esbuild", &[file, "--minify", "--log-level=warning", "--allow-overwrite", &out], &root()))?;
    }
    let index = dir.join("index.html");
    let html = fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    fs::write(&index, refresh_integrity(&html, &dir)?).map_err(|e| format!("{}: {e}", index.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_quoted_or_not() {
        let tag = r#"<link crossorigin href=/a.js integrity=sha384-x rel=modulepreload"#;
        let (a, b) = attribute(tag, "href").unwrap();
        assert_eq!(&tag[a..b], "/a.js");
        let (c, d) = attribute(tag, "integrity").unwrap();
        assert_eq!(&tag[c..d], "sha384-x");
        let quoted = r#"<link data-href="no" href="/b.css" integrity="sha384-y">"#;
        let (a, b) = attribute(quoted, "href").unwrap();
        assert_eq!(&quoted[a..b], "/b.css");
    }

    #[test]
    fn integrity_follows_the_file() {
        let dir = std::env::temp_dir().join(format!("xtask-finish-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("a.js"), "export{}").unwrap();
        let html = "<head><link href=/a.js integrity=sha384-old rel=modulepreload><link href=/gone.css integrity=sha384-keep></head>";
        let out = refresh_integrity(html, &dir).unwrap();
        // `printf 'export{}' | openssl dgst -sha384 -binary | base64`
        let expected = "sha384-T9wtfzHBAEG71Fa/wFmFXCrNCLZJB/nESrYm41otTxLB9m9XX4ftBy7LK/VKEMIL";
        assert!(out.contains(&format!("href=/a.js integrity={expected} rel")), "{out}");
        assert!(out.contains("integrity=sha384-keep"), "{out}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
