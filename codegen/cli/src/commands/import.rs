//! `errcat import openapi FILE`: a catalog scaffolded from an OpenAPI document, checked
//! by the validator before it is printed or written.

use std::path::Path;
use std::process::ExitCode;

use errcat_codegen::import::openapi;

pub fn run(file: &Path, api: Option<&str>, out: Option<&Path>) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read {}: {error}", file.display());
            return super::usage_error();
        }
    };
    let source = file.display().to_string();
    let imported = match openapi::openapi(&text, &source, api) {
        Ok(imported) => imported,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    // The scaffold goes through the same stages as any catalog before anyone sees it.
    let name = out.map_or_else(|| "imported.yaml".to_owned(), |p| p.display().to_string());
    let loaded = errcat_codegen::load::load_str(&name, &imported.yaml);
    if let Err(diagnostics) = errcat_codegen::validate::validate(vec![loaded]) {
        eprintln!("{diagnostics}");
        eprintln!("error: the scaffold of {source} does not validate (a bug in errcat import)");
        return ExitCode::FAILURE;
    }
    let summary = format!(
        "imported {}: {} error responses, {} codes; every guess is marked `inferred`",
        source, imported.responses, imported.codes
    );
    if let Err(code) = super::print_or_write_new(out, &imported.yaml, &summary) {
        return code;
    }
    if let Some(path) = out {
        println!(
            "wrote {}; next: `errcat validate {}`",
            path.display(),
            path.display()
        );
    }
    ExitCode::SUCCESS
}
