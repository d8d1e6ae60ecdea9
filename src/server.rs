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
    /// The timestamp; defaults to `at`, in RFC 3339.
    pub timestamp: Option<String>,
    /// A short summary of the problem, for an envelope with a `title` field (RFC 9457);
    /// defaults to the status table's name for the status (what RFC 9457 asks of
    /// `about:blank`).
    pub title: Option<String>,
    /// How `Retry-After` states the delay: seconds (the default) or an HTTP-date.
    pub retry_after_form: RetryAfterForm,
    /// When the response is sent, for the timestamp, an HTTP-date and a reset time;
    /// defaults to now.
    pub at: Option<SystemTime>,
}

/// The two forms RFC 9110 gives `Retry-After`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum RetryAfterForm {
    /// Whole seconds, rounded up (`1.5 s` is `2`): waiting less than asked fails again.
    #[default]
    Seconds,
    /// An IMF-fixdate: the moment the wait ends, rounded up to the next second.
    HttpDate,
}

/// A response ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorResponse {
    /// The HTTP status.
    pub status: u16,
    /// Headers, `Content-Type` first.
    pub headers: Vec<(String, String)>,
    /// The body: JSON, or XML for an API whose envelope has an XML media type, or the
    /// message alone at a status documented as plain text.
    pub body: String,
    /// The parts the caller gave that this API's envelope has no field for, so they are
    /// not in the body (a `request_id` for an envelope without one): a signal, not an
    /// error, since the documented envelope is still what is sent.
    pub unplaced: Vec<FieldRole>,
}

/// What one response says about its error: a documented code's row, or an undocumented
/// code with only what the status tells.
struct Subject<'a> {
    status: u16,
    wire: &'a str,
    sub_code: Option<&'a str>,
    message: Option<&'a str>,
    description: &'a str,
    error_type: Option<&'a str>,
    doc_url: Option<&'a str>,
    rule: RetryRule,
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

/// Whole seconds, rounded up: a client that waits the announced time must not come back
/// early (1.5 s is 2, 0.4 s is 1).
fn ceil_secs(delay: Duration) -> u64 {
    delay.as_secs() + u64::from(delay.subsec_nanos() > 0)
}

/// Whole milliseconds, rounded up.
fn ceil_millis(delay: Duration) -> u64 {
    let millis = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
    millis.saturating_add(u64::from(delay.subsec_nanos() % 1_000_000 > 0))
}

/// A delay as the field's type and role want it.
fn delay_value(delay: Duration, field: &crate::FieldSpec) -> Value {
    match (field.role, field.kind) {
        (Some(FieldRole::RetryAfterMs), _) => Value::from(ceil_millis(delay)),
        (_, FieldKind::Duration) => Value::from(format!("{}s", ceil_secs(delay))),
        _ => Value::from(ceil_secs(delay)),
    }
}

/// A delay as the header `name` states it: a reset header documented as a Unix
/// timestamp gets the moment the wait ends, `Retry-After` (or a header documented with
/// its grammar) seconds or an HTTP-date as asked, anything else whole seconds.
fn delay_header_value(
    name: &str,
    delay: Duration,
    spec: &crate::ApiSpec,
    parts: &ResponseParts,
    at: SystemTime,
) -> String {
    let until = at
        .checked_add(Duration::from_secs(ceil_secs(delay)))
        .unwrap_or(at);
    let format = spec.header(name).map(|h| h.format);
    let is_retry_after = name.eq_ignore_ascii_case("retry-after")
        || format == Some(crate::HeaderFormat::DelaySecondsOrHttpDate);
    match format {
        Some(crate::HeaderFormat::UnixTimestamp) => {
            let epoch = until
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or(Duration::ZERO);
            epoch.as_secs().to_string()
        }
        _ if is_retry_after && parts.retry_after_form == RetryAfterForm::HttpDate => {
            crate::headers::format_http_date(until)
        }
        _ => ceil_secs(delay).to_string(),
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
    let info = code.info();
    build(
        C::SPEC,
        &Subject {
            status: info.status,
            wire: info.wire,
            sub_code: info.sub_code,
            message: info.message,
            description: info.description,
            error_type: info.error_type,
            doc_url: info.doc_url,
            rule: code.retry(),
        },
        parts,
    )
}

/// Builds the documented envelope for a code the catalog does not have (a code newer
/// than the catalog, or one a server adds): the same body shape, headers and retry
/// announcement as a documented code of that status, with the status table's rule.
pub fn build_undocumented_response<C: CatalogCode>(
    status: u16,
    code: &str,
    parts: &ResponseParts,
) -> ErrorResponse {
    let spec = C::SPEC;
    build(
        spec,
        &Subject {
            status,
            wire: code,
            sub_code: None,
            message: None,
            description: spec.status(status).map_or("", |row| row.name),
            error_type: None,
            doc_url: None,
            rule: spec.status_retry(status),
        },
        parts,
    )
}

/// The message a response carries: for a message-identified API the documented text
/// (the identifier), else the caller's, the code's documented message or its
/// description.
fn message_of(spec: &crate::ApiSpec, subject: &Subject<'_>, parts: &ResponseParts) -> String {
    match spec.identified_by {
        IdentifiedBy::Message => subject.wire.to_owned(),
        IdentifiedBy::Code => parts
            .message
            .clone()
            .or(subject.message.map(str::to_owned))
            .unwrap_or_else(|| subject.description.to_owned()),
    }
}

fn build(spec: &crate::ApiSpec, subject: &Subject<'_>, parts: &ResponseParts) -> ErrorResponse {
    let at = parts.at.unwrap_or_else(SystemTime::now);
    let rule = subject.rule;
    let delay = announced_delay(&rule, parts);
    let delay_source = crate::decision::delay_source(&rule);
    // At a status documented as plain text the body is the message alone.
    let content_type = spec.content_type_at(subject.status);
    let (body, placed) = if spec.is_plain_text_at(subject.status) {
        (message_of(spec, subject, parts), vec![FieldRole::Message])
    } else {
        let (body, placed) = envelope_body(spec, subject, parts, delay, at);
        (serialize(body, content_type), placed)
    };
    let mut headers = vec![("Content-Type".to_owned(), content_type.to_owned())];
    let mut announced = false;
    if let Some(delay) = delay {
        let header = delay_source.and_then(|d| d.header).or(match rule {
            RetryRule::RetryAfter { .. } | RetryRule::Wait { .. } => Some("Retry-After"),
            _ => None,
        });
        if let Some(name) = header {
            let value = delay_header_value(name, delay, spec, parts, at);
            headers.push((name.to_owned(), value));
            announced = true;
        }
    }
    let given = [
        (
            FieldRole::Message,
            parts.message.is_some() && spec.identified_by == IdentifiedBy::Code,
        ),
        (FieldRole::Param, parts.param.is_some()),
        (FieldRole::RequestId, parts.request_id.is_some()),
        (FieldRole::Details, parts.details.is_some()),
        (FieldRole::Messages, !parts.messages.is_empty()),
        (FieldRole::Timestamp, parts.timestamp.is_some()),
        (FieldRole::Title, parts.title.is_some()),
    ];
    let mut unplaced: Vec<FieldRole> = given
        .into_iter()
        .filter(|(role, given)| *given && !placed.contains(role))
        .map(|(role, _)| role)
        .collect();
    // A delay is placed when a header or a body field carries it.
    let delay_placed = announced
        || placed.contains(&FieldRole::RetryAfter)
        || placed.contains(&FieldRole::RetryAfterMs);
    if parts.retry_after.is_some() && !delay_placed {
        unplaced.push(FieldRole::RetryAfter);
    }
    ErrorResponse {
        status: subject.status,
        headers,
        body,
        unplaced,
    }
}

/// The envelope for `subject`, field by field, and the roles it placed.
fn envelope_body(
    spec: &crate::ApiSpec,
    subject: &Subject<'_>,
    parts: &ResponseParts,
    delay: Option<Duration>,
    at: SystemTime,
) -> (Value, Vec<FieldRole>) {
    let delay_source = crate::decision::delay_source(&subject.rule);
    let mut body = Value::Null;
    let mut placed: Vec<FieldRole> = Vec::new();
    for field in spec.envelope.fields {
        let value: Option<Value> = if let Some(constant) = field.constant {
            serde_json::from_str(constant).ok()
        } else {
            match field.role {
                Some(FieldRole::Code) => Some(errcat_vocab::code_value(subject.wire, field.kind)),
                Some(FieldRole::SubCode) => subject
                    .sub_code
                    .map(|sub| errcat_vocab::code_value(sub, field.kind)),
                Some(FieldRole::Message) => Some(Value::from(message_of(spec, subject, parts))),
                Some(FieldRole::Type) => subject.error_type.map(Value::from),
                Some(FieldRole::Param) => parts.param.clone().map(Value::from),
                Some(FieldRole::DocUrl) => subject.doc_url.map(Value::from),
                Some(FieldRole::RequestId) => parts.request_id.clone().map(Value::from),
                Some(FieldRole::Details) => parts.details.clone(),
                Some(FieldRole::Timestamp) => Some(Value::from(
                    parts
                        .timestamp
                        .clone()
                        .unwrap_or_else(|| crate::headers::rfc3339(at)),
                )),
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
                Some(FieldRole::Status) => Some(Value::from(subject.status)),
                Some(FieldRole::Title) => parts
                    .title
                    .clone()
                    .or_else(|| spec.status(subject.status).map(|row| row.name.to_owned()))
                    .map(Value::from),
                _ => None,
            }
        };
        if value.is_some() {
            placed.extend(field.role);
        }
        match value {
            Some(value) => field.field_path().set_in(&mut body, value),
            None if field.required && field.nullable => {
                field.field_path().set_in(&mut body, Value::Null)
            }
            None if field.required => {
                let empty = match field.kind {
                    FieldKind::Object => Value::Object(Map::new()),
                    FieldKind::StringArray | FieldKind::Array => Value::Array(Vec::new()),
                    _ => Value::Null,
                };
                field.field_path().set_in(&mut body, empty);
            }
            None => {}
        }
    }
    (body, placed)
}
