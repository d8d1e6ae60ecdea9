//! The first reading of every catalog: yaml-rust2's event parser, pulled one event at a
//! time (it keeps its own stack on the heap, so this pass cannot overflow ours), counting
//! how deep collections nest. Nothing recursive (serde_yaml's libyaml, the position
//! index's loader, the pruning passes) sees a document before this pass has bounded its
//! depth, and the pass stops at the first event past the limit, so a hostile document
//! costs time linear in the part read.

use yaml_rust2::parser::{Event, Parser};

use super::positions::{position, Position};

/// The deepest nesting of mappings and sequences accepted. Real catalogs nest about six
/// levels; serde_yaml gives up at 128, and the recursive passes after it stay well within
/// a build script's stack at this depth.
pub const MAX_DEPTH: usize = 64;

/// What the event pass found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Every event was read and none nested deeper than [`MAX_DEPTH`].
    WithinLimits,
    /// The collection opened here nests this deep.
    TooDeep(Position, usize),
    /// yaml-rust2 found a syntax error here (its message), after reading everything before
    /// it within the limits.
    SyntaxError(Position, String),
}

/// Reads `text` event by event, stopping at the first collection nested too deep.
pub fn read(text: &str) -> Reading {
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => return Reading::WithinLimits,
            Ok((Event::SequenceStart(..) | Event::MappingStart(..), mark)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Reading::TooDeep(position(mark), depth);
                }
            }
            Ok((Event::SequenceEnd | Event::MappingEnd, _)) => depth = depth.saturating_sub(1),
            Ok(_) => {}
            // The scanner reads flow collections ahead of the events, up to its own limit
            // of 255 levels (a `u8`): the 256th `[` or `{` stops it here.
            Err(error) if error.info() == "recursion limit exceeded" => {
                return Reading::TooDeep(position(*error.marker()), usize::from(u8::MAX) + 1)
            }
            Err(error) => {
                return Reading::SyntaxError(position(*error.marker()), error.info().to_owned())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_nesting_passes() {
        assert_eq!(
            read("a:\n  b: [1, {c: [2]}]\n  d:\n  - - x\n"),
            Reading::WithinLimits
        );
        assert_eq!(
            read("a: \"[[[[\"\nb: '{{{{'\n# [[[[[\n"),
            Reading::WithinLimits
        );
    }

    #[test]
    fn every_kind_of_nesting_is_stopped_at_the_limit() {
        let deep = MAX_DEPTH + 1;
        for text in [
            "[".repeat(10_000),
            format!("a: {}", "{a: ".repeat(10_000)),
            format!("a:\n  {}x\n", "- ".repeat(10_000)),
            format!("{}x\n", "? ".repeat(10_000)),
            (0..10_000)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect(),
            // A quote inside a plain scalar fooled the old textual pre-scan.
            format!("a: b 'c\nnotes:\n  {}x\n", "- ".repeat(10_000)),
            format!("a: b 'c\nnotes: {}\n", "[".repeat(10_000)),
        ] {
            match read(&text) {
                Reading::TooDeep(_, depth) => assert!(depth == deep || depth == 256, "{depth}"),
                other => panic!("{:?}...: {other:?}", &text[..40.min(text.len())]),
            }
        }
    }

    #[test]
    fn a_syntax_error_is_where_yaml_rust2_saw_it() {
        match read("a: 1\n b: [\n") {
            Reading::SyntaxError(position, _) => assert!(position.line >= 2),
            other => panic!("{other:?}"),
        }
    }
}
