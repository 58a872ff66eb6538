//! `cargo xtask finish-page`: what Trunk runs after each build of the page (a `post_build`
//! hook in Trunk.toml), on its staging folder before it becomes `dist/`:
//!
//! - the wasm's functions are put in the order brotli compresses best (src/order.rs);
//! - the glue names get short names (src/names.rs);
//! - the JS is minified with esbuild (Trunk's own minifier cannot parse wasm-bindgen's glue
//!   and leaves it as it is);
//! - the stylesheets become one file, in the order `index.html` links them (brotli compresses
//!   each file alone: one file shares the properties and custom properties of them all, and
//!   `index.html` loses nine links with their hashes);
//! - the snippets wasm-bindgen copies (src/json/read.js) are bundled into the glue, and their
//!   `modulepreload` links go;
//! - the glue starts the page itself (its `init` called with the wasm's URL, the code only
//!   other loaders need shaken out): `index.html` loads it as its one module script, with no
//!   loader script or `modulepreload` link of its own;
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

/// The tags of `html` that link a stylesheet of `dir`, as (start, end) byte ranges.
fn stylesheet_links(html: &str, dir: &Path) -> Vec<(usize, usize, PathBuf)> {
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(open) = html[from..].find("<link").map(|at| at + from) {
        let close = html[open..].find('>').map_or(html.len(), |c| open + c + 1);
        let tag = &html[open..close];
        from = close;
        let is_css = attribute(tag, "rel").is_some_and(|(a, b)| &tag[a..b] == "stylesheet");
        if let (true, Some((a, b))) = (is_css, attribute(tag, "href")) {
            let file = dir.join(tag[a..b].trim_start_matches('/'));
            if file.is_file() {
                links.push((open, close, file));
            }
        }
    }
    links
}

/// `html` with its stylesheets of `dir` joined into one file, `style-<hash>.css`, linked where
/// the first of them was; the others are removed from `dir` and from the page.
fn merge_stylesheets(html: &str, dir: &Path) -> Result<String, String> {
    let links = stylesheet_links(html, dir);
    let Some((first_start, first_end, first_file)) = links.first().cloned() else {
        return Ok(html.to_owned());
    };
    let mut css = Vec::new();
    for (_, _, file) in &links {
        css.extend(fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?);
        css.push(b'\n');
    }
    let hash: String = Sha384::digest(&css)[..8].iter().map(|b| format!("{b:02x}")).collect();
    let name = format!("style-{hash}.css");
    fs::write(dir.join(&name), &css).map_err(|e| format!("{name}: {e}"))?;
    for (_, _, file) in &links {
        fs::remove_file(file).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    let first = &html[first_start..first_end];
    let (a, b) = attribute(first, "href").ok_or("a stylesheet link lost its href")?;
    let old = first_file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let href = first[a..b].strip_suffix(old).unwrap_or("/").to_owned() + &name;
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (start, end, _) in &links {
        out.push_str(&html[at..*start]);
        if *start == first_start {
            out.push_str(&first[..a]);
            out.push_str(&href);
            out.push_str(&first[b..]);
        }
        at = *end;
    }
    out.push_str(&html[at..]);
    Ok(out)
}

/// Makes the glue of `module` (`X_bg.wasm` beside `X.js`) start the page: bundled from an entry
/// that calls its `init` with the wasm's URL, so what only other loaders use (`initSync`, the
/// `start` export) is left out. Returns the glue's file name.
fn self_starting(module: &Path) -> Result<String, String> {
    let wasm = module.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let glue = wasm.strip_suffix("_bg.wasm").map(|stem| format!("{stem}.js")).ok_or("the wasm is not *_bg.wasm")?;
    let dir = module.parent().unwrap_or(Path::new("."));
    let entry = dir.join("start.mjs");
    let code = format!(
        "import init from \"./{glue}\";\nawait init({{ module_or_path: new URL(\"./{wasm}\", import.meta.url) }});\n"
    );
    fs::write(&entry, code).map_err(|e| format!("{}: {e}", entry.display()))?;
    let out = format!("--outfile={}", dir.join(&glue).display());
    let entry_path = entry.to_str().unwrap_or_default();
    // The page logs nothing: the glue's warnings about deprecated loader arguments and a wrong
    // MIME type of the wasm (after which it loads the wasm all the same) go too.
    let args = [
        entry_path,
        "--bundle",
        "--format=esm",
        "--minify",
        "--drop:console",
        "--log-level=warning",
        "--allow-overwrite",
        &out,
    ];
    run(cmd("esbuild", &args, &root()))?;
    fs::remove_file(&entry).map_err(|e| format!("{}: {e}", entry.display()))?;
    Ok(glue)
}

/// `html` without the `modulepreload` links to files of `dir` that are gone (the snippets, now
/// bundled into the glue) or to `script` (the page's script, which loads itself).
fn drop_preloads(html: &str, dir: &Path, script: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find("<link") {
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        out.push_str(&rest[..open]);
        let preload = attribute(tag, "rel").is_some_and(|(a, b)| &tag[a..b] == "modulepreload");
        let unwanted = attribute(tag, "href").is_some_and(|(a, b)| {
            let href = &tag[a..b];
            href.rsplit('/').next() == Some(script) || !dir.join(href.trim_start_matches('/')).is_file()
        });
        if !(preload && unwanted) {
            out.push_str(tag);
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
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

/// Whether a script still loads a file of `snippets/` (an `import` or `export ... from` of
/// it). The name alone may stay: the glue of a development build hands the wasm its imports in
/// an object keyed by the module names the wasm asks for, one of them the snippet's.
fn imports_a_snippet(text: &str) -> bool {
    text.match_indices("snippets/").any(|(at, _)| {
        let before = text[..at].trim_end_matches(['.', '/']);
        let before = before.strip_suffix(['"', '\'', '`']).unwrap_or(before).trim_end();
        before.ends_with("from") || before.ends_with("import") || before.ends_with("import(")
    })
}

/// Finishes the page in `TRUNK_STAGING_DIR` (or the folder given).
pub fn finish_page(args: &[String]) -> Result<(), String> {
    let dir = match args {
        [dir] => PathBuf::from(dir),
        [] => std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from).ok_or("TRUNK_STAGING_DIR is not set")?,
        _ => return Err("usage: cargo xtask finish-page [DIR]".into()),
    };
    let module = crate::names::module_in(&dir)?;
    // Release builds are optimised here, not by Trunk (`data-wasm-opt="0"` in index.html): the
    // formatting only a panic message would run is made unreachable first, while wasm-bindgen's
    // names are there, then wasm-opt runs as for the packages. Development builds (`trunk
    // serve`) are left unoptimised, as Trunk leaves them.
    if std::env::var("TRUNK_PROFILE").map_or(true, |profile| profile != "debug") {
        crate::dead::panic_only(&module)?;
        let path = module.to_str().unwrap_or_default();
        let args: Vec<&str> = crate::npm::WASM_OPT.iter().copied().chain(["--output", path, path]).collect();
        run(cmd("wasm-opt", &args, &root()))?;
    }
    // The functions are then put in the order that compresses best.
    crate::order::sort_functions(&module)?;
    crate::glue::short_strings(&dir)?;
    crate::names::shorten(&dir)?;
    // The glue imports its snippets (src/json/read.js): bundled into it, they are one file less.
    let snippets = dir.join("snippets");
    let mut scripts = Vec::new();
    scripts_in(&dir, &mut scripts);
    for script in scripts.iter().filter(|s| !s.starts_with(&snippets)) {
        let file = script.to_str().unwrap_or_default();
        let text = fs::read_to_string(script).map_err(|e| format!("{file}: {e}"))?;
        let out = format!("--outfile={file}");
        let mut args = vec![file, "--minify", "--log-level=warning", "--allow-overwrite", &out];
        if text.contains("./snippets/") {
            args.extend(["--bundle", "--format=esm"]);
        }
        run(cmd("esbuild", &args, &root()))?;
    }
    for script in scripts.iter().filter(|s| !s.starts_with(&snippets)) {
        if fs::read_to_string(script).is_ok_and(|text| imports_a_snippet(&text)) {
            return Err(format!("{} still refers to a snippet after bundling", script.display()));
        }
    }
    if snippets.is_dir() {
        fs::remove_dir_all(&snippets).map_err(|e| format!("{}: {e}", snippets.display()))?;
    }
    let glue = self_starting(&module)?;
    let index = dir.join("index.html");
    let html = fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let html = drop_preloads(&merge_stylesheets(&html, &dir)?, &dir, &glue);
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

    #[test]
    fn stylesheets_joined_in_order() {
        let dir = std::env::temp_dir().join(format!("xtask-css-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("a-1.css"), ".a{}").unwrap();
        fs::write(dir.join("b-2.css"), ".b{}").unwrap();
        let html = "<head><link href=/x/a-1.css integrity=sha384-a rel=stylesheet><link href=/x/gone.css rel=stylesheet><link href=/x/b-2.css integrity=sha384-b rel=stylesheet><link href=/i.svg rel=icon></head>";
        let out = merge_stylesheets(&html.replace("/x/", "/"), &dir).unwrap();
        let name =
            fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name().into_string().unwrap()).collect::<Vec<_>>();
        assert_eq!(name.len(), 1, "{name:?}");
        assert!(name[0].starts_with("style-") && name[0].ends_with(".css"), "{name:?}");
        assert_eq!(fs::read_to_string(dir.join(&name[0])).unwrap(), ".a{}\n.b{}\n");
        let expected = format!("<head><link href=/{} integrity=sha384-a rel=stylesheet><link href=/gone.css rel=stylesheet><link href=/i.svg rel=icon></head>", name[0]);
        assert_eq!(out, expected);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_loading_a_snippet_counts() {
        assert!(imports_a_snippet(r#"import*as a from"./snippets/x-1/src/json/read.js";"#));
        assert!(imports_a_snippet(r#"import { b } from './snippets/x-1/read.js'"#));
        assert!(imports_a_snippet(r#"export{c}from"./snippets/x/read.js""#));
        assert!(imports_a_snippet(r#"await import("./snippets/x/read.js")"#));
        assert!(imports_a_snippet(r#"import "./snippets/x/read.js""#));
        assert!(!imports_a_snippet(r#"t={wbg:u,"./snippets/x-1/src/json/read.js":T}"#));
        assert!(!imports_a_snippet("no snippet here"));
    }

    #[test]
    fn preloads_of_gone_files_are_dropped() {
        let dir = std::env::temp_dir().join(format!("xtask-preload-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("a.js"), "export{}").unwrap();
        let html = "<link href=/a.js rel=modulepreload><link href=/snippets/s.js rel=modulepreload><link href=/b.wasm rel=preload>";
        let out = drop_preloads(html, &dir, "g.js");
        assert_eq!(out, "<link href=/a.js rel=modulepreload><link href=/b.wasm rel=preload>");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_scripts_own_preload_is_dropped() {
        let dir = std::env::temp_dir().join(format!("xtask-script-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("g-1.js"), "export{}").unwrap();
        let html = "<script src=/g-1.js type=module></script><link href=/g-1.js rel=modulepreload><link href=/g-1_bg.wasm rel=preload><link href=/x/g-1.js rel=stylesheet>";
        let out = drop_preloads(html, &dir, "g-1.js");
        assert_eq!(
            out,
            "<script src=/g-1.js type=module></script><link href=/g-1_bg.wasm rel=preload><link href=/x/g-1.js rel=stylesheet>"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
