//! Conversions to and from the `http` crate's types (feature `http`).

use crate::{ApiError, CatalogCode, ErrorResponse};

impl From<ErrorResponse> for http::Response<String> {
    /// The documented response as an `http::Response`. Header names or values that are
    /// not valid HTTP (impossible for catalog-built responses) are skipped.
    fn from(response: ErrorResponse) -> Self {
        let mut builder = http::Response::builder().status(response.status);
        for (name, value) in &response.headers {
            if let (Ok(name), Ok(value)) = (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_str(value),
            ) {
                builder = builder.header(name, value);
            }
        }
        builder.body(response.body).unwrap_or_else(|_| {
            // Only an out-of-range status can fail here; catalogs hold 100-599.
            let mut fallback = http::Response::new(String::new());
            *fallback.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
            fallback
        })
    }
}

impl<C: CatalogCode> ApiError<C> {
    /// Reads an `http::Response` whose body is bytes.
    pub fn from_http<B: AsRef<[u8]>>(response: &http::Response<B>) -> Self {
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_bytes()));
        Self::from_response(
            response.status().as_u16(),
            headers,
            response.body().as_ref(),
        )
    }
}

impl ErrorResponse {
    /// The status as the `http` crate's type (500 for an out-of-range status, which
    /// catalogs cannot hold).
    pub fn status_code(&self) -> http::StatusCode {
        http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The headers as an `http::HeaderMap` (any name or value that is not valid HTTP,
    /// impossible for catalog-built responses, is skipped).
    pub fn header_map(&self) -> http::HeaderMap {
        let mut map = http::HeaderMap::with_capacity(self.headers.len());
        for (name, value) in &self.headers {
            if let (Ok(name), Ok(value)) = (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_str(value),
            ) {
                map.append(name, value);
            }
        }
        map
    }
}

impl crate::Idempotency {
    /// What RFC 9110 (section 9.2.2) says of a method: GET, HEAD, OPTIONS, TRACE, PUT
    /// and DELETE are idempotent; POST, PATCH and anything else are not, unless the
    /// caller knows better (an idempotency key) and says so.
    pub fn of_method(method: &http::Method) -> Self {
        use http::Method;
        if [
            Method::GET,
            Method::HEAD,
            Method::OPTIONS,
            Method::TRACE,
            Method::PUT,
            Method::DELETE,
        ]
        .contains(method)
        {
            crate::Idempotency::Idempotent
        } else {
            crate::Idempotency::NotIdempotent
        }
    }

    /// The request's own: an `Idempotency` in its extensions (set by the caller), else
    /// [`Self::of_method`].
    pub fn of_request(method: &http::Method, extensions: &http::Extensions) -> Self {
        extensions
            .get::<crate::Idempotency>()
            .copied()
            .unwrap_or_else(|| Self::of_method(method))
    }
}
