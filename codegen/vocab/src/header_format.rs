//! How a response header's value is written.

vocabulary! {
    /// How a header value is written.
    #[non_exhaustive]
    pub enum HeaderFormat {
        /// A whole number of seconds to wait.
        DelaySeconds = "delay_seconds" => "whole seconds",
        /// Seconds, or an HTTP-date (RFC 9110 `Retry-After`).
        DelaySecondsOrHttpDate = "delay_seconds_or_http_date" => "seconds, or an HTTP-date",
        /// Seconds since the Unix epoch.
        UnixTimestamp = "unix_timestamp" => "Unix timestamp (seconds)",
        /// A count.
        Integer = "integer" => "integer",
        /// Free text.
        Text = "text" => "text",
    }
}
