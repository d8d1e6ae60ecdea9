//! Stage 4: headers, atomic writes that never clobber hand-written files, and the drift
//! check that compares a folder with what the catalog generates.

use std::collections::BTreeSet;
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::Generated;

/// The marker every generated file's header carries; see [`is_generated`] for what makes
/// a file errcat's own.
pub const MARKER: &str = "@generated";

/// The `@generated` header. It names the source and the command that regenerates the
/// file, and deliberately no version or date, so upgrading errcat alone is not drift.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    /// The command that regenerates the file.
    pub command: &'a str,
}

impl Header<'_> {
    /// The header line for JSON files (in a field, since JSON has no comments).
    pub fn text(&self, source: &str) -> String {
        format!(
            "{MARKER} by errcat from {source}. Do not edit: change the catalog and run `{}`.",
            self.command
        )
    }

    /// The header for the Markdown reference, as an HTML comment.
    pub fn html_comment(&self, source: &str) -> String {
        format!("<!-- {} -->", crate::sink::html_comment(&self.text(source)))
    }

    /// A Rust file: the header as line comments, then the code.
    pub fn rust(&self, source: &str, code: &str) -> String {
        format!(
            "// {MARKER} by errcat from {}. Do not edit by hand.\n// Change the catalog, then run `{}`.\n\n{code}",
            crate::sink::line_comment(source),
            crate::sink::line_comment(self.command)
        )
    }
}

/// Whether `contents` begins with one of errcat's own headers, exactly as an artifact of
/// the table writes it. A mention of the marker anywhere else (a README, Cargo's own
/// `@generated` lock file) does not make a file errcat's, so it is never replaced or
/// removed.
pub fn is_generated(contents: &[u8]) -> bool {
    crate::emit::Artifact::ALL
        .iter()
        .any(|artifact| contents.starts_with(artifact.row().header_start.as_bytes()))
}

/// Whether `path` itself is a symbolic link (never followed: errcat neither writes
/// through one nor removes what one points at).
fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// The first symbolic link among `path`'s folders below `dir` (such as `docs/` linked
/// elsewhere), or `path` itself: writing there would land outside the output folder.
fn link_on_the_way(dir: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(dir).ok()?;
    let mut current = dir.to_path_buf();
    for component in relative.components() {
        current.push(component);
        if is_symlink(&current) {
            return Some(current);
        }
    }
    None
}

/// Whether existing files without the marker may be overwritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// A private folder such as `OUT_DIR`: overwrite anything.
    Always,
    /// A shared folder such as `generated/`: refuse to touch a file without the marker.
    OnlyGenerated,
}

/// Why writing failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum WriteError {
    /// A file without errcat's `@generated` header is in the way.
    NotGenerated(PathBuf),
    /// A symbolic link stands at a target or one of its folders.
    SymbolicLink(PathBuf),
    /// An I/O operation failed.
    Io {
        /// What was being done.
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// The error.
        error: std::io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::NotGenerated(path) => write!(
                f,
                "error: refusing to overwrite {}: it has no `{MARKER}` header, so it may be hand-written\n  = help: move it away, or delete it if it is an old generated file",
                path.display()
            ),
            WriteError::SymbolicLink(path) => write!(
                f,
                "error: refusing to write through {}: it is a symbolic link, and errcat never follows one in its output folder\n  = help: replace the link with a real folder or file, or point `--out` elsewhere",
                path.display()
            ),
            WriteError::Io { action, path, error } => {
                write!(f, "error: cannot {action} {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for WriteError {}

fn io<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(std::io::Error) -> WriteError + 'p {
    move |error| WriteError::Io {
        action,
        path: path.to_path_buf(),
        error,
    }
}

/// Writes every file into `dir`, each atomically (temporary file, then rename), leaving
/// files whose contents are already right untouched so their timestamps do not change.
/// Every target is checked before anything is written, so a refusal writes nothing.
pub fn write_all(
    dir: &Path,
    files: &Generated,
    overwrite: Overwrite,
) -> Result<Written, WriteError> {
    let mut to_write = Vec::new();
    for (name, contents) in files {
        let path = dir.join(name);
        if let Some(link) = link_on_the_way(dir, &path) {
            return Err(WriteError::SymbolicLink(link));
        }
        match std::fs::read(&path) {
            Ok(existing) if existing == contents.as_bytes() => continue,
            Ok(existing) => {
                if overwrite == Overwrite::OnlyGenerated && !is_generated(&existing) {
                    return Err(WriteError::NotGenerated(path));
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(io("read", &path)(error)),
        }
        to_write.push((path, contents));
    }
    let written = Written {
        written: to_write.len(),
        unchanged: files.len() - to_write.len(),
    };
    for (path, contents) in to_write {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io("create the folder", parent))?;
        }
        write_atomic(&path, contents.as_bytes())?;
    }
    Ok(written)
}

/// What [`write_all`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files created or replaced.
    pub written: usize,
    /// Files that already held exactly these contents, left untouched.
    pub unchanged: usize,
}

/// Writes `contents` to a temporary file beside `path`, syncs it and renames it over
/// `path`, so readers see the old file or the new one, never half of one. The temporary
/// file has an unpredictable name and is created exclusively (`O_EXCL`, never through a
/// link), so concurrent runs, in any process, namespace or container, each write their
/// own and the last rename wins with one whole version.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(io("create a temporary file in", parent))?;
    temp.write_all(contents).map_err(io("write", temp.path()))?;
    temp.as_file().sync_all().map_err(io("sync", temp.path()))?;
    // Dropping a temporary file that was not persisted removes it.
    temp.persist(path)
        .map_err(|error| io("replace", path)(error.error))?;
    Ok(())
}

/// Generated files in `dir` (and its subfolders, such as `docs/`, with errcat's header)
/// that `files` no longer produces. Hidden files and folders and symbolic links are
/// skipped.
pub fn stale_files(dir: &Path, files: &Generated) -> Vec<PathBuf> {
    let wanted: BTreeSet<&str> = files.keys().map(String::as_str).collect();
    let mut stale = Vec::new();
    collect_stale(dir, "", &wanted, &mut stale);
    stale.sort();
    stale
}

fn collect_stale(dir: &Path, prefix: &str, wanted: &BTreeSet<&str>, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        // `file_type` does not follow links: a link, to a file or a folder, inside or
        // outside, is never descended into or removed.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if name.starts_with('.') || kind.is_symlink() {
            continue;
        }
        let relative = format!("{prefix}{name}");
        if kind.is_dir() {
            collect_stale(&path, &format!("{relative}/"), wanted, out);
        } else if kind.is_file()
            && !wanted.contains(relative.as_str())
            && std::fs::read(&path).is_ok_and(|c| is_generated(&c))
        {
            out.push(path);
        }
    }
}

/// One difference between a folder and what the catalog generates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// The file should exist and does not.
    Missing(String),
    /// The file differs: name, what is on disk, what should be.
    Changed(String, String, String),
    /// A generated file that the catalog no longer produces.
    Stale(String),
}

/// Compares `dir` with `files` without writing anything.
pub fn check(dir: &Path, files: &Generated) -> Vec<Drift> {
    let mut drift = Vec::new();
    for (name, contents) in files {
        match std::fs::read(dir.join(name)) {
            Ok(existing) if existing == contents.as_bytes() => {}
            Ok(existing) => drift.push(Drift::Changed(
                name.clone(),
                String::from_utf8_lossy(&existing).into_owned(),
                contents.clone(),
            )),
            Err(_) => drift.push(Drift::Missing(name.clone())),
        }
    }
    for path in stale_files(dir, files) {
        let name = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        drift.push(Drift::Stale(name));
    }
    drift
}
