//! Every place outside text (file names, the regenerate command) is pasted into a
//! generated file or a cargo directive goes through one function here, one per sink, that
//! escapes or refuses what that sink cannot carry. Catalog prose and wire strings reach
//! generated Rust only as string literals and doc attributes built by `quote`, which
//! escape them, and JSON only through serde_json.

use std::path::Path;

/// Text for a Rust `//` line comment: control characters (a newline would end the
/// comment and start code) are written as Rust escapes; nothing else can leave a line
/// comment.
pub fn line_comment(text: &str) -> String {
    escape_controls(text)
}

/// Text for an HTML comment (`<!-- ... -->`, the Markdown reference's header): control
/// characters escaped, and what HTML forbids inside a comment (`-->` and `--!>`, which
/// close it early, and `<!--`) broken up with `&gt;` / `&lt;`, inert inside a comment.
pub fn html_comment(text: &str) -> String {
    escape_controls(text)
        .replace("<!--", "&lt;!--")
        .replace("-->", "--&gt;")
        .replace("--!>", "--!&gt;")
}

/// A path for `cargo:rerun-if-changed=`, which takes the rest of its line: `None` for a
/// path cargo cannot carry (not UTF-8, or with a line break, which would start a directive
/// of the path's choosing).
pub fn cargo_directive_path(path: &Path) -> Option<&str> {
    path.to_str().filter(|p| !p.contains(['\n', '\r']))
}

/// Why a catalog file's name cannot be used (it would reach headers, diagnostics and
/// cargo directives), or `None` when it is fine: it must be UTF-8 and free of control
/// characters.
pub fn file_name_problem(path: &Path) -> Option<String> {
    let Some(text) = path.to_str() else {
        return Some("the file name is not valid UTF-8".to_owned());
    };
    let control = text.chars().find(|c| c.is_control())?;
    Some(format!(
        "the file name contains the control character {}",
        control.escape_default()
    ))
}

fn escape_controls(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_comments_keep_everything_on_one_line() {
        assert_eq!(line_comment("catalog/acme.yaml"), "catalog/acme.yaml");
        let escaped = line_comment("a\npub fn injected() {}\r\u{2028}\t*/\"");
        assert!(!escaped.contains(['\n', '\r', '\t']), "{escaped}");
        assert_eq!(escaped, "a\\npub fn injected() {}\\r\u{2028}\\t*/\"");
    }

    #[test]
    fn html_comments_cannot_be_closed_early() {
        let escaped = html_comment("a-->b--!>c<!--d\n<script>");
        assert!(
            !escaped.contains("-->") && !escaped.contains("--!>"),
            "{escaped}"
        );
        assert!(
            !escaped.contains("<!--") && !escaped.contains('\n'),
            "{escaped}"
        );
        assert_eq!(
            html_comment("run `cargo run --bin x -- generate`"),
            "run `cargo run --bin x -- generate`"
        );
    }

    #[test]
    fn cargo_directives_refuse_line_breaks() {
        assert_eq!(
            cargo_directive_path(Path::new("catalog/acme.yaml")),
            Some("catalog/acme.yaml")
        );
        assert_eq!(
            cargo_directive_path(Path::new("a\ncargo:rustc-env=X=1.yaml")),
            None
        );
        assert_eq!(cargo_directive_path(Path::new("a\r.yaml")), None);
    }

    #[test]
    fn file_names_with_controls_or_bad_bytes_are_refused() {
        use std::os::unix::ffi::OsStrExt;
        assert_eq!(file_name_problem(Path::new("catalog/acme.yaml")), None);
        assert_eq!(
            file_name_problem(Path::new("catalog/it's \"*/\".yaml")),
            None
        );
        assert!(file_name_problem(Path::new("a\nb.yaml")).is_some());
        assert!(file_name_problem(Path::new("a\tb.yaml")).is_some());
        let bad = std::ffi::OsStr::from_bytes(b"catalog/\xff.yaml");
        assert!(file_name_problem(Path::new(bad)).is_some());
    }
}
