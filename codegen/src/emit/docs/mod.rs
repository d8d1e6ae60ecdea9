//! `docs/<api>.md`: a Markdown error reference per API, meant to read like a good
//! hand-written error page, in plain CommonMark with GFM tables.
//!
//! The page opens with an HTML comment carrying the `@generated` header, then: what the
//! API is, how errors are identified, the envelope, authentication, response headers,
//! the HTTP status table, the error types, a section per error code, a retry table,
//! WebSocket close codes, limits, notes, the example bodies, and last the list of
//! inferred facts. Every fact the page does not state carries a dagger (`†N`) linking to
//! that list, where its reason is given.
//!
//! Links point at GitHub-style heading anchors. Since a link may come before the heading
//! it points at, the page is written twice: the first pass records every heading's
//! anchor, the second uses them. Headings never depend on links, so both passes produce
//! the same headings.

mod codes;
mod markdown;
mod overview;
mod phrases;
mod provenance;
mod tables;

use std::collections::{BTreeMap, HashMap};

use crate::load::document::{FieldRole, IdentifiedBy, Inferred};
use crate::model::{Api, Error};
use crate::write::Header;

pub use markdown::{cell, code, inline};

/// The reference page for one API, header included.
pub fn reference(api: &Api, header: &Header) -> String {
    let first = render(api, header, &BTreeMap::new());
    let second = render(api, header, &first.recorded);
    debug_assert_eq!(first.recorded, second.recorded, "headings are stable");
    second.out
}

/// The page's sections: anchor key and heading, in order; only those the API has.
fn sections(api: &Api) -> Vec<(&'static str, &'static str)> {
    let doc = &api.doc;
    let mut out = vec![
        ("identification", "How errors are identified"),
        ("envelope", "Error envelope"),
    ];
    if doc
        .auth
        .as_ref()
        .is_some_and(|a| !a.headers.is_empty() || !a.key_prefixes.is_empty())
    {
        out.push(("auth", "Authentication"));
    }
    if !doc.headers.is_empty() {
        out.push(("headers", "Rate-limit and other response headers"));
    }
    out.push(("statuses", "HTTP status codes"));
    if !doc.types.is_empty() {
        out.push(("types", "Error types"));
    }
    out.push((
        "codes",
        match api.identified_by() {
            IdentifiedBy::Code => "Error codes",
            IdentifiedBy::Message => "Error messages",
        },
    ));
    out.push(("retry", "Retry at a glance"));
    if !doc.websocket_close_codes.is_empty() {
        out.push(("close", "WebSocket close codes"));
    }
    if !doc.limits.is_empty() {
        out.push(("limits", "Limits"));
    }
    if !doc.notes.is_empty() {
        out.push(("notes", "Notes"));
    }
    if !doc.examples.is_empty() {
        out.push(("examples", "Example responses"));
    }
    out.push(("inferred", "Inferred facts"));
    out
}

/// One pass over the page.
struct Page<'a> {
    api: &'a Api,
    /// The Markdown so far, as blocks separated by blank lines.
    blocks: Vec<String>,
    slugger: markdown::Slugger,
    /// Anchors from the previous pass (empty in the first).
    anchors: &'a BTreeMap<String, String>,
    /// Anchors of this pass, by key.
    recorded: BTreeMap<String, String>,
    notes: provenance::Footnotes,
    /// How many errors send each wire text (more than one: told apart by status).
    wire_counts: HashMap<&'a str, usize>,
}

struct Rendered {
    out: String,
    recorded: BTreeMap<String, String>,
}

fn render(api: &Api, header: &Header, anchors: &BTreeMap<String, String>) -> Rendered {
    let mut page = Page {
        api,
        blocks: Vec::new(),
        slugger: markdown::Slugger::default(),
        anchors,
        recorded: BTreeMap::new(),
        notes: provenance::Footnotes::default(),
        wire_counts: api.errors.iter().fold(HashMap::new(), |mut counts, e| {
            *counts.entry(e.wire.as_str()).or_default() += 1;
            counts
        }),
    };
    page.push(header.html_comment(&api.source_path));
    let sections = sections(api);
    overview::title(&mut page, &sections);
    for (key, title) in &sections {
        page.heading(2, &format!("section:{key}"), &inline(title), title);
        match *key {
            "identification" => overview::identification(&mut page),
            "envelope" => overview::envelope(&mut page),
            "auth" => overview::auth(&mut page),
            "headers" => overview::headers(&mut page),
            "statuses" => tables::statuses(&mut page),
            "types" => tables::types(&mut page),
            "codes" => codes::sections(&mut page),
            "retry" => tables::retry(&mut page),
            "close" => tables::close_codes(&mut page),
            "limits" => tables::limits(&mut page),
            "notes" => overview::notes(&mut page),
            "examples" => codes::examples(&mut page),
            "inferred" => inferred_facts(&mut page),
            _ => unreachable!("every section has a writer"),
        }
    }
    let mut out = page.blocks.join("\n\n");
    out.push('\n');
    Rendered {
        out,
        recorded: page.recorded,
    }
}

impl Page<'_> {
    /// Appends a block (paragraph, list, table, fence).
    fn push(&mut self, block: impl Into<String>) {
        let block = block.into();
        if !block.is_empty() {
            self.blocks.push(block);
        }
    }

    /// Appends a heading; `plain` is its text as GitHub sees it, for the anchor.
    fn heading(&mut self, level: usize, key: &str, markdown: &str, plain: &str) {
        let slug = self.slugger.slug(plain);
        self.recorded.insert(key.to_owned(), slug);
        self.push(format!("{} {markdown}", "#".repeat(level)));
    }

    /// `#anchor` of the heading recorded under `key` (in the first pass, `#`).
    fn link(&self, key: &str) -> String {
        format!(
            "#{}",
            self.anchors
                .get(key)
                .map(String::as_str)
                .unwrap_or_default()
        )
    }

    /// A link to a section.
    fn section_link(&self, key: &str, text: &str) -> String {
        format!("[{text}]({})", self.link(&format!("section:{key}")))
    }

    /// A link to an error's section, its wire text as a code span.
    fn error_link(&self, index: usize, in_table: bool) -> String {
        let wire = &self.api.errors[index].wire;
        let text = if in_table {
            markdown::code_cell(wire)
        } else {
            code(wire)
        };
        format!("[{text}]({})", self.link(&format!("code:{index}")))
    }

    /// Dagger markers for these reasons (deduplicated), each recorded for `subject`.
    fn mark<'r>(&mut self, reasons: impl IntoIterator<Item = (&'r str, String)>) -> String {
        let mut numbers = Vec::new();
        for (reason, subject) in reasons {
            let n = self.notes.note(reason, &subject);
            if !numbers.contains(&n) {
                numbers.push(n);
            }
        }
        let target = self.link("section:inferred");
        numbers
            .iter()
            .map(|n| format!(" [†{n}]({target})"))
            .collect()
    }

    /// Markers for the given keys of an `inferred:` map; `what` names the entry.
    fn marks(&mut self, inferred: &Inferred, keys: &[&str], what: &str) -> String {
        let reasons: Vec<(&str, String)> = provenance::entries(inferred)
            .into_iter()
            .filter(|(key, _)| keys.contains(key))
            .map(|(key, reason)| (reason, format!("{} of {what}", provenance::key_words(key))))
            .collect();
        self.mark(reasons)
    }

    /// Markers for one key of an `inferred:` map, recorded under an explicit subject.
    fn mark_as(&mut self, inferred: &Inferred, key: &str, subject: String) -> String {
        let reasons: Vec<(&str, String)> = provenance::entries(inferred)
            .into_iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, reason)| (reason, subject.clone()))
            .collect();
        self.mark(reasons)
    }

    /// Markers for every key of an `inferred:` map except `shown` (shown elsewhere).
    fn other_marks(&mut self, inferred: &Inferred, shown: &[&str], what: &str) -> String {
        let keys: Vec<&str> = provenance::entries(inferred)
            .into_iter()
            .map(|(key, _)| key)
            .filter(|key| !shown.contains(key))
            .collect();
        self.marks(inferred, &keys, what)
    }

    /// The envelope field with this role, if any.
    fn field_with(&self, role: FieldRole) -> Option<&str> {
        self.api
            .doc
            .envelope
            .fields
            .iter()
            .find(|f| f.role == Some(role))
            .map(|f| f.path.as_str())
    }

    /// `401 Unauthorized`, or `401` when the table has no row for it.
    fn status_words(&self, status: u16) -> String {
        match self.api.doc.statuses.iter().find(|s| s.status == status) {
            Some(row) => format!("{status} {}", inline(&row.name)),
            None => status.to_string(),
        }
    }

    /// Indices of the errors with this status.
    fn errors_with_status(&self, status: u16) -> Vec<usize> {
        (0..self.api.errors.len())
            .filter(|&i| self.api.errors[i].status == status)
            .collect()
    }

    /// Whether another error of the API has the same wire text.
    fn wire_is_shared(&self, error: &Error) -> bool {
        self.wire_counts
            .get(error.wire.as_str())
            .is_some_and(|&n| n > 1)
    }
}

/// The numbered list every dagger points into.
fn inferred_facts(page: &mut Page) {
    if page.notes.facts.is_empty() {
        page.push("Every fact on this page is stated by the source page.");
        return;
    }
    page.push(
        "These facts are not stated by the source page: errcat's catalog supplies them, \
         each with the reason below. A dagger †N elsewhere on this page points at entry N.",
    );
    let items: Vec<String> = page
        .notes
        .facts
        .iter()
        .enumerate()
        .map(|(i, fact)| {
            format!(
                "{}. {} (Applies to: {}.)",
                i + 1,
                inline(&fact.reason),
                fact.subjects.join("; ")
            )
        })
        .collect();
    page.push(items.join("\n"));
}

#[cfg(test)]
mod tests;
