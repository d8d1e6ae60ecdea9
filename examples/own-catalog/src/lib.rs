//! errcat from a third party's side: a crate with its own error catalog.
//!
//! `catalog/acme.yaml` describes the errors of Acme Payments (a fictional API). `build.rs`
//! turns it into the [`acme`] module with `errcat_codegen::Builder`, and this crate
//! depends on `errcat` with `default-features = false`: the small runtime alone, none of
//! the bundled APIs.
//!
//! ```
//! use own_catalog::acme::ErrorCode;
//!
//! let code: ErrorCode = "rate_limited".parse().unwrap();
//! assert_eq!(code.http_status(), 429);
//! assert_eq!(code.doc_url(), Some("https://docs.acme.example/errors#rate_limited"));
//! ```
//!
//! Editing the catalog reruns the build script on the next `cargo build`; nothing else
//! does.

#![deny(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/acme.rs"));

/// Whether a request that got `body` back may be sent again, possibly after a delay.
///
/// Reads the code from the Acme error envelope and asks the catalog's retry rule
/// ([`errcat::RetryRule::repeats_request`]). A body that is not an Acme error, or names a
/// code the catalog does not document, is not retried.
///
/// ```
/// let body = r#"{"error": {"code": "rate_limited", "type": "api_error", "message": "slow down"}}"#;
/// assert!(own_catalog::should_retry(body));
/// ```
pub fn should_retry(body: &str) -> bool {
    let Ok(envelope) = serde_json::from_str::<acme::ErrorEnvelope>(body) else {
        return false;
    };
    envelope
        .wire_code()
        .and_then(|code| code.known())
        .is_some_and(|code| code.retry().repeats_request())
}
