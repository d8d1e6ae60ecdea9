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
