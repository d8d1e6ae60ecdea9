//! Compares two validated catalogs.

use std::collections::BTreeMap;

use super::{Change, DiffReport, Severity};
use crate::model::document::{
    BreakKind, Category, CloseCodeDoc, ErrorTypeDoc, FieldDoc, RetryKind, StatusDoc,
};
use crate::model::{Api, Catalog, Error};

/// What a client does under a rule: repeat the request, start over, or stop. Moving an
/// error between these changes what every client must do, so it breaks.
fn retry_class(kind: RetryKind) -> &'static str {
    if kind.repeats_request() {
        "retryable"
    } else if kind == RetryKind::Resubmit {
        "resubmit-only"
    } else {
        "non-retryable"
    }
}

use crate::text::serde_name as name;

struct Collector<'a> {
    api: &'a str,
    new_api: Option<&'a Api>,
    changes: Vec<Change>,
}

impl Collector<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        severity: Severity,
        kind: Option<BreakKind>,
        subject: String,
        id: &str,
        summary: String,
        before: Option<String>,
        after: Option<String>,
    ) {
        let acknowledged = match (severity, kind, self.new_api) {
            (Severity::Breaking, Some(kind), Some(api)) => api
                .doc
                .accepted_breaks
                .iter()
                .find(|a| a.change == kind && a.id == id)
                .map(|a| a.reason.clone()),
            _ => None,
        };
        self.changes.push(Change {
            api: self.api.to_owned(),
            severity,
            kind: if severity == Severity::Breaking {
                kind
            } else {
                None
            },
            subject,
            id: id.to_owned(),
            summary,
            before,
            after,
            acknowledged,
        });
    }

    fn breaking(
        &mut self,
        kind: BreakKind,
        subject: String,
        id: &str,
        summary: &str,
        before: String,
        after: String,
    ) {
        self.push(
            Severity::Breaking,
            Some(kind),
            subject,
            id,
            summary.to_owned(),
            Some(before),
            Some(after),
        );
    }

    /// Breaking when a rule moves between retry classes (what clients must do changes),
    /// summarised by `summary(class before, class after)`. True when it did.
    fn retry_class_change(
        &mut self,
        subject: String,
        id: &str,
        before: RetryKind,
        after: RetryKind,
        summary: impl Fn(&str, &str) -> String,
    ) -> bool {
        let moved = retry_class(before) != retry_class(after);
        if moved {
            self.breaking(
                BreakKind::Retry,
                subject,
                id,
                &summary(retry_class(before), retry_class(after)),
                name(&before),
                name(&after),
            );
        }
        moved
    }

    fn text(
        &mut self,
        subject: String,
        id: &str,
        what: &str,
        before: Option<&str>,
        after: Option<&str>,
    ) {
        if before != after {
            self.push(
                Severity::Cosmetic,
                None,
                subject,
                id,
                format!("{what} changed"),
                before.map(str::to_owned),
                after.map(str::to_owned),
            );
        }
    }
}

/// Header conditions: new ones name responses that named no error before (additive);
/// changed or removed ones stop naming some that did (breaking, like a changed wire).
fn compare_header_conditions(c: &mut Collector, old: &Error, new: &Error, subject: &str) {
    let (before, after) = (&old.doc.when_headers, &new.doc.when_headers);
    let words = |conditions: &[crate::model::document::HeaderConditionDoc]| {
        let all: Vec<String> = conditions.iter().map(|c| c.words()).collect();
        all.join(" and ")
    };
    if before == after {
        return;
    }
    if before.is_empty() {
        c.push(
            Severity::Additive,
            None,
            subject.to_owned(),
            old.id(),
            "now also selected by response headers".to_owned(),
            None,
            Some(words(after)),
        );
    } else {
        let after = if after.is_empty() {
            "(none)".to_owned()
        } else {
            words(after)
        };
        c.breaking(
            BreakKind::Wire,
            subject.to_owned(),
            old.id(),
            "header conditions changed or removed",
            words(before),
            after,
        );
    }
}

/// The statuses an error is sent with: one it is no longer sent with breaks clients that
/// match it there (a message-identified code is only recognised at its statuses), a new
/// one is additive, and a status kept whose rule changes class breaks like any retry
/// change.
fn compare_further_statuses(c: &mut Collector, old: &Error, new: &Error, subject: &str) {
    let id = old.id();
    for status in old.statuses() {
        match new.retry_at(status) {
            // A changed first status is reported as "HTTP status changed".
            None if status != old.status => c.breaking(
                BreakKind::Status,
                subject.to_owned(),
                id,
                "no longer sent with this HTTP status",
                status.to_string(),
                "(none)".to_owned(),
            ),
            None => {}
            Some(after) => {
                let before = old.retry_at(status).map_or(RetryKind::Never, |r| r.rule);
                let both_first = status == old.status && status == new.status;
                if !both_first {
                    c.retry_class_change(subject.to_owned(), id, before, after.rule, |a, b| {
                        format!("at HTTP status {status}, {a} error became {b}")
                    });
                }
            }
        }
    }
    for status in new.statuses() {
        if old.retry_at(status).is_none() && status != new.status {
            c.push(
                Severity::Additive,
                None,
                subject.to_owned(),
                id,
                "also sent with a further HTTP status".to_owned(),
                None,
                Some(status.to_string()),
            );
        }
    }
}

fn compare_error(c: &mut Collector, old: &Error, new: &Error) {
    let id = old.id();
    let subject = format!("error `{id}`");
    if old.wire != new.wire {
        c.breaking(
            BreakKind::Wire,
            subject.clone(),
            id,
            "wire identifier changed",
            old.wire.clone(),
            new.wire.clone(),
        );
    }
    if old.doc.sub_code != new.doc.sub_code {
        c.breaking(
            BreakKind::Wire,
            subject.clone(),
            id,
            "sub-code changed",
            old.doc
                .sub_code
                .clone()
                .unwrap_or_else(|| "(none)".to_owned()),
            new.doc
                .sub_code
                .clone()
                .unwrap_or_else(|| "(none)".to_owned()),
        );
    }
    if old.status != new.status {
        c.breaking(
            BreakKind::Status,
            subject.clone(),
            id,
            "HTTP status changed",
            old.status.to_string(),
            new.status.to_string(),
        );
    }
    compare_further_statuses(c, old, new, &subject);
    match (&old.doc.message_pattern, &new.doc.message_pattern) {
        (None, Some(pattern)) => c.push(
            Severity::Additive,
            None,
            subject.clone(),
            id,
            "now also matches a message pattern".to_owned(),
            None,
            Some(pattern.clone()),
        ),
        // Messages the old pattern matched may no longer name the error.
        (Some(before), after) if Some(before) != after.as_ref() => c.breaking(
            BreakKind::Wire,
            subject.clone(),
            id,
            "message pattern changed or removed",
            before.clone(),
            after.clone().unwrap_or_else(|| "(none)".to_owned()),
        ),
        _ => {}
    }
    compare_header_conditions(c, old, new, &subject);
    if old.error_type() != new.error_type() {
        c.breaking(
            BreakKind::Type,
            subject.clone(),
            id,
            "error type changed",
            old.error_type().unwrap_or("(none)").to_owned(),
            new.error_type().unwrap_or("(none)").to_owned(),
        );
    }
    if old.category != new.category {
        c.breaking(
            BreakKind::Category,
            subject.clone(),
            id,
            "category changed",
            name(&old.category),
            name(&new.category),
        );
    }
    // Whether the response's status decides changes the category (and, at unlisted
    // statuses, the rule) clients get at every status but one.
    if old.doc.status_decides != new.doc.status_decides {
        let words = |decides: bool| {
            if decides {
                "the status decides".to_owned()
            } else {
                "one category at every status".to_owned()
            }
        };
        c.breaking(
            BreakKind::Category,
            subject.clone(),
            id,
            "whether the status decides its meaning changed",
            words(old.doc.status_decides),
            words(new.doc.status_decides),
        );
    }
    let (before, after) = (old.retry.rule, new.retry.rule);
    let moved = c.retry_class_change(subject.clone(), id, before, after, |a, b| {
        format!("{a} error became {b}")
    });
    if !moved && old.retry != new.retry {
        c.push(
            Severity::Cosmetic,
            None,
            subject.clone(),
            id,
            "retry rule details changed (retryability unchanged)".to_owned(),
            serde_json::to_string(&old.retry).ok(),
            serde_json::to_string(&new.retry).ok(),
        );
    }
    if old.context() != new.context() {
        c.breaking(
            BreakKind::Context,
            subject.clone(),
            id,
            "context changed",
            name(&old.context()),
            name(&new.context()),
        );
    }
    let (o, n) = (&old.doc, &new.doc);
    // Prose: a change here is cosmetic, whatever it says.
    let texts = [
        (
            "description",
            Some(o.description.as_str()),
            Some(n.description.as_str()),
        ),
        (
            "example message",
            o.message.as_deref(),
            n.message.as_deref(),
        ),
        ("cause", o.cause.as_deref(), n.cause.as_deref()),
        ("fix", o.fix.as_deref(), n.fix.as_deref()),
        ("doc URL", old.doc_url.as_deref(), new.doc_url.as_deref()),
    ];
    for (what, before, after) in texts {
        c.text(subject.clone(), id, what, before, after);
    }
    if o.deprecated.is_none() && n.deprecated.is_some() {
        let note = n.deprecated.as_ref().map(|d| d.note.clone());
        c.push(
            Severity::Additive,
            None,
            subject,
            id,
            "deprecated".to_owned(),
            None,
            note,
        );
    }
}

fn compare_errors(c: &mut Collector, old: &Api, new: &Api) {
    let news: BTreeMap<&str, &Error> = new.errors.iter().map(|e| (e.id(), e)).collect();
    let olds: BTreeMap<&str, &Error> = old.errors.iter().map(|e| (e.id(), e)).collect();
    for (id, old_error) in &olds {
        match news.get(id) {
            Some(new_error) => compare_error(c, old_error, new_error),
            None => {
                let before = Some(old_error.wire.clone());
                let subject = format!("error `{id}`");
                if let Some(deprecation) = &old_error.doc.deprecated {
                    c.push(
                        Severity::Breaking,
                        Some(BreakKind::Removed),
                        subject,
                        id,
                        "removed".to_owned(),
                        before,
                        None,
                    );
                    let last = c.changes.last_mut().expect("just pushed");
                    last.acknowledged
                        .get_or_insert_with(|| format!("deprecated first: {}", deprecation.note));
                } else {
                    c.push(
                        Severity::Breaking,
                        Some(BreakKind::Removed),
                        subject,
                        id,
                        "removed".to_owned(),
                        before,
                        None,
                    );
                }
            }
        }
    }
    for (id, new_error) in &news {
        if !olds.contains_key(id) {
            c.push(
                Severity::Additive,
                None,
                format!("error `{id}`"),
                id,
                "added".to_owned(),
                None,
                Some(format!("{} ({})", new_error.wire, new_error.status)),
            );
        }
    }
}

fn field_shape(field: &FieldDoc) -> String {
    format!(
        "{} {}{}{}",
        name(&field.ty),
        field
            .role
            .as_ref()
            .map(name)
            .unwrap_or_else(|| "-".to_owned()),
        if field.required {
            ", required"
        } else {
            ", optional"
        },
        if field.nullable { ", nullable" } else { "" }
    )
}

fn compare_envelope(c: &mut Collector, old: &Api, new: &Api) {
    let (o, n) = (&old.doc.envelope, &new.doc.envelope);
    if old.family() != new.family() {
        c.breaking(
            BreakKind::Envelope,
            "envelope".to_owned(),
            "envelope",
            "envelope family changed",
            name(&old.family()),
            name(&new.family()),
        );
    }
    if old.doc.api.identified_by != new.doc.api.identified_by {
        c.breaking(
            BreakKind::Envelope,
            "envelope".to_owned(),
            "envelope",
            "errors are identified differently",
            name(&old.doc.api.identified_by),
            name(&new.doc.api.identified_by),
        );
    }
    let news: BTreeMap<&str, &FieldDoc> = n.fields.iter().map(|f| (f.path.as_str(), f)).collect();
    let olds: BTreeMap<&str, &FieldDoc> = o.fields.iter().map(|f| (f.path.as_str(), f)).collect();
    for (path, old_field) in &olds {
        let subject = format!("envelope field `{path}`");
        match news.get(path) {
            None => c.push(
                Severity::Breaking,
                Some(BreakKind::Envelope),
                subject,
                path,
                "removed".to_owned(),
                Some(field_shape(old_field)),
                None,
            ),
            Some(new_field) => {
                // What a body without the field means: a new meaning names an error
                // where none was named; a changed or dropped one renames or unnames it.
                match (&old_field.absent_means, &new_field.absent_means) {
                    (None, Some(code)) => c.push(
                        Severity::Additive,
                        None,
                        subject.clone(),
                        path,
                        "a body without it now names a code".to_owned(),
                        None,
                        Some(code.clone()),
                    ),
                    (Some(before), after) if Some(before) != after.as_ref() => c.breaking(
                        BreakKind::Envelope,
                        subject.clone(),
                        path,
                        "what a body without it means changed or was removed",
                        before.clone(),
                        after.clone().unwrap_or_else(|| "(none)".to_owned()),
                    ),
                    _ => {}
                }
                let narrowed = old_field.ty != new_field.ty
                    || old_field.role != new_field.role
                    || (old_field.required && !new_field.required)
                    || (!old_field.nullable && new_field.nullable)
                    || old_field.constant != new_field.constant;
                if narrowed {
                    c.breaking(
                        BreakKind::Envelope,
                        subject,
                        path,
                        "changed",
                        field_shape(old_field),
                        field_shape(new_field),
                    );
                } else if !old_field.required && new_field.required {
                    c.push(
                        Severity::Additive,
                        None,
                        subject,
                        path,
                        "now always present".to_owned(),
                        Some(field_shape(old_field)),
                        Some(field_shape(new_field)),
                    );
                } else {
                    c.text(
                        subject,
                        path,
                        "description",
                        old_field.description.as_deref(),
                        new_field.description.as_deref(),
                    );
                }
            }
        }
    }
    for (path, new_field) in &news {
        if !olds.contains_key(path) {
            c.push(
                Severity::Additive,
                None,
                format!("envelope field `{path}`"),
                path,
                "added".to_owned(),
                None,
                Some(field_shape(new_field)),
            );
        }
    }
}

fn compare_close_codes(c: &mut Collector, old: &Api, new: &Api) {
    let news: BTreeMap<u16, &CloseCodeDoc> = new
        .doc
        .websocket_close_codes
        .iter()
        .map(|x| (x.code, x))
        .collect();
    let olds: BTreeMap<u16, &CloseCodeDoc> = old
        .doc
        .websocket_close_codes
        .iter()
        .map(|x| (x.code, x))
        .collect();
    for (code, old_close) in &olds {
        let id = code.to_string();
        let subject = format!("close code {code}");
        match news.get(code) {
            None => c.push(
                Severity::Breaking,
                Some(BreakKind::CloseCode),
                subject,
                &id,
                "removed".to_owned(),
                Some(old_close.reason.clone()),
                None,
            ),
            Some(new_close) => {
                if old_close.action != new_close.action {
                    c.breaking(
                        BreakKind::CloseCode,
                        subject.clone(),
                        &id,
                        "client action changed",
                        name(&old_close.action),
                        name(&new_close.action),
                    );
                }
                c.text(
                    subject.clone(),
                    &id,
                    "reason",
                    Some(&old_close.reason),
                    Some(&new_close.reason),
                );
                c.text(
                    subject,
                    &id,
                    "description",
                    Some(&old_close.description),
                    Some(&new_close.description),
                );
            }
        }
    }
    for (code, new_close) in &news {
        if !olds.contains_key(code) {
            c.push(
                Severity::Additive,
                None,
                format!("close code {code}"),
                &code.to_string(),
                "added".to_owned(),
                None,
                Some(new_close.reason.clone()),
            );
        }
    }
}

fn compare_types(c: &mut Collector, old: &Api, new: &Api) {
    for ty in &old.doc.types {
        if new.error_type(&ty.id).is_none() {
            c.push(
                Severity::Breaking,
                Some(BreakKind::Type),
                format!("type `{}`", ty.id),
                &ty.id,
                "removed".to_owned(),
                Some(ty.id.clone()),
                None,
            );
        }
    }
    for ty in &new.doc.types {
        match old.error_type(&ty.id) {
            None => c.push(
                Severity::Additive,
                None,
                format!("type `{}`", ty.id),
                &ty.id,
                "added".to_owned(),
                None,
                Some(ty.id.clone()),
            ),
            Some(old_ty) => {
                compare_type_defaults(c, old_ty, ty);
                c.text(
                    format!("type `{}`", ty.id),
                    &ty.id,
                    "description",
                    Some(&old_ty.description),
                    Some(&ty.description),
                );
            }
        }
    }
}

/// A type classifies the errors whose body names it and no documented code: its wire,
/// category and retry class are then what a client matches on, like a code's.
fn compare_type_defaults(c: &mut Collector, old: &ErrorTypeDoc, new: &ErrorTypeDoc) {
    let subject = format!("type `{}`", new.id);
    let (old_wire, new_wire) = (
        old.wire.as_deref().unwrap_or(&old.id),
        new.wire.as_deref().unwrap_or(&new.id),
    );
    if old_wire != new_wire {
        c.breaking(
            BreakKind::Type,
            subject.clone(),
            &new.id,
            "wire name changed",
            old_wire.to_owned(),
            new_wire.to_owned(),
        );
    }
    if old.category != new.category {
        let words = |c: Option<Category>| c.map_or_else(|| "(none)".to_owned(), |c| name(&c));
        c.breaking(
            BreakKind::Category,
            subject.clone(),
            &new.id,
            "category of its errors without a documented code changed",
            words(old.category),
            words(new.category),
        );
    }
    // A type without a rule (or `conditional`) leaves such errors to the status's rule,
    // which this comparison cannot see: only two stated rules are compared.
    let rule = |t: &ErrorTypeDoc| {
        t.retry
            .as_ref()
            .map(|r| r.rule)
            .filter(|k| *k != RetryKind::Conditional)
    };
    if let (Some(before), Some(after)) = (rule(old), rule(new)) {
        c.retry_class_change(subject, &new.id, before, after, |a, b| {
            format!("errors of the type without a documented code: {a} became {b}")
        });
    }
}

/// The status table: a row's rule is what undocumented codes at that status get, and its
/// media type decides how every body at that status is read, so moving the rule between
/// retry classes or changing the body format breaks; a new row adds.
fn compare_status_rows(c: &mut Collector, old: &Api, new: &Api) {
    fn rows(api: &Api) -> BTreeMap<u16, &StatusDoc> {
        api.doc
            .statuses
            .iter()
            .map(|row| (row.status, row))
            .collect()
    }
    let (old_rows, new_rows) = (rows(old), rows(new));
    for (status, row) in old_rows.iter().filter(|(s, _)| !new_rows.contains_key(s)) {
        // Without its rule or media type, the status's bodies are read and retried
        // differently; a row of words only is text.
        let (severity, kind) = if row.retry.is_some() || row.content_type.is_some() {
            (Severity::Breaking, Some(BreakKind::Status))
        } else {
            (Severity::Cosmetic, None)
        };
        c.push(
            severity,
            kind,
            format!("status {status}"),
            &status.to_string(),
            "row removed".to_owned(),
            Some(row.name.clone()),
            None,
        );
    }
    for (status, row) in &new_rows {
        let subject = format!("status {status}");
        let id = status.to_string();
        let Some(before) = old_rows.get(status) else {
            c.push(
                Severity::Additive,
                None,
                subject,
                &id,
                "row added".to_owned(),
                None,
                Some(row.name.clone()),
            );
            continue;
        };
        let body = |r: &StatusDoc| {
            r.content_type
                .clone()
                .unwrap_or_else(|| "the envelope".to_owned())
        };
        if before.content_type != row.content_type {
            c.breaking(
                BreakKind::Envelope,
                subject.clone(),
                &id,
                "the body format at this status changed",
                body(before),
                body(row),
            );
        }
        let rule = |r: &StatusDoc| r.retry.as_ref().map(|r| r.rule);
        if let (Some(was), Some(is)) = (rule(before), rule(row)) {
            c.retry_class_change(subject.clone(), &id, was, is, |a, b| {
                format!("errors of this status without a rule of their own: {a} became {b}")
            });
        }
        c.text(
            subject,
            &id,
            "description",
            before.description.as_deref(),
            row.description.as_deref(),
        );
    }
}

fn compare_api(old: &Api, new: &Api) -> Vec<Change> {
    let mut c = Collector {
        api: old.id(),
        new_api: Some(new),
        changes: Vec::new(),
    };
    compare_envelope(&mut c, old, new);
    compare_types(&mut c, old, new);
    compare_status_rows(&mut c, old, new);
    compare_errors(&mut c, old, new);
    compare_close_codes(&mut c, old, new);
    c.text(
        "API".to_owned(),
        old.id(),
        "name",
        Some(&old.doc.api.name),
        Some(&new.doc.api.name),
    );
    c.text(
        "API".to_owned(),
        old.id(),
        "doc URL pattern",
        old.doc.api.doc_url.as_deref(),
        new.doc.api.doc_url.as_deref(),
    );
    c.changes
}

/// Every change from `old` to `new`, grouped by API then severity.
pub fn compare(old: &Catalog, new: &Catalog) -> DiffReport {
    let mut changes = Vec::new();
    for old_api in &old.apis {
        match new.apis.iter().find(|a| a.id() == old_api.id()) {
            Some(new_api) => changes.extend(compare_api(old_api, new_api)),
            None => changes.push(Change {
                api: old_api.id().to_owned(),
                severity: Severity::Breaking,
                kind: Some(BreakKind::Removed),
                subject: "API".to_owned(),
                id: old_api.id().to_owned(),
                summary: "the whole API was removed".to_owned(),
                before: Some(old_api.source_path.clone()),
                after: None,
                acknowledged: None,
            }),
        }
    }
    for new_api in &new.apis {
        if !old.apis.iter().any(|a| a.id() == new_api.id()) {
            changes.push(Change {
                api: new_api.id().to_owned(),
                severity: Severity::Additive,
                kind: None,
                subject: "API".to_owned(),
                id: new_api.id().to_owned(),
                summary: format!("new API with {} errors", new_api.errors.len()),
                before: None,
                after: Some(new_api.source_path.clone()),
                acknowledged: None,
            });
        }
    }
    // Stable order: API, severity, then the order the comparison found them in.
    changes.sort_by(|a, b| (&a.api, a.severity).cmp(&(&b.api, b.severity)));
    DiffReport { changes }
}
