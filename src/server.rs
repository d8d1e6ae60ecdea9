//! Server side: the documented response for a code (status, headers and the exact
//! envelope), with the request-specific parts supplied by the caller.

use std::time::{Duration, SystemTime};

use serde_json::{Map, Value};

use crate::{CatalogCode, FieldKind, FieldRole, IdentifiedBy, RetryRule, Step};

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
    /// The body: JSON, or XML for an API whose envelope has an XML media type.
    pub body: String,
}

/// Writes `value` at `path`, making the objects and arrays on the way: `[]` and `[0]`
/// write into the first element, `[N]` into the N-th (earlier ones left empty objects),
/// `[key=value]` into the element with that member (added when missing).
fn set_path(root: &mut Value, path: &str, value: Value) {
    let steps: Vec<Step<'_>> = crate::FieldPath::new_unchecked(path).steps().collect();
    let mut current = root;
    for step in steps {
        current = match step {
            Step::Key(key) => {
                if !current.is_object() {
                    *current = Value::Object(Map::new());
                }
                let Value::Object(map) = current else { return };
                map.entry(key.to_owned()).or_insert(Value::Null)
            }
            Step::Each | Step::Index(_) => {
                let index = match step {
                    Step::Index(index) => index.min(1024),
                    _ => 0,
                };
                let array = array_at(current);
                while array.len() <= index {
                    array.push(Value::Object(Map::new()));
                }
                &mut array[index]
            }
            Step::Where { key, value: wanted } => {
                let array = array_at(current);
                let at = array
                    .iter()
                    .position(|e| e.get(key).and_then(Value::as_str) == Some(wanted));
                let at = at.unwrap_or_else(|| {
                    let mut element = Map::new();
                    element.insert(key.to_owned(), Value::from(wanted));
                    array.push(Value::Object(element));
                    array.len() - 1
                });
                &mut array[at]
            }
        };
    }
    *current = value;
}

fn array_at(value: &mut Value) -> &mut Vec<Value> {
    if !value.is_array() {
        *value = Value::Array(Vec::new());
    }
    match value {
        Value::Array(array) => array,
        _ => unreachable!("just made an array"),
    }
}

/// The body in the envelope's format: XML for an XML media type, else JSON.
fn serialize(body: Value, content_type: &str) -> String {
    let body = match body {
        Value::Null => Value::Object(Map::new()),
        body => body,
    };
    #[cfg(feature = "xml")]
    if crate::is_xml_media_type(content_type) {
        return errcat_vocab::xml::write(&body);
    }
    let _ = content_type;
    body.to_string()
}

/// A code as the field's type wants it: an integer field gets a JSON number.
fn code_value(text: &str, kind: FieldKind) -> Value {
    match (kind, text.parse::<i64>()) {
        (FieldKind::Integer, Ok(n)) => Value::from(n),
        _ => Value::from(text),
    }
}

/// A delay as the field's type and role want it.
fn delay_value(delay: Duration, field: &crate::FieldSpec) -> Value {
    match (field.role, field.kind) {
        (Some(FieldRole::RetryAfterMs), _) => Value::from(delay.as_millis() as u64),
        (_, FieldKind::Duration) => Value::from(format!("{}s", delay.as_secs())),
        _ => Value::from(delay.as_secs()),
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
    let mut body = Value::Null;
    for field in spec.envelope.fields {
        let value: Option<Value> = if let Some(constant) = field.constant {
            serde_json::from_str(constant).ok()
        } else {
            match field.role {
                Some(FieldRole::Code) => Some(code_value(info.wire, field.kind)),
                Some(FieldRole::SubCode) => info.sub_code.map(|sub| code_value(sub, field.kind)),
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
                Some(FieldRole::RetryAfter | FieldRole::RetryAfterMs) => {
                    // Only the body field the rule names, or any when the rule names none.
                    let named = delay_source.and_then(|d| d.body_field);
                    delay
                        .filter(|_| named.is_none_or(|path| path == field.path))
                        .map(|d| delay_value(d, field))
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
                    FieldKind::StringArray | FieldKind::Array => Value::Array(Vec::new()),
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
        body: serialize(body, spec.envelope.content_type),
    }
}
