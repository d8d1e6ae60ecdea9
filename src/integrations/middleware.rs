//! reqwest-middleware (feature `reqwest-middleware`): [`CatalogRetry`], a middleware
//! that applies the catalog's rules to every request of a client.
//!
//! ```no_run
//! # async fn demo() -> Result<(), reqwest_middleware::Error> {
//! use errcat::integrations::middleware::CatalogRetry;
//! use errcat::{Idempotency, RetryPolicy};
//!
//! let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
//!     .with(CatalogRetry::<errcat::kallglot::ErrorCode>::new(RetryPolicy::new(
//!         Idempotency::NotIdempotent, // each request's own comes from its method
//!     )))
//!     .build();
//! let response = client.get("http://127.0.0.1:8080/v1/sessions").send().await?;
//! # let _ = response; Ok(()) }
//! ```

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use reqwest_middleware::{Middleware, Next};

use crate::{CatalogCode, Idempotency, RetryPolicy};

type Sleep = Arc<dyn Fn(Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// Retries each request by the catalog of `C` and a shared policy (cap, budget, jitter,
/// default backoff). Each request's idempotency is its own: an [`Idempotency`] in its
/// extensions (`RequestBuilder::with_extension`), else its method's (RFC 9110). Error
/// responses are read with a bounded body to be classified, and handed back whole when
/// no retry is due; a request whose body cannot be cloned is sent once.
pub struct CatalogRetry<C> {
    policy: RetryPolicy,
    sleep: Sleep,
    catalog: PhantomData<fn() -> C>,
}

impl<C: CatalogCode> CatalogRetry<C> {
    /// The middleware with `policy`, sleeping with tokio.
    pub fn new(policy: RetryPolicy) -> Self {
        CatalogRetry {
            policy,
            sleep: Arc::new(|delay| Box::pin(tokio::time::sleep(delay))),
            catalog: PhantomData,
        }
    }

    /// Sleeps with `sleep` instead (another timer, or one that records the waits).
    pub fn with_sleep<F, W>(mut self, sleep: F) -> Self
    where
        F: Fn(Duration) -> W + Send + Sync + 'static,
        W: Future<Output = ()> + Send + 'static,
    {
        self.sleep = Arc::new(move |delay| Box::pin(sleep(delay)));
        self
    }
}

#[async_trait::async_trait]
impl<C: CatalogCode + Send + Sync> Middleware for CatalogRetry<C> {
    async fn handle(
        &self,
        request: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        let mut policy = self.policy.clone();
        policy.idempotency = extensions
            .get::<Idempotency>()
            .copied()
            .unwrap_or_else(|| Idempotency::of_method(request.method()));
        let mut request = request;
        let mut attempt = 1;
        loop {
            let Some(copy) = request.try_clone() else {
                return next.run(request, extensions).await;
            };
            let sent = std::mem::replace(&mut request, copy);
            match next.clone().run(sent, extensions).await {
                Ok(response) if response.status().as_u16() < 400 => {
                    return Ok(crate::drive::succeeded(&policy, response));
                }
                Ok(response) => {
                    let (error, whole) = super::reqwest::read_bounded::<C>(response).await;
                    match crate::drive::decide(&error, attempt, &policy) {
                        Some(delay) => (self.sleep)(delay).await,
                        None => return Ok(whole),
                    }
                }
                Err(reqwest_middleware::Error::Reqwest(failure)) => {
                    let transport = super::reqwest::transport_error(&failure);
                    match crate::drive::decide(&transport, attempt, &policy) {
                        Some(delay) => (self.sleep)(delay).await,
                        None => return Err(reqwest_middleware::Error::Reqwest(failure)),
                    }
                }
                Err(other) => return Err(other),
            }
            attempt += 1;
        }
    }
}
