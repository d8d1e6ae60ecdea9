//! Resolves each error's status, category and retry rule from its entry, its type and the
//! status table, reporting errors for which something needed cannot be resolved.

use heck::ToUpperCamelCase;

use super::Ctx;
use crate::diagnostic::{Anchor, Diagnostic};
use crate::model::document::{Category, Context, ErrorDoc, ErrorTypeDoc, RetryDoc, RetryKind};
use crate::model::{default_retry_for_status, expand_doc_url, AtStatus, Error, Source};

pub(crate) fn resolve(ctx: &Ctx, out: &mut Vec<Diagnostic>) -> Vec<Error> {
    let mut errors = Vec::new();
    for (i, doc) in ctx.doc.errors.iter().enumerate() {
        if let Some(error) = resolve_one(ctx, i, doc, out) {
            errors.push(error);
        }
    }
    errors
}

fn resolve_one(ctx: &Ctx, i: usize, doc: &ErrorDoc, out: &mut Vec<Diagnostic>) -> Option<Error> {
    let ty = doc
        .error_type
        .as_deref()
        .and_then(|id| ctx.doc.types.iter().find(|t| t.id == id));
    let (status, status_inferred) = match (doc.status, ty.and_then(|t| t.status)) {
        (Some(status), _) => (status, doc.inferred.status.clone()),
        (None, Some(status)) => (status, ty.and_then(|t| t.inferred.status.clone())),
        // A misspelt or unknown type is reported by `references`; its status is then unknowable.
        (None, None) if doc.error_type.is_some() && ty.is_none() => return None,
        (None, None) if ctx.touched(&format!("errors[{i}]")) => return None,
        (None, None) => {
            let help = match ty {
                Some(t) => format!("add `status:` to this error, or to its type `{}`", t.id),
                None => "add `status:` with the HTTP status the API sends it with".to_owned(),
            };
            out.push(ctx.at(
                "missing-status",
                &format!("errors[{i}]"),
                Anchor::Value,
                format!("error `{}` has no HTTP status", doc.id),
                help,
            ));
            return None;
        }
    };
    // Where the status decides, the category is the status's (here the primary one's;
    // the runtime takes the response's); a stated one is refused in `statuses.rs`.
    let category = if doc.status_decides {
        Category::from_status(status)
    } else {
        doc.category
            .or_else(|| ty.and_then(|t| t.category))
            .unwrap_or_else(|| match doc.context {
                Context::Poll => Category::Processing,
                _ => Category::from_status(status),
            })
    };
    let (retry, retry_source, retry_inferred) = resolve_retry(ctx, doc, ty, None, status);
    let mut also_at = Vec::new();
    for extra in &doc.also_at {
        let (retry, retry_source, retry_inferred) =
            resolve_retry(ctx, doc, ty, extra.retry.as_ref(), extra.status);
        also_at.push(AtStatus {
            status: extra.status,
            retry,
            retry_source,
            retry_inferred: extra.inferred.retry.clone().or(retry_inferred),
        });
    }
    if type_is_conditional(doc, ty) {
        if !ctx.touched(&format!("errors[{i}]")) {
            out.push(ctx.at(
                "incomplete-retry",
                &format!("errors[{i}]"),
                Anchor::Value,
                format!(
                    "error `{}` has no retry rule, and its type's rule is `conditional` (it depends on the code)",
                    doc.id
                ),
                "add a `retry:` rule to this error",
            ));
        }
        return None;
    }
    let wire = doc.wire.clone().unwrap_or_else(|| doc.id.clone());
    let doc_url = doc.doc_url.clone().or_else(|| {
        ctx.doc
            .api
            .doc_url
            .as_deref()
            .and_then(|pattern| expand_doc_url(pattern, &wire, &doc.id))
    });
    Some(Error {
        doc: doc.clone(),
        variant: doc.id.to_upper_camel_case(),
        wire,
        status,
        status_inferred,
        category,
        retry,
        retry_source,
        retry_inferred,
        doc_url,
        also_at,
    })
}

/// Whether the error has no rule of its own and its type's rule is `conditional`.
fn type_is_conditional(doc: &ErrorDoc, ty: Option<&ErrorTypeDoc>) -> bool {
    doc.retry.is_none()
        && ty
            .and_then(|t| t.retry.as_ref())
            .is_some_and(|r| r.rule == RetryKind::Conditional)
}

/// The rule an error has at `status`, and where it came from: the rule stated for that
/// status (`also_at`), else the error's own, else its type's, else the status table's row,
/// else errcat's default for the status. (A `conditional` type rule resolves to the
/// status's; [`type_is_conditional`] reports it.)
fn resolve_retry(
    ctx: &Ctx,
    doc: &ErrorDoc,
    ty: Option<&ErrorTypeDoc>,
    at_status: Option<&RetryDoc>,
    status: u16,
) -> (RetryDoc, Source, Option<String>) {
    let row = ctx.doc.statuses.iter().find(|r| r.status == status);
    let type_rule = ty
        .and_then(|t| t.retry.as_ref())
        .filter(|r| r.rule != RetryKind::Conditional);
    let (retry, source, entry_reason) = if let Some(rule) = at_status {
        (rule.clone(), Source::Error, None)
    } else if let Some(rule) = &doc.retry {
        (rule.clone(), Source::Error, doc.inferred.retry.clone())
    } else if let Some(rule) = type_rule {
        (
            rule.clone(),
            Source::Type,
            ty.and_then(|t| t.inferred.retry.clone()),
        )
    } else if let Some(rule) = row.and_then(|r| r.retry.as_ref()) {
        (
            rule.clone(),
            Source::Status,
            row.and_then(|r| r.inferred.retry.clone()),
        )
    } else {
        let reason =
            format!("the page states no retry rule for it; errcat's default for status {status}");
        (
            default_retry_for_status(status),
            Source::Default,
            Some(reason),
        )
    };
    let inferred = entry_reason
        .or_else(|| retry.inferred.retry.clone())
        .or_else(|| retry.inferred.other.clone());
    (retry, source, inferred)
}

#[cfg(test)]
mod tests {
    use crate::model::document::RetryKind;

    /// A generic error at several statuses takes, at each further status without a rule
    /// of its own, that status's row: retried at 503, not at 404.
    #[test]
    fn a_further_status_takes_its_own_rows_rule() {
        let text = r#"
api: { id: acme, name: Acme }
envelope:
  fields:
    - { path: type, type: string, role: code }
statuses:
  - { status: 404, name: Not Found, retry: { rule: never } }
  - { status: 503, name: Service Unavailable, retry: { rule: backoff, backoff: { initial_ms: 500 } } }
errors:
  - id: generic
    status: 404
    also_at:
      - { status: 503 }
    description: A problem with no more meaning than its status.
"#;
        let loaded = crate::load::load_str("acme.yaml", text);
        let catalog = crate::validate::validate(vec![loaded]).unwrap_or_else(|d| panic!("{d}"));
        let generic = &catalog.apis[0].errors[0];
        let rule = |status| generic.retry_at(status).map(|r| r.rule);
        assert_eq!(rule(404), Some(RetryKind::Never));
        assert_eq!(rule(503), Some(RetryKind::Backoff));
        assert_eq!(
            generic
                .retry_at(503)
                .and_then(|r| r.backoff.as_ref())
                .and_then(|b| b.initial_ms),
            Some(500)
        );
        assert_eq!(rule(500), None);
    }
}
