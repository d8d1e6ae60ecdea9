//! Catalog-shaped YAML built from arbitrary data: ids from a pool of usual, odd and
//! keyword-like names, statuses valid and invalid, every retry rule kind with or without
//! its parameters, envelope fields, types and examples, then an optional textual mutation
//! (a misspelt key, a tab, a dropped line). The loader and validator must never panic and
//! must locate every diagnostic; a catalog that validates must generate Rust that parses.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_yaml::{Mapping, Value};

const FILE: &str = "fuzz/structured.yaml";

#[derive(Debug, Arbitrary)]
enum Id {
    Pool(u8),
    Keyword(u8),
    Raw(String),
}

const IDS: &[&str] = &[
    "invalid_api_key",
    "rate_limited",
    "a",
    "x1",
    "e2e",
    "not_found",
    "internal",
    "http2",
    "a_b",
    "ab",
    "a__b",
    "trailing_",
    "_lead",
    "CamelCase",
    "kebab-case",
    "2fa",
    "ünïcode",
    "",
    " ",
    "self_error",
    "type_error",
];
const KEYWORDS: &[&str] = &[
    "type", "self", "match", "move", "ref", "async", "r#try", "Self", "crate",
];

impl Id {
    fn text(&self) -> String {
        match self {
            Id::Pool(i) => IDS[*i as usize % IDS.len()].to_owned(),
            Id::Keyword(i) => KEYWORDS[*i as usize % KEYWORDS.len()].to_owned(),
            Id::Raw(s) => s.clone(),
        }
    }
}

#[derive(Debug, Arbitrary)]
enum Status {
    Common(u8),
    Any(u16),
}

impl Status {
    fn value(&self) -> u16 {
        const COMMON: &[u16] = &[
            400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 200, 0, 99, 600, 999,
        ];
        match self {
            Status::Common(i) => COMMON[*i as usize % COMMON.len()],
            Status::Any(s) => *s,
        }
    }
}

#[derive(Debug, Arbitrary)]
struct Retry {
    rule: u8,
    header: bool,
    body_field: Option<u8>,
    backoff: Option<(Option<u16>, Option<u8>, Option<u8>, Option<u32>)>,
    wait: Option<(u16, u16)>,
    advice: Option<String>,
}

const RULES: &[&str] = &[
    "never",
    "retry_after",
    "backoff",
    "poll_again",
    "resubmit",
    "wait",
    "conditional",
    "sometimes",
];
const PATHS: &[&str] = &[
    "error.code",
    "error.message",
    "error.type",
    "error.retry_after",
    "error.details",
    "error",
    "success",
    "message",
    "error.details.retry_after",
    "error.self",
    "error.0",
    "a-b.c",
    "error..x",
    "",
];
const ROLES: &[&str] = &[
    "code",
    "message",
    "type",
    "param",
    "doc_url",
    "request_id",
    "details",
    "timestamp",
    "retry_after",
    "success",
    "messages",
    "banana",
];
const TYPES: &[&str] = &[
    "string",
    "integer",
    "number",
    "boolean",
    "object",
    "string_array",
    "text",
];

impl Retry {
    fn value(&self) -> Value {
        let mut map = Mapping::new();
        map.insert(
            "rule".into(),
            RULES[self.rule as usize % RULES.len()].into(),
        );
        if self.header {
            map.insert("header".into(), "Retry-After".into());
        }
        if let Some(i) = self.body_field {
            map.insert("body_field".into(), PATHS[i as usize % PATHS.len()].into());
        }
        if let Some((initial, factor, attempts, max)) = self.backoff {
            let mut b = Mapping::new();
            if let Some(v) = initial {
                b.insert("initial_ms".into(), u64::from(v).into());
            }
            if let Some(v) = factor {
                b.insert("factor".into(), u64::from(v).into());
            }
            if let Some(v) = attempts {
                b.insert("max_attempts".into(), u64::from(v).into());
            }
            if let Some(v) = max {
                b.insert("max_delay_ms".into(), u64::from(v).into());
            }
            map.insert("backoff".into(), Value::Mapping(b));
        }
        if let Some((min, max)) = self.wait {
            let mut w = Mapping::new();
            w.insert("min_seconds".into(), u64::from(min).into());
            w.insert("max_seconds".into(), u64::from(max).into());
            map.insert("wait".into(), Value::Mapping(w));
        }
        if let Some(advice) = &self.advice {
            map.insert("advice".into(), advice.as_str().into());
        }
        Value::Mapping(map)
    }
}

#[derive(Debug, Arbitrary)]
struct Error {
    id: Id,
    wire: Option<String>,
    status: Option<Status>,
    ty: Option<u8>,
    context: Option<u8>,
    description: String,
    retry: Option<Retry>,
    doc_url: Option<String>,
}

#[derive(Debug, Arbitrary)]
struct Field {
    path: u8,
    role: Option<u8>,
    ty: u8,
    required: bool,
}

#[derive(Debug, Arbitrary)]
struct Type {
    id: Id,
    status: Option<Status>,
    retry: Option<Retry>,
}

#[derive(Debug, Arbitrary)]
struct Example {
    name: Id,
    status: Status,
    body: String,
    expect: Option<u8>,
}

#[derive(Debug, Arbitrary)]
enum Mutation {
    None,
    /// Replace one byte of the key names with another letter.
    Typo(u16, u8),
    /// Insert a tab at the start of a line.
    Tab(u16),
    /// Remove a line.
    DropLine(u16),
    /// Duplicate a line.
    DuplicateLine(u16),
    /// Cut the text at a byte offset.
    Truncate(u16),
}

#[derive(Debug, Arbitrary)]
struct Catalog {
    api_id: Id,
    by_message: bool,
    family: u8,
    doc_url: Option<String>,
    fields: Vec<Field>,
    types: Vec<Type>,
    statuses: Vec<(Status, Option<Retry>)>,
    errors: Vec<Error>,
    examples: Vec<Example>,
    mutation: Mutation,
}

fn build(c: &Catalog) -> String {
    let mut root = Mapping::new();
    let mut api = Mapping::new();
    api.insert("id".into(), c.api_id.text().into());
    api.insert("name".into(), "Fuzz".into());
    if c.by_message {
        api.insert("identified_by".into(), "message".into());
    }
    if let Some(url) = &c.doc_url {
        api.insert("doc_url".into(), url.as_str().into());
    }
    root.insert("api".into(), Value::Mapping(api));
    let mut envelope = Mapping::new();
    let families = ["nested_object", "bare_string", "success_flag", "other"];
    envelope.insert("family".into(), families[c.family as usize % 4].into());
    let fields: Vec<Value> = c
        .fields
        .iter()
        .map(|f| {
            let mut m = Mapping::new();
            m.insert("path".into(), PATHS[f.path as usize % PATHS.len()].into());
            m.insert("type".into(), TYPES[f.ty as usize % TYPES.len()].into());
            if let Some(r) = f.role {
                m.insert("role".into(), ROLES[r as usize % ROLES.len()].into());
            }
            m.insert("required".into(), f.required.into());
            Value::Mapping(m)
        })
        .collect();
    envelope.insert("fields".into(), Value::Sequence(fields));
    root.insert("envelope".into(), Value::Mapping(envelope));
    let statuses: Vec<Value> = c
        .statuses
        .iter()
        .map(|(s, retry)| {
            let mut m = Mapping::new();
            m.insert("status".into(), u64::from(s.value()).into());
            m.insert("name".into(), "Status".into());
            if let Some(r) = retry {
                m.insert("retry".into(), r.value());
            }
            Value::Mapping(m)
        })
        .collect();
    root.insert("statuses".into(), Value::Sequence(statuses));
    let type_ids: Vec<String> = c.types.iter().map(|t| t.id.text()).collect();
    let types: Vec<Value> = c
        .types
        .iter()
        .map(|t| {
            let mut m = Mapping::new();
            m.insert("id".into(), t.id.text().into());
            m.insert("description".into(), "A type.".into());
            if let Some(s) = &t.status {
                m.insert("status".into(), u64::from(s.value()).into());
            }
            if let Some(r) = &t.retry {
                m.insert("retry".into(), r.value());
            }
            Value::Mapping(m)
        })
        .collect();
    root.insert("types".into(), Value::Sequence(types));
    let error_ids: Vec<String> = c.errors.iter().map(|e| e.id.text()).collect();
    let errors: Vec<Value> = c
        .errors
        .iter()
        .map(|e| {
            let mut m = Mapping::new();
            m.insert("id".into(), e.id.text().into());
            if let Some(w) = &e.wire {
                m.insert("wire".into(), w.as_str().into());
            }
            if let Some(s) = &e.status {
                m.insert("status".into(), u64::from(s.value()).into());
            }
            if let Some(t) = e.ty {
                let name = type_ids
                    .get(t as usize % type_ids.len().max(1))
                    .cloned()
                    .unwrap_or_else(|| "missing_type".to_owned());
                m.insert("type".into(), name.into());
            }
            if let Some(ctx) = e.context {
                let contexts = ["http", "websocket", "poll", "smoke"];
                m.insert("context".into(), contexts[ctx as usize % 4].into());
            }
            m.insert("description".into(), e.description.as_str().into());
            if let Some(r) = &e.retry {
                m.insert("retry".into(), r.value());
            }
            if let Some(url) = &e.doc_url {
                m.insert("doc_url".into(), url.as_str().into());
            }
            Value::Mapping(m)
        })
        .collect();
    root.insert("errors".into(), Value::Sequence(errors));
    let examples: Vec<Value> = c
        .examples
        .iter()
        .map(|x| {
            let mut m = Mapping::new();
            m.insert("name".into(), x.name.text().into());
            m.insert("status".into(), u64::from(x.status.value()).into());
            m.insert("body".into(), x.body.as_str().into());
            if let Some(i) = x.expect {
                if let Some(id) = error_ids.get(i as usize % error_ids.len().max(1)) {
                    m.insert("expect".into(), id.as_str().into());
                }
            }
            Value::Mapping(m)
        })
        .collect();
    root.insert("examples".into(), Value::Sequence(examples));
    let text = serde_yaml::to_string(&Value::Mapping(root)).unwrap_or_default();
    mutate(text, &c.mutation)
}

fn mutate(text: String, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        return text;
    }
    let pick = |n: u16| n as usize % lines.len();
    match *mutation {
        Mutation::None => return text,
        Mutation::Typo(at, letter) => {
            let i = pick(at);
            let line = &lines[i];
            if let Some(colon) = line.find(':') {
                let key_start = line.len() - line.trim_start_matches([' ', '-']).len();
                if colon > key_start {
                    let pos = key_start + (letter as usize % (colon - key_start));
                    let mut bytes = line.clone().into_bytes();
                    bytes[pos] = b'a' + letter % 26;
                    lines[i] = String::from_utf8_lossy(&bytes).into_owned();
                }
            }
        }
        Mutation::Tab(at) => {
            let i = pick(at);
            lines[i].insert(0, '\t');
        }
        Mutation::DropLine(at) => {
            let i = pick(at);
            lines.remove(i);
        }
        Mutation::DuplicateLine(at) => {
            let i = pick(at);
            let line = lines[i].clone();
            lines.insert(i, line);
        }
        Mutation::Truncate(at) => {
            let joined = lines.join("\n");
            let mut cut = at as usize % (joined.len() + 1);
            while !joined.is_char_boundary(cut) {
                cut -= 1;
            }
            return joined[..cut].to_owned();
        }
    }
    lines.join("\n") + "\n"
}

fuzz_target!(|catalog: Catalog| {
    let text = build(&catalog);
    let loaded = errcat_codegen::load::load_str(FILE, &text);
    match errcat_codegen::validate::validate(vec![loaded]) {
        Ok(catalog) => {
            let files = errcat_codegen::Builder::new().emit(&catalog);
            for (name, code) in &files {
                if let Err(error) = syn::parse_file(code) {
                    panic!("{name} does not parse: {error}\n--- catalog ---\n{text}");
                }
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            for d in &diagnostics.0 {
                assert_eq!(d.file, FILE, "{d}\n--- catalog ---\n{text}");
                assert!(
                    d.position.line >= 1 && d.position.column >= 1,
                    "{d}\n--- catalog ---\n{text}"
                );
                assert!(!d.help.trim().is_empty(), "{d}\n--- catalog ---\n{text}");
            }
            let _ = diagnostics.to_string();
        }
    }
});
