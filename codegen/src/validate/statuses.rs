//! HTTP statuses: in range, errors only on error statuses, the status table without repeats.

use std::collections::BTreeMap;

use super::Ctx;
use crate::diagnostic::{Anchor, Diagnostic};
use crate::model::document::{Context, ErrorDoc, IdentifiedBy};

fn in_range(status: u16) -> bool {
    (100..=599).contains(&status)
}

fn out_of_range(ctx: &Ctx, path: &str, status: u16) -> Diagnostic {
    ctx.at(
        "status-out-of-range",
        path,
        Anchor::Value,
        format!("HTTP status {status} is outside 100-599"),
        "use a real HTTP status code (RFC 9110), e.g. 400, 404, 429 or 500",
    )
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut table: BTreeMap<u16, usize> = BTreeMap::new();
    for (i, row) in ctx.doc.statuses.iter().enumerate() {
        let path = format!("statuses[{i}].status");
        if !in_range(row.status) {
            out.push(out_of_range(ctx, &path, row.status));
        } else if let Some(first) = table.insert(row.status, i) {
            let line = ctx.line_of(&format!("statuses[{first}]"));
            out.push(ctx.at(
                "duplicate-status",
                &path,
                Anchor::Value,
                format!(
                    "status {} is listed twice (first on line {line})",
                    row.status
                ),
                "keep one row per status",
            ));
        }
    }
    plain_text(ctx, out);
    status_decides(ctx, out);
    for (i, ty) in ctx.doc.types.iter().enumerate() {
        if let Some(status) = ty.status {
            let path = format!("types[{i}].status");
            if !in_range(status) {
                out.push(out_of_range(ctx, &path, status));
            } else if status < 400 {
                out.push(non_error(ctx, &path, status));
            }
        }
    }
    for (i, error) in ctx.doc.errors.iter().enumerate() {
        let mut seen: BTreeMap<u16, String> = BTreeMap::new();
        for (path, status) in statuses_of(i, error) {
            if !in_range(status) {
                out.push(out_of_range(ctx, &path, status));
            } else if error.context == Context::SuccessResponse
                && !(200..300).contains(&status)
                && status < 400
            {
                out.push(ctx.at(
                    "non-error-status",
                    &path,
                    Anchor::Value,
                    format!("status {status} is neither a success (2xx) nor an error status"),
                    "an error inside a successful response has its 2xx status; one sent as an HTTP error has a 4xx or 5xx status",
                ));
            } else if status < 400
                && !matches!(error.context, Context::Poll | Context::SuccessResponse)
            {
                out.push(non_error(ctx, &path, status));
            } else if let Some(first) = seen.insert(status, path.clone()) {
                out.push(ctx.at(
                    "duplicate-status",
                    &path,
                    Anchor::Value,
                    format!(
                        "error `{}` lists status {status} twice (first on line {})",
                        error.id,
                        ctx.line_of(&first)
                    ),
                    "name each status once: `status` for the first, `also_at` for the others",
                ));
            }
        }
    }
    for (i, example) in ctx.doc.examples.iter().enumerate() {
        if !in_range(example.status) {
            out.push(out_of_range(
                ctx,
                &format!("examples[{i}].status"),
                example.status,
            ));
        }
    }
}

/// The statuses error `i` lists, each with the path of its value: `status`, then each
/// `also_at` entry.
fn statuses_of(i: usize, error: &ErrorDoc) -> impl Iterator<Item = (String, u16)> + '_ {
    let own = error.status.map(|s| (format!("errors[{i}].status"), s));
    let further = error
        .also_at
        .iter()
        .enumerate()
        .map(move |(j, a)| (format!("errors[{i}].also_at[{j}].status"), a.status));
    own.into_iter().chain(further)
}

fn non_error(ctx: &Ctx, path: &str, status: u16) -> Diagnostic {
    ctx.at(
        "non-error-status",
        path,
        Anchor::Value,
        format!("status {status} is not an error status"),
        "errors sent in HTTP responses need a 4xx or 5xx status; an error reported inside a successful (2xx) response takes `context: success_response` (a failed job in a poll response: `context: poll`)",
    )
}

/// A status row's own `content_type` is `text/plain` (the one body format a status may
/// have besides the envelope's), and for an API told apart by code no error is sent at
/// such a status: a plain-text body cannot carry its code.
fn plain_text(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut text_statuses = Vec::new();
    for (i, row) in ctx.doc.statuses.iter().enumerate() {
        let Some(content_type) = row.content_type.as_deref() else {
            continue;
        };
        if errcat_vocab::is_plain_text_media_type(content_type) {
            text_statuses.push((row.status, i));
        } else {
            out.push(ctx.at(
                "status-content-type",
                &format!("statuses[{i}].content_type"),
                Anchor::Value,
                format!("status {} has content type {content_type:?}; a status row may only say `text/plain`", row.status),
                "give `content_type: text/plain` when the page says the body at this status is plain text; the envelope's `content_type` covers every other error body",
            ));
        }
    }
    if ctx.doc.api.identified_by == IdentifiedBy::Message {
        return;
    }
    for (i, error) in ctx.doc.errors.iter().enumerate() {
        for (path, status) in statuses_of(i, error) {
            if let Some((_, row)) = text_statuses.iter().find(|(s, _)| *s == status) {
                out.push(ctx.at(
                    "code-in-plain-text",
                    &path,
                    Anchor::Value,
                    format!(
                        "error `{}` is sent with status {status}, whose bodies are plain text (line {}), so its code cannot be in the body",
                        error.id,
                        ctx.line_of(&format!("statuses[{row}].content_type"))
                    ),
                    "describe that status in its `statuses` row (its errors are told apart by status alone), or correct the error's status",
                ));
            }
        }
    }
}

/// An error whose status decides its meaning takes its category from the response's
/// status, so a stated category would be a second, contradicting answer; and it is an
/// HTTP error, since only a response's status can decide.
fn status_decides(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (i, error) in ctx.doc.errors.iter().enumerate() {
        if !error.status_decides {
            continue;
        }
        if error.category.is_some() {
            out.push(ctx.at(
                "status-decides-category",
                &format!("errors[{i}].category"),
                Anchor::Value,
                format!(
                    "error `{}` says the status decides its meaning, and also states a category",
                    error.id
                ),
                "remove `category` (each status gives its own), or remove `status_decides` if the page gives the error one meaning at every status",
            ));
        }
        if error.context != Context::Http {
            out.push(ctx.at(
                "status-decides-context",
                &format!("errors[{i}].status_decides"),
                Anchor::Value,
                format!(
                    "error `{}` is not reported in an HTTP error response, so no status can decide its meaning",
                    error.id
                ),
                "remove `status_decides`",
            ));
        }
    }
}
