//! Text: no invisible bidirectional control characters, written raw or as YAML escapes.
//! They make text read differently from what it is ("Trojan Source"), and rustc rejects
//! them in the doc comments and string literals errcat generates.

use serde_json::Value;

use super::Ctx;
use crate::diagnostic::{Anchor, Diagnostic};
use crate::load::positions::{child_index, child_key};

/// The embedding, override and isolate controls rustc refuses; the plain marks
/// (U+200E, U+200F) are ordinary in right-to-left text and stay allowed.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn walk(ctx: &Ctx, value: &Value, path: &str, out: &mut Vec<Diagnostic>) {
    match value {
        Value::String(text) => {
            if let Some(c) = text.chars().find(|c| is_bidi_control(*c)) {
                out.push(ctx.at(
                    "bidi-control",
                    path,
                    Anchor::Value,
                    format!("the text holds the invisible bidirectional control character U+{:04X}", u32::from(c)),
                    "remove it: it changes how text is displayed without being visible, and generated Rust may not contain it",
                ));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(ctx, item, &child_index(path, i), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                walk(ctx, item, &child_key(path, key), out);
            }
        }
        _ => {}
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if let Ok(document) = serde_json::to_value(ctx.doc) {
        walk(ctx, &document, "", out);
    }
}
