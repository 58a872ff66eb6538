//! The data only a panic message would show, zeroed: where each panic is (the
//! `core::panic::Location` records and the file names they point at: the standard library's,
//! the registry's and ours) and the fixed parts of the standard library's messages. The
//! released builds' panic handler shows nothing (src/lib.rs), and nothing else reads them:
//! `Location::caller()` is read by wasm-bindgen and Talc in debug builds only, never by this
//! crate. Zeros compress to almost nothing, and wasm-opt trims them from the data segments.
//! (Nightly's `-Zlocation-detail=none` does the first part in the compiler.)

use wasm_encoder::{ConstExpr, DataSection, Module, RawSection};
use wasmparser::{DataKind, Operator, Parser, Payload};

/// Fixed parts of core's, alloc's and futures-util's panic messages (none is a text of ours:
/// a test checks `src/`).
pub const PANIC_TEXTS: &[&str] = &[
    "slice index starts at ",
    " index out of bounds: the len is ",
    " but the index is ",
    "range start index ",
    "range end index ",
    "\" out of range for slice of length ",
    "memory allocation of ",
    " bytes failed",
    "`at` split index (is ",
    "insertion index (is ",
    "swap_remove index (is ",
    ") should be < len (is ",
    "capacity overflow",
    "Tried to shrink to a larger capacity",
    "attempt to divide by zero",
    "attempt to calculate the remainder with a divisor of zero",
    "`async fn` resumed after completion",
    "RefCell already mutably borrowed",
    "RefCell already borrowed",
    "`Ready` polled after completion",
    "cannot poll Select twice",
    "internal error: entered unreachable code",
];

/// One data segment: where it lands in memory (active segments at a constant address of
/// memory 0, what rustc makes; `None` for any other, which is kept as it is) and its bytes.
pub(crate) struct Segment {
    pub address: Option<u32>,
    pub bytes: Vec<u8>,
}

/// The segment and offset of `address..address + len`, if one segment holds them all.
fn locate(segments: &[Segment], address: u32, len: u32) -> Option<(usize, usize)> {
    segments.iter().enumerate().find_map(|(at, segment)| {
        let start = address.checked_sub(segment.address?)? as usize;
        (start + len as usize <= segment.bytes.len()).then_some((at, start))
    })
}

pub(crate) fn word(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// Whether `text` is a Rust source file's path.
fn is_source_path(text: &[u8]) -> bool {
    text.len() > 3 && text.ends_with(b".rs") && text.iter().all(|b| b.is_ascii_graphic())
}

/// The `Location`s (`{ file: &str, line: u32, column: u32 }`, 4-aligned) and the file names
/// they point at: (segment, offset, length) of each.
fn location_files(segments: &[Segment]) -> Vec<(usize, usize, usize)> {
    let mut files = Vec::new();
    for (record, segment) in segments.iter().enumerate() {
        let Some(address) = segment.address else { continue };
        let first = ((4 - address % 4) % 4) as usize;
        for at in (first..segment.bytes.len().saturating_sub(15)).step_by(4) {
            let [Some(ptr), Some(len), Some(line), Some(column)] =
                [0, 4, 8, 12].map(|field| word(&segment.bytes, at + field))
            else {
                continue;
            };
            if line == 0 || column == 0 || len > 4096 {
                continue;
            }
            if let Some((file, start)) = locate(segments, ptr, len) {
                if is_source_path(&segments[file].bytes[start..start + len as usize]) {
                    files.push((file, start, len as usize));
                    files.push((record, at, 16));
                }
            }
        }
    }
    files
}

/// Zeroes the panic-only data of `segments`; returns how many bytes were not zero.
fn blank(segments: &mut [Segment]) -> usize {
    let mut zeroed = 0;
    let mut zero = |bytes: &mut [u8]| {
        zeroed += bytes.iter().filter(|&&b| b != 0).count();
        bytes.fill(0);
    };
    for (file, start, len) in location_files(segments) {
        zero(&mut segments[file].bytes[start..start + len]);
    }
    for segment in segments.iter_mut().filter(|segment| segment.address.is_some()) {
        for text in PANIC_TEXTS.iter().map(|t| t.as_bytes()) {
            let mut from = 0;
            while let Some(found) = segment.bytes[from..].windows(text.len()).position(|w| w == text) {
                let start = from + found;
                zero(&mut segment.bytes[start..start + text.len()]);
                from = start + text.len();
            }
        }
    }
    zeroed
}

/// `bytes` with the panic-only data zeroed, and how many bytes were.
pub fn blanked(bytes: &[u8]) -> Result<(Vec<u8>, usize), String> {
    let mut segments = segments(bytes)?;
    let zeroed = blank(&mut segments);
    if zeroed == 0 {
        return Ok((bytes.to_vec(), 0));
    }
    Ok((with_data(bytes, &segments)?, zeroed))
}

/// The data segments of `bytes`, in order.
pub(crate) fn segments(bytes: &[u8]) -> Result<Vec<Segment>, String> {
    let mut segments = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        if let Payload::DataSection(reader) = payload.map_err(|e| e.to_string())? {
            for data in reader {
                let data = data.map_err(|e| e.to_string())?;
                let address = match &data.kind {
                    DataKind::Active { memory_index: 0, offset_expr } => {
                        match offset_expr.get_operators_reader().read().map_err(|e| e.to_string())? {
                            Operator::I32Const { value } => Some(value as u32),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                segments.push(Segment { address, bytes: data.data.to_vec() });
            }
        }
    }
    Ok(segments)
}

/// `bytes` with its data segments' bytes replaced by those of `segments` (from [`segments`]).
pub(crate) fn with_data(bytes: &[u8], segments: &[Segment]) -> Result<Vec<u8>, String> {
    let mut module = Module::new();
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.map_err(|e| e.to_string())?;
        match &payload {
            Payload::DataSection(reader) => {
                let mut section = DataSection::new();
                for (data, segment) in reader.clone().into_iter().zip(segments) {
                    let data = data.map_err(|e| e.to_string())?;
                    match segment.address {
                        Some(address) => {
                            section.active(0, &ConstExpr::i32_const(address as i32), segment.bytes.iter().copied());
                        }
                        None => {
                            section.raw(bytes.get(data.range).ok_or("a data segment out of the file")?);
                        }
                    }
                }
                module.section(&section);
            }
            other => {
                if let Some((id, range)) = other.as_section() {
                    module.section(&RawSection { id, data: &bytes[range] });
                }
            }
        }
    }
    Ok(module.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{MemorySection, MemoryType};

    /// A module whose memory holds `segments` at their addresses.
    fn module(segments: &[(u32, Vec<u8>)]) -> Vec<u8> {
        let mut module = Module::new();
        let mut memories = MemorySection::new();
        memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
        module.section(&memories);
        let mut data = DataSection::new();
        for (address, bytes) in segments {
            data.active(0, &ConstExpr::i32_const(*address as i32), bytes.iter().copied());
        }
        module.section(&data);
        module.finish()
    }

    fn segments_of(bytes: &[u8]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for payload in Parser::new(0).parse_all(bytes) {
            if let Payload::DataSection(reader) = payload.unwrap() {
                out.extend(reader.into_iter().map(|d| d.unwrap().data.to_vec()));
            }
        }
        out
    }

    fn location(file: u32, len: u32, line: u32, column: u32) -> Vec<u8> {
        [file, len, line, column].iter().flat_map(|w| w.to_le_bytes()).collect()
    }

    #[test]
    fn location_files_and_panic_texts_are_zeroed_and_nothing_else() {
        let texts = b"src/page.rsThis field is required.capacity overflowsrc_resource".to_vec();
        // At 1024: a Location of src/page.rs, and one alike whose "file" is a text of ours.
        let mut records = location(2048, 11, 12, 5);
        records.extend(location(2048 + 11, 23, 3, 1));
        let bytes = module(&[(1024, records.clone()), (2048, texts)]);
        let (out, zeroed) = blanked(&bytes).unwrap();
        wasmparser::Validator::new().validate_all(&out).unwrap();
        // The file name, the non-zero bytes of its record, the panic text.
        assert_eq!(zeroed, 11 + 4 + "capacity overflow".len());
        let segments = segments_of(&out);
        let mut kept = vec![0u8; 16];
        kept.extend_from_slice(&records[16..]);
        assert_eq!(segments[0], kept);
        let mut expected = vec![0u8; 11];
        expected.extend_from_slice(b"This field is required.");
        expected.extend(vec![0u8; "capacity overflow".len()]);
        expected.extend_from_slice(b"src_resource");
        assert_eq!(segments[1], expected);
    }

    #[test]
    fn a_module_without_panic_data_is_unchanged() {
        let bytes = module(&[(1024, b"uuidnamearchived".to_vec())]);
        assert_eq!(blanked(&bytes).unwrap(), (bytes, 0));
    }

    #[test]
    fn no_panic_text_is_a_text_of_ours() {
        let mut files = Vec::new();
        let mut dirs = vec![crate::util::root().join("src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for panic_text in PANIC_TEXTS {
                assert!(!text.contains(panic_text), "{} has {panic_text:?}", file.display());
            }
        }
    }
}
