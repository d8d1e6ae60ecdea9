//! Client side: any HTTP error response of an API, read into a typed [`ApiError`] that
//! never fails and keeps everything that was there.

use std::fmt;
use std::time::{Duration, SystemTime};

use errcat_vocab::text_of;
use serde_json::{Map, Value};

use crate::{CatalogCode, Category, FieldKind, FieldRole, IdentifiedBy, RetryRule, WireCode};

/// Bodies larger than this are not parsed (a proxy's error page or a runaway stream is
/// kept as a truncated raw prefix instead).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// How much of a body that is not the documented envelope is kept, in bytes.
pub const MAX_RAW_BYTES: usize = 64 * 1024;
/// How many response headers are kept, and how long each value may be.
pub const MAX_HEADERS: usize = 128;
const MAX_HEADER_VALUE: usize = 8 * 1024;

/// What the body turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BodyShape {
    /// The API's documented envelope (or, at a status documented as plain text, the
    /// text: then [`ApiError::message`] holds it).
    Documented,
    /// No body (or only white space).
    Empty,
    /// JSON, but not the documented envelope.
    UndocumentedJson,
    /// Not in the envelope's format: not JSON (an HTML page from a proxy, plain text at a
    /// status the catalog does not document as plain text,
    /// invalid UTF-8 ...), or for an XML API not well-formed XML.
    NotJson,
    /// Larger than [`MAX_BODY_BYTES`]; not parsed.
    TooLarge,
}

/// An error response of an API, with everything it said.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError<C> {
    /// The HTTP status.
    pub status: u16,
    /// The error's code: from the code field, or for message-identified APIs from the
    /// message and status; where the body names no documented code, the one a documented
    /// header condition selects (the body's own text stays in `errors` and `message`).
    /// `None` when neither names one. For a list of errors, the first error's.
    pub code: Option<WireCode<C>>,
    /// The finer code under the code, as sent, where the API has them.
    pub sub_code: Option<String>,
    /// Every error of the body, in order: one per element of a list of errors, else one.
    /// The first is the primary error, whose facts the other fields hold.
    pub errors: Vec<ErrorItem<C>>,
    /// The human-readable message.
    pub message: Option<String>,
    /// A list of messages (e.g. validation errors), where the API sends one.
    pub messages: Vec<String>,
    /// The error type, as sent.
    pub error_type: Option<String>,
    /// The parameter at fault.
    pub param: Option<String>,
    /// The request id to quote to support.
    pub request_id: Option<String>,
    /// The documentation link the body carried.
    pub doc_url: Option<String>,
    /// When the error happened, as sent.
    pub timestamp: Option<String>,
    /// Free-form details.
    pub details: Option<Value>,
    /// A delay in seconds from the body (`retryAfterSeconds`, `retry_after`, ...): the
    /// field the code's rule names, else the first delay field present.
    pub body_retry_after: Option<f64>,
    /// Response headers (names lower-cased), bounded by [`MAX_HEADERS`].
    pub headers: Vec<(String, String)>,
    /// What the body was.
    pub shape: BodyShape,
    /// The raw body (lossy UTF-8, at most [`MAX_RAW_BYTES`]) when it was not the
    /// documented envelope.
    pub raw_body: Option<String>,
    /// The members of a documented body that its envelope does not document, by their
    /// path (`error.trace_id`): at the top level and inside the objects that hold
    /// documented fields, so nothing the API sent is lost.
    pub extra: Map<String, Value>,
}

fn lossy_prefix(bytes: &[u8], limit: usize) -> String {
    let mut end = bytes.len().min(limit);
    // Do not cut a UTF-8 sequence in half when it is valid.
    while end > 0 && end < bytes.len() && (bytes[end] & 0b1100_0000) == 0b1000_0000 {
        end -= 1;
    }
    String::from_utf8_lossy(&bytes[..end]).into_owned()
}

/// The value at a path (for `[]`, in the first element that has it).
pub(crate) fn value_at<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    crate::FieldPath::new_unchecked(path).find_in(value)
}

/// A delay field's value in seconds: a number (of seconds, or of milliseconds for the
/// `retry_after_ms` role), numeric text, or a duration string (`30s`, `1.5s`, `PT30S`).
fn seconds_of(value: &Value, role: Option<FieldRole>) -> Option<f64> {
    let scale = if role == Some(FieldRole::RetryAfterMs) {
        0.001
    } else {
        1.0
    };
    let seconds = match value {
        Value::Number(n) => n.as_f64()? * scale,
        Value::String(s) => match s.trim().parse::<f64>() {
            Ok(n) => n * scale,
            Err(_) => crate::duration::parse_seconds(s)?,
        },
        _ => return None,
    };
    (seconds.is_finite() && seconds >= 0.0).then_some(seconds)
}

/// One error of a body. A body with a list of errors has one per element; any other
/// body has exactly one.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ErrorItem<C> {
    /// Its code, classified together with its sub-code where the API has them.
    pub code: Option<WireCode<C>>,
    /// The finer code under the code, as sent.
    pub sub_code: Option<String>,
    /// Its message.
    pub message: Option<String>,
    /// Its error type, as sent.
    pub error_type: Option<String>,
    /// The parameter at fault.
    pub param: Option<String>,
    /// The values of the placeholders of the message pattern it matched, by name.
    pub placeholders: Vec<(&'static str, String)>,
    /// Whether the body sent the code (rather than the envelope's `absent_means`).
    code_sent: bool,
}

impl<C: CatalogCode> ErrorItem<C> {
    /// The documented code, if the item named one the catalog knows.
    pub fn known_code(&self) -> Option<C> {
        self.code.as_ref().and_then(WireCode::known)
    }
}

/// Where a body's fields are read: the whole body, and for a list of errors the element
/// of the list being read.
struct Scope<'v> {
    body: &'v Value,
    /// The path of the error list (`errors`, or the root) and the element being read.
    element: Option<(crate::FieldPath<'static>, &'v Value)>,
}

impl<'v> Scope<'v> {
    fn value(&self, path: crate::FieldPath<'static>) -> Option<&'v Value> {
        if let Some((list, element)) = self.element {
            if let Some((prefix, rest)) = path.split_at_each() {
                if prefix == list {
                    return rest.find_in(element);
                }
            }
        }
        path.find_in(self.body)
    }

    fn text(&self, spec: &crate::EnvelopeSpec, role: FieldRole) -> Option<String> {
        spec.fields_with(role)
            .find_map(|f| self.value(f.field_path()).and_then(text_of))
    }
}

impl<C: CatalogCode> ApiError<C> {
    /// Reads a response. Never fails and never panics, whatever the status, headers or
    /// body: an unknown code keeps its text, a body that is not the envelope is kept raw
    /// (bounded), and status, category and retry rule still follow from the status.
    ///
    /// The body names the code. Where it names none the catalog documents (no code
    /// field, an unknown code or message, an empty or unreadable body), a documented
    /// header condition may: GitHub's 403 with `x-ratelimit-remaining: 0` is its rate
    /// limit. The body comes first because it is the API's own word for which error
    /// this is; a quota header can read 0 on a response that spent the last unit of
    /// quota and failed for another reason.
    pub fn from_response<K, V>(
        status: u16,
        headers: impl IntoIterator<Item = (K, V)>,
        body: &[u8],
    ) -> Self
    where
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let mut error = Self::read_response(status, headers, body);
        if error.known_code().is_none() {
            if let Some(code) = C::from_headers(status, |name| error.header(name)) {
                error.code = Some(WireCode::Known(code));
            }
        }
        error
    }

    /// [`Self::from_response`] without the header conditions: what the body says.
    fn read_response<K, V>(
        status: u16,
        headers: impl IntoIterator<Item = (K, V)>,
        body: &[u8],
    ) -> Self
    where
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let headers: Vec<(String, String)> = headers
            .into_iter()
            .take(MAX_HEADERS)
            .map(|(k, v)| {
                let name: String = k.as_ref().chars().take(256).collect();
                (
                    name.to_ascii_lowercase(),
                    lossy_prefix(v.as_ref(), MAX_HEADER_VALUE),
                )
            })
            .collect();
        let mut error = ApiError {
            status,
            code: None,
            sub_code: None,
            errors: Vec::new(),
            message: None,
            messages: Vec::new(),
            error_type: None,
            param: None,
            request_id: None,
            doc_url: None,
            timestamp: None,
            details: None,
            body_retry_after: None,
            headers,
            shape: BodyShape::Documented,
            raw_body: None,
            extra: Map::new(),
        };
        if body.iter().all(u8::is_ascii_whitespace) {
            error.shape = BodyShape::Empty;
            return error;
        }
        if body.len() > MAX_BODY_BYTES {
            error.shape = BodyShape::TooLarge;
            error.raw_body = Some(lossy_prefix(body, MAX_RAW_BYTES));
            return error;
        }
        // serde_json limits nesting to 128 levels, so deep documents fail cleanly (the
        // XML reader refuses them the same way).
        let parsed = parse_body::<C>(body);
        // At a status whose bodies are plain text, the text is the message, unless the
        // server sent the documented envelope after all (then the envelope says more), or
        // the response says it is something else (a proxy's HTML page is not the API's
        // message).
        let plain_text = C::SPEC.is_plain_text_at(status)
            && error
                .header("content-type")
                .is_none_or(crate::is_plain_text_media_type);
        if plain_text {
            if let Some(json) = &parsed {
                let mut enveloped = error.clone();
                if enveloped.read_envelope(json) {
                    return enveloped;
                }
            }
            error.read_plain_text(body);
            return error;
        }
        let json: Value = match parsed {
            Some(json) => json,
            None => {
                error.shape = BodyShape::NotJson;
                error.raw_body = Some(lossy_prefix(body, MAX_RAW_BYTES));
                return error;
            }
        };
        if !error.read_envelope(&json) {
            error.forget_codes_not_sent();
            error.shape = BodyShape::UndocumentedJson;
            error.raw_body = Some(lossy_prefix(body, MAX_RAW_BYTES));
        }
        error
    }

    /// A body that is not the envelope keeps what it sent, but not a code it did not
    /// send: `absent_means` names what a documented body without the code field means,
    /// and says nothing of an unrelated JSON body (`{"unrelated": true}` is no
    /// `about:blank` problem).
    fn forget_codes_not_sent(&mut self) {
        for item in &mut self.errors {
            if !item.code_sent {
                item.code = None;
            }
        }
        if !self.errors.first().is_some_and(|e| e.code_sent) {
            self.code = None;
        }
    }

    /// The code a message names at `status` (a message names a code only together with
    /// its documented status), with the values its pattern captured; else the message
    /// as an unknown code.
    fn code_of_message(message: &str, status: u16) -> (WireCode<C>, Vec<(&'static str, String)>) {
        match C::from_message(message, status) {
            Some((code, values)) => (WireCode::Known(code), values),
            None => (
                WireCode::Unknown(crate::UnknownCode::new(message)),
                Vec::new(),
            ),
        }
    }

    /// Fills the message from a plain-text body (surrounding white space trimmed): the
    /// documented body at a status the catalog says sends plain text. For an API
    /// identified by message, the text and the status name the code; otherwise the body
    /// names none and the status decides.
    fn read_plain_text(&mut self, body: &[u8]) {
        let text = lossy_prefix(body, MAX_RAW_BYTES);
        let message = text.trim().to_owned();
        let (code, placeholders) = match C::SPEC.identified_by {
            IdentifiedBy::Message => {
                let (code, placeholders) = Self::code_of_message(&message, self.status);
                (Some(code), placeholders)
            }
            IdentifiedBy::Code => (None, Vec::new()),
        };
        self.code = code.clone();
        self.message = Some(message.clone());
        self.errors = vec![ErrorItem {
            code_sent: code.is_some(),
            code,
            sub_code: None,
            message: Some(message),
            error_type: None,
            param: None,
            placeholders,
        }];
        self.shape = BodyShape::Documented;
        self.raw_body = Some(text);
    }

    /// Reads at most [`MAX_BODY_BYTES`] + 1 bytes from `body`, then [`Self::from_response`].
    pub fn from_reader<K, V>(
        status: u16,
        headers: impl IntoIterator<Item = (K, V)>,
        body: impl std::io::Read,
    ) -> Self
    where
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let mut bytes = Vec::new();
        let limit = MAX_BODY_BYTES as u64 + 1;
        // A read error mid-body leaves what was read; the result is still a value.
        let _ = std::io::Read::read_to_end(&mut body.take(limit), &mut bytes);
        Self::from_response(status, headers, &bytes)
    }

    /// The path of the list of errors: the array the identifying field goes through.
    fn error_list() -> Option<crate::FieldPath<'static>> {
        let role = match C::SPEC.identified_by {
            IdentifiedBy::Code => FieldRole::Code,
            IdentifiedBy::Message => FieldRole::Message,
        };
        let field = C::SPEC.envelope.field(role)?;
        field.field_path().split_at_each().map(|(list, _)| list)
    }

    /// One error, read in `scope`, and classified.
    fn read_item(&self, scope: &Scope<'_>) -> ErrorItem<C> {
        let spec = &C::SPEC.envelope;
        let message = scope.text(spec, FieldRole::Message);
        let sub_code = scope.text(spec, FieldRole::SubCode);
        let sent = match C::SPEC.identified_by {
            IdentifiedBy::Code => scope.text(spec, FieldRole::Code),
            IdentifiedBy::Message => message.clone(),
        };
        let code_sent = sent.is_some();
        // A body without the code field means the code the page names for that case.
        let absent_means = || {
            spec.field(FieldRole::Code)
                .and_then(|f| f.absent_means)
                .map(str::to_owned)
        };
        let mut placeholders = Vec::new();
        let code = match C::SPEC.identified_by {
            IdentifiedBy::Code => sent.or_else(absent_means).map(|code| {
                match C::from_wire_and_sub_code(&code, sub_code.as_deref()) {
                    Some(known) => WireCode::Known(known),
                    None => WireCode::Unknown(crate::UnknownCode::new(&code)),
                }
            }),
            IdentifiedBy::Message => message.as_deref().map(|message| {
                let (code, values) = Self::code_of_message(message, self.status);
                placeholders = values;
                code
            }),
        };
        ErrorItem {
            code,
            sub_code,
            message,
            error_type: scope.text(spec, FieldRole::Type),
            param: scope.text(spec, FieldRole::Param),
            placeholders,
            code_sent,
        }
    }

    /// Fills the fields from a JSON body; false when it is not the documented envelope.
    fn read_envelope(&mut self, json: &Value) -> bool {
        let envelope = &C::SPEC.envelope;
        let list = Self::error_list();
        let root_is_list = list.is_some_and(crate::FieldPath::is_root);
        if !(json.is_object() || root_is_list && json.is_array()) {
            return false;
        }
        let body = Scope {
            body: json,
            element: None,
        };
        self.errors = match list.and_then(|list| list.elements_in(json).map(|e| (list, e))) {
            Some((list, elements)) => elements
                .iter()
                .map(|element| {
                    self.read_item(&Scope {
                        body: json,
                        element: Some((list, element)),
                    })
                })
                .collect(),
            None => vec![self.read_item(&body)],
        };
        // The primary error is the first; body-level fields fill what it lacks.
        let primary = self.errors.first().cloned();
        let primary = primary.as_ref();
        self.code = primary.and_then(|e| e.code.clone());
        self.sub_code = primary.and_then(|e| e.sub_code.clone());
        self.message = primary.and_then(|e| e.message.clone());
        self.error_type = primary.and_then(|e| e.error_type.clone());
        self.param = primary.and_then(|e| e.param.clone());
        self.request_id = body.text(envelope, FieldRole::RequestId);
        self.doc_url = body.text(envelope, FieldRole::DocUrl);
        self.timestamp = body.text(envelope, FieldRole::Timestamp);
        self.details = envelope
            .fields_with(FieldRole::Details)
            .find_map(|f| value_at(json, f.path).filter(|v| !v.is_null()).cloned());
        // The delay: the body field the code's rule names, else any delay field.
        let named = crate::decision::delay_source(&self.retry_rule()).and_then(|d| d.body_field);
        let delay_fields = envelope.fields.iter().filter(|f| {
            matches!(
                f.role,
                Some(FieldRole::RetryAfter | FieldRole::RetryAfterMs)
            )
        });
        let role_of = |path: &str| {
            envelope
                .fields
                .iter()
                .find(|f| f.path == path)
                .and_then(|f| f.role)
        };
        self.body_retry_after = named
            .and_then(|path| seconds_of(value_at(json, path)?, role_of(path)))
            .or_else(|| {
                delay_fields
                    .clone()
                    .find_map(|f| seconds_of(value_at(json, f.path)?, f.role))
            });
        self.extra = undocumented_members(json, envelope);
        self.messages = envelope
            .fields_with(FieldRole::Messages)
            .find_map(|f| value_at(json, f.path)?.as_array().cloned())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        // A code the body did not send (`absent_means`) does not make it the envelope by
        // itself; but where the catalog says the code may be absent, any documented field
        // present does (RFC 9457: a problem of `title` and `status` is `about:blank`).
        let code_may_be_absent = envelope
            .field(FieldRole::Code)
            .is_some_and(|f| f.absent_means.is_some());
        let identified = self.errors.iter().any(|e| e.code_sent)
            || self.message.is_some()
            || !self.messages.is_empty()
            || code_may_be_absent
                && envelope
                    .fields
                    .iter()
                    .any(|f| value_at(json, f.path).is_some_and(|v| !v.is_null()));
        // Fields of the wrong JSON type also mean "not the documented shape".
        let types_match = envelope
            .fields
            .iter()
            .all(|field| match value_at(json, field.path) {
                None | Some(Value::Null) => true,
                Some(value) => match field.kind {
                    FieldKind::String | FieldKind::Duration => value.is_string(),
                    FieldKind::Integer => value.is_i64() || value.is_u64(),
                    FieldKind::Number => value.is_number(),
                    FieldKind::Boolean => value.is_boolean(),
                    FieldKind::Object => value.is_object(),
                    FieldKind::StringArray | FieldKind::Array => value.is_array(),
                },
            });
        identified && types_match
    }

    /// The documented code, if the body named one the catalog knows.
    pub fn known_code(&self) -> Option<C> {
        self.code.as_ref().and_then(WireCode::known)
    }

    /// The code's text as sent, known or not.
    pub fn code_str(&self) -> Option<&str> {
        self.code.as_ref().map(WireCode::as_str)
    }

    /// The documented error type the body sent, where the API has types. An error whose
    /// body names no documented code (a type-only error, or a code newer than the
    /// catalog) is classified by it: [`Self::category`] and [`Self::retry_rule`] take the
    /// type's, as a code of that type would.
    pub fn documented_type(&self) -> Option<&'static crate::TypeSpec> {
        C::SPEC.error_type(self.error_type.as_deref()?)
    }

    /// The canonical category: the code's (the status's, for a code whose status
    /// decides), or else the documented type's, or else the status's.
    pub fn category(&self) -> Category {
        match self.known_code() {
            Some(code) => code.category_at(self.status),
            None => self
                .documented_type()
                .and_then(|t| t.category)
                .unwrap_or_else(|| Category::from_status(self.status)),
        }
    }

    /// The catalog's retry rule: the code's at this status, or else the documented
    /// type's, or else the status table's, or else errcat's default for the status.
    pub fn retry_rule(&self) -> RetryRule {
        match self.known_code() {
            Some(code) => code.retry_at(self.status),
            None => self
                .documented_type()
                .and_then(|t| t.retry)
                .unwrap_or_else(|| C::SPEC.status_retry(self.status)),
        }
    }

    /// A response header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The delay the server asked for, by this precedence: (1) the body field the
    /// catalog's rule names (the API's own, most specific hint), then any body field
    /// with the retry-after role; (2) the rule's header, then `Retry-After` (seconds or
    /// HTTP-date, measured from the response's `Date` header when present, else `now`);
    /// (3) the IETF `RateLimit` field (`t` / `reset`) or `RateLimit-Reset`, and when the
    /// quota is exhausted without either, the `RateLimit-Policy` window; (4)
    /// `X-RateLimit-Reset`. The quota resets of (3) and (4) count only when the quota is
    /// spent, or when the response is a rate limit that does not say what is left
    /// (a GitHub 500 with quota left does not wait for the window). Uncapped: the policy
    /// caps it.
    pub fn server_delay(&self, now: SystemTime) -> Option<Duration> {
        let rule = self.retry_rule();
        let delay = crate::decision::delay_source(&rule);
        if let Some(seconds) = self.body_retry_after {
            return Some(Duration::from_secs_f64(seconds.min(1e12)));
        }
        let reference = self
            .header("date")
            .and_then(crate::headers::parse_http_date)
            .unwrap_or(now);
        let header = delay.and_then(|d| d.header).unwrap_or("Retry-After");
        for name in [header, "Retry-After"] {
            let Some(value) = self.header(name) else {
                continue;
            };
            // A rule's header documented as a reset timestamp means "wait until then".
            let parsed = match C::SPEC.header(name).map(|h| h.format) {
                Some(crate::HeaderFormat::UnixTimestamp) => {
                    crate::headers::parse_reset(value, true, now)
                }
                _ => crate::headers::parse_retry_after(value, reference),
            };
            if parsed.is_some() {
                return parsed;
            }
        }
        if let Some(field) = self.header("ratelimit") {
            let remaining = crate::headers::ratelimit_remaining(field);
            if let Some(d) = crate::headers::parse_ratelimit(field)
                .filter(|_| self.reset_is_the_delay(remaining))
            {
                return Some(d);
            }
        }
        if let Some(d) = self
            .header("ratelimit-reset")
            .filter(|_| self.reset_is_the_delay(self.remaining_in("ratelimit-remaining")))
            .and_then(|v| crate::headers::parse_reset(v, false, now))
        {
            return Some(d);
        }
        if self
            .header("ratelimit")
            .is_some_and(crate::headers::ratelimit_exhausted)
        {
            if let Some(d) = self
                .header("ratelimit-policy")
                .and_then(crate::headers::parse_ratelimit_policy_window)
            {
                return Some(d);
            }
        }
        if !self.reset_is_the_delay(self.remaining_in("x-ratelimit-remaining")) {
            return None;
        }
        let reset_is_timestamp = C::SPEC
            .header("x-ratelimit-reset")
            .map(|h| h.format == crate::HeaderFormat::UnixTimestamp);
        self.header("x-ratelimit-reset").and_then(|value| {
            // Undocumented: a value that large can only be a timestamp.
            let as_timestamp = reset_is_timestamp
                .unwrap_or_else(|| value.trim().parse::<u64>().is_ok_and(|n| n > 1_000_000_000));
            crate::headers::parse_reset(value, as_timestamp, now)
        })
    }

    /// Whether a quota reset header is the delay the server asks for: the quota is spent
    /// (`remaining` reads 0), or the response is a rate limit that does not say what is
    /// left. GitHub sends `x-ratelimit-reset` on every response: on a 500, or on a 202
    /// with quota left, it says when the window ends, not when to ask again.
    fn reset_is_the_delay(&self, remaining: Option<u64>) -> bool {
        match remaining {
            Some(left) => left == 0,
            None => self.category() == Category::RateLimited,
        }
    }

    /// A remaining-quota header as a number.
    fn remaining_in(&self, name: &str) -> Option<u64> {
        self.header(name)?.trim().parse().ok()
    }
}

impl<C: CatalogCode> fmt::Display for ApiError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} error {}", C::SPEC.name, self.status)?;
        if let Some(code) = self.code_str() {
            write!(f, " {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl<C: CatalogCode> std::error::Error for ApiError<C> {}

/// The members of `json` that no documented field is or lies under, in the objects on
/// the key-only paths to documented fields (the root, `error`, ...), by dotted path.
fn undocumented_members(json: &Value, envelope: &crate::EnvelopeSpec) -> Map<String, Value> {
    let documented: Vec<&str> = envelope.fields.iter().map(|f| f.path).collect();
    // Whether a documented path lies under `path` (`error` holds `error.code`), or with
    // `itself`, is `path`.
    let holds = |path: &str, itself: bool| {
        documented.iter().any(|d| {
            d.strip_prefix(path)
                .is_some_and(|rest| rest.is_empty() && itself || rest.starts_with(['.', '[']))
        })
    };
    let mut extra = Map::new();
    let mut stack: Vec<(String, &Map<String, Value>)> = match json {
        Value::Object(root) => vec![(String::new(), root)],
        _ => return extra,
    };
    while let Some((prefix, object)) = stack.pop() {
        for (key, value) in object {
            // A key that no path can name is kept under its plain text.
            let Some(path) = crate::FieldPath::join(&prefix, key) else {
                extra.insert(format!("{prefix}.{key}"), value.clone());
                continue;
            };
            if !holds(&path, true) {
                extra.insert(path, value.clone());
            } else if let Value::Object(inner) = value {
                // Into an object that holds documented fields, not into one that is a
                // documented field's whole value (`details`).
                if holds(&path, false) {
                    stack.push((path, inner));
                }
            }
        }
    }
    extra
}

/// Parses a body in the envelope's format: XML for an XML media type, else JSON. An XML
/// API's bodies without the `xml` feature are kept raw (and the generated module of such
/// an API asks for the feature).
fn parse_body<C: CatalogCode>(body: &[u8]) -> Option<Value> {
    if crate::is_xml_media_type(C::SPEC.envelope.content_type) {
        #[cfg(feature = "xml")]
        return errcat_vocab::xml::read(body);
        #[cfg(not(feature = "xml"))]
        return None;
    }
    parse_tolerantly(body)
}

/// Parses a JSON body, tolerating what real servers send around valid JSON: a UTF-8
/// byte-order mark before it, and numbers too large for an `f64` (`1e400`) anywhere in
/// it, which serde_json refuses and which would otherwise lose the whole body (and the
/// documented code in it). Such a number is kept as its text, in a string.
fn parse_tolerantly(body: &[u8]) -> Option<Value> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    match serde_json::from_slice(body) {
        Ok(json) => Some(json),
        Err(_) => serde_json::from_slice(&quote_huge_numbers(body)?).ok(),
    }
}

/// `body` with every number outside strings that overflows an `f64` turned into a string
/// of its text, or `None` when there is none (then the body is not JSON for another
/// reason). One pass, linear in the body.
fn quote_huge_numbers(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len() + 16);
    let mut changed = false;
    let mut in_string = false;
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if in_string {
            out.push(b);
            match b {
                b'\\' => {
                    if let Some(&next) = body.get(i + 1) {
                        out.push(next);
                        i += 1;
                    }
                }
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        if b == b'"' {
            in_string = true;
            out.push(b);
            i += 1;
            continue;
        }
        if b == b'-' || b.is_ascii_digit() {
            let start = i;
            while i < body.len()
                && matches!(body[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
            {
                i += 1;
            }
            let token = &body[start..i];
            let huge = std::str::from_utf8(token)
                .ok()
                .and_then(|t| t.parse::<f64>().ok())
                .is_some_and(f64::is_infinite);
            if huge {
                out.push(b'"');
                out.extend_from_slice(token);
                out.push(b'"');
                changed = true;
            } else {
                out.extend_from_slice(token);
            }
            continue;
        }
        out.push(b);
        i += 1;
    }
    changed.then_some(out)
}
