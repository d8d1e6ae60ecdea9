//! `errcat merge openapi`: a catalog's error responses added to an existing document,
//! every other byte kept, every operation answering each error status by `$ref`, the
//! document's own answers left alone.

#![cfg(feature = "cli")]

use errcat_codegen::emit::openapi::merge::merge;
use errcat_codegen::Builder;
use serde_json::Value;

const CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog");
const PETS: &str = include_str!("openapi/pets.json");

fn kallglot() -> errcat_codegen::model::Api {
    let catalog = Builder::new().catalog(CATALOG).load().unwrap();
    catalog
        .apis
        .into_iter()
        .find(|a| a.id() == "kallglot")
        .unwrap()
}

fn resolve<'v>(document: &'v Value, reference: &str) -> &'v Value {
    document
        .pointer(reference.trim_start_matches('#'))
        .unwrap_or_else(|| panic!("{reference} does not resolve"))
}

#[test]
fn merged_document_keeps_every_byte_and_answers_every_error_status() {
    let api = kallglot();
    let merged = merge(PETS, &api).unwrap();
    // Removing what was inserted gives the original back, byte for byte.
    let mut original = String::new();
    let mut from = 0;
    let mut at_merged = 0;
    for (at, inserted) in &merged.insertions {
        original.push_str(&PETS[from..*at]);
        at_merged += at - from + inserted.len();
        from = *at;
    }
    original.push_str(&PETS[from..]);
    assert_eq!(original, PETS);
    assert_eq!(at_merged + PETS.len() - from, merged.text.len());

    let document: Value = serde_json::from_str(&merged.text).unwrap();
    assert!(document.pointer("/components/schemas/Pet").is_some());
    // Every status an error is sent with and every 4xx/5xx row of the status table.
    let statuses: std::collections::BTreeSet<u16> = api
        .errors
        .iter()
        .flat_map(|e| e.statuses())
        .chain(api.doc.statuses.iter().map(|row| row.status))
        .filter(|s| *s >= 400)
        .collect();
    for (path, method) in [
        ("/pets", "get"),
        ("/pets", "post"),
        ("/pets/{petId}", "get"),
    ] {
        let responses = &document["paths"][path][method]["responses"];
        for status in &statuses {
            let answer = &responses[status.to_string()];
            assert!(answer.is_object(), "{method} {path} answers {status}");
            if let Some(reference) = answer.get("$ref").and_then(Value::as_str) {
                let response = resolve(&document, reference);
                let schema = &response["content"]["application/json"]["schema"]["$ref"];
                assert_eq!(schema, "#/components/schemas/KallglotErrorEnvelope");
                resolve(&document, schema.as_str().unwrap());
                for header in response
                    .get("headers")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    if let Some(reference) = header.1.get("$ref").and_then(Value::as_str) {
                        assert!(
                            reference.starts_with("#/components/headers/Kallglot."),
                            "{reference}"
                        );
                        resolve(&document, reference);
                    }
                }
            }
        }
    }
    // The document's own answers stay its own.
    assert_eq!(
        document["paths"]["/pets"]["post"]["responses"]["429"]["description"],
        "Slow down (the document's own)."
    );
    assert_eq!(
        document["paths"]["/pets/{petId}"]["get"]["responses"]["404"]["description"],
        "No such pet."
    );
    assert_eq!(merged.responses, 3 * statuses.len() - 2);
}

#[test]
fn merging_twice_or_into_something_else_is_refused() {
    let api = kallglot();
    let once = merge(PETS, &api).unwrap();
    let twice = merge(&once.text, &api).unwrap_err();
    assert!(
        twice.0.contains("components.schemas.KallglotErrorEnvelope"),
        "{twice}"
    );
    assert!(merge("openapi: 3.1.0\n", &api)
        .unwrap_err()
        .0
        .contains("not JSON"));
    assert!(merge(r#"{"swagger": "2.0"}"#, &api)
        .unwrap_err()
        .0
        .contains("not OpenAPI 3"));
    // A document without components gets them.
    let bare = r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#;
    let merged = merge(bare, &api).unwrap();
    let document: Value = serde_json::from_str(&merged.text).unwrap();
    assert!(document
        .pointer("/components/responses/KallglotError429")
        .is_some());
    assert_eq!(merged.responses, 0);
}
