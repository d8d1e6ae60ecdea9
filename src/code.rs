//! What every generated `ErrorCode` offers, and the forward-compatible [`WireCode`].

use std::fmt;
use std::hash::Hash;

use crate::{Category, Context, RetryRule};

/// Everything the catalog says about one code, as a static table row. Generated
/// `ErrorCode`s keep one row per variant and read their methods from it, so the
/// generated code is data, not a match per method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CodeInfo {
    /// Stable snake_case id.
    pub id: &'static str,
    /// What the API sends: the code string (an integer code as its digits), or the
    /// exact message.
    pub wire: &'static str,
    /// The finer code this entry is for, where the API pairs codes with sub-codes; `None`
    /// for the code's general entry.
    pub sub_code: Option<&'static str>,
    /// The HTTP status.
    pub status: u16,
    /// Why the status is inferred, when the page does not state it.
    pub status_inferred: Option<&'static str>,
    /// The error type's wire name, where the API has types.
    pub error_type: Option<&'static str>,
    /// The canonical category.
    pub category: Category,
    /// The retry rule.
    pub retry: RetryRule,
    /// The page's words for what to do.
    pub retry_advice: Option<&'static str>,
    /// Why the retry rule is inferred, when the page does not state it.
    pub retry_inferred: Option<&'static str>,
    /// The documentation URL.
    pub doc_url: Option<&'static str>,
    /// What the error means.
    pub description: &'static str,
    /// A message the page shows for it.
    pub message: Option<&'static str>,
    /// Why it happens.
    pub cause: Option<&'static str>,
    /// How to fix it.
    pub fix: Option<&'static str>,
    /// Where it is reported.
    pub context: Context,
    /// The further statuses it is sent with, each with its rule there.
    pub also_at: &'static [AlsoAt],
    /// Whether the response's status decides what it means: its category is the
    /// status's, and at a status it does not list its rule is the status's too.
    pub status_decides: bool,
    /// For message-identified APIs: the message with `{placeholders}` it also matches.
    pub message_pattern: Option<&'static str>,
    /// Response headers that name this code when the body names none (GitHub's 403 with
    /// `x-ratelimit-remaining: 0` is the rate limit); every one must hold.
    pub when_headers: &'static [HeaderCondition],
}

/// A response header value that selects a code, see [`CatalogCode::from_headers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HeaderCondition {
    /// The header name, matched case-insensitively.
    pub name: &'static str,
    /// The value it must have, compared exactly after trimming surrounding whitespace.
    pub equals: &'static str,
}

impl HeaderCondition {
    /// Whether a response whose headers `header` looks up satisfies this condition.
    pub fn holds<'h>(&self, header: impl Fn(&str) -> Option<&'h str>) -> bool {
        header(self.name).is_some_and(|value| errcat_vocab::header_value_is(value, self.equals))
    }
}

/// A further status a code is sent with, and the retry rule it has at that status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AlsoAt {
    /// The HTTP status.
    pub status: u16,
    /// The retry rule at this status.
    pub retry: RetryRule,
    /// Why that rule is inferred, when the page does not state it.
    pub retry_inferred: Option<&'static str>,
}

impl CodeInfo {
    /// The row generated rows are written on top of (`..CodeInfo::BASE`): every optional
    /// fact absent, reported over HTTP. A generated row names only the facts its catalog
    /// entry has, which keeps large tables short to read and cheap for rustc to check.
    ///
    /// Its id, wire, status, category, retry rule and description are placeholders
    /// (empty, 500, `Internal`, `Never`): every generated row sets them.
    pub const BASE: CodeInfo = CodeInfo {
        id: "",
        wire: "",
        sub_code: None,
        status: 500,
        status_inferred: None,
        error_type: None,
        category: Category::Internal,
        retry: RetryRule::Never,
        retry_advice: None,
        retry_inferred: None,
        doc_url: None,
        description: "",
        message: None,
        cause: None,
        fix: None,
        context: Context::Http,
        also_at: &[],
        status_decides: false,
        message_pattern: None,
        when_headers: &[],
    };
}

/// Implemented by every generated `ErrorCode`, so one program can treat the codes of
/// every API alike.
pub trait CatalogCode: Copy + Eq + Hash + fmt::Debug + 'static {
    /// The API id, e.g. `kallglot`.
    const API: &'static str;
    /// The API's envelope, headers and status table.
    const SPEC: &'static crate::ApiSpec;
    /// Every documented code.
    const ALL: &'static [Self];
    /// The code for a wire identifier, if the catalog documents it.
    fn from_wire(wire: &str) -> Option<Self>;
    /// The catalog's row for this code.
    fn info(self) -> &'static CodeInfo;
    /// The code for a wire identifier and the sub-code sent with it: the entry for the
    /// pair when the catalog has one, else the code's general entry.
    fn from_wire_and_sub_code(wire: &str, sub_code: Option<&str>) -> Option<Self> {
        let paired = sub_code.and_then(|sub| {
            Self::ALL
                .iter()
                .copied()
                .find(|c| c.info().sub_code == Some(sub) && c.info().wire == wire)
        });
        paired.or_else(|| Self::from_wire(wire))
    }
    /// The code a message names at `status`, and the values of its placeholders: among
    /// the codes documented at that status, the one whose exact message it is, else the
    /// first whose `message_pattern` it matches (linear in the message, no backtracking).
    fn from_message(message: &str, status: u16) -> Option<(Self, Vec<(&'static str, String)>)> {
        if let Some(code) = Self::from_wire(message).filter(|c| c.is_sent_at(status)) {
            return Some((code, Vec::new()));
        }
        Self::ALL.iter().copied().find_map(|code| {
            // Only codes with a pattern, at this status, parse it (the validator has
            // checked it parses).
            let pattern = code
                .info()
                .message_pattern
                .filter(|_| code.is_sent_at(status))?;
            let pattern = errcat_vocab::MessagePattern::parse(pattern).ok()?;
            let values = pattern.captures(message)?;
            let values = values
                .into_iter()
                .map(|(name, value)| (name, value.to_owned()))
                .collect();
            Some((code, values))
        })
    }
    /// The code a response's headers select at `status` when its body names none: the
    /// first code sent at that status whose header conditions all hold. `header` looks a
    /// response header up by name (case-insensitively).
    fn from_headers<'h>(status: u16, header: impl Fn(&str) -> Option<&'h str>) -> Option<Self> {
        // A condition names a documented header (the validator checks), so an API that
        // documents none has none: skip the walk over every code.
        if Self::SPEC.headers.is_empty() {
            return None;
        }
        Self::ALL.iter().copied().find(|code| {
            let conditions = code.info().when_headers;
            !conditions.is_empty()
                && code.is_sent_at(status)
                && conditions.iter().all(|c| c.holds(&header))
        })
    }
    /// The wire identifier.
    fn as_str(self) -> &'static str {
        self.info().wire
    }
    /// The HTTP status.
    fn http_status(self) -> u16 {
        self.info().status
    }
    /// Whether the catalog documents this code at `status` (its own or a further one).
    fn is_sent_at(self, status: u16) -> bool {
        let info = self.info();
        info.status == status || info.also_at.iter().any(|a| a.status == status)
    }
    /// The retry rule at `status`: the one the catalog states for that further status,
    /// else the code's rule; for a code whose status decides, sent with a status it
    /// does not list, the status's rule ([`crate::ApiSpec::status_retry`]).
    fn retry_at(self, status: u16) -> RetryRule {
        let info = self.info();
        if info.status_decides && !self.is_sent_at(status) {
            return Self::SPEC.status_retry(status);
        }
        info.also_at
            .iter()
            .find(|a| a.status == status && status != info.status)
            .map_or(info.retry, |a| a.retry)
    }
    /// The canonical category.
    fn category(self) -> Category {
        self.info().category
    }
    /// The category of this code sent with `status`: the code's, or for a code whose
    /// status decides, the status's.
    fn category_at(self, status: u16) -> Category {
        if self.info().status_decides {
            Category::from_status(status)
        } else {
            self.info().category
        }
    }
    /// The retry rule.
    fn retry(self) -> RetryRule {
        self.info().retry
    }
    /// The documentation URL.
    fn doc_url(self) -> Option<&'static str> {
        self.info().doc_url
    }
    /// What the error means.
    fn description(self) -> &'static str {
        self.info().description
    }
    /// The documented response for this code, see [`crate::build_response`].
    fn response(self, parts: &crate::ResponseParts) -> crate::ErrorResponse {
        crate::build_response(self, parts)
    }
}

/// A code that the catalog does not document, kept with its original text.
///
/// Its text is deliberately not matchable: compare [`WireCode::as_str`] instead, which
/// keeps working when a later catalog documents the code and it moves to
/// [`WireCode::Known`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownCode {
    text: Box<str>,
}

impl UnknownCode {
    /// Wraps text that no documented code has.
    pub fn new(text: &str) -> Self {
        UnknownCode { text: text.into() }
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error code {:?} is not in the catalog", self.text)
    }
}

impl std::error::Error for UnknownCode {}

/// A code as it came over the wire: documented, or unknown with its text kept.
///
/// Parsing never fails, and `as_str` returns exactly what was parsed, so an unknown code
/// survives a round trip. When a later catalog documents a code, it moves from `Unknown`
/// to `Known`; since [`UnknownCode`] cannot be matched by text, no arm that matched it can
/// silently stop matching.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum WireCode<C> {
    /// A code the catalog documents.
    Known(C),
    /// A code the catalog does not document.
    Unknown(UnknownCode),
}

impl<C: CatalogCode> WireCode<C> {
    /// Parses a wire identifier; never fails.
    pub fn from_wire(wire: &str) -> Self {
        match C::from_wire(wire) {
            Some(code) => WireCode::Known(code),
            None => WireCode::Unknown(UnknownCode::new(wire)),
        }
    }

    /// Exactly the text that was parsed.
    pub fn as_str(&self) -> &str {
        match self {
            WireCode::Known(code) => code.as_str(),
            WireCode::Unknown(unknown) => &unknown.text,
        }
    }

    /// The documented code, if it is one.
    pub fn known(&self) -> Option<C> {
        match self {
            WireCode::Known(code) => Some(*code),
            WireCode::Unknown(_) => None,
        }
    }
}

impl<C: CatalogCode> From<C> for WireCode<C> {
    fn from(code: C) -> Self {
        WireCode::Known(code)
    }
}

impl<C: CatalogCode> fmt::Display for WireCode<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<C: CatalogCode> std::str::FromStr for WireCode<C> {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self::from_wire(s))
    }
}

impl<C: CatalogCode> serde::Serialize for WireCode<C> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de, C: CatalogCode> serde::Deserialize<'de> for WireCode<C> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Self::from_wire(&text))
    }
}

/// Support for generated code; not a stable API.
#[doc(hidden)]
pub fn deserialize_known<'de, C: CatalogCode, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<C, D::Error> {
    let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
    C::from_wire(&text).ok_or_else(|| {
        serde::de::Error::custom(format_args!(
            "unknown {} error code {:?}",
            C::API,
            text.as_ref()
        ))
    })
}
