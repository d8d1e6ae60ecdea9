//! Header conditions (`when_headers`): each names a documented header once, on an error
//! a response can carry, and each can be the one that selects its error.

use std::collections::BTreeSet;

use super::Ctx;
use crate::diagnostic::{Anchor, Diagnostic};
use crate::model::document::Context;
use crate::model::Error;
use crate::text::edit_distance;

pub(crate) fn check(ctx: &Ctx, errors: &[Error], out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let declared = || doc.headers.iter().map(|h| h.name.as_str());
    for (i, error) in doc.errors.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for (j, condition) in error.when_headers.iter().enumerate() {
            let path = format!("errors[{i}].when_headers[{j}].name");
            let name = condition.name.to_ascii_lowercase();
            // A pruned `headers:` entry may be the one named (already reported).
            if !ctx.pruned && !declared().any(|h| h.eq_ignore_ascii_case(&name)) {
                out.push(ctx.at(
                    "unknown-header",
                    &path,
                    Anchor::Value,
                    format!(
                        "error `{}` is selected by the header `{}`, which `headers:` does not document",
                        error.id, condition.name
                    ),
                    undocumented_help(&condition.name, declared()),
                ));
            }
            if !seen.insert(name) {
                out.push(ctx.at(
                    "duplicate-header-condition",
                    &path,
                    Anchor::Value,
                    format!(
                        "error `{}` names the header `{}` twice in `when_headers`",
                        error.id, condition.name
                    ),
                    "a header has one value: keep one condition per header",
                ));
            }
        }
        if !error.when_headers.is_empty() && error.context == Context::Websocket {
            out.push(ctx.at(
                "header-condition-on-websocket",
                &format!("errors[{i}].when_headers"),
                Anchor::Key,
                format!(
                    "error `{}` is reported when a WebSocket closes, which carries no response headers",
                    error.id
                ),
                "remove `when_headers`, or set the context the error is really reported in",
            ));
        }
    }
    check_shadowed(ctx, errors, out);
}

/// "did you mean" a documented header, else how to document it.
fn undocumented_help<'a>(wanted: &str, declared: impl Iterator<Item = &'a str>) -> String {
    let wanted_lower = wanted.to_ascii_lowercase();
    let nearest = declared
        .map(|h| (edit_distance(&wanted_lower, &h.to_ascii_lowercase()), h))
        .filter(|(d, h)| *d <= 3.max(h.len() / 3))
        .min();
    match nearest {
        Some((_, name)) => {
            format!("did you mean `{name}`? Otherwise document `{wanted}` under `headers:`")
        }
        None => format!(
            "document `{wanted}` under `headers:` (name, role, format), or correct the name"
        ),
    }
}

/// A later error with the same conditions at a status an earlier one is sent with is
/// never selected there: the runtime takes the first that holds.
fn check_shadowed(ctx: &Ctx, errors: &[Error], out: &mut Vec<Diagnostic>) {
    let key = |e: &Error| -> BTreeSet<(String, String)> {
        e.doc
            .when_headers
            .iter()
            .map(|c| (c.name.to_ascii_lowercase(), c.equals.trim().to_owned()))
            .collect()
    };
    for (j, later) in errors.iter().enumerate() {
        if later.doc.when_headers.is_empty() {
            continue;
        }
        let conditions = key(later);
        let earlier = errors[..j].iter().find(|e| {
            // Conditions that include the earlier one's hold whenever they do.
            let theirs = key(e);
            !theirs.is_empty()
                && theirs.is_subset(&conditions)
                && e.statuses().any(|s| later.statuses().any(|t| t == s))
        });
        let Some(earlier) = earlier else { continue };
        let Some(i) = ctx.doc.errors.iter().position(|e| e.id == later.doc.id) else {
            continue;
        };
        out.push(ctx.at(
            "shadowed-header-condition",
            &format!("errors[{i}].when_headers"),
            Anchor::Key,
            format!(
                "error `{}` can never be selected by its headers: error `{}`, earlier in the file, is selected whenever they hold, at a status both are sent with",
                later.id(),
                earlier.id()
            ),
            format!(
                "give `{}` a condition that tells it apart, or remove one of the two",
                later.id()
            ),
        ));
    }
}
