//! errcat: typed error catalogs.
//!
//! This crate holds the small runtime that errcat-generated code relies on ([`RetryRule`],
//! [`Category`], [`WireCode`], [`CatalogCode`], ...) and, behind cargo features that are
//! on by default, the generated modules of five real APIs:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let code: errcat::kallglot::ErrorCode = "invalid_api_key".parse()?;
//! assert_eq!(code.http_status(), 401);
//! assert_eq!(code.doc_url(), Some("https://developer.kallglot.com/errors#invalid_api_key"));
//! # Ok(())
//! # }
//! ```
//!
//! A crate with its own catalog depends on this crate with `default-features = false`
//! (the runtime alone) and on `errcat-codegen` as a build-dependency.

#![deny(missing_docs)]

// Generated code names the runtime as `::errcat`, which must also resolve here.
extern crate self as errcat;

mod code;
mod decision;
mod drive;
mod duration;
pub mod headers;
#[cfg(feature = "http")]
mod http_compat;
pub mod integrations;
mod report;
mod response;
mod retry;
mod serialize;
mod server;
mod spec;
mod transport;

pub use code::{AlsoAt, CatalogCode, CodeInfo, HeaderCondition, UnknownCode, WireCode};
pub use decision::{GiveUp, Idempotency, Jitter, RetryBudget, RetryDecision, RetryPolicy};
#[cfg(feature = "tokio")]
pub use drive::run_tokio;
pub use drive::{run, run_async};
pub use report::ErrorReport;
pub use response::{ApiError, BodyShape, ErrorItem, MAX_BODY_BYTES, MAX_HEADERS, MAX_RAW_BYTES};
pub use retry::{Backoff, DelaySource, RetryRule, WaitWindow};
pub use server::{
    build_response, build_undocumented_response, ErrorResponse, ResponseParts, RetryAfterForm,
};
pub use spec::{ApiSpec, EnvelopeSpec, FieldSpec, HeaderSpec, StatusInfo, TypeSpec};
pub use transport::{Failure, Retryable, Summary, TransportError, TransportKind};
// The vocabulary errcat-codegen writes catalogs in; defined once, in errcat-vocab.
pub use errcat_vocab::{is_plain_text_media_type, is_xml_media_type};
pub use errcat_vocab::{
    Category, CloseAction, Context, EnvelopeFamily, FieldKind, FieldPath, FieldRole, HeaderFormat,
    HeaderRole, IdentifiedBy, PathError, RetryKind, Step,
};

/// Support for generated code; not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use crate::code::deserialize_known;
    pub use serde;
    pub use serde_json;

    /// Named by the generated module of an API with XML error bodies: it exists only
    /// with the `xml` feature, so such a module does not build without it.
    #[cfg(feature = "xml")]
    pub const XML_FEATURE_ENABLED: () = ();
}

#[cfg(feature = "agenthuman")]
include!(concat!(env!("OUT_DIR"), "/agenthuman.rs"));
#[cfg(feature = "identitycall")]
include!(concat!(env!("OUT_DIR"), "/identitycall.rs"));
#[cfg(feature = "kallglot")]
include!(concat!(env!("OUT_DIR"), "/kallglot.rs"));
#[cfg(feature = "voice_gateway")]
include!(concat!(env!("OUT_DIR"), "/voice_gateway.rs"));
#[cfg(feature = "zenhire")]
include!(concat!(env!("OUT_DIR"), "/zenhire.rs"));

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
