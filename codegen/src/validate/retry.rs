//! Retry rules: complete for their kind, and not contradicting the status they apply to.

use super::Ctx;
use crate::diagnostic::{Anchor, Diagnostic};
use crate::model::document::{RetryDoc, RetryKind};
use crate::model::{Error, Source};

/// The range each retry parameter may take. Beyond these no documented API goes, and
/// the runtime's arithmetic stays far from overflow: a day's delay, a factor of ten, a
/// hundred attempts.
const DELAY_MS: std::ops::RangeInclusive<u64> = 1..=86_400_000;
const FACTOR: std::ops::RangeInclusive<u64> = 1..=10;
const ATTEMPTS: std::ops::RangeInclusive<u64> = 1..=100;
const WAIT_SECONDS: std::ops::RangeInclusive<u64> = 0..=86_400;

/// A parameter outside its range: where it is, and the range it must be in.
fn check_range(
    ctx: &Ctx,
    path: &str,
    name: &str,
    value: u64,
    range: std::ops::RangeInclusive<u64>,
    out: &mut Vec<Diagnostic>,
) {
    if !range.contains(&value) {
        out.push(ctx.at(
            "retry-out-of-range",
            path,
            Anchor::Value,
            format!(
                "`{name}: {value}` is outside the allowed range {}..={}",
                range.start(),
                range.end()
            ),
            format!(
                "use a value from {} to {}, as the API documents it",
                range.start(),
                range.end()
            ),
        ));
    }
}

/// The 4xx statuses whose definitions invite sending the same request again: 408
/// Request Timeout ("the client MAY repeat that request", RFC 9110 section 15.5.9) and
/// 429 Too Many Requests (RFC 6585 section 4). Any other client error is the request's
/// fault unless the API's page says otherwise, so a rule that repeats one must quote the
/// page's reason.
fn client_status_invites_retry(status: u16) -> bool {
    matches!(status, 408 | 429)
}

/// Checks one rule on its own, wherever it is written.
fn check_rule(ctx: &Ctx, path: &str, rule: &RetryDoc, type_level: bool, out: &mut Vec<Diagnostic>) {
    let name = rule.rule.as_str();
    let mut incomplete = |message: String, help: &str| {
        out.push(ctx.at(
            "incomplete-retry",
            path,
            Anchor::Value,
            message,
            help.to_owned(),
        ));
    };
    match rule.rule {
        RetryKind::RetryAfter if rule.header.is_none() && rule.body_field.is_none() => incomplete(
            "a `retry_after` rule needs to say where the delay comes from".to_owned(),
            "add `header: Retry-After` and/or `body_field:` with the envelope field that holds the seconds",
        ),
        RetryKind::Wait if rule.wait.is_none() => incomplete(
            "a `wait` rule needs its window".to_owned(),
            "add `wait: { min_seconds: 30, max_seconds: 60 }` with the documented window",
        ),
        RetryKind::Conditional if !type_level => incomplete(
            "`conditional` (depends on the code) only makes sense on a type".to_owned(),
            "state this error's own rule instead, e.g. `rule: backoff` or `rule: never`",
        ),
        RetryKind::Never | RetryKind::Resubmit | RetryKind::Conditional
            if rule.backoff.is_some() || rule.wait.is_some() =>
        {
            out.push(ctx.at(
                "contradictory-retry",
                path,
                Anchor::Value,
                format!("a `{name}` rule does not retry, yet it has backoff or wait parameters"),
                "remove the parameters, or choose a rule that retries",
            ))
        }
        _ => {}
    }
    if let Some(wait) = &rule.wait {
        if wait.min_seconds > wait.max_seconds {
            out.push(ctx.at(
                "contradictory-retry",
                &format!("{path}.wait"),
                Anchor::Value,
                format!(
                    "the wait window {}-{} s ends before it starts",
                    wait.min_seconds, wait.max_seconds
                ),
                "make `min_seconds` no larger than `max_seconds`",
            ));
        }
    }
    if let Some(wait) = &rule.wait {
        for (name, value) in [
            ("min_seconds", wait.min_seconds),
            ("max_seconds", wait.max_seconds),
        ] {
            check_range(
                ctx,
                &format!("{path}.wait.{name}"),
                name,
                value,
                WAIT_SECONDS,
                out,
            );
        }
    }
    if let Some(backoff) = &rule.backoff {
        let parameters = [
            ("initial_ms", backoff.initial_ms, DELAY_MS),
            ("max_delay_ms", backoff.max_delay_ms, DELAY_MS),
            ("factor", backoff.factor.map(u64::from), FACTOR),
            (
                "max_attempts",
                backoff.max_attempts.map(u64::from),
                ATTEMPTS,
            ),
        ];
        for (name, value, range) in parameters {
            if let Some(value) = value {
                check_range(
                    ctx,
                    &format!("{path}.backoff.{name}"),
                    name,
                    value,
                    range,
                    out,
                );
            }
        }
        if let (Some(initial), Some(max)) = (backoff.initial_ms, backoff.max_delay_ms) {
            if max < initial {
                out.push(ctx.at(
                    "contradictory-retry",
                    &format!("{path}.backoff.max_delay_ms"),
                    Anchor::Value,
                    format!(
                        "the longest delay ({max} ms) is shorter than the first ({initial} ms)"
                    ),
                    "raise `max_delay_ms` or lower `initial_ms`",
                ));
            }
        }
    }
    if let Some(field) = &rule.body_field {
        if !ctx.doc.envelope.fields.iter().any(|f| &f.path == field) {
            out.push(ctx.at(
                "unknown-body-field",
                &format!("{path}.body_field"),
                Anchor::Value,
                format!("`{field}` is not a field of the envelope"),
                "add the field under `envelope.fields` (with `role: retry_after`), or fix the path",
            ));
        }
    }
}

pub(crate) fn check(ctx: &Ctx, errors: &[Error], out: &mut Vec<Diagnostic>) {
    for (i, ty) in ctx.doc.types.iter().enumerate() {
        if let Some(rule) = &ty.retry {
            check_rule(ctx, &format!("types[{i}].retry"), rule, true, out);
        }
    }
    for (i, row) in ctx.doc.statuses.iter().enumerate() {
        if let Some(rule) = &row.retry {
            check_rule(ctx, &format!("statuses[{i}].retry"), rule, false, out);
        }
    }
    for (i, doc) in ctx.doc.errors.iter().enumerate() {
        if let Some(rule) = &doc.retry {
            check_rule(ctx, &format!("errors[{i}].retry"), rule, false, out);
        }
        for (j, extra) in doc.also_at.iter().enumerate() {
            if let Some(rule) = &extra.retry {
                let path = format!("errors[{i}].also_at[{j}].retry");
                check_rule(ctx, &path, rule, false, out);
            }
        }
    }
    // Index by id once: a lookup per error would make large catalogs quadratic.
    let index: std::collections::HashMap<&str, usize> = ctx
        .doc
        .errors
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    for error in errors {
        let Some(&i) = index.get(error.doc.id.as_str()) else {
            continue;
        };
        // Point at the rule where it is written on this entry, else at the entry.
        let own_rule = format!("errors[{i}].retry.rule");
        let own = match error.retry_source {
            Source::Error => own_rule.clone(),
            _ => format!("errors[{i}]"),
        };
        let (status, retry, source) = (error.status, &error.retry, error.retry_source);
        check_against_status(ctx, error, status, retry, source, &own, out);
        for (j, extra) in error.also_at.iter().enumerate() {
            let path = if error.doc.also_at[j].retry.is_some() {
                format!("errors[{i}].also_at[{j}].retry.rule")
            } else if extra.retry_source == Source::Error {
                own_rule.clone()
            } else {
                format!("errors[{i}].also_at[{j}]")
            };
            let (status, retry, source) = (extra.status, &extra.retry, extra.retry_source);
            check_against_status(ctx, error, status, retry, source, &path, out);
        }
    }
}

/// One rule against the status it applies at: a client error repeated without the
/// page's reason, or a 429 never retried.
fn check_against_status(
    ctx: &Ctx,
    error: &Error,
    status: u16,
    retry: &RetryDoc,
    source: Source,
    path: &str,
    out: &mut Vec<Diagnostic>,
) {
    let rule = retry.rule;
    let from = match source {
        Source::Error => String::new(),
        Source::Type => format!(" (from its type `{}`)", error.error_type().unwrap_or("")),
        Source::Status => format!(" (from the {status} row of `statuses`)"),
        Source::Default => return,
    };
    if rule.repeats_request()
        && (400..500).contains(&status)
        && !client_status_invites_retry(status)
        && retry.reason.is_none()
    {
        out.push(ctx.at(
            "retry-contradicts-status",
            path,
            Anchor::Value,
            format!(
                "error `{}` at status {status}, a client error, has the rule `{}`{from}, which repeats the request, and the rule gives no `reason`; only 408 and 429 invite a retry by their definition, any other 4xx needs the page's reason",
                error.id(),
                RetryKind::as_str(rule)
            ),
            "quote the page's words for why the same request can succeed later in `reason:`; or use `rule: never` (fix the request) or `resubmit`, or correct the status",
        ));
    }
    if rule == RetryKind::Never && status == 429 {
        out.push(ctx.at(
            "retry-contradicts-status",
            path,
            Anchor::Value,
            format!(
                "error `{}` at status 429 (Too Many Requests), which is retried after a wait, has the rule `never`{from}",
                error.id()
            ),
            "use `rule: retry_after` with `header: Retry-After`, or `backoff`",
        ));
    }
}
