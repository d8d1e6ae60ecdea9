//! Facts about an API that are not codes: its status table and WebSocket close codes.

/// One row of an API's documented HTTP status table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatusInfo {
    /// The HTTP status code.
    pub status: u16,
    /// Its name, e.g. `Too Many Requests`.
    pub name: &'static str,
    /// What the page says it means for this API.
    pub description: Option<&'static str>,
}

/// What a client should do when a WebSocket closes with a given code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CloseAction {
    /// Nothing: a clean close.
    None,
    /// Reconnect (with backoff).
    Reconnect,
    /// Get a new token, then reconnect.
    ReconnectWithNewToken,
    /// Send less, then carry on.
    SlowDown,
    /// Fix the message that was sent.
    FixMessage,
    /// Stop: the session is over or access is refused.
    Stop,
}
