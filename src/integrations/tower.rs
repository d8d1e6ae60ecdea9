//! tower (feature `tower`): [`CatalogPolicy`], a `tower::retry::Policy` driven by the
//! catalog's rules, for any tower-based HTTP client (hyper-util's, tonic's transport,
//! ...) whose responses carry their body as bytes.
//!
//! A policy decides from a finished response, so the body must be buffered before it
//! (e.g. `http_body_util::BodyExt::collect` in a `map_response` layer inside the retry
//! layer); an unbuffered body cannot be classified by its code.

use std::marker::PhantomData;
use std::pin::Pin;

use crate::{ApiError, CatalogCode, Idempotency, RetryPolicy, TransportKind};

/// Retries a request by the catalog of `C` and `policy`. Each request's idempotency is
/// its own ([`Idempotency::of_request`]: an extension, else its method). Transport
/// errors of type `E` are classified by the function given to
/// [`Self::with_transport_kind`]; by default every one counts as interrupted (the
/// request may have been processed), so only idempotent requests repeat after one.
pub struct CatalogPolicy<C, E> {
    policy: RetryPolicy,
    attempt: u32,
    kind_of: fn(&E) -> TransportKind,
    catalog: PhantomData<fn() -> C>,
}

impl<C, E> Clone for CatalogPolicy<C, E> {
    fn clone(&self) -> Self {
        CatalogPolicy {
            policy: self.policy.clone(),
            attempt: self.attempt,
            kind_of: self.kind_of,
            catalog: PhantomData,
        }
    }
}

impl<C: CatalogCode, E> CatalogPolicy<C, E> {
    /// The policy for `C`'s catalog; tower clones it for each request.
    pub fn new(policy: RetryPolicy) -> Self {
        CatalogPolicy {
            policy,
            attempt: 1,
            kind_of: |_| TransportKind::Interrupted,
            catalog: PhantomData,
        }
    }

    /// Classifies the client's errors (e.g. a connect error is [`TransportKind::Connect`]
    /// and is then retried whatever the method).
    pub fn with_transport_kind(mut self, kind_of: fn(&E) -> TransportKind) -> Self {
        self.kind_of = kind_of;
        self
    }
}

impl<C, E, ReqBody, ResBody>
    tower::retry::Policy<http::Request<ReqBody>, http::Response<ResBody>, E> for CatalogPolicy<C, E>
where
    C: CatalogCode,
    ReqBody: Clone,
    ResBody: AsRef<[u8]>,
{
    type Future = Pin<Box<tokio::time::Sleep>>;

    fn retry(
        &mut self,
        _request: &mut http::Request<ReqBody>,
        result: &mut Result<http::Response<ResBody>, E>,
    ) -> Option<Self::Future> {
        let delay = match result {
            Ok(response) if response.status().as_u16() < 400 => {
                crate::drive::succeeded(&self.policy, ());
                return None;
            }
            Ok(response) => {
                let error = ApiError::<C>::from_http(response);
                crate::drive::decide(&error, self.attempt, &self.policy)
            }
            Err(failure) => {
                let transport =
                    crate::TransportError::new((self.kind_of)(failure), "transport error");
                crate::drive::decide(&transport, self.attempt, &self.policy)
            }
        }?;
        self.attempt += 1;
        Some(Box::pin(tokio::time::sleep(delay)))
    }

    fn clone_request(
        &mut self,
        request: &http::Request<ReqBody>,
    ) -> Option<http::Request<ReqBody>> {
        if self.attempt == 1 {
            self.policy.idempotency =
                Idempotency::of_request(request.method(), request.extensions());
        }
        let mut copy = http::Request::new(request.body().clone());
        *copy.method_mut() = request.method().clone();
        *copy.uri_mut() = request.uri().clone();
        *copy.version_mut() = request.version();
        *copy.headers_mut() = request.headers().clone();
        if let Some(idempotency) = request.extensions().get::<Idempotency>() {
            copy.extensions_mut().insert(*idempotency);
        }
        Some(copy)
    }
}
