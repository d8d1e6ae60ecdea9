//! Stage 1: read a catalog file into a [`Document`], with every structural problem found.
//!
//! serde stops at the first error. To report every problem at once, the loader parses the
//! YAML into a `serde_yaml::Value`, deserializes it with `serde_path_to_error` to learn
//! where the first problem is, records it, cuts the offending node out (an unknown key, or
//! the sequence item that holds the problem) and tries again, until the rest is clean.
//! Paths are mapped back to the original file so every position stays right.

mod bidi;
mod limits;
pub mod positions;

use std::collections::BTreeMap;
use std::path::Path;

use serde_path_to_error::Segment;
use serde_yaml::Value;

use crate::diagnostic::{Anchor, Diagnostic, SourceFile};
use crate::model::document::Document;
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
    /// Which items were cut out or had keys removed, to map paths of the (pruned)
    /// document back to the file.
    pub removed: RemovedItems,
    /// Every structural problem found.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadedFile {
    /// A file refused whole, with the one diagnostic that says why.
    fn refused(source: SourceFile, diagnostic: Diagnostic) -> Self {
        LoadedFile {
            source,
            document: None,
            pruned: false,
            removed: RemovedItems::default(),
            diagnostics: vec![diagnostic],
        }
    }
}

/// Reads and loads one catalog file. `display_path` is how diagnostics name it.
pub fn load_file(path: &Path, display_path: &str) -> LoadedFile {
    // Read at most one byte past the limit, so a huge file never fills memory.
    let read = std::fs::File::open(path).and_then(|file| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(file, MAX_FILE_BYTES as u64 + 1),
            &mut bytes,
        )?;
        Ok(bytes)
    });
    match read {
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
            LoadedFile::refused(source, diagnostic)
        }
    }
}

/// Loads a catalog from bytes.
pub fn load_bytes(display_path: &str, bytes: &[u8]) -> LoadedFile {
    // A refused file is never parsed, not even for positions: only its text is kept.
    let refuse = |text: String, position: Position, rule, message: String, help: &str| {
        let source = SourceFile::without_positions(display_path.to_owned(), text);
        let diagnostic = source.at_position(rule, position, 1, message, help);
        LoadedFile::refused(source, diagnostic)
    };
    let start = Position { line: 1, column: 1 };
    if bytes.len() > MAX_FILE_BYTES {
        return refuse(
            String::new(),
            start,
            "file-too-large",
            format!("the file is larger than the {MAX_FILE_BYTES}-byte limit for catalogs"),
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
    // Nothing recursive may read the document before the event pass has bounded its
    // depth; after a syntax error only the part the pass read is handed on.
    let parse_text = match limits::read(text) {
        limits::Reading::WithinLimits => text,
        limits::Reading::TooDeep(position, depth) => {
            return refuse_too_deep(display_path, text, position, depth)
        }
        limits::Reading::SyntaxError(position, _) => read_part(text, position),
    };
    let source = SourceFile::new(display_path.to_owned(), text.to_owned());
    let mut loaded = LoadedFile {
        source,
        document: None,
        pruned: false,
        removed: RemovedItems::default(),
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
    let value: Value = match serde_yaml::from_str(parse_text) {
        Ok(_) if parse_text.len() < text.len() => {
            // libyaml accepts the part before yaml-rust2's error: report yaml-rust2's.
            if let limits::Reading::SyntaxError(position, message) = limits::read(text) {
                let diagnostic = loaded.source.at_position(
                    "yaml-syntax",
                    position,
                    1,
                    format!("invalid YAML: {message}"),
                    "fix the YAML syntax at this position (check indentation, quotes and colons)",
                );
                loaded.diagnostics.push(diagnostic);
            }
            return loaded;
        }
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
            "start from `errcat new <api-id>` or the example in catalog/README.md",
        );
        loaded.diagnostics.push(diagnostic);
        return loaded;
    }
    let mut value = value;
    bidi::check(&loaded.source, &value, "", &mut loaded.diagnostics);
    let mut removed = RemovedItems::default();
    remove_non_string_keys(
        &loaded.source,
        &mut value,
        "",
        &mut loaded.diagnostics,
        &mut removed,
    );
    let (document, diagnostics, pruned) = deserialize_all(&loaded.source, value, &mut removed);
    loaded.document = document;
    loaded.diagnostics.extend(diagnostics);
    loaded.pruned = pruned || !removed.is_empty();
    loaded.removed = removed;
    loaded
}

/// The `too-deep` refusal: no parser may see the document, so only its text is kept.
fn refuse_too_deep(display_path: &str, text: &str, position: Position, depth: usize) -> LoadedFile {
    let source = SourceFile::without_positions(display_path.to_owned(), text.to_owned());
    let diagnostic = source.at_position(
        "too-deep",
        position,
        1,
        format!("the document nests {depth} levels deep here; catalogs never need more than a few"),
        "flatten the structure: a catalog is a few levels of mappings and lists",
    );
    LoadedFile::refused(source, diagnostic)
}

/// How many lines past yaml-rust2's syntax error libyaml may read, so that it reports the
/// error in its own words (often a line later, as for a tab in the indentation).
const LINES_PAST_ERROR: usize = 20;

/// The part of `text` that libyaml may read after the event pass stopped at a syntax
/// error at `error`: everything the pass read within the limits, then at most
/// [`LINES_PAST_ERROR`] whole lines past the error holding at most
/// [`limits::MAX_DEPTH`] characters that can open a collection (`[`, `{`, `?`, `-`,
/// `:`), counted regardless of quotes. Every level of nesting needs one of them, so libyaml
/// never sees more than twice the limit, whatever the text.
fn read_part(text: &str, error: Position) -> &str {
    let mut end = 0;
    let mut openers = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let number = index + 1;
        if number > error.line + LINES_PAST_ERROR {
            break;
        }
        let past_error = if number < error.line {
            ""
        } else if number == error.line {
            let at = line
                .char_indices()
                .nth(error.column.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i);
            &line[at..]
        } else {
            line
        };
        openers += past_error
            .chars()
            .filter(|c| matches!(c, '[' | '{' | '?' | '-' | ':'))
            .count();
        if openers > limits::MAX_DEPTH {
            if number == error.line {
                end += line.len() - past_error.len();
            }
            break;
        }
        end += line.len();
    }
    &text[..end]
}

/// Catalog keys are field names; a key YAML reads as a number, boolean or list (`400:`)
/// cannot be one. serde would stop there with "expected field identifier", hiding every
/// other problem, so such keys are reported and removed first.
fn remove_non_string_keys(
    source: &SourceFile,
    value: &mut Value,
    path: &str,
    out: &mut Vec<Diagnostic>,
    removed: &mut RemovedItems,
) {
    match value {
        Value::Mapping(map) => {
            let bad: Vec<Value> = map.keys().filter(|k| !k.is_string()).cloned().collect();
            for key in bad {
                let text = match &key {
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Null => "~".to_owned(),
                    _ => "?complex-key".to_owned(),
                };
                let mut diagnostic = source.at(
                    "unknown-field",
                    &child_key(path, &text),
                    Anchor::Key,
                    format!("`{text}` is not a field name in {}", describe_path(path)),
                    "keys are field names such as `status:`; quote a key that must be text, or move the entry where it belongs",
                );
                diagnostic.width = text.chars().count().max(1);
                out.push(diagnostic);
                map.remove(&key);
                removed.touch(path);
            }
            for (key, child) in map.iter_mut() {
                if let Some(key) = key.as_str() {
                    let child_path = child_key(path, key);
                    remove_non_string_keys(source, child, &child_path, out, removed);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                remove_non_string_keys(source, item, &child_index(path, i), out, removed);
            }
        }
        _ => {}
    }
}

/// Splits "what at line L column C" into the text and the position.
fn split_location(text: &str) -> (String, Option<Position>) {
    let Some(cut) = text.find(" at line ") else {
        return (text.to_owned(), None);
    };
    let mut numbers = text[cut + 9..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .map(|n| n.parse::<usize>().unwrap_or(1));
    let position = match (numbers.next(), numbers.next()) {
        (Some(line), Some(column)) => Some(Position { line, column }),
        _ => None,
    };
    (text[..cut].to_owned(), position)
}

/// The line of the `---` that starts a second document, if any.
fn second_document_line(text: &str) -> Option<usize> {
    let mut content_seen = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed == "---" || trimmed.starts_with("--- ") {
            if content_seen {
                return Some(i + 1);
            }
        } else if !trimmed.is_empty() && !trimmed.starts_with('#') {
            content_seen = true;
        }
    }
    None
}

fn syntax_diagnostic(source: &SourceFile, error: &serde_yaml::Error) -> Diagnostic {
    let full = error.to_string();
    let fallback = error.location().map(|l| Position {
        line: l.line(),
        column: l.column(),
    });
    // libyaml reports "<problem> at line X column Y, while <context> at line A column B".
    // For an unclosed quote the context (where the quote opened) is the mistake; for
    // everything else (a tab, a bad indent) the problem's own position is nearer.
    let (problem, context) = match full.split_once(", while ") {
        Some((problem, context)) => (problem, Some(context)),
        None => (full.as_str(), None),
    };
    let (problem, problem_position) = split_location(problem);
    // An unclosed `[` or `{`: libyaml notices at the next key; the fix is where it opened.
    let mut opened: Option<Position> = None;
    let (mut message, mut position) = match context.map(split_location) {
        Some((context, context_position)) if context.contains("quoted scalar") => (
            format!("{problem}, while {context}"),
            context_position.or(problem_position),
        ),
        Some((context, context_position)) => {
            if context.contains("flow sequence") || context.contains("flow mapping") {
                opened = context_position;
            }
            (format!("{problem}, while {context}"), problem_position)
        }
        None => (problem, problem_position),
    };
    position = position.or(fallback);
    let mut help = if message.contains("repetition limit") || message.contains("recursion limit") {
        "the document expands too far through aliases or nesting; write the values out plainly"
    } else if message.contains("tab") {
        "indent with spaces; YAML does not allow tabs for indentation"
    } else if message.contains("quoted scalar") {
        "close the quote that starts here"
    } else {
        "fix the YAML syntax at this position (check indentation, quotes and colons)"
    };
    if let Some(at) = message.find("duplicate entry with key ") {
        let key = message[at + 25..].trim_matches('"').to_owned();
        if let Some((path, repeat)) = source.index.repeated_key(&key) {
            position = Some(repeat);
            message = format!(
                "the key `{key}` appears twice in {}",
                describe_path(positions::parent_path(path))
            );
        }
        help = "a key may appear once per entry; remove one of the two";
    }
    if message.contains("repetition limit") {
        // serde_yaml gives no location; the bomb goes off at the alias that expands most.
        if let Some(alias) = source.index.largest_alias() {
            position = Some(alias);
        }
    }
    if message.contains("more than one document") {
        if let Some(line) = second_document_line(&source.text) {
            position = Some(Position { line, column: 1 });
        }
        message = "the file holds more than one YAML document".to_owned();
        help = "a catalog file holds one API: move the document after this `---` into a file of its own";
    }
    // A position past the end of the file (an unexpected end) is shown on the last line.
    let mut position = position.unwrap_or(Position { line: 1, column: 1 });
    let lines = source.text.lines().count().max(1);
    if position.line > lines {
        position = Position {
            line: lines,
            column: source.line(lines).map_or(1, |l| l.chars().count() + 1),
        };
    }
    if let Some(opened) = opened.filter(|o| o.line < position.line) {
        let bracket = source
            .line(opened.line)
            .and_then(|line| line.chars().nth(opened.column.saturating_sub(1)))
            .filter(|c| matches!(c, '[' | '{'))
            .unwrap_or('[');
        let close = if bracket == '[' { ']' } else { '}' };
        let diagnostic = source.at_position(
            "yaml-syntax",
            position,
            1,
            format!("invalid YAML: {message}"),
            format!(
                "close the `{bracket}` of line {} with `{close}` (or separate its items with `,`)",
                opened.line
            ),
        );
        return source.with_related(
            diagnostic,
            opened,
            format!("this `{bracket}` is never closed"),
        );
    }
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
    removed: &mut RemovedItems,
) -> (Option<Document>, Vec<Diagnostic>, bool) {
    let mut diagnostics = Vec::new();
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
            || !prune(&mut value, &segments, &message, removed)
        {
            return (None, diagnostics, true);
        }
    }
}

/// Sequence items cut out so far, by the original path of their sequence, so that paths in
/// the pruned value can be mapped back to the file; and the items that lost a key, whose
/// knock-on problems (a missing field that was only misspelt) are not worth reporting.
#[derive(Debug, Clone, Default)]
pub struct RemovedItems {
    cut: BTreeMap<String, Vec<usize>>,
    touched: std::collections::BTreeSet<String>,
}

impl RemovedItems {
    fn is_empty(&self) -> bool {
        self.cut.is_empty() && self.touched.is_empty()
    }

    /// Marks the entry at (original) `path` as having lost a key.
    fn touch(&mut self, path: &str) {
        self.touched.insert(path.to_owned());
    }

    /// Whether the entry at (original) `path`, or something inside it, lost a key.
    pub fn touched(&self, path: &str) -> bool {
        self.touched.iter().any(|t| {
            t == path
                || t.strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        })
    }

    /// Maps a path in the pruned document (`errors[3].status`) to the file's.
    pub fn original(&self, path: &str) -> String {
        if self.cut.is_empty() {
            return path.to_owned();
        }
        let mut original = String::new();
        let mut rest = path;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('[') {
                let close = after.find(']').unwrap_or(after.len());
                let index = after[..close].parse().unwrap_or(0);
                original = child_index(&original, self.original_index(&original, index));
                rest = after.get(close + 1..).unwrap_or("");
            } else {
                let segment = rest.trim_start_matches('.');
                let end = segment.find(['.', '[']).unwrap_or(segment.len());
                original = child_key(&original, &segment[..end]);
                rest = &segment[end..];
            }
        }
        original
    }

    /// The original index of the `index`-th surviving item of the sequence at `seq_path`.
    fn original_index(&self, seq_path: &str, index: usize) -> usize {
        let Some(gone) = self.cut.get(seq_path) else {
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
                removed.touch(&removed.original_path(parent));
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
                .cut
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
