//! `errcat export`: the normalized catalog on standard output.

use std::path::PathBuf;
use std::process::ExitCode;

use errcat_codegen::Artifacts;

pub fn run(paths: &[PathBuf]) -> ExitCode {
    let builder = super::builder(paths).artifacts(Artifacts {
        rust: false,
        json: true,
        schema: false,
        docs: false,
    });
    match builder.generate() {
        Ok(files) => {
            print!("{}", files.get("catalog.json").map_or("", String::as_str));
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            ExitCode::FAILURE
        }
    }
}
