//! The page's tables: HTTP statuses, error types, retry rules, WebSocket close codes and
//! limits.

use super::codes::retry_marks;
use super::markdown::{cell, code, code_cell, inline, table};
use super::phrases;
use super::provenance;
use super::Page;
use crate::emit::words::retry_words;
use crate::model::document::RetryDoc;
use errcat_vocab::Term;

/// A retry rule in words ([`retry_words`] already writes Markdown code spans), safe in a
/// table cell.
pub(super) fn rule_words(rule: &RetryDoc, status: Option<u16>) -> String {
    retry_words(rule, status).replace('|', "\\|")
}

/// A retry rule in words with the page's advice, for a table cell.
fn rule_cell(rule: &RetryDoc, status: Option<u16>) -> String {
    let mut text = rule_words(rule, status);
    if let Some(advice) = &rule.advice {
        text.push_str(&format!(" The page: \"{}\"", inline(advice)));
    }
    text
}

/// Markers for a retry rule's own `inferred:` map.
fn rule_marks(page: &mut Page, rule: &RetryDoc, what: &str) -> String {
    let keys: Vec<&str> = provenance::entries(&rule.inferred)
        .into_iter()
        .map(|(key, _)| key)
        .collect();
    page.marks(&rule.inferred, &keys, what)
}

/// Links to errors, comma-separated, for a table cell.
fn links(page: &Page, indices: &[usize]) -> String {
    if indices.is_empty() {
        return "—".to_owned();
    }
    indices
        .iter()
        .map(|&i| page.error_link(i, true))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Markers for the inferred statuses of these errors, once per reason.
fn status_marks_of(page: &mut Page, indices: &[usize]) -> String {
    let api = page.api;
    let reasons: Vec<(&str, String)> = indices
        .iter()
        .map(|&i| &api.errors[i])
        .flat_map(|error| {
            let subject = format!("HTTP status of {}", code(&error.wire));
            error
                .status_inferred
                .as_deref()
                .into_iter()
                .chain(error.doc.inferred.status.as_deref())
                .map(move |reason| (reason, subject.clone()))
        })
        .collect();
    page.mark(reasons)
}

/// The codes sent at one status, each linked, with the daggers of their inferred statuses:
/// after the list when every code shares them, else after the code each belongs to, so
/// a dagger never leaves open which code it is about.
fn codes_with_marks(page: &mut Page, indices: &[usize], in_table: bool) -> String {
    if indices.is_empty() {
        return "—".to_owned();
    }
    let marks: Vec<String> = indices
        .iter()
        .map(|&i| status_marks_of(page, &[i]))
        .collect();
    let links: Vec<String> = indices
        .iter()
        .map(|&i| page.error_link(i, in_table))
        .collect();
    if marks.iter().all(|m| *m == marks[0]) {
        format!("{}{}", links.join(", "), marks[0])
    } else {
        links
            .iter()
            .zip(&marks)
            .map(|(link, marks)| format!("{link}{marks}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The documented HTTP status table, with the codes sent at each status.
pub(super) fn statuses(page: &mut Page) {
    let api = page.api;
    let doc = &api.doc;
    if doc.statuses.is_empty() {
        page.push("The page has no HTTP status table.");
    } else {
        // A Retry column of dashes only says nothing: it is shown when some row has a rule.
        let with_retry = doc.statuses.iter().any(|row| row.retry.is_some());
        page.push(if with_retry {
            "The page's HTTP status table, success rows included, with the errors sent at \
             each status. The retry rule of a row applies to errors of that status that have \
             no rule of their own."
        } else {
            "The page's HTTP status table, success rows included, with the errors sent at \
             each status. No row states a retry rule."
        });
        let mut rows = Vec::new();
        let mut statuses: Vec<_> = doc.statuses.iter().collect();
        statuses.sort_by_key(|s| s.status);
        for row in statuses {
            let what = format!("status {}", row.status);
            let status_marks =
                page.other_marks(&row.inferred, &["name", "description", "retry"], &what);
            let name_marks = page.marks(&row.inferred, &["name"], &what);
            let description_marks = page.marks(&row.inferred, &["description"], &what);
            let retry = match &row.retry {
                Some(rule) => {
                    let mut marks = page.marks(&row.inferred, &["retry"], &what);
                    marks.push_str(&rule_marks(page, rule, &what));
                    format!("{}{marks}", rule_cell(rule, Some(row.status)))
                }
                None => "—".to_owned(),
            };
            let indices = page.errors_with_status(row.status);
            let codes = codes_with_marks(page, &indices, true);
            let mut description = format!(
                "{}{description_marks}",
                inline(row.description.as_deref().unwrap_or(""))
            );
            if let Some(content_type) = row.content_type.as_deref() {
                let body = format!(
                    "The body is plain text, the message alone ({}).",
                    code_cell(content_type)
                );
                description = [description.as_str(), body.as_str()]
                    .iter()
                    .filter(|part| !part.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            if description.is_empty() {
                description = "—".to_owned();
            }
            let mut cells = vec![
                format!("{}{status_marks}", row.status),
                format!("{}{name_marks}", cell(&row.name)),
                description,
            ];
            if with_retry {
                cells.push(retry);
            }
            cells.push(codes);
            rows.push(cells);
        }
        let headers: &[&str] = if with_retry {
            &["Status", "Name", "Description", "Retry", "Errors"]
        } else {
            &["Status", "Name", "Description", "Errors"]
        };
        page.push(table(headers, &rows));
    }
    let mut outside: Vec<u16> = api
        .errors
        .iter()
        .map(|e| e.status)
        .filter(|s| !doc.statuses.iter().any(|row| row.status == *s))
        .collect();
    outside.sort_unstable();
    outside.dedup();
    if !outside.is_empty() {
        let items: Vec<String> = outside
            .iter()
            .map(|&status| {
                let indices = page.errors_with_status(status);
                format!(
                    "- **{status}**: {}",
                    codes_with_marks(page, &indices, false)
                )
            })
            .collect();
        page.push("Errors with a status that is not a row of the page's table:");
        page.push(items.join("\n"));
    }
}

/// The error types and their defaults.
pub(super) fn types(page: &mut Page) {
    let api = page.api;
    page.push(
        "A type supplies defaults for its codes: the status, the category and the retry rule \
         apply to each code of the type that does not state its own. An error whose body \
         names a type but no documented code (no code field, or a code newer than this \
         page) is classified by its type: it takes the type's category and retry rule, \
         else the status's.",
    );
    let mut rows = Vec::new();
    // The codes of each type go in a list below the table: a sixth column of links
    // overflows a page.
    let mut members = Vec::new();
    for ty in &api.doc.types {
        let what = format!("the type {}", code(&ty.id));
        let wire = ty.wire.as_deref().unwrap_or(&ty.id);
        let mut name = code_cell(wire);
        if wire != ty.id {
            name.push_str(&format!(" (id {})", code_cell(&ty.id)));
        }
        name.push_str(&page.other_marks(
            &ty.inferred,
            &["status", "category", "retry", "description"],
            &what,
        ));
        let status = match ty.status {
            Some(status) => format!(
                "{}{}",
                page.status_words(status),
                page.marks(&ty.inferred, &["status"], &what)
            ),
            None => "per code".to_owned(),
        };
        let category = match &ty.category {
            Some(category) => format!(
                "{}{}",
                code_cell(&phrases::name(category)),
                page.marks(&ty.inferred, &["category"], &what)
            ),
            None => "—".to_owned(),
        };
        let retry = match &ty.retry {
            Some(rule) => {
                let mut marks = page.marks(&ty.inferred, &["retry"], &what);
                marks.push_str(&rule_marks(page, rule, &what));
                format!("{}{marks}", rule_cell(rule, ty.status))
            }
            None => "—".to_owned(),
        };
        let description = format!(
            "{}{}",
            cell(&ty.description),
            page.marks(&ty.inferred, &["description"], &what)
        );
        let indices: Vec<usize> = (0..api.errors.len())
            .filter(|&i| api.errors[i].error_type() == Some(ty.id.as_str()))
            .collect();
        if !indices.is_empty() {
            members.push(format!("- {}: {}", code(wire), links(page, &indices)));
        }
        rows.push(vec![name, status, category, retry, description]);
    }
    page.push(table(
        &["Type", "Status", "Category", "Retry", "Description"],
        &rows,
    ));
    if !members.is_empty() {
        page.push("The codes of each type:".to_owned());
        page.push(members.join("\n"));
    }
}

/// Every error's retry rule in words.
pub(super) fn retry(page: &mut Page) {
    let api = page.api;
    page.push(format!(
        "What to do when each error arrives. The rule comes from the error itself, else \
         from its type, else from its status row; details and the page's own advice are in \
         {}.",
        page.section_link("codes", "each error's section")
    ));
    let mut rows = Vec::new();
    for (i, error) in api.errors.iter().enumerate() {
        let marks = retry_marks(page, i);
        rows.push(vec![
            page.error_link(i, true),
            error.status.to_string(),
            code_cell(error.retry.rule.as_str()),
            format!("{}{marks}", rule_words(&error.retry, Some(error.status))),
        ]);
    }
    page.push(table(&["Error", "Status", "Rule", "What to do"], &rows));
}

/// WebSocket close codes and what a client should do.
pub(super) fn close_codes(page: &mut Page) {
    page.push("WebSocket connections close with these codes:");
    let mut rows = Vec::new();
    for close in &page.api.doc.websocket_close_codes {
        let what = format!("close code {}", close.code);
        let code_marks =
            page.other_marks(&close.inferred, &["name", "description", "action"], &what);
        let reason_marks = page.marks(&close.inferred, &["name"], &what);
        let description_marks = page.marks(&close.inferred, &["description"], &what);
        let action_marks = page.marks(&close.inferred, &["action"], &what);
        rows.push(vec![
            format!("{}{code_marks}", close.code),
            format!("{}{reason_marks}", cell(&close.reason)),
            format!("{}{description_marks}", cell(&close.description)),
            format!(
                "{} ({}){action_marks}",
                close.action.phrase(),
                code_cell(&phrases::name(&close.action))
            ),
            cell(close.advice.as_deref().unwrap_or("")),
        ]);
    }
    page.push(table(
        &[
            "Code",
            "Reason",
            "Description",
            "Client action",
            "The page's advice",
        ],
        &rows,
    ));
}

/// Stated limits.
pub(super) fn limits(page: &mut Page) {
    let api = page.api;
    let mut rows = Vec::new();
    for limit in &api.doc.limits {
        let what = format!("the limit {}", code(&limit.id));
        let id_marks = page.other_marks(&limit.inferred, &["description"], &what);
        let description_marks = page.marks(&limit.inferred, &["description"], &what);
        let error = match &limit.error {
            Some(id) => match api.errors.iter().position(|e| e.id() == id) {
                Some(i) => page.error_link(i, true),
                None => code_cell(id),
            },
            None => "—".to_owned(),
        };
        rows.push(vec![
            format!("{}{id_marks}", code_cell(&limit.id)),
            limit
                .route
                .as_deref()
                .map_or_else(|| "every route".to_owned(), code_cell),
            limit
                .max_bytes
                .map_or_else(|| "not stated".to_owned(), phrases::bytes),
            error,
            format!("{}{description_marks}", cell(&limit.description)),
        ]);
    }
    page.push(table(
        &[
            "Limit",
            "Route",
            "Maximum",
            "Error when exceeded",
            "Description",
        ],
        &rows,
    ));
}
