//! Small wasm modules for the tests of the passes over released wasm (`dead`, `traps`,
//! `order`), written with wasm-encoder, and their function bodies read back.

use wasm_encoder::{
    CodeSection, EntityType, ExportKind, ExportSection, Function, FunctionSection, ImportSection, Instruction, Module,
    NameMap, NameSection, TypeSection, ValType,
};
use wasmparser::{Parser, Payload};

/// A module whose functions all have the one type `() -> results`.
#[derive(Default)]
pub struct TestModule<'a> {
    /// What every function returns.
    pub results: Vec<ValType>,
    /// Whether the import `env.zero` (of the same type) comes first, as function 0.
    pub import: bool,
    /// An exported function: its name and index.
    pub export: Option<(&'a str, u32)>,
    /// Each function's instructions, without the final `end`.
    pub bodies: Vec<Vec<Instruction<'a>>>,
    /// The name section's function names, by index (the import counted).
    pub names: Vec<(u32, &'a str)>,
}

impl TestModule<'_> {
    /// The module's bytes.
    pub fn finish(&self) -> Vec<u8> {
        let mut module = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], self.results.iter().copied());
        module.section(&types);
        if self.import {
            let mut imports = ImportSection::new();
            imports.import("env", "zero", EntityType::Function(0));
            module.section(&imports);
        }
        let mut functions = FunctionSection::new();
        self.bodies.iter().for_each(|_| {
            functions.function(0);
        });
        module.section(&functions);
        if let Some((name, index)) = self.export {
            let mut exports = ExportSection::new();
            exports.export(name, ExportKind::Func, index);
            module.section(&exports);
        }
        let mut code = CodeSection::new();
        for body in &self.bodies {
            let mut function = Function::new([]);
            body.iter().for_each(|instruction| {
                function.instruction(instruction);
            });
            function.instruction(&Instruction::End);
            code.function(&function);
        }
        module.section(&code);
        if !self.names.is_empty() {
            let mut map = NameMap::new();
            self.names.iter().for_each(|&(index, name)| map.append(index, name));
            let mut section = NameSection::new();
            section.functions(&map);
            module.section(&section);
        }
        module.finish()
    }
}

/// Each function body of `bytes` as it is encoded (locals, instructions, `end`).
pub fn bodies(bytes: &[u8]) -> Vec<Vec<u8>> {
    Parser::new(0)
        .parse_all(bytes)
        .filter_map(|p| match p.unwrap() {
            Payload::CodeSectionEntry(body) => Some(bytes[body.range()].to_vec()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_module_as_described() {
    let bytes = TestModule {
        results: vec![ValType::I32],
        import: true,
        export: Some(("first", 1)),
        bodies: vec![vec![Instruction::I32Const(7)], vec![Instruction::Call(0)]],
        names: vec![(0, "zero"), (1, "seven"), (2, "calls_zero")],
    }
    .finish();
    wasmparser::Validator::new().validate_all(&bytes).unwrap();
    // Each body: no locals (0x00), the instruction, `end` (0x0b).
    assert_eq!(bodies(&bytes), [vec![0x00, 0x41, 0x07, 0x0b], vec![0x00, 0x10, 0x00, 0x0b]]);
}
