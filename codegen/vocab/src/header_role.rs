//! What a response header tells a client.

vocabulary! {
    /// What a response header tells a client.
    #[non_exhaustive]
    pub enum HeaderRole {
        /// How long to wait before retrying.
        RetryAfter = "retry_after" => "how long to wait before retrying",
        /// The request quota of the window.
        RateLimitLimit = "rate_limit_limit" => "the request quota of the window",
        /// Requests left in the window.
        RateLimitRemaining = "rate_limit_remaining" => "requests left in the window",
        /// When the window resets.
        RateLimitReset = "rate_limit_reset" => "when the window resets",
        /// Anything else.
        Other = "other" => "other",
    }
}
