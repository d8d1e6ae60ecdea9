//! The canonical category of an error, shared by every API.

vocabulary! {
    /// What kind of failure an error is, in words shared by every API, so one program can
    /// handle errors from many APIs alike.
    #[non_exhaustive]
    pub enum Category {
        /// Missing, invalid or expired credentials.
        Authentication = "authentication" => "missing, invalid or expired credentials",
        /// Valid credentials without the right to do this.
        Permission = "permission" => "credentials without the right to do this",
        /// The request is malformed or fails validation.
        InvalidRequest = "invalid_request" => "a malformed or invalid request",
        /// The resource does not exist.
        NotFound = "not_found" => "a resource that does not exist",
        /// The request conflicts with the resource's state.
        Conflict = "conflict" => "a conflict with the resource's state",
        /// Payment or credit is needed.
        Payment = "payment" => "payment or credit needed",
        /// Too many requests.
        RateLimited = "rate_limited" => "too many requests",
        /// The service is temporarily unable to serve.
        Unavailable = "unavailable" => "the service temporarily unable to serve",
        /// A provider or upstream service failed.
        Upstream = "upstream" => "a provider or upstream failure",
        /// An unexpected server-side failure.
        Internal = "internal" => "an unexpected server-side failure",
        /// Accepted work that failed while being processed.
        Processing = "processing" => "accepted work that failed while being processed",
    }
}

impl Category {
    /// The category an HTTP status implies: the generator's default for an error whose
    /// entry and type name none, and the runtime's for a response whose code is unknown.
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
