//! Catalog facts in plain words, shared by every emitter that writes prose.

use crate::model::document::{BackoffDoc, HeaderConditionDoc, RetryDoc, RetryKind};

fn seconds(ms: u64) -> String {
    if ms % 1000 == 0 {
        format!("{} s", ms / 1000)
    } else {
        format!("{ms} ms")
    }
}

/// "`x-ratelimit-remaining: 0`", or several joined by "and": the headers that select an
/// error.
pub fn header_conditions_words(conditions: &[HeaderConditionDoc]) -> String {
    let spans: Vec<String> = conditions
        .iter()
        .map(|c| crate::text::code_span(&c.words()))
        .collect();
    spans.join(" and ")
}

/// "exponential backoff (1 s, x2, 3 attempts)".
pub fn backoff_words(backoff: &BackoffDoc) -> String {
    let mut parts = Vec::new();
    if let Some(initial) = backoff.initial_ms {
        parts.push(format!("from {}", seconds(initial)));
    }
    if let Some(factor) = backoff.factor {
        parts.push(format!("x{factor} each time"));
    }
    if let Some(max) = backoff.max_delay_ms {
        parts.push(format!("at most {} per wait", seconds(max)));
    }
    if let Some(attempts) = backoff.max_attempts {
        parts.push(format!("{attempts} attempts in all"));
    }
    if parts.is_empty() {
        "exponential backoff (the page gives no schedule)".to_owned()
    } else {
        format!("exponential backoff ({})", parts.join(", "))
    }
}

fn delay_source(rule: &RetryDoc) -> String {
    match (&rule.header, &rule.body_field) {
        (Some(h), Some(b)) => format!("the `{h}` header or the body field `{b}`"),
        (Some(h), None) => format!("the `{h}` header"),
        (None, Some(b)) => format!("the body field `{b}`"),
        (None, None) => "the server".to_owned(),
    }
}

/// What a client does under rule `never` for an error of `status`, in the runtime's
/// terms: a 4xx is the request's fault (`RetryDecision::FixRequest`); any other status is
/// not (`GiveUp(NotRetryable)`), so "fix the request" would send the reader the wrong way.
/// `None`: a rule stated without a status (a type's), where both may apply.
fn never_words(status: Option<u16>) -> &'static str {
    match status {
        Some(status) if RetryKind::never_means_fix_the_request(status) => {
            "Do not retry: fix the request first."
        }
        Some(_) => "Do not retry: the same request fails the same way, and the fault is not in the request.",
        None => "Do not retry.",
    }
}

/// The retry rule of an error of `status` (`None` when the rule has no status of its
/// own, such as a type's) in one sentence.
pub fn retry_words(rule: &RetryDoc, status: Option<u16>) -> String {
    let then = rule
        .backoff
        .as_ref()
        .map(|b| format!(", then {} if it repeats", backoff_words(b)))
        .unwrap_or_default();
    match rule.rule {
        RetryKind::Never => never_words(status).to_owned(),
        RetryKind::RetryAfter => format!("Retry after the delay in {}{then}.", delay_source(rule)),
        RetryKind::Backoff => format!(
            "Retry with {}.",
            backoff_words(rule.backoff.as_ref().unwrap_or(&BackoffDoc::default()))
        ),
        RetryKind::PollAgain => {
            if rule.header.is_some() || rule.body_field.is_some() {
                format!(
                    "Keep polling the same id, after the delay in {}{then}.",
                    delay_source(rule)
                )
            } else {
                format!("Keep polling the same id{then}.")
            }
        }
        RetryKind::Resubmit => "Resubmit as a fresh request; never reuse the failed id.".to_owned(),
        RetryKind::Wait => {
            let window = rule
                .wait
                .as_ref()
                .map(|w| format!("{}-{} s", w.min_seconds, w.max_seconds))
                .unwrap_or_else(|| "the documented window".to_owned());
            let hint = if rule.header.is_some() || rule.body_field.is_some() {
                format!(" (or the delay in {})", delay_source(rule))
            } else {
                String::new()
            };
            format!("Retry after {window}{hint}{then}.")
        }
        RetryKind::Conditional => "Depends on the code.".to_owned(),
        // A kind newer than these words: its phrase, as a sentence.
        other => format!("{}.", capitalized(errcat_vocab::Term::phrase(other))),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
