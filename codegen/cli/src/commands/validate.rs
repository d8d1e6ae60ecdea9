//! `errcat validate`: a summary per API, or every problem with its position.

use std::path::PathBuf;
use std::process::ExitCode;

use errcat_codegen::text::count;

pub fn run(paths: &[PathBuf]) -> ExitCode {
    let catalog = match super::load(paths) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    for api in &catalog.apis {
        let doc = &api.doc;
        let counts = [
            count(api.errors.len(), "error", "errors"),
            count(doc.types.len(), "type", "types"),
            count(doc.statuses.len(), "status", "statuses"),
            count(doc.websocket_close_codes.len(), "close code", "close codes"),
            count(doc.examples.len(), "example", "examples"),
        ];
        println!(
            "ok: {} ({}): {}",
            api.id(),
            api.source_path,
            counts.join(", ")
        );
    }
    ExitCode::SUCCESS
}
