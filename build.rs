//! Generates the bundled APIs' modules from `catalog/` into `OUT_DIR`.
//!
//! Each API is behind a cargo feature named after its id; only enabled ones are emitted,
//! but every catalog is validated. The header names the CLI command so that the output
//! is byte-identical to the committed `generated/` (a test checks this). Without any
//! bundled API (`default-features = false`) there is nothing to generate, and the
//! generator is not even a build-dependency.

#[cfg(feature = "bundled")]
fn main() {
    let enabled: Vec<String> = std::env::vars()
        .filter_map(|(key, _)| key.strip_prefix("CARGO_FEATURE_").map(str::to_lowercase))
        .collect();
    let result = errcat_codegen::Builder::new()
        .catalog("catalog")
        .only(enabled)
        .regenerate_command("errcat generate")
        .build();
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(1);
    }
}

#[cfg(not(feature = "bundled"))]
fn main() {
    // Nothing to generate; without this line cargo would rerun the script on any edit.
    println!("cargo:rerun-if-changed=build.rs");
}
