//! Editor support: every catalog file names `generated/catalog.schema.json` on its first
//! line (for the YAML language server), validates against that schema, and a typo fails
//! it, so an editor flags the typo as it is typed.

use std::path::PathBuf;

mod common;
use common::repo;

const SCHEMA_LINE: &str = "# yaml-language-server: $schema=../generated/catalog.schema.json";

fn catalogs() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("catalog"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("generated/catalog.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the generated schema is a valid JSON Schema")
}

/// The YAML text as the JSON value an editor's schema check sees.
fn as_json(yaml: &str) -> serde_json::Value {
    serde_yaml::from_str(yaml).expect("the catalog is YAML")
}

fn errors(validator: &jsonschema::Validator, yaml: &str) -> Vec<String> {
    validator
        .iter_errors(&as_json(yaml))
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

#[test]
fn the_five_catalogs_validate_against_the_schema() {
    let validator = validator();
    let files = catalogs();
    assert_eq!(files.len(), 5, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let problems = errors(&validator, &text);
        assert!(problems.is_empty(), "{}: {problems:#?}", file.display());
    }
}

#[test]
fn every_catalog_file_names_the_schema_on_its_first_line() {
    for file in catalogs() {
        let text = std::fs::read_to_string(&file).unwrap();
        assert_eq!(text.lines().next(), Some(SCHEMA_LINE), "{}", file.display());
        // The path is relative to the file, and points at the committed schema.
        let relative = SCHEMA_LINE.split_once("$schema=").unwrap().1;
        assert!(file.parent().unwrap().join(relative).is_file());
    }
}

#[test]
fn a_typo_fails_schema_validation() {
    let validator = validator();
    let text = std::fs::read_to_string(repo().join("catalog/kallglot.yaml")).unwrap();
    let typo = text.replacen("    status: 500\n", "    stauts: 500\n", 1);
    assert_ne!(typo, text, "the catalog has an error with `status: 500`");
    let problems = errors(&validator, &typo);
    assert!(!problems.is_empty(), "`stauts` must fail");
    assert!(
        problems.iter().any(|p| p.contains("stauts")),
        "{problems:#?}"
    );

    // Other kinds of mistakes an editor should flag too.
    for (from, to) in [
        ("family: nested_object", "family: nested_objects"),
        ("  - code: 4001\n", "  - code: \"4001\"\n"),
        (
            "    action: slow_down\n",
            "    action: slow_down\n    extra: 1\n",
        ),
    ] {
        let broken = text.replacen(from, to, 1);
        assert_ne!(broken, text, "{from:?}");
        assert!(!errors(&validator, &broken).is_empty(), "{to:?} must fail");
    }
}

#[test]
fn a_scaffolded_catalog_validates_against_the_schema() {
    let validator = validator();
    let text = errcat_codegen::scaffold::scaffold("acme_pay").unwrap();
    assert!(text.starts_with(SCHEMA_LINE));
    let problems = errors(&validator, &text);
    assert!(problems.is_empty(), "{problems:#?}");
}
