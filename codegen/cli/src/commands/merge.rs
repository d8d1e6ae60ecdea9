//! `errcat merge openapi DOCUMENT --api ID`: the API's error responses added to an
//! existing OpenAPI document, printed or written to a new file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use errcat_codegen::emit::openapi::merge;

pub fn run(catalog: &[PathBuf], document: &Path, api: &str, out: Option<&Path>) -> ExitCode {
    let loaded = match super::load(catalog) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    if let Err(code) = super::check_api(&loaded, Some(api)) {
        return code;
    }
    let Some(api) = loaded.apis.iter().find(|a| a.id() == api) else {
        return super::usage_error();
    };
    let text = match std::fs::read_to_string(document) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read {}: {error}", document.display());
            return super::usage_error();
        }
    };
    let merged = match merge::merge(&text, api) {
        Ok(merged) => merged,
        Err(error) => {
            eprintln!("error: {}: {error}", document.display());
            return ExitCode::FAILURE;
        }
    };
    let summary = format!(
        "merged {} into {}: {} components, {} operation responses added; nothing else changed",
        api.id(),
        document.display(),
        merged.components,
        merged.responses
    );
    match super::print_or_write_new(out, &merged.text, &summary) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
