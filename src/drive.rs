//! The retry drivers: call an operation until it succeeds or the policy stops it,
//! sleeping between attempts. One loop, twice: blocking ([`run`]) and async
//! ([`run_async`], on any runtime: the caller hands it the sleep).

use std::future::Future;
use std::time::Duration;

use crate::{RetryDecision, RetryPolicy, Retryable};

/// Runs `operation` (given the 1-based attempt number) until it succeeds or the policy
/// stops it, calling `sleep` between attempts. The failure may be an [`crate::ApiError`],
/// a [`crate::TransportError`] or a [`crate::Failure`] of either. Returns the last failure
/// on `Resubmit`, `FixRequest` or `GiveUp`: those need the caller's judgement.
// The error is returned by value on purpose: it is what the caller asked for, and boxing
// it would only move the allocation into every caller.
#[allow(clippy::result_large_err)]
pub fn run<T, E: Retryable>(
    policy: &RetryPolicy,
    mut operation: impl FnMut(u32) -> Result<T, E>,
    mut sleep: impl FnMut(Duration),
) -> Result<T, E> {
    let mut attempt = 1;
    loop {
        match operation(attempt) {
            Ok(value) => return Ok(succeeded(policy, value)),
            Err(failure) => match decide(&failure, attempt, policy) {
                Some(delay) => {
                    sleep(delay);
                    attempt += 1;
                }
                None => return Err(failure),
            },
        }
    }
}

/// [`run`] for async operations, on any runtime: `sleep` returns the future that waits
/// (`tokio::time::sleep`, `async_io::Timer::after`, ...). Dropping the returned future
/// cancels the loop wherever it is, between or during attempts: it holds no task, lock
/// or timer of its own.
pub async fn run_async<T, E, Op, Attempt, Sleep, Wait>(
    policy: &RetryPolicy,
    mut operation: Op,
    mut sleep: Sleep,
) -> Result<T, E>
where
    E: Retryable,
    Op: FnMut(u32) -> Attempt,
    Attempt: Future<Output = Result<T, E>>,
    Sleep: FnMut(Duration) -> Wait,
    Wait: Future<Output = ()>,
{
    let mut attempt = 1;
    loop {
        match operation(attempt).await {
            Ok(value) => return Ok(succeeded(policy, value)),
            Err(failure) => match decide(&failure, attempt, policy) {
                Some(delay) => {
                    sleep(delay).await;
                    attempt += 1;
                }
                None => return Err(failure),
            },
        }
    }
}

/// [`run_async`] sleeping with `tokio::time::sleep` (feature `tokio`).
#[cfg(feature = "tokio")]
pub async fn run_tokio<T, E, Op, Attempt>(policy: &RetryPolicy, operation: Op) -> Result<T, E>
where
    E: Retryable,
    Op: FnMut(u32) -> Attempt,
    Attempt: Future<Output = Result<T, E>>,
{
    run_async(policy, operation, tokio::time::sleep).await
}

/// A success returns a token to the policy's budget.
pub(crate) fn succeeded<T>(policy: &RetryPolicy, value: T) -> T {
    if let Some(budget) = &policy.budget {
        budget.record_success();
    }
    value
}

/// The delay before the next attempt, or `None` to stop; traced when the `tracing`
/// feature is on.
pub(crate) fn decide(
    failure: &impl Retryable,
    attempt: u32,
    policy: &RetryPolicy,
) -> Option<Duration> {
    let decision = failure.retry_decision(attempt, policy);
    trace(failure, attempt, &decision);
    match decision {
        RetryDecision::Retry { delay } | RetryDecision::PollAgain { delay } => Some(delay),
        _ => None,
    }
}

/// One `tracing` event per decision, at `info` for a retry and `warn` for a stop, with
/// the API, status, code, category, transport failure, attempt, delay and outcome.
#[cfg(feature = "tracing")]
fn trace(failure: &impl Retryable, attempt: u32, decision: &RetryDecision) {
    let s = failure.summary();
    let outcome = match decision {
        RetryDecision::Retry { .. } => "retry",
        RetryDecision::PollAgain { .. } => "poll_again",
        RetryDecision::Resubmit => "resubmit",
        RetryDecision::FixRequest => "fix_request",
        RetryDecision::GiveUp(_) => "give_up",
    };
    let delay_ms = match decision {
        RetryDecision::Retry { delay } | RetryDecision::PollAgain { delay } => {
            Some(delay.as_millis() as u64)
        }
        _ => None,
    };
    let reason = match decision {
        RetryDecision::GiveUp(reason) => Some(format!("{reason:?}")),
        _ => None,
    };
    let category = s.category.map(|c| c.as_str());
    let transport = s.transport.map(|t| format!("{t:?}"));
    if delay_ms.is_some() {
        tracing::info!(
            target: "errcat",
            api = s.api, status = s.status, code = s.code, category, transport,
            attempt, delay_ms, outcome,
            "retrying"
        );
    } else {
        tracing::warn!(
            target: "errcat",
            api = s.api, status = s.status, code = s.code, category, transport,
            attempt, outcome, reason,
            "not retrying"
        );
    }
}

#[cfg(not(feature = "tracing"))]
fn trace(_: &impl Retryable, _: u32, _: &RetryDecision) {}
