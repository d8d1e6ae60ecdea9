//! Catalog facts in plain words, shared by every emitter that writes prose.

use crate::model::document::{BackoffDoc, FieldRole, HeaderConditionDoc, RetryDoc, RetryKind};
use crate::model::Api;

/// The category of an error whose status decides its meaning, in words, with its
/// category at its primary status written by `code` (a code span, or plain text).
pub fn status_decides_words(category: &str, status: u16, code: impl Fn(&str) -> String) -> String {
    format!(
        "the response's status decides: at every status its category is the status's, and where no rule is stated for a status, so is its retry rule ({} at {status})",
        code(category)
    )
}

/// The envelope's shape in words: its family's phrase, and for an XML envelope the family
/// followed by a sketch of the document from the catalog's own code and message fields
/// (the family's JSON sketch would describe a body the API never sends).
pub fn shape_words(api: &Api) -> String {
    let phrase = errcat_vocab::Term::phrase(api.family());
    if !errcat_vocab::is_xml_media_type(&api.doc.envelope.content_type) {
        return phrase.to_owned();
    }
    let family = phrase.split(", `").next().unwrap_or(phrase);
    let paths: Vec<Vec<&str>> = api
        .doc
        .envelope
        .fields
        .iter()
        .filter(|f| matches!(f.role, Some(FieldRole::Code | FieldRole::Message)))
        .filter_map(|f| errcat_vocab::FieldPath::parse(&f.path).ok())
        .map(|path| {
            path.steps()
                .filter_map(|step| match step {
                    errcat_vocab::Step::Key(key) if !key.starts_with(['@', '$']) => Some(key),
                    _ => None,
                })
                .collect()
        })
        .collect();
    format!(
        "{family} in XML, {}",
        crate::text::code_span(&xml_sketch(&paths, 0))
    )
}

/// `<Error><Code>…</Code><Message>…</Message></Error>`: the elements the paths go
/// through, each once, in the order the paths name them.
fn xml_sketch(paths: &[Vec<&str>], depth: usize) -> String {
    let mut names: Vec<&str> = Vec::new();
    for path in paths {
        if let Some(name) = path.get(depth) {
            if !names.contains(name) {
                names.push(name);
            }
        }
    }
    names
        .iter()
        .map(|name| {
            let inner: Vec<Vec<&str>> = paths
                .iter()
                .filter(|p| p.get(depth) == Some(name))
                .cloned()
                .collect();
            let leaf = inner.iter().all(|p| p.len() == depth + 1);
            let content = if leaf {
                "…".to_owned()
            } else {
                xml_sketch(&inner, depth + 1)
            };
            format!("<{name}>{content}</{name}>")
        })
        .collect()
}

/// The info string of a fenced block that holds one of the API's bodies at `status`:
/// `text` where the status row says plain text, `xml` for an XML envelope, else `json`.
pub fn body_language(api: &Api, status: Option<u16>) -> &'static str {
    let plain_text = status.is_some_and(|status| api.doc.plain_text_row(status).is_some());
    if plain_text {
        "text"
    } else if errcat_vocab::is_xml_media_type(&api.doc.envelope.content_type) {
        "xml"
    } else {
        "json"
    }
}

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
                .map(|w| match (w.min_seconds, w.max_seconds) {
                    // One number, not a window of one ("1-1 s").
                    (min, max) if min == max => format!("{min} s"),
                    (min, max) => format!("{min}-{max} s"),
                })
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

#[cfg(test)]
mod tests {
    use super::retry_words;
    use crate::model::document::RetryDoc;

    fn wait(min: u64, max: u64) -> RetryDoc {
        serde_yaml::from_str(&format!(
            "{{rule: wait, wait: {{min_seconds: {min}, max_seconds: {max}}}}}"
        ))
        .expect("a wait rule")
    }

    /// A window is a range; a window of one second is that second ("1 s", not "1-1 s").
    #[test]
    fn a_wait_window_reads_as_a_range_or_one_number() {
        assert_eq!(retry_words(&wait(1, 1), Some(429)), "Retry after 1 s.");
        assert_eq!(retry_words(&wait(5, 30), Some(429)), "Retry after 5-30 s.");
    }
}
