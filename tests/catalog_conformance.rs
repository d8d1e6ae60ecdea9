//! Every generated API agrees with its catalog: every code round-trips, statuses, types,
//! retry rules and doc URLs match, unknown codes survive, and every example body from the
//! pages deserializes into the envelope, yields the right code and serializes back.

use errcat::{CatalogCode, RetryRule, WireCode};
use errcat_codegen::model::Api;

fn catalog_api(id: &str) -> Api {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/catalog");
    let catalog = errcat_codegen::Builder::new()
        .catalog(dir)
        .load()
        .unwrap_or_else(|d| panic!("the catalog does not validate:\n{d}"));
    catalog
        .apis
        .into_iter()
        .find(|api| api.id() == id)
        .unwrap_or_else(|| panic!("no API `{id}` in the catalog"))
}

fn check_codes<C>(api: &Api)
where
    C: CatalogCode
        + std::str::FromStr
        + serde::Serialize
        + serde::de::DeserializeOwned
        + std::fmt::Display,
{
    assert_eq!(
        C::ALL.len(),
        api.errors.len(),
        "{}: one variant per error",
        api.id()
    );
    assert_eq!(C::API, api.id());
    for (code, error) in C::ALL.iter().copied().zip(&api.errors) {
        let info = code.info();
        assert_eq!(info.id, error.id());
        assert_eq!(code.as_str(), error.wire, "{}", error.id());
        assert_eq!(
            C::from_wire(&error.wire),
            Some(code),
            "{} from_wire",
            error.id()
        );
        assert!(matches!(error.wire.parse::<C>(), Ok(parsed) if parsed == code));
        assert_eq!(code.to_string(), error.wire);
        // `Debug` is hand-written from a name table (not derived); it must still print
        // exactly what a derive would: the variant's name.
        assert_eq!(format!("{code:?}"), error.variant, "{} Debug", error.id());
        assert_eq!(code.http_status(), error.status, "{} status", error.id());
        assert_eq!(info.status_inferred, error.status_inferred.as_deref());
        assert_eq!(info.error_type, error.error_type());
        assert_eq!(code.category(), error.category);
        assert_eq!(
            code.retry().kind(),
            error.retry.rule,
            "{} retry",
            error.id()
        );
        assert_eq!(info.retry_advice, error.retry.advice.as_deref());
        assert_eq!(code.doc_url(), error.doc_url.as_deref());
        assert_eq!(code.description(), error.doc.description);
        if let RetryRule::RetryAfter { delay, .. } | RetryRule::PollAgain { delay, .. } =
            code.retry()
        {
            assert_eq!(delay.header, error.retry.header.as_deref());
            assert_eq!(delay.body_field, error.retry.body_field.as_deref());
        }
        // serde: the wire string, both ways.
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, serde_json::to_string(&error.wire).unwrap());
        assert!(serde_json::from_str::<C>(&json).unwrap() == code);
        let wire: WireCode<C> = WireCode::from_wire(&error.wire);
        assert_eq!(wire.known(), Some(code));
    }
    for unknown in [
        "definitely_not_documented",
        "",
        "Ünïcode message ✓",
        "INVALID_API_KEY ",
    ] {
        if C::from_wire(unknown).is_some() {
            continue;
        }
        let wire: WireCode<C> = WireCode::from_wire(unknown);
        assert_eq!(wire.known(), None);
        assert_eq!(wire.as_str(), unknown, "an unknown code keeps its text");
        let json = serde_json::to_string(&wire).unwrap();
        let back: WireCode<C> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.as_str(), unknown, "an unknown code survives serde");
        assert!(unknown.parse::<C>().is_err());
        assert!(serde_json::from_str::<C>(&json).is_err());
    }
}

macro_rules! api_tests {
    ($api:ident) => {
        mod $api {
            use super::*;
            use errcat::$api::{ErrorCode, ErrorEnvelope};

            #[test]
            fn codes_match_the_catalog() {
                check_codes::<ErrorCode>(&catalog_api(stringify!($api)));
            }

            #[test]
            fn status_table_matches_the_catalog() {
                let api = catalog_api(stringify!($api));
                let rows: Vec<(u16, &str)> = errcat::$api::STATUSES
                    .iter()
                    .map(|s| (s.status, s.name))
                    .collect();
                let expected: Vec<(u16, &str)> = api
                    .doc
                    .statuses
                    .iter()
                    .map(|s| (s.status, s.name.as_str()))
                    .collect();
                assert_eq!(rows, expected);
            }

            #[test]
            fn every_example_body_parses_to_its_code_and_back() {
                let api = catalog_api(stringify!($api));
                for example in &api.doc.examples {
                    let envelope: ErrorEnvelope = serde_json::from_str(&example.body)
                        .unwrap_or_else(|e| {
                            panic!("example `{}` does not deserialize: {e}", example.name)
                        });
                    let code = envelope.wire_code().and_then(|w| w.known());
                    assert_eq!(
                        code.map(|c| c.id()),
                        example.expect.as_deref(),
                        "example `{}` classifies to the wrong code",
                        example.name
                    );
                    if let Some(code) = code {
                        assert_eq!(
                            code.http_status(),
                            example.status,
                            "example `{}` status",
                            example.name
                        );
                    }
                    let original: serde_json::Value = serde_json::from_str(&example.body).unwrap();
                    let round_trip = serde_json::to_value(&envelope).unwrap();
                    assert_eq!(
                        round_trip, original,
                        "example `{}` must serialize back exactly",
                        example.name
                    );
                }
            }
        }
    };
}

api_tests!(agenthuman);
api_tests!(identitycall);
api_tests!(kallglot);
api_tests!(voice_gateway);
api_tests!(zenhire);

#[test]
fn the_readme_example_holds() {
    let code: errcat::kallglot::ErrorCode = "invalid_api_key".parse().unwrap();
    assert_eq!(code.http_status(), 401);
    assert_eq!(
        code.doc_url(),
        Some("https://developer.kallglot.com/errors#invalid_api_key")
    );
    assert_eq!(
        code.error_type(),
        errcat::kallglot::ErrorType::AuthenticationError
    );
    assert_eq!(
        errcat::kallglot::CloseCode::from_u16(4001),
        Some(errcat::kallglot::CloseCode::TokenExpired)
    );
    assert_eq!(
        errcat::kallglot::CloseCode::TokenExpired.action(),
        errcat::CloseAction::ReconnectWithNewToken
    );
}
