//! Generates the bundled APIs' modules from `catalog/` into `OUT_DIR`.
//!
//! Each API is behind a cargo feature named after its id; only enabled ones are emitted,
//! but every catalog is validated. The header names the CLI command so that the output
//! is byte-identical to the committed `generated/` (a test checks this).

fn main() {
    let enabled: Vec<String> = std::env::vars()
        .filter_map(|(key, _)| key.strip_prefix("CARGO_FEATURE_").map(str::to_lowercase))
        .collect();
    let result = errcat_codegen::Builder::new()
        .catalog("catalog")
        .only(enabled)
        .regenerate_command("cargo run --bin errcat -- generate")
        .build();
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
