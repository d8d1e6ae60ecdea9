//! The catalog file format: what one `catalog/<api>.yaml` may say, as serde types.
//!
//! These types are the single definition of the format. The loader deserializes into
//! them (unknown fields rejected), the JSON Schema in `generated/` is derived from them,
//! and `catalog/README.md` documents them by example. Nothing here is validated beyond
//! its shape: the rules that span fields live in `validate/`.

use std::collections::BTreeMap;

use serde::Deserialize;
#[cfg(feature = "serialize")]
use serde::Serialize;

// The words a catalog uses for categories, roles, kinds and rules are errcat-vocab's,
// shared with the runtime.
pub use errcat_vocab::{
    Category, CloseAction, Context, EnvelopeFamily, FieldKind, FieldRole, HeaderFormat, HeaderRole,
    IdentifiedBy, RetryKind,
};

/// One API's error catalog: the root of a `catalog/<api>.yaml` file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Optional JSON Schema reference for editors; ignored by errcat.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Who the API is and where its error page lives.
    pub api: ApiInfo,
    /// The JSON body the API sends with every error.
    pub envelope: Envelope,
    /// How clients authenticate: headers and key prefixes the page names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<Auth>,
    /// Response headers the page documents (rate limits, `Retry-After`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<HeaderDoc>,
    /// The documented HTTP status table, success rows included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<StatusDoc>,
    /// Error types (categories) where the API groups its codes, e.g. `authentication_error`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<ErrorTypeDoc>,
    /// Every error the API documents.
    pub errors: Vec<ErrorDoc>,
    /// WebSocket close codes, where the API has a WebSocket.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub websocket_close_codes: Vec<CloseCodeDoc>,
    /// Stated limits, such as request body sizes per route.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<LimitDoc>,
    /// Other facts the page states that have no field of their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Example error responses from the page, kept verbatim as test fixtures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<ExampleDoc>,
    /// Breaking changes to the error contract that this version makes on purpose;
    /// `errcat diff` reports them but does not fail on them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted_breaks: Vec<AcceptedBreak>,
}

/// A breaking change made on purpose, acknowledged in the catalog that makes it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptedBreak {
    /// What changes: `removed`, `wire`, `status`, `type`, `category`, `retry`,
    /// `envelope`, `close_code` or `api`.
    pub change: BreakKind,
    /// The error id (or envelope field path, or close code) it concerns.
    pub id: String,
    /// Why it is acceptable, for the release notes.
    pub reason: String,
}

/// The kinds of breaking change `errcat diff` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BreakKind {
    /// An error (or API) is gone.
    Removed,
    /// An error's wire identifier changed.
    Wire,
    /// An error's HTTP status changed.
    Status,
    /// An error's type changed.
    Type,
    /// An error's category changed.
    Category,
    /// An error went from retryable to not retryable, or back.
    Retry,
    /// An envelope field was removed or changed.
    Envelope,
    /// A WebSocket close code was removed or changed its action.
    CloseCode,
    /// An error moved between HTTP responses, poll responses and WebSocket closes.
    Context,
}

/// A code that is on its way out.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Deprecation {
    /// Why, and what to do instead.
    pub note: String,
    /// The id of the error that replaces it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    /// The version (of the API or the catalog) that deprecated it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
}

/// Identity of the API.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ApiInfo {
    /// snake_case id; also the name of the generated Rust module.
    pub id: String,
    /// Display name, e.g. `Kallglot`.
    pub name: String,
    /// One paragraph about the API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The public page this catalog transcribes, when the page states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Documentation URL pattern for a code: placeholders `{code}` (wire code) and `{id}`,
    /// optionally transformed (`{code|kebab}`, `snake`, `upper`, `lower`); `{code}` alone
    /// when the code itself is the link (problem type URIs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_url: Option<String>,
    /// How clients tell errors apart: by a code field, or by the message text.
    #[serde(default)]
    pub identified_by: IdentifiedBy,
    /// Facts in this section that the page does not state (field name -> reason).
    #[serde(default, skip_serializing_if = "Inferred::is_empty")]
    pub inferred: Inferred,
}

/// The error body: every documented field, and optionally the family they make.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// Which of the known shapes this is. It follows from the fields; when given, the
    /// validator checks that it agrees with them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<EnvelopeFamily>,
    /// The media type of error bodies.
    #[serde(default = "default_content_type")]
    pub content_type: String,
    /// What the page says about the envelope as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Every field, by dotted JSON path (`error.code`, `error.details.retry_after`).
    pub fields: Vec<FieldDoc>,
    /// The page's format sample, verbatim (may use placeholders; not a fixture).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<String>,
    /// Facts about the envelope that the page does not state.
    #[serde(default, skip_serializing_if = "Inferred::is_empty")]
    pub inferred: Inferred,
}

fn default_content_type() -> String {
    "application/json".to_owned()
}

/// One field of the envelope.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FieldDoc {
    /// Path from the body's root: `error.code`, `errors[].code` (each element of a list),
    /// `errors[0].code`, `[].errorCode` (a body that is a list), or
    /// `details[@type=...].retryDelay` (the element whose `@type` is that text).
    pub path: String,
    /// The JSON type of the value.
    #[serde(rename = "type")]
    pub ty: FieldKind,
    /// What the field means to errcat, when it carries something errcat reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<FieldRole>,
    /// Present in every error body.
    #[serde(default)]
    pub required: bool,
    /// May be JSON `null`.
    #[serde(default)]
    pub nullable: bool,
    /// A fixed value the field always has, e.g. `false` for `success`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constant: Option<serde_json::Value>,
    /// For the code field: the code a body without the field means, as the page states
    /// it (RFC 9457: a problem without `type` is `about:blank`).
    #[serde(
        default,
        deserialize_with = "text_or_integer",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<TextOrInteger>"))]
    pub absent_means: Option<String>,
    /// What the page says about the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Facts about the field that the page does not state.
    #[serde(default, skip_serializing_if = "Inferred::is_empty")]
    pub inferred: Inferred,
}

/// Authentication facts.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// Request headers that carry credentials.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<AuthHeader>,
    /// Prefixes that valid keys start with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_prefixes: Vec<KeyPrefix>,
}

/// A request header that carries credentials.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AuthHeader {
    /// Header name, e.g. `Authorization`.
    pub name: String,
    /// The value's shape, e.g. `Bearer sk_live_...`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// When the header is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Facts about the header that the page does not state.
    #[serde(default, skip_serializing_if = "Inferred::is_empty")]
    pub inferred: Inferred,
}

/// A documented API key prefix.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KeyPrefix {
    /// The prefix, e.g. `sk_live_`.
    pub prefix: String,
    /// What keys with this prefix are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A documented response header.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HeaderDoc {
    /// Header name, e.g. `X-RateLimit-Reset`.
    pub name: String,
    /// What the header tells a client.
    pub role: HeaderRole,
    /// How the value is written.
    pub format: HeaderFormat,
    /// When the header is sent, e.g. `429 responses`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// What the page says about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Facts about the header that the page does not state.
    #[serde(default, skip_serializing_if = "Inferred::is_empty")]
    pub inferred: Inferred,
}

/// One row of the documented HTTP status table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StatusDoc {
    /// The HTTP status code.
    pub status: u16,
    /// Its name, e.g. `Too Many Requests`.
    pub name: String,
    /// What the page says it means for this API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The retry rule for errors with this status that have no rule of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<RetryDoc>,
    /// The media type of error bodies at this status, where the page gives one that is
    /// not the envelope's: `text/plain` when the body is a plain-text message (Dropbox's
    /// 400 "The response body is a plaintext message with more information").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Facts in this row that the page does not state.
    #[serde(default, skip_serializing_if = "Inferred::is_empty")]
    pub inferred: Inferred,
}

/// An error type: a documented group of codes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ErrorTypeDoc {
    /// snake_case id, e.g. `authentication_error`.
    pub id: String,
    /// The string the API sends in its type field (defaults to `id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wire: Option<String>,
    /// What the page says about the type.
    pub description: String,
    /// The status its codes get unless they say otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The canonical cross-API category of its codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// The default retry rule for its codes (`conditional`: each code states its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<RetryDoc>,
    /// Facts about the type that the page does not state.
    #[serde(default, skip_serializing_if = "Inferred::is_empty")]
    pub inferred: Inferred,
}

/// One documented error.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ErrorDoc {
    /// Stable snake_case id; becomes the Rust variant name.
    pub id: String,
    /// What the API sends: the code string (or integer), or the exact message for
    /// message-identified APIs (defaults to `id`).
    #[serde(
        default,
        deserialize_with = "text_or_integer",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<TextOrInteger>"))]
    pub wire: Option<String>,
    /// The finer code this entry is for, sent in the envelope's `sub_code` field; two
    /// entries may share a wire code when their sub-codes differ, and the entry without
    /// one is the code's general entry.
    #[serde(
        default,
        deserialize_with = "text_or_integer",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<TextOrInteger>"))]
    pub sub_code: Option<String>,
    /// For message-identified APIs that put values into a message: the message with
    /// named placeholders (`API rate limit exceeded for {ip}.`). The exact `wire` text
    /// wins over any pattern; the values are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_pattern: Option<String>,
    /// HTTP status (defaults to the type's status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Further statuses the API sends this same error with, each with the retry rule it
    /// has there when that differs (a generic problem type at 404, 429 and 503).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_at: Vec<AlsoAtDoc>,
    /// The response's status decides what this error means: its category is the
    /// status's at every status, and where the catalog states no rule for a status, its
    /// retry rule is the status's (RFC 9457's about:blank has "no additional semantics
    /// beyond that of the HTTP status code"; Matrix's M_UNKNOWN: "clients should prefer
    /// the HTTP status code"). It may then come with any status, listed or not.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub status_decides: bool,
    /// Response headers that name this error when the body names no documented one
    /// (GitHub's 403 with `x-ratelimit-remaining: 0`); every one must hold, at any of
    /// the error's statuses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when_headers: Vec<HeaderConditionDoc>,
    /// The error type id, where the API has types.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    /// The canonical category (defaults to the type's, then to the status's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Where the error is reported.
    #[serde(default)]
    pub context: Context,
    /// What the error means.
    pub description: String,
    /// A message the page shows for it, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Why it happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// How to fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// Its retry rule (defaults to the type's, then to the status's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<RetryDoc>,
    /// A doc URL for this code alone, overriding the API's pattern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_url: Option<String>,
    /// The code is deprecated: generated Rust marks it `#[deprecated]`, and removing it
    /// in a later version is not a breaking change for `errcat diff`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecation>,
    /// Facts about the error that the page does not state.
    #[serde(default, skip_serializing_if = "Inferred::is_empty")]
    pub inferred: Inferred,
}

/// A further status an error is sent with.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AlsoAtDoc {
    /// The HTTP status.
    pub status: u16,
    /// What the page says the error means at this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The rule at this status (defaults to the error's own rule, then its type's, then
    /// the status table's row for this status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<RetryDoc>,
    /// Facts about this status that the page does not state.
    #[serde(default, skip_serializing_if = "Inferred::is_empty")]
    pub inferred: Inferred,
}

/// A response header value that selects an error.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HeaderConditionDoc {
    /// The header, as named under `headers:` (matched case-insensitively).
    pub name: String,
    /// The value it has, compared exactly after trimming surrounding whitespace (`0`
    /// may be written unquoted).
    #[serde(deserialize_with = "text_or_integer_required")]
    #[cfg_attr(feature = "schema", schemars(with = "TextOrInteger"))]
    pub equals: String,
}

impl Document {
    /// The status table's row for `status` when the page says its bodies are plain text
    /// (`content_type: text/plain`): the one test every stage asks.
    pub fn plain_text_row(&self, status: u16) -> Option<&StatusDoc> {
        self.statuses.iter().find(|row| {
            row.status == status
                && row
                    .content_type
                    .as_deref()
                    .is_some_and(errcat_vocab::is_plain_text_media_type)
        })
    }
}

impl HeaderConditionDoc {
    /// `name: value`, as the condition reads in docs and diagnostics.
    pub fn words(&self) -> String {
        format!("{}: {}", self.name, self.equals)
    }
}

/// A wire identifier as a catalog may write it: text, or an integer for APIs whose codes
/// are numbers. Kept as text in the model (`50035`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum TextOrInteger {
    /// A code or message.
    Text(String),
    /// An integer code.
    Integer(i64),
}

fn text_or_integer<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(
        Option::<TextOrInteger>::deserialize(deserializer)?.map(|value| match value {
            TextOrInteger::Text(text) => text,
            TextOrInteger::Integer(n) => n.to_string(),
        }),
    )
}

fn text_or_integer_required<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    Ok(match TextOrInteger::deserialize(deserializer)? {
        TextOrInteger::Text(text) => text,
        TextOrInteger::Integer(n) => n.to_string(),
    })
}

/// A retry rule as data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RetryDoc {
    /// Which rule.
    pub rule: RetryKind,
    /// The page's own words for what to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    /// The page's own words for why sending the same request again can succeed, which a
    /// rule that repeats a client error (a 4xx other than 408 and 429) must quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Response header that carries the delay, e.g. `Retry-After`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// Envelope field (its path) that carries the delay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_field: Option<String>,
    /// Exponential backoff; with `retry_after`, `wait` or `poll_again`: what follows the
    /// server's delay when the error repeats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff: Option<BackoffDoc>,
    /// The documented wait window (rule `wait`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait: Option<WaitDoc>,
    /// Facts about the rule that the page does not state.
    #[serde(default, skip_serializing_if = "Inferred::is_empty")]
    pub inferred: Inferred,
}

/// Exponential backoff parameters; any the page leaves out are left to the runtime.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BackoffDoc {
    /// The first delay, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_ms: Option<u64>,
    /// What each delay is multiplied by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<u32>,
    /// How many attempts in all, the first included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attempts: Option<u32>,
    /// The longest single delay, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_delay_ms: Option<u64>,
}

/// A documented wait window.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WaitDoc {
    /// The shortest wait, in seconds.
    pub min_seconds: u64,
    /// The longest wait, in seconds.
    pub max_seconds: u64,
}

/// A WebSocket close code.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CloseCodeDoc {
    /// The close code, e.g. `4001`.
    pub code: u16,
    /// snake_case id; becomes the Rust variant name.
    pub id: String,
    /// The documented reason, e.g. `Token Expired`.
    pub reason: String,
    /// What it means.
    pub description: String,
    /// What a client should do.
    pub action: CloseAction,
    /// The page's own words for what to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    /// Facts about the code that the page does not state.
    #[serde(default, skip_serializing_if = "Inferred::is_empty")]
    pub inferred: Inferred,
}

/// A stated limit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LimitDoc {
    /// snake_case id.
    pub id: String,
    /// What is limited.
    pub description: String,
    /// The route it applies to (`METHOD /path`), or absent for every route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// The limit in bytes, for size limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_bytes: Option<u64>,
    /// The error id sent when the limit is exceeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Facts about the limit that the page does not state.
    #[serde(default, skip_serializing_if = "Inferred::is_empty")]
    pub inferred: Inferred,
}

/// An example error response from the page, kept verbatim.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExampleDoc {
    /// snake_case name of the example.
    pub name: String,
    /// The HTTP status it comes with.
    pub status: u16,
    /// Response headers that come with it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// The JSON body, verbatim.
    pub body: String,
    /// The error id the body must classify to; absent when it names no documented error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<String>,
    /// Where on the page it comes from, and any edit made to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Provenance: the facts of an entry that the page does not state, each with a one-line
/// reason. A field named here is an inference, and every artifact marks it as one.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Inferred {
    /// Why the HTTP status is inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Why the wire identifier is inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wire: Option<String>,
    /// Why the error type is inferred.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    /// Why the category is inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Why the retry rule is inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<String>,
    /// Why the context is inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// Why the cause is inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// Why the fix is inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// Why the action is inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Why whether the field is always present is inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<String>,
    /// Why the code that a body without the code field means (`absent_means`) is
    /// inferred, e.g. from the RFC a page only cites.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absent_means: Option<String>,
    /// Why it is inferred that the status decides what the error means
    /// (`status_decides`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_decides: Option<String>,
    /// Why the name is inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Why the description is inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Why anything else about the entry is inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
}

impl Inferred {
    /// No fact of the entry is inferred.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}
