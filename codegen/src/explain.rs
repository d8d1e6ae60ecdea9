//! `errcat explain`: find one error of the catalog by its id, its wire code or message
//! text, or the example message the page shows for it; case-insensitive, like
//! `rustc --explain` for API errors. The CLI prints what [`lookup`] finds.

use crate::model::{Api, Catalog, Error};
use crate::text::edit_distance;

/// How many suggestions an unknown code gets at most.
const MAX_SUGGESTIONS: usize = 5;

/// What the query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// The error's id (`invalid_api_key`).
    Id,
    /// What the API sends: the code (`INVALID_API_KEY`) or, for message-identified APIs,
    /// the exact message text.
    Wire,
    /// The example message the page shows for the error.
    Message,
}

/// One error the query matched.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// Its API.
    pub api: &'a Api,
    /// The error.
    pub error: &'a Error,
    /// What matched.
    pub matched_by: MatchedBy,
}

/// A known id or wire text close to an unknown query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The id or wire text, as the catalog writes it.
    pub text: String,
    /// Its edit distance from the query (case-insensitive).
    pub distance: usize,
    /// The errors it names, as `(api id, error id)`.
    pub errors: Vec<(String, String)>,
}

/// The outcome of a lookup.
#[derive(Debug)]
pub enum Lookup<'a> {
    /// Exactly one error matched.
    Found(Entry<'a>),
    /// Several errors matched (in several APIs, or several texts of one API), sorted by
    /// API id, then catalog order.
    Ambiguous(Vec<Entry<'a>>),
    /// Nothing matched; the nearest ids and wire texts, nearest first.
    Unknown(Vec<Suggestion>),
    /// `--api` names no API of the catalog; the ids it has.
    UnknownApi(Vec<&'a str>),
}

fn fold(text: &str) -> String {
    text.trim().to_lowercase()
}

/// Finds the errors that `query` names, in every API or only in `api`.
pub fn lookup<'a>(catalog: &'a Catalog, query: &str, api: Option<&str>) -> Lookup<'a> {
    let apis: Vec<&Api> = match api {
        Some(id) => {
            let found: Vec<&Api> = catalog.apis.iter().filter(|a| a.id() == id).collect();
            if found.is_empty() {
                return Lookup::UnknownApi(catalog.apis.iter().map(Api::id).collect());
            }
            found
        }
        None => catalog.apis.iter().collect(),
    };
    let wanted = fold(query);
    let mut matches = Vec::new();
    for api in &apis {
        for error in &api.errors {
            let matched_by = if error.wire == query.trim() {
                MatchedBy::Wire
            } else if fold(error.id()) == wanted {
                MatchedBy::Id
            } else if fold(&error.wire) == wanted {
                MatchedBy::Wire
            } else if error.doc.message.as_deref().map(fold) == Some(wanted.clone()) {
                MatchedBy::Message
            } else {
                continue;
            };
            matches.push(Entry {
                api,
                error,
                matched_by,
            });
        }
    }
    match matches.len() {
        0 => Lookup::Unknown(suggest(&apis, &wanted)),
        1 => Lookup::Found(matches[0]),
        _ => Lookup::Ambiguous(matches),
    }
}

/// The ids and wire texts nearest to `wanted` (already folded), within a distance that
/// grows with its length.
fn suggest(apis: &[&Api], wanted: &str) -> Vec<Suggestion> {
    let limit = (wanted.chars().count() / 3).max(2);
    let mut out: Vec<Suggestion> = Vec::new();
    for api in apis {
        for error in &api.errors {
            let candidates = [error.id(), error.wire.as_str()];
            let Some((distance, text)) = candidates
                .iter()
                .map(|text| (edit_distance(wanted, &fold(text)), *text))
                .min_by_key(|(distance, _)| *distance)
            else {
                continue;
            };
            if distance > limit {
                continue;
            }
            let entry = (api.id().to_owned(), error.id().to_owned());
            match out.iter_mut().find(|s| fold(&s.text) == fold(text)) {
                Some(existing) => {
                    existing.distance = existing.distance.min(distance);
                    existing.errors.push(entry);
                }
                None => out.push(Suggestion {
                    text: text.to_owned(),
                    distance,
                    errors: vec![entry],
                }),
            }
        }
    }
    // Stable: equal distances keep API order, then catalog order.
    out.sort_by_key(|s| s.distance);
    out.truncate(MAX_SUGGESTIONS);
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn catalog() -> Catalog {
        crate::Builder::new()
            .catalog(Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog"))
            .load()
            .expect("the bundled catalog validates")
    }

    fn ids(entries: &[Entry]) -> Vec<(String, String)> {
        entries
            .iter()
            .map(|e| (e.api.id().to_owned(), e.error.id().to_owned()))
            .collect()
    }

    #[test]
    fn a_code_in_several_apis_is_ambiguous() {
        let catalog = catalog();
        let Lookup::Ambiguous(entries) = lookup(&catalog, "invalid_api_key", None) else {
            panic!("several APIs have invalid_api_key");
        };
        let found = ids(&entries);
        for api in ["agenthuman", "kallglot", "zenhire"] {
            assert!(
                found.contains(&(api.to_owned(), "invalid_api_key".to_owned())),
                "{found:?}"
            );
        }
        let mut sorted = found.clone();
        sorted.sort();
        assert_eq!(found, sorted, "sorted by API");
    }

    #[test]
    fn api_narrows_and_case_does_not_matter() {
        let catalog = catalog();
        let Lookup::Found(entry) = lookup(&catalog, "INVALID_LANGUAGE_CODE", Some("zenhire"))
        else {
            panic!("zenhire has INVALID_LANGUAGE_CODE");
        };
        assert_eq!(entry.error.id(), "invalid_language_code");
        assert_eq!(entry.matched_by, MatchedBy::Wire);
        let Lookup::Found(entry) = lookup(&catalog, "invalid_api_key", Some("zenhire")) else {
            panic!("found by id");
        };
        assert_eq!(entry.error.wire, "INVALID_API_KEY");
    }

    #[test]
    fn message_text_finds_an_error() {
        let catalog = catalog();
        let Lookup::Found(entry) = lookup(&catalog, "session is already MUTED", None) else {
            panic!("the voice gateway sends this message");
        };
        assert_eq!(
            (entry.api.id(), entry.error.id()),
            ("voice_gateway", "session_already_muted")
        );
        let Lookup::Found(entry) = lookup(
            &catalog,
            " The API key provided is invalid or has been revoked. ",
            None,
        ) else {
            panic!("kallglot's example message");
        };
        assert_eq!(entry.matched_by, MatchedBy::Message);
        assert_eq!(entry.api.id(), "kallglot");
    }

    #[test]
    fn unknown_codes_get_the_nearest_suggestions() {
        let catalog = catalog();
        let Lookup::Unknown(suggestions) = lookup(&catalog, "invlid_api_key", None) else {
            panic!("no such code");
        };
        assert_eq!(suggestions[0].text, "invalid_api_key");
        assert_eq!(suggestions[0].distance, 1);
        assert!(suggestions[0].errors.len() >= 3, "{suggestions:?}");
        let Lookup::Unknown(none) = lookup(&catalog, "zzzzzzzzzzzzzzzzzzzz", None) else {
            panic!("no such code");
        };
        assert!(none.is_empty());
    }

    #[test]
    fn an_unknown_api_lists_the_known_ones() {
        let catalog = catalog();
        let Lookup::UnknownApi(known) = lookup(&catalog, "x", Some("nope")) else {
            panic!("no such API");
        };
        assert!(known.contains(&"kallglot"));
    }
}
