//! The envelope: well-formed unique field paths, and the fields errcat needs to read.

use std::collections::BTreeMap;

use super::Ctx;
use crate::diagnostic::{Anchor, Diagnostic};
use crate::load::document::{FieldRole, FieldType, Identification};

/// Roles that at most one field may carry.
const SINGLE_ROLES: &[FieldRole] = &[
    FieldRole::Code,
    FieldRole::Message,
    FieldRole::Type,
    FieldRole::Param,
    FieldRole::DocUrl,
    FieldRole::Success,
    FieldRole::Timestamp,
];

fn is_valid_path(path: &str) -> bool {
    !path.is_empty()
        && path.split('.').all(|segment| {
            !segment.is_empty()
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let fields = &ctx.doc.envelope.fields;
    let mut paths: BTreeMap<&str, usize> = BTreeMap::new();
    let mut roles: BTreeMap<String, usize> = BTreeMap::new();
    for (i, field) in fields.iter().enumerate() {
        let at = format!("envelope.fields[{i}].path");
        if !is_valid_path(&field.path) {
            out.push(ctx.at(
                "bad-field-path",
                &at,
                Anchor::Value,
                format!("`{}` is not a dotted JSON path", field.path),
                "write the path from the body's root with dots, e.g. `error.code`",
            ));
            continue;
        }
        if paths.insert(&field.path, i).is_some() {
            out.push(ctx.at(
                "duplicate-field",
                &at,
                Anchor::Value,
                format!("the envelope field `{}` is listed twice", field.path),
                "keep one entry per field",
            ));
        }
        if let Some(role) = field.role {
            if SINGLE_ROLES.contains(&role) {
                let name = format!("{role:?}");
                if let Some(first) = roles.insert(name.clone(), i) {
                    out.push(ctx.at(
                        "duplicate-role",
                        &format!("envelope.fields[{i}].role"),
                        Anchor::Value,
                        format!(
                            "`{}` and `{}` both have a role that only one field may have",
                            fields[first].path, field.path
                        ),
                        "give the role to the one field that carries it",
                    ));
                }
            }
        }
        if let Some(constant) = &field.constant {
            let matches = match field.ty {
                FieldType::Boolean => constant.is_boolean(),
                FieldType::String => constant.is_string(),
                FieldType::Integer => constant.is_i64() || constant.is_u64(),
                FieldType::Number => constant.is_number(),
                FieldType::Object => constant.is_object(),
                FieldType::StringArray => constant.is_array(),
            };
            if !matches {
                out.push(ctx.at(
                    "constant-type",
                    &format!("envelope.fields[{i}].constant"),
                    Anchor::Value,
                    format!("the constant {constant} is not a {:?} value", field.ty),
                    "make the constant match the field's `type`",
                ));
            }
        }
    }
    // A field nested under another needs that parent to be an object.
    for (i, field) in fields.iter().enumerate() {
        if let Some((parent, _)) = field.path.rsplit_once('.') {
            if let Some(&p) = paths.get(parent) {
                if fields[p].ty != FieldType::Object {
                    out.push(ctx.at(
                        "field-under-scalar",
                        &format!("envelope.fields[{i}].path"),
                        Anchor::Value,
                        format!(
                            "`{}` is nested under `{parent}`, which is not an object",
                            field.path
                        ),
                        format!("declare `{parent}` with `type: object`, or fix the path"),
                    ));
                }
            }
        }
    }
    let (needed, what) = match ctx.doc.api.identified_by {
        Identification::Code => (FieldRole::Code, "code"),
        Identification::Message => (FieldRole::Message, "message"),
    };
    if !fields.iter().any(|f| f.role == Some(needed)) {
        out.push(ctx.at(
            "missing-role",
            "envelope.fields",
            Anchor::Key,
            format!("errors are identified by {what}, but no envelope field has `role: {what}`"),
            format!("mark the field that carries the {what} with `role: {what}`"),
        ));
    }
}
