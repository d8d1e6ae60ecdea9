//! CommonMark + GFM building blocks: catalog prose made safe, code spans, autolinks,
//! tables and GitHub-style heading anchors.
//!
//! Catalog text is prose, not Markdown, so every piece of it is escaped: `*x*` stays
//! literal, `[x]` is not a link, `<b>` is not HTML, and a `|` cannot break a table.

use std::collections::BTreeMap;

/// Characters escaped wherever they appear in prose.
const ALWAYS: &[char] = &['\\', '`', '*', '[', ']', '<', '>', '|', '~'];

/// Characters that mean something at the start of a line (headings, lists, quotes, rules).
const LINE_START: &[char] = &['#', '-', '+', '=', '>', '_'];

/// One line of prose, safe anywhere inline: whitespace folded to single spaces and
/// Markdown punctuation escaped. A backslash before ASCII punctuation is always a valid
/// CommonMark escape, so the rendered text is exactly the input.
pub fn inline(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len() + 8);
    let mut in_leading_digits = false;
    for (i, &c) in chars.iter().enumerate() {
        let at_start = i == 0;
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let escape = ALWAYS.contains(&c)
            || (at_start && LINE_START.contains(&c))
            || (in_leading_digits && (c == '.' || c == ')'))
            // `_` only opens or closes emphasis at a word boundary (`snake_case` is safe).
            || (c == '_'
                && !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric)))
            // `&amp;` and `&#38;` would be read as character references.
            || (c == '&' && looks_like_entity(&chars[i + 1..]));
        if escape {
            out.push('\\');
        }
        in_leading_digits = (at_start || in_leading_digits) && c.is_ascii_digit();
        out.push(c);
    }
    out
}

/// Whether the text after a `&` would make it a character reference (`amp;`, `#38;`).
fn looks_like_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

/// A block of prose that may hold a list: each line that starts with `1.` or `-` stays a
/// list item (with its text escaped), every other line is escaped prose. Single-line text
/// is [`inline`].
pub fn block(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() <= 1 {
        return inline(text);
    }
    let mut out = Vec::new();
    let mut previous_was_item = false;
    for line in lines {
        let item = list_item(line);
        if item.is_some() != previous_was_item && !out.is_empty() {
            out.push(String::new());
        }
        previous_was_item = item.is_some();
        out.push(match item {
            Some((marker, rest)) => format!("{marker} {}", inline(rest)),
            None => inline(line),
        });
    }
    out.join("\n")
}

/// `("1.", "rest")` for `1. rest`, `("-", "rest")` for `- rest` or `* rest`.
fn list_item(line: &str) -> Option<(String, &str)> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some(("-".to_owned(), rest.trim_start()));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ") {
            return Some((format!("{}.", &line[..digits]), rest.trim_start()));
        }
    }
    None
}

/// Text for a GFM table cell: [`inline`] (which escapes `|`), or `—` when empty.
pub fn cell(text: &str) -> String {
    let text = inline(text);
    if text.is_empty() {
        "—".to_owned()
    } else {
        text
    }
}

/// A code span holding `s` verbatim (whitespace folded), with enough backticks.
pub fn code(s: &str) -> String {
    crate::text::code_span(s)
}

/// A code span for a table cell: GFM splits cells on `|` even inside code spans, and
/// removes the backslash of `\|` there, so `|` is escaped.
pub fn code_cell(s: &str) -> String {
    code(s).replace('|', "\\|")
}

/// An autolink for a URL that can be one (no spaces or angle brackets), else a code span.
pub fn url(url: &str) -> String {
    if url.is_empty()
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
    {
        code(url)
    } else {
        format!("<{url}>")
    }
}

/// A fenced code block whose fence is longer than any backtick run in `body`.
pub fn fenced(info: &str, body: &str) -> String {
    let longest = body
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or(0)
        .max(2);
    let fence = "`".repeat(longest + 1);
    format!("{fence}{info}\n{}\n{fence}", body.trim_end_matches('\n'))
}

/// A GFM table. Cells must already be escaped ([`cell`], [`code_cell`]).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!(
        "|{}|\n",
        header.iter().map(|_| "---").collect::<Vec<_>>().join("|")
    ));
    for row in rows {
        debug_assert_eq!(
            row.len(),
            header.len(),
            "a table row has one cell per column"
        );
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out.pop();
    out
}

/// GitHub's heading anchors: the heading's text lowercased, punctuation other than `-`
/// and `_` removed, spaces turned into `-`; a repeated anchor gets `-1`, `-2`, ...
#[derive(Debug, Default)]
pub struct Slugger {
    seen: BTreeMap<String, usize>,
}

impl Slugger {
    /// The anchor of the next heading whose plain text is `text`.
    pub fn slug(&mut self, text: &str) -> String {
        let base: String = text
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        // github-slugger: the first use keeps the anchor, later ones count up.
        let mut slug = base.clone();
        while self.seen.contains_key(&slug) {
            let count = self.seen.entry(base.clone()).or_insert(0);
            *count += 1;
            slug = format!("{base}-{count}");
        }
        self.seen.insert(slug.clone(), 0);
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_folded_and_escaped() {
        assert_eq!(inline("a\n    indented"), "a indented");
        assert_eq!(inline("see [x] and <b>"), "see \\[x\\] and \\<b\\>");
        assert_eq!(inline("1. first"), "1\\. first");
        assert_eq!(inline("# heading"), "\\# heading");
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("sk_live_ or _x_"), "sk_live\\_ or \\_x\\_");
        assert_eq!(inline("invalid_api_key"), "invalid_api_key");
        assert_eq!(inline("R&D &amp;"), "R&D \\&amp;");
        assert_eq!(inline("30-60 s, 1.5"), "30-60 s, 1.5");
    }

    #[test]
    fn blocks_keep_lists() {
        assert_eq!(
            block("1. Check [x]\n2. Verify"),
            "1. Check \\[x\\]\n2. Verify"
        );
        assert_eq!(block("- a\n- b"), "- a\n- b");
        assert_eq!(block("Intro\n- a"), "Intro\n\n- a");
        assert_eq!(block("one line"), "one line");
    }

    #[test]
    fn code_spans_and_cells() {
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code_cell("a|b"), "`a\\|b`");
        assert_eq!(cell(""), "—");
        assert_eq!(url("https://x.example/a#b"), "<https://x.example/a#b>");
        assert_eq!(url("https://x.example/a b"), "`https://x.example/a b`");
        assert_eq!(fenced("json", "{}\n"), "```json\n{}\n```");
        assert_eq!(fenced("", "```"), "````\n```\n````");
    }

    #[test]
    fn slugs_follow_github() {
        let mut s = Slugger::default();
        assert_eq!(s.slug("invalid_api_key"), "invalid_api_key");
        assert_eq!(s.slug("Missing X-App-ID header"), "missing-x-app-id-header");
        assert_eq!(
            s.slug("Content-Type must be application/json"),
            "content-type-must-be-applicationjson"
        );
        assert_eq!(s.slug("invalid_api_key"), "invalid_api_key-1");
        assert_eq!(s.slug("invalid_api_key"), "invalid_api_key-2");
        assert_eq!(s.slug("HTTP status codes"), "http-status-codes");
    }
}
