//! Stage 2 output: the validated catalog.
//!
//! A [`Catalog`] only exists once every check in `validate/` has passed, so emitters can
//! rely on its invariants: ids are unique snake_case identifiers whose Rust names do not
//! collide, wire identifiers are unique, every error has an error status (or a poll
//! context), every type reference resolves, and every error has a complete retry rule.
//! Defaults (status from the type, retry from type or status) are resolved here, once, so
//! no emitter re-derives them.

pub mod document;
pub mod naming;

use crate::model::document::{
    Category, Context, Document, EnvelopeFamily, ErrorDoc, ErrorTypeDoc, FieldRole, IdentifiedBy,
    RetryDoc, RetryKind,
};

/// Every API of a catalog, sorted by id.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// The APIs, sorted by id so output never depends on file order. Engine data: read
    /// it through [`Catalog::api_ids`] outside errcat.
    #[doc(hidden)]
    pub apis: Vec<Api>,
}

impl Catalog {
    /// The ids of the catalog's APIs, sorted.
    pub fn api_ids(&self) -> impl Iterator<Item = &str> {
        self.apis.iter().map(Api::id)
    }
}

/// One validated API.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// The catalog file, as named in headers (`catalog/kallglot.yaml`).
    pub source_path: String,
    /// Everything the file says, as written.
    pub doc: Document,
    /// The errors, in file order, with defaults resolved.
    pub errors: Vec<Error>,
}

impl Api {
    /// The API id (module name).
    pub fn id(&self) -> &str {
        &self.doc.api.id
    }

    /// Whether errors are told apart by code or by message text.
    pub fn identified_by(&self) -> IdentifiedBy {
        self.doc.api.identified_by
    }

    /// The envelope family the fields make (the validator has checked that a stated
    /// family agrees).
    pub fn family(&self) -> EnvelopeFamily {
        family_of(&self.doc)
    }

    /// The type with this id.
    pub fn error_type(&self, id: &str) -> Option<&ErrorTypeDoc> {
        self.doc.types.iter().find(|t| t.id == id)
    }
}

/// The family a document's fields make: from the field errors are identified by (the
/// stated family when there is none, which the validator reports).
pub(crate) fn family_of(doc: &Document) -> EnvelopeFamily {
    let identifier = match doc.api.identified_by {
        IdentifiedBy::Code => FieldRole::Code,
        IdentifiedBy::Message => FieldRole::Message,
    };
    let field = doc
        .envelope
        .fields
        .iter()
        .find(|f| f.role == Some(identifier));
    let success_flag = doc
        .envelope
        .fields
        .iter()
        .any(|f| f.role == Some(FieldRole::Success));
    match field.and_then(|f| errcat_vocab::FieldPath::parse(&f.path).ok()) {
        Some(path) => EnvelopeFamily::of_fields(path, doc.api.identified_by, success_flag),
        None => doc.envelope.family.unwrap_or(EnvelopeFamily::NestedObject),
    }
}

/// The entry a wire code and the sub-code sent with it name, as the runtime classifies
/// them: the pair's entry, else the code's general entry (the one without a sub-code),
/// else the first entry with the code.
pub fn classify<'a>(errors: &'a [Error], wire: &str, sub_code: Option<&str>) -> Option<&'a Error> {
    let with_wire = || errors.iter().filter(move |e| e.wire == wire);
    sub_code
        .and_then(|sub| with_wire().find(|e| e.doc.sub_code.as_deref() == Some(sub)))
        .or_else(|| with_wire().find(|e| e.doc.sub_code.is_none()))
        .or_else(|| with_wire().next())
}

/// The entry a message names at `status`, as the runtime classifies a message-identified
/// API's errors: among the entries sent with that status, the one whose exact text it is,
/// else the first whose `message_pattern` it matches.
pub fn classify_message<'a>(errors: &'a [Error], message: &str, status: u16) -> Option<&'a Error> {
    let at_status = |e: &&Error| e.statuses().any(|s| s == status);
    let exact = errors.iter().filter(at_status).find(|e| e.wire == message);
    exact.or_else(|| {
        errors.iter().filter(at_status).find(|e| {
            let pattern = e.doc.message_pattern.as_deref();
            pattern
                .and_then(|p| errcat_vocab::MessagePattern::parse(p).ok())
                .is_some_and(|p| p.captures(message).is_some())
        })
    })
}

/// The entry a response's headers select at `status` when its body names none, as the
/// runtime classifies it: the first entry sent with that status whose header conditions
/// (`when_headers`) all hold. `header` looks a header up by name, case-insensitively.
pub fn classify_headers<'a, 'h>(
    errors: &'a [Error],
    status: u16,
    header: impl Fn(&str) -> Option<&'h str>,
) -> Option<&'a Error> {
    errors.iter().find(|e| {
        let conditions = &e.doc.when_headers;
        !conditions.is_empty()
            && e.statuses().any(|s| s == status)
            && conditions.iter().all(|c| {
                header(&c.name).is_some_and(|v| errcat_vocab::header_value_is(v, &c.equals))
            })
    })
}

/// Where a resolved value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Stated on the error itself.
    Error,
    /// Taken from the error's type.
    Type,
    /// Taken from the status table row.
    Status,
    /// Not stated anywhere: errcat's default for the status.
    Default,
}

/// One validated error with its defaults resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// The entry as written.
    pub doc: ErrorDoc,
    /// What the API sends (code string or message text).
    pub wire: String,
    /// The Rust variant name (UpperCamelCase of the id).
    pub variant: String,
    /// The HTTP status.
    pub status: u16,
    /// Why the status is inferred, when it is.
    pub status_inferred: Option<String>,
    /// The canonical category.
    pub category: Category,
    /// The retry rule.
    pub retry: RetryDoc,
    /// Where the retry rule came from.
    pub retry_source: Source,
    /// Why the retry rule is inferred, when it is.
    pub retry_inferred: Option<String>,
    /// The documentation URL, with the API's pattern expanded.
    pub doc_url: Option<String>,
    /// The further statuses it is sent with, each with its resolved rule.
    pub also_at: Vec<AtStatus>,
}

/// A further status an error is sent with, and the retry rule it has there.
#[derive(Debug, Clone, PartialEq)]
pub struct AtStatus {
    /// The HTTP status.
    pub status: u16,
    /// The retry rule at this status.
    pub retry: RetryDoc,
    /// Where that rule came from.
    pub retry_source: Source,
    /// Why that rule is inferred, when it is.
    pub retry_inferred: Option<String>,
}

impl Error {
    /// The stable id.
    pub fn id(&self) -> &str {
        &self.doc.id
    }

    /// Where the error is reported.
    pub fn context(&self) -> Context {
        self.doc.context
    }

    /// The error type id, if any.
    pub fn error_type(&self) -> Option<&str> {
        self.doc.error_type.as_deref()
    }

    /// Every status it is sent with: its own, then the further ones in catalog order.
    pub fn statuses(&self) -> impl Iterator<Item = u16> + '_ {
        std::iter::once(self.status).chain(self.also_at.iter().map(|a| a.status))
    }

    /// The rule it has at `status`, if it is sent with that status.
    pub fn retry_at(&self, status: u16) -> Option<&RetryDoc> {
        if status == self.status {
            return Some(&self.retry);
        }
        self.also_at
            .iter()
            .find(|a| a.status == status)
            .map(|a| &a.retry)
    }
}

/// errcat's rule for a status whose page states none; always marked as inferred.
pub fn default_retry_for_status(status: u16) -> RetryDoc {
    let rule = RetryKind::for_status(status);
    RetryDoc {
        rule,
        advice: None,
        reason: None,
        header: (rule == RetryKind::RetryAfter).then(|| "Retry-After".to_owned()),
        body_field: None,
        // 429 and 5xx both back off when the error repeats, as the runtime's default does.
        backoff: (rule != RetryKind::Never).then(Default::default),
        wait: None,
        inferred: Default::default(),
    }
}

/// The placeholders a doc URL pattern may use, and the transforms a placeholder may take
/// (`{code|kebab}`): the one place both are defined.
pub const DOC_URL_PLACEHOLDERS: &[&str] = &["code", "id"];
/// See [`DOC_URL_PLACEHOLDERS`].
pub const DOC_URL_TRANSFORMS: &[&str] = &["kebab", "snake", "upper", "lower"];

/// Applies a doc URL transform to a value.
fn transform(value: &str, name: &str) -> String {
    use heck::{ToKebabCase, ToSnakeCase};
    match name {
        "kebab" => value.to_kebab_case(),
        "snake" => value.to_snake_case(),
        "upper" => value.to_uppercase(),
        "lower" => value.to_lowercase(),
        _ => value.to_owned(),
    }
}

/// Expands a doc URL pattern for one error: `{code}` (the wire code) and `{id}`, each
/// optionally transformed (`{code|kebab}`, `snake`, `upper`, `lower`), percent-encoded so
/// a message or a code with spaces still gives a URL (RFC 3986 unreserved characters
/// stay). A pattern that is one placeholder alone (`{code}`) says the identifier itself
/// is the link (problem type URIs): it is used as it is when it is an absolute http(s)
/// URL, and the error has no doc URL otherwise (`about:blank`).
pub fn expand_doc_url(pattern: &str, wire: &str, id: &str) -> Option<String> {
    let value = |name: &str| match name {
        "code" => Some(wire),
        "id" => Some(id),
        _ => None,
    };
    if let Some(inner) = pattern.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
        if !inner.contains(['{', '}']) {
            let (name, how) = inner.split_once('|').unwrap_or((inner, ""));
            let link = transform(value(name)?, how);
            let absolute = link.starts_with("https://") || link.starts_with("http://");
            return absolute.then_some(link);
        }
    }
    let mut out = String::with_capacity(pattern.len() + wire.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return Some(out);
        };
        let inner = &after[..close];
        let (name, how) = inner.split_once('|').unwrap_or((inner, ""));
        match value(name) {
            Some(v) => out.push_str(&percent_encode(&transform(v, how))),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::expand_doc_url;

    #[test]
    fn doc_urls_are_percent_encoded() {
        let pattern = "https://d.example/errors#{code}";
        assert_eq!(
            expand_doc_url(pattern, "invalid_api_key", "x").as_deref(),
            Some("https://d.example/errors#invalid_api_key")
        );
        assert_eq!(
            expand_doc_url(pattern, "Rate limit \"x\"", "x").as_deref(),
            Some("https://d.example/errors#Rate%20limit%20%22x%22")
        );
    }

    #[test]
    fn doc_url_transforms_and_the_identifier_as_the_link() {
        let url = |p: &str, wire: &str| expand_doc_url(p, wire, "invalid_api_key");
        let base = "https://d.example/errors/";
        assert_eq!(
            url(&format!("{base}{{code|kebab}}"), "INVALID_API_KEY").as_deref(),
            Some("https://d.example/errors/invalid-api-key")
        );
        assert_eq!(
            url(&format!("{base}{{code|lower}}"), "INSTRUMENT_DECLINED").as_deref(),
            Some("https://d.example/errors/instrument_declined")
        );
        assert_eq!(
            url(&format!("{base}{{id|upper}}"), "x").as_deref(),
            Some("https://d.example/errors/INVALID_API_KEY")
        );
        assert_eq!(
            url(&format!("{base}{{code|snake}}"), "InvalidApiKey").as_deref(),
            Some("https://d.example/errors/invalid_api_key")
        );
        assert_eq!(
            url("{code}", "https://example.com/probs/out-of-credit").as_deref(),
            Some("https://example.com/probs/out-of-credit")
        );
        assert_eq!(url("{code}", "about:blank"), None);
    }
}
