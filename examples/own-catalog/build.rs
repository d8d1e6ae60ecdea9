//! Generates `acme.rs` into `OUT_DIR` from `catalog/acme.yaml`.
//!
//! The builder prints `cargo:rerun-if-changed` for `catalog/` and every file in it, so
//! cargo reruns this script exactly when a catalog changes.

fn main() {
    if let Err(error) = errcat_codegen::Builder::new().catalog("catalog").build() {
        // The diagnostics, each with file:line:column.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
