//! Reports: for people (grouped by API and severity), for tools (JSON) and for release
//! notes (Markdown).

use super::{Change, DiffReport, Severity};

fn severity_title(severity: Severity) -> &'static str {
    match severity {
        Severity::Breaking => "breaking",
        Severity::Additive => "additive",
        Severity::Cosmetic => "cosmetic",
    }
}

fn values(change: &Change) -> String {
    match (&change.before, &change.after) {
        (Some(b), Some(a)) => format!(": {b} -> {a}"),
        (Some(b), None) => format!(" (was {b})"),
        (None, Some(a)) => format!(": {a}"),
        (None, None) => String::new(),
    }
}

fn groups(report: &DiffReport) -> Vec<(&str, Severity, Vec<&Change>)> {
    let mut out: Vec<(&str, Severity, Vec<&Change>)> = Vec::new();
    for change in &report.changes {
        match out.last_mut() {
            Some((api, severity, list)) if *api == change.api && *severity == change.severity => {
                list.push(change)
            }
            _ => out.push((&change.api, change.severity, vec![change])),
        }
    }
    out
}

/// Human output, grouped by API and severity, with a verdict line.
pub fn render_text(report: &DiffReport) -> String {
    let mut out = String::new();
    let mut current_api = "";
    for (api, severity, changes) in groups(report) {
        if api != current_api {
            out.push_str(&format!("{api}\n"));
            current_api = api;
        }
        out.push_str(&format!("  {}:\n", severity_title(severity)));
        for change in changes {
            out.push_str(&format!(
                "    {} {}{}\n",
                change.subject,
                change.summary,
                values(change)
            ));
            if let Some(reason) = &change.acknowledged {
                out.push_str(&format!("      acknowledged: {reason}\n"));
            }
        }
    }
    let unacknowledged = report.unacknowledged().count();
    out.push_str(&format!(
        "{} breaking ({} unacknowledged), {} additive, {} cosmetic\n",
        report.count(Severity::Breaking),
        unacknowledged,
        report.count(Severity::Additive),
        report.count(Severity::Cosmetic)
    ));
    if unacknowledged > 0 {
        out.push_str(
            "error: breaking changes to the error contract; if they are intended, list each under `accepted_breaks:` in the new catalog (or deprecate a code for a release before removing it)\n",
        );
    }
    out
}

/// Machine output.
pub fn render_json(report: &DiffReport) -> String {
    let value = serde_json::json!({
        "breaking": report.count(Severity::Breaking),
        "unacknowledged": report.unacknowledged().count(),
        "additive": report.count(Severity::Additive),
        "cosmetic": report.count(Severity::Cosmetic),
        "changes": report.changes,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// A CHANGELOG-style summary to paste into release notes.
pub fn render_markdown(report: &DiffReport) -> String {
    let mut out = String::from("## Error contract changes\n");
    if report.changes.is_empty() {
        out.push_str("\nNo changes.\n");
        return out;
    }
    let mut current_api = "";
    for (api, severity, changes) in groups(report) {
        if api != current_api {
            out.push_str(&format!("\n### {api}\n"));
            current_api = api;
        }
        let title = match severity {
            Severity::Breaking => "Breaking",
            Severity::Additive => "Added",
            Severity::Cosmetic => "Documentation",
        };
        out.push_str(&format!("\n**{title}**\n\n"));
        for change in changes {
            let mut line = format!(
                "- {}: {}{}",
                change.subject,
                change.summary,
                values(change).replace('|', "\\|")
            );
            if let Some(reason) = &change.acknowledged {
                line.push_str(&format!(" (intended: {reason})"));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}
