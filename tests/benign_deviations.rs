//! What real servers send around a valid response never loses the code in it, and what is
//! not a date is never read as one.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use errcat::headers::{format_http_date, parse_http_date, parse_retry_after};
use errcat::zenhire::ErrorCode;
use errcat::{ApiError, BodyShape};
use proptest::prelude::*;

const BODY: &str = r#"{"error": {"code": "INVALID_LANGUAGE_CODE", "message": "Invalid language code.", "timestamp": "2026-04-21T12:34:56.789Z"EXTRA}}"#;

fn read(body: &[u8]) -> ApiError<ErrorCode> {
    ApiError::<ErrorCode>::from_response(400, Vec::<(&str, &str)>::new(), body)
}

fn body_with(extra: &str) -> String {
    BODY.replace("EXTRA", extra)
}

#[test]
fn a_byte_order_mark_before_the_body_keeps_the_code() {
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend_from_slice(body_with("").as_bytes());
    let error = read(&body);
    assert_eq!(error.known_code(), Some(ErrorCode::InvalidLanguageCode));
    assert_eq!(error.shape, BodyShape::Documented);
}

#[test]
fn a_number_too_large_for_a_float_keeps_the_code() {
    for extra in [
        r#", "details": {"limit": 1e400}"#,
        r#", "details": {"limit": -1e400, "ok": [1, 2.5, "1e400"]}"#,
        r#", "details": [1E+999, {"s": "a \" 1e400 \\"}]"#,
    ] {
        let error = read(body_with(extra).as_bytes());
        assert_eq!(
            error.known_code(),
            Some(ErrorCode::InvalidLanguageCode),
            "{extra}"
        );
        assert_eq!(error.message.as_deref(), Some("Invalid language code."));
    }
    // The huge number is kept as its text.
    let error = read(body_with(r#", "details": {"limit": 1e400}"#).as_bytes());
    assert_eq!(
        error.details,
        Some(serde_json::json!({"limit": "1e400"})),
        "kept as text"
    );
}

#[test]
fn what_is_still_not_json_stays_not_json() {
    let error = read(body_with(", 1e400 oops").as_bytes());
    assert_eq!(error.shape, BodyShape::NotJson);
    assert!(error.raw_body.is_some());
}

#[test]
fn impossible_dates_and_times_are_not_dates() {
    for value in [
        "Tue, 31 Feb 2024 00:00:00 GMT",
        "Sat, 29 Feb 2025 00:00:00 GMT",
        "Thu, 31 Apr 2025 00:00:00 GMT",
        "Tue, 01 Jan 2024 -1:-1:-1 GMT",
        "Tue, 01 Jan 2024 24:00:00 GMT",
        "Tue, 01 Jan 2024 23:60:00 GMT",
        "Tue, 01 Jan 2024 23:59:61 GMT",
        "Tue, 01 Jan 2024 +1:00:00 GMT",
        "Tue, 1 Jan 2024 01:00:00 GMT",
        "Tue, 01 Jan 24 01:00:00 GMT",
        "Xyz, 01 Jan 2024 01:00:00 GMT",
        "Tue 01 Jan 2024 01:00:00 GMT",
        "Tuesday, 31-Feb-24 00:00:00 GMT",
        "Tuesday, 01-Jan-2024-1 00:00:00 GMT",
        "Tue Feb 30 00:00:00 2024",
        "Tue Feb 3 00:00:00 24",
    ] {
        assert_eq!(parse_http_date(value), None, "{value}");
        assert_eq!(parse_retry_after(value, UNIX_EPOCH), None, "{value}");
    }
}

#[test]
fn the_three_forms_name_the_same_instant() {
    let expected = UNIX_EPOCH + Duration::from_secs(784_111_777);
    for value in [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        // A four-digit year in the RFC 850 form is read as that year (it was 3894).
        "Sunday, 06-Nov-1994 08:49:37 GMT",
    ] {
        assert_eq!(parse_http_date(value), Some(expected), "{value}");
    }
    assert_eq!(
        parse_http_date("Thu, 29 Feb 2024 23:59:60 GMT"),
        Some(UNIX_EPOCH + Duration::from_secs(1_709_251_200)),
        "a leap day and a leap second"
    );
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

proptest! {
    /// Every instant from 1970 to 9999 formats as an IMF-fixdate that parses back to it.
    #[test]
    fn formatted_dates_parse_back(seconds in 0u64..253_402_300_799) {
        let at = UNIX_EPOCH + Duration::from_secs(seconds);
        prop_assert_eq!(parse_http_date(&format_http_date(at)), Some(at));
    }

    /// A day past the end of its month is never a date.
    #[test]
    fn days_past_the_month_are_refused(
        year in 1970u64..9999,
        month in 1u64..=12,
        past in 1u64..10,
        hour in 0u64..24,
    ) {
        let day = days_in_month(year, month) + past;
        let value = format!(
            "Mon, {day:02} {} {year} {hour:02}:00:00 GMT",
            MONTHS[(month - 1) as usize]
        );
        prop_assert_eq!(parse_http_date(&value), None, "{}", value);
    }
}

#[test]
fn a_date_in_the_past_is_no_wait() {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
        Some(Duration::ZERO)
    );
}
