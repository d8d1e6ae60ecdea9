//! The `errcat` command line. Exit codes: 0 success, 1 the catalog or `generated/` has
//! problems (or a write failed, or `explain` names no single code: none or several), 2
//! usage errors (a catalog path that does not exist), 141 the
//! reader of the output went away (see `output.rs`).

// Shadow std's printing macros for every module below: see `output.rs`.
macro_rules! println {
    () => { $crate::output::write($crate::output::Stream::Out, format_args!(""), true) };
    ($($arg:tt)*) => { $crate::output::write($crate::output::Stream::Out, format_args!($($arg)*), true) };
}
macro_rules! print {
    ($($arg:tt)*) => { $crate::output::write($crate::output::Stream::Out, format_args!($($arg)*), false) };
}
macro_rules! eprintln {
    () => { $crate::output::write($crate::output::Stream::Err, format_args!(""), true) };
    ($($arg:tt)*) => { $crate::output::write($crate::output::Stream::Err, format_args!($($arg)*), true) };
}
macro_rules! eprint {
    ($($arg:tt)*) => { $crate::output::write($crate::output::Stream::Err, format_args!($($arg)*), false) };
}

mod colour;
mod commands;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "errcat",
    version,
    about = "Error catalogs as the source of truth: validate, generate, check, explain and scaffold."
)]
pub(crate) struct Cli {
    /// Colour diagnostics and diffs: `auto` on a terminal (unless `NO_COLOR` is set).
    #[arg(long, global = true, value_enum, default_value_t = colour::ColorChoice::Auto)]
    color: colour::ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check catalog files and print a summary per API, or every problem found.
    Validate {
        /// Catalog files or folders (the same as `--catalog`).
        paths: Vec<PathBuf>,
        /// Catalog folder or files, as every command takes them.
        #[arg(long)]
        catalog: Vec<PathBuf>,
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
        /// Output format: `json`, the normalized export; `schema`, the JSON Schema of
        /// the catalog format; `openapi`, one API's error responses as OpenAPI 3.1.
        #[arg(long, default_value = "json", value_parser = exportable_artifact)]
        format: errcat_codegen::Artifact,
        /// Catalog files or folders (the same as `--catalog`).
        paths: Vec<PathBuf>,
        /// Catalog folder or files, as every command takes them.
        #[arg(long)]
        catalog: Vec<PathBuf>,
        /// Only this API (a per-API format such as `openapi` prints one document).
        #[arg(long)]
        api: Option<String>,
    },
    /// Write the Markdown error reference of every API (`<api>.md`) into a folder.
    Docs {
        /// Folder to write into.
        #[arg(long)]
        out: PathBuf,
        /// Catalog folder or files.
        #[arg(long, default_value = "catalog")]
        catalog: Vec<PathBuf>,
        /// Only this API.
        #[arg(long)]
        api: Option<String>,
    },
    /// Explain one error: everything the catalog knows about it, found by id, wire code
    /// or message text (case-insensitive).
    Explain {
        /// The error's id, code or message text.
        code: String,
        /// Look in this API only.
        #[arg(long)]
        api: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// Catalog folder or files.
        #[arg(long, default_value = "catalog")]
        catalog: Vec<PathBuf>,
    },
    /// List every error as a table: API, id, wire, status, type and retry rule.
    List {
        /// Only this API.
        #[arg(long)]
        api: Option<String>,
        /// Catalog folder or files.
        #[arg(long, default_value = "catalog")]
        catalog: Vec<PathBuf>,
    },
    /// Scaffold a catalog from an OpenAPI 3 document's error responses: statuses,
    /// envelope fields, codes from enums and examples, headers; every guess marked
    /// `inferred`, valid as written.
    Import {
        /// The format of FILE.
        #[arg(value_enum)]
        format: ImportFormat,
        /// The document (JSON or YAML).
        file: PathBuf,
        /// The API id (default: from the document's title).
        #[arg(long)]
        api: Option<String>,
        /// Write the catalog here (never over an existing file) instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Add an API's error responses to an existing OpenAPI document (JSON): components
    /// prefixed with the API, and a `$ref` on every operation for each error status it
    /// does not answer yet. Every other byte of the document stays as it was.
    Merge {
        /// The format of DOCUMENT.
        #[arg(value_enum)]
        format: ImportFormat,
        /// The document to add to.
        document: PathBuf,
        /// The API whose errors to add.
        #[arg(long)]
        api: String,
        /// Catalog folder or files.
        #[arg(long, default_value = "catalog")]
        catalog: Vec<PathBuf>,
        /// Write the result here (never over an existing file) instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Start a catalog file for a new API: `<catalog>/<api-id>.yaml`, commented, valid as written.
    New {
        /// The API's id: snake_case, also its Rust module name.
        api_id: String,
        /// The catalog folder to create it in.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
    },
    /// Compare two catalogs and fail on breaking changes to the error contract. Each
    /// side is a catalog path or `<git-rev>:<path>` (read with `git show`).
    Diff {
        /// The old catalog, e.g. `origin/main:catalog`.
        old: String,
        /// The new catalog, e.g. `catalog`.
        new: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = commands::diff::DiffFormat::Text)]
        format: commands::diff::DiffFormat,
    },
    /// Print shell completions for errcat.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// An artifact `errcat export` can print, by its name in the artifact table.
fn exportable_artifact(name: &str) -> Result<errcat_codegen::Artifact, String> {
    let exportable: Vec<&str> = errcat_codegen::Artifact::ALL
        .iter()
        .filter(|a| a.exportable())
        .map(|a| a.name())
        .collect();
    errcat_codegen::Artifact::from_name(name)
        .filter(|a| a.exportable())
        .ok_or_else(|| format!("the formats are {}", exportable.join(", ")))
}

/// The catalog paths of `validate` and `export`: positional and `--catalog` together,
/// `catalog` when neither is given.
fn catalog_paths(mut paths: Vec<PathBuf>, catalog: Vec<PathBuf>) -> Vec<PathBuf> {
    paths.extend(catalog);
    if paths.is_empty() {
        paths.push(PathBuf::from(commands::project::DEFAULT_CATALOG));
    }
    paths
}

/// Finds the catalog the command reads (see `commands::project`); `new` creates one and
/// `diff` names both sides, so they are left as given.
fn enter_project(command: &Command) -> Result<(), ExitCode> {
    use commands::project::{enter, is_default, DEFAULT_OUT};
    match command {
        Command::Validate { paths, catalog } | Command::Export { paths, catalog, .. } => {
            let paths = catalog_paths(paths.clone(), catalog.clone());
            enter(&paths, is_default(&paths))
        }
        Command::Generate { catalog, out } | Command::Check { catalog, out } => enter(
            catalog,
            is_default(catalog) && out == std::path::Path::new(DEFAULT_OUT),
        ),
        Command::Docs { catalog, .. } => enter(catalog, false),
        Command::Explain { catalog, .. } | Command::List { catalog, .. } => {
            enter(catalog, is_default(catalog))
        }
        Command::New { .. }
        | Command::Completions { .. }
        | Command::Diff { .. }
        | Command::Import { .. } => Ok(()),
        Command::Merge { catalog, .. } => enter(catalog, is_default(catalog)),
    }
}

/// What `errcat import` reads and `errcat merge` writes into.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ImportFormat {
    /// An OpenAPI 3.0 or 3.1 document.
    Openapi,
}

/// How `explain` prints.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// For people.
    Text,
    /// For tools.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    colour::init(cli.color);
    if let Err(code) = enter_project(&cli.command) {
        return code;
    }
    match cli.command {
        Command::Validate { paths, catalog } => {
            commands::validate::run(&catalog_paths(paths, catalog))
        }
        Command::Generate { catalog, out } => commands::generate::generate(&catalog, &out),
        Command::Check { catalog, out } => commands::generate::check(&catalog, &out),
        Command::Export {
            format,
            paths,
            catalog,
            api,
        } => commands::export::run(&catalog_paths(paths, catalog), format, api.as_deref()),
        Command::Docs { out, catalog, api } => {
            commands::generate::docs(&catalog, &out, api.as_deref())
        }
        Command::Explain {
            code,
            api,
            format,
            catalog,
        } => commands::explain::run(&catalog, &code, api.as_deref(), format),
        Command::List { api, catalog } => commands::list::run(&catalog, api.as_deref()),
        Command::New { api_id, catalog } => commands::new::run(&api_id, &catalog),
        Command::Import {
            format: ImportFormat::Openapi,
            file,
            api,
            out,
        } => commands::import::run(&file, api.as_deref(), out.as_deref()),
        Command::Merge {
            format: ImportFormat::Openapi,
            document,
            api,
            catalog,
            out,
        } => commands::merge::run(&catalog, &document, &api, out.as_deref()),
        Command::Completions { shell } => commands::completions::run(shell),
        Command::Diff { old, new, format } => commands::diff::run(&old, &new, format),
    }
}
