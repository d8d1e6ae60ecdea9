//! Where an error is reported.

vocabulary! {
    /// Where an error is reported.
    #[derive(Default)]
    #[non_exhaustive]
    pub enum Context {
        /// In an HTTP error response.
        #[default]
        Http = "http" => "an HTTP error response",
        /// When a WebSocket closes.
        Websocket = "websocket" => "the close of a WebSocket",
        /// In a successful poll response whose job failed (`status: "failed"`).
        Poll = "poll" => "the body of a successful poll response whose job failed (`status: \"failed\"`)",
        /// In the body of a successful (2xx) response that reports an error instead of a
        /// result (`{"ok": false, "error": ...}` at 200, GraphQL `errors` next to `data`).
        SuccessResponse = "success_response" => "the body of a successful (2xx) response that reports an error",
    }
}
