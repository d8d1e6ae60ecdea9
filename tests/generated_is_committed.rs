//! What build.rs compiles must be byte-identical to the committed `generated/`, so the
//! reviewed files are exactly the code users get.

const APIS: &[&str] = &[
    "agenthuman",
    "identitycall",
    "kallglot",
    "voice_gateway",
    "zenhire",
];

#[test]
fn out_dir_matches_committed_generated_files() {
    let out_dir = std::path::Path::new(env!("OUT_DIR"));
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("generated");
    for api in APIS {
        let name = format!("{api}.rs");
        let built = std::fs::read_to_string(out_dir.join(&name))
            .unwrap_or_else(|e| panic!("build.rs did not write {name}: {e}"));
        let checked_in = std::fs::read_to_string(committed.join(&name))
            .unwrap_or_else(|e| panic!("generated/{name} is missing: {e}"));
        assert!(
            built == checked_in,
            "generated/{name} differs from what build.rs compiles; run `cargo run --bin errcat -- generate`"
        );
    }
}
