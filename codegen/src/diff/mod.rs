//! `errcat diff`: what changed in the error contract between two catalogs, and whether
//! it breaks clients.
//!
//! Changes are classified as breaking (a client that branches on the old contract now
//! misbehaves), additive (new things a client can ignore) or cosmetic (words and links).
//! A breaking change is acknowledged, and does not fail the check, when the new catalog
//! lists it under `accepted_breaks`, or when it removes a code the old catalog had
//! already marked `deprecated`.

mod compare;
mod render;
mod source;

pub use compare::compare;
pub use render::{render_json, render_markdown, render_text};
pub use source::{load_side, SideError};

use serde::Serialize;

use crate::model::document::BreakKind;

/// How much a change matters to clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Clients that branch on the old contract misbehave.
    Breaking,
    /// Something new that clients may ignore.
    Additive,
    /// Words, links and other text.
    Cosmetic,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The API id.
    pub api: String,
    /// How much it matters.
    pub severity: Severity,
    /// For breaking changes, the kind `accepted_breaks` names it by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<BreakKind>,
    /// What changed, e.g. `error invalid_mode`, `envelope field error.code`.
    pub subject: String,
    /// The id `accepted_breaks` names it by (error id, field path, close code).
    pub id: String,
    /// What happened, in words.
    pub summary: String,
    /// The old value, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// The new value, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Why a breaking change is acceptable, when the catalog says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<String>,
}

/// Every change between two catalogs, grouped by API (sorted), then severity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DiffReport {
    /// The changes.
    pub changes: Vec<Change>,
}

impl DiffReport {
    /// Breaking changes the new catalog does not acknowledge: these fail the check.
    pub fn unacknowledged(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| c.severity == Severity::Breaking && c.acknowledged.is_none())
    }

    /// Changes of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.changes
            .iter()
            .filter(|c| c.severity == severity)
            .count()
    }
}
