//! A section per error, and the page's example bodies.

use super::markdown::{block, code, fenced, inline, url};
use super::provenance;
use super::tables::rule_words;
use super::Page;
use crate::emit::words::header_conditions_words;
use crate::model::document::{FieldRole, IdentifiedBy};
use crate::model::Source;
use errcat_vocab::Term;

/// Markers for an error's retry rule: the resolved reason and the rule's own map.
pub(super) fn retry_marks(page: &mut Page, index: usize) -> String {
    let error = &page.api.errors[index];
    let subject = format!("retry rule of {}", code(&error.wire));
    let mut reasons: Vec<(&str, String)> = Vec::new();
    let resolved = error.retry_inferred.as_deref();
    let own = error.doc.inferred.retry.as_deref();
    for reason in resolved.into_iter().chain(own) {
        reasons.push((reason, subject.clone()));
    }
    for (_, reason) in provenance::entries(&error.retry.inferred) {
        reasons.push((reason, subject.clone()));
    }
    page.mark(reasons)
}

/// Where a resolved rule came from, in words (nothing when the error states it).
fn rule_origin(error: &crate::model::Error, source: Source, status: u16) -> String {
    match source {
        Source::Error => String::new(),
        Source::Type => format!(
            " (the rule of its type {})",
            code(error.error_type().unwrap_or_default())
        ),
        Source::Status => format!(" (the rule of the {status} status row)"),
        Source::Default => format!(" (errcat's default for status {status})"),
    }
}

/// One section per error, in catalog order.
pub(super) fn sections(page: &mut Page) {
    let api = page.api;
    let what = match api.identified_by() {
        IdentifiedBy::Code => "code",
        IdentifiedBy::Message => "message",
    };
    page.push(format!(
        "Every {what} the page documents, in the page's order. The heading is what the API \
         sends; its anchor is stable, so links to it keep working."
    ));
    for index in 0..api.errors.len() {
        error_section(page, index);
    }
}

fn error_section(page: &mut Page, index: usize) {
    let api = page.api;
    let error = &api.errors[index];
    let doc = &error.doc;
    let inferred = &doc.inferred;
    let wire = code(&error.wire);
    let subject = wire.clone();
    let (markdown, plain) = if page.wire_is_shared(error) {
        (
            format!("{wire} at {}", error.status),
            format!("{} at {}", error.wire, error.status),
        )
    } else {
        (wire.clone(), error.wire.clone())
    };
    page.heading(3, &format!("code:{index}"), &markdown, &plain);

    let description_marks = page.marks(inferred, &["description"], &subject);
    page.push(format!("{}{description_marks}", block(&doc.description)));
    // Pages that describe a section rather than each error give several errors the same
    // words: say so, so a reader does not take them for this error's own.
    let sharing = page.sharing_description(index);
    if !sharing.is_empty() {
        let others: Vec<String> = sharing.iter().map(|&i| page.error_link(i, false)).collect();
        page.push(format!(
            "*The same description is given to {} other {}: {}.*",
            others.len(),
            if others.len() == 1 { "error" } else { "errors" },
            others.join(", ")
        ));
    }

    let mut facts = Vec::new();
    if let Some(deprecation) = &doc.deprecated {
        let mut line = "- **Deprecated".to_owned();
        if let Some(since) = &deprecation.since {
            line.push_str(&format!(" since {}", code(since)));
        }
        line.push_str(&format!(":** {}", inline(&deprecation.note)));
        if let Some(replacement) = &deprecation.replacement {
            match api.errors.iter().position(|e| e.id() == replacement) {
                Some(i) => line.push_str(&format!(" Use {} instead.", page.error_link(i, false))),
                None => line.push_str(&format!(" Use {} instead.", code(replacement))),
            }
        }
        facts.push(line);
    }
    let wire_marks = page.marks(inferred, &["wire"], &subject);
    facts.push(match api.identified_by() {
        IdentifiedBy::Code => format!(
            "- **Code:** {wire}, sent in {}{wire_marks}",
            code(page.field_with(FieldRole::Code).unwrap_or("code"))
        ),
        IdentifiedBy::Message => format!(
            "- **Message:** {wire}, the exact text of {}{wire_marks}",
            code(page.field_with(FieldRole::Message).unwrap_or("error"))
        ),
    });
    if let Some(pattern) = &error.doc.message_pattern {
        facts.push(format!(
            "- **Message pattern:** {}, any text in its place for each `{{placeholder}}` (the exact message wins)",
            code(pattern)
        ));
    }
    if !error.doc.when_headers.is_empty() {
        facts.push(format!(
            "- **Selected by headers:** {}, when the body names no documented error",
            header_conditions_words(&error.doc.when_headers)
        ));
    }
    if let Some(sub_code) = &error.doc.sub_code {
        facts.push(format!(
            "- **Sub-code:** {}, sent in {}",
            code(sub_code),
            code(page.field_with(FieldRole::SubCode).unwrap_or("sub_code"))
        ));
    }
    let other_marks = page.other_marks(
        inferred,
        &[
            "description",
            "wire",
            "status",
            "type",
            "category",
            "status_decides",
            "context",
            "retry",
            "cause",
            "fix",
        ],
        &subject,
    );
    facts.push(format!(
        "- **Id:** {} (Rust: `{}::ErrorCode::{}`){other_marks}",
        code(error.id()),
        api.id(),
        error.variant
    ));
    let status_subject = format!("{} of {subject}", provenance::key_words("status"));
    let status_reasons: Vec<(&str, String)> = error
        .status_inferred
        .as_deref()
        .into_iter()
        .chain(inferred.status.as_deref())
        .map(|reason| (reason, status_subject.clone()))
        .collect();
    let status_marks = page.mark(status_reasons);
    facts.push(format!(
        "- **HTTP status:** {}{status_marks}",
        page.status_words(error.status)
    ));
    if let Some(ty) = error.error_type() {
        let type_marks = page.marks(inferred, &["type"], &subject);
        let link = page.link("section:types");
        facts.push(format!("- **Type:** [{}]({link}){type_marks}", code(ty)));
    }
    let category_marks = page.marks(inferred, &["category"], &subject);
    facts.push(if doc.status_decides {
        let marks = page.marks(inferred, &["status_decides"], &subject);
        format!(
            "- **Category:** {}{marks}",
            crate::emit::words::status_decides_words(error.category.as_str(), error.status, code)
        )
    } else {
        format!(
            "- **Category:** {}{category_marks}",
            code(error.category.as_str())
        )
    });
    let context_marks = page.marks(inferred, &["context"], &subject);
    facts.push(format!(
        "- **Reported in:** {}{context_marks}",
        error.context().phrase()
    ));
    if let Some(message) = &doc.message {
        facts.push(format!("- **Example message:** \"{}\"", inline(message)));
    }
    let from = rule_origin(error, error.retry_source, error.status);
    let retry_marks = retry_marks(page, index);
    facts.push(format!(
        "- **Retry:** {}{from}{retry_marks}",
        rule_words(&error.retry, Some(error.status))
    ));
    if let Some(advice) = &error.retry.advice {
        facts.push(format!("- **The page's advice:** \"{}\"", inline(advice)));
    }
    if let Some(reason) = &error.retry.reason {
        facts.push(format!(
            "- **Why a retry can succeed:** \"{}\"",
            inline(reason)
        ));
    }
    for (extra, written) in error.also_at.iter().zip(&doc.also_at) {
        let subject = format!("retry rule of {wire} at {}", extra.status);
        let marks = page.mark(
            extra
                .retry_inferred
                .as_deref()
                .map(|reason| (reason, subject.clone())),
        );
        let meaning = written
            .description
            .as_deref()
            .map(|d| format!(" {}", inline(d)))
            .unwrap_or_default();
        facts.push(format!(
            "- **Also sent with HTTP status:** {}.{meaning} Retry there: {}{}{marks}",
            page.status_words(extra.status),
            rule_words(&extra.retry, Some(extra.status)),
            rule_origin(error, extra.retry_source, extra.status)
        ));
    }
    if let Some(doc_url) = &error.doc_url {
        facts.push(format!("- **Documentation:** {}", url(doc_url)));
    }
    let examples: Vec<String> = api
        .doc
        .examples
        .iter()
        .enumerate()
        .filter(|(_, e)| e.expect.as_deref() == Some(error.id()))
        .map(|(j, e)| {
            format!(
                "[{}]({})",
                code(&e.name),
                page.link(&format!("example:{j}"))
            )
        })
        .collect();
    if !examples.is_empty() {
        facts.push(format!("- **Example response:** {}", examples.join(", ")));
    }
    page.push(facts.join("\n"));

    for (key, label, text) in [("cause", "Cause", &doc.cause), ("fix", "Fix", &doc.fix)] {
        let Some(text) = text else { continue };
        let marks = page.marks(inferred, &[key], &subject);
        let body = block(text);
        if body.contains('\n') {
            page.push(format!("**{label}:**{marks}"));
            page.push(body);
        } else {
            page.push(format!("**{label}:** {body}{marks}"));
        }
    }
}

/// The page's example bodies, verbatim.
pub(super) fn examples(page: &mut Page) {
    let api = page.api;
    page.push(
        "The page's example error responses, verbatim unless the description says otherwise. \
         errcat's tests check that each one parses and is classified as stated.",
    );
    for (j, example) in api.doc.examples.iter().enumerate() {
        page.heading(
            3,
            &format!("example:{j}"),
            &format!("{} ({})", code(&example.name), example.status),
            &format!("{} ({})", example.name, example.status),
        );
        if let Some(description) = &example.description {
            page.push(inline(description));
        }
        let mut facts = vec![format!(
            "- **HTTP status:** {}",
            page.status_words(example.status)
        )];
        match &example.expect {
            Some(id) => {
                if let Some(i) = api.errors.iter().position(|e| e.id() == id) {
                    facts.push(format!("- **Error:** {}", page.error_link(i, false)));
                }
            }
            None => facts.push("- **Error:** none of the documented errors".to_owned()),
        }
        for (name, value) in &example.headers {
            facts.push(format!(
                "- **Header:** {}",
                code(&format!("{name}: {value}"))
            ));
        }
        page.push(facts.join("\n"));
        page.push(fenced(
            crate::emit::words::body_language(page.api, Some(example.status)),
            &example.body,
        ));
    }
}
