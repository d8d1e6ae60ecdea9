//! Where the catalog is when the command line does not say: the current folder, else the
//! nearest folder above it that has a `catalog/` folder, the way cargo finds `Cargo.toml`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The catalog folder when none is named.
pub const DEFAULT_CATALOG: &str = "catalog";
/// The output folder when none is named.
pub const DEFAULT_OUT: &str = "generated";

/// Whether `paths` is the default catalog path alone.
pub fn is_default(paths: &[PathBuf]) -> bool {
    paths.len() == 1 && paths[0] == Path::new(DEFAULT_CATALOG)
}

/// Makes the catalog paths usable: when every path argument of the command is its
/// default (`defaults`) and the current folder has no `catalog/`, moves into the nearest
/// folder above that has one, so relative paths, headers and the drift check read as they
/// do from there. Then every catalog path must exist; a missing one is a usage error (2),
/// said plainly, without a line and column it does not have.
pub fn enter(paths: &[PathBuf], defaults: bool) -> Result<(), ExitCode> {
    if defaults && !Path::new(DEFAULT_CATALOG).exists() {
        if let Some(root) = project_above() {
            if let Err(error) = std::env::set_current_dir(&root) {
                eprintln!("error: cannot enter {}: {error}", root.display());
                return Err(ExitCode::FAILURE);
            }
        }
    }
    for path in paths {
        if path.exists() {
            continue;
        }
        let here = std::env::current_dir()
            .map(|dir| dir.display().to_string())
            .unwrap_or_else(|_| ".".to_owned());
        if defaults {
            eprintln!(
                "error: no `{DEFAULT_CATALOG}/` folder in {here} or any folder above it\n  = help: run errcat in a project that has one, pass the catalog's path, or start one with `errcat new <api-id>`"
            );
        } else {
            eprintln!(
                "error: `{}` does not exist (looked in {here})\n  = help: pass an existing catalog file or folder",
                path.display()
            );
        }
        return Err(super::usage_error());
    }
    Ok(())
}

/// The nearest folder above the current one that holds a `catalog/` folder.
fn project_above() -> Option<PathBuf> {
    let here = std::env::current_dir().ok()?;
    here.ancestors()
        .skip(1)
        .find(|dir| dir.join(DEFAULT_CATALOG).is_dir())
        .map(Path::to_path_buf)
}
