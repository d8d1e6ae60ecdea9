//! What a client does when a WebSocket closes.

vocabulary! {
    /// What a client should do when a WebSocket closes with a given code.
    #[non_exhaustive]
    pub enum CloseAction {
        /// Nothing: a clean close.
        None = "none" => "Nothing: a clean close.",
        /// Reconnect (with backoff).
        Reconnect = "reconnect" => "Reconnect, with backoff.",
        /// Get a new token, then reconnect.
        ReconnectWithNewToken = "reconnect_with_new_token" => "Get a new token, then reconnect.",
        /// Send less, then carry on.
        SlowDown = "slow_down" => "Send less, then carry on.",
        /// Fix the message that was sent.
        FixMessage = "fix_message" => "Fix the message that was sent; do not resend it as is.",
        /// Stop: the session is over or access is refused.
        Stop = "stop" => "Stop: the session is over or access is refused.",
    }
}

impl CloseAction {
    /// What to do for a close code the catalog does not document, by RFC 6455's
    /// ranges: 1000 is a clean close; 1001 (going away), 1006 (abnormal) and
    /// 1011-1014 (server trouble, restart, try again later) reconnect with backoff;
    /// 1002, 1003, 1007 and 1009 mean the client sent something wrong; 1008 and
    /// application codes (4000-4999) the client cannot interpret stop.
    pub const fn for_unknown(code: u16) -> CloseAction {
        match code {
            1000 => CloseAction::None,
            1001 | 1006 | 1011..=1014 => CloseAction::Reconnect,
            1002 | 1003 | 1007 | 1009 => CloseAction::FixMessage,
            _ => CloseAction::Stop,
        }
    }
}
