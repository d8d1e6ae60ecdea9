//! `errcat new <api-id>`: start a catalog file for a new API.

use std::io::Write as _;
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
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let mut file = match file {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: refusing to overwrite {}: it already exists\n  = help: edit it, or choose another API id",
                path.display()
            );
            return ExitCode::FAILURE;
        }
        Err(error) => {
            eprintln!("error: cannot create {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
    {
        eprintln!("error: cannot write {}: {error}", path.display());
        return ExitCode::FAILURE;
    }
    println!("created {}", path.display());
    println!(
        "next: transcribe the API's error page into it (catalog/README.md), then run `errcat validate {}`",
        path.display()
    );
    ExitCode::SUCCESS
}
