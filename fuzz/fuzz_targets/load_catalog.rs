//! Arbitrary bytes as a catalog file: loading and validation never panic, never hang, and
//! every diagnostic names the file, a line and column >= 1 and says how to fix it. When the
//! bytes happen to be a valid catalog, the generated Rust must parse.
#![no_main]

use libfuzzer_sys::fuzz_target;

const FILE: &str = "fuzz/input.yaml";

fuzz_target!(|bytes: &[u8]| {
    let loaded = errcat_codegen::load::load_bytes(FILE, bytes);
    match errcat_codegen::validate::validate(vec![loaded]) {
        Ok(catalog) => {
            let files = errcat_codegen::Builder::new().emit(&catalog);
            for (name, text) in &files {
                if let Err(error) = syn::parse_file(text) {
                    panic!("{name} does not parse: {error}\n{text}");
                }
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "a failed validation must say why");
            for d in &diagnostics.0 {
                assert_eq!(d.file, FILE, "{d}");
                assert!(d.position.line >= 1 && d.position.column >= 1, "{d}");
                assert!(!d.help.trim().is_empty(), "{d}");
                assert!(!d.message.trim().is_empty(), "{d}");
            }
            // Rendering must not panic either.
            let _ = diagnostics.to_string();
        }
    }
});
