//! The `http` feature: documented responses become `http::Response`s and back.
#![cfg(feature = "http")]

use errcat::CatalogCode;

#[test]
fn responses_convert_both_ways() {
    let code = errcat::agenthuman::ErrorCode::from_wire("rate_limit_exceeded").unwrap();
    let parts = errcat::ResponseParts {
        retry_after: Some(std::time::Duration::from_secs(60)),
        ..Default::default()
    };
    let response: http::Response<String> = code.response(&parts).into();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["retry-after"], "60");
    let parsed = errcat::agenthuman::ApiError::from_http(&response);
    assert_eq!(parsed.known_code(), Some(code));
    assert_eq!(
        parsed.server_delay(std::time::SystemTime::now()),
        Some(std::time::Duration::from_secs(60))
    );
}
