//! What makes generated Rust read like hand-written Rust, beyond prettyplease: integer
//! literals without type suffixes, and a blank line between items.

use proc_macro2::{Group, Literal, TokenStream, TokenTree};

/// `tokens` with every suffixed integer literal (`401u16`, `36usize`) written plain
/// (`401`, `36`). quote writes Rust integers with their suffix; generated code always
/// states the type where one is needed (fields, statics, signatures), so the suffix only
/// adds noise.
pub(crate) fn plain_literals(tokens: TokenStream) -> TokenStream {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => {
                let mut plain = Group::new(group.delimiter(), plain_literals(group.stream()));
                plain.set_span(group.span());
                TokenTree::Group(plain)
            }
            TokenTree::Literal(literal) => TokenTree::Literal(plain_literal(literal)),
            other => other,
        })
        .collect()
}

const INTEGER_SUFFIXES: [&str; 12] = [
    "usize", "isize", "u128", "i128", "u64", "i64", "u32", "i32", "u16", "i16", "u8", "i8",
];

fn plain_literal(literal: Literal) -> Literal {
    let text = literal.to_string();
    for suffix in INTEGER_SUFFIXES {
        if let Some(digits) = text.strip_suffix(suffix) {
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
                if let Ok(plain) = digits.parse::<Literal>() {
                    return plain;
                }
            }
        }
    }
    literal
}

/// Line starts that open an item (or the doc comment, attribute or comment above one).
const ITEM_STARTS: [&str; 17] = [
    "///", "//", "#[", "#![", "pub ", "pub(", "impl ", "impl<", "fn ", "const ", "static ",
    "struct ", "enum ", "type ", "mod ", "trait ", "unsafe ",
];

/// `text` (formatted Rust) with a blank line between one item's last line and the next
/// item's first, at the same indentation; `use` lines stay together.
pub(crate) fn spaced_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        if let Some(before) = previous {
            if ends_item(before) && starts_item(line) && indent(before) == indent(line) {
                let both_uses = before.trim_start().starts_with("use ")
                    && line.trim_start().starts_with("use ");
                if !both_uses {
                    out.push('\n');
                }
            }
        }
        out.push_str(line);
        previous = Some(line);
    }
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn ends_item(line: &str) -> bool {
    let code = line.trim();
    !code.starts_with("//") && (code == "}" || code.ends_with(';'))
}

fn starts_item(line: &str) -> bool {
    let code = line.trim_start();
    ITEM_STARTS.iter().any(|start| code.starts_with(start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn integer_suffixes_are_dropped_and_nothing_else_changes() {
        let status = 401u16;
        let index = 0usize;
        let tokens = quote! { S { status: #status, index: Some(#index), name: "7u8", x: 1.5f64 } };
        assert_eq!(
            plain_literals(tokens).to_string(),
            r#"S { status : 401 , index : Some (0) , name : "7u8" , x : 1.5f64 }"#
        );
    }

    #[test]
    fn items_get_a_blank_line_between_them() {
        let text = "mod m {\n    use a;\n    use b;\n    /// One.\n    pub const A: u8 = 1;\n    /// Two.\n    pub fn f() {\n        let x = 1;\n        x;\n    }\n    impl S {}\n}\n";
        assert_eq!(
            spaced_items(text),
            "mod m {\n    use a;\n    use b;\n\n    /// One.\n    pub const A: u8 = 1;\n\n    /// Two.\n    pub fn f() {\n        let x = 1;\n        x;\n    }\n\n    impl S {}\n}\n"
        );
    }
}
