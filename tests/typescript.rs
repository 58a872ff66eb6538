//! The TypeScript declarations of the models, generated from the Rust types with ts-rs, must
//! match `src/js/models.d.ts` (shipped in the npm packages). `UPDATE_TYPESCRIPT=1 cargo test
//! --features ts --test typescript` rewrites the file.
#![cfg(all(not(target_arch = "wasm32"), feature = "ts"))]

use ts_rs::TS;
use waldur_migrations::*;

fn declaration<T: TS>() -> String {
    format!("export {}\n", pretty(&T::decl(&ts_rs::Config::default())))
}

/// Indents the members of a ts-rs declaration and puts its closing brace on a line of its own
/// (wasm-bindgen re-indents the `.d.ts` by braces at line starts).
fn pretty(decl: &str) -> String {
    let mut out = String::new();
    for (index, line) in decl.lines().enumerate() {
        let line = line.trim_end();
        if index == 0 {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        match line.strip_suffix("};") {
            Some(rest) => {
                let rest = rest.trim_end();
                if !rest.is_empty() {
                    out.push_str("  ");
                    out.push_str(rest);
                    out.push('\n');
                }
                out.push_str("};");
            }
            None => {
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn declarations() -> String {
    let mut out = String::from("// Generated from the Rust models by tests/typescript.rs (ts-rs). Do not edit.\n\n");
    for part in [
        declaration::<MigrationDetails>(),
        declaration::<Mapping>(),
        declaration::<VolumeTypeMapping>(),
        declaration::<SubNetMapping>(),
        declaration::<MigrationCreate>(),
        declaration::<MigrationCreateRequest>(),
        declaration::<MappingRequest>(),
        declaration::<VolumeTypeMappingRequest>(),
        declaration::<SubNetMappingRequest>(),
        declaration::<MigrationDetailsRequest>(),
        declaration::<PatchedMigrationDetailsRequest>(),
        declaration::<ListQuery>(),
        declaration::<LookupQuery>(),
        declaration::<PageLink>(),
        declaration::<PageLinks>(),
        declaration::<SourceResource>(),
        declaration::<DestinationOffering>(),
        declaration::<Plan>(),
        declaration::<VolumeType>(),
        declaration::<Network>(),
        declaration::<NestedSubnet>(),
        declaration::<Subnet>(),
    ] {
        out.push_str(&part);
        out.push('\n');
    }
    out
}

#[test]
fn models_d_ts_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/js/models.d.ts");
    let generated = declarations();
    if std::env::var_os("UPDATE_TYPESCRIPT").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let stored = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        stored, generated,
        "src/js/models.d.ts is stale: run UPDATE_TYPESCRIPT=1 cargo test --features ts --test typescript"
    );
    assert!(!generated.contains(": any") && !generated.contains("<any>"), "no `any` in the declarations");
}
