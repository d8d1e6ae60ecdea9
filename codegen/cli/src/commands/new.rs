//! `errcat new <api-id>`: start a catalog file for a new API.

use std::path::Path;
use std::process::ExitCode;

use errcat_codegen::scaffold;

pub fn run(id: &str, catalog: &Path) -> ExitCode {
    let text = match scaffold::scaffold(id) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: {error}");
            return super::usage_error();
        }
    };
    if let Err(error) = std::fs::create_dir_all(catalog) {
        eprintln!("error: cannot create {}: {error}", catalog.display());
        return ExitCode::FAILURE;
    }
    let path = catalog.join(format!("{id}.yaml"));
    let help = "edit it, or choose another API id";
    if let Err(code) = super::write_new_file(&path, &text, Some(help)) {
        return code;
    }
    println!("created {}", path.display());
    println!(
        "next: transcribe the API's error page into it (catalog/README.md), then run `errcat validate {}`",
        path.display()
    );
    ExitCode::SUCCESS
}
