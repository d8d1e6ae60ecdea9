//! Ids: snake_case, not Rust keywords, unique, and distinct once turned into Rust names.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;

use super::Ctx;
use crate::diagnostic::{Anchor, Diagnostic};
use crate::model::naming::KEYWORDS;

/// Whether `id` is snake_case: a lowercase letter, then lowercase letters, digits and
/// single underscores between them.
pub(crate) fn is_snake_case(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z'))
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !id.contains("__")
        && !id.ends_with('_')
}

/// Checks one id; returns whether it is usable as a Rust name.
fn check_id(ctx: &Ctx, path: &str, what: &str, id: &str, out: &mut Vec<Diagnostic>) -> bool {
    if !is_snake_case(id) {
        let suggestion = heck::ToSnakeCase::to_snake_case(id);
        let help = if is_snake_case(&suggestion) {
            format!("write it in snake_case, e.g. `{suggestion}`")
        } else {
            "write it in snake_case: a lowercase letter, then lowercase letters, digits and single underscores".to_owned()
        };
        out.push(ctx.at(
            "invalid-id",
            path,
            Anchor::Value,
            format!("{what} id `{id}` is not snake_case"),
            help,
        ));
        return false;
    }
    if KEYWORDS.contains(&id) {
        out.push(ctx.at(
            "keyword-id",
            path,
            Anchor::Value,
            format!("{what} id `{id}` is a Rust keyword"),
            format!("choose another id, e.g. `{id}_error`"),
        ));
        return false;
    }
    true
}

/// Checks a list of ids for validity, duplicates and UpperCamelCase collisions.
fn check_group<'a>(
    ctx: &Ctx,
    what: &str,
    entries: impl Iterator<Item = (String, &'a str)>,
    out: &mut Vec<Diagnostic>,
) {
    let mut by_id: BTreeMap<&str, String> = BTreeMap::new();
    let mut by_rust: BTreeMap<String, (String, &str)> = BTreeMap::new();
    for (path, id) in entries {
        if !check_id(ctx, &path, what, id, out) {
            continue;
        }
        if let Some(first) = by_id.get(id) {
            let line = ctx.line_of(first);
            out.push(ctx.at(
                "duplicate-id",
                &path,
                Anchor::Value,
                format!("duplicate {what} id `{id}` (first used on line {line})"),
                "ids must be unique within an API; rename one of them",
            ));
            continue;
        }
        by_id.insert(id, path.clone());
        let rust = id.to_upper_camel_case();
        if let Some((first_path, first_id)) = by_rust.get(&rust) {
            let line = ctx
                .source
                .index
                .find(first_path)
                .map_or(0, |s| s.value.line);
            out.push(ctx.at(
                "rust-name-collision",
                &path,
                Anchor::Value,
                format!(
                    "{what} id `{id}` becomes the Rust name `{rust}`, as `{first_id}` on line {line} does"
                ),
                "rename one of them so their CamelCase forms differ",
            ));
            continue;
        }
        by_rust.insert(rust, (path, id));
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    check_id(ctx, "api.id", "API", &doc.api.id, out);
    let errors = doc
        .errors
        .iter()
        .enumerate()
        .map(|(i, e)| (format!("errors[{i}].id"), e.id.as_str()));
    check_group(ctx, "error", errors, out);
    let types = doc
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("types[{i}].id"), t.id.as_str()));
    check_group(ctx, "type", types, out);
    let closes = doc
        .websocket_close_codes
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("websocket_close_codes[{i}].id"), c.id.as_str()));
    check_group(ctx, "close code", closes, out);
    let limits = doc
        .limits
        .iter()
        .enumerate()
        .map(|(i, l)| (format!("limits[{i}].id"), l.id.as_str()));
    check_group(ctx, "limit", limits, out);
    let examples = doc
        .examples
        .iter()
        .enumerate()
        .map(|(i, e)| (format!("examples[{i}].name"), e.name.as_str()));
    check_group(ctx, "example", examples, out);
    if doc.errors.is_empty() && !ctx.pruned {
        out.push(ctx.at(
            "empty-catalog",
            "errors",
            Anchor::Key,
            "the API documents no errors",
            "add at least one entry under `errors:` (see catalog/README.md)",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::is_snake_case;

    #[test]
    fn snake_case_rules() {
        assert!(is_snake_case("invalid_api_key"));
        assert!(is_snake_case("http2"));
        assert!(!is_snake_case("InvalidApiKey"));
        assert!(!is_snake_case("2fa"));
        assert!(!is_snake_case("a__b"));
        assert!(!is_snake_case("trailing_"));
        assert!(!is_snake_case(""));
        assert!(!is_snake_case("kebab-case"));
    }
}
