//! Stage 1: read a catalog file into a [`Document`], with every structural problem found.
//!
//! serde stops at the first error. To report every problem at once, the loader parses the
//! YAML into a `serde_yaml::Value`, deserializes it with `serde_path_to_error` to learn
//! where the first problem is, records it, cuts the offending node out (an unknown key, or
//! the sequence item that holds the problem) and tries again, until the rest is clean.
//! Paths are mapped back to the original file so every position stays right.

pub mod document;
pub mod positions;

use std::collections::BTreeMap;
use std::path::Path;

use serde_path_to_error::Segment;
use serde_yaml::Value;

use crate::diagnostic::{Anchor, Diagnostic, SourceFile};
use document::Document;
use positions::{child_index, child_key, Position};

/// Files larger than this are refused before parsing: no catalog comes close, and parsing
/// an unbounded file could take unbounded memory.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// At most this many structural problems are reported per file before giving up.
const MAX_STRUCTURAL_ERRORS: usize = 100;

/// A catalog file after loading.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// The text and positions, for diagnostics.
    pub source: SourceFile,
    /// The document, when enough of it was well-formed to read.
    pub document: Option<Document>,
    /// Items were cut out because they were malformed, so cross-references may dangle.
    pub pruned: bool,
    /// Every structural problem found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and loads one catalog file. `display_path` is how diagnostics name it.
pub fn load_file(path: &Path, display_path: &str) -> LoadedFile {
    match std::fs::read(path) {
        Ok(bytes) => load_bytes(display_path, &bytes),
        Err(error) => {
            let source = SourceFile::new(display_path.to_owned(), String::new());
            let diagnostic = source.at_position(
                "unreadable-file",
                Position { line: 1, column: 1 },
                1,
                format!("cannot read the catalog file: {error}"),
                "check that the path exists and is a readable file",
            );
            LoadedFile {
                source,
                document: None,
                pruned: false,
                diagnostics: vec![diagnostic],
            }
        }
    }
}

/// Loads a catalog from bytes.
pub fn load_bytes(display_path: &str, bytes: &[u8]) -> LoadedFile {
    let refuse = |text: String, position: Position, rule, message: String, help: &str| {
        let source = SourceFile::new(display_path.to_owned(), text);
        let diagnostic = source.at_position(rule, position, 1, message, help);
        LoadedFile {
            source,
            document: None,
            pruned: false,
            diagnostics: vec![diagnostic],
        }
    };
    let start = Position { line: 1, column: 1 };
    if bytes.len() > MAX_FILE_BYTES {
        return refuse(
            String::new(),
            start,
            "file-too-large",
            format!(
                "the file is {} bytes; catalogs are limited to {MAX_FILE_BYTES} bytes",
                bytes.len()
            ),
            "split the API into a smaller catalog, or check that this is the right file",
        );
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let valid = String::from_utf8_lossy(valid).into_owned();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return refuse(
                valid,
                Position { line, column },
                "not-utf8",
                format!(
                    "the file is not UTF-8: invalid byte at offset {}",
                    error.valid_up_to()
                ),
                "save the file as UTF-8",
            );
        }
    };
    // A byte-order mark is legal in YAML but not useful; strip it so columns stay right.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    load_str(display_path, text)
}

/// Loads a catalog from text.
pub fn load_str(display_path: &str, text: &str) -> LoadedFile {
    let source = SourceFile::new(display_path.to_owned(), text.to_owned());
    let mut loaded = LoadedFile {
        source,
        document: None,
        pruned: false,
        diagnostics: Vec::new(),
    };
    if let Some(nul) = text.find('\0') {
        let before = &text[..nul];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let diagnostic = loaded.source.at_position(
            "nul-byte",
            Position { line, column },
            1,
            "the file contains a NUL byte",
            "remove the NUL byte; catalogs are plain text",
        );
        loaded.diagnostics.push(diagnostic);
        return loaded;
    }
    let value: Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            loaded
                .diagnostics
                .push(syntax_diagnostic(&loaded.source, &error));
            return loaded;
        }
    };
    if value.is_null() {
        let diagnostic = loaded.source.at_position(
            "empty-catalog",
            Position { line: 1, column: 1 },
            1,
            "the catalog file is empty",
            "start from `cargo run --bin errcat -- new <api-id>` or the example in catalog/README.md",
        );
        loaded.diagnostics.push(diagnostic);
        return loaded;
    }
    let (document, diagnostics, pruned) = deserialize_all(&loaded.source, value);
    loaded.document = document;
    loaded.diagnostics = diagnostics;
    loaded.pruned = pruned;
    loaded
}

fn syntax_diagnostic(source: &SourceFile, error: &serde_yaml::Error) -> Diagnostic {
    let position = error
        .location()
        .map_or(Position { line: 1, column: 1 }, |l| Position {
            line: l.line(),
            column: l.column(),
        });
    // serde_yaml appends " at line X column Y" to its message; the location is shown apart.
    let message = error.to_string();
    let message = match message.find(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message,
    };
    let help = if message.contains("repetition limit") || message.contains("recursion limit") {
        "the document expands too far through aliases or nesting; write the values out plainly"
    } else if message.contains("tab") {
        "indent with spaces; YAML does not allow tabs for indentation"
    } else {
        "fix the YAML syntax at this position (check indentation, quotes and colons)"
    };
    source.at_position(
        "yaml-syntax",
        position,
        1,
        format!("invalid YAML: {message}"),
        help,
    )
}

/// Deserializes `value`, cutting out each malformed node until the rest is clean.
fn deserialize_all(
    source: &SourceFile,
    mut value: Value,
) -> (Option<Document>, Vec<Diagnostic>, bool) {
    let mut diagnostics = Vec::new();
    let mut removed = RemovedItems::default();
    loop {
        let error = match serde_path_to_error::deserialize::<_, Document>(value.clone()) {
            Ok(document) => return (Some(document), diagnostics, !removed.is_empty()),
            Err(error) => error,
        };
        let segments: Vec<Segment> = error.path().iter().cloned().collect();
        let message = error.inner().to_string();
        let original = removed.original_path(&segments);
        diagnostics.push(structural_diagnostic(source, &original, &message));
        if diagnostics.len() >= MAX_STRUCTURAL_ERRORS
            || !prune(&mut value, &segments, &message, &mut removed)
        {
            return (None, diagnostics, true);
        }
    }
}

/// Sequence items cut out so far, by the original path of their sequence, so that paths in
/// the pruned value can be mapped back to the file.
#[derive(Default)]
struct RemovedItems(BTreeMap<String, Vec<usize>>);

impl RemovedItems {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The original index of the `index`-th surviving item of the sequence at `seq_path`.
    fn original_index(&self, seq_path: &str, index: usize) -> usize {
        let Some(gone) = self.0.get(seq_path) else {
            return index;
        };
        let mut survivors = 0;
        let mut original = 0;
        loop {
            if !gone.contains(&original) {
                if survivors == index {
                    return original;
                }
                survivors += 1;
            }
            original += 1;
        }
    }

    fn original_path(&self, segments: &[Segment]) -> String {
        let mut path = String::new();
        for segment in segments {
            path = match segment {
                Segment::Seq { index } => child_index(&path, self.original_index(&path, *index)),
                Segment::Map { key } => child_key(&path, key),
                Segment::Enum { .. } | Segment::Unknown => path,
            };
        }
        path
    }
}

/// The field named by an "unknown field `x`" message.
fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

fn structural_diagnostic(source: &SourceFile, path: &str, message: &str) -> Diagnostic {
    if let Some(field) = unknown_field(message) {
        let expected = message
            .split_once(", expected ")
            .map(|(_, rest)| rest.to_owned())
            .unwrap_or_else(|| "no fields here".to_owned());
        let (path, field_path) = match path.strip_suffix(field) {
            Some(parent) if parent.is_empty() || parent.ends_with('.') => {
                (parent.trim_end_matches('.'), path.to_owned())
            }
            _ => (path, child_key(path, field)),
        };
        let near = closest_field(field, &expected);
        let help = match near {
            Some(name) => format!("did you mean `{name}`? Fields allowed here: {expected}"),
            None => format!("remove it, or use {expected}"),
        };
        let mut diagnostic = source.at(
            "unknown-field",
            &field_path,
            Anchor::Key,
            format!("unknown field `{field}` in {}", describe_path(path)),
            help,
        );
        diagnostic.width = field.chars().count().max(1);
        return diagnostic;
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return source.at(
            "missing-field",
            path,
            Anchor::Key,
            format!("missing field `{field}` in {}", describe_path(path)),
            format!("add `{field}:` to this entry (see catalog/README.md for what it holds)"),
        );
    }
    if message.starts_with("unknown variant") {
        return source.at(
            "unknown-value",
            path,
            Anchor::Value,
            format!("{} at {}", message, describe_path(path)),
            "use one of the values listed above",
        );
    }
    source.at(
        "wrong-type",
        path,
        Anchor::Value,
        format!("{} at {}", message, describe_path(path)),
        "write a value of the expected type (quote text that YAML would read as a number or boolean)",
    )
}

/// The nearest allowed field name, for typos.
fn closest_field<'a>(field: &str, expected: &'a str) -> Option<&'a str> {
    expected
        .split(|c: char| c == '`' || c == ',' || c.is_whitespace())
        .filter(|name| !name.is_empty() && *name != "or" && *name != "one" && *name != "of")
        .map(|name| (crate::text::edit_distance(field, name), name))
        .filter(|(distance, name)| *distance <= 2.max(name.len() / 3))
        .min()
        .map(|(_, name)| name)
}

/// `errors[3].status` -> "`errors[3].status`", the root -> "the top level".
pub fn describe_path(path: &str) -> String {
    if path.is_empty() {
        "the top level".to_owned()
    } else {
        format!("`{path}`")
    }
}

/// Cuts the node that caused `message` out of `value`. Returns false when nothing could
/// be cut (the problem is at the top level), so no further progress is possible.
fn prune(
    value: &mut Value,
    segments: &[Segment],
    message: &str,
    removed: &mut RemovedItems,
) -> bool {
    // An unknown key: remove just that key, so the rest of the entry is still checked.
    if let Some(field) = unknown_field(message) {
        // serde_path_to_error may or may not include the unknown key in the path.
        let parent = match segments.last() {
            Some(Segment::Map { key }) if key == field => &segments[..segments.len() - 1],
            _ => segments,
        };
        if let Some(Value::Mapping(map)) = navigate(value, parent) {
            if map.remove(field).is_some() {
                return true;
            }
        }
    }
    // Otherwise remove the innermost sequence item that holds the problem.
    let Some(last_seq) = segments
        .iter()
        .rposition(|s| matches!(s, Segment::Seq { .. }))
    else {
        return false;
    };
    let Segment::Seq { index } = segments[last_seq] else {
        return false;
    };
    let seq_original = removed.original_path(&segments[..last_seq]);
    let original_item = removed.original_index(&seq_original, index);
    match navigate(value, &segments[..last_seq]) {
        Some(Value::Sequence(items)) if index < items.len() => {
            items.remove(index);
            removed
                .0
                .entry(seq_original)
                .or_default()
                .push(original_item);
            true
        }
        _ => false,
    }
}

fn navigate<'v>(value: &'v mut Value, segments: &[Segment]) -> Option<&'v mut Value> {
    let mut current = value;
    for segment in segments {
        current = match segment {
            Segment::Seq { index } => current.as_sequence_mut()?.get_mut(*index)?,
            Segment::Map { key } => current.as_mapping_mut()?.get_mut(key.as_str())?,
            Segment::Enum { .. } | Segment::Unknown => current,
        };
    }
    Some(current)
}
