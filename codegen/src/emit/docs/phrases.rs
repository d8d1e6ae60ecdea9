//! Catalog enums and numbers in the words a reader expects on an error page.

use crate::load::document::{
    CloseAction, Context, EnvelopeFamily, FieldDoc, FieldRole, FieldType, HeaderFormat, HeaderRole,
};

pub use crate::text::serde_name as name;

/// The envelope family as the shape of a body.
pub fn family(family: EnvelopeFamily) -> &'static str {
    match family {
        EnvelopeFamily::NestedObject => {
            "a nested object, `{\"error\": {\"code\": ..., \"message\": ...}}`, with the fields below"
        }
        EnvelopeFamily::BareString => {
            "a bare string, `{\"error\": \"message\"}`, with the fields below"
        }
        EnvelopeFamily::SuccessFlag => {
            "a success flag and a message, `{\"success\": false, \"error\": \"message\"}`"
        }
    }
}

/// A field's JSON type, `or null` included.
pub fn field_type(field: &FieldDoc) -> String {
    let ty = match field.ty {
        FieldType::String => "string",
        FieldType::Integer => "integer",
        FieldType::Number => "number",
        FieldType::Boolean => "boolean",
        FieldType::Object => "object",
        FieldType::StringArray => "array of strings",
    };
    if field.nullable {
        format!("{ty} or null")
    } else {
        ty.to_owned()
    }
}

/// What errcat reads from a field.
pub fn field_role(role: Option<FieldRole>) -> &'static str {
    match role {
        None => "—",
        Some(FieldRole::Code) => "error code",
        Some(FieldRole::Message) => "message",
        Some(FieldRole::Type) => "error type",
        Some(FieldRole::Param) => "parameter at fault",
        Some(FieldRole::DocUrl) => "documentation link",
        Some(FieldRole::RequestId) => "request id",
        Some(FieldRole::Details) => "details",
        Some(FieldRole::Timestamp) => "timestamp",
        Some(FieldRole::RetryAfter) => "seconds to wait",
        Some(FieldRole::Success) => "success flag",
        Some(FieldRole::Messages) => "list of messages",
    }
}

/// What a response header tells a client.
pub fn header_role(role: HeaderRole) -> &'static str {
    match role {
        HeaderRole::RetryAfter => "how long to wait before retrying",
        HeaderRole::RateLimitLimit => "the request quota of the window",
        HeaderRole::RateLimitRemaining => "requests left in the window",
        HeaderRole::RateLimitReset => "when the window resets",
        HeaderRole::Other => "other",
    }
}

/// How a header value is written.
pub fn header_format(format: HeaderFormat) -> &'static str {
    match format {
        HeaderFormat::DelaySeconds => "whole seconds",
        HeaderFormat::DelaySecondsOrHttpDate => "seconds, or an HTTP-date",
        HeaderFormat::UnixTimestamp => "Unix timestamp (seconds)",
        HeaderFormat::Integer => "integer",
        HeaderFormat::Text => "text",
    }
}

/// What a client should do when a WebSocket closes with a code.
pub fn close_action(action: CloseAction) -> &'static str {
    match action {
        CloseAction::None => "Nothing: a clean close.",
        CloseAction::Reconnect => "Reconnect, with backoff.",
        CloseAction::ReconnectWithNewToken => "Get a new token, then reconnect.",
        CloseAction::SlowDown => "Send less, then carry on.",
        CloseAction::FixMessage => "Fix the message that was sent; do not resend it as is.",
        CloseAction::Stop => "Stop: the session is over or access is refused.",
    }
}

/// Where an error is reported.
pub fn context(context: Context) -> &'static str {
    match context {
        Context::Http => "an HTTP error response",
        Context::Websocket => "the close of a WebSocket",
        Context::Poll => {
            "the body of a successful poll response whose job failed (`status: \"failed\"`)"
        }
    }
}

/// A size in bytes, with the binary unit when it is a whole one.
pub fn bytes(n: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n % MIB == 0 {
        format!("{} MiB ({n} bytes)", n / MIB)
    } else if n >= KIB && n % KIB == 0 {
        format!("{} KiB ({n} bytes)", n / KIB)
    } else {
        format!("{n} bytes")
    }
}

/// `1 code`, `2 codes`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_names() {
        assert_eq!(bytes(1_048_576), "1 MiB (1048576 bytes)");
        assert_eq!(bytes(65_536), "64 KiB (65536 bytes)");
        assert_eq!(bytes(1000), "1000 bytes");
        assert_eq!(
            name(&CloseAction::ReconnectWithNewToken),
            "reconnect_with_new_token"
        );
        assert_eq!(count(1, "code", "codes"), "1 code");
    }
}
