//! Where every node of a YAML document stands in its file.
//!
//! serde_yaml gives typed values but no positions for them, so the loader reads the same
//! text a second time with yaml-rust2's event parser, which marks every event, and records
//! the line and column of each node under its path (`errors[3].status`). Diagnostics then
//! look a path up here.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Where one node stands: its key (for mapping entries) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSpan {
    /// The key of a mapping entry.
    pub key: Option<Position>,
    /// The start of the value.
    pub value: Position,
    /// Width of a scalar value in characters (1 for collections), for underlining.
    pub width: usize,
}

/// Positions of every node of a document, by path.
#[derive(Debug, Default, Clone)]
pub struct PositionIndex {
    spans: HashMap<String, NodeSpan>,
    /// Keys that appear a second time in the same mapping: path and position of the repeat.
    repeated_keys: Vec<(String, Position)>,
    /// The alias that expands to the most nodes, if any alias expands to more than one.
    largest_alias: Option<Position>,
}

impl PositionIndex {
    /// Reads `text`; on a syntax error the index holds what was read before it.
    pub fn build(text: &str) -> Self {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        // Events are pulled one at a time, not through `Parser::load`, which recurses once
        // per level, and reading stops past the depth limit (paths grow with the depth, so
        // a deeper document would cost time quadratic in it): the index is safe on any
        // text, even one the event pass has not seen. A syntax error is reported by
        // serde_yaml with its own position; here it only means the index is partial. Only
        // the first document is read, as serde_yaml reads it.
        while let Ok((event, mark)) = parser.next_token() {
            let last = matches!(event, Event::DocumentEnd | Event::StreamEnd);
            builder.on_event(event, mark);
            if last || builder.stack.len() > super::limits::MAX_DEPTH {
                break;
            }
        }
        PositionIndex {
            spans: builder.spans,
            repeated_keys: builder.repeated_keys,
            largest_alias: builder
                .expansion
                .largest_alias
                .filter(|(size, _)| *size > 1)
                .map(|(_, position)| position),
        }
    }

    /// The alias that expands to the most nodes: where an alias bomb goes off.
    pub fn largest_alias(&self) -> Option<Position> {
        self.largest_alias
    }

    /// Where a key repeated within one mapping appears the second time, by its path.
    pub fn repeated_key(&self, key: &str) -> Option<(&str, Position)> {
        self.repeated_keys
            .iter()
            .find(|(path, _)| path.rsplit('.').next() == Some(key))
            .map(|(path, position)| (path.as_str(), *position))
    }

    /// The span of the node at `path`, or of its nearest ancestor that exists.
    pub fn find(&self, path: &str) -> Option<NodeSpan> {
        let mut current = path;
        loop {
            if let Some(span) = self.spans.get(current) {
                return Some(*span);
            }
            if current.is_empty() {
                return None;
            }
            current = parent_path(current);
        }
    }

    /// The span of the node at exactly `path`.
    pub fn get(&self, path: &str) -> Option<NodeSpan> {
        self.spans.get(path).copied()
    }
}

/// `errors[3].status` -> `errors[3]` -> `errors` -> ``.
pub fn parent_path(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(cut) => &path[..cut],
        None => "",
    }
}

/// Joins a child key onto a path.
pub fn child_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Joins a sequence index onto a path.
pub fn child_index(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

enum Frame {
    Sequence {
        path: String,
        next: usize,
    },
    Mapping {
        path: String,
        pending_key: Option<(String, Position)>,
        keys_seen: usize,
        seen: std::collections::HashSet<String>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    spans: HashMap<String, NodeSpan>,
    repeated_keys: Vec<(String, Position)>,
    expansion: Expansion,
}

/// How many nodes each anchor stands for once aliases are expanded (yaml-rust2 does not
/// expand them, so this is counted, not built), to find the alias of an alias bomb.
#[derive(Default)]
struct Expansion {
    open: Vec<(usize, u64)>,
    anchors: HashMap<usize, u64>,
    largest_alias: Option<(u64, Position)>,
}

impl Expansion {
    fn node(&mut self, anchor: usize, size: u64) {
        if anchor != 0 {
            self.anchors.insert(anchor, size);
        }
        if let Some((_, total)) = self.open.last_mut() {
            *total = total.saturating_add(size);
        }
    }

    fn on(&mut self, event: &Event, here: Position) {
        match event {
            Event::Scalar(_, _, anchor, _) => self.node(*anchor, 1),
            Event::Alias(id) => {
                let size = self.anchors.get(id).copied().unwrap_or(1);
                if self.largest_alias.is_none_or(|(largest, _)| size > largest) {
                    self.largest_alias = Some((size, here));
                }
                self.node(0, size);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.open.push((*anchor, 1));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, size)) = self.open.pop() {
                    self.node(anchor, size);
                }
            }
            _ => {}
        }
    }
}

pub(super) fn position(mark: Marker) -> Position {
    Position {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl Builder {
    /// Decides the path and key position of the node that starts now, or `None` when the
    /// node is a mapping key.
    fn place_node(&mut self) -> Option<(String, Option<Position>)> {
        match self.stack.last_mut() {
            None => Some((String::new(), None)),
            Some(Frame::Sequence { path, next }) => {
                let child = child_index(path, *next);
                *next += 1;
                Some((child, None))
            }
            Some(Frame::Mapping {
                path, pending_key, ..
            }) => pending_key
                .take()
                .map(|(key, key_pos)| (child_key(path, &key), Some(key_pos))),
        }
    }

    /// A mapping key: remembered for the value that follows. The first key of a block
    /// mapping also fixes the mapping's own position, which yaml-rust2 marks at the key's
    /// colon rather than at the key.
    fn key(&mut self, text: String, here: Position) {
        let Some(Frame::Mapping {
            path,
            pending_key,
            keys_seen,
            seen,
        }) = self.stack.last_mut()
        else {
            return;
        };
        if *keys_seen == 0 {
            if let Some(span) = self.spans.get_mut(path.as_str()) {
                if here < span.value {
                    span.value = here;
                }
            }
        }
        *keys_seen += 1;
        if !seen.insert(text.clone()) {
            self.repeated_keys.push((child_key(path, &text), here));
        }
        *pending_key = Some((text, here));
    }

    fn record(&mut self, path: String, key: Option<Position>, value: Position, width: usize) {
        self.spans
            .entry(path)
            .or_insert(NodeSpan { key, value, width });
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let here = position(mark);
        self.expansion.on(&event, here);
        match event {
            Event::Scalar(text, ..) => match self.place_node() {
                Some((path, key)) => {
                    let width = text.chars().count().max(1);
                    self.record(path, key, here, width);
                }
                None => self.key(text, here),
            },
            Event::Alias(_) => match self.place_node() {
                Some((path, key)) => self.record(path, key, here, 1),
                None => {
                    // An alias used as a key: give it a name no real key has.
                    if let Some(Frame::Mapping { pending_key, .. }) = self.stack.last_mut() {
                        *pending_key = Some(("*alias".to_owned(), here));
                    }
                }
            },
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let is_sequence = matches!(event, Event::SequenceStart(..));
                // A collection used as a mapping key cannot be addressed by a path; it gets
                // a placeholder so that its children do not overwrite real entries.
                let (path, key) = self
                    .place_node()
                    .unwrap_or_else(|| ("?complex-key".to_owned(), None));
                self.record(path.clone(), key, here, 1);
                self.stack.push(if is_sequence {
                    Frame::Sequence { path, next: 0 }
                } else {
                    Frame::Mapping {
                        path,
                        pending_key: None,
                        keys_seen: 0,
                        seen: Default::default(),
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_keys_values_and_sequence_items() {
        let text = "api:\n  id: kallglot\nerrors:\n  - id: a\n    status: 401\n  - id: b\n";
        let index = PositionIndex::build(text);
        let id = index.get("api.id").unwrap();
        assert_eq!(id.key, Some(Position { line: 2, column: 3 }));
        assert_eq!(id.value, Position { line: 2, column: 7 });
        assert_eq!(id.width, "kallglot".len());
        assert_eq!(index.get("errors[0].status").unwrap().value.line, 5);
        assert_eq!(
            index.get("errors[1].id").unwrap().value,
            Position { line: 6, column: 9 }
        );
    }

    /// The index reads any text without recursing: 100,000 levels of every kind on a
    /// thread with a 256 KiB stack (`Parser::load` overflowed it at a few hundred).
    #[test]
    fn deep_text_is_read_without_recursion() {
        let texts = [
            "? ".repeat(100_000),
            "- ".repeat(100_000),
            "{a: ".repeat(100_000),
            format!("a: b 'c\nn:\n  {}x\n", "- ".repeat(100_000)),
        ];
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                for text in &texts {
                    let _ = PositionIndex::build(text);
                }
            })
            .expect("a thread")
            .join()
            .expect("no overflow");
    }

    #[test]
    fn find_falls_back_to_the_nearest_ancestor() {
        let index = PositionIndex::build("errors:\n  - id: a\n");
        let span = index.find("errors[0].status").unwrap();
        assert_eq!(span.value.line, 2);
        assert_eq!(parent_path("errors[0].status"), "errors[0]");
        assert_eq!(parent_path("errors[0]"), "errors");
        assert_eq!(parent_path("errors"), "");
    }
}
