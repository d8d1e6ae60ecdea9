//! The generated `acme` module behaves as `catalog/acme.yaml` says.

use errcat::{Backoff, CatalogCode, Category, Context, DelaySource, RetryKind, RetryRule};
use own_catalog::acme::{self, ErrorCode, ErrorEnvelope, ErrorType, WireCode};
use own_catalog::should_retry;

/// Every code: wire string, id, HTTP status, category and retry kind, in catalog order.
const CODES: &[(ErrorCode, &str, u16, Category, RetryKind)] = &[
    (
        ErrorCode::InvalidAmount,
        "invalid_amount",
        400,
        Category::InvalidRequest,
        RetryKind::Never,
    ),
    (
        ErrorCode::InvalidApiKey,
        "invalid_api_key",
        401,
        Category::Authentication,
        RetryKind::Never,
    ),
    (
        ErrorCode::CardDeclined,
        "card_declined",
        402,
        Category::Payment,
        RetryKind::Never,
    ),
    (
        ErrorCode::PaymentNotFound,
        "payment_not_found",
        404,
        Category::NotFound,
        RetryKind::Never,
    ),
    (
        ErrorCode::RateLimited,
        "rate_limited",
        429,
        Category::RateLimited,
        RetryKind::RetryAfter,
    ),
    (
        ErrorCode::ServiceUnavailable,
        "service_unavailable",
        503,
        Category::Unavailable,
        RetryKind::Backoff,
    ),
];

#[test]
fn module_names_the_api() {
    assert_eq!(acme::API_ID, "acme");
    assert_eq!(acme::API_NAME, "Acme Payments");
    assert_eq!(<ErrorCode as CatalogCode>::API, "acme");
}

#[test]
fn every_code_parses_and_round_trips() {
    assert_eq!(ErrorCode::ALL.len(), CODES.len());
    for (&code, &(expected, wire, ..)) in ErrorCode::ALL.iter().zip(CODES) {
        assert_eq!(code, expected, "catalog order");
        assert_eq!(ErrorCode::from_wire(wire), Some(code));
        assert_eq!(wire.parse::<ErrorCode>().unwrap(), code);
        assert_eq!(code.as_str(), wire);
        assert_eq!(code.id(), wire, "no code sets its own `wire`, so wire = id");
        assert_eq!(code.to_string(), wire);
        assert_eq!(code.context(), Context::Http);
        // serde: the wire string, both ways.
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{wire}\""));
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        assert_eq!(WireCode::from_wire(wire).known(), Some(code));
    }
}

#[test]
fn unknown_codes_are_kept_and_round_trip() {
    for text in ["card_expired", "", "INVALID_AMOUNT", "rate_limited "] {
        assert_eq!(ErrorCode::from_wire(text), None, "{text:?}");
        let err = text.parse::<ErrorCode>().unwrap_err();
        assert!(err.to_string().contains("not in the catalog"), "{err}");

        let wire = WireCode::from_wire(text);
        assert_eq!(wire.known(), None);
        assert_eq!(wire.as_str(), text, "an unknown code keeps its text");
        let json = serde_json::to_string(&wire).unwrap();
        let back: WireCode = serde_json::from_str(&json).unwrap();
        assert_eq!(back, wire, "an unknown code survives serde");
        assert_eq!(back.as_str(), text);

        // A strict ErrorCode refuses it; an envelope keeps it.
        assert!(serde_json::from_str::<ErrorCode>(&json).is_err());
        let body =
            format!(r#"{{"error": {{"code": {json}, "type": "api_error", "message": "?"}}}}"#);
        let envelope: ErrorEnvelope = serde_json::from_str(&body).unwrap();
        assert_eq!(envelope.wire_code().unwrap().as_str(), text);
        assert!(!should_retry(&body), "an unknown code is not retried");
    }
}

#[test]
fn statuses_and_categories() {
    for &(code, wire, status, category, _) in CODES {
        assert_eq!(code.http_status(), status, "{wire}");
        assert_eq!(code.category(), category, "{wire}");
        let row = acme::status_info(status).unwrap_or_else(|| panic!("no status row {status}"));
        assert_eq!(row.status, status);
    }
    let table: Vec<u16> = acme::STATUSES.iter().map(|row| row.status).collect();
    assert_eq!(table, [200, 400, 401, 402, 404, 429, 503]);
    assert_eq!(acme::status_info(429).unwrap().name, "Too Many Requests");
    assert_eq!(acme::status_info(500), None);
}

#[test]
fn error_types() {
    assert_eq!(
        ErrorType::ALL,
        &[ErrorType::RequestError, ErrorType::ApiError]
    );
    let request: Vec<_> = ErrorType::RequestError.codes().collect();
    assert_eq!(
        request,
        [
            ErrorCode::InvalidAmount,
            ErrorCode::InvalidApiKey,
            ErrorCode::CardDeclined,
            ErrorCode::PaymentNotFound,
        ]
    );
    let api: Vec<_> = ErrorType::ApiError.codes().collect();
    assert_eq!(api, [ErrorCode::RateLimited, ErrorCode::ServiceUnavailable]);
    assert_eq!(ErrorType::from_wire("api_error"), Some(ErrorType::ApiError));
    assert_eq!(
        ErrorCode::CardDeclined.info().error_type,
        Some("request_error")
    );
    assert_eq!(ErrorType::RequestError.retry(), Some(RetryRule::Never));
    assert_eq!(
        ErrorType::ApiError.retry(),
        None,
        "api_error codes take their status row's rule"
    );
}

#[test]
fn retry_rules() {
    for &(code, wire, _, _, kind) in CODES {
        assert_eq!(code.retry().kind(), kind, "{wire}");
        assert_eq!(
            code.retry().repeats_request(),
            kind != RetryKind::Never,
            "{wire}"
        );
    }
    // From the request_error type.
    assert_eq!(
        ErrorCode::InvalidAmount.retry_advice(),
        Some("Fix the request before sending it again.")
    );
    // From the 429 row: wait for the Retry-After header.
    assert_eq!(
        ErrorCode::RateLimited.retry(),
        RetryRule::RetryAfter {
            delay: DelaySource {
                header: Some("Retry-After"),
                body_field: None
            },
            then: None,
        }
    );
    // From the 503 row: the page's own schedule, errcat's default for the longest delay.
    let RetryRule::Backoff(backoff) = ErrorCode::ServiceUnavailable.retry() else {
        panic!("service_unavailable should back off");
    };
    assert_eq!(
        backoff,
        Backoff {
            initial_ms: Some(500),
            factor: Some(2),
            max_attempts: Some(4),
            max_delay_ms: None
        }
    );
    assert_eq!(
        backoff.or_default().max_delay_ms,
        Backoff::DEFAULT.max_delay_ms
    );
}

#[test]
fn doc_urls_follow_the_pattern() {
    for &(code, wire, ..) in CODES {
        let expected = format!("https://docs.acme.example/errors#{wire}");
        assert_eq!(code.doc_url(), Some(expected.as_str()));
    }
}

#[test]
fn descriptions_and_fixes() {
    assert_eq!(
        ErrorCode::PaymentNotFound.description(),
        "No payment has this id."
    );
    assert_eq!(
        ErrorCode::InvalidAmount.fix(),
        Some("Send the amount in cents, e.g. 1999 for 19.99.")
    );
    assert_eq!(ErrorCode::CardDeclined.fix(), None);
}

/// The catalog's `examples`, read with the same loader the build script uses.
fn catalog_examples() -> Vec<(String, u16, String, Option<String>)> {
    let catalog = errcat_codegen::Builder::new()
        .catalog(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/acme.yaml"))
        .load()
        .unwrap_or_else(|d| panic!("the catalog does not validate:\n{d}"));
    let api = catalog
        .apis
        .into_iter()
        .find(|api| api.id() == "acme")
        .expect("the acme API");
    api.doc
        .examples
        .into_iter()
        .map(|e| (e.name, e.status, e.body, e.expect))
        .collect()
}

#[test]
fn example_bodies_parse_to_their_expected_codes() {
    let examples = catalog_examples();
    let names: Vec<&str> = examples.iter().map(|(name, ..)| name.as_str()).collect();
    assert_eq!(names, ["invalid_amount", "rate_limited"]);
    for (name, status, body, expect) in &examples {
        let envelope: ErrorEnvelope =
            serde_json::from_str(body).unwrap_or_else(|e| panic!("example {name}: {e}"));
        let code = envelope
            .wire_code()
            .and_then(|w| w.known())
            .expect("a documented code");
        assert_eq!(Some(code.id()), expect.as_deref(), "example {name}");
        assert_eq!(code.http_status(), *status, "example {name}");
        assert_eq!(
            ErrorType::from_wire(&envelope.error.r#type),
            Some(code.error_type())
        );
        // Serializing gives the same JSON back.
        let again: serde_json::Value = serde_json::to_value(&envelope).unwrap();
        assert_eq!(
            again,
            serde_json::from_str::<serde_json::Value>(body).unwrap()
        );
    }
    let (.., body, _) = &examples[0];
    let envelope: ErrorEnvelope = serde_json::from_str(body).unwrap();
    assert_eq!(
        envelope.wire_code().unwrap().known(),
        Some(ErrorCode::InvalidAmount)
    );
    assert_eq!(
        envelope.message(),
        Some("amount must be a positive integer")
    );
    assert_eq!(envelope.error.request_id.as_deref(), Some("req_8Hk2Qp"));
    let (.., body, _) = &examples[1];
    let envelope: ErrorEnvelope = serde_json::from_str(body).unwrap();
    assert_eq!(
        envelope.wire_code().unwrap().known(),
        Some(ErrorCode::RateLimited)
    );
    assert_eq!(envelope.error.request_id, None);
}

#[test]
fn should_retry_follows_the_catalog() {
    let rate_limited = r#"{"error": {"code": "rate_limited", "type": "api_error", "message": "Too many requests; retry after 2 seconds."}}"#;
    let bad_amount = r#"{"error": {"code": "invalid_amount", "type": "request_error", "message": "amount must be a positive integer", "request_id": "req_8Hk2Qp"}}"#;
    let unavailable = r#"{"error": {"code": "service_unavailable", "type": "api_error", "message": "try later"}}"#;
    assert!(
        should_retry(rate_limited),
        "429 rate_limited: retry after Retry-After"
    );
    assert!(
        !should_retry(bad_amount),
        "400 invalid_amount: fix the request"
    );
    assert!(should_retry(unavailable), "503: back off and retry");
    assert!(!should_retry("not json"));
    assert!(
        !should_retry(r#"{"error": "rate_limited"}"#),
        "not the Acme envelope"
    );
}
