//! `errcat import openapi` on real public OpenAPI documents that ship in a package
//! registry: GitHub's REST API description (npm `@octokit/openapi`) and ShipEngine's
//! (npm `shipengine-openapi`). `.ci/run` fetches them with `npm pack` into the folder
//! named by `ERRCAT_OPENAPI_CORPUS` and runs these tests (`--ignored`); they are not in
//! the repository.

#![cfg(feature = "cli")]

use std::path::PathBuf;

use errcat_codegen::model::document::{FieldRole, IdentifiedBy};
use errcat_codegen::model::Api;

fn import(file: &str, id: &str) -> Api {
    let folder = std::env::var_os("ERRCAT_OPENAPI_CORPUS")
        .map(PathBuf::from)
        .expect("ERRCAT_OPENAPI_CORPUS names the folder .ci/run fills with npm pack");
    let path = folder.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let imported = errcat_codegen::import::openapi::openapi(&text, file, Some(id))
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    let loaded = errcat_codegen::load::load_str(&format!("{id}.yaml"), &imported.yaml);
    let catalog = errcat_codegen::validate::validate(vec![loaded])
        .unwrap_or_else(|d| panic!("{file}: the scaffold does not validate:\n{d}"));
    catalog.apis.into_iter().next().unwrap()
}

fn field<'a>(api: &'a Api, path: &str) -> &'a errcat_codegen::model::document::FieldDoc {
    api.doc
        .envelope
        .fields
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no field {path}"))
}

fn status_of(api: &Api, wire: &str) -> u16 {
    api.errors
        .iter()
        .find(|e| e.wire == wire)
        .unwrap_or_else(|| panic!("no code {wire:?}"))
        .status
}

/// GitHub's basic-error: no code field, so errors are told apart by message, and the
/// messages come from the document's own examples, each at its response's status.
#[test]
#[ignore = "needs @octokit/openapi from npm; .ci/run fetches it"]
fn github_rest_api_description() {
    let api = import("api.github.com.json", "github");
    assert_eq!(api.doc.api.identified_by, IdentifiedBy::Message);
    assert_eq!(field(&api, "message").role, Some(FieldRole::Message));
    assert_eq!(
        field(&api, "documentation_url").role,
        Some(FieldRole::DocUrl)
    );
    assert_eq!(status_of(&api, "Not Found"), 404);
    assert_eq!(status_of(&api, "Validation Failed"), 422);
    let statuses: Vec<u16> = api.doc.statuses.iter().map(|s| s.status).collect();
    for status in [401, 403, 404, 422, 503] {
        assert!(statuses.contains(&status), "{status} in {statuses:?}");
    }
    assert!(api.doc.examples.len() >= 10, "{}", api.doc.examples.len());
    // Every imported code is marked as an inference of the import.
    assert!(api
        .errors
        .iter()
        .all(|e| e.doc.inferred.description.is_some()));
}

/// ShipEngine's error body is a list; its `error_code` enum names the codes.
#[test]
#[ignore = "needs shipengine-openapi from npm; .ci/run fetches it"]
fn shipengine_openapi_definitions() {
    let api = import("shipengine.json", "shipengine");
    assert_eq!(api.doc.api.identified_by, IdentifiedBy::Code);
    let code = field(&api, "errors[].error_code");
    assert_eq!(code.role, Some(FieldRole::Code));
    assert!(code.inferred.other.is_some(), "the role is a guess, marked");
    assert_eq!(
        field(&api, "errors[].message").role,
        Some(FieldRole::Message)
    );
    let request_id = field(&api, "request_id");
    assert_eq!(request_id.role, Some(FieldRole::RequestId));
    assert!(request_id.required);
    for wire in [
        "insufficient_funds",
        "carrier_not_connected",
        "field_value_required",
    ] {
        assert_eq!(status_of(&api, wire), 400, "{wire}");
    }
    assert!(api.errors.len() >= 30, "{}", api.errors.len());
}
