//! Doc URLs and URL patterns: absolute http(s) URLs with known placeholders only.

use super::Ctx;
use crate::diagnostic::{Anchor, Diagnostic};

use crate::model::{DOC_URL_PLACEHOLDERS, DOC_URL_TRANSFORMS};

/// What is wrong with `url` as an absolute http(s) URL, if anything.
fn url_problem(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Some("does not start with `https://` or `http://`".to_owned());
    };
    let host = rest.split(['/', '#', '?']).next().unwrap_or("");
    if host.is_empty() || host.starts_with('.') || host.ends_with('.') {
        return Some("has no host name".to_owned());
    }
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || *c == '"' || *c == '<' || *c == '>')
    {
        return Some(format!(
            "contains the character {c:?}, which URLs cannot hold unescaped"
        ));
    }
    None
}

/// Checks `{placeholder}`s and `{placeholder|transform}`s; returns the URL with them
/// replaced by sample values, or `None` when the pattern is one placeholder alone (the
/// identifier itself is the link, so there is no URL to check in the pattern).
fn check_placeholders(
    ctx: &Ctx,
    path: &str,
    pattern: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let mut sample = String::new();
    let mut rest = pattern;
    let mut placeholders = 0;
    while let Some(open) = rest.find('{') {
        sample.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push(ctx.at(
                "bad-url-pattern",
                path,
                Anchor::Value,
                format!("the URL pattern `{pattern}` has a `{{` that is never closed"),
                "write placeholders as `{code}` or `{id}`, optionally transformed: `{code|kebab}`",
            ));
            return Some(sample);
        };
        placeholders += 1;
        let inner = &after[..close];
        let (name, how) = match inner.split_once('|') {
            Some((name, how)) => (name, Some(how)),
            None => (inner, None),
        };
        if !DOC_URL_PLACEHOLDERS.contains(&name) {
            out.push(ctx.at(
                "unknown-placeholder",
                path,
                Anchor::Value,
                format!("the URL pattern `{pattern}` uses the unknown placeholder `{{{name}}}`"),
                "use `{code}` (the wire code) or `{id}` (the error id)",
            ));
        }
        if let Some(how) = how.filter(|h| !DOC_URL_TRANSFORMS.contains(h)) {
            out.push(ctx.at(
                "unknown-placeholder",
                path,
                Anchor::Value,
                format!("the URL pattern `{pattern}` uses the unknown transform `|{how}`"),
                format!(
                    "use one of {}, e.g. `{{code|kebab}}`",
                    DOC_URL_TRANSFORMS.join(", ")
                ),
            ));
        }
        sample.push_str("sample");
        rest = &after[close + 1..];
    }
    sample.push_str(rest);
    let alone = placeholders == 1 && pattern.starts_with('{') && pattern.ends_with('}');
    (!alone).then_some(sample)
}

fn check_url(ctx: &Ctx, path: &str, url: &str, what: &str, out: &mut Vec<Diagnostic>) {
    check_url_as_written(ctx, path, url, url, what, out);
}

/// Checks `url` (a pattern's sample expansion, or a URL) and names `written`, what the
/// catalog says, in the message.
fn check_url_as_written(
    ctx: &Ctx,
    path: &str,
    url: &str,
    written: &str,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(problem) = url_problem(url) {
        out.push(ctx.at(
            "malformed-url",
            path,
            Anchor::Value,
            format!("the {what} `{written}` {problem}"),
            "write an absolute URL such as `https://docs.example.com/errors#{code}`, or `{code}` alone when the code itself is the link",
        ));
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if let Some(pattern) = &ctx.doc.api.doc_url {
        if let Some(sample) = check_placeholders(ctx, "api.doc_url", pattern, out) {
            check_url_as_written(ctx, "api.doc_url", &sample, pattern, "doc URL pattern", out);
        }
    }
    if let Some(source) = &ctx.doc.api.source {
        check_url(ctx, "api.source", source, "source URL", out);
    }
    for (i, error) in ctx.doc.errors.iter().enumerate() {
        if let Some(url) = &error.doc_url {
            check_url(ctx, &format!("errors[{i}].doc_url"), url, "doc URL", out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::url_problem;

    #[test]
    fn accepts_absolute_http_urls_only() {
        assert_eq!(url_problem("https://developer.kallglot.com/errors#x"), None);
        assert!(url_problem("developer.kallglot.com/errors").is_some());
        assert!(url_problem("https:///errors").is_some());
        assert!(url_problem("https://a.com/with space").is_some());
        assert!(url_problem("ftp://a.com").is_some());
    }
}
