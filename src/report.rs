//! One view of every API's errors, so a program can handle them all alike.

use crate::{ApiError, CatalogCode, Category, RetryDecision, RetryPolicy, RetryRule};

/// Implemented by [`ApiError`] of every API. Object safe: `Box<dyn ErrorReport>` holds
/// an error from any of them.
pub trait ErrorReport: std::error::Error + Send + Sync {
    /// The API id, e.g. `kallglot`.
    fn api(&self) -> &'static str;
    /// The HTTP status.
    fn status(&self) -> u16;
    /// The code as sent (or the message, for message-identified APIs), known or not.
    fn code(&self) -> Option<&str>;
    /// The catalog id of the code, when the catalog documents it.
    fn code_id(&self) -> Option<&'static str>;
    /// The canonical category.
    fn category(&self) -> Category;
    /// The catalog's retry rule.
    fn retry_rule(&self) -> RetryRule;
    /// The human-readable message.
    fn message(&self) -> Option<&str>;
    /// The documentation link: the catalog's for a known code, else the body's.
    fn doc_url(&self) -> Option<&str>;
    /// The retry decision after `attempt` attempts.
    fn decide(&self, attempt: u32, policy: &RetryPolicy) -> RetryDecision;
}

impl<C: CatalogCode + Send + Sync> ErrorReport for ApiError<C> {
    fn api(&self) -> &'static str {
        C::API
    }

    fn status(&self) -> u16 {
        self.status
    }

    fn code(&self) -> Option<&str> {
        self.code_str()
    }

    fn code_id(&self) -> Option<&'static str> {
        self.known_code().map(|code| code.info().id)
    }

    fn category(&self) -> Category {
        ApiError::category(self)
    }

    fn retry_rule(&self) -> RetryRule {
        ApiError::retry_rule(self)
    }

    fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    fn doc_url(&self) -> Option<&str> {
        self.known_code()
            .and_then(|code| code.doc_url())
            .or(self.doc_url.as_deref())
    }

    fn decide(&self, attempt: u32, policy: &RetryPolicy) -> RetryDecision {
        self.retry_decision(attempt, policy)
    }
}
