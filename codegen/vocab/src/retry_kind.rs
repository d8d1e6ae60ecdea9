//! The kinds of retry rule.

vocabulary! {
    /// The kinds of retry rule. The runtime's `RetryRule` has one variant per kind except
    /// [`RetryKind::Conditional`], which only a catalog's error type may name.
    #[non_exhaustive]
    pub enum RetryKind {
        /// Do not retry: the same request fails the same way.
        Never = "never" => "do not retry",
        /// Wait as long as the server says (header or body field), then retry.
        RetryAfter = "retry_after" => "retry after the server's delay",
        /// Retry with exponential backoff.
        Backoff = "backoff" => "retry with exponential backoff",
        /// Keep polling the same id (after the server's delay, if any).
        PollAgain = "poll_again" => "keep polling",
        /// Start over with a fresh request; never reuse the failed id.
        Resubmit = "resubmit" => "resubmit as a fresh request",
        /// Wait a documented window, then retry.
        Wait = "wait" => "wait the documented window",
        /// Depends on the code: each code of the type states its own rule.
        Conditional = "conditional" => "depends on the code",
    }
}

impl RetryKind {
    /// errcat's kind for a status when neither the code nor the status table gives one:
    /// honour `Retry-After` on 429, back off on 408 and 5xx, otherwise do not retry.
    pub const fn for_status(status: u16) -> RetryKind {
        match status {
            429 => RetryKind::RetryAfter,
            408 | 500..=599 => RetryKind::Backoff,
            _ => RetryKind::Never,
        }
    }

    /// Whether a client under this kind sends the same request again (possibly after a
    /// delay): what separates a retryable error from one to fix or to start over.
    pub const fn repeats_request(self) -> bool {
        matches!(
            self,
            RetryKind::RetryAfter | RetryKind::Backoff | RetryKind::PollAgain | RetryKind::Wait
        )
    }

    /// Whether an error of `status` under rule [`RetryKind::Never`] is the request's own
    /// fault, to be fixed before sending again (a 4xx), rather than a failure the client
    /// can only give up on. The runtime's decision and the generated words both ask this.
    pub const fn never_means_fix_the_request(status: u16) -> bool {
        matches!(status, 400..=499)
    }
}
