//! One module per subcommand, and what they share.

pub mod completions;
pub mod diff;
pub mod explain;
pub mod export;
pub mod generate;
pub mod import;
pub mod list;
pub mod merge;
pub mod new;
pub mod project;
pub mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use errcat_codegen::{Artifact, Builder, Catalog};

/// The command that regenerates `generated/`, as named in every header: the installed
/// command's name, right in any crate (inside errcat's own workspace `cargo run --bin
/// errcat --` runs it). Fixed, so that the output is the same however errcat is run;
/// hints use [`generate_hint`].
pub const GENERATE_COMMAND: &str = "errcat generate";

/// The command that regenerates this output folder, as the user would type it now:
/// through `cargo run` when errcat runs from its own workspace (cargo sets
/// `CARGO_PKG_NAME`), else the installed `errcat`, with the paths given to this command.
pub fn generate_hint(catalog: &[PathBuf], out: &std::path::Path) -> String {
    let mut command = if std::env::var("CARGO_PKG_NAME").is_ok_and(|name| name == "errcat-cli") {
        "cargo run --bin errcat -- generate".to_owned()
    } else {
        "errcat generate".to_owned()
    };
    if !project::is_default(catalog) {
        for path in catalog {
            command.push_str(&format!(
                " --catalog {}",
                shell_word(&path.display().to_string())
            ));
        }
    }
    if out != std::path::Path::new(project::DEFAULT_OUT) {
        command.push_str(&format!(
            " --out {}",
            shell_word(&out.display().to_string())
        ));
    }
    command
}

/// `word` quoted for a POSIX shell when it needs quoting.
fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:@%+,".contains(c))
    {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Writes `text` to `path`, which must not exist yet (errcat never writes over a file
/// it did not make), and syncs it; says what went wrong on failure, with `help` when the
/// file exists.
pub fn write_new_file(
    path: &std::path::Path,
    text: &str,
    help: Option<&str>,
) -> Result<(), ExitCode> {
    use std::io::Write as _;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let mut file = match file {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: refusing to overwrite {}: it already exists",
                path.display()
            );
            if let Some(help) = help {
                eprintln!("  = help: {help}");
            }
            return Err(ExitCode::FAILURE);
        }
        Err(error) => {
            eprintln!("error: cannot create {}: {error}", path.display());
            return Err(ExitCode::FAILURE);
        }
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|error| {
            eprintln!("error: cannot write {}: {error}", path.display());
            ExitCode::FAILURE
        })
}

/// What `import` and `merge` produce: `text` on standard output and `summary` on standard
/// error, or with `out`, `text` in a new file (see [`write_new_file`]) and `summary` on
/// standard output.
pub fn print_or_write_new(
    out: Option<&std::path::Path>,
    text: &str,
    summary: &str,
) -> Result<(), ExitCode> {
    let Some(path) = out else {
        print!("{text}");
        eprintln!("{summary}");
        return Ok(());
    };
    write_new_file(path, text, None)?;
    println!("{summary}");
    Ok(())
}

/// Exit code 2: the command line itself is wrong.
pub fn usage_error() -> ExitCode {
    ExitCode::from(2)
}

/// A builder over these catalog paths that generates everything `generated/` holds.
pub fn builder(paths: &[PathBuf]) -> Builder {
    paths
        .iter()
        .fold(Builder::new(), |b, p| b.catalog(p))
        .regenerate_command(GENERATE_COMMAND)
        .artifacts(Artifact::ALL.iter().copied())
}

/// Loads and validates the catalog, printing every problem on failure.
pub fn load(paths: &[PathBuf]) -> Result<Catalog, ExitCode> {
    builder(paths).load().map_err(|diagnostics| {
        eprintln!("{diagnostics}");
        ExitCode::FAILURE
    })
}

/// Checks that `api` (if given) is an API of the catalog; prints a usage error if not.
pub fn check_api(catalog: &Catalog, api: Option<&str>) -> Result<(), ExitCode> {
    let Some(id) = api else { return Ok(()) };
    if catalog.apis.iter().any(|a| a.id() == id) {
        return Ok(());
    }
    let known: Vec<&str> = catalog.apis.iter().map(|a| a.id()).collect();
    eprintln!(
        "error: the catalog has no API `{id}`\n  = help: the APIs are {}",
        known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Err(usage_error())
}

/// Rows as left-aligned columns separated by two spaces, without trailing spaces.
pub fn columns(rows: &[Vec<String>]) -> String {
    let count = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..count)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                let pad = widths[i] - cell.chars().count() + 2;
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
