//! errcat-codegen: turns error catalogs (`catalog/<api>.yaml`) into typed Rust and other
//! artifacts. One pipeline serves `build.rs`, the `errcat` CLI and the tests: load (YAML
//! with positions, every structural problem reported with file:line:column), validate
//! (every rule checked, giving a [`Catalog`] whose invariants hold), emit (one module per
//! [`Artifact`]) and write (the `@generated` header, atomic writes, the drift check).
//!
//! The public API is the [`Builder`] and what it hands back. In a build script:
//!
//! ```no_run
//! errcat_codegen::Builder::new()
//!     .catalog("catalog")
//!     .build()
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//!
//! which writes `<api>.rs` for every catalog into `OUT_DIR`, for `include!`.

// The facade: what a build script (or any program) needs. Everything below it is the
// engine, `#[doc(hidden)]` and not a stable API: errcat's own CLI, benchmarks and tests
// reach into it, and it may change in any release. `tests/public_api.rs` fails when the
// facade grows without its checked-in list being updated.
pub use diagnostic::{Diagnostic, Diagnostics, Related};
pub use emit::rust::lookup::LookupStrategy;
pub use emit::Artifact;
pub use load::positions::Position;
pub use model::Catalog;
pub use write::WriteError;

#[doc(hidden)]
pub mod diagnostic;
#[doc(hidden)]
#[cfg(feature = "cli")]
pub mod diff;
#[doc(hidden)]
pub mod emit;
#[doc(hidden)]
#[cfg(feature = "cli")]
pub mod explain;
#[doc(hidden)]
#[cfg(feature = "cli")]
pub mod import;
#[doc(hidden)]
pub mod load;
#[doc(hidden)]
pub mod model;
#[doc(hidden)]
#[cfg(feature = "cli")]
pub mod scaffold;
mod sink;
#[doc(hidden)]
#[cfg(feature = "synthetic")]
pub mod synthetic;
#[doc(hidden)]
pub mod text;
#[doc(hidden)]
pub mod validate;
#[doc(hidden)]
pub mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// Generated files: path relative to the output directory -> contents.
pub type Generated = BTreeMap<String, String>;

/// Configures and runs the generator, in the spirit of `prost_build::Config`.
#[derive(Debug, Clone)]
pub struct Builder {
    catalogs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    only: Option<BTreeSet<String>>,
    artifacts: BTreeSet<Artifact>,
    rerun_if_changed: bool,
    regenerate_command: String,
    rust: emit::rust::RustOptions,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

/// Why a build failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The catalog has problems.
    Catalog(Diagnostics),
    /// Writing the output failed.
    Io(WriteError),
    /// No output directory was set and `OUT_DIR` is not set.
    NoOutDir,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Catalog(diagnostics) => write!(f, "{diagnostics}"),
            Error::Io(error) => write!(f, "{error}"),
            Error::NoOutDir => write!(
                f,
                "no output directory: call Builder::out_dir, or run from a build script (OUT_DIR)"
            ),
        }
    }
}

impl std::error::Error for Error {}

impl Builder {
    /// A builder with no catalogs, Rust output only, `cargo:rerun-if-changed` on.
    pub fn new() -> Self {
        Builder {
            catalogs: Vec::new(),
            out_dir: None,
            only: None,
            artifacts: BTreeSet::from([Artifact::Rust]),
            rerun_if_changed: true,
            regenerate_command: "cargo build".to_owned(),
            rust: emit::rust::RustOptions::default(),
        }
    }

    /// Adds a catalog file, or a folder whose `*.yaml` files are all catalogs.
    pub fn catalog(mut self, path: impl AsRef<Path>) -> Self {
        self.catalogs.push(path.as_ref().to_path_buf());
        self
    }

    /// Where [`Builder::build`] writes (default: `OUT_DIR`).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Generates only these API ids (all are still loaded and validated).
    pub fn only<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.only = Some(ids.into_iter().map(Into::into).collect());
        self
    }

    /// Which artifacts to generate (default: [`Artifact::Rust`] alone; each other artifact
    /// exists with the cargo feature of its name, e.g. `docs`).
    pub fn artifacts(mut self, artifacts: impl IntoIterator<Item = Artifact>) -> Self {
        self.artifacts = artifacts.into_iter().collect();
        self
    }

    /// Whether [`Builder::build`] prints `cargo:rerun-if-changed` lines (default: on).
    pub fn emit_rerun_if_changed(mut self, on: bool) -> Self {
        self.rerun_if_changed = on;
        self
    }

    /// How generated `from_wire` finds a code, whatever the catalog's size (default:
    /// chosen by size; `BENCHMARKS.md` has the measurements behind the choice).
    pub fn lookup_strategy(mut self, strategy: LookupStrategy) -> Self {
        self.rust.lookup = Some(strategy);
        self
    }

    /// The command named in the `@generated` header as the way to regenerate.
    pub fn regenerate_command(mut self, command: impl Into<String>) -> Self {
        self.regenerate_command = command.into();
        self
    }

    /// The catalog files, expanded from folders and sorted, as `(path, display path)`.
    pub fn catalog_files(&self) -> Vec<(PathBuf, String)> {
        let mut files = Vec::new();
        for path in &self.catalogs {
            if path.is_dir() {
                let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|entry| entry.path())
                    .filter(|p| is_catalog_file(p))
                    .collect();
                found.sort();
                files.extend(found);
            } else {
                files.push(path.clone());
            }
        }
        files.sort();
        files.dedup();
        files
            .into_iter()
            .map(|p| {
                let display = display_path(&p);
                (p, display)
            })
            .collect()
    }

    /// Loads and validates every catalog.
    pub fn load(&self) -> Result<Catalog, Diagnostics> {
        let mut loaded = Vec::new();
        for path in &self.catalogs {
            if !path.exists() {
                let display = display_path(path);
                let source = diagnostic::SourceFile::new(display, String::new());
                let diagnostic = source.at_position(
                    "missing-catalog",
                    diagnostic::PATH_ITSELF,
                    1,
                    "the catalog path does not exist",
                    "pass an existing file or folder (the default is `catalog/`)",
                );
                return Err(Diagnostics(vec![diagnostic]));
            }
        }
        let files = self.catalog_files();
        if files.is_empty() {
            let named = self
                .catalogs
                .first()
                .map_or_else(|| "catalog".to_owned(), |p| display_path(p));
            let source = diagnostic::SourceFile::new(named, String::new());
            let diagnostic = source.at_position(
                "empty-catalog",
                diagnostic::PATH_ITSELF,
                1,
                "no catalog files (`*.yaml`) were found here",
                "add a `<api>.yaml` file (`errcat new <api-id>` starts one), or pass the right path",
            );
            return Err(Diagnostics(vec![diagnostic]));
        }
        let mut refused = Vec::new();
        for (path, display) in files {
            match sink::file_name_problem(&path) {
                None => loaded.push(load::load_file(&path, &display)),
                Some(problem) => {
                    let source =
                        diagnostic::SourceFile::new(sink::line_comment(&display), String::new());
                    refused.push(source.at_position(
                        "unsafe-file-name",
                        diagnostic::PATH_ITSELF,
                        1,
                        problem,
                        "rename the file: its name reaches generated headers and cargo directives, so it must be UTF-8 without control characters",
                    ));
                }
            }
        }
        if !refused.is_empty() {
            // The other files are still checked, so every problem is reported at once.
            let mut diagnostics = match validate::validate(loaded) {
                Ok(_) => Vec::new(),
                Err(Diagnostics(d)) => d,
            };
            refused.append(&mut diagnostics);
            return Err(Diagnostics(refused));
        }
        validate::validate(loaded)
    }

    /// Loads, validates and emits: every output file in memory, nothing written.
    pub fn generate(&self) -> Result<Generated, Diagnostics> {
        let catalog = self.load()?;
        Ok(self.emit(&catalog))
    }

    /// Emits the configured artifacts for a validated catalog.
    pub fn emit(&self, catalog: &Catalog) -> Generated {
        let wanted = |api: &model::Api| {
            self.only
                .as_ref()
                .is_none_or(|only| only.contains(api.id()))
        };
        let scope = emit::Scope {
            header: write::Header {
                command: &self.regenerate_command,
            },
            wanted: &wanted,
            rust: self.rust,
        };
        self.artifacts
            .iter()
            .flat_map(|artifact| artifact.emit(catalog, &scope))
            .collect()
    }

    /// For build scripts: prints `cargo:rerun-if-changed` for every catalog file and
    /// folder, generates, and writes into the output directory.
    pub fn build(&self) -> Result<(), Error> {
        if self.rerun_if_changed {
            // Printed first, so that fixing a broken catalog reruns the build script.
            for line in self.rerun_directives() {
                println!("{line}");
            }
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        let generated = self.generate().map_err(Error::Catalog)?;
        write::write_all(&out_dir, &generated, write::Overwrite::Always).map_err(Error::Io)?;
        Ok(())
    }
}

impl Builder {
    /// One `cargo:rerun-if-changed` line per catalog path and file. A path cargo cannot
    /// carry is left out; loading refuses it with a diagnostic.
    fn rerun_directives(&self) -> Vec<String> {
        let catalog_files = self.catalog_files();
        self.catalogs
            .iter()
            .chain(catalog_files.iter().map(|(path, _)| path))
            .filter_map(|path| sink::cargo_directive_path(path))
            .map(|path| format!("cargo:rerun-if-changed={path}"))
            .collect()
    }
}

fn is_catalog_file(path: &Path) -> bool {
    path.is_file()
        && matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        )
}

/// A path as headers and diagnostics show it: `/` separators, no leading `./`.
fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A catalog file whose name carries a line break adds no directive of its own: every
    /// line is exactly one `rerun-if-changed` of a path without a line break.
    #[test]
    fn file_names_cannot_add_cargo_directives() {
        let dir = tempfile::tempdir().expect("a scratch folder");
        for name in [
            "acme.yaml",
            "x\ncargo:rustc-env=INJECTED=1\n.yaml",
            "y\rcargo:rustc-link-arg=-evil.yaml",
        ] {
            std::fs::write(dir.path().join(name), "api: {}\n").expect("a catalog file");
        }
        let lines = Builder::new().catalog(dir.path()).rerun_directives();
        assert_eq!(lines.len(), 2, "the folder and acme.yaml: {lines:?}");
        for line in &lines {
            assert!(line.starts_with("cargo:rerun-if-changed="), "{line}");
            assert!(!line.contains(['\n', '\r']), "{line:?}");
            assert!(
                !line.contains("INJECTED") && !line.contains("evil"),
                "{line}"
            );
        }
    }
}
