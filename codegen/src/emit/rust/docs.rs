//! Catalog text made safe for rustdoc.
//!
//! Catalog text is prose, not Markdown: a line indented by four spaces would become a
//! code block (and a doctest), `[x]` a broken intra-doc link, `<x>` an HTML tag. Every
//! piece of text is therefore folded onto one line with Markdown punctuation escaped.

use proc_macro2::TokenStream;
use quote::quote;

/// Characters that mean something anywhere in a CommonMark line.
const MARKDOWN_INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '~', '|'];

/// Characters that mean something at the start of a line (headings, lists, rules).
const MARKDOWN_LINE_START: &[char] = &['#', '-', '+', '=', '>'];

/// Prose safe for rustdoc: one line, Markdown punctuation escaped (a backslash before
/// ASCII punctuation is always a valid CommonMark escape).
pub fn text(s: &str) -> String {
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(folded.len() + 8);
    let mut at_start = true;
    let mut in_leading_digits = false;
    for c in folded.chars() {
        let list_number_end = in_leading_digits && (c == '.' || c == ')');
        if MARKDOWN_INLINE.contains(&c)
            || (at_start && MARKDOWN_LINE_START.contains(&c))
            || list_number_end
        {
            out.push('\\');
        }
        in_leading_digits = (at_start || in_leading_digits) && c.is_ascii_digit();
        at_start = false;
        out.push(c);
    }
    out
}

/// A code span holding `s` verbatim, with enough backticks around it.
pub fn code(s: &str) -> String {
    crate::text::code_span(s)
}

/// A link to an already validated URL (no spaces, no angle brackets).
pub fn url(url: &str) -> String {
    format!("<{url}>")
}

/// A text written as a list (every non-empty line `1. ...`, `1) ...` or `- ...`, as a
/// catalog's `|-` block holds the page's steps) as nested rustdoc list items, each one
/// line of safe text; `None` for prose.
pub fn list_items(s: &str) -> Option<Vec<String>> {
    let lines: Vec<&str> = s.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() < 2 {
        return None;
    }
    lines
        .iter()
        .map(|line| {
            if let Some(rest) = line.strip_prefix("- ") {
                return Some(format!("  - {}", text(rest)));
            }
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let rest = line.get(digits..)?;
            let rest = rest
                .strip_prefix(". ")
                .or_else(|| rest.strip_prefix(") "))?;
            (digits > 0).then(|| format!("  {}. {}", &line[..digits], text(rest)))
        })
        .collect()
}

/// `#[doc = "..."]` attributes, one per line, with a blank doc line between paragraphs.
pub fn attrs(paragraphs: &[String]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in paragraphs.iter().filter(|p| !p.is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        for line in paragraph.lines() {
            lines.push(format!(" {line}"));
        }
    }
    quote! { #( #[doc = #lines] )* }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_a_list_and_prose_does_not() {
        assert_eq!(
            list_items("1. Check the key\n2. Use [x]"),
            Some(vec![
                "  1. Check the key".to_owned(),
                "  2. Use \\[x\\]".to_owned()
            ])
        );
        assert_eq!(
            list_items("- one\n- two"),
            Some(vec!["  - one".to_owned(), "  - two".to_owned()])
        );
        assert_eq!(list_items("1. only one"), None);
        assert_eq!(list_items("First line\n2. second"), None);
    }

    #[test]
    fn text_is_folded_and_escaped() {
        assert_eq!(text("a\n    indented code"), "a indented code");
        assert_eq!(text("see [x] and <b>"), "see \\[x\\] and \\<b\\>");
        assert_eq!(text("1. first"), "1\\. first");
        assert_eq!(text("Ends here."), "Ends here.");
        assert_eq!(text("*/ #[x]"), "\\*/ #\\[x\\]");
        assert_eq!(text("# heading"), "\\# heading");
        assert_eq!(text("- item"), "\\- item");
        assert_eq!(text("30-60 s"), "30-60 s");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("abc"), "`abc`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
    }
}
