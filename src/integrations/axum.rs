//! axum (feature `axum`): the documented error as a handler's response.
//!
//! ```
//! use errcat::integrations::axum::Reply;
//! use errcat::{CatalogCode, ResponseParts};
//!
//! async fn handler() -> Result<&'static str, Reply<errcat::kallglot::ErrorCode>> {
//!     Err(Reply::new(errcat::kallglot::ErrorCode::InvalidApiKey, ResponseParts::default()))
//! }
//! ```

use axum::response::{IntoResponse, Response};

use crate::{CatalogCode, ErrorResponse, ResponseParts};

impl IntoResponse for ErrorResponse {
    /// The status, headers and body exactly as built from the catalog.
    fn into_response(self) -> Response {
        let (status, headers) = (self.status_code(), self.header_map());
        (status, headers, self.body).into_response()
    }
}

/// A generated code with the parts of this occurrence: what a handler returns to send
/// the documented error.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply<C> {
    /// The code.
    pub code: C,
    /// The request-specific parts.
    pub parts: ResponseParts,
}

impl<C> Reply<C> {
    /// The code with its parts.
    pub fn new(code: C, parts: ResponseParts) -> Self {
        Reply { code, parts }
    }
}

impl<C: CatalogCode> IntoResponse for Reply<C> {
    fn into_response(self) -> Response {
        self.code.response(&self.parts).into_response()
    }
}
