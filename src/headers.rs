//! Reading server-sent delays: `Retry-After` (RFC 9110: delay-seconds or HTTP-date),
//! the IETF `RateLimit` / `RateLimit-Policy` fields, and `X-RateLimit-Reset`.
//!
//! Every parser is total: garbage, negatives and huge values give `None` or a saturated
//! value, never a panic.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Parses `Retry-After`: whole seconds, or an HTTP-date measured from `now`. A date in
/// the past means "now" (zero).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Saturate instead of failing on absurd numbers; the policy caps them anyway.
        let seconds = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(seconds));
    }
    let at = parse_http_date(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Parses an HTTP-date in any of the three forms RFC 9110 (section 5.6.7) requires
/// recipients to accept: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
///
/// Strict where a wrong reading would be silent: every number is ASCII digits of its
/// form's width, the day must exist in that month (leap years included), the time must be
/// a time (second 60 is a leap second), and the day name must be a day name (not checked
/// against the date: a wrong weekday still names the date unambiguously). An RFC 850 date
/// with a four-digit year, which some servers send, is read as that year; a two-digit
/// year more than 50 years ahead of today is in the past century, as RFC 9110 says.
pub fn parse_http_date(value: &str) -> Option<SystemTime> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let (day, month, year, time) = match parts.as_slice() {
        // IMF-fixdate: day-name, DD Mon YYYY HH:MM:SS GMT
        [name, day, month, year, time, "GMT"] => {
            short_day_name(name.strip_suffix(',')?)?;
            (digits(day, 2)?, *month, digits(year, 4)?, *time)
        }
        // RFC 850: day-name, DD-Mon-YY HH:MM:SS GMT
        [name, date, time, "GMT"] => {
            let name = name.strip_suffix(',')?;
            if !LONG_DAY_NAMES.contains(&name) {
                return None;
            }
            let mut pieces = date.split('-');
            let day = digits(pieces.next()?, 2)?;
            let month = pieces.next()?;
            let year = pieces.next()?;
            if pieces.next().is_some() {
                return None;
            }
            let year = match year.len() {
                2 => two_digit_year(digits(year, 2)?),
                _ => digits(year, 4)?,
            };
            (day, month, year, *time)
        }
        // asctime: day-name Mon D HH:MM:SS YYYY (the day space-padded to two places)
        [name, month, day, time, year] => {
            short_day_name(name)?;
            let day = digits(day, 1).or_else(|| digits(day, 2))?;
            (day, *month, digits(year, 4)?, *time)
        }
        _ => return None,
    };
    let month = month_number(month)?;
    let mut clock = time.split(':');
    let hour = digits(clock.next()?, 2)?;
    let minute = digits(clock.next()?, 2)?;
    let second = digits(clock.next()?, 2)?;
    if clock.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    if !(1970..=9999).contains(&year) || !(1..=days_in_month(year, month)).contains(&day) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second;
    Some(UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).ok()?))
}

const SHORT_DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn short_day_name(name: &str) -> Option<()> {
    SHORT_DAY_NAMES.contains(&name).then_some(())
}

/// Exactly `width` ASCII digits, as a number.
fn digits(text: &str, width: usize) -> Option<i64> {
    if text.len() != width || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// RFC 9110: a two-digit year that would be more than 50 years in the future is the most
/// recent past year with those digits.
fn two_digit_year(yy: i64) -> i64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let this_year = civil_from_days(i64::try_from(now / 86_400).unwrap_or(0)).0;
    let century = this_year - this_year.rem_euclid(100);
    let year = century + yy;
    if year > this_year + 50 {
        year - 100
    } else {
        year
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn month_number(name: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    MONTHS.iter().position(|m| *m == name).map(|i| i as i64 + 1)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date of a day count since 1970-01-01: (year, month, day).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Seconds until the quota resets, from the IETF `RateLimit` field: the `t` parameter
/// (draft-ietf-httpapi-ratelimit-headers-08 and later, e.g. `"default";r=0;t=30`) or the
/// `reset` member of the earlier form (`limit=100, remaining=0, reset=30`).
pub fn parse_ratelimit(value: &str) -> Option<Duration> {
    value
        .split([';', ','])
        .filter_map(|param| param.trim().split_once('='))
        .find(|(key, _)| matches!(key.trim(), "t" | "reset"))
        .and_then(|(_, v)| v.trim().trim_matches('"').parse::<u64>().ok())
        .map(Duration::from_secs)
}

/// What is left of the quota, from the IETF `RateLimit` field (`r=` or `remaining=`).
pub fn ratelimit_remaining(value: &str) -> Option<u64> {
    value
        .split([';', ','])
        .filter_map(|param| param.trim().split_once('='))
        .find(|(key, _)| matches!(key.trim(), "r" | "remaining"))
        .and_then(|(_, v)| v.trim().trim_matches('"').parse().ok())
}

/// Whether the IETF `RateLimit` field says the quota is used up (`r=0` or `remaining=0`).
pub fn ratelimit_exhausted(value: &str) -> bool {
    ratelimit_remaining(value) == Some(0)
}

/// The window length from `RateLimit-Policy` (`"default";q=100;w=60`), in seconds.
pub fn parse_ratelimit_policy_window(value: &str) -> Option<Duration> {
    value
        .split([';', ','])
        .filter_map(|param| param.trim().split_once('='))
        .find(|(key, _)| key.trim() == "w")
        .and_then(|(_, v)| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
}

/// `X-RateLimit-Reset`: a Unix timestamp when `as_timestamp`, else seconds to wait. A
/// timestamp in the past means "now".
pub fn parse_reset(value: &str, as_timestamp: bool, now: SystemTime) -> Option<Duration> {
    let number: u64 = value.trim().parse().ok()?;
    if as_timestamp {
        let at = UNIX_EPOCH.checked_add(Duration::from_secs(number))?;
        Some(at.duration_since(now).unwrap_or(Duration::ZERO))
    } else {
        Some(Duration::from_secs(number))
    }
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form servers send in
/// `Retry-After` and `Date`.
pub fn format_http_date(at: SystemTime) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let seconds = at
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs();
    let seconds = i64::try_from(seconds).unwrap_or(i64::MAX / 2);
    let days = seconds.div_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    let rest = seconds.rem_euclid(86_400);
    format!(
        "{}, {day:02} {} {year:04} {:02}:{:02}:{:02} GMT",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(month - 1) as usize],
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// A timestamp as RFC 3339 in UTC with milliseconds, e.g. `2026-04-21T12:34:56.789Z`.
pub fn rfc3339(at: SystemTime) -> String {
    let since = at.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    let seconds = i64::try_from(since.as_secs()).unwrap_or(i64::MAX / 2);
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let rest = seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60,
        since.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn retry_after_seconds_and_garbage() {
        let now = at(0);
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("-5", now), None);
        assert_eq!(parse_retry_after("1.5", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("", now), None);
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn retry_after_http_dates_in_all_three_forms() {
        // 1994-11-06T08:49:37Z is 784111777.
        let expected = at(784_111_777);
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(expected)
        );
        assert_eq!(
            parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
            Some(expected)
        );
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(expected));
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), None);
        let now = at(784_111_777 - 30);
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at(784_111_777 + 99)),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
    }

    #[test]
    fn ratelimit_fields() {
        assert_eq!(
            parse_ratelimit("\"default\";r=0;t=30"),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_ratelimit("limit=100, remaining=0, reset=7"),
            Some(Duration::from_secs(7))
        );
        assert_eq!(parse_ratelimit("garbage"), None);
        assert!(ratelimit_exhausted("\"default\";r=0;t=30"));
        assert!(!ratelimit_exhausted("\"default\";r=5;t=30"));
        assert_eq!(
            parse_ratelimit_policy_window("\"default\";q=100;w=60"),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_reset("1000", true, at(900)),
            Some(Duration::from_secs(100))
        );
        assert_eq!(
            parse_reset("10", false, at(900)),
            Some(Duration::from_secs(10))
        );
        assert_eq!(parse_reset("-1", true, at(900)), None);
    }

    #[test]
    fn civil_dates_round_trip() {
        for days in [-1_000_000, -1, 0, 1, 10_957, 19_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(rfc3339(at(784_111_777)), "1994-11-06T08:49:37.000Z");
    }
}
