//! Wire identifiers: what the API sends must map back to exactly one error.

use std::collections::BTreeMap;

use super::Ctx;
use crate::diagnostic::{Anchor, Diagnostic};
use crate::model::document::IdentifiedBy;

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, error) in ctx.doc.errors.iter().enumerate() {
        let wire = error.wire.as_deref().unwrap_or(&error.id);
        let path = if error.wire.is_some() {
            format!("errors[{i}].wire")
        } else {
            format!("errors[{i}].id")
        };
        if wire.trim().is_empty() {
            out.push(ctx.at(
                "empty-wire",
                &path,
                Anchor::Value,
                "the wire identifier is empty",
                "write the code string (or, for message-identified APIs, the exact message) the API sends",
            ));
            continue;
        }
        if wire != wire.trim() {
            out.push(ctx.at(
                "wire-whitespace",
                &path,
                Anchor::Value,
                format!("the wire identifier {wire:?} starts or ends with white space"),
                "remove the surrounding spaces; wire identifiers are matched exactly",
            ));
        }
        if let Some(first) = seen.insert(wire, i) {
            // Two defaulted wires are two equal ids, which `identifiers` already reports.
            if error.wire.is_none() && ctx.doc.errors[first].wire.is_none() {
                continue;
            }
            out.push(ctx.at(
                "duplicate-wire",
                &path,
                Anchor::Value,
                format!(
                    "wire identifier {wire:?} is already used by error `{}`",
                    ctx.doc.errors[first].id
                ),
                "each error needs its own wire identifier, or clients cannot tell them apart; merge the two entries or correct one",
            ));
        }
    }
    // Message-identified errors must say what message they match; a defaulted wire would
    // be the snake_case id, which no such API sends.
    if ctx.doc.api.identified_by == IdentifiedBy::Message {
        for (i, error) in ctx.doc.errors.iter().enumerate() {
            if error.wire.is_none() {
                out.push(ctx.at(
                    "missing-wire",
                    &format!("errors[{i}]"),
                    Anchor::Value,
                    format!(
                        "error `{}` has no `wire`, but this API is identified by message",
                        error.id
                    ),
                    "add `wire:` with the exact message text the API sends",
                ));
            }
        }
    }
}
