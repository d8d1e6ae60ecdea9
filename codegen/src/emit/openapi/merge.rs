//! Merge: an API's error responses added to an existing OpenAPI document (JSON). The
//! catalog's components go in under names prefixed with the API (`KallglotErrorEnvelope`,
//! `KallglotError429`, `Kallglot.Retry-After`), and every operation gets a `$ref` for
//! each error status it does not already answer. Nothing is re-serialized: the merge
//! inserts text, so every byte of the document it does not add stays as it was.

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::spans::{objects, pointer_token, ObjectSpan};
use super::{components, Components};
use crate::model::Api;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The merged document, and what was added where.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The document with the additions.
    pub text: String,
    /// Each addition: the byte offset in the original text, and the text inserted there.
    pub insertions: Vec<(usize, String)>,
    /// Components added (schemas, headers, responses).
    pub components: usize,
    /// Operation responses added.
    pub responses: usize,
}

/// Why a document cannot take the merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeError(pub String);

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MergeError {}

/// Adds `api`'s error responses to `document`.
pub fn merge(document: &str, api: &Api) -> Result<Merged, MergeError> {
    let value: Value = serde_json::from_str(document).map_err(|e| {
        MergeError(format!(
            "the document is not JSON ({e}); merge edits JSON documents in place (convert a YAML one first)"
        ))
    })?;
    let spans = objects(document)
        .ok_or_else(|| MergeError("the document is not a single JSON object".to_owned()))?;
    if !value
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with('3'))
    {
        return Err(MergeError(
            "the document is not OpenAPI 3 (no `openapi: 3.x`)".to_owned(),
        ));
    }
    let prefix = api.id().to_upper_camel_case();
    let Components {
        schemas,
        headers,
        responses,
    } = components(api);
    let schema_name = |name: &str| format!("{prefix}{name}");
    let header_name = |name: &str| format!("{prefix}.{name}");
    let response_name = |status: u16| format!("{prefix}Error{status}");
    // The responses refer to the renamed components.
    let rename = |value: &Value| -> Value {
        let mut text = serde_json::to_string(value).expect("JSON values serialize");
        for name in schemas.keys() {
            text = text.replace(
                &format!("\"#/components/schemas/{name}\""),
                &format!("\"#/components/schemas/{}\"", schema_name(name)),
            );
        }
        for name in headers.keys() {
            text = text.replace(
                &format!("\"#/components/headers/{name}\""),
                &format!("\"#/components/headers/{}\"", header_name(name)),
            );
        }
        serde_json::from_str(&text).expect("renaming keeps the JSON valid")
    };
    let mut additions: Vec<(&str, Vec<(String, Value)>)> = vec![
        (
            "schemas",
            schemas
                .iter()
                .map(|(k, v)| (schema_name(k), v.clone()))
                .collect(),
        ),
        (
            "headers",
            headers
                .iter()
                .map(|(k, v)| (header_name(k), v.clone()))
                .collect(),
        ),
        (
            "responses",
            responses
                .iter()
                .map(|(status, v)| (response_name(*status), rename(v)))
                .collect(),
        ),
    ];
    additions.retain(|(_, members)| !members.is_empty());
    let mut clashes = Vec::new();
    for (section, members) in &additions {
        for (name, _) in members {
            let pointer = format!("/components/{section}/{}", pointer_token(name));
            if value.pointer(&pointer).is_some() {
                clashes.push(format!("components.{section}.{name}"));
            }
        }
    }
    if !clashes.is_empty() {
        return Err(MergeError(format!(
            "the document already has {} (merged before, or a name in use): remove them to merge again",
            clashes.join(", ")
        )));
    }
    let component_count = additions.iter().map(|(_, m)| m.len()).sum();
    let mut insertions = Vec::new();
    // Components: into the sections that exist, else as new sections, else as a new
    // `components` object.
    match spans.get("/components") {
        Some(components_span) => {
            let mut new_sections = Vec::new();
            for (section, members) in additions {
                match spans.get(&format!("/components/{section}")) {
                    Some(span) => insertions.push(insert(document, span, &members)),
                    None => new_sections.push((section.to_owned(), object_of(members))),
                }
            }
            if !new_sections.is_empty() {
                insertions.push(insert(document, components_span, &new_sections));
            }
        }
        None => {
            let sections: Vec<(String, Value)> = additions
                .into_iter()
                .map(|(section, members)| (section.to_owned(), object_of(members)))
                .collect();
            let root = spans.get("").expect("the root is an object");
            insertions.push(insert(
                document,
                root,
                &[("components".to_owned(), object_of(sections))],
            ));
        }
    }
    // Operations: a `$ref` for each error status an operation does not answer yet.
    let mut added = 0;
    let statuses: Vec<u16> = responses.keys().copied().filter(|s| *s >= 400).collect();
    for (path, item) in value
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for method in METHODS {
            let Some(answered) = item
                .get(method)
                .and_then(|o| o.get("responses"))
                .and_then(Value::as_object)
            else {
                continue;
            };
            let pointer = format!("/paths/{}/{method}/responses", pointer_token(path));
            let Some(span) = spans.get(&pointer) else {
                continue;
            };
            let members: Vec<(String, Value)> = statuses
                .iter()
                .filter(|status| !answered.contains_key(&status.to_string()))
                .map(|status| {
                    let reference = format!("#/components/responses/{}", response_name(*status));
                    (status.to_string(), serde_json::json!({ "$ref": reference }))
                })
                .collect();
            if !members.is_empty() {
                added += members.len();
                insertions.push(insert(document, span, &members));
            }
        }
    }
    insertions.sort_by_key(|(at, _)| *at);
    let mut text = String::with_capacity(
        document.len() + insertions.iter().map(|(_, t)| t.len()).sum::<usize>(),
    );
    let mut from = 0;
    for (at, inserted) in &insertions {
        text.push_str(&document[from..*at]);
        text.push_str(inserted);
        from = *at;
    }
    text.push_str(&document[from..]);
    serde_json::from_str::<Value>(&text).map_err(|e| {
        MergeError(format!(
            "the merge made invalid JSON ({e}): a bug in errcat"
        ))
    })?;
    Ok(Merged {
        text,
        insertions,
        components: component_count,
        responses: added,
    })
}

fn object_of(members: Vec<(String, Value)>) -> Value {
    Value::Object(members.into_iter().collect())
}

/// The text that adds `members` to the object at `span`: after its last member (with a
/// comma), or inside its braces when it is empty, each on its own line at the object's
/// indentation.
fn insert(document: &str, span: &ObjectSpan, members: &[(String, Value)]) -> (usize, String) {
    let pad = " ".repeat(span.indent);
    let rendered: Vec<String> = members
        .iter()
        .map(|(key, value)| {
            let value = serde_json::to_string_pretty(value).expect("JSON values serialize");
            let value = value.replace('\n', &format!("\n{pad}"));
            format!(
                "\n{pad}{}: {value}",
                serde_json::to_string(key).expect("a string")
            )
        })
        .collect();
    if span.empty {
        let closing_pad = " ".repeat(span.indent.saturating_sub(2));
        (span.close, format!("{}\n{closing_pad}", rendered.join(",")))
    } else {
        // Right after the last member's value, before the space that precedes `}`.
        let before = document[..span.close].trim_end();
        (before.len(), format!(",{}", rendered.join(",")))
    }
}
