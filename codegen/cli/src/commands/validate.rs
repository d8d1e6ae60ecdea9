//! `errcat validate`: a summary per API, or every problem with its position.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(paths: &[PathBuf]) -> ExitCode {
    let catalog = match super::load(paths) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    for api in &catalog.apis {
        let doc = &api.doc;
        println!(
            "ok: {} ({}): {} errors, {} types, {} statuses, {} close codes, {} examples",
            api.id(),
            api.source_path,
            api.errors.len(),
            doc.types.len(),
            doc.statuses.len(),
            doc.websocket_close_codes.len(),
            doc.examples.len()
        );
    }
    ExitCode::SUCCESS
}
