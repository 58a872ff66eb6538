//! core's table of two-digit pairs (`"000102…99"`, 200 bytes), zeroed where nothing reads it.
//! Integers are written through it by `Display` (made unreachable, [`crate::dead`]) and by
//! `to_string`; once wasm-opt has dropped the functions nobody calls, a wasm that writes no
//! integer keeps the table all the same, since data segments stay where the linker put them.
//! This runs on the optimised module: the table is zeroed only when no constant in the code
//! (an address, a load's or store's offset, either half of an `i64` constant), no global's
//! initial value and no word of the data points into it or just before it.

use crate::texts::{segments, with_data, word};
use wasmparser::{Operator, Parser, Payload};

/// How far before a table a pointer still counts as one into it (an address computed from a
/// base below the table, as `base - 1 + index`).
const SLACK: u64 = 64;

/// The table: the pairs `00` to `99`.
fn table() -> Vec<u8> {
    (0..100u8).flat_map(|n| [b'0' + n / 10, b'0' + n % 10]).collect()
}

/// Every value in `bytes` that may be an address: the code's and the globals' constants, the
/// memory instructions' offsets, every 4-byte word of the data (at any byte).
fn addresses(bytes: &[u8]) -> Result<Vec<u64>, String> {
    let mut found = Vec::new();
    let mut read = |operator: Operator| match operator {
        Operator::I32Const { value } => found.push(u64::from(value as u32)),
        Operator::I64Const { value } => {
            found.push(value as u64 & 0xffff_ffff);
            found.push(value as u64 >> 32);
        }
        Operator::I32Load { memarg }
        | Operator::I64Load { memarg }
        | Operator::F32Load { memarg }
        | Operator::F64Load { memarg }
        | Operator::I32Load8S { memarg }
        | Operator::I32Load8U { memarg }
        | Operator::I32Load16S { memarg }
        | Operator::I32Load16U { memarg }
        | Operator::I64Load8S { memarg }
        | Operator::I64Load8U { memarg }
        | Operator::I64Load16S { memarg }
        | Operator::I64Load16U { memarg }
        | Operator::I64Load32S { memarg }
        | Operator::I64Load32U { memarg }
        | Operator::I32Store { memarg }
        | Operator::I64Store { memarg }
        | Operator::F32Store { memarg }
        | Operator::F64Store { memarg }
        | Operator::I32Store8 { memarg }
        | Operator::I32Store16 { memarg }
        | Operator::I64Store8 { memarg }
        | Operator::I64Store16 { memarg }
        | Operator::I64Store32 { memarg } => found.push(memarg.offset),
        _ => {}
    };
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| e.to_string())? {
            Payload::CodeSectionEntry(body) => {
                let mut reader = body.get_operators_reader().map_err(|e| e.to_string())?;
                while !reader.eof() {
                    read(reader.read().map_err(|e| e.to_string())?);
                }
            }
            Payload::GlobalSection(globals) => {
                for global in globals {
                    let mut reader = global.map_err(|e| e.to_string())?.init_expr.get_operators_reader();
                    while !reader.eof() {
                        read(reader.read().map_err(|e| e.to_string())?);
                    }
                }
            }
            _ => {}
        }
    }
    for segment in segments(bytes)? {
        found.extend((0..segment.bytes.len()).filter_map(|at| word(&segment.bytes, at)).map(u64::from));
    }
    Ok(found)
}

/// `bytes` with every copy of the table that nothing points at zeroed, and how many were.
pub fn unread(bytes: &[u8]) -> Result<(Vec<u8>, usize), String> {
    let table = table();
    let mut segments = segments(bytes)?;
    let mut places = Vec::new();
    for (index, segment) in segments.iter().enumerate() {
        let Some(address) = segment.address else { continue };
        let mut from = 0;
        while let Some(found) = segment.bytes[from..].windows(table.len()).position(|w| w == table) {
            places.push((index, from + found, u64::from(address) + (from + found) as u64));
            from += found + table.len();
        }
    }
    if places.is_empty() {
        return Ok((bytes.to_vec(), 0));
    }
    let addresses = addresses(bytes)?;
    let mut zeroed = 0;
    for (index, at, start) in places {
        let end = start + table.len() as u64;
        if !addresses.iter().any(|&a| a + SLACK >= start && a <= end) {
            segments[index].bytes[at..at + table.len()].fill(0);
            zeroed += 1;
        }
    }
    if zeroed == 0 {
        return Ok((bytes.to_vec(), 0));
    }
    Ok((with_data(bytes, &segments)?, zeroed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        CodeSection, ConstExpr, DataSection, Function, FunctionSection, Instruction, MemorySection, MemoryType, Module,
        TypeSection, ValType,
    };

    /// A module with the table at 1024 (after `before`) and one function returning `constant`.
    fn module(before: &[u8], constant: i32) -> Vec<u8> {
        let mut module = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], [ValType::I32]);
        module.section(&types);
        let mut functions = FunctionSection::new();
        functions.function(0);
        module.section(&functions);
        let mut memories = MemorySection::new();
        memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
        module.section(&memories);
        let mut code = CodeSection::new();
        let mut function = Function::new([]);
        function.instruction(&Instruction::I32Const(constant)).instruction(&Instruction::End);
        code.function(&function);
        module.section(&code);
        let mut data = DataSection::new();
        let bytes: Vec<u8> = before.iter().copied().chain(table()).chain(*b"tail").collect();
        data.active(0, &ConstExpr::i32_const(1024 - before.len() as i32), bytes);
        module.section(&data);
        module.finish()
    }

    fn data(bytes: &[u8]) -> Vec<u8> {
        segments(bytes).unwrap().remove(0).bytes
    }

    #[test]
    fn an_unread_table_is_zeroed_and_nothing_else() {
        let (out, zeroed) = unread(&module(b"head", 7)).unwrap();
        wasmparser::Validator::new().validate_all(&out).unwrap();
        assert_eq!(zeroed, 1);
        let expected: Vec<u8> = b"head".iter().copied().chain([0; 200]).chain(*b"tail").collect();
        assert_eq!(data(&out), expected);
    }

    #[test]
    fn a_table_read_from_the_code_or_the_data_is_kept() {
        // Its address, a pair inside it, a base just before it, its end.
        for constant in [1024, 1024 + 37, 1024 - 1, 1024 + 200] {
            let bytes = module(b"head", constant);
            assert_eq!(unread(&bytes).unwrap(), (bytes.clone(), 0), "{constant}");
        }
        // A pointer to it in the data (a `&[u8]` in a static, unaligned).
        let bytes = module(&[9, 0x00, 0x04, 0, 0, 1], 7);
        assert_eq!(unread(&bytes).unwrap().1, 0);
    }
}
