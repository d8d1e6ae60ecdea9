//! Text: no invisible bidirectional control characters, written raw or as YAML escapes.
//! They make text read differently from what it is ("Trojan Source"), and rustc rejects
//! them in the doc comments and string literals errcat generates. Checked on the YAML as
//! read, before any node is cut out, so every one is found at its place in the file.

use serde_yaml::Value;

use super::positions::{child_index, child_key};
use crate::diagnostic::{Anchor, Diagnostic, SourceFile};

/// The embedding, override and isolate controls rustc refuses; the plain marks
/// (U+200E, U+200F) are ordinary in right-to-left text and stay allowed.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn report(source: &SourceFile, text: &str, path: &str, anchor: Anchor, out: &mut Vec<Diagnostic>) {
    if let Some(c) = text.chars().find(|c| is_bidi_control(*c)) {
        out.push(source.at(
            "bidi-control",
            path,
            anchor,
            format!("the text holds the invisible bidirectional control character U+{:04X}", u32::from(c)),
            "remove it: it changes how text is displayed without being visible, and generated Rust may not contain it",
        ));
    }
}

/// Reports every string value and key under `path` that holds a bidirectional control.
pub(super) fn check(source: &SourceFile, value: &Value, path: &str, out: &mut Vec<Diagnostic>) {
    match value {
        Value::String(text) => report(source, text, path, Anchor::Value, out),
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                check(source, item, &child_index(path, i), out);
            }
        }
        Value::Mapping(map) => {
            for (key, item) in map {
                let Some(key) = key.as_str() else { continue };
                let item_path = child_key(path, key);
                report(source, key, &item_path, Anchor::Key, out);
                check(source, item, &item_path, out);
            }
        }
        Value::Tagged(tagged) => check(source, &tagged.value, path, out),
        _ => {}
    }
}
