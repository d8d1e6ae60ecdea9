//! `errcat export`: one file of the artifact table (the normalized catalog by default) on
//! standard output.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use errcat_codegen::Artifact;

/// Prints the one file of an exportable artifact.
pub fn run(paths: &[PathBuf], artifact: Artifact) -> ExitCode {
    let builder = super::builder(paths).artifacts([artifact]);
    match builder.generate() {
        Ok(files) => {
            let mut stdout = std::io::stdout().lock();
            for text in files.values() {
                // A reader that stops early (`| head`) is not an error; others are.
                match stdout.write_all(text.as_bytes()) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => break,
                    Err(e) => {
                        eprintln!("error: cannot write to standard output: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            ExitCode::FAILURE
        }
    }
}
