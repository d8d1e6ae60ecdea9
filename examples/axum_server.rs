//! A small server that sends its API's documented errors (here Kallglot's, bundled with
//! errcat): the status, `Retry-After` and the exact envelope come from the catalog.
//!
//! ```sh
//! cargo run --example axum_server --features axum
//! curl -i http://127.0.0.1:3000/v1/sessions/missing
//! ```

use std::time::Duration;

use axum::extract::Path;
use axum::routing::get;
use axum::Router;
use errcat::integrations::axum::Reply;
use errcat::kallglot::ErrorCode;
use errcat::ResponseParts;

async fn session(Path(id): Path<String>) -> Result<String, Reply<ErrorCode>> {
    match id.as_str() {
        "busy" => Err(Reply::new(
            ErrorCode::RateLimitExceeded,
            ResponseParts {
                retry_after: Some(Duration::from_secs(2)),
                ..ResponseParts::default()
            },
        )),
        "live" => Ok(format!("session {id}")),
        _ => Err(Reply::new(
            ErrorCode::SessionNotFound,
            ResponseParts {
                message: Some(format!("No session {id}.")),
                ..ResponseParts::default()
            },
        )),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let app = Router::new().route("/v1/sessions/{id}", get(session));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
