//! Rust names for envelope members, shared by the validator (which rejects collisions)
//! and the emitter (which uses them), so the two can never disagree.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Every word Rust reserves (strict, reserved and edition-dependent): no id may be one.
pub const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Reserved words that can be raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield", "union",
];

/// Words that cannot be raw identifiers, plus `extra`, which every envelope struct uses
/// for undocumented members.
const SUFFIXED: &[&str] = &["self", "super", "crate", "extra", "_"];

/// The Rust field name of a JSON key: `(name, raw)`, where `raw` asks for `r#name`.
pub fn field_name(key: &str) -> (String, bool) {
    let snake = key.to_snake_case();
    let snake = if snake.is_empty() {
        "field".to_owned()
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("field_{snake}")
    } else {
        snake
    };
    if SUFFIXED.contains(&snake.as_str()) {
        (format!("{snake}_"), false)
    } else {
        let raw = RAW_KEYWORDS.contains(&snake.as_str());
        (snake, raw)
    }
}

/// The Rust struct name of the object at a path (`error` -> `ErrorBody`).
pub fn struct_name(path: &[&str]) -> String {
    let camel = path.join("_").to_upper_camel_case();
    if camel.is_empty() || camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Field{camel}Body")
    } else {
        format!("{camel}Body")
    }
}

/// One member on a path: its key and, when the member is an array, the element the path
/// takes (`errors[]`: `errors` and `Each`). A body that is an array starts with a
/// component whose key is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Component<'a> {
    /// The object key (empty for the body itself).
    pub key: &'a str,
    /// The array selector after the key, if any.
    pub element: Option<errcat_vocab::Step<'a>>,
}

/// The members a path walks through, or `None` when a key is followed by more than one
/// selector (`a[][0]`, an array of arrays, which no envelope struct models).
pub fn components(path: errcat_vocab::FieldPath<'_>) -> Option<Vec<Component<'_>>> {
    use errcat_vocab::Step;
    let mut out: Vec<Component<'_>> = Vec::new();
    for step in path.steps() {
        match step {
            Step::Key(key) => out.push(Component { key, element: None }),
            selector => match out.last_mut() {
                Some(last) if last.element.is_none() => last.element = Some(selector),
                None => out.push(Component {
                    key: "",
                    element: Some(selector),
                }),
                Some(_) => return None,
            },
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_rust() {
        assert_eq!(field_name("requestId"), ("request_id".to_owned(), false));
        assert_eq!(field_name("type"), ("type".to_owned(), true));
        assert_eq!(field_name("self"), ("self_".to_owned(), false));
        assert_eq!(field_name("extra"), ("extra_".to_owned(), false));
        assert_eq!(field_name("0"), ("field_0".to_owned(), false));
        assert_eq!(field_name("-"), ("field".to_owned(), false));
        assert_eq!(struct_name(&["error"]), "ErrorBody");
        assert_eq!(struct_name(&["0"]), "Field0Body");
        for name in [
            field_name("0").0,
            field_name("-").0,
            struct_name(&["0", "x"]),
        ] {
            assert!(syn::parse_str::<syn::Ident>(&name).is_ok(), "{name}");
        }
    }
}
