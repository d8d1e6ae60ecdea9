//! One side of a diff: a catalog path, or `<git-rev>:<path>` read through `git show`
//! (no checkout needed).

use std::fmt;
use std::path::Path;
use std::process::Command;

use crate::diagnostic::Diagnostics;
use crate::load;
use crate::model::Catalog;

/// Why a side could not be read.
#[derive(Debug)]
pub enum SideError {
    /// git failed (unknown revision, path not in it, not a repository).
    Git(String),
    /// The catalog at that side does not validate.
    Invalid(Diagnostics),
}

impl fmt::Display for SideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SideError::Git(message) => write!(f, "error: {message}"),
            SideError::Invalid(diagnostics) => write!(f, "{diagnostics}"),
        }
    }
}

impl std::error::Error for SideError {}

fn git(args: &[&str]) -> Result<Vec<u8>, SideError> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| SideError::Git(format!("cannot run git: {e}")))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(SideError::Git(format!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        )))
    }
}

/// Splits `rev:path` when `spec` is not an existing path.
fn git_spec(spec: &str) -> Option<(&str, &str)> {
    if Path::new(spec).exists() {
        return None;
    }
    spec.split_once(':').filter(|(rev, _)| !rev.is_empty())
}

/// Loads and validates one side.
pub fn load_side(spec: &str) -> Result<Catalog, SideError> {
    let Some((rev, path)) = git_spec(spec) else {
        return crate::Builder::new()
            .catalog(spec)
            .load()
            .map_err(SideError::Invalid);
    };
    let path = path.trim_end_matches('/');
    let object = format!("{rev}:{path}");
    let kind = git(&["cat-file", "-t", &object])?;
    let files: Vec<String> = if String::from_utf8_lossy(&kind).trim() == "tree" {
        let listing = git(&["ls-tree", "--name-only", &object])?;
        let mut names: Vec<String> = String::from_utf8_lossy(&listing)
            .lines()
            .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
            .map(|name| format!("{path}/{name}"))
            .collect();
        names.sort();
        names
    } else {
        vec![path.to_owned()]
    };
    let mut loaded = Vec::new();
    for file in files {
        let bytes = git(&["show", &format!("{rev}:{file}")])?;
        loaded.push(load::load_bytes(&format!("{rev}:{file}"), &bytes));
    }
    crate::validate::validate(loaded).map_err(SideError::Invalid)
}
