//! errcat-vocab: the words errcat's generator and runtime share.
//!
//! Every fieldless enum that a catalog names and the runtime reads back (categories,
//! contexts, close actions, envelope families, field kinds and roles, header roles and
//! formats, how errors are identified, retry kinds), the rules that map an HTTP status or
//! a close code to one of them, and [`FieldPath`], the dotted path into an error body.
//! Each is defined here once; `errcat` re-exports them and `errcat-codegen` reads
//! catalogs into them, so the two cannot drift apart.
//!
//! Without features the crate has no dependencies. `serde` adds the catalog (snake_case)
//! names through serde; `schema` adds JSON Schemas.

#![deny(missing_docs)]

#[macro_use]
mod term;

mod category;
mod close_action;
mod context;
mod envelope_family;
mod field_kind;
mod field_path;
mod field_role;
mod header_format;
mod header_role;
mod identified_by;
mod message_pattern;
mod retry_kind;
#[cfg(feature = "xml")]
pub mod xml;

pub use category::Category;
pub use close_action::CloseAction;
pub use context::Context;
pub use envelope_family::EnvelopeFamily;
pub use field_kind::FieldKind;
#[cfg(feature = "json")]
pub use field_path::json::{code_value, text_of};
pub use field_path::{FieldPath, PathError, Step};
pub use field_role::FieldRole;
pub use header_format::HeaderFormat;
pub use header_role::HeaderRole;
pub use identified_by::IdentifiedBy;
pub use message_pattern::{MessagePattern, PatternError};
pub use retry_kind::RetryKind;
pub use term::Term;

/// Whether a response header's value is the one a catalog documents (`when_headers`):
/// exactly, after trimming surrounding whitespace. The validator and the runtime both
/// decide it here.
pub fn header_value_is(sent: &str, documented: &str) -> bool {
    sent.trim() == documented.trim()
}

/// Whether bodies of this media type are plain text (`text/plain`, with or without a
/// `charset`): the whole body is the error's message. A status row of a catalog may say
/// so when the API sends plain text at that status and its envelope elsewhere.
pub fn is_plain_text_media_type(content_type: &str) -> bool {
    essence(content_type).eq_ignore_ascii_case("text/plain")
}

/// A media type without its parameters (`text/plain; charset=utf-8`: `text/plain`).
fn essence(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

/// Whether bodies of this media type are XML (`application/xml`, `text/xml`,
/// `application/soap+xml`, ...): the type, before any parameter, is `xml` or ends in
/// `+xml`.
pub fn is_xml_media_type(content_type: &str) -> bool {
    let essence = essence(content_type);
    let subtype = essence.rsplit('/').next().unwrap_or("");
    essence.contains('/')
        && (subtype.eq_ignore_ascii_case("xml") || subtype.to_ascii_lowercase().ends_with("+xml"))
}
