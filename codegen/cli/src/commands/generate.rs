//! `errcat generate`, `errcat check` and `errcat docs`: write the output folder, compare
//! it with the catalog, or write the Markdown references elsewhere.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use errcat_codegen::text;
use errcat_codegen::write::{self, Drift, Overwrite};
use errcat_codegen::{Artifact, Generated};

/// Writes `files` into `out` (refusing hand-written files) and says what it did.
fn write_files(out: &Path, files: &Generated) -> Result<write::Written, ExitCode> {
    if let Err(error) = std::fs::create_dir_all(out) {
        eprintln!("error: cannot create {}: {error}", out.display());
        return Err(ExitCode::FAILURE);
    }
    write::write_all(out, files, Overwrite::OnlyGenerated).map_err(|error| {
        eprintln!("{error}");
        ExitCode::FAILURE
    })
}

pub fn generate(catalog: &[PathBuf], out: &Path) -> ExitCode {
    let files = match super::builder(catalog).generate() {
        Ok(files) => files,
        Err(diagnostics) => {
            eprintln!("{diagnostics}\nnothing was written");
            return ExitCode::FAILURE;
        }
    };
    let written = match write_files(out, &files) {
        Ok(written) => written,
        Err(code) => return code,
    };
    let mut removed = 0;
    for stale in write::stale_files(out, &files) {
        match std::fs::remove_file(&stale) {
            Ok(()) => {
                removed += 1;
                println!("removed {} (its catalog is gone)", stale.display());
            }
            // A concurrent run removed it first: the outcome is the same.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                eprintln!("error: cannot remove {}: {error}", stale.display());
                return ExitCode::FAILURE;
            }
        }
    }
    println!("{}", summary(out, written, removed));
    ExitCode::SUCCESS
}

/// `generated: 2 files written, 10 unchanged, 1 removed`: what changed, not how many
/// files the catalog makes.
fn summary(out: &Path, written: write::Written, removed: usize) -> String {
    let mut parts = vec![
        format!("{} written", text::count(written.written, "file", "files")),
        format!("{} unchanged", written.unchanged),
    ];
    if removed > 0 {
        parts.push(format!("{removed} removed"));
    }
    format!("{}: {}", out.display(), parts.join(", "))
}

pub fn check(catalog: &[PathBuf], out: &Path) -> ExitCode {
    let files = match super::builder(catalog).generate() {
        Ok(files) => files,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    let drift = write::check(out, &files);
    if drift.is_empty() {
        println!(
            "ok: {} is up to date ({})",
            out.display(),
            text::count(files.len(), "file", "files")
        );
        return ExitCode::SUCCESS;
    }
    for item in &drift {
        match item {
            Drift::Missing(name) => eprintln!("missing: {}/{name}", out.display()),
            Drift::Stale(name) => {
                eprintln!("stale: {}/{name} (no catalog generates it)", out.display())
            }
            Drift::Changed(name, old, new) => {
                let path = format!("{}/{name}", out.display());
                let diff = similar::TextDiff::from_lines(old, new);
                eprint!(
                    "{}",
                    diff.unified_diff()
                        .context_radius(3)
                        .header(&format!("a/{path}"), &format!("b/{path}"))
                );
            }
        }
    }
    eprintln!(
        "error: {} differs from the catalog ({}); run `{}` and commit the result",
        out.display(),
        text::count(drift.len(), "file", "files"),
        super::generate_hint(catalog, out)
    );
    ExitCode::FAILURE
}

pub fn docs(catalog: &[PathBuf], out: &Path, api: Option<&str>) -> ExitCode {
    let loaded = match super::load(catalog) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    if let Err(code) = super::check_api(&loaded, api) {
        return code;
    }
    let mut builder = super::builder(catalog).artifacts([Artifact::Docs]);
    if let Some(api) = api {
        builder = builder.only([api]);
    }
    let files: Generated = builder
        .emit(&loaded)
        .into_iter()
        .map(|(name, text)| {
            let name = name
                .strip_prefix(Artifact::Docs.folder())
                .unwrap_or(&name)
                .to_owned();
            (name, text)
        })
        .collect();
    if let Err(code) = write_files(out, &files) {
        return code;
    }
    for name in files.keys() {
        println!("wrote {}", out.join(name).display());
    }
    ExitCode::SUCCESS
}
