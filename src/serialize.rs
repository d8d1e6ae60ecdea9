//! How errcat's values look in logs and in JSON sent on: `serde::Serialize` for the
//! values whose derived form would be wrong or incomplete (durations as milliseconds,
//! the category and rule an error resolves to, the kind of each decision).

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::{ApiError, CatalogCode, ErrorItem, RetryDecision};

/// `{"decision": "retry", "delay_ms": 1500}`, `{"decision": "give_up", "reason":
/// "attempts_exhausted"}`, `{"decision": "fix_request"}`.
impl Serialize for RetryDecision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match self {
            RetryDecision::Retry { delay } | RetryDecision::PollAgain { delay } => {
                let kind = match self {
                    RetryDecision::Retry { .. } => "retry",
                    _ => "poll_again",
                };
                map.serialize_entry("decision", kind)?;
                map.serialize_entry("delay_ms", &(delay.as_millis() as u64))?;
            }
            RetryDecision::Resubmit => map.serialize_entry("decision", "resubmit")?,
            RetryDecision::FixRequest => map.serialize_entry("decision", "fix_request")?,
            RetryDecision::GiveUp(reason) => {
                map.serialize_entry("decision", "give_up")?;
                map.serialize_entry("reason", reason)?;
            }
        }
        map.end()
    }
}

/// Every field as read, plus what it resolves to: `known` (whether the catalog
/// documents the code), `category` and `retry_rule`.
impl<C: CatalogCode> Serialize for ApiError<C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ApiError", 21)?;
        s.serialize_field("api", C::API)?;
        s.serialize_field("status", &self.status)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("known", &self.known_code().is_some())?;
        s.serialize_field("category", &self.category())?;
        s.serialize_field("retry_rule", &self.retry_rule())?;
        s.serialize_field("sub_code", &self.sub_code)?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("messages", &self.messages)?;
        s.serialize_field("error_type", &self.error_type)?;
        s.serialize_field("param", &self.param)?;
        s.serialize_field("request_id", &self.request_id)?;
        s.serialize_field("doc_url", &self.doc_url)?;
        s.serialize_field("timestamp", &self.timestamp)?;
        s.serialize_field("details", &self.details)?;
        s.serialize_field("body_retry_after", &self.body_retry_after)?;
        s.serialize_field("headers", &self.headers)?;
        s.serialize_field("shape", &self.shape)?;
        s.serialize_field("raw_body", &self.raw_body)?;
        s.serialize_field("errors", &self.errors)?;
        s.serialize_field("extra", &self.extra)?;
        s.end()
    }
}

impl<C: CatalogCode> Serialize for ErrorItem<C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ErrorItem", 7)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("known", &self.known_code().is_some())?;
        s.serialize_field("sub_code", &self.sub_code)?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("error_type", &self.error_type)?;
        s.serialize_field("param", &self.param)?;
        let placeholders: serde_json::Map<String, serde_json::Value> = self
            .placeholders
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.clone().into()))
            .collect();
        s.serialize_field("placeholders", &placeholders)?;
        s.end()
    }
}
