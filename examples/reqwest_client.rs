//! A small client whose every request is retried by its API's catalog (here Kallglot's,
//! bundled with errcat): `Retry-After` honoured in both forms, 5xx backed off on the
//! documented schedule, 4xx not repeated, a POST repeated only when it is safe.
//!
//! ```sh
//! cargo run --example axum_server --features axum &
//! cargo run --example reqwest_client --features reqwest-middleware
//! ```

use errcat::integrations::middleware::CatalogRetry;
use errcat::integrations::reqwest::read_error;
use errcat::kallglot::ErrorCode;
use errcat::{Idempotency, RetryPolicy};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        // Each request's idempotency comes from its method (or an `Idempotency`
        // extension); this is only the fallback for the rest of the policy.
        .with(CatalogRetry::<ErrorCode>::new(RetryPolicy::new(
            Idempotency::NotIdempotent,
        )))
        .build();
    for id in ["live", "busy", "missing"] {
        let response = client
            .get(format!("http://127.0.0.1:3000/v1/sessions/{id}"))
            .send()
            .await?;
        if response.status().is_success() {
            println!("{id}: {}", response.text().await?);
        } else {
            let error = read_error::<ErrorCode>(response).await;
            println!(
                "{id}: {} ({:?}): {}",
                error.status,
                error.known_code(),
                error
            );
        }
    }
    Ok(())
}
