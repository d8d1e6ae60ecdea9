//! Colour for what errcat writes on standard error (diagnostics, the drift check's diff),
//! the way cargo and rustc colour theirs: `--color auto` (the default) colours only a
//! terminal, and only when `NO_COLOR` is unset; `always` and `never` decide outright.
//!
//! The text is made plain everywhere else (the library renders diagnostics for build
//! scripts and logs too); this module only paints the lines it recognises.

use std::io::IsTerminal;
use std::sync::OnceLock;

use anstyle::{AnsiColor, Style};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard error is a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

static ENABLED: OnceLock<bool> = OnceLock::new();

/// Decides once, at start-up, whether standard error is coloured.
pub fn init(choice: ColorChoice) {
    let enabled = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let _ = ENABLED.set(enabled);
}

/// Whether standard error is coloured.
pub fn enabled() -> bool {
    ENABLED.get().copied().unwrap_or(false)
}

const ERROR: Style = AnsiColor::Red.on_default().bold();
const HEADLINE: Style = Style::new().bold();
const GUTTER: Style = AnsiColor::Blue.on_default().bold();
const HELP: Style = AnsiColor::Cyan.on_default().bold();
const ADDED: Style = AnsiColor::Green.on_default();
const REMOVED: Style = AnsiColor::Red.on_default();

fn paint(style: Style, text: &str) -> String {
    format!("{}{text}{}", style.render(), style.render_reset())
}

/// `text` with every line errcat recognises painted.
pub fn paint_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            let (body, end) = match line.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (line, ""),
            };
            format!("{}{end}", paint_line(body))
        })
        .collect()
}

fn paint_line(line: &str) -> String {
    if let Some(rest) = line.strip_prefix("error") {
        if rest.starts_with('[') || rest.starts_with(':') {
            let (tag, message) = match rest.find("]: ") {
                Some(at) if rest.starts_with('[') => rest.split_at(at + 3),
                _ => rest.split_at(1.min(rest.len())),
            };
            return format!(
                "{}{}",
                paint(ERROR, &format!("error{tag}")),
                paint(HEADLINE, message)
            );
        }
    }
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    if trimmed.starts_with("--> ") {
        return format!("{indent}{}{}", paint(GUTTER, "-->"), &trimmed[3..]);
    }
    if let Some(help) = trimmed.strip_prefix("= help:") {
        return format!("{indent}{}{help}", paint(HELP, "= help:"));
    }
    if let Some((gutter, rest)) = line
        .split_once(" | ")
        .or_else(|| line.strip_suffix(" |").map(|gutter| (gutter, "")))
    {
        if gutter.trim().chars().all(|c| c.is_ascii_digit()) {
            let marks = rest.trim();
            let rest = if !marks.is_empty() && marks.chars().all(|c| c == '^') {
                paint(ERROR, rest)
            } else if marks.starts_with("- ") && line.starts_with(' ') {
                paint(GUTTER, rest)
            } else {
                rest.to_owned()
            };
            let separator = if line.ends_with(" |") && rest.is_empty() {
                ""
            } else {
                " "
            };
            return format!("{}{separator}{rest}", paint(GUTTER, &format!("{gutter} |")));
        }
    }
    if line.starts_with('+') && !line.starts_with("+++") {
        return paint(ADDED, line);
    }
    if line.starts_with('-') && !line.starts_with("---") {
        return paint(REMOVED, line);
    }
    line.to_owned()
}

#[cfg(test)]
mod tests {
    use super::paint_lines;

    #[test]
    fn diagnostics_are_painted_and_keep_their_text() {
        let text =
            "error[yaml-syntax]: bad\n --> a.yaml:1:1\n  |\n1 | x\n  | ^\n  = help: fix it\n";
        let painted = paint_lines(text);
        assert!(painted.contains("\u{1b}["), "{painted:?}");
        let plain = anstream::adapter::strip_str(&painted).to_string();
        assert_eq!(plain, text);
    }
}
