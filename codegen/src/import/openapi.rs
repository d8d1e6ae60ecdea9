//! A catalog scaffolded from an OpenAPI document's error responses (`errcat import
//! openapi FILE`): its statuses, the envelope's fields from the response schema, the
//! codes from enums, examples and errcat's own `x-errcat-codes`, and its headers. Every
//! guess is marked `inferred` with why, so the scaffold validates as written and a
//! reviewer sees what to check against the API's own pages.

use std::collections::{BTreeMap, BTreeSet};

use errcat_vocab::text_of;
use heck::ToSnakeCase;
use serde_json::{json, Map, Value};

/// The import, and what it found.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The catalog file, YAML.
    pub yaml: String,
    /// Error responses read (operation responses and components).
    pub responses: usize,
    /// Codes found.
    pub codes: usize,
}

/// Why a document cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(pub String);

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];
/// How deep `$ref`s and nested schemas are followed; deeper is cut (and said).
const MAX_DEPTH: usize = 12;

/// Scaffolds a catalog for API `id` from an OpenAPI 3.x document (JSON or YAML) read
/// from `source` (named in the file's header and `api.source`).
pub fn openapi(text: &str, source: &str, id: Option<&str>) -> Result<Imported, ImportError> {
    let document: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(_) => serde_yaml::from_str(text)
            .map_err(|e| ImportError(format!("{source} is neither JSON nor YAML: {e}")))?,
    };
    let version = document
        .get("openapi")
        .and_then(Value::as_str)
        .unwrap_or("");
    if !version.starts_with('3') {
        return Err(ImportError(format!(
            "{source} is not an OpenAPI 3 document (its `openapi` is {version:?})"
        )));
    }
    let reader = Reader { root: &document };
    let responses = reader.error_responses();
    if responses.is_empty() {
        return Err(ImportError(format!(
            "{source} has no error responses (4xx or 5xx) to import"
        )));
    }
    let own = document.get("x-errcat");
    let title = document
        .pointer("/info/title")
        .and_then(Value::as_str)
        .unwrap_or("Imported API");
    let id = id.map(str::to_owned).unwrap_or_else(|| {
        own.and_then(|o| o.get("api"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| identifier(title.trim_end_matches(" errors")))
    });
    let mut scaffold = Scaffold::new(&reader, &responses);
    let identified_by = own
        .and_then(|o| o.get("identified_by"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| {
            if scaffold.has_role("code") || !scaffold.has_role("message") {
                "code".to_owned()
            } else {
                "message".to_owned()
            }
        });
    scaffold.collect_codes(&identified_by);
    let mut api = json!({
        "id": id,
        "name": title.trim_end_matches(" errors"),
        "identified_by": identified_by,
    });
    // `api.source` is the public page: errcat's own, else the document's external docs.
    let page = own
        .and_then(|o| o.get("source"))
        .or_else(|| document.pointer("/externalDocs/url"))
        .and_then(Value::as_str)
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"));
    if let Some(page) = page {
        api["source"] = json!(page);
    }
    let mut sections: Vec<(&str, Value)> = vec![("api", api), ("envelope", scaffold.envelope())];
    let headers = scaffold.headers();
    if !headers.is_empty() {
        sections.push(("headers", Value::Array(headers)));
    }
    sections.push(("statuses", Value::Array(scaffold.statuses())));
    sections.push(("errors", Value::Array(scaffold.errors())));
    let examples = scaffold.examples(&identified_by);
    if !examples.is_empty() {
        sections.push(("examples", Value::Array(examples)));
    }
    sections.push((
        "notes",
        json!([format!(
            "Scaffolded by `errcat import openapi` from {source} (OpenAPI {version}). Every fact the document does not state is marked `inferred`; check each against the API's own error pages."
        )]),
    ));
    let mut yaml = format!(
        "# yaml-language-server: $schema=catalog.schema.json\n# Source: {source} (OpenAPI {version}), scaffolded by `errcat import openapi`.\n# Every guess is marked `inferred`; review them against the API's own error pages.\n\n"
    );
    for (key, value) in sections {
        let mut section = Map::new();
        section.insert(key.to_owned(), value);
        let text = serde_yaml::to_string(&in_catalog_order(&Value::Object(section)))
            .map_err(|e| ImportError(format!("could not write the catalog: {e}")))?;
        yaml.push_str(&text);
        yaml.push('\n');
    }
    Ok(Imported {
        yaml,
        responses: responses.len(),
        codes: scaffold.codes.len(),
    })
}

/// The order catalog/README.md writes an entry's keys in (identity, then where and how
/// it is sent, then words, then provenance); other keys follow alphabetically.
const KEY_ORDER: &[&str] = &[
    "id",
    "name",
    "path",
    "wire",
    "sub_code",
    "status",
    "also_at",
    "type",
    "role",
    "format",
    "required",
    "nullable",
    "absent_means",
    "category",
    "context",
    "content_type",
    "when",
    "source",
    "identified_by",
    "headers",
    "body",
    "expect",
    "description",
    "message",
    "message_pattern",
    "when_headers",
    "retry",
    "doc_url",
    "fields",
    "inferred",
];

/// `value` as YAML with every mapping's keys in [`KEY_ORDER`], so the scaffold reads like
/// the catalogs in catalog/README.md rather than alphabetically.
fn in_catalog_order(value: &Value) -> serde_yaml::Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            let rank = |k: &str| {
                KEY_ORDER
                    .iter()
                    .position(|o| *o == k)
                    .unwrap_or(KEY_ORDER.len())
            };
            keys.sort_by(|a, b| (rank(a), *a).cmp(&(rank(b), *b)));
            let mut out = serde_yaml::Mapping::new();
            for key in keys {
                out.insert(
                    serde_yaml::Value::String(key.clone()),
                    in_catalog_order(&map[key]),
                );
            }
            serde_yaml::Value::Mapping(out)
        }
        Value::Array(items) => {
            serde_yaml::Value::Sequence(items.iter().map(in_catalog_order).collect())
        }
        other => serde_yaml::to_value(other).unwrap_or(serde_yaml::Value::Null),
    }
}

/// A snake_case id the catalog accepts: letters, digits and `_`, not starting with a
/// digit, not a Rust keyword.
fn identifier(text: &str) -> String {
    let snake: String = text
        .to_snake_case()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let snake = snake.trim_matches('_').to_owned();
    let snake = if snake.is_empty() {
        "code".to_owned()
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("code_{snake}")
    } else {
        snake
    };
    if crate::model::naming::KEYWORDS.contains(&snake.as_str()) {
        format!("{snake}_code")
    } else {
        snake
    }
}

/// One error response of the document.
struct Response<'a> {
    status: u16,
    /// Where it is: `GET /repos/{owner}/{repo}` or `components.responses.not_found`.
    place: String,
    value: &'a Value,
}

struct Reader<'a> {
    root: &'a Value,
}

impl<'a> Reader<'a> {
    /// `value`, or what its `$ref` points at (followed a bounded number of times).
    fn resolve(&self, mut value: &'a Value) -> &'a Value {
        for _ in 0..MAX_DEPTH {
            let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
                return value;
            };
            let Some(pointer) = reference.strip_prefix('#') else {
                return value;
            };
            match self.root.pointer(pointer) {
                Some(target) => value = target,
                None => return value,
            }
        }
        value
    }

    /// Every 4xx/5xx response of every operation, then components.responses named with
    /// a status (`Error429`) or carrying errcat's own `x-errcat-codes`.
    fn error_responses(&self) -> Vec<Response<'a>> {
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        if let Some(paths) = self.root.get("paths").and_then(Value::as_object) {
            for (path, item) in paths {
                for method in METHODS {
                    let Some(responses) = item.get(method).and_then(|o| o.get("responses")) else {
                        continue;
                    };
                    for (code, response) in responses.as_object().into_iter().flatten() {
                        let Some(status) = error_status(code) else {
                            continue;
                        };
                        let key = (
                            status,
                            response
                                .get("$ref")
                                .and_then(Value::as_str)
                                .map(str::to_owned)
                                .unwrap_or_else(|| format!("{method} {path} {code}")),
                        );
                        if seen.insert(key) {
                            out.push(Response {
                                status,
                                place: format!("{} {path}", method.to_ascii_uppercase()),
                                value: self.resolve(response),
                            });
                        }
                    }
                }
            }
        }
        if let Some(components) = self
            .root
            .pointer("/components/responses")
            .and_then(Value::as_object)
        {
            for (name, response) in components {
                // errcat's own responses may be a 2xx that reports an error (a poll).
                let own = response.get("x-errcat-codes").is_some();
                let digits: String = name.chars().filter(char::is_ascii_digit).collect();
                let status = digits
                    .parse::<u16>()
                    .ok()
                    .filter(|s| (400..=599).contains(s) || own && (100..=599).contains(s));
                let Some(status) = status else { continue };
                let key = (status, format!("#/components/responses/{name}"));
                if seen.insert(key) {
                    out.push(Response {
                        status,
                        place: format!("components.responses.{name}"),
                        value: self.resolve(response),
                    });
                }
            }
        }
        out.sort_by(|a, b| (a.status, &a.place).cmp(&(b.status, &b.place)));
        out
    }
}

fn error_status(code: &str) -> Option<u16> {
    code.parse::<u16>().ok().filter(|s| (400..=599).contains(s))
}

/// A field of the envelope as the schema describes it.
#[derive(Debug, Clone)]
struct Field {
    path: String,
    ty: &'static str,
    required: bool,
    nullable: bool,
    description: Option<String>,
    /// The role errcat's own export gave it, or one guessed from its name.
    role: Option<(String, bool)>,
    /// Its `enum`, for a code field.
    values: Vec<String>,
    absent_means: Option<String>,
}

struct Code {
    wire: String,
    statuses: BTreeSet<u16>,
    /// errcat's own facts, from `x-errcat-codes`.
    own: Option<Value>,
    /// Where the code was found, for `inferred.status`.
    found: &'static str,
}

struct Scaffold<'r, 'a> {
    reader: &'r Reader<'a>,
    responses: &'r [Response<'a>],
    content_type: String,
    fields: Vec<Field>,
    codes: BTreeMap<String, Code>,
}

impl<'r, 'a> Scaffold<'r, 'a> {
    fn new(reader: &'r Reader<'a>, responses: &'r [Response<'a>]) -> Self {
        // The envelope: the schema most error responses share.
        let mut counts: BTreeMap<String, (usize, &'a Value, String)> = BTreeMap::new();
        for response in responses {
            let Some((media_type, media)) = media(reader, response.value) else {
                continue;
            };
            let Some(schema) = media.get("schema") else {
                continue;
            };
            let key = schema
                .get("$ref")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| schema.to_string());
            let entry = counts.entry(key).or_insert((0, schema, media_type));
            entry.0 += 1;
        }
        let chosen = counts.into_values().max_by_key(|(n, _, _)| *n);
        let (content_type, fields) = match chosen {
            Some((_, schema, media_type)) => {
                let mut fields = Vec::new();
                walk(reader, schema, "", true, &mut fields, 0);
                guess_roles(&mut fields);
                (media_type, fields)
            }
            None => ("application/json".to_owned(), Vec::new()),
        };
        Scaffold {
            reader,
            responses,
            content_type,
            fields,
            codes: BTreeMap::new(),
        }
    }

    fn has_role(&self, role: &str) -> bool {
        self.fields
            .iter()
            .any(|f| f.role.as_ref().is_some_and(|(r, _)| r == role))
    }

    fn path_with(&self, role: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.role.as_ref().is_some_and(|(r, _)| r == role))
            .map(|f| f.path.as_str())
    }

    fn add_code(&mut self, wire: String, status: u16, own: Option<Value>, found: &'static str) {
        let code = self.codes.entry(wire.clone()).or_insert(Code {
            wire,
            statuses: BTreeSet::new(),
            own: None,
            found,
        });
        code.statuses.insert(status);
        if own.is_some() {
            code.own = own;
            code.found = "x-errcat";
        }
    }

    /// Codes from errcat's own `x-errcat-codes`, the code field's `enum`, and the
    /// examples.
    fn collect_codes(&mut self, identified_by: &str) {
        let id_role = if identified_by == "message" {
            "message"
        } else {
            "code"
        };
        let id_path = self.path_with(id_role).map(str::to_owned);
        let responses = self.responses;
        for response in responses {
            for own in response
                .value
                .get("x-errcat-codes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(wire) = own.get("wire").and_then(Value::as_str) {
                    self.add_code(
                        wire.to_owned(),
                        response.status,
                        Some(own.clone()),
                        "x-errcat",
                    );
                }
            }
            let Some((_, media)) = media(self.reader, response.value) else {
                continue;
            };
            for value in example_values(self.reader, media) {
                let sent = id_path.as_deref().and_then(|p| {
                    errcat_vocab::FieldPath::parse(p)
                        .ok()?
                        .find_in_primary(value)
                });
                if let Some(wire) = sent.and_then(text_of) {
                    self.add_code(wire, response.status, None, "example");
                }
            }
        }
        // An enum on the code field names codes without a status: each goes with the
        // first error status whose response uses the envelope.
        let values = self
            .fields
            .iter()
            .find(|f| Some(&f.path) == id_path.as_ref())
            .map(|f| f.values.clone())
            .unwrap_or_default();
        let first = responses.first().map(|r| r.status).unwrap_or(500);
        for wire in values {
            if !self.codes.contains_key(&wire) {
                self.add_code(wire, first, None, "enum");
            }
        }
    }

    fn envelope(&self) -> Value {
        let fields: Vec<Value> = self
            .fields
            .iter()
            .map(|f| {
                let mut field = Map::new();
                field.insert("path".into(), json!(f.path));
                field.insert("type".into(), json!(f.ty));
                let mut inferred = Map::new();
                if let Some((role, guessed)) = &f.role {
                    field.insert("role".into(), json!(role));
                    if *guessed {
                        inferred.insert(
                            "other".into(),
                            json!(format!(
                                "role `{role}` guessed from the field's name by errcat import"
                            )),
                        );
                    }
                }
                if f.required {
                    field.insert("required".into(), json!(true));
                }
                if f.nullable {
                    field.insert("nullable".into(), json!(true));
                }
                if let Some(code) = &f.absent_means {
                    field.insert("absent_means".into(), json!(code));
                }
                if let Some(text) = &f.description {
                    field.insert("description".into(), json!(text));
                }
                if !inferred.is_empty() {
                    field.insert("inferred".into(), Value::Object(inferred));
                }
                Value::Object(field)
            })
            .collect();
        json!({"content_type": self.content_type, "fields": fields})
    }

    fn headers(&self) -> Vec<Value> {
        let mut by_name: BTreeMap<String, (String, &'a Value, BTreeSet<u16>)> = BTreeMap::new();
        for response in self.responses {
            for (name, header) in response
                .value
                .get("headers")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let header = self.reader.resolve(header);
                let entry = by_name.entry(name.to_ascii_lowercase()).or_insert((
                    name.clone(),
                    header,
                    BTreeSet::new(),
                ));
                entry.2.insert(response.status);
            }
        }
        by_name
            .into_values()
            .map(|(name, header, statuses)| {
                let own_role = header.get("x-errcat-role").and_then(Value::as_str);
                let own_format = header.get("x-errcat-format").and_then(Value::as_str);
                let (role, format) = header_kind(&name, self.reader.resolve(header.get("schema").unwrap_or(&Value::Null)));
                let mut out = Map::new();
                out.insert("name".into(), json!(name));
                out.insert("role".into(), json!(own_role.unwrap_or(role)));
                out.insert("format".into(), json!(own_format.unwrap_or(format)));
                let when: Vec<String> = statuses.iter().map(u16::to_string).collect();
                out.insert(
                    "when".into(),
                    json!(header.get("x-errcat-when").and_then(Value::as_str).map(str::to_owned)
                        .unwrap_or_else(|| format!("{} responses", when.join(", ")))),
                );
                if let Some(text) = header.get("description").and_then(Value::as_str) {
                    out.insert("description".into(), json!(text));
                }
                if own_role.is_none() || own_format.is_none() {
                    out.insert(
                        "inferred".into(),
                        json!({"other": "role and format guessed from the header's name and schema by errcat import"}),
                    );
                }
                Value::Object(out)
            })
            .collect()
    }

    fn statuses(&self) -> Vec<Value> {
        let mut by_status: BTreeMap<u16, Option<&str>> = BTreeMap::new();
        for response in self.responses {
            let text = response.value.get("description").and_then(Value::as_str);
            by_status.entry(response.status).or_insert(text);
        }
        for code in self.codes.values() {
            for status in &code.statuses {
                by_status.entry(*status).or_insert(None);
            }
        }
        by_status
            .into_iter()
            .map(|(status, text)| {
                let mut row = Map::new();
                row.insert("status".into(), json!(status));
                row.insert("name".into(), json!(reason_phrase(status)));
                if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
                    row.insert("description".into(), json!(text));
                }
                row.insert(
                    "inferred".into(),
                    json!({"name": "the HTTP reason phrase (RFC 9110); the document names responses by status only"}),
                );
                Value::Object(row)
            })
            .collect()
    }

    fn errors(&self) -> Vec<Value> {
        let ids = self.ids();
        let mut out = Vec::new();
        for code in self.codes.values() {
            let own = code.own.as_ref();
            let id = &ids[code.wire.as_str()];
            let mut statuses = code.statuses.iter().copied();
            let status = statuses.next().unwrap_or(500);
            let mut error = Map::new();
            error.insert("id".into(), json!(id));
            if *id != code.wire {
                error.insert("wire".into(), json!(code.wire));
            }
            if let Some(sub) = own.and_then(|o| o.get("sub_code")) {
                error.insert("sub_code".into(), sub.clone());
            }
            error.insert("status".into(), json!(status));
            let further: Vec<Value> = statuses.map(|s| json!({"status": s})).collect();
            if !further.is_empty() {
                error.insert("also_at".into(), Value::Array(further));
            }
            let mut inferred = Map::new();
            match own {
                Some(own) => {
                    for key in [
                        "category",
                        "context",
                        "message_pattern",
                        "when_headers",
                        "doc_url",
                    ] {
                        if let Some(value) = own.get(key) {
                            if key == "context" && value == "http" {
                                continue;
                            }
                            error.insert(key.into(), value.clone());
                        }
                    }
                    let description = own.get("description").cloned().unwrap_or(json!(code.wire));
                    error.insert("description".into(), description);
                    if let Some(rule) = own.get("retry") {
                        error.insert("retry".into(), rule.clone());
                    }
                }
                None => {
                    let place = self
                        .responses
                        .iter()
                        .find(|r| r.status == status)
                        .map(|r| r.place.as_str())
                        .unwrap_or("");
                    error.insert(
                        "description".into(),
                        json!(format!(
                            "`{}`, an error of the {status} response of {place}.",
                            code.wire
                        )),
                    );
                    inferred.insert(
                        "description".into(),
                        json!("the OpenAPI document gives no description per code"),
                    );
                    let why = match code.found {
                        "enum" => "the code is a value of the envelope's code enum; the document does not tie it to a status, so it takes the first error status",
                        _ => "the status of the response whose example carries the code",
                    };
                    inferred.insert("status".into(), json!(why));
                }
            }
            if !inferred.is_empty() {
                error.insert("inferred".into(), Value::Object(inferred));
            }
            out.push(Value::Object(error));
        }
        out
    }

    fn examples(&self, identified_by: &str) -> Vec<Value> {
        let ids = self.ids();
        let id_role = if identified_by == "message" {
            "message"
        } else {
            "code"
        };
        let id_path = self.path_with(id_role);
        let mut names = BTreeSet::new();
        let mut out = Vec::new();
        for response in self.responses {
            let Some((_, media)) = media(self.reader, response.value) else {
                continue;
            };
            let named: Vec<(String, &Value)> =
                match media.get("examples").and_then(Value::as_object) {
                    Some(examples) => examples
                        .iter()
                        .filter_map(|(name, example)| {
                            let example = self.reader.resolve(example);
                            example.get("value").map(|v| (name.clone(), v))
                        })
                        .collect(),
                    None => media
                        .get("example")
                        .map(|v| vec![(format!("status_{}", response.status), v)])
                        .unwrap_or_default(),
                };
            for (name, value) in named {
                // errcat's own built bodies are not the page's: leave them out.
                if !value.is_object() && !value.is_array() {
                    continue;
                }
                let mut name = identifier(&name);
                while !names.insert(name.clone()) {
                    name.push_str("_2");
                }
                let mut example = Map::new();
                example.insert("name".into(), json!(name));
                example.insert("status".into(), json!(response.status));
                example.insert(
                    "body".into(),
                    json!(serde_json::to_string_pretty(value).unwrap_or_default() + "\n"),
                );
                let sent = id_path
                    .and_then(|p| {
                        errcat_vocab::FieldPath::parse(p)
                            .ok()?
                            .find_in_primary(value)
                    })
                    .and_then(text_of);
                let expected = sent.filter(|w| {
                    self.codes
                        .get(w)
                        .is_some_and(|c| c.statuses.contains(&response.status))
                });
                if let Some(wire) = expected {
                    example.insert("expect".into(), json!(ids[wire.as_str()]));
                }
                example.insert(
                    "description".into(),
                    json!(format!(
                        "The OpenAPI document's example for the {} response of {}.",
                        response.status, response.place
                    )),
                );
                out.push(Value::Object(example));
            }
        }
        out
    }

    /// Each code's id, by wire: errcat's own where the export carries it, else made
    /// from the wire; a repeat gets `_2` until it is unique. `errors` and `examples`
    /// both name codes by it.
    fn ids(&self) -> BTreeMap<&str, String> {
        let mut taken = BTreeSet::new();
        self.codes
            .values()
            .map(|code| {
                let mut id = code
                    .own
                    .as_ref()
                    .and_then(|o| o.get("id"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .unwrap_or_else(|| identifier(&code.wire));
                while !taken.insert(id.clone()) {
                    id.push_str("_2");
                }
                (code.wire.as_str(), id)
            })
            .collect()
    }
}

/// The JSON (or XML) media of a response.
fn media<'a>(reader: &Reader<'a>, response: &'a Value) -> Option<(String, &'a Value)> {
    let content = response.get("content")?.as_object()?;
    let preferred = content
        .iter()
        .find(|(t, _)| t.contains("json"))
        .or_else(|| content.iter().next())?;
    Some((preferred.0.clone(), reader.resolve(preferred.1)))
}

fn example_values<'a>(reader: &Reader<'a>, media: &'a Value) -> Vec<&'a Value> {
    let mut out: Vec<&'a Value> = media.get("example").into_iter().collect();
    if let Some(examples) = media.get("examples").and_then(Value::as_object) {
        out.extend(
            examples
                .values()
                .filter_map(|e| reader.resolve(e).get("value")),
        );
    }
    out
}

/// Flattens a schema into dotted field paths (`error.code`, `errors[].code`).
fn walk<'a>(
    reader: &Reader<'a>,
    schema: &'a Value,
    prefix: &str,
    present: bool,
    out: &mut Vec<Field>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let schema = reader.resolve(schema);
    // allOf: every part's members; oneOf/anyOf: the first object variant.
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        for part in parts {
            walk(reader, part, prefix, present, out, depth + 1);
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(first) = schema
            .get(key)
            .and_then(Value::as_array)
            .and_then(|v| v.first())
        {
            walk(reader, first, prefix, false, out, depth + 1);
        }
    }
    let required: BTreeSet<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, property) in properties {
        // The path grammar names plain keys; a key it cannot name is left out.
        if name.contains(['.', '[', ']']) || name.is_empty() {
            continue;
        }
        let property = reader.resolve(property);
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let (ty, nullable) = json_kind(reader, property);
        let is_required = present && required.contains(name.as_str());
        // errcat's own export marks the objects that only hold documented fields.
        let container = property.get("x-errcat-container").and_then(Value::as_bool) == Some(true);
        if !container && !out.iter().any(|f| f.path == path) {
            out.push(Field {
                path: path.clone(),
                ty,
                required: is_required,
                nullable,
                description: property
                    .get("description")
                    .or_else(|| wrapped(reader, property).and_then(|w| w.get("description")))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                role: property
                    .get("x-errcat-role")
                    .and_then(Value::as_str)
                    .map(|r| (r.to_owned(), false)),
                values: property
                    .get("enum")
                    .or_else(|| wrapped(reader, property).and_then(|w| w.get("enum")))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(text_of)
                    .collect(),
                absent_means: property
                    .get("x-errcat-absent-means")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            });
        }
        match ty {
            "object" => walk(reader, property, &path, is_required, out, depth + 1),
            "array" => {
                if let Some(items) = property.get("items") {
                    let items_schema = reader.resolve(items);
                    if json_kind(reader, items_schema).0 == "object" {
                        walk(
                            reader,
                            items_schema,
                            &format!("{path}[]"),
                            false,
                            out,
                            depth + 1,
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

/// The catalog field type of a schema, and whether it admits null.
fn json_kind(reader: &Reader<'_>, schema: &Value) -> (&'static str, bool) {
    let schema = reader.resolve(schema);
    let nullable = schema.get("nullable").and_then(Value::as_bool) == Some(true);
    let (name, null_too) = match schema.get("type") {
        Some(Value::String(t)) => (t.as_str(), false),
        Some(Value::Array(types)) => {
            let null_too = types.iter().any(|t| t == "null");
            let first = types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null");
            (first.unwrap_or("string"), null_too)
        }
        // `allOf: [{$ref: ...}]` wraps one schema (to add a description): its type.
        _ if schema.get("properties").is_none() && wrapped(reader, schema).is_some() => {
            let inner = wrapped(reader, schema).unwrap_or(&Value::Null);
            let (ty, null_too) = json_kind(reader, inner);
            return (ty, nullable || null_too);
        }
        _ if schema.get("properties").is_some() || schema.get("allOf").is_some() => {
            ("object", false)
        }
        _ => ("string", false),
    };
    let ty = match name {
        "integer" => "integer",
        "number" => "number",
        "boolean" => "boolean",
        "object" => "object",
        "array" => {
            let items = schema.get("items").map(|i| json_kind(reader, i).0);
            if items == Some("string") {
                "string_array"
            } else {
                "array"
            }
        }
        _ => "string",
    };
    (ty, nullable || null_too)
}

/// The one schema an `allOf` of a single part wraps, resolved.
fn wrapped<'a>(reader: &Reader<'a>, schema: &'a Value) -> Option<&'a Value> {
    match schema
        .get("allOf")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        Some([only]) => Some(reader.resolve(only)),
        _ => None,
    }
}

/// Roles by name, for fields errcat's own export did not mark: one field per role, the
/// shallowest first.
fn guess_roles(fields: &mut [Field]) {
    const NAMES: &[(&str, &[&str])] = &[
        (
            "code",
            &["code", "errorcode", "error_code", "err_code", "__type"],
        ),
        (
            "message",
            &[
                "message",
                "detail",
                "errormessage",
                "error_message",
                "error_description",
                "msg",
            ],
        ),
        (
            "request_id",
            &[
                "request_id",
                "requestid",
                "trace_id",
                "traceid",
                "debug_id",
                "correlation_id",
                "correlationid",
            ],
        ),
        (
            "doc_url",
            &[
                "doc_url",
                "documentation_url",
                "docurl",
                "help_url",
                "more_info",
                "moreinfo",
            ],
        ),
        ("param", &["param", "parameter"]),
        ("timestamp", &["timestamp"]),
        ("retry_after", &["retry_after", "retryafter"]),
        ("title", &["title"]),
    ];
    let taken: BTreeSet<String> = fields
        .iter()
        .filter_map(|f| f.role.as_ref().map(|(r, _)| r.clone()))
        .collect();
    if !taken.is_empty() {
        return; // errcat's own export: its roles are exact.
    }
    let mut order: Vec<usize> = (0..fields.len()).collect();
    order.sort_by_key(|&i| (fields[i].path.matches(['.', '[']).count(), i));
    let mut used = BTreeSet::new();
    for (role, names) in NAMES {
        let found = order.iter().copied().find(|&i| {
            let field = &fields[i];
            let leaf = field
                .path
                .rsplit(['.', ']'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let kind_fits = match *role {
                "code" => matches!(field.ty, "string" | "integer"),
                "retry_after" => matches!(field.ty, "integer" | "number"),
                _ => field.ty == "string",
            };
            field.role.is_none() && kind_fits && names.contains(&leaf.as_str())
        });
        if let Some(i) = found {
            if used.insert(*role) {
                fields[i].role = Some(((*role).to_owned(), true));
            }
        }
    }
}

/// A header's role and format, from its name and schema.
fn header_kind(name: &str, schema: &Value) -> (&'static str, &'static str) {
    let lower = name.to_ascii_lowercase();
    let integer = schema.get("type").and_then(Value::as_str) == Some("integer");
    let format = if integer { "integer" } else { "text" };
    if lower == "retry-after" {
        ("retry_after", "delay_seconds_or_http_date")
    } else if lower.contains("ratelimit") && lower.ends_with("limit") {
        ("rate_limit_limit", format)
    } else if lower.contains("ratelimit") && lower.ends_with("remaining") {
        ("rate_limit_remaining", format)
    } else if lower.contains("ratelimit") && lower.ends_with("reset") {
        ("rate_limit_reset", format)
    } else {
        ("other", format)
    }
}

/// RFC 9110's reason phrases for the 4xx and 5xx statuses (and a plain name otherwise).
fn reason_phrase(status: u16) -> String {
    let phrase = match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        507 => "Insufficient Storage",
        511 => "Network Authentication Required",
        _ => return format!("Status {status}"),
    };
    phrase.to_owned()
}
