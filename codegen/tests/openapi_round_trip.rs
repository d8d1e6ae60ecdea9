//! catalog -> OpenAPI export -> import keeps every code (with its statuses), every status
//! and every envelope field (path, type, presence, role) of the bundled catalogs, and
//! the imported catalog validates as written.

#![cfg(feature = "cli")]

use std::collections::{BTreeMap, BTreeSet};

use errcat_codegen::model::Api;
use errcat_codegen::{Artifact, Builder};

const CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog");

fn codes(api: &Api) -> BTreeMap<String, BTreeSet<u16>> {
    api.errors
        .iter()
        .map(|e| (e.wire.clone(), e.statuses().collect()))
        .collect()
}

fn fields(api: &Api) -> Vec<(String, String, bool, bool, Option<String>)> {
    let mut fields: Vec<_> = api
        .doc
        .envelope
        .fields
        .iter()
        .map(|f| {
            (
                f.path.clone(),
                f.ty.as_str().to_owned(),
                f.required,
                f.nullable,
                f.role.map(|r| r.as_str().to_owned()),
            )
        })
        .collect();
    fields.sort();
    fields
}

fn error_statuses(api: &Api) -> BTreeSet<u16> {
    api.errors.iter().flat_map(|e| e.statuses()).collect()
}

#[test]
fn bundled_catalogs_survive_export_and_import() {
    let catalog = Builder::new()
        .catalog(CATALOG)
        .load()
        .expect("the bundled catalog validates");
    let files = Builder::new()
        .catalog(CATALOG)
        .artifacts([Artifact::OpenApi])
        .generate()
        .expect("exports");
    assert_eq!(files.len(), catalog.apis.len());
    for api in &catalog.apis {
        let name = format!("openapi/{}.json", api.id());
        let document = &files[&name];
        let imported = errcat_codegen::import::openapi::openapi(document, &name, None)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let loaded = errcat_codegen::load::load_str("imported.yaml", &imported.yaml);
        let back = errcat_codegen::validate::validate(vec![loaded]).unwrap_or_else(|d| {
            panic!(
                "{name}: the import does not validate:\n{d}\n{}",
                imported.yaml
            )
        });
        let back = &back.apis[0];
        assert_eq!(back.id(), api.id());
        assert_eq!(
            back.doc.api.identified_by, api.doc.api.identified_by,
            "{name}"
        );
        assert_eq!(codes(back), codes(api), "{name}: codes and their statuses");
        assert_eq!(fields(back), fields(api), "{name}: envelope fields");
        let statuses: BTreeSet<u16> = back.doc.statuses.iter().map(|s| s.status).collect();
        let wanted: BTreeSet<u16> = api
            .doc
            .statuses
            .iter()
            .map(|s| s.status)
            .filter(|s| *s >= 400)
            .chain(error_statuses(api))
            .collect();
        assert!(
            statuses.is_superset(&wanted),
            "{name}: {statuses:?} lacks some of {wanted:?}"
        );
        // The rule of every code survives too (it is carried in x-errcat-codes).
        for (error, again) in api.errors.iter().zip(&back.errors) {
            let _ = again;
            let again = back.errors.iter().find(|e| e.wire == error.wire).unwrap();
            assert_eq!(again.retry.rule, error.retry.rule, "{name}: {}", error.id());
            assert_eq!(again.category, error.category, "{name}: {}", error.id());
        }
    }
}
