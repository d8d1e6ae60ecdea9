//! Whatever the catalog's rule and the server's delay, a retry decision never returns a
//! delay above the policy's cap, and a computed delay never above the rule's maximum.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use errcat::{
    ApiError, Backoff, CatalogCode, CodeInfo, DelaySource, GiveUp, Idempotency, Jitter,
    RetryDecision, RetryPolicy, RetryRule, WaitWindow, WireCode,
};
use proptest::prelude::*;

/// A code whose catalog row is made by the test, so any rule can be tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Probe(&'static CodeInfo);

impl CatalogCode for Probe {
    const API: &'static str = "probe";
    const SPEC: &'static errcat::ApiSpec = <errcat::zenhire::ErrorCode as CatalogCode>::SPEC;
    const ALL: &'static [Self] = &[];

    fn from_wire(_: &str) -> Option<Self> {
        None
    }

    fn info(self) -> &'static CodeInfo {
        self.0
    }
}

fn fixed_clock() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

/// A 503 whose code carries `rule`, with `Retry-After: retry_after` when given.
fn error_with(rule: RetryRule, retry_after: Option<u64>) -> ApiError<Probe> {
    let headers: Vec<(String, Vec<u8>)> = retry_after
        .map(|s| ("Retry-After".to_owned(), s.to_string().into_bytes()))
        .into_iter()
        .collect();
    let mut error = ApiError::<Probe>::from_response(
        503,
        headers.iter().map(|(k, v)| (k.as_str(), v.as_slice())),
        b"{}",
    );
    let info = Box::leak(Box::new(CodeInfo {
        retry: rule,
        status: 503,
        ..CodeInfo::BASE
    }));
    error.code = Some(WireCode::Known(Probe(info)));
    error
}

fn delay_of(decision: RetryDecision) -> Option<Duration> {
    match decision {
        RetryDecision::Retry { delay } | RetryDecision::PollAgain { delay } => Some(delay),
        _ => None,
    }
}

const RETRY_AFTER: DelaySource = DelaySource {
    header: Some("Retry-After"),
    body_field: None,
};

fn wait_backing_off(max_delay_ms: Option<u64>) -> RetryRule {
    RetryRule::Wait {
        window: WaitWindow {
            min_seconds: 30,
            max_seconds: 60,
        },
        delay: RETRY_AFTER,
        then: Some(Backoff {
            max_attempts: Some(100),
            max_delay_ms,
            ..Backoff::default()
        }),
    }
}

/// A 300 s `Retry-After` under the default 300 s cap gave `Retry { 600 s }` at attempt 2
/// (the growth was applied after the cap), and about 4,000 years at attempt 40.
#[test]
fn growth_on_a_repeat_stays_within_the_cap() {
    let policy = RetryPolicy::new(Idempotency::Idempotent).with_clock(fixed_clock);
    let error = error_with(wait_backing_off(None), Some(300));
    for attempt in [1, 2, 3, 40, 99] {
        let delay = delay_of(error.retry_decision(attempt, &policy));
        assert_eq!(delay, Some(Duration::from_secs(300)), "attempt {attempt}");
    }
}

/// The rule's own `max_delay_ms` bounds the growth, above the server's floor.
#[test]
fn growth_stays_within_the_rules_maximum() {
    let policy = RetryPolicy::new(Idempotency::Idempotent)
        .with_clock(fixed_clock)
        .with_jitter(Jitter::None);
    let error = error_with(wait_backing_off(Some(90_000)), None);
    let delays: Vec<_> = (1..6)
        .map(|n| delay_of(error.retry_decision(n, &policy)).expect("a retry"))
        .collect();
    assert_eq!(
        delays[0],
        Duration::from_secs(30),
        "the window's minimum first"
    );
    assert_eq!(
        delays[1],
        Duration::from_secs(60),
        "doubled on the first repeat"
    );
    assert!(
        delays[2..].iter().all(|d| *d == Duration::from_secs(90)),
        "{delays:?}"
    );
}

/// A documented window longer than the policy allows gives up, as a server delay does,
/// rather than retrying too soon.
#[test]
fn a_window_beyond_the_cap_gives_up() {
    let policy = RetryPolicy::new(Idempotency::Idempotent).with_clock(fixed_clock);
    let rule = RetryRule::Wait {
        window: WaitWindow {
            min_seconds: u64::MAX,
            max_seconds: u64::MAX,
        },
        delay: RETRY_AFTER,
        then: None,
    };
    assert_eq!(
        error_with(rule, None).retry_decision(1, &policy),
        RetryDecision::GiveUp(GiveUp::DelayTooLong)
    );
}

fn backoff() -> impl Strategy<Value = Option<Backoff>> {
    let param = || {
        prop_oneof![
            Just(None),
            Just(Some(u64::MAX)),
            any::<u64>().prop_map(Some)
        ]
    };
    let small = || {
        prop_oneof![
            Just(None),
            Just(Some(u32::MAX)),
            any::<u32>().prop_map(Some)
        ]
    };
    proptest::option::of((param(), small(), small(), param()).prop_map(
        |(initial_ms, factor, max_attempts, max_delay_ms)| Backoff {
            initial_ms,
            factor,
            max_attempts,
            max_delay_ms,
        },
    ))
}

fn rule() -> impl Strategy<Value = RetryRule> {
    let window = (any::<u64>(), any::<u64>(), any::<bool>()).prop_map(|(a, b, huge)| {
        if huge {
            WaitWindow {
                min_seconds: u64::MAX,
                max_seconds: u64::MAX,
            }
        } else {
            WaitWindow {
                min_seconds: a.min(b) % 100_000,
                max_seconds: a.max(b) % 100_000,
            }
        }
    });
    prop_oneof![
        backoff().prop_map(|b| RetryRule::Backoff(b.unwrap_or_default())),
        backoff().prop_map(|then| RetryRule::RetryAfter {
            delay: RETRY_AFTER,
            then
        }),
        backoff().prop_map(|then| RetryRule::PollAgain {
            delay: RETRY_AFTER,
            then
        }),
        (window, backoff()).prop_map(|(window, then)| RetryRule::Wait {
            window,
            delay: RETRY_AFTER,
            then
        }),
    ]
}

fn rule_max(rule: &RetryRule) -> Option<u64> {
    match rule {
        RetryRule::Backoff(b) => b.max_delay_ms,
        RetryRule::RetryAfter { then, .. }
        | RetryRule::PollAgain { then, .. }
        | RetryRule::Wait { then, .. } => then.and_then(|b| b.max_delay_ms),
        _ => None,
    }
    .or(Backoff::DEFAULT.max_delay_ms)
}

fn floor(rule: &RetryRule, server: Option<u64>) -> Duration {
    let server = server.map(Duration::from_secs);
    match rule {
        RetryRule::Wait { window, .. } => {
            // The wait is picked within the window: at most its end (or its start, for a
            // window the validator would refuse as reversed).
            server.unwrap_or(Duration::from_secs(
                window.max_seconds.max(window.min_seconds),
            ))
        }
        _ => server.unwrap_or(Duration::ZERO),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any rule (parameters up to their types' limits), any server delay, any attempt and
    /// any cap: the delay is at most the policy's cap, and above the floor (the server's
    /// delay or the window) at most the rule's maximum.
    #[test]
    fn no_delay_exceeds_the_cap_or_the_rules_maximum(
        rule in rule(),
        server in proptest::option::of(prop_oneof![Just(u64::MAX / 2), 0u64..100_000]),
        attempt in prop_oneof![Just(u32::MAX), 0u32..200],
        cap_seconds in prop_oneof![Just(u64::MAX / 4), 1u64..100_000],
        jitter in any::<bool>(),
    ) {
        let cap = Duration::from_secs(cap_seconds);
        let policy = RetryPolicy::new(Idempotency::Idempotent)
            .with_clock(fixed_clock)
            .with_max_server_delay(cap)
            .with_jitter(if jitter { Jitter::Full } else { Jitter::None });
        let error = error_with(rule, server);
        if let Some(delay) = delay_of(error.retry_decision(attempt, &policy)) {
            prop_assert!(delay <= cap, "{delay:?} above the cap {cap:?}");
            let rule_max = Duration::from_millis(rule_max(&rule).unwrap_or(u64::MAX));
            let allowed = rule_max.max(floor(&rule, server));
            prop_assert!(delay <= allowed, "{delay:?} above the rule's maximum {allowed:?}");
        }
    }
}
