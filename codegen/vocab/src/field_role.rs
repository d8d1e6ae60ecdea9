//! What an envelope field carries.

use crate::FieldKind;

vocabulary! {
    /// What an envelope field carries, when it carries something errcat reads or writes.
    #[non_exhaustive]
    pub enum FieldRole {
        /// The machine-readable error code.
        Code = "code" => "error code",
        /// A finer code under the error code (a decline code, an inner error's code).
        SubCode = "sub_code" => "finer error code",
        /// The human-readable message.
        Message = "message" => "message",
        /// The error type (category) name.
        Type = "type" => "error type",
        /// The request parameter at fault.
        Param = "param" => "parameter at fault",
        /// A link to the error's documentation.
        DocUrl = "doc_url" => "documentation link",
        /// An id to quote to support.
        RequestId = "request_id" => "request id",
        /// Free-form, code-specific extra data.
        Details = "details" => "details",
        /// When the error happened.
        Timestamp = "timestamp" => "timestamp",
        /// Seconds to wait before retrying (a number, or a duration string).
        RetryAfter = "retry_after" => "seconds to wait",
        /// Milliseconds to wait before retrying.
        RetryAfterMs = "retry_after_ms" => "milliseconds to wait",
        /// The `success: false` flag.
        Success = "success" => "success flag",
        /// A list of messages (e.g. validation errors).
        Messages = "messages" => "list of messages",
        /// The HTTP status, repeated in the body (RFC 9457 `status`).
        Status = "status" => "HTTP status",
        /// A short summary of the kind of problem (RFC 9457 `title`).
        Title = "title" => "summary of the problem",
    }
}

impl FieldRole {
    /// The JSON types a field with this role may have: errcat reads codes as text or
    /// integers, messages and the like as text, a delay as a number or duration string.
    pub const fn kinds(self) -> &'static [FieldKind] {
        match self {
            FieldRole::Code | FieldRole::SubCode => &[FieldKind::String, FieldKind::Integer],
            FieldRole::Message
            | FieldRole::Type
            | FieldRole::Param
            | FieldRole::DocUrl
            | FieldRole::RequestId
            | FieldRole::Timestamp
            | FieldRole::Title => &[FieldKind::String],
            FieldRole::Status => &[FieldKind::Integer, FieldKind::Number],
            FieldRole::RetryAfter => &[FieldKind::Integer, FieldKind::Number, FieldKind::Duration],
            FieldRole::RetryAfterMs => &[FieldKind::Integer, FieldKind::Number],
            FieldRole::Success => &[FieldKind::Boolean],
            FieldRole::Messages => &[FieldKind::StringArray],
            FieldRole::Details => &[FieldKind::Object, FieldKind::Array],
        }
    }
}
