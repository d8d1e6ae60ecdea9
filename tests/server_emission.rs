//! The server side emits what the docs promise: delays rounded up, in the form asked,
//! undocumented codes in the documented envelope, and a signal for parts the envelope
//! has no field for.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use errcat::{
    build_undocumented_response, ApiError, BodyShape, CatalogCode, FieldRole, Idempotency, Jitter,
    ResponseParts, RetryAfterForm, RetryDecision, RetryPolicy,
};

type Kallglot = errcat::kallglot::ErrorCode;

fn header<'r>(headers: &'r [(String, String)], name: &str) -> Option<&'r str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn parts_with_delay(delay: Duration) -> ResponseParts {
    ResponseParts {
        retry_after: Some(delay),
        ..ResponseParts::default()
    }
}

#[test]
fn retry_after_is_rounded_up_never_down() {
    for (delay, expected) in [
        (Duration::from_millis(1500), "2"),
        (Duration::from_millis(400), "1"),
        (Duration::from_secs(3), "3"),
        (Duration::ZERO, "0"),
    ] {
        let response = Kallglot::RateLimitExceeded.response(&parts_with_delay(delay));
        assert_eq!(
            header(&response.headers, "Retry-After"),
            Some(expected),
            "{delay:?}"
        );
    }
}

#[test]
fn retry_after_as_an_http_date_on_request() {
    // Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110's example date).
    let at = UNIX_EPOCH + Duration::from_secs(784_111_777);
    let parts = ResponseParts {
        retry_after: Some(Duration::from_millis(2500)),
        retry_after_form: RetryAfterForm::HttpDate,
        at: Some(at),
        ..ResponseParts::default()
    };
    let response = Kallglot::RateLimitExceeded.response(&parts);
    // 2.5 s rounds up to 3 s.
    assert_eq!(
        header(&response.headers, "Retry-After"),
        Some("Sun, 06 Nov 1994 08:49:40 GMT")
    );
    // A client reading it back at the same instant waits exactly those 3 s.
    let mut headers = response.headers.clone();
    headers.push(("Date".into(), errcat::headers::format_http_date(at)));
    let error =
        ApiError::<Kallglot>::from_response(response.status, headers, response.body.as_bytes());
    let policy = RetryPolicy::new(Idempotency::Idempotent)
        .with_jitter(Jitter::None)
        .with_clock(|| UNIX_EPOCH + Duration::from_secs(784_111_777));
    assert_eq!(
        error.retry_decision(1, &policy),
        RetryDecision::Retry {
            delay: Duration::from_secs(3)
        }
    );
}

#[test]
fn an_undocumented_code_gets_the_documented_envelope() {
    let parts = ResponseParts {
        message: Some("A code newer than the catalog.".into()),
        retry_after: Some(Duration::from_secs(4)),
        ..ResponseParts::default()
    };
    let response = build_undocumented_response::<Kallglot>(429, "brand_new_limit", &parts);
    assert_eq!(response.status, 429);
    let body: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(body["error"]["code"], "brand_new_limit");
    assert_eq!(body["error"]["message"], "A code newer than the catalog.");
    // The status's rule announces the delay, as for a documented 429.
    assert_eq!(header(&response.headers, "Retry-After"), Some("4"));
    let read = ApiError::<Kallglot>::from_response(
        429,
        response.headers.clone(),
        response.body.as_bytes(),
    );
    assert_eq!(read.shape, BodyShape::Documented);
    assert_eq!(read.code_str(), Some("brand_new_limit"));
    assert_eq!(read.known_code(), None);
    // Every required field of the envelope is there.
    for field in Kallglot::SPEC.envelope.fields.iter().filter(|f| f.required) {
        assert!(
            field.field_path().find_in(&body).is_some(),
            "{}",
            field.path
        );
    }
}

#[test]
fn parts_the_envelope_has_no_field_for_are_named() {
    let parts = ResponseParts {
        request_id: Some("req_1".into()),
        param: Some("language".into()),
        ..ResponseParts::default()
    };
    // Kallglot's envelope has a param field and no request id field.
    let response = Kallglot::InvalidLanguageCode.response(&parts);
    assert_eq!(response.unplaced, [FieldRole::RequestId]);
    assert!(!response.body.contains("req_1"));
    assert!(response.body.contains("language"));
    // Nothing given, nothing unplaced.
    assert!(Kallglot::InvalidLanguageCode
        .response(&ResponseParts::default())
        .unplaced
        .is_empty());
    // A delay for a code whose rule announces none has nowhere to go either.
    let never = Kallglot::InvalidLanguageCode.response(&parts_with_delay(Duration::from_secs(1)));
    assert_eq!(never.unplaced, [FieldRole::RetryAfter]);
}

#[test]
fn a_timestamp_defaults_to_the_sending_instant() {
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_776_774_896);
    let parts = ResponseParts {
        at: Some(at),
        ..ResponseParts::default()
    };
    // ZenHire's envelope has a timestamp field.
    let code = errcat::zenhire::ErrorCode::ALL[0];
    let response = code.response(&parts);
    assert!(
        response.body.contains(&errcat::headers::rfc3339(at)),
        "{}",
        response.body
    );
}
