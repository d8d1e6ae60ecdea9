//! `errcat diff <old> <new>`: breaking changes to the error contract.

use std::process::ExitCode;

use errcat_codegen::diff::{compare, load_side, render_json, render_markdown, render_text};

/// How `diff` prints.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Grouped by API and severity, for people.
    Text,
    /// For tools.
    Json,
    /// A CHANGELOG-style summary for release notes.
    Markdown,
}

/// Exit 0 without unacknowledged breaking changes, 1 with them, 2 when a side cannot
/// be read or does not validate.
pub fn run(old: &str, new: &str, format: DiffFormat) -> ExitCode {
    let sides = load_side(old).and_then(|o| load_side(new).map(|n| (o, n)));
    let (old, new) = match sides {
        Ok(sides) => sides,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let report = compare(&old, &new);
    let text = match format {
        DiffFormat::Text => render_text(&report),
        DiffFormat::Json => render_json(&report),
        DiffFormat::Markdown => render_markdown(&report),
    };
    print!("{text}");
    if report.unacknowledged().next().is_some() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
