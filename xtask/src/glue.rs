//! wasm-bindgen's glue, changed where the views spend time in it. Every string the wasm hands
//! to JS (a tag, a class, an attribute, a text) goes through `getStringFromWasm0`, which calls
//! `TextDecoder.decode` each time: rendering 1,000 rows makes tens of thousands of such calls,
//! most of a few ASCII bytes, and the decoder's fixed cost per call was about a tenth of the
//! render (README, "Performance"). Short ASCII strings are read byte by byte instead; any other
//! string still goes to the decoder. Used for the builds with views (the elements packages,
//! the page, the bench build); the client package hands over few strings and keeps its glue.

use std::fs;
use std::path::Path;

/// The function as wasm-bindgen 0.2.130 writes it.
const ORIGINAL: &str = "function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}";

/// The same function with a loop for strings shorter than 48 bytes while they are ASCII (each
/// byte is then its UTF-16 code unit).
const SHORT_ASCII: &str = "function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    const bytes = getUint8ArrayMemory0();
    if (len < 48) {
        let text = \"\";
        for (let at = ptr, end = ptr + len; at < end; at++) {
            const byte = bytes[at];
            if (byte > 127) return decodeText(bytes.subarray(ptr, ptr + len));
            text += String.fromCharCode(byte);
        }
        return text;
    }
    return decodeText(bytes.subarray(ptr, ptr + len));
}";

/// `text` with the short-string path, or `None` when it has no such function.
fn with_short_strings(text: &str) -> Option<String> {
    text.contains(ORIGINAL).then(|| text.replacen(ORIGINAL, SHORT_ASCII, 1))
}

/// Gives the glue in `dir` (its `.js` files, not the snippets) the short-string path; fails
/// when no file has wasm-bindgen's function, so a new wasm-bindgen cannot drop it unnoticed.
pub fn short_strings(dir: &Path) -> Result<(), String> {
    let mut changed = 0;
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_none_or(|ext| ext != "js") {
            continue;
        }
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(out) = with_short_strings(&text) {
            fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
            changed += 1;
        }
    }
    match changed {
        0 => Err(format!(
            "{}: no glue with wasm-bindgen's getStringFromWasm0 (has wasm-bindgen changed?)",
            dir.display()
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn the_function_is_replaced_once_and_only_where_it_is() {
        let glue = format!("let a = 1;\n{ORIGINAL}\nexport {{ a }};\n");
        let out = with_short_strings(&glue).unwrap();
        assert!(out.contains(SHORT_ASCII) && !out.contains(ORIGINAL));
        assert!(out.starts_with("let a = 1;\n") && out.ends_with("\nexport { a };\n"));
        assert_eq!(with_short_strings("function other() {}"), None);
    }

    #[test]
    fn a_directory_without_the_function_fails() {
        let dir = std::env::temp_dir().join(format!("xtask-glue-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("a.js"), "function other() {}").unwrap();
        assert!(short_strings(&dir).is_err());
        fs::write(dir.join("b.js"), ORIGINAL).unwrap();
        assert_eq!(short_strings(&dir), Ok(()));
        assert_eq!(fs::read_to_string(dir.join("b.js")).unwrap(), SHORT_ASCII);
        fs::remove_dir_all(&dir).unwrap();
    }

    /// Both functions run by Node over the same memory give the same strings: ASCII, empty,
    /// non-ASCII (short and long), a NUL, and around the length limit.
    #[test]
    fn the_short_path_reads_what_the_decoder_reads() {
        let script = format!(
            "const decoder = new TextDecoder('utf-8', {{ ignoreBOM: true }});
             const decodeText = (bytes) => decoder.decode(bytes);
             let memory;
             const getUint8ArrayMemory0 = () => memory;
             const original = (() => {{ {ORIGINAL}; return getStringFromWasm0; }})();
             const patched = (() => {{ {SHORT_ASCII}; return getStringFromWasm0; }})();
             const texts = ['', 'div', 'wm-button wm-button--small', 'a\\0b', 'Größe', '⟦Šöûŕçé⟧', 'x'.repeat(47),
               'x'.repeat(48), 'é'.repeat(30), 'ssd — SSD-backed block storage', 'y'.repeat(200)];
             for (const text of texts) {{
               const encoded = new TextEncoder().encode(text);
               memory = new Uint8Array(encoded.length + 8);
               memory.set(encoded, 5);
               const [a, b] = [original(5, encoded.length), patched(5, encoded.length)];
               if (a !== text || b !== text) throw new Error(JSON.stringify({{ text, a, b }}));
             }}
             console.log(texts.length);"
        );
        let out = Command::new("node").args(["-e", &script]).output().expect("node runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "11");
    }
}
