//! Server side: the documented response for a code (status, headers and the exact
//! envelope), with the request-specific parts supplied by the caller.

use std::time::{Duration, SystemTime};

use serde_json::{Map, Value};

use crate::{CatalogCode, FieldKind, FieldRole, IdentifiedBy, RetryRule};

/// The request-specific parts of an error response. Everything is optional: what the
/// envelope requires and the caller leaves out is filled from the catalog (the code's
/// documented message or description) or, for timestamps, from the clock.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResponseParts {
    /// The message, for APIs identified by code (message-identified APIs always send
    /// the documented text, since it is the identifier).
    pub message: Option<String>,
    /// The parameter at fault.
    pub param: Option<String>,
    /// The request id.
    pub request_id: Option<String>,
    /// Free-form details.
    pub details: Option<Value>,
    /// A list of messages, where the envelope has one.
    pub messages: Vec<String>,
    /// How long the client should wait; sent in the rule's header and body field.
    pub retry_after: Option<Duration>,
    /// The timestamp; defaults to now, in RFC 3339.
    pub timestamp: Option<String>,
}

/// A response ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorResponse {
    /// The HTTP status.
    pub status: u16,
    /// Headers, `Content-Type` first.
    pub headers: Vec<(String, String)>,
    /// The JSON body.
    pub body: String,
}

fn set_path(root: &mut Map<String, Value>, path: &str, value: Value) {
    let mut segments = crate::FieldPath::new_unchecked(path).segments().peekable();
    let mut current = root;
    while let Some(segment) = segments.next() {
        if segments.peek().is_none() {
            current.insert(segment.to_owned(), value);
            return;
        }
        let entry = current
            .entry(segment.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        current = match entry {
            Value::Object(map) => map,
            _ => return,
        };
    }
}

/// The delay a response for `rule` announces: the caller's, or the rule's documented
/// minimum wait.
fn announced_delay(rule: &RetryRule, parts: &ResponseParts) -> Option<Duration> {
    parts.retry_after.or(match rule {
        RetryRule::Wait { window, .. } => Some(Duration::from_secs(window.min_seconds)),
        _ => None,
    })
}

/// Builds the documented response for `code`.
pub fn build_response<C: CatalogCode>(code: C, parts: &ResponseParts) -> ErrorResponse {
    let spec = C::SPEC;
    let info = code.info();
    let rule = code.retry();
    let delay = announced_delay(&rule, parts);
    let delay_source = crate::decision::delay_source(&rule);
    let mut body = Map::new();
    for field in spec.envelope.fields {
        let value: Option<Value> = if let Some(constant) = field.constant {
            serde_json::from_str(constant).ok()
        } else {
            match field.role {
                Some(FieldRole::Code) => Some(Value::from(info.wire)),
                Some(FieldRole::Message) => Some(Value::from(match spec.identified_by {
                    IdentifiedBy::Message => info.wire.to_owned(),
                    IdentifiedBy::Code => parts
                        .message
                        .clone()
                        .or(info.message.map(str::to_owned))
                        .unwrap_or_else(|| info.description.to_owned()),
                })),
                Some(FieldRole::Type) => info.error_type.map(Value::from),
                Some(FieldRole::Param) => parts.param.clone().map(Value::from),
                Some(FieldRole::DocUrl) => info.doc_url.map(Value::from),
                Some(FieldRole::RequestId) => parts.request_id.clone().map(Value::from),
                Some(FieldRole::Details) => parts.details.clone(),
                Some(FieldRole::Timestamp) => {
                    Some(Value::from(parts.timestamp.clone().unwrap_or_else(|| {
                        crate::headers::rfc3339(SystemTime::now())
                    })))
                }
                Some(FieldRole::RetryAfter) => {
                    // Only the body field the rule names, or any when the rule names none.
                    let named = delay_source.and_then(|d| d.body_field);
                    delay
                        .filter(|_| named.is_none_or(|path| path == field.path))
                        .map(|d| Value::from(d.as_secs()))
                }
                Some(FieldRole::Messages) => {
                    (!parts.messages.is_empty()).then(|| Value::from(parts.messages.clone()))
                }
                Some(FieldRole::Success) => Some(Value::Bool(false)),
                _ => None,
            }
        };
        match value {
            Some(value) => set_path(&mut body, field.path, value),
            None if field.required && field.nullable => {
                set_path(&mut body, field.path, Value::Null)
            }
            None if field.required => {
                let empty = match field.kind {
                    FieldKind::Object => Value::Object(Map::new()),
                    FieldKind::StringArray => Value::Array(Vec::new()),
                    _ => Value::Null,
                };
                set_path(&mut body, field.path, empty);
            }
            None => {}
        }
    }
    let mut headers = vec![(
        "Content-Type".to_owned(),
        spec.envelope.content_type.to_owned(),
    )];
    if let Some(delay) = delay {
        let header = delay_source.and_then(|d| d.header).or(match rule {
            RetryRule::RetryAfter { .. } | RetryRule::Wait { .. } => Some("Retry-After"),
            _ => None,
        });
        if let Some(name) = header {
            headers.push((name.to_owned(), delay.as_secs().to_string()));
        }
    }
    ErrorResponse {
        status: info.status,
        headers,
        body: Value::Object(body).to_string(),
    }
}
