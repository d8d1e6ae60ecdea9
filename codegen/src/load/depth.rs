//! A linear pre-scan that refuses absurdly nested documents before any YAML parser sees
//! them. Both parsers recurse per nesting level (yaml-rust2 can overflow the stack, and
//! libyaml takes time quadratic in the depth before its own limit fires), so a hostile
//! document is stopped here, in one pass, with its position.

use super::positions::Position;

/// The deepest flow nesting (`[`, `{`) accepted; serde_yaml itself stops at 128.
pub const MAX_FLOW_DEPTH: usize = 128;

/// The deepest block nesting accepted, estimated as a line's indentation plus its
/// leading `- ` markers (an over-estimate, so real catalogs stay far below it).
pub const MAX_BLOCK_DEPTH: usize = 512;

/// Where the document first nests too deep, and how deep it was there.
pub fn too_deep(text: &str) -> Option<(Position, usize)> {
    let mut flow = 0usize;
    let mut quote: Option<char> = None;
    for (line_index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let position = |column: usize| Position {
            line: line_index + 1,
            column,
        };
        if flow == 0 && quote.is_none() {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            let mut rest = &line[indent..];
            let mut dashes = 0;
            while let Some(after) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("-\t")) {
                dashes += 1;
                rest = after.trim_start_matches([' ', '\t']);
            }
            if indent + dashes > MAX_BLOCK_DEPTH {
                return Some((position(1), indent + dashes));
            }
        }
        let mut previous = ' ';
        let mut chars = line.chars().enumerate().peekable();
        while let Some((column, c)) = chars.next() {
            match quote {
                Some('"') if c == '\\' => {
                    chars.next();
                }
                Some(q) if c == q => {
                    if q == '\'' && chars.peek().is_some_and(|(_, next)| *next == '\'') {
                        chars.next();
                    } else {
                        quote = None;
                    }
                }
                Some(_) => {}
                None => match c {
                    '#' if previous == ' ' || previous == '\t' || column == 0 => break,
                    '"' | '\'' if flow > 0 || previous == ' ' || previous == ':' || column == 0 => {
                        quote = Some(c);
                    }
                    '[' | '{' => {
                        flow += 1;
                        if flow > MAX_FLOW_DEPTH {
                            return Some((position(column + 1), flow));
                        }
                    }
                    ']' | '}' => flow = flow.saturating_sub(1),
                    _ => {}
                },
            }
            previous = c;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_nesting_passes() {
        assert_eq!(too_deep("a:\n  b: [1, {c: [2]}]\n  - - x\n"), None);
        assert_eq!(too_deep("a: \"[[[[\"\nb: '{{{{'\n# [[[[[\n"), None);
    }

    #[test]
    fn deep_flow_and_block_nesting_are_found() {
        let flow = "[".repeat(200);
        assert_eq!(
            too_deep(&flow),
            Some((
                Position {
                    line: 1,
                    column: 129
                },
                129
            ))
        );
        let block = format!("a:\n{}x\n", "- ".repeat(600));
        assert_eq!(too_deep(&block).map(|(p, _)| p.line), Some(2));
        let indented: String = (0..600)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert!(too_deep(&indented).is_some());
    }
}
