//! Failures that never reached the API's error envelope: the connection was refused,
//! reset, or timed out. They get a retry decision next to the HTTP errors, by whether
//! the request can have been processed.

use std::fmt;

use crate::{ApiError, CatalogCode, Category, GiveUp, Idempotency, RetryDecision, RetryPolicy};

/// What went wrong below HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TransportKind {
    /// No connection was made (refused, DNS, TLS handshake): the request was not sent,
    /// so repeating it is safe whatever the method.
    Connect,
    /// The connection closed or reset after the request was (perhaps partly) sent: the
    /// server may have processed it.
    Interrupted,
    /// No answer in time: the server may have processed it.
    Timeout,
    /// Anything else (a body that failed to encode, a redirect loop, ...): not retried.
    Other,
}

impl TransportKind {
    /// Whether the request can have reached the server's handler.
    pub const fn may_have_been_processed(self) -> bool {
        matches!(self, TransportKind::Interrupted | TransportKind::Timeout)
    }
}

/// A failure below HTTP, with its text kept.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TransportError {
    /// What went wrong.
    pub kind: TransportKind,
    /// The client library's own words.
    pub message: String,
}

impl TransportError {
    /// A transport failure of `kind`, described by `message`.
    pub fn new(kind: TransportKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportKind::Connect => "could not connect",
            TransportKind::Interrupted => "the connection was interrupted",
            TransportKind::Timeout => "timed out",
            TransportKind::Other => "the request failed",
        };
        write!(f, "{what}: {}", self.message)
    }
}

impl std::error::Error for TransportError {}

/// Why a call failed: the API answered with an error, or the transport failed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "failure", rename_all = "snake_case")]
#[serde(bound(serialize = "C: CatalogCode"))]
pub enum Failure<C> {
    /// The API's error response, read against its catalog (boxed: it is large, and a
    /// `Result` carries its error's size on the success path too).
    Api(Box<ApiError<C>>),
    /// A failure below HTTP.
    Transport(TransportError),
}

impl<C: CatalogCode> fmt::Display for Failure<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Api(error) => error.fmt(f),
            Failure::Transport(error) => error.fmt(f),
        }
    }
}

impl<C: CatalogCode> std::error::Error for Failure<C> {}

impl<C> From<TransportError> for Failure<C> {
    fn from(error: TransportError) -> Self {
        Failure::Transport(error)
    }
}

impl<C> From<ApiError<C>> for Failure<C> {
    fn from(error: ApiError<C>) -> Self {
        Failure::Api(Box::new(error))
    }
}

/// What the retry drivers ([`crate::run`], [`crate::run_async`]) and the integrations
/// need of a failure: its decision, and a few facts to trace it by.
pub trait Retryable {
    /// What to do after `attempt` attempts (1 after the first failure).
    fn retry_decision(&self, attempt: u32, policy: &RetryPolicy) -> RetryDecision;
    /// The facts a trace of the decision records.
    fn summary(&self) -> Summary<'_>;
}

/// The facts a trace records about a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary<'a> {
    /// The API id, for an API error.
    pub api: Option<&'static str>,
    /// The HTTP status, for an API error.
    pub status: Option<u16>,
    /// The code as sent, known or not.
    pub code: Option<&'a str>,
    /// The canonical category, for an API error.
    pub category: Option<Category>,
    /// The transport failure, for one.
    pub transport: Option<TransportKind>,
}

impl<C: CatalogCode> Retryable for ApiError<C> {
    fn retry_decision(&self, attempt: u32, policy: &RetryPolicy) -> RetryDecision {
        ApiError::retry_decision(self, attempt, policy)
    }

    fn summary(&self) -> Summary<'_> {
        Summary {
            api: Some(C::API),
            status: Some(self.status),
            code: self.code_str(),
            category: Some(self.category()),
            transport: None,
        }
    }
}

impl Retryable for TransportError {
    /// A connection never made is retried like a 503 (nothing was processed); one
    /// interrupted or timed out only for an idempotent request; both on the policy's
    /// backoff, within its attempts and budget.
    fn retry_decision(&self, attempt: u32, policy: &RetryPolicy) -> RetryDecision {
        if self.kind == TransportKind::Other {
            return RetryDecision::GiveUp(GiveUp::NotRetryable);
        }
        if self.kind.may_have_been_processed() && policy.idempotency == Idempotency::NotIdempotent {
            return RetryDecision::GiveUp(GiveUp::NotIdempotent);
        }
        let schedule = policy.default_backoff;
        if attempt.max(1) >= schedule.max_attempts.unwrap_or(3) {
            return RetryDecision::GiveUp(GiveUp::AttemptsExhausted);
        }
        let delay = policy
            .backoff_delay(&schedule, attempt.max(1))
            .min(policy.max_server_delay);
        if let Some(budget) = &policy.budget {
            if !budget.try_withdraw() {
                return RetryDecision::GiveUp(GiveUp::BudgetExhausted);
            }
        }
        RetryDecision::Retry { delay }
    }

    fn summary(&self) -> Summary<'_> {
        Summary {
            api: None,
            status: None,
            code: None,
            category: None,
            transport: Some(self.kind),
        }
    }
}

impl<C: CatalogCode> Retryable for Failure<C> {
    fn retry_decision(&self, attempt: u32, policy: &RetryPolicy) -> RetryDecision {
        match self {
            Failure::Api(error) => error.retry_decision(attempt, policy),
            Failure::Transport(error) => error.retry_decision(attempt, policy),
        }
    }

    fn summary(&self) -> Summary<'_> {
        match self {
            Failure::Api(error) => error.summary(),
            Failure::Transport(error) => error.summary(),
        }
    }
}
