//! Problems found in a catalog, each with file:line:column, what is wrong and how to fix it.

use std::fmt;

use crate::load::positions::{NodeSpan, Position, PositionIndex};

/// Line 1, column 1: where problems of a whole file are reported.
pub const START: Position = Position { line: 1, column: 1 };

/// Line 0: a problem of a path itself (it does not exist, holds no catalog, or has an
/// unsafe name), which has no line and column; it is shown as the path alone.
pub const PATH_ITSELF: Position = Position { line: 0, column: 0 };

/// A second place a problem involves, shown with the first: where an unclosed bracket
/// opened, the way rustc shows an unclosed delimiter.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Related {
    /// Where.
    pub position: Position,
    /// What is there, e.g. "this `[` is never closed".
    pub label: String,
    /// The text of the line.
    pub source_line: Option<String>,
}

/// One problem in a catalog file.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Short kebab-case name of the rule that was broken, e.g. `duplicate-id`.
    pub rule: &'static str,
    /// The file, as the user named it.
    pub file: String,
    /// Where in the file.
    pub position: Position,
    /// How many characters to underline.
    pub width: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// The text of the line, for the excerpt.
    pub source_line: Option<String>,
    /// A second place the problem involves, if any.
    pub related: Option<Related>,
}

impl Diagnostic {
    /// `file:line:column`, or the path alone for a problem of the path itself
    /// ([`PATH_ITSELF`]).
    pub fn location(&self) -> String {
        if self.position == PATH_ITSELF {
            return self.file.clone();
        }
        format!(
            "{}:{}:{}",
            self.file, self.position.line, self.position.column
        )
    }
}

/// A source line as shown in an excerpt: at most 200 characters, tabs and control
/// characters (a NUL byte) as spaces so the markers stay aligned.
fn visible(line: &str) -> String {
    line.chars()
        .take(200)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

impl fmt::Display for Diagnostic {
    /// Renders like rustc: message, location, the line with a caret, then the fix.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error[{}]: {}", self.rule, self.message)?;
        // A related place on the same line is not shown apart (it would repeat the line).
        let related = self
            .related
            .as_ref()
            .filter(|r| r.position.line != self.position.line);
        let gutter = related
            .map_or(self.position.line, |r| {
                r.position.line.max(self.position.line)
            })
            .to_string()
            .len();
        let pad = " ".repeat(gutter);
        writeln!(f, "{pad}--> {}", self.location())?;
        if self.source_line.is_some() || related.is_some() {
            writeln!(f, "{pad} |")?;
        }
        let excerpt = |f: &mut fmt::Formatter<'_>,
                       line_number: usize,
                       line: &str,
                       column: usize,
                       marker: String| {
            let shown = visible(line);
            writeln!(f, "{line_number:>gutter$} | {}", shown.trim_end())?;
            writeln!(
                f,
                "{pad} | {}{marker}",
                " ".repeat(column.saturating_sub(1))
            )
        };
        let related_excerpt =
            |f: &mut fmt::Formatter<'_>, related: &Related| match &related.source_line {
                Some(line) => excerpt(
                    f,
                    related.position.line,
                    line,
                    related.position.column,
                    format!("- {}", related.label),
                ),
                None => Ok(()),
            };
        if let Some(r) = related.filter(|r| r.position.line < self.position.line) {
            related_excerpt(f, r)?;
        }
        if let Some(line) = &self.source_line {
            let shown = visible(line);
            let column = self.position.column.saturating_sub(1);
            let visible_width = shown.chars().count().saturating_sub(column).max(1);
            let carets = "^".repeat(self.width.clamp(1, visible_width));
            excerpt(f, self.position.line, line, self.position.column, carets)?;
        }
        if let Some(r) = related.filter(|r| r.position.line > self.position.line) {
            related_excerpt(f, r)?;
        }
        write!(f, "{pad} = help: {}", self.help)
    }
}

/// Every problem found, in file and position order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// No problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Sorts by file, then position, then message, and drops exact repeats, so the report
    /// does not depend on the order the checks ran in.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.position, a.rule, &a.message)
                .cmp(&(&b.file, b.position, b.rule, &b.message))
        });
        self.0.dedup();
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}\n")?;
        }
        let n = self.0.len();
        write!(
            f,
            "error: the catalog has {n} problem{}",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Diagnostics {}

/// Which part of a mapping entry a diagnostic points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The key (for unknown or misplaced fields).
    Key,
    /// The value (for bad values).
    Value,
}

/// A catalog file's text and the positions of its nodes: what diagnostics point into.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it, with `/` separators.
    pub display_path: String,
    /// The file's text.
    pub text: String,
    /// Positions of its nodes.
    pub index: PositionIndex,
    /// Where each line of `text` lies, found once: an excerpt looked up by scanning the
    /// text made thousands of diagnostics take time quadratic in the file's size.
    lines: Vec<std::ops::Range<usize>>,
}

/// The byte ranges of `text`'s lines. YAML ends lines with LF, CRLF or a lone CR; so must
/// the excerpt.
fn line_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(start..i);
                start = i + 1;
            }
            b'\r' => {
                lines.push(start..i);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push(start..bytes.len());
    lines
}

impl SourceFile {
    /// Reads positions from `text`.
    pub fn new(display_path: String, text: String) -> Self {
        let index = PositionIndex::build(&text);
        SourceFile {
            lines: line_ranges(&text),
            display_path,
            text,
            index,
        }
    }

    /// Keeps the text for excerpts but reads no positions (for documents no parser may
    /// see).
    pub fn without_positions(display_path: String, text: String) -> Self {
        SourceFile {
            lines: line_ranges(&text),
            display_path,
            text,
            index: PositionIndex::default(),
        }
    }

    /// The text of 1-based line `line`.
    pub fn line(&self, line: usize) -> Option<String> {
        let index = line.checked_sub(1)?;
        if self.text.is_empty() {
            return None;
        }
        let range = self.lines.get(index)?;
        self.text.get(range.clone()).map(str::to_owned)
    }

    /// A diagnostic at an explicit position.
    pub fn at_position(
        &self,
        rule: &'static str,
        position: Position,
        width: usize,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            file: self.display_path.clone(),
            position,
            width,
            message: message.into(),
            help: help.into(),
            source_line: self.line(position.line),
            related: None,
        }
    }

    /// `diagnostic` with a second place it involves, at `position` of this file.
    pub fn with_related(
        &self,
        mut diagnostic: Diagnostic,
        position: Position,
        label: impl Into<String>,
    ) -> Diagnostic {
        diagnostic.related = Some(Related {
            position,
            label: label.into(),
            source_line: self.line(position.line),
        });
        diagnostic
    }

    /// A diagnostic at the node at `path` (or its nearest ancestor that exists).
    pub fn at(
        &self,
        rule: &'static str,
        path: &str,
        anchor: Anchor,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        let (position, width) = match self.index.find(path) {
            Some(span) => anchor_of(span, anchor),
            None => (Position { line: 1, column: 1 }, 1),
        };
        self.at_position(rule, position, width, message, help)
    }
}

fn anchor_of(span: NodeSpan, anchor: Anchor) -> (Position, usize) {
    match (anchor, span.key) {
        (Anchor::Key, Some(key)) => (key, 1),
        _ => (span.value, span.width),
    }
}
