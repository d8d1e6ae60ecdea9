//! Retry decisions: the catalog's rule for an error, evaluated against the response and
//! a caller's policy into one of a few distinct outcomes. No async runtime: decisions
//! return delays and callers sleep; the drivers in `drive` loop over them.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::{ApiError, Backoff, CatalogCode, DelaySource, RetryRule};

/// Whether repeating a request is safe when it may already have been processed. The
/// catalog cannot know (it depends on the endpoint), so the caller says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Idempotency {
    /// Safe to repeat (GET, PUT, DELETE, or a request with an idempotency key).
    Idempotent,
    /// May have effects twice: retried only when the rule says the request was not
    /// processed (rate limits, warm-up, `Retry-After`, polls).
    NotIdempotent,
}

/// How backoff delays are randomised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Jitter {
    /// "Full jitter": a uniform delay between zero and the backoff step, which spreads
    /// out clients that failed together.
    Full,
    /// The exact schedule (1 s, 2 s, 4 s, ...), as a page documents it.
    None,
}

/// A token bucket that makes a storm of failures fail fast, as the AWS SDKs do: each
/// retry withdraws tokens, each success returns one, and an empty bucket means no retry.
#[derive(Debug)]
pub struct RetryBudget {
    tokens: AtomicU64,
    capacity: u64,
    retry_cost: u64,
}

impl RetryBudget {
    /// A full bucket of `capacity` tokens where each retry costs `retry_cost`
    /// (the AWS SDKs use 500 and 5).
    pub fn new(capacity: u64, retry_cost: u64) -> Self {
        RetryBudget {
            tokens: AtomicU64::new(capacity),
            capacity,
            retry_cost,
        }
    }

    /// Takes the cost of one retry; false (and nothing taken) when too few are left.
    pub fn try_withdraw(&self) -> bool {
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                t.checked_sub(self.retry_cost)
            })
            .is_ok()
    }

    /// Returns one token after a success, up to the capacity.
    pub fn record_success(&self) {
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                (t < self.capacity).then_some(t + 1)
            });
    }

    /// Tokens left.
    pub fn available(&self) -> u64 {
        self.tokens.load(Ordering::Acquire)
    }
}

/// The caller's side of retrying: idempotency, caps, jitter and an optional budget.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Whether the request is safe to repeat.
    pub idempotency: Idempotency,
    /// The longest server-sent delay honoured (longer ones give up instead of hanging),
    /// and the longest delay any decision returns.
    pub max_server_delay: Duration,
    /// How backoff delays are randomised.
    pub jitter: Jitter,
    /// Fills backoff parameters a catalog leaves out.
    pub default_backoff: Backoff,
    /// A shared retry budget, if any.
    pub budget: Option<Arc<RetryBudget>>,
    /// The clock for HTTP-dates and reset timestamps.
    pub now: fn() -> SystemTime,
    rng: Arc<AtomicU64>,
}

impl RetryPolicy {
    /// A policy with errcat's defaults: full jitter, server delays capped at 5 minutes,
    /// [`Backoff::DEFAULT`], no budget, the system clock, and a jitter seed drawn from
    /// entropy for each policy, so clients that fail together do not retry together
    /// ([`Self::with_seed`] fixes it, for reproducible tests).
    pub fn new(idempotency: Idempotency) -> Self {
        RetryPolicy {
            idempotency,
            max_server_delay: Duration::from_secs(300),
            jitter: Jitter::Full,
            default_backoff: Backoff::DEFAULT,
            budget: None,
            now: SystemTime::now,
            rng: Arc::new(AtomicU64::new(entropy_seed())),
        }
    }

    /// Seeds the jitter, for reproducible tests.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.rng = Arc::new(AtomicU64::new(seed));
        self
    }

    /// Sets the jitter.
    pub fn with_jitter(mut self, jitter: Jitter) -> Self {
        self.jitter = jitter;
        self
    }

    /// Sets the cap on server-sent delays.
    pub fn with_max_server_delay(mut self, cap: Duration) -> Self {
        self.max_server_delay = cap;
        self
    }

    /// Shares a retry budget.
    pub fn with_budget(mut self, budget: Arc<RetryBudget>) -> Self {
        self.budget = Some(budget);
        self
    }

    /// Sets the clock.
    pub fn with_clock(mut self, now: fn() -> SystemTime) -> Self {
        self.now = now;
        self
    }

    /// A uniform number in `[0, 1)` (splitmix64; lock-free and deterministic per seed).
    fn next_unit(&self) -> f64 {
        let mut z = self
            .rng
            .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }

    /// The backoff step before retry number `attempt` (1-based), jittered.
    pub fn backoff_delay(&self, backoff: &Backoff, attempt: u32) -> Duration {
        let b = fill(backoff, &self.default_backoff);
        let initial = b.initial_ms.unwrap_or(1000) as f64;
        let factor = f64::from(b.factor.unwrap_or(2).max(1));
        let cap = b.max_delay_ms.unwrap_or(u64::MAX) as f64;
        let exponent = attempt.saturating_sub(1).min(64) as i32;
        let step = (initial * factor.powi(exponent)).min(cap);
        let ms = match self.jitter {
            Jitter::Full => step * self.next_unit(),
            Jitter::None => step,
        };
        Duration::from_millis(ms as u64)
    }
}

/// A seed no two policies share: std's `RandomState` is keyed from the OS's entropy once
/// per thread and stepped for each new value; the address of a fresh allocation and the
/// clock are mixed in too, so policies in two processes, or made at the same instant on
/// two threads, differ.
fn entropy_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let marker = Box::new(0u8);
    hasher.write_usize(std::ptr::addr_of!(*marker) as usize);
    if let Ok(since) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) {
        hasher.write_u128(since.as_nanos());
    }
    hasher.finish()
}

fn fill(b: &Backoff, d: &Backoff) -> Backoff {
    Backoff {
        initial_ms: b.initial_ms.or(d.initial_ms),
        factor: b.factor.or(d.factor),
        max_attempts: b.max_attempts.or(d.max_attempts),
        max_delay_ms: b.max_delay_ms.or(d.max_delay_ms),
    }
}

/// Why no retry is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum GiveUp {
    /// The rule's (or the default) maximum number of attempts is reached.
    AttemptsExhausted,
    /// The request may have been processed and the caller said it is not idempotent.
    NotIdempotent,
    /// The retry budget is empty.
    BudgetExhausted,
    /// The server (or the catalog's documented window) asked for a longer wait than the
    /// policy allows.
    DelayTooLong,
    /// The catalog says not to retry, and no change to the request would help (e.g. an
    /// operator must fix the server's configuration).
    NotRetryable,
}

/// What to do after an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryDecision {
    /// Send the same request again after `delay`.
    Retry {
        /// How long to wait first.
        delay: Duration,
    },
    /// Poll the same id again after `delay` (do not start over).
    PollAgain {
        /// How long to wait first.
        delay: Duration,
    },
    /// Start over with a fresh request; the failed id is terminal.
    Resubmit,
    /// Do not send it again as it is: the request itself is wrong.
    FixRequest,
    /// Stop.
    GiveUp(GiveUp),
}

/// The one place every returned delay is capped: the computed part (backoff steps, growth
/// on a repeat) at the rule's own `max_delay_ms`, never below the floor (the server's
/// delay or the documented window, which are honoured as given), and the whole at the
/// policy's `max_server_delay`, the longest delay `retry_decision` ever returns. `None`
/// when the floor itself is longer than that cap: waiting less than the server or the
/// documentation asks would fail again, so the caller gives up instead.
fn bounded(
    floor: Option<Duration>,
    computed: Duration,
    rule_max_ms: Option<u64>,
    policy: &RetryPolicy,
) -> Option<Duration> {
    let floor = floor.unwrap_or(Duration::ZERO);
    if floor > policy.max_server_delay {
        return None;
    }
    let rule_max = rule_max_ms.map_or(Duration::MAX, Duration::from_millis);
    Some(
        computed
            .min(rule_max)
            .max(floor)
            .min(policy.max_server_delay),
    )
}

/// The delay source of a rule that has one.
pub(crate) fn delay_source(rule: &RetryRule) -> Option<&DelaySource> {
    match rule {
        RetryRule::RetryAfter { delay, .. }
        | RetryRule::PollAgain { delay, .. }
        | RetryRule::Wait { delay, .. } => Some(delay),
        _ => None,
    }
}

impl<C: CatalogCode> ApiError<C> {
    /// Applies the catalog's rule after `attempt` attempts (1 after the first failure).
    pub fn retry_decision(&self, attempt: u32, policy: &RetryPolicy) -> RetryDecision {
        let rule = self.retry_rule();
        let attempt = attempt.max(1);
        let (then, not_processed) = match rule {
            RetryRule::Never => {
                return if crate::RetryKind::never_means_fix_the_request(self.status) {
                    RetryDecision::FixRequest
                } else {
                    RetryDecision::GiveUp(GiveUp::NotRetryable)
                };
            }
            RetryRule::Resubmit => return RetryDecision::Resubmit,
            RetryRule::Backoff(b) => (Some(b), matches!(self.status, 429 | 503)),
            RetryRule::RetryAfter { then, .. }
            | RetryRule::PollAgain { then, .. }
            | RetryRule::Wait { then, .. } => (then, true),
        };
        if !not_processed && policy.idempotency == Idempotency::NotIdempotent {
            return RetryDecision::GiveUp(GiveUp::NotIdempotent);
        }
        let schedule = fill(&then.unwrap_or_default(), &policy.default_backoff);
        if attempt >= schedule.max_attempts.unwrap_or(3) {
            return RetryDecision::GiveUp(GiveUp::AttemptsExhausted);
        }
        let server = self.server_delay((policy.now)());
        if server.is_some_and(|d| d > policy.max_server_delay) {
            return RetryDecision::GiveUp(GiveUp::DelayTooLong);
        }
        let backoff = |n: u32| policy.backoff_delay(&schedule, n);
        // Each rule gives a floor (the server's delay or the documented window, honoured
        // as they are) and a computed delay (backoff, or growth on a repeat); `bounded`
        // caps the result once, after all arithmetic.
        let (floor, computed) = match rule {
            RetryRule::Backoff(_) => match server {
                Some(d) => (Some(d), Duration::ZERO),
                None => (None, backoff(attempt)),
            },
            // The server's delay first; when the error repeats, at least the backoff step.
            RetryRule::RetryAfter { then, .. } | RetryRule::PollAgain { then, .. } => {
                match server {
                    Some(d) if attempt == 1 || then.is_none() => (Some(d), Duration::ZERO),
                    Some(d) => (Some(d), backoff(attempt - 1)),
                    None => (None, backoff(attempt)),
                }
            }
            RetryRule::Wait { window, then, .. } => {
                let base = server.unwrap_or_else(|| {
                    let span = window.max_seconds.saturating_sub(window.min_seconds) as f64;
                    let extra = match policy.jitter {
                        Jitter::Full => span * policy.next_unit(),
                        Jitter::None => 0.0,
                    };
                    Duration::try_from_secs_f64(window.min_seconds as f64 + extra)
                        .unwrap_or(Duration::MAX)
                });
                // "Back off further if repeated": grow by the factor on each repeat.
                let grown = match then {
                    Some(_) if attempt > 1 => {
                        let factor = schedule.factor.unwrap_or(2).max(1);
                        base.saturating_mul(factor.saturating_pow(attempt - 1))
                    }
                    _ => Duration::ZERO,
                };
                (Some(base), grown)
            }
            RetryRule::Never | RetryRule::Resubmit => unreachable!("returned above"),
        };
        let Some(delay) = bounded(floor, computed, schedule.max_delay_ms, policy) else {
            return RetryDecision::GiveUp(GiveUp::DelayTooLong);
        };
        if let Some(budget) = &policy.budget {
            if !budget.try_withdraw() {
                return RetryDecision::GiveUp(GiveUp::BudgetExhausted);
            }
        }
        match rule {
            RetryRule::PollAgain { .. } => RetryDecision::PollAgain { delay },
            _ => RetryDecision::Retry { delay },
        }
    }
}
