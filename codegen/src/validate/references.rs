//! References between entries: types, limits' errors and examples' expected codes exist.

use super::Ctx;
use crate::diagnostic::{Anchor, Diagnostic};
use crate::text::edit_distance;

/// "did you mean" help for a reference to `wanted` among `known` ids.
pub(crate) fn suggest<'a>(
    wanted: &str,
    known: impl Iterator<Item = &'a str>,
    what: &str,
) -> String {
    let nearest = known
        .map(|k| (edit_distance(wanted, k), k))
        .filter(|(d, k)| *d <= 3.max(k.len() / 3))
        .min();
    let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    match nearest {
        Some((_, id)) => {
            format!("did you mean `{id}`? Otherwise add {article} {what} with id `{wanted}`")
        }
        None => format!("use the id of an existing {what}, or add one with id `{wanted}`"),
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if ctx.pruned {
        return;
    }
    let doc = ctx.doc;
    let type_ids = || doc.types.iter().map(|t| t.id.as_str());
    let error_ids = || doc.errors.iter().map(|e| e.id.as_str());
    for (i, error) in doc.errors.iter().enumerate() {
        if let Some(ty) = &error.error_type {
            if !type_ids().any(|t| t == ty) {
                out.push(ctx.at(
                    "unknown-type",
                    &format!("errors[{i}].type"),
                    Anchor::Value,
                    format!("error `{}` names the unknown type `{ty}`", error.id),
                    suggest(ty, type_ids(), "type under `types:`"),
                ));
            }
        }
    }
    for (i, error) in doc.errors.iter().enumerate() {
        let Some(replacement) = error
            .deprecated
            .as_ref()
            .and_then(|d| d.replacement.as_ref())
        else {
            continue;
        };
        if !error_ids().any(|e| e == replacement) {
            out.push(ctx.at(
                "unknown-error",
                &format!("errors[{i}].deprecated.replacement"),
                Anchor::Value,
                format!(
                    "error `{}` is replaced by the unknown error `{replacement}`",
                    error.id
                ),
                suggest(replacement, error_ids(), "error"),
            ));
        } else if replacement == &error.id {
            out.push(ctx.at(
                "self-replacement",
                &format!("errors[{i}].deprecated.replacement"),
                Anchor::Value,
                format!("error `{}` names itself as its replacement", error.id),
                "name the error that clients should use instead, or remove `replacement`",
            ));
        }
    }
    for (i, limit) in doc.limits.iter().enumerate() {
        if let Some(id) = &limit.error {
            if !error_ids().any(|e| e == id) {
                out.push(ctx.at(
                    "unknown-error",
                    &format!("limits[{i}].error"),
                    Anchor::Value,
                    format!("limit `{}` names the unknown error `{id}`", limit.id),
                    suggest(id, error_ids(), "error"),
                ));
            }
        }
    }
    for (i, example) in doc.examples.iter().enumerate() {
        if let Some(id) = &example.expect {
            if !error_ids().any(|e| e == id) {
                out.push(ctx.at(
                    "unknown-error",
                    &format!("examples[{i}].expect"),
                    Anchor::Value,
                    format!(
                        "example `{}` expects the unknown error `{id}`",
                        example.name
                    ),
                    suggest(id, error_ids(), "error"),
                ));
            }
        }
    }
}
