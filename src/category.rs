//! The canonical category of an error, shared by every API.

/// What kind of failure an error is, in words shared by every API, so one program can
/// handle errors from many APIs alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Category {
    /// Missing, invalid or expired credentials.
    Authentication,
    /// Valid credentials without the right to do this.
    Permission,
    /// The request is malformed or fails validation.
    InvalidRequest,
    /// The resource does not exist.
    NotFound,
    /// The request conflicts with the resource's state.
    Conflict,
    /// Payment or credit is needed.
    Payment,
    /// Too many requests.
    RateLimited,
    /// The service is temporarily unable to serve.
    Unavailable,
    /// A provider or upstream service failed.
    Upstream,
    /// An unexpected server-side failure.
    Internal,
    /// Accepted work that failed while being processed.
    Processing,
}

impl Category {
    /// Every category.
    pub const ALL: &'static [Category] = &[
        Category::Authentication,
        Category::Permission,
        Category::InvalidRequest,
        Category::NotFound,
        Category::Conflict,
        Category::Payment,
        Category::RateLimited,
        Category::Unavailable,
        Category::Upstream,
        Category::Internal,
        Category::Processing,
    ];

    /// The snake_case name used in catalogs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Authentication => "authentication",
            Category::Permission => "permission",
            Category::InvalidRequest => "invalid_request",
            Category::NotFound => "not_found",
            Category::Conflict => "conflict",
            Category::Payment => "payment",
            Category::RateLimited => "rate_limited",
            Category::Unavailable => "unavailable",
            Category::Upstream => "upstream",
            Category::Internal => "internal",
            Category::Processing => "processing",
        }
    }

    /// The category an HTTP status implies, for responses whose code is unknown.
    pub const fn from_status(status: u16) -> Category {
        match status {
            401 => Category::Authentication,
            403 => Category::Permission,
            404 | 410 => Category::NotFound,
            409 => Category::Conflict,
            402 => Category::Payment,
            429 => Category::RateLimited,
            502 | 504 => Category::Upstream,
            503 => Category::Unavailable,
            500..=599 => Category::Internal,
            200..=299 => Category::Processing,
            _ => Category::InvalidRequest,
        }
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
