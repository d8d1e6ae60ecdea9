//! Where each object of a JSON text ends, by JSON pointer: enough to insert members into
//! a document without re-serializing it, so every byte the merge does not add stays as
//! it was (key order, spacing, number spelling, escapes).

use std::collections::BTreeMap;

/// One object of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectSpan {
    /// The byte offset of its closing `}`.
    pub close: usize,
    /// Whether it has no members.
    pub empty: bool,
    /// The indentation of its members' lines (of its own line plus two spaces when it
    /// has none, or is on one line).
    pub indent: usize,
}

/// Every object of `text` by its JSON pointer (`""` for the root, `/paths/~1pets/get`),
/// or `None` when the text is not a single JSON value. Nesting is bounded (128 levels,
/// as serde_json's own limit).
pub fn objects(text: &str) -> Option<BTreeMap<String, ObjectSpan>> {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        at: 0,
        out: BTreeMap::new(),
    };
    scanner.skip_space();
    scanner.value(String::new(), 0)?;
    scanner.skip_space();
    (scanner.at == scanner.bytes.len()).then_some(scanner.out)
}

/// `key` escaped for a JSON pointer (RFC 6901).
pub fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

struct Scanner<'t> {
    bytes: &'t [u8],
    at: usize,
    out: BTreeMap<String, ObjectSpan>,
}

impl Scanner<'_> {
    fn skip_space(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn value(&mut self, pointer: String, depth: usize) -> Option<()> {
        if depth > 128 {
            return None;
        }
        match self.peek()? {
            b'{' => self.object(pointer, depth),
            b'[' => self.array(pointer, depth),
            b'"' => self.string().map(|_| ()),
            _ => {
                // A number, true, false or null: up to the next delimiter.
                let start = self.at;
                while self.peek().is_some_and(|b| {
                    !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    self.at += 1;
                }
                (self.at > start).then_some(())
            }
        }
    }

    /// A string; returns its raw text between the quotes.
    fn string(&mut self) -> Option<String> {
        self.at += 1; // the opening quote
        let start = self.at;
        loop {
            match self.peek()? {
                b'"' => break,
                b'\\' => self.at += 2,
                _ => self.at += 1,
            }
        }
        let raw = std::str::from_utf8(&self.bytes[start..self.at])
            .ok()?
            .to_owned();
        self.at += 1;
        // Keys are compared decoded; a raw text that does not decode is kept as it is.
        Some(serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or(raw))
    }

    fn line_indent(&self, offset: usize) -> usize {
        let line_start = self.bytes[..offset]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        self.bytes[line_start..]
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count()
    }

    fn object(&mut self, pointer: String, depth: usize) -> Option<()> {
        let open = self.at;
        self.at += 1;
        self.skip_space();
        let mut empty = true;
        let mut indent = None;
        if self.peek()? != b'}' {
            loop {
                self.skip_space();
                if self.peek()? != b'"' {
                    return None;
                }
                let key_at = self.at;
                if indent.is_none() && self.bytes[open..key_at].contains(&b'\n') {
                    indent = Some(self.line_indent(key_at));
                }
                let key = self.string()?;
                self.skip_space();
                if self.peek()? != b':' {
                    return None;
                }
                self.at += 1;
                self.skip_space();
                self.value(format!("{pointer}/{}", pointer_token(&key)), depth + 1)?;
                empty = false;
                self.skip_space();
                match self.peek()? {
                    b',' => self.at += 1,
                    b'}' => break,
                    _ => return None,
                }
            }
        }
        let close = self.at;
        self.at += 1;
        let indent = indent.unwrap_or_else(|| self.line_indent(open) + 2);
        self.out.insert(
            pointer,
            ObjectSpan {
                close,
                empty,
                indent,
            },
        );
        Some(())
    }

    fn array(&mut self, pointer: String, depth: usize) -> Option<()> {
        self.at += 1;
        self.skip_space();
        if self.peek()? == b']' {
            self.at += 1;
            return Some(());
        }
        let mut index = 0;
        loop {
            self.skip_space();
            self.value(format!("{pointer}/{index}"), depth + 1)?;
            index += 1;
            self.skip_space();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}
