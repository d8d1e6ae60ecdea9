//! `errcat explain <code>`: everything the catalog knows about one error, like
//! `rustc --explain`. The lookup is `errcat_codegen::explain`; this module prints.

use std::path::PathBuf;
use std::process::ExitCode;

use errcat_codegen::emit::words::{header_conditions_words, retry_words};
use errcat_codegen::explain::{lookup, Entry, Lookup, MatchedBy, Suggestion};
use errcat_codegen::model::document::Inferred;
use errcat_codegen::model::{Api, Catalog, Error, Source};
use serde_json::{json, Value};

use crate::OutputFormat;

pub fn run(paths: &[PathBuf], query: &str, api: Option<&str>, format: OutputFormat) -> ExitCode {
    let catalog = match super::load(paths) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    if let Err(code) = super::check_api(&catalog, api) {
        return code;
    }
    match lookup(&catalog, query, api) {
        Lookup::Found(entry) => {
            match format {
                OutputFormat::Text => print!("{}", entry_text(&catalog, &entry)),
                OutputFormat::Json => print_json(&entry_json(&catalog, &entry)),
            }
            ExitCode::SUCCESS
        }
        Lookup::Ambiguous(entries) => {
            match format {
                OutputFormat::Text => print!("{}", matches_text(query, &entries)),
                OutputFormat::Json => print_json(&json!({
                    "query": query,
                    "matches": entries.iter().map(summary_json).collect::<Vec<_>>(),
                })),
            }
            // The candidates are listed, but no single code was named: as for an unknown
            // one, a script must not take the output for an answer.
            ExitCode::FAILURE
        }
        Lookup::Unknown(suggestions) => {
            match format {
                OutputFormat::Text => eprint!("{}", unknown_text(query, api, &suggestions)),
                OutputFormat::Json => print_json(&json!({
                    "query": query,
                    "error": "unknown code",
                    "suggestions": suggestions.iter().map(suggestion_json).collect::<Vec<_>>(),
                })),
            }
            ExitCode::FAILURE
        }
        // check_api has already rejected an unknown API.
        Lookup::UnknownApi(_) => super::usage_error(),
    }
}

fn print_json(value: &Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("JSON values always serialize")
    );
}

fn name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

fn status_name(api: &Api, status: u16) -> Option<&str> {
    api.doc
        .statuses
        .iter()
        .find(|s| s.status == status)
        .map(|s| s.name.as_str())
}

fn retry_source(error: &Error, source: Source, status: u16) -> String {
    match source {
        Source::Error => "stated for this error".to_owned(),
        Source::Type => format!(
            "the rule of its type `{}`",
            error.error_type().unwrap_or_default()
        ),
        Source::Status => format!("the rule of the {status} status row"),
        Source::Default => format!("errcat's default for status {status}"),
    }
}

/// Every inferred fact of the error, as `(what, reason)`.
fn inferred_facts(error: &Error) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(reason) = &error.status_inferred {
        out.push(("status".to_owned(), reason.clone()));
    }
    if let Some(reason) = &error.retry_inferred {
        out.push(("retry".to_owned(), reason.clone()));
    }
    for (key, reason) in inferred_entries(&error.doc.inferred) {
        if !out.iter().any(|(k, r)| k == key && r == reason) {
            out.push((key.to_owned(), reason.to_owned()));
        }
    }
    out
}

fn inferred_entries(inferred: &Inferred) -> Vec<(&'static str, &str)> {
    [
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
        ("name", &inferred.name),
        ("description", &inferred.description),
        ("other", &inferred.other),
    ]
    .into_iter()
    .filter_map(|(key, reason)| Some((key, reason.as_deref()?)))
    .collect()
}

/// The other APIs that have an error with the same id or wire text.
fn also_in<'a>(catalog: &'a Catalog, entry: &Entry) -> Vec<(&'a str, &'a str)> {
    let id = entry.error.id().to_lowercase();
    let wire = entry.error.wire.to_lowercase();
    catalog
        .apis
        .iter()
        .filter(|a| a.id() != entry.api.id())
        .flat_map(|a| {
            a.errors
                .iter()
                .filter(|e| e.id().to_lowercase() == id || e.wire.to_lowercase() == wire)
                .map(move |e| (a.id(), e.id()))
        })
        .collect()
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect::<String>()
}

fn entry_text(catalog: &Catalog, entry: &Entry) -> String {
    let api = entry.api;
    let error = entry.error;
    let doc = &error.doc;
    let mut out = format!("{}: {}\n\n", api.id(), error.wire);
    out.push_str(&indent(&doc.description));
    out.push('\n');
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row = |label: &str, value: String| rows.push(vec![label.to_owned(), value]);
    if let Some(deprecation) = &doc.deprecated {
        let since = deprecation
            .since
            .as_deref()
            .map(|v| format!(" since {v}"))
            .unwrap_or_default();
        let instead = deprecation
            .replacement
            .as_deref()
            .map(|r| format!(" Use {r} instead."))
            .unwrap_or_default();
        row(
            "deprecated",
            format!("yes{since}: {}{instead}", deprecation.note),
        );
    }
    row(
        "API",
        format!("{} (`{}`, {})", api.doc.api.name, api.id(), api.source_path),
    );
    row(
        match api.identified_by() {
            errcat_codegen::model::document::IdentifiedBy::Code => "code",
            errcat_codegen::model::document::IdentifiedBy::Message => "message",
        },
        error.wire.clone(),
    );
    if let Some(sub_code) = &doc.sub_code {
        row("sub-code", sub_code.clone());
    }
    row(
        "id",
        format!(
            "{} (Rust: {}::ErrorCode::{})",
            error.id(),
            api.id(),
            error.variant
        ),
    );
    let inferred_mark = |reason: &Option<String>| {
        if reason.is_some() {
            " (inferred)"
        } else {
            ""
        }
    };
    row(
        "HTTP status",
        format!(
            "{}{}{}",
            error.status,
            status_name(api, error.status)
                .map(|n| format!(" {n}"))
                .unwrap_or_default(),
            inferred_mark(&error.status_inferred)
        ),
    );
    if let Some(ty) = error.error_type() {
        let description = api
            .error_type(ty)
            .map(|t| format!(": {}", t.description))
            .unwrap_or_default();
        row("type", format!("{ty}{description}"));
    }
    row(
        "category",
        if doc.status_decides {
            errcat_codegen::emit::words::status_decides_words(
                error.category.as_str(),
                error.status,
                str::to_owned,
            )
        } else {
            error.category.as_str().to_owned()
        },
    );
    row(
        "reported in",
        errcat_vocab::Term::phrase(error.context()).to_owned(),
    );
    if let Some(message) = &doc.message {
        row("message", format!("\"{message}\""));
    }
    if let Some(pattern) = &doc.message_pattern {
        row("message pattern", format!("\"{pattern}\""));
    }
    if !doc.when_headers.is_empty() {
        row(
            "selected by headers",
            format!(
                "{} (when the body names no documented error)",
                header_conditions_words(&doc.when_headers)
            ),
        );
    }
    row(
        "retry",
        format!(
            "{}: {} ({}){}",
            error.retry.rule.as_str(),
            retry_words(&error.retry, Some(error.status)),
            retry_source(error, error.retry_source, error.status),
            inferred_mark(&error.retry_inferred)
        ),
    );
    if let Some(advice) = &error.retry.advice {
        row("page's advice", format!("\"{advice}\""));
    }
    if let Some(reason) = &error.retry.reason {
        row("why retrying helps", format!("\"{reason}\""));
    }
    for extra in &error.also_at {
        row(
            "also at",
            format!(
                "{}{}: {}: {} ({}){}",
                extra.status,
                status_name(api, extra.status)
                    .map(|n| format!(" {n}"))
                    .unwrap_or_default(),
                extra.retry.rule.as_str(),
                retry_words(&extra.retry, Some(extra.status)),
                retry_source(error, extra.retry_source, extra.status),
                inferred_mark(&extra.retry_inferred)
            ),
        );
    }
    for status in error.statuses() {
        if let Some(row_doc) = api.doc.plain_text_row(status) {
            let content_type = row_doc.content_type.as_deref().unwrap_or_default();
            row(
                "body",
                format!("at {status}: plain text ({content_type}), the message alone"),
            );
        }
    }
    if let Some(url) = &error.doc_url {
        row("docs", url.clone());
    }
    out.push_str(&indent(&super::columns(&rows)));
    for (label, text) in [("Cause", &doc.cause), ("Fix", &doc.fix)] {
        if let Some(text) = text {
            out.push_str(&format!("\n{label}:\n{}", indent(text)));
        }
    }
    let facts = inferred_facts(error);
    if !facts.is_empty() {
        out.push_str("\nInferred (the page does not state these):\n");
        for (key, reason) in facts {
            out.push_str(&format!("  {key}: {reason}\n"));
        }
    }
    for example in api
        .doc
        .examples
        .iter()
        .filter(|e| e.expect.as_deref() == Some(error.id()))
    {
        out.push_str(&format!(
            "\nExample response `{}` ({}):\n{}",
            example.name,
            example.status,
            indent(example.body.trim_end())
        ));
    }
    let others = also_in(catalog, entry);
    if !others.is_empty() {
        out.push_str("\nAlso in:\n");
        for (api, id) in others {
            out.push_str(&format!("  {api}: errcat explain {id} --api {api}\n"));
        }
    }
    out
}

fn entry_json(catalog: &Catalog, entry: &Entry) -> Value {
    let api = entry.api;
    let error = entry.error;
    let doc = &error.doc;
    let mut retry = serde_json::to_value(&error.retry).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut retry {
        map.insert(
            "words".to_owned(),
            json!(retry_words(&error.retry, Some(error.status))),
        );
        map.insert(
            "source".to_owned(),
            json!(retry_source_name(error.retry_source)),
        );
        map.insert("inferred_reason".to_owned(), json!(error.retry_inferred));
    }
    let inferred: serde_json::Map<String, Value> = inferred_facts(error)
        .into_iter()
        .map(|(key, reason)| (key, json!(reason)))
        .collect();
    let examples: Vec<Value> = api
        .doc
        .examples
        .iter()
        .filter(|e| e.expect.as_deref() == Some(error.id()))
        .map(|e| json!({ "name": e.name, "status": e.status, "body": e.body }))
        .collect();
    let also_at: Vec<Value> = error
        .also_at
        .iter()
        .map(|extra| {
            json!({
                "status": extra.status,
                "status_name": status_name(api, extra.status),
                "retry": extra.retry,
                "retry_words": retry_words(&extra.retry, Some(extra.status)),
                "retry_source": retry_source_name(extra.retry_source),
                "retry_inferred": extra.retry_inferred,
            })
        })
        .collect();
    let also: Vec<Value> = also_in(catalog, entry)
        .into_iter()
        .map(|(api, id)| json!({ "api": api, "id": id }))
        .collect();
    json!({
        "api": api.id(),
        "api_name": api.doc.api.name,
        "source_file": api.source_path,
        "identified_by": name(&api.identified_by()),
        "matched_by": matched_by(entry.matched_by),
        "id": error.id(),
        "wire": error.wire,
        "sub_code": doc.sub_code,
        "rust": format!("{}::ErrorCode::{}", api.id(), error.variant),
        "status": error.status,
        "status_name": status_name(api, error.status),
        "status_inferred": error.status_inferred,
        "also_at": also_at,
        "message_pattern": doc.message_pattern,
        "when_headers": doc.when_headers,
        "type": error.error_type(),
        "type_description": error.error_type().and_then(|t| api.error_type(t)).map(|t| &t.description),
        "category": error.category.as_str(),
        "status_decides": doc.status_decides,
        "context": name(&error.context()),
        "description": doc.description,
        "message": doc.message,
        "cause": doc.cause,
        "fix": doc.fix,
        "retry": retry,
        "doc_url": error.doc_url,
        "deprecated": doc.deprecated,
        "inferred": inferred,
        "examples": examples,
        "also_in": also,
    })
}

fn retry_source_name(source: Source) -> &'static str {
    match source {
        Source::Error => "error",
        Source::Type => "type",
        Source::Status => "status",
        Source::Default => "default",
    }
}

fn matched_by(by: MatchedBy) -> &'static str {
    match by {
        MatchedBy::Id => "id",
        MatchedBy::Wire => "wire",
        MatchedBy::Message => "message",
    }
}

fn summary_json(entry: &Entry) -> Value {
    json!({
        "api": entry.api.id(),
        "id": entry.error.id(),
        "wire": entry.error.wire,
        "status": entry.error.status,
        "matched_by": matched_by(entry.matched_by),
    })
}

fn matches_text(query: &str, entries: &[Entry]) -> String {
    let mut rows = vec![vec![
        "API".to_owned(),
        "ID".to_owned(),
        "WIRE".to_owned(),
        "STATUS".to_owned(),
    ]];
    for entry in entries {
        rows.push(vec![
            entry.api.id().to_owned(),
            entry.error.id().to_owned(),
            entry.error.wire.clone(),
            entry.error.status.to_string(),
        ]);
    }
    format!(
        "`{query}` matches {} errors; pick one with --api:\n\n{}\ne.g. errcat explain {} --api {}\n",
        entries.len(),
        indent(&super::columns(&rows)),
        quote_arg(query),
        entries[0].api.id()
    )
}

fn quote_arg(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

fn suggestion_json(suggestion: &Suggestion) -> Value {
    json!({
        "text": suggestion.text,
        "distance": suggestion.distance,
        "errors": suggestion
            .errors
            .iter()
            .map(|(api, id)| json!({ "api": api, "id": id }))
            .collect::<Vec<_>>(),
    })
}

fn unknown_text(query: &str, api: Option<&str>, suggestions: &[Suggestion]) -> String {
    let place = match api {
        Some(api) => format!("the API `{api}`"),
        None => "the catalog".to_owned(),
    };
    let mut out = format!("error: no error `{query}` in {place}\n");
    match suggestions.first() {
        None => out.push_str(
            "  = help: match an id, a wire code or a message text; `errcat list` shows them all\n",
        ),
        Some(_) => {
            for (i, s) in suggestions.iter().enumerate() {
                let apis: Vec<&str> = s.errors.iter().map(|(api, _)| api.as_str()).collect();
                let lead = if i == 0 {
                    "  = help: did you mean"
                } else {
                    "          or"
                };
                out.push_str(&format!("{lead} `{}` ({})?\n", s.text, apis.join(", ")));
            }
        }
    }
    out
}
