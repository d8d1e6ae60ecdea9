//! `errcat export`: one file of the artifact table (the normalized catalog by default) on
//! standard output.

use std::path::PathBuf;
use std::process::ExitCode;

use errcat_codegen::Artifact;

/// Prints the one file of an exportable artifact; a per-API artifact (`openapi`) needs
/// the catalog to hold one API, or `--api` to pick one.
pub fn run(paths: &[PathBuf], artifact: Artifact, api: Option<&str>) -> ExitCode {
    let catalog = match super::load(paths) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    if let Err(code) = super::check_api(&catalog, api) {
        return code;
    }
    let mut builder = super::builder(paths).artifacts([artifact]);
    if let Some(id) = api {
        builder = builder.only([id]);
    }
    match builder.generate() {
        Ok(files) if files.len() > 1 => {
            let ids: Vec<&str> = catalog.apis.iter().map(|a| a.id()).collect();
            eprintln!(
                "error: `--format {}` is one document per API and the catalog has {} ({}); pick one with `--api`",
                artifact.name(),
                ids.len(),
                ids.join(", ")
            );
            super::usage_error()
        }
        Ok(files) => {
            for text in files.values() {
                print!("{text}");
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            ExitCode::FAILURE
        }
    }
}
