//! Example bodies: valid JSON whose code (or message) names a documented error.

use errcat_vocab::text_of;

use super::Ctx;
use crate::diagnostic::{Anchor, Diagnostic};
use crate::load::positions::Position;
use crate::model::document::{FieldRole, IdentifiedBy};
use crate::model::{classify, classify_headers, classify_message, Error};

/// Why an XML example body gave no tree.
enum XmlUnread {
    /// Not well-formed XML with one document element.
    #[cfg_attr(not(feature = "xml"), allow(dead_code))]
    Malformed,
    /// This build has no XML reader (errcat-codegen without its `xml` feature).
    #[cfg_attr(feature = "xml", allow(dead_code))]
    NoReader,
}

#[cfg(feature = "xml")]
fn read_xml(body: &[u8]) -> Result<serde_json::Value, XmlUnread> {
    errcat_vocab::xml::read(body).ok_or(XmlUnread::Malformed)
}

#[cfg(not(feature = "xml"))]
fn read_xml(_body: &[u8]) -> Result<serde_json::Value, XmlUnread> {
    Err(XmlUnread::NoReader)
}

pub(crate) fn check(ctx: &Ctx, errors: &[Error], out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let role = match doc.api.identified_by {
        IdentifiedBy::Code => FieldRole::Code,
        IdentifiedBy::Message => FieldRole::Message,
    };
    let id_field = doc.envelope.fields.iter().find(|f| f.role == Some(role));
    let id_path = id_field.map(|f| f.path.as_str());
    // What a body without the code field means, as the runtime reads it.
    let absent_means = id_field.and_then(|f| f.absent_means.clone());
    let sub_code_path = doc
        .envelope
        .fields
        .iter()
        .find(|f| f.role == Some(FieldRole::SubCode))
        .map(|f| f.path.as_str());
    let xml = errcat_vocab::is_xml_media_type(&doc.envelope.content_type);
    if xml && cfg!(not(feature = "xml")) {
        out.push(ctx.at(
            "xml-needs-feature",
            "envelope.content_type",
            Anchor::Value,
            "the envelope is XML, and this build of errcat-codegen has no XML reader to check \
             the example bodies with",
            "enable errcat-codegen's `xml` feature (`features = [\"xml\"]` where it is a \
             build-dependency), and errcat's `xml` feature for the runtime",
        ));
    }
    for (i, example) in doc.examples.iter().enumerate() {
        let body_path = format!("examples[{i}].body");
        // At a status whose bodies are plain text the text is the message, as the runtime
        // reads it, unless the body is the documented envelope after all.
        let plain_text = doc.plain_text_row(example.status).is_some();
        let as_envelope = || {
            let body: serde_json::Value = serde_json::from_str(&example.body).ok()?;
            id_path
                .and_then(|path| {
                    errcat_vocab::FieldPath::new_unchecked(path).find_in_primary(&body)
                })
                .is_some()
                .then_some(body)
        };
        let body: serde_json::Value = if plain_text {
            match as_envelope() {
                Some(body) => body,
                None => {
                    let text = example.body.trim();
                    let message = match doc.api.identified_by {
                        IdentifiedBy::Message => Some(text),
                        IdentifiedBy::Code => None,
                    };
                    check_plain_text(ctx, errors, i, message, out);
                    continue;
                }
            }
        } else if xml {
            match read_xml(example.body.as_bytes()) {
                Ok(body) => body,
                Err(XmlUnread::Malformed) => {
                    out.push(ctx.at(
                        "invalid-xml",
                        &body_path,
                        Anchor::Value,
                        "the example body is not well-formed XML with one document element",
                        "write the body exactly as the API sends it",
                    ));
                    continue;
                }
                // Said once for the catalog, at the envelope's media type, not per example.
                Err(XmlUnread::NoReader) => continue,
            }
        } else {
            match serde_json::from_str(&example.body) {
                Ok(body) => body,
                Err(error) => {
                    out.push(json_error(ctx, &body_path, &error));
                    continue;
                }
            }
        };
        let Some(id_path) = id_path else { continue };
        let named = errcat_vocab::FieldPath::new_unchecked(id_path)
            .find_in_primary(&body)
            .and_then(text_of)
            .or_else(|| absent_means.clone());
        let sub_code = sub_code_path
            .and_then(|path| errcat_vocab::FieldPath::new_unchecked(path).find_in_primary(&body))
            .and_then(text_of);
        let named = named.as_deref();
        let header = |name: &str| {
            example
                .headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        // The body first; where it names no documented error, the headers may.
        let known = named
            .and_then(|wire| match doc.api.identified_by {
                IdentifiedBy::Code => classify(errors, wire, sub_code.as_deref()),
                IdentifiedBy::Message => classify_message(errors, wire, example.status),
            })
            .or_else(|| classify_headers(errors, example.status, header));
        match (named, known) {
            (Some(wire), None) => {
                // A message-identified entry with this text at other statuses: the runtime
                // recognises a message only at the statuses its entry is sent with.
                let elsewhere = errors.iter().find(|e| e.wire == wire);
                out.push(match elsewhere {
                    Some(error) => ctx.at(
                        "example-status-mismatch",
                        &format!("examples[{i}].status"),
                        Anchor::Value,
                        format!(
                            "example `{}` has the message of error `{}` at status {}, but that error is sent with {}; a message names an error only at its statuses",
                            example.name,
                            error.id(),
                            example.status,
                            statuses_words(error)
                        ),
                        format!("add `also_at: [{{status: {}}}]` to error `{}` if the page sends it with that status too, or correct the example's status", example.status, error.id()),
                    ),
                    None => ctx.at(
                        "example-unknown-code",
                        &body_path,
                        Anchor::Value,
                        format!("example `{}` names {wire:?}, which no error in this catalog sends", example.name),
                        "add the error to `errors:`, or correct the body (a placeholder body belongs in `envelope.sample`)",
                    ),
                });
            }
            (_, Some(error)) => {
                if let Some(expect) = &example.expect {
                    // An expect naming no error at all is reported by `references`.
                    let expect_known = doc.errors.iter().any(|e| &e.id == expect);
                    if expect != error.id() && expect_known {
                        out.push(ctx.at(
                            "example-mismatch",
                            &format!("examples[{i}].expect"),
                            Anchor::Value,
                            format!(
                                "example `{}` expects `{expect}`, but its body names `{}`",
                                example.name,
                                error.id()
                            ),
                            format!("set `expect: {}` or correct the body", error.id()),
                        ));
                    }
                }
            }
            (None, None) => {
                if let Some(expect) = &example.expect {
                    out.push(ctx.at(
                        "example-mismatch",
                        &format!("examples[{i}].expect"),
                        Anchor::Value,
                        format!(
                            "example `{}` expects `{expect}`, but its body has no `{id_path}`",
                            example.name
                        ),
                        "remove `expect`, or give the body the field that identifies the error",
                    ));
                }
            }
        }
    }
}

/// An example at a status documented as plain text: for an API identified by message,
/// the text must name the expected error at that status; otherwise the text names no
/// code, so an `expect` is a mistake.
fn check_plain_text(
    ctx: &Ctx,
    errors: &[Error],
    i: usize,
    message: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let example = &ctx.doc.examples[i];
    let known = message.and_then(|text| classify_message(errors, text, example.status));
    let Some(expect) = &example.expect else {
        return;
    };
    if known.is_some_and(|error| error.id() == expect) {
        return;
    }
    let why = match (message, known) {
        (_, Some(error)) => format!("its text is the message of `{}`", error.id()),
        (Some(_), None) => format!(
            "its text is the message of no error sent at status {}",
            example.status
        ),
        (None, None) => format!(
            "bodies at status {} are plain text (`statuses`), which names no code",
            example.status
        ),
    };
    out.push(ctx.at(
        "example-mismatch",
        &format!("examples[{i}].expect"),
        Anchor::Value,
        format!("example `{}` expects `{expect}`, but {why}", example.name),
        "remove `expect`, or correct the example's status or text",
    ));
}

/// `status 404` or `statuses 404, 429 and 503`.
fn statuses_words(error: &Error) -> String {
    let all: Vec<String> = error.statuses().map(|s| s.to_string()).collect();
    match all.as_slice() {
        [one] => format!("status {one}"),
        [rest @ .., last] => format!("statuses {} and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

/// Points a JSON syntax error at its line inside a `body: |` block.
fn json_error(ctx: &Ctx, body_path: &str, error: &serde_json::Error) -> Diagnostic {
    let message = format!("the example body is not valid JSON: {error}");
    let help = "write the body exactly as the API sends it; comments are not JSON (move a commented sample to `envelope.sample`)";
    let Some(span) = ctx.source.index.get(&ctx.removed.original(body_path)) else {
        return ctx.at("invalid-json", body_path, Anchor::Value, message, help);
    };
    // yaml-rust2 marks a block scalar (`body: |`) at its first content character, so a
    // JSON position maps to the block's indentation plus the JSON column; a quoted
    // scalar starts one character later, after its quote.
    let quoted = ctx
        .source
        .line(span.value.line)
        .and_then(|l| l.chars().nth(span.value.column.saturating_sub(1)))
        .is_some_and(|c| c == '"' || c == '\'');
    let line = span.value.line + error.line().saturating_sub(1);
    let column = if quoted && error.line() <= 1 {
        span.value.column + error.column().max(1)
    } else {
        span.value.column - 1 + error.column().max(1)
    };
    ctx.source
        .at_position("invalid-json", Position { line, column }, 1, message, help)
}

// Only a build without the `xml` feature refuses XML catalogs; `.ci/run` runs these with
// `cargo test -p errcat-codegen --lib`, where nothing turns the feature on.
#[cfg(all(test, not(feature = "xml")))]
mod tests {
    use crate::load::load_str;
    use crate::validate::validate;

    const XML_CATALOG: &str = "\
api:
  id: boxes
  name: Boxes
envelope:
  family: nested_object
  content_type: application/xml
  fields:
    - { path: Error.Code, type: string, role: code, required: true }
errors:
  - { id: no_such_box, wire: NoSuchBox, status: 404, description: The box does not exist. }
examples:
  - name: missing
    status: 404
    body: \"<Error><Code>NoSuchBox</Code></Error>\"
";

    #[test]
    fn an_xml_catalog_is_refused_naming_the_feature_it_needs() {
        let diagnostics = validate(vec![load_str("boxes.yaml", XML_CATALOG)])
            .expect_err("no XML reader to check the example with");
        let all: Vec<_> = diagnostics.0.iter().collect();
        assert_eq!(all.len(), 1, "{diagnostics}");
        let only = all[0];
        assert_eq!(only.rule, "xml-needs-feature");
        assert_eq!(only.location(), "boxes.yaml:6:17");
        assert!(only.help.contains("`xml` feature"), "{}", only.help);
    }

    #[test]
    fn a_json_catalog_needs_no_xml_reader() {
        let json = XML_CATALOG
            .replace("application/xml", "application/json")
            .replace(
                "\"<Error><Code>NoSuchBox</Code></Error>\"",
                "'{\"Error\": {\"Code\": \"NoSuchBox\"}}'",
            );
        validate(vec![load_str("boxes.yaml", &json)]).expect("valid without XML");
    }
}
