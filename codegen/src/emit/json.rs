//! `catalog.json`: the normalized export, sorted and byte-stable, for tools that do not
//! read YAML or Rust.

use serde::Serialize;

use crate::model::document::{
    Auth, Category, Context, Envelope, ExampleDoc, HeaderConditionDoc, HeaderDoc, IdentifiedBy,
    LimitDoc, RetryDoc, RetryKind,
};
use crate::model::{Api, Catalog, Error};
use crate::write::Header;

#[derive(Serialize)]
struct Export<'a> {
    #[serde(rename = "@generated")]
    generated: String,
    apis: Vec<ApiExport<'a>>,
}

#[derive(Serialize)]
struct ApiExport<'a> {
    id: &'a str,
    name: &'a str,
    source_file: &'a str,
    source: Option<&'a str>,
    doc_url: Option<&'a str>,
    identified_by: IdentifiedBy,
    envelope: &'a Envelope,
    auth: Option<&'a Auth>,
    headers: &'a [HeaderDoc],
    statuses: Vec<StatusExport<'a>>,
    types: Vec<TypeExport<'a>>,
    errors: Vec<ErrorExport<'a>>,
    websocket_close_codes: Vec<CloseExport<'a>>,
    limits: &'a [LimitDoc],
    notes: &'a [String],
    examples: &'a [ExampleDoc],
}

#[derive(Serialize)]
struct StatusExport<'a> {
    status: u16,
    name: &'a str,
    description: Option<&'a str>,
    retry: Option<&'a RetryDoc>,
    /// Only where the row gives the body its own media type (`text/plain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    content_type: Option<&'a str>,
}

#[derive(Serialize)]
struct TypeExport<'a> {
    id: &'a str,
    wire: &'a str,
    description: &'a str,
    status: Option<u16>,
    status_inferred: bool,
    category: Option<Category>,
    retry: Option<RetryKind>,
}

#[derive(Serialize)]
struct ErrorExport<'a> {
    id: &'a str,
    wire: &'a str,
    status: u16,
    status_inferred: bool,
    #[serde(rename = "type")]
    error_type: Option<&'a str>,
    category: Category,
    retry: RetryKind,
    retry_inferred: bool,
    retry_rule: &'a RetryDoc,
    doc_url: Option<&'a str>,
    context: Context,
    description: &'a str,
    message: Option<&'a str>,
    cause: Option<&'a str>,
    fix: Option<&'a str>,
    inferred: Vec<(&'static str, &'a str)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    also_at: Vec<AlsoAtExport<'a>>,
    /// Only where the response's status decides the error's meaning.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    status_decides: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_pattern: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    when_headers: &'a [HeaderConditionDoc],
}

#[derive(Serialize)]
struct AlsoAtExport<'a> {
    status: u16,
    description: Option<&'a str>,
    retry: RetryKind,
    retry_inferred: bool,
    retry_rule: &'a RetryDoc,
}

#[derive(Serialize)]
struct CloseExport<'a> {
    code: u16,
    id: &'a str,
    reason: &'a str,
    description: &'a str,
    action: crate::model::document::CloseAction,
    action_inferred: bool,
}

fn error_export(error: &Error) -> ErrorExport<'_> {
    let doc = &error.doc;
    let inferred = &doc.inferred;
    let reasons = [
        ("status", error.status_inferred.as_deref()),
        ("wire", inferred.wire.as_deref()),
        ("type", inferred.error_type.as_deref()),
        ("category", inferred.category.as_deref()),
        ("retry", error.retry_inferred.as_deref()),
        ("context", inferred.context.as_deref()),
        ("status_decides", inferred.status_decides.as_deref()),
        ("cause", inferred.cause.as_deref()),
        ("fix", inferred.fix.as_deref()),
        ("description", inferred.description.as_deref()),
        ("other", inferred.other.as_deref()),
    ];
    ErrorExport {
        id: error.id(),
        wire: &error.wire,
        status: error.status,
        status_inferred: error.status_inferred.is_some(),
        error_type: error.error_type(),
        category: error.category,
        retry: error.retry.rule,
        retry_inferred: error.retry_inferred.is_some(),
        retry_rule: &error.retry,
        doc_url: error.doc_url.as_deref(),
        context: error.context(),
        description: &doc.description,
        message: doc.message.as_deref(),
        cause: doc.cause.as_deref(),
        fix: doc.fix.as_deref(),
        inferred: reasons
            .into_iter()
            .filter_map(|(field, reason)| Some((field, reason?)))
            .collect(),
        also_at: error
            .also_at
            .iter()
            .zip(&doc.also_at)
            .map(|(extra, written)| AlsoAtExport {
                status: extra.status,
                description: written.description.as_deref(),
                retry: extra.retry.rule,
                retry_inferred: extra.retry_inferred.is_some(),
                retry_rule: &extra.retry,
            })
            .collect(),
        status_decides: doc.status_decides,
        message_pattern: doc.message_pattern.as_deref(),
        when_headers: &doc.when_headers,
    }
}

fn api_export(api: &Api) -> ApiExport<'_> {
    let doc = &api.doc;
    let mut statuses: Vec<StatusExport> = doc
        .statuses
        .iter()
        .map(|s| StatusExport {
            status: s.status,
            name: &s.name,
            description: s.description.as_deref(),
            retry: s.retry.as_ref(),
            content_type: s.content_type.as_deref(),
        })
        .collect();
    statuses.sort_by_key(|s| s.status);
    let mut types: Vec<TypeExport> = doc
        .types
        .iter()
        .map(|t| TypeExport {
            id: &t.id,
            wire: t.wire.as_deref().unwrap_or(&t.id),
            description: &t.description,
            status: t.status,
            status_inferred: t.inferred.status.is_some(),
            category: t.category,
            retry: t.retry.as_ref().map(|r| r.rule),
        })
        .collect();
    types.sort_by_key(|t| t.id);
    let mut errors: Vec<ErrorExport> = api.errors.iter().map(error_export).collect();
    errors.sort_by_key(|e| e.id);
    let mut closes: Vec<CloseExport> = doc
        .websocket_close_codes
        .iter()
        .map(|c| CloseExport {
            code: c.code,
            id: &c.id,
            reason: &c.reason,
            description: &c.description,
            action: c.action,
            action_inferred: c.inferred.action.is_some(),
        })
        .collect();
    closes.sort_by_key(|c| c.code);
    ApiExport {
        id: api.id(),
        name: &doc.api.name,
        source_file: &api.source_path,
        source: doc.api.source.as_deref(),
        doc_url: doc.api.doc_url.as_deref(),
        identified_by: doc.api.identified_by,
        envelope: &doc.envelope,
        auth: doc.auth.as_ref(),
        headers: &doc.headers,
        statuses,
        types,
        errors,
        websocket_close_codes: closes,
        limits: &doc.limits,
        notes: &doc.notes,
        examples: &doc.examples,
    }
}

/// The row of [`super::Artifact::Json`].
pub(crate) const ARTIFACT: super::Row = super::Row {
    name: "json",
    header_start: "{\n  \"@generated\": \"@generated by errcat from ",
    exportable: true,
    folder: "",
    emit: |catalog, scope| vec![("catalog.json".to_owned(), export(catalog, &scope.header))],
};

/// `catalog.json` for the whole catalog.
pub fn export(catalog: &Catalog, header: &Header) -> String {
    let export = Export {
        generated: header.text("catalog/"),
        apis: catalog.apis.iter().map(api_export).collect(),
    };
    let mut text = serde_json::to_string_pretty(&export).expect("the export always serializes");
    text.push('\n');
    text
}
