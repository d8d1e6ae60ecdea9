//! Inferred facts: every fact the page does not state gets a dagger marker that links to
//! the page's "Inferred facts" list, where the reason is given once with every fact it
//! covers.

use std::collections::{BTreeMap, HashSet};

use crate::model::document::Inferred;

/// The keys of an `inferred:` map with their reasons, in a fixed order.
pub fn entries(inferred: &Inferred) -> Vec<(&'static str, &str)> {
    let all = [
        ("status", &inferred.status),
        ("wire", &inferred.wire),
        ("type", &inferred.error_type),
        ("category", &inferred.category),
        ("retry", &inferred.retry),
        ("context", &inferred.context),
        ("cause", &inferred.cause),
        ("fix", &inferred.fix),
        ("action", &inferred.action),
        ("required", &inferred.required),
        ("absent_means", &inferred.absent_means),
        ("status_decides", &inferred.status_decides),
        ("name", &inferred.name),
        ("description", &inferred.description),
        ("other", &inferred.other),
    ];
    all.into_iter()
        .filter_map(|(key, reason)| Some((key, reason.as_deref()?)))
        .collect()
}

/// What an `inferred:` key is about, in words.
pub fn key_words(key: &str) -> &'static str {
    match key {
        "status" => "HTTP status",
        "wire" => "wire text",
        "type" => "type",
        "category" => "category",
        "retry" => "retry rule",
        "context" => "context",
        "cause" => "cause",
        "fix" => "fix",
        "action" => "client action",
        "required" => "presence",
        "absent_means" => "meaning when absent",
        "status_decides" => "status-decided meaning",
        "name" => "name",
        "description" => "description",
        _ => "details",
    }
}

/// One entry of the "Inferred facts" list.
#[derive(Debug)]
pub struct Fact {
    /// Why errcat inferred it.
    pub reason: String,
    /// What it marks, in document order, without repeats (already Markdown).
    pub subjects: Vec<String>,
}

/// The numbered list of inferred facts, built while the page is written: a reason gets
/// its number the first time it is used, so the numbering follows the page.
#[derive(Debug, Default)]
pub struct Footnotes {
    /// The facts, in order of first use.
    pub facts: Vec<Fact>,
    by_reason: BTreeMap<String, usize>,
    /// (fact index, subject) pairs already listed: a reason shared by thousands of codes
    /// must not scan its subjects for every one of them.
    listed: HashSet<(usize, String)>,
}

impl Footnotes {
    /// Records `reason` for `subject` and returns its 1-based number.
    pub fn note(&mut self, reason: &str, subject: &str) -> usize {
        let index = *self.by_reason.entry(reason.to_owned()).or_insert_with(|| {
            self.facts.push(Fact {
                reason: reason.to_owned(),
                subjects: Vec::new(),
            });
            self.facts.len() - 1
        });
        if self.listed.insert((index, subject.to_owned())) {
            self.facts[index].subjects.push(subject.to_owned());
        }
        index + 1
    }
}
