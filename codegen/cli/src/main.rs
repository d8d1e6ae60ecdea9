//! The `errcat` command line. Exit codes: 0 success, 1 the catalog or `generated/` has
//! problems (or a write failed), 2 usage errors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use errcat_codegen::write::{self, Drift, Overwrite};
use errcat_codegen::{Artifacts, Builder};

/// The command that regenerates `generated/`, as named in every header.
const GENERATE_COMMAND: &str = "cargo run --bin errcat -- generate";

#[derive(Parser)]
#[command(
    name = "errcat",
    version,
    about = "Error catalogs as the source of truth: validate, generate and check."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check catalog files and print a summary per API, or every problem found.
    Validate {
        /// Catalog files or folders.
        #[arg(default_value = "catalog")]
        paths: Vec<PathBuf>,
    },
    /// Regenerate the output folder from the catalog (atomic; never touches hand-written files).
    Generate {
        /// Catalog folder or files.
        #[arg(long, default_value = "catalog")]
        catalog: Vec<PathBuf>,
        /// Output folder.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
    },
    /// Fail with a diff when the output folder differs from what the catalog generates; writes nothing.
    Check {
        /// Catalog folder or files.
        #[arg(long, default_value = "catalog")]
        catalog: Vec<PathBuf>,
        /// Output folder.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
    },
    /// Print the normalized catalog.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Catalog folder or files.
        #[arg(default_value = "catalog")]
        paths: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
}

fn builder(paths: &[PathBuf]) -> Builder {
    paths
        .iter()
        .fold(Builder::new(), |b, p| b.catalog(p))
        .regenerate_command(GENERATE_COMMAND)
        .artifacts(Artifacts {
            rust: true,
            json: true,
            schema: true,
        })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { paths } => validate(&paths),
        Command::Generate { catalog, out } => generate(&catalog, &out),
        Command::Check { catalog, out } => check(&catalog, &out),
        Command::Export {
            format: Format::Json,
            paths,
        } => export(&paths),
    }
}

fn validate(paths: &[PathBuf]) -> ExitCode {
    match builder(paths).load() {
        Ok(catalog) => {
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
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            ExitCode::FAILURE
        }
    }
}

fn generate(catalog: &[PathBuf], out: &Path) -> ExitCode {
    let files = match builder(catalog).generate() {
        Ok(files) => files,
        Err(diagnostics) => {
            eprintln!("{diagnostics}\nnothing was written");
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = std::fs::create_dir_all(out) {
        eprintln!("error: cannot create {}: {error}", out.display());
        return ExitCode::FAILURE;
    }
    if let Err(error) = write::write_all(out, &files, Overwrite::OnlyGenerated) {
        eprintln!("{error}");
        return ExitCode::FAILURE;
    }
    for stale in write::stale_files(out, &files) {
        match std::fs::remove_file(&stale) {
            Ok(()) => println!("removed {} (its catalog is gone)", stale.display()),
            Err(error) => {
                eprintln!("error: cannot remove {}: {error}", stale.display());
                return ExitCode::FAILURE;
            }
        }
    }
    println!("generated {} files in {}", files.len(), out.display());
    ExitCode::SUCCESS
}

fn check(catalog: &[PathBuf], out: &Path) -> ExitCode {
    let files = match builder(catalog).generate() {
        Ok(files) => files,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    let drift = write::check(out, &files);
    if drift.is_empty() {
        println!(
            "ok: {} is up to date ({} files)",
            out.display(),
            files.len()
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
        "error: {} differs from the catalog ({} file{}); run `{GENERATE_COMMAND}` and commit the result",
        out.display(),
        drift.len(),
        if drift.len() == 1 { "" } else { "s" }
    );
    ExitCode::FAILURE
}

fn export(paths: &[PathBuf]) -> ExitCode {
    let builder = builder(paths).artifacts(Artifacts {
        rust: false,
        json: true,
        schema: false,
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
