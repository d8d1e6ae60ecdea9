//! The envelope: well-formed unique field paths, and the fields errcat needs to read.

use std::collections::BTreeMap;

use super::Ctx;
use crate::diagnostic::{Anchor, Diagnostic};
use errcat_vocab::FieldPath;

use crate::model::document::{FieldKind, FieldRole, IdentifiedBy};
use crate::model::naming;

/// Roles that at most one field may carry.
const SINGLE_ROLES: &[FieldRole] = &[
    FieldRole::Code,
    FieldRole::SubCode,
    FieldRole::Message,
    FieldRole::Type,
    FieldRole::Param,
    FieldRole::DocUrl,
    FieldRole::Success,
    FieldRole::Timestamp,
];

fn check_role_types(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (i, field) in ctx.doc.envelope.fields.iter().enumerate() {
        let Some(role) = field.role else { continue };
        if !role.kinds().contains(&field.ty) {
            let role_name = role.as_str();
            let type_name = field.ty.as_str();
            out.push(ctx.at(
                "role-type",
                &format!("envelope.fields[{i}].type"),
                Anchor::Value,
                format!("a field with role `{role_name}` cannot have type `{type_name}`"),
                "codes and sub-codes are `string` or `integer`; messages, types, params, URLs, ids and timestamps are `string`; `retry_after` is `integer`, `number` or `duration`; `retry_after_ms` is `integer` or `number`; `success` is `boolean`; `messages` is `string_array`; `details` is `object` or `array`",
            ));
        }
    }
}

/// Envelope members become Rust fields and structs; two keys that map to one Rust name
/// (`foo-bar` and `foo_bar`, `a_b.c` and `a.b.c`) would not compile.
fn check_rust_names(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let fields = &ctx.doc.envelope.fields;
    let declared_object = |path: &str| {
        fields
            .iter()
            .any(|f| f.path == path && f.ty == FieldKind::Object)
    };
    let mut members: BTreeMap<(String, String), &str> = BTreeMap::new();
    let mut structs: BTreeMap<String, String> = BTreeMap::new();
    for (i, field) in fields.iter().enumerate() {
        let Some(components) = FieldPath::parse(&field.path)
            .ok()
            .and_then(naming::components)
        else {
            continue;
        };
        let keys: Vec<&str> = components.iter().map(|c| c.key).collect();
        for depth in 0..keys.len() {
            let parent = keys[..depth].join(".");
            // Members of a free-form object are read by path, not given Rust names.
            if depth > 0 && declared_object(&parent) {
                break;
            }
            let key = keys[depth];
            let (name, _) = naming::field_name(key);
            match members.get(&(parent.clone(), name.clone())) {
                Some(first) if *first != key => out.push(ctx.at(
                    "rust-name-collision",
                    &format!("envelope.fields[{i}].path"),
                    Anchor::Value,
                    format!("the keys `{first}` and `{key}` under {} both become the Rust field `{name}`", if parent.is_empty() { "the body".to_owned() } else { format!("`{parent}`") }),
                    "rename one of the keys in the catalog, or declare their parent `type: object`",
                )),
                Some(_) => {}
                None => {
                    members.insert((parent.clone(), name), key);
                }
            }
            if depth + 1 < keys.len() {
                let object_path = keys[..=depth].join(".");
                let name = naming::struct_name(&keys[..=depth]);
                match structs.get(&name) {
                    Some(first) if *first != object_path => out.push(ctx.at(
                        "rust-name-collision",
                        &format!("envelope.fields[{i}].path"),
                        Anchor::Value,
                        format!("the objects `{first}` and `{object_path}` both become the Rust struct `{name}`"),
                        "rename one of the keys in the catalog",
                    )),
                    Some(_) => {}
                    None => {
                        structs.insert(name, object_path);
                    }
                }
            }
        }
    }
}

/// Paths the envelope structs can model: one selector per key, ending in a key, and at
/// most one list of errors.
fn check_selectors(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (i, field) in ctx.doc.envelope.fields.iter().enumerate() {
        let Ok(path) = FieldPath::parse(&field.path) else {
            continue;
        };
        let at = format!("envelope.fields[{i}].path");
        if naming::components(path).is_none() {
            out.push(ctx.at(
                "nested-list-path",
                &at,
                Anchor::Value,
                format!("`{path}` selects an element of an element (`[..][..]`); errcat models lists of objects, not lists of lists"),
                "select one element per key, e.g. `errors[].code`",
            ));
        } else if !matches!(path.steps().last(), Some(errcat_vocab::Step::Key(_))) {
            out.push(ctx.at(
                "path-ends-in-selector",
                &at,
                Anchor::Value,
                format!("`{path}` ends in an array selector, so it names an element rather than a member"),
                "name the member inside the element (`errors[].message`), or declare the list itself (`errors`, `type: string_array`)",
            ));
        }
    }
}

/// The stated family must be the one the fields make, so the docs never describe one
/// shape with another's words.
fn check_family(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(stated) = ctx.doc.envelope.family else {
        return;
    };
    let derived = crate::model::family_of(ctx.doc);
    if stated != derived {
        out.push(ctx.at(
            "family-mismatch",
            "envelope.family",
            Anchor::Value,
            format!(
                "the envelope says `family: {}`, but its fields make {}",
                stated.as_str(),
                errcat_vocab::Term::phrase(derived)
            ),
            format!(
                "write `family: {}`, or leave `family` out: errcat derives it from the fields",
                derived.as_str()
            ),
        ));
    }
}

/// `absent_means` belongs on the code field of a code-identified API, which may then be
/// absent, and names a code some error sends.
fn check_absent_means(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (i, field) in ctx.doc.envelope.fields.iter().enumerate() {
        let Some(code) = &field.absent_means else {
            continue;
        };
        let at = format!("envelope.fields[{i}].absent_means");
        let on_code =
            field.role == Some(FieldRole::Code) && ctx.doc.api.identified_by == IdentifiedBy::Code;
        if !on_code {
            out.push(ctx.at(
                "absent-means-misplaced",
                &at,
                Anchor::Key,
                format!(
                    "`absent_means` is on `{}`, which is not the code field",
                    field.path
                ),
                "put it on the field with `role: code` (the API must be `identified_by: code`)",
            ));
        } else if field.required {
            out.push(ctx.at(
                "absent-means-required",
                &at,
                Anchor::Key,
                format!(
                    "`{}` is `required: true`, so it is never absent",
                    field.path
                ),
                "set `required: false`, or remove `absent_means`",
            ));
        }
        let known = ctx
            .doc
            .errors
            .iter()
            .any(|e| e.wire.as_deref().unwrap_or(&e.id) == code);
        if on_code && !known {
            out.push(ctx.at(
                "absent-means-unknown",
                &at,
                Anchor::Value,
                format!(
                    "no error sends the code {code:?} that a missing `{}` means",
                    field.path
                ),
                format!("add an error with `wire: {code:?}`, or correct the code"),
            ));
        }
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    check_absent_means(ctx, out);
    let fields = &ctx.doc.envelope.fields;
    let mut paths: BTreeMap<&str, usize> = BTreeMap::new();
    let mut roles: BTreeMap<String, usize> = BTreeMap::new();
    for (i, field) in fields.iter().enumerate() {
        let at = format!("envelope.fields[{i}].path");
        if let Err(problem) = FieldPath::parse(&field.path) {
            out.push(ctx.at(
                "bad-field-path",
                &at,
                Anchor::Value,
                format!("`{}` is not a field path: {problem}", field.path),
                "write the path from the body's root with dots, e.g. `error.code`; `errors[].code` for each element of a list, `[].code` for a body that is a list",
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
                FieldKind::Boolean => constant.is_boolean(),
                FieldKind::String | FieldKind::Duration => constant.is_string(),
                FieldKind::Integer => constant.is_i64() || constant.is_u64(),
                FieldKind::Number => constant.is_number(),
                FieldKind::Object => constant.is_object(),
                FieldKind::StringArray | FieldKind::Array => constant.is_array(),
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
        let parent = FieldPath::parse(&field.path)
            .ok()
            .and_then(FieldPath::parent);
        if let Some(parent) = parent {
            if let Some(&p) = paths.get(parent.as_str()) {
                if !matches!(fields[p].ty, FieldKind::Object | FieldKind::Array) {
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
    check_role_types(ctx, out);
    check_rust_names(ctx, out);
    check_selectors(ctx, out);
    check_family(ctx, out);
    let (needed, what) = match ctx.doc.api.identified_by {
        IdentifiedBy::Code => (FieldRole::Code, "code"),
        IdentifiedBy::Message => (FieldRole::Message, "message"),
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
