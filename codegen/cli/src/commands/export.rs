//! `errcat export`: one file of the artifact table (the normalized catalog by default) on
//! standard output.

use std::path::PathBuf;
use std::process::ExitCode;

use errcat_codegen::Artifact;

/// Prints the one file of an exportable artifact.
pub fn run(paths: &[PathBuf], artifact: Artifact) -> ExitCode {
    let builder = super::builder(paths).artifacts([artifact]);
    match builder.generate() {
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
