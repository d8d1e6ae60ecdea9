//! Property tests: no status, header or body can make `from_response` panic or lose the
//! status and raw body; `Retry-After` parsing is total and HTTP-dates round-trip.

use std::time::{Duration, UNIX_EPOCH};

use errcat::headers::{format_http_date, parse_http_date, parse_retry_after};
use errcat::{ApiError, BodyShape, CatalogCode, ErrorReport, Idempotency, RetryPolicy};
use proptest::prelude::*;

fn exercise<C: CatalogCode + Send + Sync>(status: u16, headers: &[(String, Vec<u8>)], body: &[u8]) {
    let error = ApiError::<C>::from_response(
        status,
        headers.iter().map(|(k, v)| (k.as_str(), v.as_slice())),
        body,
    );
    assert_eq!(error.status, status);
    match error.shape {
        BodyShape::Documented | BodyShape::Empty => assert!(error.raw_body.is_none()),
        _ => {
            let raw = error
                .raw_body
                .as_ref()
                .expect("an undocumented body is kept");
            assert!(raw.len() <= errcat::MAX_RAW_BYTES + 3 * 1024);
        }
    }
    assert!(error.headers.len() <= errcat::MAX_HEADERS);
    let report: &dyn ErrorReport = &error;
    let _ = (
        report.category(),
        report.retry_rule(),
        report.code(),
        report.doc_url(),
    );
    let policy = RetryPolicy::new(Idempotency::NotIdempotent).with_seed(u64::from(status));
    for attempt in 0..5 {
        let _ = report.decide(attempt, &policy);
    }
}

fn all_apis(status: u16, headers: &[(String, Vec<u8>)], body: &[u8]) {
    exercise::<errcat::agenthuman::ErrorCode>(status, headers, body);
    exercise::<errcat::identitycall::ErrorCode>(status, headers, body);
    exercise::<errcat::kallglot::ErrorCode>(status, headers, body);
    exercise::<errcat::voice_gateway::ErrorCode>(status, headers, body);
    exercise::<errcat::zenhire::ErrorCode>(status, headers, body);
}

/// JSON-ish bodies that reach deeper into the envelope readers than random bytes do.
fn json_body() -> impl Strategy<Value = Vec<u8>> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        "[a-zA-Z_ ]{0,12}".prop_map(serde_json::Value::from),
        prop_oneof![
            Just("invalid_api_key"),
            Just("RATE_LIMIT_EXCEEDED"),
            Just("Rate limit exceeded")
        ]
        .prop_map(serde_json::Value::from),
    ];
    let keys = prop_oneof![
        Just("error".to_owned()),
        Just("code".to_owned()),
        Just("message".to_owned()),
        Just("details".to_owned()),
        Just("retry_after".to_owned()),
        Just("retryAfterSeconds".to_owned()),
        Just("errors".to_owned()),
        Just("success".to_owned()),
        "[a-z]{1,6}",
    ];
    let value = leaf.prop_recursive(4, 32, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map(keys.clone(), inner, 0..5)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    });
    value.prop_map(|v| v.to_string().into_bytes())
}

fn headers() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    let name = prop_oneof![
        Just("Retry-After".to_owned()),
        Just("Date".to_owned()),
        Just("RateLimit".to_owned()),
        Just("RateLimit-Policy".to_owned()),
        Just("RateLimit-Reset".to_owned()),
        Just("X-RateLimit-Reset".to_owned()),
        "[A-Za-z-]{1,20}",
    ];
    let value = prop_oneof![
        "[0-9]{0,25}".prop_map(String::into_bytes),
        "-[0-9]{1,5}".prop_map(String::into_bytes),
        Just(b"Sun, 06 Nov 1994 08:49:37 GMT".to_vec()),
        "\"default\";r=[0-9];t=[0-9]{1,6}".prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..40),
    ];
    prop::collection::vec((name, value), 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(status in any::<u16>(), headers in headers(), body in prop::collection::vec(any::<u8>(), 0..512)) {
        all_apis(status, &headers, &body);
    }

    #[test]
    fn arbitrary_json_never_panics(status in 100u16..600, headers in headers(), body in json_body()) {
        all_apis(status, &headers, &body);
    }

    #[test]
    fn retry_after_parsing_is_total(value in ".{0,64}", now in 0u64..4_000_000_000) {
        let _ = parse_retry_after(&value, UNIX_EPOCH + Duration::from_secs(now));
    }

    #[test]
    fn retry_after_seconds_are_exact(seconds in any::<u64>()) {
        prop_assert_eq!(parse_retry_after(&seconds.to_string(), UNIX_EPOCH), Some(Duration::from_secs(seconds)));
    }

    #[test]
    fn http_dates_round_trip(seconds in 0u64..253_402_300_799) {
        let at = UNIX_EPOCH + Duration::from_secs(seconds);
        prop_assert_eq!(parse_http_date(&format_http_date(at)), Some(at));
        // A Retry-After date is measured from now, and never negative.
        let before = at - Duration::from_secs(seconds.min(30));
        prop_assert_eq!(parse_retry_after(&format_http_date(at), before), Some(Duration::from_secs(seconds.min(30))));
        prop_assert_eq!(parse_retry_after(&format_http_date(before), at), Some(Duration::ZERO));
    }
}

#[test]
fn huge_and_nested_bodies_are_bounded() {
    let headers: Vec<(String, Vec<u8>)> = (0..1000)
        .map(|i| (format!("X-{i}"), vec![b'a'; 100_000]))
        .collect();
    let nested = format!(
        "{{\"error\":{}1{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    all_apis(500, &headers, nested.as_bytes());
    all_apis(500, &[], &vec![b'{'; 10 * 1024 * 1024]);
    let duplicate_keys =
        br#"{"error":{"code":"a","code":"invalid_api_key","message":"m","message":"n"}}"#;
    let error =
        errcat::kallglot::ApiError::from_response(401, Vec::<(&str, &str)>::new(), duplicate_keys);
    assert_eq!(
        error.code_str(),
        Some("invalid_api_key"),
        "the last duplicate wins, as in serde_json"
    );
}

#[test]
fn one_program_handles_every_api_alike() {
    let reports: Vec<Box<dyn ErrorReport>> = vec![
        Box::new(errcat::kallglot::ApiError::from_response(401, Vec::<(&str, &str)>::new(), br#"{"error":{"code":"invalid_api_key","message":"m","type":"authentication_error","param":null,"doc_url":"u"}}"#)),
        Box::new(errcat::agenthuman::ApiError::from_response(401, Vec::<(&str, &str)>::new(), br#"{"error":{"code":"invalid_api_key","message":"m"}}"#)),
        Box::new(errcat::zenhire::ApiError::from_response(401, Vec::<(&str, &str)>::new(), br#"{"error":{"code":"INVALID_API_KEY","message":"m","timestamp":"t"}}"#)),
        Box::new(errcat::identitycall::ApiError::from_response(401, Vec::<(&str, &str)>::new(), br#"{"error":"Invalid or expired API key"}"#)),
        Box::new(errcat::voice_gateway::ApiError::from_response(401, Vec::<(&str, &str)>::new(), br#"{"success":false,"error":"Invalid API key"}"#)),
    ];
    for report in &reports {
        assert_eq!(
            report.category(),
            errcat::Category::Authentication,
            "{}",
            report.api()
        );
        assert!(
            report.code_id().is_some(),
            "{} knows its code",
            report.api()
        );
        assert_eq!(
            report.decide(1, &RetryPolicy::new(Idempotency::Idempotent)),
            errcat::RetryDecision::FixRequest,
            "{}",
            report.api()
        );
    }
}
