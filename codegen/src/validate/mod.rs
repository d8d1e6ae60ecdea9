//! Stage 2: check a loaded catalog against every rule, and build the [`Catalog`] model.
//!
//! Each rule lives in its own module and only reports; none stops the others, so a bad
//! catalog gets every problem at once. The model is built only when no rule is broken.

mod envelope;
mod examples;
mod header_conditions;
mod identifiers;
mod references;
mod resolve;
mod retry;
mod statuses;
mod urls;
mod wire;

use std::collections::BTreeMap;

use crate::diagnostic::{Anchor, Diagnostic, Diagnostics, SourceFile};
use crate::load::{LoadedFile, RemovedItems};
use crate::model::document::Document;
use crate::model::{Api, Catalog};

/// What every check gets to look at.
pub(crate) struct Ctx<'a> {
    /// The file, for positions.
    pub source: &'a SourceFile,
    /// The document.
    pub doc: &'a Document,
    /// Malformed items were cut out, so a reference to a missing id may be a knock-on
    /// effect rather than a real problem: reference checks stay quiet then.
    pub pruned: bool,
    /// Maps paths of the pruned document back to the file.
    pub removed: &'a RemovedItems,
}

impl Ctx<'_> {
    /// A diagnostic at `path`.
    pub fn at(
        &self,
        rule: &'static str,
        path: &str,
        anchor: Anchor,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        self.source
            .at(rule, &self.removed.original(path), anchor, message, help)
    }

    /// The line of the node at `path` (a path of the pruned document).
    pub fn line_of(&self, path: &str) -> usize {
        self.source
            .index
            .find(&self.removed.original(path))
            .map_or(0, |span| span.value.line)
    }

    /// Whether the entry at `path` lost a malformed key while loading, so that a missing
    /// field may only have been misspelt (already reported).
    pub fn touched(&self, path: &str) -> bool {
        self.removed.touched(&self.removed.original(path))
    }
}

/// Validates loaded files into a catalog, or returns every problem found.
pub fn validate(files: Vec<LoadedFile>) -> Result<Catalog, Diagnostics> {
    let mut diagnostics = Vec::new();
    let mut apis = Vec::new();
    if files.is_empty() {
        diagnostics.push(Diagnostic {
            rule: "empty-catalog",
            file: "catalog".to_owned(),
            position: crate::diagnostic::PATH_ITSELF,
            width: 1,
            message: "no catalog files were found".to_owned(),
            help: "add a `<api>.yaml` file (see catalog/README.md), or pass the right path"
                .to_owned(),
            source_line: None,
            related: None,
        });
    }
    for file in files {
        diagnostics.extend(file.diagnostics.iter().cloned());
        let Some(doc) = &file.document else { continue };
        let ctx = Ctx {
            source: &file.source,
            doc,
            pruned: file.pruned,
            removed: &file.removed,
        };
        let before = diagnostics.len();
        identifiers::check(&ctx, &mut diagnostics);
        envelope::check(&ctx, &mut diagnostics);
        statuses::check(&ctx, &mut diagnostics);
        urls::check(&ctx, &mut diagnostics);
        wire::check(&ctx, &mut diagnostics);
        references::check(&ctx, &mut diagnostics);
        let errors = resolve::resolve(&ctx, &mut diagnostics);
        examples::check(&ctx, &errors, &mut diagnostics);
        header_conditions::check(&ctx, &errors, &mut diagnostics);
        retry::check(&ctx, &errors, &mut diagnostics);
        if diagnostics.len() == before && file.diagnostics.is_empty() {
            apis.push((
                file.source.clone(),
                Api {
                    source_path: file.source.display_path.clone(),
                    doc: doc.clone(),
                    errors,
                },
            ));
        }
    }
    check_unique_api_ids(&apis, &mut diagnostics);
    if !diagnostics.is_empty() {
        let mut diagnostics = Diagnostics(diagnostics);
        diagnostics.sort();
        return Err(diagnostics);
    }
    let mut apis: Vec<Api> = apis.into_iter().map(|(_, api)| api).collect();
    apis.sort_by(|a, b| a.id().cmp(b.id()));
    Ok(Catalog { apis })
}

fn check_unique_api_ids(apis: &[(SourceFile, Api)], out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (source, api) in apis {
        if let Some(first) = seen.insert(api.id(), &api.source_path) {
            out.push(source.at(
                "duplicate-api-id",
                "api.id",
                Anchor::Value,
                format!("API id `{}` is already used by {first}", api.id()),
                "give each catalog file its own `api.id`; it names the generated module",
            ));
        }
    }
}
