//! Client and server side against the catalogs: every page example classifies to the
//! right code, category and retry outcome; every code survives emit -> parse; retry
//! decisions follow each API's documented rule.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use errcat::{
    ApiError, BodyShape, CatalogCode, Category, GiveUp, Idempotency, Jitter, ResponseParts,
    RetryBudget, RetryDecision, RetryKind, RetryPolicy,
};
use errcat_codegen::model::Api;

fn catalog_api(id: &str) -> Api {
    let catalog = errcat_codegen::Builder::new()
        .catalog(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog"))
        .load()
        .unwrap_or_else(|d| panic!("{d}"));
    catalog.apis.into_iter().find(|a| a.id() == id).unwrap()
}

fn fixed_now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

fn exact(idempotency: Idempotency) -> RetryPolicy {
    RetryPolicy::new(idempotency)
        .with_jitter(Jitter::None)
        .with_clock(fixed_now)
}

fn check_examples<C: CatalogCode>(api: &Api) {
    for example in &api.doc.examples {
        let headers: Vec<(&str, &str)> = example
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let error = ApiError::<C>::from_response(example.status, headers, example.body.as_bytes());
        assert_eq!(
            error.shape,
            BodyShape::Documented,
            "{}: {}",
            api.id(),
            example.name
        );
        assert_eq!(
            error.known_code().map(|c| c.info().id),
            example.expect.as_deref(),
            "{}: example `{}`",
            api.id(),
            example.name
        );
        if let Some(code) = error.known_code() {
            assert_eq!(error.category(), code.category());
            assert_eq!(error.retry_rule(), code.retry());
        } else {
            assert_eq!(error.category(), Category::from_status(example.status));
        }
        // Whatever the rule, a decision is always reached.
        let _ = error.retry_decision(1, &exact(Idempotency::Idempotent));
    }
}

fn check_round_trip<C: CatalogCode>() {
    let parts = ResponseParts {
        message: Some("custom message".into()),
        param: Some("field".into()),
        request_id: Some("req_1".into()),
        retry_after: Some(Duration::from_secs(9)),
        timestamp: Some("2026-04-21T12:34:56.789Z".into()),
        ..ResponseParts::default()
    };
    for &code in C::ALL {
        let response = code.response(&parts);
        assert_eq!(response.status, code.http_status());
        assert_eq!(response.headers[0].0, "Content-Type");
        let parsed = ApiError::<C>::from_response(
            response.status,
            response.headers.clone(),
            response.body.as_bytes(),
        );
        assert_eq!(
            parsed.shape,
            BodyShape::Documented,
            "{:?}: {}",
            code,
            response.body
        );
        assert_eq!(
            parsed.known_code(),
            Some(code),
            "{:?} survives emit -> parse: {}",
            code,
            response.body
        );
        assert_eq!(parsed.status, code.http_status());
        assert_eq!(parsed.retry_rule().kind(), code.retry().kind());
        assert_eq!(parsed.category(), code.category());
        let body: serde_json::Value = serde_json::from_str(&response.body).unwrap();
        for field in C::SPEC.envelope.fields.iter().filter(|f| f.required) {
            let present = field.field_path().find_in(&body).is_some();
            assert!(
                present,
                "{:?}: required field `{}` missing in {}",
                code, field.path, response.body
            );
        }
        if matches!(code.retry().kind(), RetryKind::RetryAfter | RetryKind::Wait) {
            assert!(
                response
                    .headers
                    .iter()
                    .any(|(k, v)| k.eq_ignore_ascii_case("retry-after") && v == "9")
                    || parsed.body_retry_after == Some(9.0),
                "{code:?} announces its delay"
            );
        }
    }
}

/// What the docs, rustdoc and `explain` say to do (`emit::words`) agrees with what the
/// runtime decides for the very response, for every code: "fix the request" exactly when
/// the decision is `FixRequest`, "do not retry" exactly when the decision ends the retry.
fn check_words_agree_with_decisions<C: CatalogCode>(api: &Api) {
    for (&code, error) in C::ALL.iter().zip(&api.errors) {
        let words = errcat_codegen::emit::words::retry_words(&error.retry, Some(error.status));
        let response = code.response(&ResponseParts::default());
        let parsed = ApiError::<C>::from_response(
            response.status,
            response.headers.clone(),
            response.body.as_bytes(),
        );
        let decision = parsed.retry_decision(1, &exact(Idempotency::Idempotent));
        let fix = words.contains("fix the request");
        let stop = words.starts_with("Do not retry");
        assert_eq!(
            fix,
            decision == RetryDecision::FixRequest,
            "{}: the words say {words:?}, the runtime decides {decision:?}",
            error.id()
        );
        assert_eq!(
            stop,
            matches!(
                decision,
                RetryDecision::FixRequest | RetryDecision::GiveUp(GiveUp::NotRetryable)
            ),
            "{}: the words say {words:?}, the runtime decides {decision:?}",
            error.id()
        );
    }
}

macro_rules! per_api {
    ($($api:ident),*) => {$(
        mod $api {
            use super::*;
            #[test]
            fn page_examples_classify() {
                check_examples::<errcat::$api::ErrorCode>(&catalog_api(stringify!($api)));
            }
            #[test]
            fn every_code_survives_emit_then_parse() {
                check_round_trip::<errcat::$api::ErrorCode>();
            }
            #[test]
            fn the_words_agree_with_the_runtime() {
                check_words_agree_with_decisions::<errcat::$api::ErrorCode>(&catalog_api(
                    stringify!($api),
                ));
            }
        }
    )*};
}
per_api!(agenthuman, identitycall, kallglot, voice_gateway, zenhire);

type Kallglot = errcat::kallglot::ErrorCode;
type ZenHire = errcat::zenhire::ErrorCode;

#[test]
fn kallglot_rate_limit_honours_retry_after_then_backs_off() {
    let body = br#"{"error":{"code":"rate_limit_exceeded","message":"Too many requests","type":"rate_limit_error","param":null,"doc_url":"https://developer.kallglot.com/errors#rate_limit_exceeded"}}"#;
    let error = errcat::kallglot::ApiError::from_response(429, [("Retry-After", "7")], body);
    assert_eq!(error.known_code(), Some(Kallglot::RateLimitExceeded));
    assert_eq!(error.category(), Category::RateLimited);
    let policy = exact(Idempotency::NotIdempotent);
    assert_eq!(
        error.retry_decision(1, &policy),
        RetryDecision::Retry {
            delay: Duration::from_secs(7)
        }
    );
    // Repeated: at least the backoff step (2 s after 1 s); Retry-After's 7 s is larger.
    assert_eq!(
        error.retry_decision(2, &policy),
        RetryDecision::Retry {
            delay: Duration::from_secs(7)
        }
    );
    assert_eq!(
        error.retry_decision(3, &policy),
        RetryDecision::GiveUp(GiveUp::AttemptsExhausted)
    );
}

#[test]
fn kallglot_server_errors_back_off_1s_2s_with_3_attempts() {
    let error = errcat::kallglot::ApiError::from_response(500, [("x", "y")], br#"{"error":{"code":"internal_error","message":"x","type":"server_error","param":null,"doc_url":"u"}}"#);
    let policy = exact(Idempotency::Idempotent);
    assert_eq!(
        error.retry_decision(1, &policy),
        RetryDecision::Retry {
            delay: Duration::from_secs(1)
        }
    );
    assert_eq!(
        error.retry_decision(2, &policy),
        RetryDecision::Retry {
            delay: Duration::from_secs(2)
        }
    );
    assert_eq!(
        error.retry_decision(3, &policy),
        RetryDecision::GiveUp(GiveUp::AttemptsExhausted)
    );
    // A request that may have been processed is not repeated unless it is idempotent.
    assert_eq!(
        error.retry_decision(1, &exact(Idempotency::NotIdempotent)),
        RetryDecision::GiveUp(GiveUp::NotIdempotent)
    );
    // Full jitter stays within the step and is reproducible per seed.
    let jittered = |seed| {
        error.retry_decision(
            2,
            &RetryPolicy::new(Idempotency::Idempotent).with_seed(seed),
        )
    };
    assert_eq!(jittered(42), jittered(42));
    match jittered(42) {
        RetryDecision::Retry { delay } => assert!(delay <= Duration::from_secs(2)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn kallglot_validation_and_auth_errors_mean_fix_the_request() {
    for code in ["invalid_language_code", "invalid_api_key"] {
        let body = format!(
            r#"{{"error":{{"code":"{code}","message":"m","type":"t","param":null,"doc_url":"u"}}}}"#
        );
        let error = errcat::kallglot::ApiError::from_response(
            400,
            Vec::<(&str, &str)>::new(),
            body.as_bytes(),
        );
        assert_eq!(
            error.retry_decision(1, &exact(Idempotency::Idempotent)),
            RetryDecision::FixRequest
        );
    }
}

#[test]
fn zenhire_poll_rate_limit_polls_the_same_id_after_the_body_delay() {
    let body = br#"{"error":{"code":"POLL_RATE_LIMITED","message":"slow down","timestamp":"2026-04-21T12:34:56.789Z","retryAfterSeconds":3}}"#;
    let error = errcat::zenhire::ApiError::from_response(429, [("Retry-After", "5")], body);
    assert_eq!(error.known_code(), Some(ZenHire::PollRateLimited));
    // The body field the catalog names wins over the header.
    assert_eq!(
        error.retry_decision(1, &exact(Idempotency::NotIdempotent)),
        RetryDecision::PollAgain {
            delay: Duration::from_secs(3)
        }
    );
}

#[test]
fn zenhire_warm_up_waits_the_documented_window_and_backs_off_further() {
    let body = br#"{"error":{"code":"SERVICE_WARMING_UP","message":"warming","timestamp":"t"}}"#;
    let error = errcat::zenhire::ApiError::from_response(503, Vec::<(&str, &str)>::new(), body);
    let policy = exact(Idempotency::NotIdempotent);
    assert_eq!(
        error.retry_decision(1, &policy),
        RetryDecision::Retry {
            delay: Duration::from_secs(30)
        }
    );
    assert_eq!(
        error.retry_decision(2, &policy),
        RetryDecision::Retry {
            delay: Duration::from_secs(60)
        }
    );
    for seed in 0..50 {
        let jittered = RetryPolicy::new(Idempotency::Idempotent).with_seed(seed);
        match error.retry_decision(1, &jittered) {
            RetryDecision::Retry { delay } => {
                assert!(
                    delay >= Duration::from_secs(30) && delay <= Duration::from_secs(60),
                    "{delay:?}"
                )
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn zenhire_failed_runs_are_resubmitted_and_bad_input_is_fixed() {
    let failed = br#"{"error":{"code":"TRANSCRIPTION_FAILED","message":"m","timestamp":"t"}}"#;
    let error = errcat::zenhire::ApiError::from_response(200, Vec::<(&str, &str)>::new(), failed);
    assert_eq!(error.known_code(), Some(ZenHire::TranscriptionFailed));
    assert_eq!(error.category(), Category::Processing);
    assert_eq!(
        error.retry_decision(1, &exact(Idempotency::Idempotent)),
        RetryDecision::Resubmit
    );
    let bad = br#"{"error":{"code":"INVALID_LANGUAGE_CODE","message":"m","timestamp":"t"}}"#;
    let error = errcat::zenhire::ApiError::from_response(400, Vec::<(&str, &str)>::new(), bad);
    assert_eq!(
        error.retry_decision(1, &exact(Idempotency::Idempotent)),
        RetryDecision::FixRequest
    );
}

#[test]
fn agenthuman_rate_limit_reads_details_retry_after_and_ratelimit_headers() {
    let body = br#"{"error":{"code":"rate_limit_exceeded","message":"wait","details":{"limit":100,"window":"1 minute","retry_after":60}}}"#;
    let error = errcat::agenthuman::ApiError::from_response(429, Vec::<(&str, &str)>::new(), body);
    assert_eq!(
        error.retry_decision(1, &exact(Idempotency::NotIdempotent)),
        RetryDecision::Retry {
            delay: Duration::from_secs(60)
        }
    );
    // Without a body hint, X-RateLimit-Reset is a Unix timestamp for this API.
    let bare = br#"{"error":{"code":"rate_limit_exceeded","message":"wait"}}"#;
    let reset = (1_700_000_000u64 + 42).to_string();
    let error = errcat::agenthuman::ApiError::from_response(
        429,
        [("X-RateLimit-Reset", reset.as_str())],
        bare,
    );
    assert_eq!(
        error.server_delay(fixed_now()),
        Some(Duration::from_secs(42))
    );
}

/// A quota reset says when the window ends. It is the delay only when the quota is spent,
/// or when the response is a rate limit that does not say what is left: an API that
/// sends `X-RateLimit-Reset` on every response (GitHub does) must not make a 500 with
/// quota left wait for the end of the window.
#[test]
fn quota_reset_is_the_delay_only_when_the_quota_is_spent() {
    let reset = (1_700_000_000u64 + 3_000).to_string();
    let read = |status: u16, headers: &[(&str, &str)]| {
        let body: &[u8] = if status == 429 {
            br#"{"error":{"code":"rate_limit_exceeded","message":"wait"}}"#
        } else {
            br#"{"error":{"code":"internal_error","message":"m"}}"#
        };
        errcat::agenthuman::ApiError::from_response(status, headers.iter().copied(), body)
    };
    let delay = |status, headers: &[(&str, &str)]| read(status, headers).server_delay(fixed_now());
    let wait = Some(Duration::from_secs(3_000));
    // X-RateLimit-*: quota left, spent, and not said.
    let left = [
        ("X-RateLimit-Remaining", "4966"),
        ("X-RateLimit-Reset", reset.as_str()),
    ];
    let spent = [
        ("X-RateLimit-Remaining", "0"),
        ("X-RateLimit-Reset", reset.as_str()),
    ];
    let unsaid = [("X-RateLimit-Reset", reset.as_str())];
    assert_eq!(delay(500, &left), None);
    assert_eq!(delay(500, &spent), wait);
    assert_eq!(delay(500, &unsaid), None, "a 500 is no rate limit");
    assert_eq!(
        delay(429, &unsaid),
        wait,
        "a rate limit that does not say what is left"
    );
    assert_eq!(delay(429, &left), None);
    // So a 500 with quota left backs off on its own schedule instead of giving up on a
    // 50-minute wait.
    assert_eq!(
        read(500, &left).retry_decision(1, &exact(Idempotency::Idempotent)),
        RetryDecision::Retry {
            delay: Duration::from_secs(1)
        }
    );
    // The IETF fields: `RateLimit` with `r=` and `RateLimit-Remaining`.
    assert_eq!(delay(500, &[("RateLimit", "\"default\";r=50;t=30")]), None);
    assert_eq!(
        delay(500, &[("RateLimit", "\"default\";r=0;t=30")]),
        Some(Duration::from_secs(30))
    );
    assert_eq!(
        delay(
            500,
            &[("RateLimit-Remaining", "7"), ("RateLimit-Reset", "30")]
        ),
        None
    );
    assert_eq!(
        delay(
            500,
            &[("RateLimit-Remaining", "0"), ("RateLimit-Reset", "30")]
        ),
        Some(Duration::from_secs(30))
    );
}

#[test]
fn identitycall_identifies_by_message_and_status() {
    let body = br#"{ "error": "Rate limit exceeded", "retry_after": 60 }"#;
    let error =
        errcat::identitycall::ApiError::from_response(429, Vec::<(&str, &str)>::new(), body);
    assert_eq!(
        error.known_code().map(|c| c.id()),
        Some("rate_limit_exceeded")
    );
    assert_eq!(
        error.retry_decision(1, &exact(Idempotency::Idempotent)),
        RetryDecision::Retry {
            delay: Duration::from_secs(60)
        }
    );
    // The same text under another status is not that code, but keeps its text.
    let error =
        errcat::identitycall::ApiError::from_response(500, Vec::<(&str, &str)>::new(), body);
    assert_eq!(error.known_code(), None);
    assert_eq!(error.code_str(), Some("Rate limit exceeded"));
    let list = br#"{ "errors": ["Field 1 is invalid", "Field 2 is required"] }"#;
    let error =
        errcat::identitycall::ApiError::from_response(422, Vec::<(&str, &str)>::new(), list);
    assert_eq!(
        error.messages,
        ["Field 1 is invalid", "Field 2 is required"]
    );
    assert_eq!(
        error.retry_decision(1, &exact(Idempotency::Idempotent)),
        RetryDecision::FixRequest
    );
}

#[test]
fn voice_gateway_operator_errors_are_not_retried() {
    let body = br#"{"success": false, "error": "Admin API not configured"}"#;
    let error =
        errcat::voice_gateway::ApiError::from_response(503, Vec::<(&str, &str)>::new(), body);
    assert_eq!(
        error.known_code().map(|c| c.id()),
        Some("admin_api_not_configured")
    );
    assert_eq!(
        error.retry_decision(1, &exact(Idempotency::Idempotent)),
        RetryDecision::GiveUp(GiveUp::NotRetryable)
    );
}

/// An unknown code resolves as a code of its documented type would (the type's category
/// and rule, as the catalog resolves its own codes), else by its status.
#[test]
fn unknown_codes_follow_their_type_then_their_status() {
    let body = br#"{"error":{"code":"brand_new_code","message":"m","type":"server_error","param":null,"doc_url":"u"}}"#;
    let error = errcat::kallglot::ApiError::from_response(503, Vec::<(&str, &str)>::new(), body);
    assert_eq!(error.known_code(), None);
    assert_eq!(error.code_str(), Some("brand_new_code"));
    assert_eq!(error.category(), Category::Internal);
    assert_eq!(error.retry_rule().kind(), RetryKind::Backoff);
    assert_eq!(error.shape, BodyShape::Documented);
    let untyped =
        br#"{"error":{"code":"brand_new_code","message":"m","param":null,"doc_url":"u"}}"#;
    let error = errcat::kallglot::ApiError::from_response(503, Vec::<(&str, &str)>::new(), untyped);
    assert_eq!(error.category(), Category::Unavailable);
    assert_eq!(error.retry_rule().kind(), RetryKind::Backoff);
}

#[test]
fn malformed_bodies_are_kept_and_still_classified_by_status() {
    type E = errcat::kallglot::ApiError;
    let html = b"<html><body>502 Bad Gateway</body></html>";
    let error = E::from_response(502, [("Content-Type", "text/html")], html);
    assert_eq!(error.shape, BodyShape::NotJson);
    assert_eq!(
        error.raw_body.as_deref(),
        Some("<html><body>502 Bad Gateway</body></html>")
    );
    assert_eq!(error.category(), Category::Upstream);
    assert!(matches!(
        error.retry_decision(1, &exact(Idempotency::Idempotent)),
        RetryDecision::Retry { .. }
    ));

    assert_eq!(
        E::from_response(503, Vec::<(&str, &str)>::new(), b"  \n").shape,
        BodyShape::Empty
    );
    let wrong_types = br#"{"error":{"code":123,"message":["x"]}}"#;
    let error = E::from_response(400, Vec::<(&str, &str)>::new(), wrong_types);
    assert_eq!(error.shape, BodyShape::UndocumentedJson);
    assert!(error.raw_body.is_some());

    let huge = vec![b'x'; 10 * 1024 * 1024];
    let error = E::from_response(500, Vec::<(&str, &str)>::new(), &huge);
    assert_eq!(error.shape, BodyShape::TooLarge);
    assert_eq!(
        error.raw_body.as_ref().map(String::len),
        Some(errcat::MAX_RAW_BYTES)
    );

    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        E::from_response(500, Vec::<(&str, &str)>::new(), deep.as_bytes()).shape,
        BodyShape::NotJson
    );
    let invalid_utf8 = [0xff, 0xfe, b'{'];
    assert_eq!(
        E::from_response(500, Vec::<(&str, &str)>::new(), &invalid_utf8).shape,
        BodyShape::NotJson
    );

    let reader = std::io::Read::chain(
        &b"{\"error\":"[..],
        std::io::repeat(b' ').take(5 * 1024 * 1024),
    );
    assert_eq!(
        E::from_reader(500, Vec::<(&str, &str)>::new(), reader).shape,
        BodyShape::TooLarge
    );
}

use std::io::Read as _;

#[test]
fn retry_after_http_dates_use_the_date_header_and_huge_delays_give_up() {
    let body = br#"{"error":{"code":"rate_limit_exceeded","message":"m","type":"rate_limit_error","param":null,"doc_url":"u"}}"#;
    let headers = [
        ("Date", "Sun, 06 Nov 1994 08:49:37 GMT"),
        ("Retry-After", "Sun, 06 Nov 1994 08:50:07 GMT"),
    ];
    let error = errcat::kallglot::ApiError::from_response(429, headers, body);
    assert_eq!(
        error.retry_decision(1, &exact(Idempotency::Idempotent)),
        RetryDecision::Retry {
            delay: Duration::from_secs(30)
        }
    );
    let error = errcat::kallglot::ApiError::from_response(429, [("Retry-After", "100000")], body);
    assert_eq!(
        error.retry_decision(1, &exact(Idempotency::Idempotent)),
        RetryDecision::GiveUp(GiveUp::DelayTooLong)
    );
    let capped = exact(Idempotency::Idempotent).with_max_server_delay(Duration::from_secs(200_000));
    assert_eq!(
        error.retry_decision(1, &capped),
        RetryDecision::Retry {
            delay: Duration::from_secs(100_000)
        }
    );
    let error = errcat::kallglot::ApiError::from_response(
        429,
        [("RateLimit", "\"default\";r=0;t=12")],
        body,
    );
    assert_eq!(
        error.retry_decision(1, &exact(Idempotency::Idempotent)),
        RetryDecision::Retry {
            delay: Duration::from_secs(12)
        }
    );
}

#[test]
fn a_retry_budget_makes_a_storm_fail_fast() {
    let error = errcat::kallglot::ApiError::from_response(503, Vec::<(&str, &str)>::new(), b"");
    let budget = std::sync::Arc::new(RetryBudget::new(10, 5));
    let policy = exact(Idempotency::Idempotent).with_budget(budget.clone());
    assert!(matches!(
        error.retry_decision(1, &policy),
        RetryDecision::Retry { .. }
    ));
    assert!(matches!(
        error.retry_decision(1, &policy),
        RetryDecision::Retry { .. }
    ));
    assert_eq!(
        error.retry_decision(1, &policy),
        RetryDecision::GiveUp(GiveUp::BudgetExhausted)
    );
    for _ in 0..5 {
        budget.record_success();
    }
    assert!(matches!(
        error.retry_decision(1, &policy),
        RetryDecision::Retry { .. }
    ));
}

#[test]
// The operation returns the API's error by value, as `errcat::run` expects.
#[allow(clippy::result_large_err)]
fn run_retries_until_success_and_sleeps_the_decided_delays() {
    let mut slept = Vec::new();
    let policy = exact(Idempotency::Idempotent);
    let result = errcat::run(
        &policy,
        |attempt| {
            if attempt < 3 {
                Err(errcat::kallglot::ApiError::from_response(
                    503,
                    Vec::<(&str, &str)>::new(),
                    b"",
                ))
            } else {
                Ok(attempt)
            }
        },
        |delay| slept.push(delay),
    );
    // Kallglot allows 3 attempts: two waits of 1 s and 2 s, then the third succeeds.
    assert_eq!(result.unwrap(), 3);
    assert_eq!(slept, [Duration::from_secs(1), Duration::from_secs(2)]);
    let result: Result<(), _> = errcat::run(
        &policy,
        |_| {
            Err(errcat::kallglot::ApiError::from_response(
                400,
                Vec::<(&str, &str)>::new(),
                b"",
            ))
        },
        |_| panic!("a 400 is never slept on"),
    );
    assert_eq!(result.unwrap_err().status, 400);
}

#[test]
fn close_codes_say_what_to_do() {
    use errcat::kallglot::CloseCode;
    assert_eq!(
        CloseCode::from_u16(4002).map(CloseCode::action),
        Some(errcat::CloseAction::SlowDown)
    );
    assert_eq!(
        CloseCode::from_u16(1000).map(CloseCode::action),
        Some(errcat::CloseAction::None)
    );
    assert_eq!(CloseCode::from_u16(4999), None);
    assert_eq!(
        errcat::CloseAction::for_unknown(1001),
        errcat::CloseAction::Reconnect
    );
    assert_eq!(
        errcat::CloseAction::for_unknown(4999),
        errcat::CloseAction::Stop
    );
    for &code in CloseCode::ALL {
        assert_eq!(CloseCode::from_u16(code.code()), Some(code));
    }
}

/// A body with a type and no code (or a code newer than the catalog) is classified by its
/// type: Kallglot's `server_error` type retries with its 1 s, x2, 3-attempt backoff, and
/// its `processing_error` type is not retried, where the 500 alone would be retried.
#[test]
fn an_error_without_a_documented_code_takes_its_types_rule() {
    let read = |body: &[u8]| {
        errcat::kallglot::ApiError::from_response(500, Vec::<(&str, &str)>::new(), body)
    };
    let policy = RetryPolicy::new(Idempotency::Idempotent).with_jitter(Jitter::None);
    let server = read(br#"{"error":{"message":"Internal server error.","type":"server_error"}}"#);
    assert_eq!(server.known_code(), None);
    assert_eq!(
        server.documented_type().map(|t| t.wire),
        Some("server_error")
    );
    let schedule: Vec<RetryDecision> = (1..=4).map(|n| server.retry_decision(n, &policy)).collect();
    assert_eq!(
        schedule,
        [
            RetryDecision::Retry {
                delay: Duration::from_secs(1)
            },
            RetryDecision::Retry {
                delay: Duration::from_secs(2)
            },
            RetryDecision::GiveUp(GiveUp::AttemptsExhausted),
            RetryDecision::GiveUp(GiveUp::AttemptsExhausted),
        ]
    );
    // A code the catalog does not have yet, of a documented type: the type decides.
    let processing =
        read(br#"{"error":{"code":"new_code","message":"x","type":"processing_error"}}"#);
    assert_eq!(processing.code_str(), Some("new_code"));
    assert_eq!(processing.category(), errcat::Category::Processing);
    assert_eq!(
        processing.retry_decision(1, &policy),
        RetryDecision::GiveUp(GiveUp::NotRetryable)
    );
    // Without a documented type, the status's rule: errcat's default for a 500.
    let untyped = read(br#"{"error":{"message":"x","type":"unheard_of"}}"#);
    assert_eq!(untyped.retry_rule(), errcat::RetryRule::for_status(500));
    assert_ne!(untyped.retry_rule(), processing.retry_rule());
}

/// What a client logs or sends on: the error as read with what it resolves to, the
/// decision with its delay in milliseconds, and every body member the envelope does
/// not document, kept by path.
#[test]
fn errors_and_decisions_serialize_with_what_they_resolve_to() {
    let body = br#"{"error":{"code":"rate_limit_exceeded","message":"m","type":"rate_limit_error","param":null,"doc_url":"u","trace_id":"t-1","limits":{"rpm":60}},"served_by":"edge-7"}"#;
    let error = errcat::kallglot::ApiError::from_response(429, [("Retry-After", "2")], body);
    assert_eq!(
        error.extra.get("served_by"),
        Some(&serde_json::json!("edge-7"))
    );
    assert_eq!(
        error.extra.get("error.trace_id"),
        Some(&serde_json::json!("t-1"))
    );
    assert_eq!(
        error.extra.get("error.limits"),
        Some(&serde_json::json!({"rpm": 60}))
    );
    assert_eq!(error.extra.len(), 3, "{:?}", error.extra);
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(json["api"], "kallglot");
    assert_eq!(json["code"], "rate_limit_exceeded");
    assert_eq!(json["known"], true);
    assert_eq!(json["category"], "rate_limited");
    assert_eq!(json["retry_rule"]["rule"], "retry_after");
    assert_eq!(json["retry_rule"]["delay"]["header"], "Retry-After");
    assert_eq!(json["shape"], "documented");
    assert_eq!(json["extra"]["served_by"], "edge-7");
    assert_eq!(json["errors"][0]["code"], "rate_limit_exceeded");
    let policy = RetryPolicy::new(Idempotency::Idempotent).with_jitter(Jitter::None);
    assert_eq!(
        serde_json::to_value(error.retry_decision(1, &policy)).unwrap(),
        serde_json::json!({"decision": "retry", "delay_ms": 2000})
    );
    assert_eq!(
        serde_json::to_value(RetryDecision::GiveUp(GiveUp::BudgetExhausted)).unwrap(),
        serde_json::json!({"decision": "give_up", "reason": "budget_exhausted"})
    );
    assert_eq!(
        serde_json::to_value(RetryDecision::FixRequest).unwrap(),
        serde_json::json!({"decision": "fix_request"})
    );
    // An envelope's own fields are not extra; nor is anything of a body that is not
    // the envelope (it is kept raw instead).
    let plain = errcat::kallglot::ApiError::from_response(
        400,
        Vec::<(&str, &str)>::new(),
        br#"{"error":{"code":"invalid_request","message":"m"}}"#,
    );
    assert!(plain.extra.is_empty(), "{:?}", plain.extra);
    let html =
        errcat::kallglot::ApiError::from_response(502, Vec::<(&str, &str)>::new(), b"<html/>");
    assert!(html.extra.is_empty());
    assert!(html.raw_body.is_some());
}
