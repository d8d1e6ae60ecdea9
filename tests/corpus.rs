//! The conformance corpus: catalogs of real public APIs (`tests/corpus/*.yaml`, each
//! transcribed from the API's own error docs, with the docs' example bodies), generated
//! into `tests/corpus/generated/` and compiled here.
//!
//! For every API: every example body of its docs is classified by `from_response` to the
//! error its `expect` names, and read as the documented envelope; every code's server
//! emission parses back to the same code; and the committed generated files are exactly
//! what the catalogs generate.

use errcat::{BodyShape, CatalogCode};
use errcat_codegen::model::Api;

/// Includes each API's generated module and routes its catalog to [`check`].
macro_rules! corpus_apis {
    ($($id:ident),* $(,)?) => {
        $( include!(concat!("corpus/generated/", stringify!($id), ".rs")); )*

        fn check_api(api: &Api) -> Option<Vec<String>> {
            match api.id() {
                $( stringify!($id) => Some({
                    let mut failures = check::<$id::ErrorCode>(api);
                    failures.extend(check_envelope::<$id::ErrorEnvelope>(api));
                    failures
                }), )*
                _ => None,
            }
        }
    };
}

corpus_apis!(
    azure_storage,
    discord,
    google_rpc,
    jsonapi,
    msgraph,
    oauth2,
    paypal,
    salesforce,
    soap12,
    square,
);

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");

fn corpus() -> Vec<Api> {
    errcat_codegen::Builder::new()
        .catalog(CORPUS)
        .load()
        .unwrap_or_else(|d| panic!("the corpus does not validate:\n{d}"))
        .apis
}

/// Every example of `api` through the runtime, and every code through the server side.
fn check<C: CatalogCode>(api: &Api) -> Vec<String> {
    let mut failures = Vec::new();
    for example in &api.doc.examples {
        let headers: Vec<(&str, &str)> = example
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let error =
            errcat::ApiError::<C>::from_response(example.status, headers, example.body.as_bytes());
        let got = error.known_code().map(|c| c.info().id);
        if got != example.expect.as_deref() {
            failures.push(format!(
                "{}: example `{}` classified as {got:?}, expected {:?} ({:?})",
                api.id(),
                example.name,
                example.expect,
                error.code
            ));
        }
        // A body that names a documented error must be read as the envelope; one that
        // names none may be another format the page shows (PayPal's identity errors).
        if example.expect.is_some() && error.shape != BodyShape::Documented {
            failures.push(format!(
                "{}: example `{}` read as {:?}, not the documented envelope",
                api.id(),
                example.name,
                error.shape
            ));
        }
    }
    for code in C::ALL.iter().copied() {
        let response = code.response(&errcat::ResponseParts::default());
        let back = errcat::ApiError::<C>::from_response(
            response.status,
            response.headers.clone(),
            response.body.as_bytes(),
        );
        if back.known_code() != Some(code) {
            failures.push(format!(
                "{}: the emission of `{}` parses back as {:?}: {}",
                api.id(),
                code.info().id,
                back.code,
                response.body
            ));
        }
    }
    failures
}

/// Every example that names an error deserializes into the generated envelope type (an
/// XML body through the tree the runtime reads it into) and serializes back to the same
/// tree, so the structs model real bodies, lists included.
fn check_envelope<E>(api: &Api) -> Vec<String>
where
    E: serde::de::DeserializeOwned + serde::Serialize,
{
    let xml = errcat::is_xml_media_type(&api.doc.envelope.content_type);
    let mut failures = Vec::new();
    for example in api.doc.examples.iter().filter(|e| e.expect.is_some()) {
        let tree = if xml {
            errcat_vocab::xml::read(example.body.as_bytes())
        } else {
            serde_json::from_str(&example.body).ok()
        };
        let Some(tree) = tree else {
            failures.push(format!(
                "{}: example `{}` does not parse",
                api.id(),
                example.name
            ));
            continue;
        };
        match serde_json::from_value::<E>(tree.clone()) {
            Ok(envelope) => {
                let back = serde_json::to_value(&envelope).expect("envelopes serialize");
                if back != tree {
                    failures.push(format!(
                        "{}: example `{}` does not round-trip through ErrorEnvelope: {back}",
                        api.id(),
                        example.name
                    ));
                }
            }
            Err(error) => failures.push(format!(
                "{}: example `{}` does not deserialize into ErrorEnvelope: {error}",
                api.id(),
                example.name
            )),
        }
    }
    failures
}

#[test]
fn every_corpus_example_is_classified_and_every_emission_parses_back() {
    let apis = corpus();
    assert!(!apis.is_empty(), "the corpus is empty");
    let mut failures = Vec::new();
    let mut examples = 0;
    for api in &apis {
        examples += api.doc.examples.len();
        match check_api(api) {
            Some(found) => failures.extend(found),
            None => failures.push(format!("{}: not compiled into this test", api.id())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for api in &apis {
        assert!(
            !api.doc.examples.is_empty(),
            "{}: no example body",
            api.id()
        );
    }
    assert!(examples >= apis.len());
}

#[test]
fn committed_corpus_modules_are_what_the_catalogs_generate() {
    // Relative, as the regeneration command names it: generated headers cite the path.
    // Cargo runs integration tests in the package root.
    let generated = errcat_codegen::Builder::new()
        .catalog("tests/corpus")
        .regenerate_command("cargo run --bin errcat -- generate")
        .generate()
        .unwrap_or_else(|d| panic!("{d}"));
    let committed = std::path::Path::new(CORPUS).join("generated");
    let mut differ = Vec::new();
    for (name, text) in &generated {
        let on_disk = std::fs::read_to_string(committed.join(name)).unwrap_or_default();
        if on_disk != *text {
            differ.push(name.to_owned());
        }
    }
    assert!(
        differ.is_empty(),
        "tests/corpus/generated/ is stale ({}); run `cargo run --bin errcat -- generate --catalog tests/corpus --out tests/corpus/generated`",
        differ.join(", ")
    );
}
