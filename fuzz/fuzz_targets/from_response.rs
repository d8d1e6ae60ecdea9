//! Arbitrary status, headers and body into every bundled API's `ApiError::from_response`:
//! never panics, keeps the status, bounds what it keeps, and the retry decision is total.
#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use arbitrary::Arbitrary;
use errcat::{ApiError, BodyShape, CatalogCode, ErrorReport, Idempotency, RetryPolicy};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Response {
    status: u16,
    headers: Vec<(String, Vec<u8>)>,
    /// When set, the body is wrapped as `{"error": <body>}` so that the envelope readers
    /// see JSON more often than raw bytes would let them.
    wrap: bool,
    body: Vec<u8>,
    attempt: u8,
    now: u32,
}

fn exercise<C: CatalogCode + Send + Sync>(input: &Response, body: &[u8]) {
    let error = ApiError::<C>::from_response(
        input.status,
        input
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice())),
        body,
    );
    assert_eq!(error.status, input.status);
    assert!(error.headers.len() <= errcat::MAX_HEADERS);
    match error.shape {
        BodyShape::Documented | BodyShape::Empty => assert!(error.raw_body.is_none()),
        _ => {
            let raw = error
                .raw_body
                .as_ref()
                .expect("an undocumented body is kept");
            // Lossy decoding may grow the prefix: at most 3 bytes per replaced byte.
            assert!(raw.len() <= 3 * errcat::MAX_RAW_BYTES);
        }
    }
    let now = UNIX_EPOCH + Duration::from_secs(u64::from(input.now));
    let _ = error.server_delay(now);
    let _ = error.to_string();
    let report: &dyn ErrorReport = &error;
    let _ = (
        report.category(),
        report.retry_rule(),
        report.code(),
        report.doc_url(),
    );
    let policy = RetryPolicy::new(Idempotency::NotIdempotent)
        .with_seed(u64::from(input.status))
        .with_clock(|| UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    let _ = report.decide(u32::from(input.attempt), &policy);
}

fuzz_target!(|input: Response| {
    let body = if input.wrap {
        let mut wrapped = b"{\"error\": ".to_vec();
        wrapped.extend_from_slice(&input.body);
        wrapped.push(b'}');
        wrapped
    } else {
        input.body.clone()
    };
    exercise::<errcat::agenthuman::ErrorCode>(&input, &body);
    exercise::<errcat::identitycall::ErrorCode>(&input, &body);
    exercise::<errcat::kallglot::ErrorCode>(&input, &body);
    exercise::<errcat::voice_gateway::ErrorCode>(&input, &body);
    exercise::<errcat::zenhire::ErrorCode>(&input, &body);
});
