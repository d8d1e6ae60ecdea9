//! Stage 3: one module per artifact. Each takes the validated [`crate::model::Catalog`]
//! and returns file contents; none touches the file system.
//!
//! [`Artifact`] is the table of everything errcat can write: one row per artifact, in
//! `Artifact::row`. Adding an artifact is one module here, one variant and one row;
//! the builder, `errcat generate`, `errcat export` and the output folder's header check
//! all read the table. Every artifact but Rust is behind a cargo feature of its own
//! (`docs`, `json`, `schema`, `openapi`; the CLI has them all), so a build script that
//! writes the Rust module compiles no other emitter.

#[cfg(feature = "docs")]
pub mod docs;
#[cfg(feature = "json")]
pub mod json;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod rust;
#[cfg(feature = "schema")]
pub mod schema;
pub mod words;

use crate::model::{Api, Catalog};
use crate::write::Header;

/// A kind of output errcat generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Artifact {
    /// One `<api>.rs` module per API, for `include!`.
    Rust,
    /// `docs/<api>.md`: one Markdown error reference per API (feature `docs`).
    #[cfg(feature = "docs")]
    Docs,
    /// `catalog.json`: the normalized export of the whole catalog (feature `json`).
    #[cfg(feature = "json")]
    Json,
    /// `catalog.schema.json`: the JSON Schema of the catalog format (feature `schema`).
    #[cfg(feature = "schema")]
    Schema,
    /// `openapi/<api>.json`: each API's error responses as an OpenAPI 3.1 document
    /// (feature `openapi`).
    #[cfg(feature = "openapi")]
    OpenApi,
}

/// What the builder hands every emitter.
pub(crate) struct Scope<'a> {
    /// The header every file starts with.
    pub header: Header<'a>,
    /// Whether an API's own files are wanted (`Builder::only`).
    pub wanted: &'a dyn Fn(&Api) -> bool,
    /// How the Rust artifact is written.
    pub rust: rust::RustOptions,
}

impl Scope<'_> {
    /// The catalog's APIs whose own files are wanted.
    pub fn apis<'s, 'c: 's>(&'s self, catalog: &'c Catalog) -> impl Iterator<Item = &'c Api> + 's {
        catalog.apis.iter().filter(|api| (self.wanted)(api))
    }
}

/// One row of the artifact table.
pub(crate) struct Row {
    /// The name on the command line (`errcat export --format <name>`).
    pub name: &'static str,
    /// How every file of the artifact begins: what makes a file in the output folder
    /// errcat's own (see [`crate::write::is_generated`]).
    pub header_start: &'static str,
    /// Whether `errcat export` can print it on standard output (one file).
    pub exportable: bool,
    /// The folder its files live in, relative to the output folder (`""` for the top).
    pub folder: &'static str,
    /// Its files: path relative to the output folder, and contents.
    pub emit: fn(&Catalog, &Scope) -> Vec<(String, String)>,
}

impl Artifact {
    /// Every artifact this build has, in the order their files are listed.
    pub const ALL: &'static [Artifact] = &[
        Artifact::Rust,
        #[cfg(feature = "docs")]
        Artifact::Docs,
        #[cfg(feature = "json")]
        Artifact::Json,
        #[cfg(feature = "schema")]
        Artifact::Schema,
        #[cfg(feature = "openapi")]
        Artifact::OpenApi,
    ];

    pub(crate) fn row(self) -> &'static Row {
        match self {
            Artifact::Rust => &rust::ARTIFACT,
            #[cfg(feature = "docs")]
            Artifact::Docs => &docs::ARTIFACT,
            #[cfg(feature = "json")]
            Artifact::Json => &json::ARTIFACT,
            #[cfg(feature = "schema")]
            Artifact::Schema => &schema::ARTIFACT,
            #[cfg(feature = "openapi")]
            Artifact::OpenApi => &openapi::ARTIFACT,
        }
    }

    /// Its name on the command line, e.g. `json`.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The artifact with this command-line name.
    pub fn from_name(name: &str) -> Option<Artifact> {
        Artifact::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// Whether `errcat export` can print it.
    pub fn exportable(self) -> bool {
        self.row().exportable
    }

    /// The folder its files live in, relative to the output folder (`""` for the top).
    pub fn folder(self) -> &'static str {
        self.row().folder
    }

    pub(crate) fn emit(self, catalog: &Catalog, scope: &Scope) -> Vec<(String, String)> {
        (self.row().emit)(catalog, scope)
    }
}

#[cfg(test)]
mod tests {
    use super::Artifact;

    #[test]
    fn names_are_unique_and_round_trip() {
        for &artifact in Artifact::ALL {
            assert_eq!(Artifact::from_name(artifact.name()), Some(artifact));
        }
        assert_eq!(Artifact::from_name("yaml"), None);
    }

    /// Every file an artifact writes starts with that artifact's header, so the output
    /// folder's ownership check recognises every file errcat writes, and nothing else.
    #[test]
    fn every_file_starts_with_its_artifacts_header() {
        let catalog = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog");
        for &artifact in Artifact::ALL {
            let files = crate::Builder::new()
                .catalog(catalog)
                .artifacts([artifact])
                .generate()
                .expect("the bundled catalog validates");
            for (name, text) in &files {
                assert!(
                    text.starts_with(artifact.row().header_start),
                    "{name} does not start with the {} header",
                    artifact.name()
                );
                assert!(crate::write::is_generated(text.as_bytes()), "{name}");
                assert!(name.starts_with(artifact.folder()), "{name}");
            }
        }
    }

    /// The bundled modules read like hand-written code: plain integer literals, short
    /// serde paths, direct field access, and a blank line before every item.
    #[test]
    fn generated_rust_reads_like_hand_written_rust() {
        let catalog = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog");
        let files = crate::Builder::new().catalog(catalog).generate().unwrap();
        for (name, text) in &files {
            for suffix in ["usize", "u16", "u32", "u64"] {
                let suffixed = text.match_indices(suffix).any(|(at, _)| {
                    text[..at].ends_with(|c: char| c.is_ascii_digit())
                        && !text[..at].ends_with(|c: char| c.is_alphabetic())
                });
                assert!(
                    !suffixed,
                    "{name} has an integer literal suffixed `{suffix}`"
                );
            }
            assert!(!text.contains("Some(self)"), "{name}");
            assert!(!text.contains("::errcat::__private::serde::"), "{name}");
            let lines: Vec<&str> = text.lines().collect();
            for pair in lines.windows(2) {
                let (before, line) = (pair[0].trim(), pair[1].trim_start());
                if before == "}" && (line.starts_with("///") || line.starts_with("impl ")) {
                    panic!("{name}: no blank line before `{line}`");
                }
            }
        }
    }
}
