//! Retry rules as data: what the catalog says to do when an error comes back.

use crate::RetryKind;

/// Where a server-sent delay is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub struct DelaySource {
    /// A response header, e.g. `Retry-After`.
    pub header: Option<&'static str>,
    /// A dotted path into the error body, e.g. `error.retryAfterSeconds`.
    pub body_field: Option<&'static str>,
}

/// Exponential backoff as the catalog states it; parameters the page leaves out are
/// `None`, and [`Backoff::DEFAULT`] fills them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub struct Backoff {
    /// The first delay, in milliseconds.
    pub initial_ms: Option<u64>,
    /// What each delay is multiplied by.
    pub factor: Option<u32>,
    /// How many attempts in all, the first included.
    pub max_attempts: Option<u32>,
    /// The longest single delay, in milliseconds.
    pub max_delay_ms: Option<u64>,
}

impl Backoff {
    /// errcat's defaults for parameters a page does not state: 1 s, doubling, 3 attempts,
    /// at most 60 s.
    pub const DEFAULT: Backoff = Backoff {
        initial_ms: Some(1_000),
        factor: Some(2),
        max_attempts: Some(3),
        max_delay_ms: Some(60_000),
    };

    /// This backoff with every missing parameter taken from [`Backoff::DEFAULT`].
    pub const fn or_default(self) -> Backoff {
        Backoff {
            initial_ms: match self.initial_ms {
                Some(v) => Some(v),
                None => Backoff::DEFAULT.initial_ms,
            },
            factor: match self.factor {
                Some(v) => Some(v),
                None => Backoff::DEFAULT.factor,
            },
            max_attempts: match self.max_attempts {
                Some(v) => Some(v),
                None => Backoff::DEFAULT.max_attempts,
            },
            max_delay_ms: match self.max_delay_ms {
                Some(v) => Some(v),
                None => Backoff::DEFAULT.max_delay_ms,
            },
        }
    }
}

/// A documented wait window, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct WaitWindow {
    /// The shortest wait.
    pub min_seconds: u64,
    /// The longest wait.
    pub max_seconds: u64,
}

/// What to do when an error comes back. Serialized as its catalog form
/// (`{"rule": "backoff", "initial_ms": 1000, ...}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RetryRule {
    /// Do not retry: the same request fails the same way. Fix it first.
    Never,
    /// Wait as long as the server says, then retry; back off with `then` if it repeats.
    RetryAfter {
        /// Where the delay is read from.
        delay: DelaySource,
        /// What follows when the error repeats.
        then: Option<Backoff>,
    },
    /// Retry with exponential backoff.
    Backoff(Backoff),
    /// Keep polling the same id, after the server's delay if it sends one.
    PollAgain {
        /// Where the delay is read from.
        delay: DelaySource,
        /// What follows when the error repeats.
        then: Option<Backoff>,
    },
    /// Start over with a fresh request; never reuse the failed id.
    Resubmit,
    /// Wait a documented window (or the server's delay), then retry.
    Wait {
        /// The documented window.
        window: WaitWindow,
        /// Where a server-sent delay is read from.
        delay: DelaySource,
        /// What follows when the error repeats.
        then: Option<Backoff>,
    },
}

impl RetryRule {
    /// errcat's rule for a status when neither the code nor the status table gives one:
    /// honour `Retry-After` on 429, back off on 408 and 5xx, otherwise do not retry.
    pub const fn for_status(status: u16) -> RetryRule {
        let unstated = Backoff {
            initial_ms: None,
            factor: None,
            max_attempts: None,
            max_delay_ms: None,
        };
        match RetryKind::for_status(status) {
            RetryKind::RetryAfter => RetryRule::RetryAfter {
                delay: DelaySource {
                    header: Some("Retry-After"),
                    body_field: None,
                },
                then: Some(unstated),
            },
            RetryKind::Backoff => RetryRule::Backoff(unstated),
            _ => RetryRule::Never,
        }
    }

    /// The rule's kind.
    pub const fn kind(&self) -> RetryKind {
        match self {
            RetryRule::Never => RetryKind::Never,
            RetryRule::RetryAfter { .. } => RetryKind::RetryAfter,
            RetryRule::Backoff(_) => RetryKind::Backoff,
            RetryRule::PollAgain { .. } => RetryKind::PollAgain,
            RetryRule::Resubmit => RetryKind::Resubmit,
            RetryRule::Wait { .. } => RetryKind::Wait,
        }
    }

    /// Whether the same request may be sent again (possibly after a delay).
    pub const fn repeats_request(&self) -> bool {
        self.kind().repeats_request()
    }
}
