//! Wire identifiers: what the API sends must map back to exactly one error.

use std::collections::BTreeMap;

use super::Ctx;
use crate::diagnostic::{Anchor, Diagnostic};
use crate::model::document::{FieldKind, FieldRole, IdentifiedBy};

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // An entry is its wire code together with its sub-code, if it has one.
    let mut seen: BTreeMap<(&str, Option<&str>), usize> = BTreeMap::new();
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
        if let Some(first) = seen.insert((wire, error.sub_code.as_deref()), i) {
            // Two defaulted wires are two equal ids, which `identifiers` already reports.
            if error.wire.is_none() && ctx.doc.errors[first].wire.is_none() {
                continue;
            }
            out.push(ctx.at(
                "duplicate-wire",
                &path,
                Anchor::Value,
                match &error.sub_code {
                    None => format!(
                        "wire identifier {wire:?} is already used by error `{}`",
                        ctx.doc.errors[first].id
                    ),
                    Some(sub) => format!(
                        "wire identifier {wire:?} with sub-code {sub:?} is already used by error `{}`",
                        ctx.doc.errors[first].id
                    ),
                },
                "each error needs its own wire identifier (or its own `sub_code` under a shared one), or clients cannot tell them apart; merge the two entries or correct one",
            ));
        }
    }
    check_code_types(ctx, out);
    check_message_patterns(ctx, out);
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

/// Integer code fields take integer wires, and a `sub_code` needs a field that carries it.
fn check_code_types(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let field = |role| {
        ctx.doc
            .envelope
            .fields
            .iter()
            .find(|f| f.role == Some(role))
    };
    let code = field(FieldRole::Code).filter(|_| ctx.doc.api.identified_by == IdentifiedBy::Code);
    let sub_code = field(FieldRole::SubCode);
    for (i, error) in ctx.doc.errors.iter().enumerate() {
        let wire = error.wire.as_deref().unwrap_or(&error.id);
        let integer = |text: &str| text.trim().parse::<i64>().is_ok();
        if code.is_some_and(|f| f.ty == FieldKind::Integer) && !integer(wire) {
            let at = if error.wire.is_some() {
                format!("errors[{i}].wire")
            } else {
                format!("errors[{i}].id")
            };
            out.push(ctx.at(
                "wire-not-integer",
                &at,
                Anchor::Value,
                format!(
                    "the code field `{}` is an integer, but error `{}` has the wire {wire:?}",
                    code.map_or("", |f| f.path.as_str()),
                    error.id
                ),
                "write the integer code the API sends, e.g. `wire: 50035`",
            ));
        }
        let Some(sub) = &error.sub_code else { continue };
        match sub_code {
            None => out.push(ctx.at(
                "sub-code-without-field",
                &format!("errors[{i}].sub_code"),
                Anchor::Value,
                format!("error `{}` has a `sub_code`, but no envelope field has `role: sub_code`", error.id),
                "mark the field that carries the finer code with `role: sub_code`, or remove `sub_code`",
            )),
            Some(f) if f.ty == FieldKind::Integer && !integer(sub) => out.push(ctx.at(
                "wire-not-integer",
                &format!("errors[{i}].sub_code"),
                Anchor::Value,
                format!("the sub-code field `{}` is an integer, but error `{}` has the sub-code {sub:?}", f.path, error.id),
                "write the integer sub-code the API sends",
            )),
            Some(_) => {}
        }
    }
}

/// Message patterns: only where errors are told apart by message, well-formed, and
/// matching the entry's own `wire` (the page's example of the message).
fn check_message_patterns(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (i, error) in ctx.doc.errors.iter().enumerate() {
        let Some(pattern) = &error.message_pattern else {
            continue;
        };
        let path = format!("errors[{i}].message_pattern");
        if ctx.doc.api.identified_by != IdentifiedBy::Message {
            out.push(ctx.at(
                "pattern-on-code-api",
                &path,
                Anchor::Key,
                format!("error `{}` has a `message_pattern`, but this API is identified by code", error.id),
                "remove it: codes are matched exactly (a message pattern is for `identified_by: message`)",
            ));
            continue;
        }
        match errcat_vocab::MessagePattern::parse(pattern) {
            Err(problem) => out.push(ctx.at(
                "bad-message-pattern",
                &path,
                Anchor::Value,
                format!("the message pattern {pattern:?} cannot be used: {problem}"),
                "write the message with `{name}` placeholders (snake_case names, text between any two), e.g. `API rate limit exceeded for {ip}.`",
            )),
            Ok(parsed) => {
                let wire = error.wire.as_deref().unwrap_or(&error.id);
                if parsed.captures(wire).is_none() {
                    out.push(ctx.at(
                        "pattern-misses-wire",
                        &path,
                        Anchor::Value,
                        format!("the message pattern {pattern:?} does not match the error's own message {wire:?}"),
                        "make `wire` the page's example of the message and the pattern that message with its values replaced by `{placeholders}`",
                    ));
                }
            }
        }
    }
}
