//! Hostile catalogs: no bytes, no text and no catalog-shaped document can make the loader
//! or the validator panic, hang or take unbounded memory, and every diagnostic names the
//! file, a line and a column (both >= 1) and says how to fix the problem.
//!
//! - Property tests (proptest): arbitrary bytes, arbitrary UTF-8, YAML-punctuation soup,
//!   catalog-shaped documents with odd ids, invalid statuses, random retry rules and
//!   values of the wrong type; random *valid* catalogs, which must validate and generate
//!   Rust that parses; and valid catalogs with exactly one injected fault (a misspelt
//!   key, an out-of-range status, a bad id, a keyword id, a duplicate id, an incomplete
//!   retry rule, a tab, an unclosed quote, ...), which must fail with that fault's rule at
//!   that fault's line. The same catalogs with CRLF line endings or a byte-order mark
//!   must give the same results at the same positions; a NUL byte or an invalid UTF-8
//!   byte anywhere must be reported exactly where it is.
//! - Explicit cases with bounds on time: alias bombs, deep nesting, a 100 MB file, a
//!   FIFO that never ends, non-UTF-8, NUL, CRLF, BOM, tabs.
//!
//! The cargo-fuzz targets in `fuzz/` run the same invariants for hours; see RELIABILITY.md.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use errcat_codegen::load::{self, MAX_FILE_BYTES};
use errcat_codegen::{validate, Builder, Catalog, Diagnostics};
use proptest::prelude::*;

/// How diagnostics name the file under test.
const FILE: &str = "catalog/hostile.yaml";

// ---------------------------------------------------------------------------------------
// Invariants.

/// Every diagnostic names `file`, a line and column >= 1 (or, for a problem of the path
/// itself, the path alone, with no invented `:1:1`), and has a message and help.
fn assert_located(file: &str, diagnostics: &Diagnostics, input: &dyn std::fmt::Debug) {
    assert!(
        !diagnostics.is_empty(),
        "validation failed without a diagnostic for {input:?}"
    );
    for d in &diagnostics.0 {
        let context = || format!("diagnostic:\n{d}\ninput: {input:?}");
        assert_eq!(d.file, file, "{}", context());
        let of_the_path = matches!(
            d.rule,
            "missing-catalog" | "empty-catalog" | "unsafe-file-name"
        );
        if of_the_path && d.position.line == 0 {
            assert_eq!(d.location(), file, "{}", context());
            assert!(
                d.to_string().contains(&format!("--> {file}\n")),
                "{}",
                context()
            );
        } else {
            assert!(
                d.position.line >= 1 && d.position.column >= 1,
                "unlocated ({}:{}): {}",
                d.position.line,
                d.position.column,
                context()
            );
        }
        assert!(!d.help.trim().is_empty(), "no help: {}", context());
        assert!(!d.message.trim().is_empty(), "no message: {}", context());
    }
    // Rendering never panics, whatever the position.
    let _ = diagnostics.to_string();
}

/// Loads and validates bytes; checks the invariants of a failure, and that a success
/// generates Rust that parses.
fn run_bytes(bytes: &[u8]) -> Result<Catalog, Diagnostics> {
    let loaded = load::load_bytes(FILE, bytes);
    let result = validate::validate(vec![loaded]);
    check_result(&result, &String::from_utf8_lossy(bytes));
    result
}

fn run_text(text: &str) -> Result<Catalog, Diagnostics> {
    run_bytes(text.as_bytes())
}

/// Loads and validates text, checking the invariants of a failure only (generating Rust
/// and parsing it costs most of the time of a property case in debug builds).
fn validate_text(text: &str) -> Result<Catalog, Diagnostics> {
    let result = validate::validate(vec![load::load_str(FILE, text)]);
    if let Err(diagnostics) = &result {
        assert_located(FILE, diagnostics, &text);
    }
    result
}

fn check_result(result: &Result<Catalog, Diagnostics>, input: &str) {
    match result {
        Err(diagnostics) => assert_located(FILE, diagnostics, &input),
        Ok(catalog) => {
            for (name, code) in Builder::new().emit(catalog) {
                if let Err(error) = syn::parse_file(&code) {
                    panic!("{name} generated from a valid catalog does not parse: {error}\ncatalog:\n{input}");
                }
            }
        }
    }
}

/// (rule, line, column) of every diagnostic, sorted: what must not change when only the
/// line endings or a byte-order mark change.
fn positions(result: &Result<Catalog, Diagnostics>) -> Vec<(&'static str, usize, usize)> {
    let mut out: Vec<_> = match result {
        Ok(_) => Vec::new(),
        Err(d) => {
            d.0.iter()
                .map(|d| (d.rule, d.position.line, d.position.column))
                .collect()
        }
    };
    out.sort();
    out
}

/// Runs `f` on another thread and fails if it takes longer than `limit` (a hang), or
/// panics.
fn within<T: Send + 'static>(
    limit: Duration,
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: no answer within {limit:?}: a hang or super-linear work")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            panic!("{what}: panicked after {:?}", start.elapsed())
        }
    }
}

/// Loads text on another thread within `limit`, checks the invariants, and returns the
/// diagnostics (the text must not validate).
fn refused_within(limit: Duration, what: &str, text: String) -> Diagnostics {
    let name = what.to_owned();
    within(limit, what, move || {
        let result = run_text(&text);
        match result {
            Ok(_) => panic!("{name}: validated, but it must be refused"),
            Err(diagnostics) => diagnostics,
        }
    })
}

/// The line (1-based) and column (1-based, in characters) of byte offset `at`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

// ---------------------------------------------------------------------------------------
// Valid catalogs, written line by line so that every fault's line is known.

/// Error ids that are valid but odd: keywords with a suffix, digits, one letter. Each
/// ends in a letter, and `_<index>` is appended, so ids and their CamelCase forms are
/// unique.
const WORDS: &[&str] = &[
    "type_error",
    "self_error",
    "match_failed",
    "move_on",
    "ref_count",
    "async_fail",
    "a",
    "z9z",
    "http2_stream",
    "e2e",
    "invalid_api_key",
    "crate_error",
    "super_x",
];

const STATUSES: &[u16] = &[400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    NestedObject,
    BareString,
    SuccessFlag,
}

#[derive(Debug, Clone)]
enum Rule {
    /// No rule: errcat's default for the status.
    Default,
    Never,
    Resubmit,
    RetryAfter {
        body_field: bool,
    },
    Backoff {
        initial: u64,
        factor: u32,
        attempts: u32,
    },
    Wait {
        min: u64,
        extra: u64,
    },
    PollAgain,
}

impl Rule {
    fn repeats(&self) -> bool {
        matches!(
            self,
            Rule::RetryAfter { .. } | Rule::Backoff { .. } | Rule::Wait { .. } | Rule::PollAgain
        )
    }
}

#[derive(Debug, Clone)]
struct ErrorSpec {
    word: usize,
    status: u16,
    rule: Rule,
    description: String,
    wire: Option<String>,
    /// Take status and retry rule from the catalog's one type.
    typed: bool,
}

#[derive(Debug, Clone)]
struct CatalogSpec {
    api_word: usize,
    by_message: bool,
    family: Family,
    doc_url: bool,
    with_type: bool,
    example: bool,
    errors: Vec<ErrorSpec>,
}

/// Where the lines of one error entry are, 1-based.
#[derive(Debug, Clone, Default)]
struct ErrorLines {
    id: usize,
    status: Option<usize>,
    description: usize,
    rule: Option<usize>,
}

#[derive(Debug, Clone)]
struct Built {
    text: String,
    errors: Vec<ErrorLines>,
    ids: Vec<String>,
}

/// A YAML double-quoted scalar holding `text` exactly: escapes, and every character YAML
/// does not allow raw (controls, NEL, line and paragraph separators, BOM, non-characters).
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20
                || (0x7f..=0x9f).contains(&(c as u32))
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn fix_rule(status: u16, rule: Rule) -> Rule {
    // Without a stated `reason`, only 408 and 429 among client errors may be repeated.
    let worth_repeating = matches!(status, 408 | 429) || status >= 500;
    match rule {
        r if r.repeats() && !worth_repeating => Rule::Never,
        Rule::Never if status == 429 => Rule::RetryAfter { body_field: false },
        r => r,
    }
}

impl CatalogSpec {
    fn build(&self) -> Built {
        let mut lines: Vec<String> = Vec::new();
        let push = |lines: &mut Vec<String>, line: String| {
            lines.push(line);
            lines.len()
        };
        let api_id = format!("{}_api", WORDS[self.api_word % WORDS.len()]);
        push(&mut lines, "# A generated catalog.".to_owned());
        push(&mut lines, "api:".to_owned());
        push(&mut lines, format!("  id: {api_id}"));
        push(&mut lines, "  name: \"Hostile \\\"API\\\"\"".to_owned());
        if self.doc_url {
            push(
                &mut lines,
                "  doc_url: \"https://docs.example.com/errors#{code}\"".to_owned(),
            );
        }
        if self.by_message {
            push(&mut lines, "  identified_by: message".to_owned());
        }
        push(&mut lines, "envelope:".to_owned());
        let (family, fields, retry_field) = match self.family {
            Family::NestedObject => (
                "nested_object",
                vec![
                    ("error.code", "string", "code"),
                    ("error.message", "string", "message"),
                    ("error.retry_after", "integer", "retry_after"),
                ],
                Some("error.retry_after"),
            ),
            Family::BareString => (
                "bare_string",
                vec![("error", "string", "message"), ("code", "string", "code")],
                None,
            ),
            Family::SuccessFlag => (
                "success_flag",
                vec![
                    ("success", "boolean", "success"),
                    ("error", "string", "message"),
                    ("code", "string", "code"),
                    ("retry_after", "number", "retry_after"),
                ],
                Some("retry_after"),
            ),
        };
        // The same fields make a flat object when the code, not the message, identifies.
        let family = if family == "bare_string" && !self.by_message {
            "flat_object"
        } else {
            family
        };
        push(&mut lines, format!("  family: {family}"));
        push(&mut lines, "  fields:".to_owned());
        for (path, ty, role) in &fields {
            push(
                &mut lines,
                format!("    - {{ path: {path}, type: {ty}, role: {role} }}"),
            );
        }
        push(&mut lines, "statuses:".to_owned());
        push(&mut lines, "  - { status: 200, name: OK }".to_owned());
        push(&mut lines, "  - status: 429".to_owned());
        push(&mut lines, "    name: Too Many Requests".to_owned());
        push(
            &mut lines,
            "    retry: { rule: retry_after, header: Retry-After }".to_owned(),
        );
        if self.with_type {
            push(&mut lines, "types:".to_owned());
            push(&mut lines, "  - id: shared_type".to_owned());
            push(&mut lines, "    description: \"A type.\"".to_owned());
            push(&mut lines, "    status: 503".to_owned());
            push(
                &mut lines,
                "    retry: { rule: backoff, backoff: {} }".to_owned(),
            );
        }
        push(&mut lines, "errors:".to_owned());
        let mut errors = Vec::new();
        let mut ids = Vec::new();
        for (i, e) in self.errors.iter().enumerate() {
            let id = format!("{}_{i}", WORDS[e.word % WORDS.len()]);
            let mut at = ErrorLines {
                id: push(&mut lines, format!("  - id: {id}")),
                ..ErrorLines::default()
            };
            let wire = if self.by_message {
                // Message text: any characters, made unique and trimmed.
                Some(format!("Message {i}: {}", e.description).trim().to_owned())
            } else {
                e.wire.as_ref().map(|w| format!("CODE_{i}_{w}"))
            };
            if let Some(wire) = &wire {
                push(&mut lines, format!("    wire: {}", quoted(wire)));
            }
            let typed = e.typed && self.with_type;
            if typed {
                push(&mut lines, "    type: shared_type".to_owned());
            } else {
                at.status = Some(push(&mut lines, format!("    status: {}", e.status)));
            }
            at.description = push(
                &mut lines,
                format!("    description: {}", quoted(&e.description)),
            );
            let status = if typed { 503 } else { e.status };
            let rule = fix_rule(status, e.rule.clone());
            let retry: Option<Vec<String>> = match rule {
                Rule::Default => None,
                Rule::Never => Some(vec!["rule: never".into(), "advice: \"Fix it.\"".into()]),
                Rule::Resubmit => Some(vec!["rule: resubmit".into()]),
                Rule::PollAgain => Some(vec!["rule: poll_again".into()]),
                Rule::RetryAfter { body_field } => {
                    let mut rule = vec!["rule: retry_after".to_owned()];
                    match retry_field.filter(|_| body_field) {
                        Some(field) => rule.push(format!("body_field: {field}")),
                        None => rule.push("header: Retry-After".into()),
                    }
                    Some(rule)
                }
                Rule::Backoff {
                    initial,
                    factor,
                    attempts,
                } => Some(vec![
                    "rule: backoff".into(),
                    "backoff:".into(),
                    format!("  initial_ms: {initial}"),
                    format!("  factor: {factor}"),
                    format!("  max_attempts: {attempts}"),
                    format!("  max_delay_ms: {}", initial * 10),
                ]),
                Rule::Wait { min, extra } => Some(vec![
                    "rule: wait".into(),
                    format!(
                        "wait: {{ min_seconds: {min}, max_seconds: {} }}",
                        min + extra
                    ),
                ]),
            };
            if let Some(retry) = retry {
                push(&mut lines, "    retry:".to_owned());
                for (k, line) in retry.into_iter().enumerate() {
                    let n = push(&mut lines, format!("      {line}"));
                    if k == 0 {
                        at.rule = Some(n);
                    }
                }
            }
            errors.push(at);
            ids.push(id);
        }
        if self.example {
            let first = &self.errors[0];
            let id = &ids[0];
            let status = if first.typed && self.with_type {
                503
            } else {
                first.status
            };
            let wire = if self.by_message {
                format!("Message 0: {}", first.description)
                    .trim()
                    .to_owned()
            } else {
                first
                    .wire
                    .as_ref()
                    .map_or_else(|| id.clone(), |w| format!("CODE_0_{w}"))
            };
            let wire_json = serde_json::Value::String(wire).to_string();
            let body = match (self.family, self.by_message) {
                (Family::NestedObject, false) => {
                    format!("{{\"error\": {{\"code\": {wire_json}, \"message\": \"m\"}}}}")
                }
                (Family::NestedObject, true) => {
                    format!("{{\"error\": {{\"message\": {wire_json}}}}}")
                }
                (Family::BareString, false) => {
                    format!("{{\"error\": \"m\", \"code\": {wire_json}}}")
                }
                (Family::BareString, true) => format!("{{\"error\": {wire_json}}}"),
                (Family::SuccessFlag, false) => {
                    format!("{{\"success\": false, \"error\": \"m\", \"code\": {wire_json}}}")
                }
                (Family::SuccessFlag, true) => {
                    format!("{{\"success\": false, \"error\": {wire_json}}}")
                }
            };
            push(&mut lines, "examples:".to_owned());
            push(&mut lines, "  - name: first_example".to_owned());
            push(&mut lines, format!("    status: {status}"));
            push(&mut lines, format!("    body: {}", quoted(&body)));
            push(&mut lines, format!("    expect: {id}"));
        }
        let mut text = lines.join("\n");
        text.push('\n');
        Built { text, errors, ids }
    }
}

fn description() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z .,]{1,30}",
        // Any characters but controls: quotes, backslashes, `*/`, `#[`, braces, emoji.
        "\\PC{1,30}",
        Just("Ends with */ and starts a /* comment".to_owned()),
        Just("#[doc = \"x\"] {} {{}} \\ \\\\ \" ' `".to_owned()),
        // Bidirectional controls (U+202E ...) are refused by design: see bidi-control.
        Just("Unicode: é ß 中文 🎉 ا ب".to_owned()),
        Just("key: value # not a comment".to_owned()),
    ]
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

fn rule() -> impl Strategy<Value = Rule> {
    prop_oneof![
        Just(Rule::Default),
        Just(Rule::Never),
        Just(Rule::Resubmit),
        Just(Rule::PollAgain),
        any::<bool>().prop_map(|body_field| Rule::RetryAfter { body_field }),
        (1u64..100_000, 1u32..10, 1u32..20).prop_map(|(initial, factor, attempts)| {
            Rule::Backoff {
                initial,
                factor,
                attempts,
            }
        }),
        (0u64..3600, 0u64..3600).prop_map(|(min, extra)| Rule::Wait { min, extra }),
    ]
}

fn error_spec() -> impl Strategy<Value = ErrorSpec> {
    (
        any::<usize>(),
        prop::sample::select(STATUSES),
        rule(),
        description(),
        prop::option::of("[A-Z0-9_]{1,10}"),
        any::<bool>(),
    )
        .prop_map(|(word, status, rule, description, wire, typed)| ErrorSpec {
            word,
            status,
            rule,
            description,
            wire,
            typed,
        })
}

fn catalog_spec() -> impl Strategy<Value = CatalogSpec> {
    (
        any::<usize>(),
        any::<bool>(),
        prop_oneof![
            Just(Family::NestedObject),
            Just(Family::BareString),
            Just(Family::SuccessFlag)
        ],
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(error_spec(), 1..6),
    )
        .prop_map(
            |(api_word, by_message, family, doc_url, with_type, example, errors)| CatalogSpec {
                api_word,
                by_message,
                family,
                doc_url,
                with_type,
                example,
                errors,
            },
        )
}

// ---------------------------------------------------------------------------------------
// One fault in a valid catalog: the rule it must trigger, and where.

#[derive(Debug, Clone)]
enum Fault {
    /// `description:` misspelt as `descriptoin:`.
    KeyTypo,
    /// A status outside 100-599 that still fits in a u16.
    StatusOutOfRange(u16),
    /// A status that is text.
    StatusIsText,
    /// An id that is not snake_case.
    InvalidId(usize),
    /// An id that is a Rust keyword.
    KeywordId(usize),
    /// The id of the previous error, again.
    DuplicateId,
    /// `rule: retry_after` with neither header nor body field.
    IncompleteRetry,
    /// A rule name that does not exist.
    UnknownRule,
    /// A tab instead of the spaces indenting `description:`.
    Tab,
    /// A quote opened in the description and never closed.
    UnclosedQuote,
}

const BAD_IDS: &[&str] = &["Bad-Id", "2fa", "CamelCase", "a__b", "trailing_", "ünï"];
const KEYWORD_IDS: &[&str] = &["type", "self", "match", "move", "async", "crate", "yield"];

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        Just(Fault::KeyTypo),
        prop_oneof![0u16..100, 600u16..=u16::MAX].prop_map(Fault::StatusOutOfRange),
        Just(Fault::StatusIsText),
        (0..BAD_IDS.len()).prop_map(Fault::InvalidId),
        (0..KEYWORD_IDS.len()).prop_map(Fault::KeywordId),
        Just(Fault::DuplicateId),
        Just(Fault::IncompleteRetry),
        Just(Fault::UnknownRule),
        Just(Fault::Tab),
        Just(Fault::UnclosedQuote),
    ]
}

/// Applies `fault` to error `k` of `built`; returns the faulty text, the rule that must be
/// reported and the line (and column, where it is certain) it must be reported at.
/// `None` when the fault does not apply to that error (e.g. it has no status line).
fn inject(
    built: &Built,
    k: usize,
    fault: &Fault,
) -> Option<(String, &'static str, usize, Option<usize>)> {
    let mut lines: Vec<String> = built.text.lines().map(str::to_owned).collect();
    let at = &built.errors[k];
    let (rule, line, column) = match fault {
        Fault::KeyTypo => {
            let l = at.description;
            lines[l - 1] = lines[l - 1].replacen("description:", "descriptoin:", 1);
            ("unknown-field", l, Some(5))
        }
        Fault::StatusOutOfRange(status) => {
            let l = at.status?;
            lines[l - 1] = format!("    status: {status}");
            ("status-out-of-range", l, Some(13))
        }
        Fault::StatusIsText => {
            let l = at.status?;
            lines[l - 1] = "    status: four hundred".to_owned();
            ("wrong-type", l, Some(13))
        }
        Fault::InvalidId(i) => {
            lines[at.id - 1] = format!("  - id: {}", BAD_IDS[*i]);
            ("invalid-id", at.id, Some(9))
        }
        Fault::KeywordId(i) => {
            lines[at.id - 1] = format!("  - id: {}", KEYWORD_IDS[*i]);
            ("keyword-id", at.id, Some(9))
        }
        Fault::DuplicateId => {
            if k == 0 {
                return None;
            }
            lines[at.id - 1] = format!("  - id: {}", built.ids[k - 1]);
            ("duplicate-id", at.id, Some(9))
        }
        Fault::IncompleteRetry => {
            // Only where a rule that repeats the request is allowed.
            let l = at.rule?;
            let status_line = lines[at.status? - 1].clone();
            if !(status_line.ends_with("429") || status_line.contains(" 5")) {
                return None;
            }
            // Drop the rule's other lines, so neither header nor body field is left.
            let mut end = l;
            while end < lines.len() && lines[end].starts_with("      ") {
                end += 1;
            }
            lines.drain(l..end);
            lines[l - 1] = "      rule: retry_after".to_owned();
            ("incomplete-retry", l, Some(7))
        }
        Fault::UnknownRule => {
            let l = at.rule?;
            lines[l - 1] = "      rule: sometimes".to_owned();
            ("unknown-value", l, Some(13))
        }
        Fault::Tab => {
            let l = at.description;
            lines[l - 1] = lines[l - 1].replacen("    ", "\t", 1);
            ("yaml-syntax", l, None)
        }
        Fault::UnclosedQuote => {
            let l = at.description;
            // A later quote would close it, and the error would be elsewhere.
            if lines[l..].iter().any(|line| line.contains('"')) {
                return None;
            }
            lines[l - 1] = "    description: \"never closed".to_owned();
            ("yaml-syntax", l, Some(18))
        }
    };
    let mut text = lines.join("\n");
    text.push('\n');
    Some((text, rule, line, column))
}

// ---------------------------------------------------------------------------------------
// Catalog-shaped documents with anything in them.

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop::sample::select(items)
}

fn odd_id() -> impl Strategy<Value = serde_yaml::Value> {
    prop_oneof![
        "[a-z][a-z0-9_]{0,10}".prop_map(serde_yaml::Value::from),
        pick(KEYWORD_IDS).prop_map(serde_yaml::Value::from),
        pick(BAD_IDS).prop_map(serde_yaml::Value::from),
        "\\PC{0,8}".prop_map(serde_yaml::Value::from),
        any::<i64>().prop_map(serde_yaml::Value::from),
        Just(serde_yaml::Value::Null),
        Just(serde_yaml::Value::Sequence(vec!["a".into()])),
    ]
}

fn odd_status() -> impl Strategy<Value = serde_yaml::Value> {
    prop_oneof![
        prop::sample::select(STATUSES).prop_map(serde_yaml::Value::from),
        any::<u16>().prop_map(serde_yaml::Value::from),
        any::<i64>().prop_map(serde_yaml::Value::from),
        any::<f64>().prop_map(serde_yaml::Value::from),
        Just(serde_yaml::Value::from("404")),
        Just(serde_yaml::Value::from("Not Found")),
        Just(serde_yaml::Value::Bool(true)),
        Just(serde_yaml::Value::Null),
    ]
}

fn odd_number() -> impl Strategy<Value = serde_yaml::Value> {
    prop_oneof![
        (0u64..10_000).prop_map(serde_yaml::Value::from),
        any::<i64>().prop_map(serde_yaml::Value::from),
        any::<u64>().prop_map(serde_yaml::Value::from),
        Just(serde_yaml::Value::from("ten")),
        Just(serde_yaml::Value::from(-1.5)),
    ]
}

fn odd_retry() -> impl Strategy<Value = serde_yaml::Value> {
    let rule = pick(&[
        "never",
        "retry_after",
        "backoff",
        "poll_again",
        "resubmit",
        "wait",
        "conditional",
        "sometimes",
        "",
    ]);
    (
        rule,
        any::<bool>(),
        prop::option::of(pick(&["error.retry_after", "error.code", "nowhere", ""])),
        prop::option::of((odd_number(), odd_number(), odd_number(), odd_number())),
        prop::option::of((odd_number(), odd_number())),
        prop::option::of(pick(&["advise", "rules", "backof", "header_"])),
    )
        .prop_map(|(rule, header, body_field, backoff, wait, typo)| {
            let mut m = serde_yaml::Mapping::new();
            m.insert("rule".into(), rule.into());
            if header {
                m.insert("header".into(), "Retry-After".into());
            }
            if let Some(field) = body_field {
                m.insert("body_field".into(), field.into());
            }
            if let Some((a, b, c, d)) = backoff {
                let mut b_map = serde_yaml::Mapping::new();
                b_map.insert("initial_ms".into(), a);
                b_map.insert("factor".into(), b);
                b_map.insert("max_attempts".into(), c);
                b_map.insert("max_delay_ms".into(), d);
                m.insert("backoff".into(), b_map.into());
            }
            if let Some((min, max)) = wait {
                let mut w = serde_yaml::Mapping::new();
                w.insert("min_seconds".into(), min);
                w.insert("max_seconds".into(), max);
                m.insert("wait".into(), w.into());
            }
            if let Some(typo) = typo {
                m.insert(typo.into(), "x".into());
            }
            serde_yaml::Value::Mapping(m)
        })
}

fn odd_error() -> impl Strategy<Value = serde_yaml::Value> {
    (
        odd_id(),
        prop::option::of(odd_status()),
        prop::option::of("\\PC{0,20}"),
        prop::option::of(odd_retry()),
        prop::option::of(pick(&["http", "poll", "websocket", "ftp"])),
        prop::option::of(pick(&["stauts", "descripton", "wires", "id "])),
        any::<bool>(),
    )
        .prop_map(|(id, status, wire, retry, context, typo, description)| {
            let mut m = serde_yaml::Mapping::new();
            m.insert("id".into(), id);
            if let Some(status) = status {
                m.insert("status".into(), status);
            }
            if let Some(wire) = wire {
                m.insert("wire".into(), wire.into());
            }
            if let Some(retry) = retry {
                m.insert("retry".into(), retry);
            }
            if let Some(context) = context {
                m.insert("context".into(), context.into());
            }
            if let Some(typo) = typo {
                m.insert(typo.into(), 1.into());
            }
            if description {
                m.insert("description".into(), "An error.".into());
            }
            serde_yaml::Value::Mapping(m)
        })
}

fn odd_catalog() -> impl Strategy<Value = String> {
    (
        odd_id(),
        pick(&["code", "message", "both"]),
        pick(&["nested_object", "bare_string", "success_flag", "xml"]),
        prop::collection::vec(
            (
                pick(&[
                    "error.code",
                    "error.message",
                    "error.retry_after",
                    "error",
                    "code",
                    "error..x",
                    "error.0",
                    "a-b.c",
                    "",
                ]),
                pick(&["string", "integer", "object", "boolean", "texte"]),
                prop::option::of(pick(&[
                    "code",
                    "message",
                    "retry_after",
                    "success",
                    "banana",
                ])),
            ),
            0..4,
        ),
        prop::collection::vec((odd_status(), prop::option::of(odd_retry())), 0..3),
        prop::collection::vec(odd_error(), 0..5),
        prop::option::of(pick(&["api", "errors", "envelope", "extra"])),
    )
        .prop_map(
            |(api_id, identified_by, family, fields, statuses, errors, drop)| {
                use serde_yaml::{Mapping, Value};
                let mut root = Mapping::new();
                let mut api = Mapping::new();
                api.insert("id".into(), api_id);
                api.insert("name".into(), "Odd".into());
                api.insert("identified_by".into(), identified_by.into());
                root.insert("api".into(), api.into());
                let mut envelope = Mapping::new();
                envelope.insert("family".into(), family.into());
                let fields: Vec<Value> = fields
                    .into_iter()
                    .map(|(path, ty, role)| {
                        let mut m = Mapping::new();
                        m.insert("path".into(), path.into());
                        m.insert("type".into(), ty.into());
                        if let Some(role) = role {
                            m.insert("role".into(), role.into());
                        }
                        m.into()
                    })
                    .collect();
                envelope.insert("fields".into(), fields.into());
                root.insert("envelope".into(), envelope.into());
                let statuses: Vec<Value> = statuses
                    .into_iter()
                    .map(|(status, retry)| {
                        let mut m = Mapping::new();
                        m.insert("status".into(), status);
                        m.insert("name".into(), "Row".into());
                        if let Some(retry) = retry {
                            m.insert("retry".into(), retry);
                        }
                        m.into()
                    })
                    .collect();
                root.insert("statuses".into(), statuses.into());
                root.insert("errors".into(), errors.into());
                match drop {
                    Some("extra") => {
                        root.insert("extra_section".into(), 1.into());
                    }
                    Some(key) => {
                        root.remove(key);
                    }
                    None => {}
                }
                serde_yaml::to_string(&Value::Mapping(root)).expect("a YAML value serializes")
            },
        )
}

// ---------------------------------------------------------------------------------------
// The properties.

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any bytes at all.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = run_bytes(&bytes);
    }

    /// Any UTF-8 text, controls and all.
    #[test]
    fn arbitrary_utf8_never_panics(text in ".{0,512}") {
        let _ = run_text(&text);
    }

    /// Text made of YAML's own punctuation, which reaches far deeper into the parsers
    /// than random characters do.
    #[test]
    fn yaml_punctuation_never_panics(text in "([-:,?&*!|>'\"%@`#{}\\[\\] \t\r\n]|[a-z0-9]|errors|api|id|status|- id: a\n){0,120}") {
        let _ = run_text(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Catalog-shaped documents with odd ids, invalid statuses, random retry rules,
    /// misspelt fields and values of the wrong type.
    #[test]
    fn odd_catalogs_never_panic(text in odd_catalog()) {
        let _ = run_text(&text);
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random valid catalogs validate, and generate Rust that parses; with CRLF line
    /// endings or a byte-order mark too.
    #[test]
    fn valid_catalogs_validate(spec in catalog_spec()) {
        let built = spec.build();
        if let Err(diagnostics) = run_text(&built.text) {
            panic!("a valid catalog was refused:\n{diagnostics}\n--- catalog ---\n{}", built.text);
        }
        let crlf = built.text.replace('\n', "\r\n");
        prop_assert!(validate_text(&crlf).is_ok(), "with CRLF line endings");
        let bom = format!("\u{feff}{}", built.text);
        let bom = validate::validate(vec![load::load_bytes(FILE, bom.as_bytes())]);
        prop_assert!(bom.is_ok(), "with a byte-order mark");
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    /// One fault in a valid catalog: reported with its rule, at its line (and column),
    /// and at the same positions with CRLF line endings and with a byte-order mark.
    #[test]
    fn one_fault_is_reported_where_it_is(spec in catalog_spec(), k in any::<prop::sample::Index>(), fault in fault()) {
        let built = spec.build();
        let k = k.index(built.errors.len());
        // Faults that do not apply to this error (no status line, say) are drawn again.
        let injected = inject(&built, k, &fault);
        prop_assume!(injected.is_some());
        let (text, rule, line, column) = injected.unwrap();
        let result = run_text(&text);
        let diagnostics = match &result {
            Ok(_) => panic!("{fault:?} in errors[{k}] validated:\n{text}"),
            Err(diagnostics) => diagnostics,
        };
        let found = diagnostics.0.iter().any(|d| {
            d.rule == rule
                && d.position.line == line
                && column.is_none_or(|c| c == d.position.column)
        });
        prop_assert!(
            found,
            "{fault:?} in errors[{k}]: expected {rule} at {line}:{column:?}, got:\n{diagnostics}\n--- catalog ---\n{text}"
        );
        let expected = positions(&result);
        let crlf = validate_text(&text.replace('\n', "\r\n"));
        prop_assert_eq!(&positions(&crlf), &expected, "CRLF moved the diagnostics:\n{}", text);
        let bom = run_text(&format!("\u{feff}{text}"));
        prop_assert_eq!(&positions(&bom), &expected, "a BOM moved the diagnostics:\n{}", text);
    }

    /// A NUL byte anywhere is reported exactly where it is.
    #[test]
    fn nul_byte_is_located(spec in catalog_spec(), at in any::<prop::sample::Index>()) {
        let text = spec.build().text;
        let mut cut = at.index(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut bytes = text.as_bytes()[..cut].to_vec();
        bytes.push(0);
        bytes.extend_from_slice(&text.as_bytes()[cut..]);
        let diagnostics = run_bytes(&bytes).expect_err("a NUL byte is refused");
        prop_assert_eq!(diagnostics.len(), 1, "{}", diagnostics);
        let d = &diagnostics.0[0];
        prop_assert_eq!(d.rule, "nul-byte");
        prop_assert_eq!((d.position.line, d.position.column), line_column(&text, cut));
    }

    /// A byte that is not UTF-8, anywhere, is reported exactly where it is.
    #[test]
    fn invalid_utf8_is_located(spec in catalog_spec(), at in any::<prop::sample::Index>(), byte in prop_oneof![0x80u8..0xc2, 0xf5u8..=0xff]) {
        let text = spec.build().text;
        let mut cut = at.index(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut bytes = text.as_bytes()[..cut].to_vec();
        bytes.push(byte);
        bytes.extend_from_slice(&text.as_bytes()[cut..]);
        let diagnostics = run_bytes(&bytes).expect_err("invalid UTF-8 is refused");
        prop_assert_eq!(diagnostics.len(), 1, "{}", diagnostics);
        let d = &diagnostics.0[0];
        prop_assert_eq!(d.rule, "not-utf8");
        prop_assert_eq!((d.position.line, d.position.column), line_column(&text, cut));
        prop_assert!(d.message.contains(&format!("offset {cut}")), "{}", d.message);
    }
}

// ---------------------------------------------------------------------------------------
// Explicit cases, each bounded in time.

const QUICK: Duration = Duration::from_secs(5);

/// "Billion laughs" at several depths and fan-outs, in lists and in maps, placed where a
/// catalog field expects a list, a string and a map.
#[test]
fn alias_bombs_are_refused_quickly() {
    let mut cases = Vec::new();
    for (levels, fan, shape, place) in [
        (9, 10, "list", "notes"),
        (9, 10, "map", "root"),
        (12, 8, "list", "description"),
        (30, 2, "map", "notes"),
        (30, 2, "list", "root"),
        (5, 100, "map", "description"),
    ] {
        // The anchors live under an unknown top-level key; the bomb goes off where the
        // catalog has a field (or at the top level).
        let mut text =
            String::from("api:\n  id: acme\n  name: Acme\nanchors:\n  x0: &a0 \"lol\"\n");
        for level in 1..=levels {
            let items: Vec<String> = (0..fan)
                .map(|i| match shape {
                    "list" => format!("*a{}", level - 1),
                    _ => format!("k{i}: *a{}", level - 1),
                })
                .collect();
            let body = match shape {
                "list" => format!("[{}]", items.join(", ")),
                _ => format!("{{{}}}", items.join(", ")),
            };
            let _ = writeln!(text, "  x{level}: &a{level} {body}");
        }
        let _ = match place {
            "notes" => writeln!(text, "notes: *a{levels}"),
            "description" => writeln!(
                text,
                "errors:\n  - id: a\n    status: 400\n    description: *a{levels}"
            ),
            _ => writeln!(text, "bomb: *a{levels}"),
        };
        cases.push((
            format!("{levels} levels x {fan} ({shape}, in {place})"),
            text,
        ));
    }
    for (what, text) in cases {
        let start = Instant::now();
        let diagnostics = refused_within(QUICK, &what, text);
        assert!(
            diagnostics
                .0
                .iter()
                .any(|d| d.rule == "yaml-syntax" && d.message.contains("repetition limit")),
            "{what}: expected the repetition limit, got:\n{diagnostics}"
        );
        assert!(start.elapsed() < QUICK, "{what} took {:?}", start.elapsed());
    }
}

/// The alias bomb's diagnostic points at the alias that expands too far, not at the top
/// of the file.
#[test]
fn alias_bomb_diagnostic_points_at_the_alias() {
    let mut text =
        String::from("# a bomb\napi:\n  id: acme\n  name: Acme\nanchors:\n  x0: &a0 \"lol\"\n");
    for level in 1..=9 {
        let _ = writeln!(
            text,
            "  x{level}: &a{level} [{}]",
            vec![format!("*a{}", level - 1); 10].join(", ")
        );
    }
    text.push_str("notes: *a9\n");
    let diagnostics = refused_within(QUICK, "alias bomb", text);
    let d = &diagnostics.0[0];
    assert_eq!(
        d.position.line, 16,
        "the bomb goes off at `notes: *a9` on line 16:\n{diagnostics}"
    );
}

/// The nested documents of the deep-nesting cases, by name and depth.
fn nested(kind: &str, depth: usize) -> String {
    match kind {
        "flow" => format!("api:\n  id: acme\nnotes: {}\n", "[".repeat(depth)),
        "closed" => format!("notes: {}x{}\n", "[".repeat(depth), "]".repeat(depth)),
        "map" => format!("notes: {}\n", "{a: ".repeat(depth)),
        "dash" => format!("api:\n  id: acme\nnotes:\n  {}x\n", "- ".repeat(depth)),
        // Explicit keys nested on one line: no `- ` or bracket for a text scan to count.
        "keys" => format!("{}x\n", "? ".repeat(depth)),
        "notes-keys" => format!("notes:\n  {}x\n", "? ".repeat(depth)),
        // A quote inside a plain scalar (`b 'c` is plain text) once fooled the textual
        // pre-scan into reading the rest of the file as quoted.
        "quoted-dash" => format!("a: b 'c\nnotes:\n  {}x\n", "- ".repeat(depth)),
        "quoted-flow" => format!("a: b 'c\nnotes: {}\n", "[".repeat(depth)),
        "indent" => (0..depth).fold(String::from("notes:\n"), |mut s, d| {
            let _ = writeln!(s, "{}k{d}:", " ".repeat(d + 1));
            s
        }),
        other => panic!("no such nesting: {other}"),
    }
}

/// Runs one deep-nesting case in a child process (this test binary, running
/// `isolated_case`), so that a stack overflow, which aborts the whole process, fails one
/// test instead of killing the run. The child gets an 8 MiB stack, as the `errcat` CLI's
/// and a build script's main thread have. Returns whether it succeeded, what it printed
/// and how long it took; a child still running after `limit` is killed.
fn run_isolated(kind: &str, depth: usize, limit: Duration) -> (bool, String, Duration) {
    let mut child = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "isolated_case",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("ERRCAT_HOSTILE_CASE", format!("{kind}:{depth}"))
        .env("RUST_MIN_STACK", (8 * 1024 * 1024).to_string())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the test binary runs");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            let out = child.wait_with_output().expect("child output");
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            return (status.success(), text, start.elapsed());
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return (false, format!("killed after {limit:?}"), start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The child side of [`run_isolated`]; does nothing in a normal run.
#[test]
fn isolated_case() {
    let Ok(case) = std::env::var("ERRCAT_HOSTILE_CASE") else {
        return;
    };
    let (kind, depth) = case.split_once(':').expect("kind:depth");
    let text = nested(kind, depth.parse().expect("a depth"));
    let diagnostics = run_text(&text).expect_err("a deeply nested document is refused");
    assert!(
        diagnostics.0.iter().any(|d| d.rule == "too-deep"
            || (d.rule == "yaml-syntax" && d.message.contains("recursion limit"))),
        "expected the recursion limit, got:\n{diagnostics}"
    );
    println!("refused: {}", diagnostics.0[0]);
}

fn assert_deep_case_refused_quickly(kind: &str, depth: usize) {
    let (ok, output, took) = run_isolated(kind, depth, QUICK);
    assert!(
        ok,
        "{depth} levels of `{kind}` nesting: not refused cleanly within {QUICK:?} (took {took:?}):\n{output}"
    );
}

/// Nesting deep enough to exhaust a recursive parser, at the depths that are handled
/// within bounds today (deeper: the ignored tests below).
#[test]
fn deep_nesting_is_refused_quickly() {
    for (kind, depth) in [
        ("flow", 5_000),
        ("closed", 5_000),
        ("map", 2_000),
        ("dash", 1_000),
        ("indent", 1_000),
    ] {
        assert_deep_case_refused_quickly(kind, depth);
    }
}

/// Shapes that got past the textual pre-scan: explicit keys, and block or flow nesting after
/// a stray quote in a plain scalar. Each overflowed the stack (SIGABRT) or took over a
/// minute before the depth limit moved onto the parser's own events.
#[test]
fn nesting_the_old_text_scan_missed_is_refused_quickly() {
    for (kind, depth) in [
        ("keys", 5_000),
        ("keys", 100_000),
        ("notes-keys", 5_000),
        ("quoted-dash", 5_000),
        ("quoted-dash", 100_000),
        ("quoted-flow", 5_000),
        ("quoted-flow", 100_000),
    ] {
        assert_deep_case_refused_quickly(kind, depth);
    }
}

#[test]
fn hundred_thousand_flow_levels_are_refused_quickly() {
    assert_deep_case_refused_quickly("flow", 100_000);
}

#[test]
fn hundred_thousand_flow_mappings_are_refused_quickly() {
    assert_deep_case_refused_quickly("map", 100_000);
}

#[test]
fn hundred_thousand_block_levels_are_refused_quickly() {
    assert_deep_case_refused_quickly("dash", 100_000);
}

#[test]
fn five_thousand_indented_levels_are_refused_quickly() {
    assert_deep_case_refused_quickly("indent", 5_000);
}

/// A unique scratch folder under the system temp dir, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(what: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "errcat-hostile-{what}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        Scratch(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A 100 MB file on disk is refused as too large, at 1:1, within a few seconds.
#[test]
fn hundred_megabyte_file_is_refused_quickly() {
    let scratch = Scratch::new("large");
    let path = scratch.path().join("large.yaml");
    {
        use std::io::Write as _;
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let line = format!("# {}\n", "x".repeat(1021));
        for _ in 0..100 * 1024 {
            file.write_all(line.as_bytes()).unwrap();
        }
        file.flush().unwrap();
    }
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 100 * 1024 * 1024);
    let display = "catalog/large.yaml".to_owned();
    let start = Instant::now();
    let diagnostics = within(QUICK, "a 100 MB file", {
        let path = path.clone();
        let display = display.clone();
        move || {
            let loaded = load::load_file(&path, &display);
            validate::validate(vec![loaded]).expect_err("a 100 MB file is refused")
        }
    });
    assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
    assert_located(&display, &diagnostics, &"100 MB file");
    assert_eq!(diagnostics.len(), 1, "{diagnostics}");
    let d = &diagnostics.0[0];
    assert_eq!(d.rule, "file-too-large");
    assert_eq!((d.position.line, d.position.column), (1, 1));
    assert!(d.message.contains(&MAX_FILE_BYTES.to_string()), "{d}");
}

/// A file that never ends (a FIFO fed forever): the loader stops reading one byte past
/// the limit instead of reading it all.
#[test]
fn endless_stream_is_read_only_up_to_the_limit() {
    let scratch = Scratch::new("fifo");
    let fifo = scratch.path().join("endless.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            use std::io::Write as _;
            let mut file = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
            let chunk = vec![b'#'; 64 * 1024];
            let mut written = 0usize;
            // At most 1 GiB, so a loader that reads everything still ends the test.
            while written < 1024 * 1024 * 1024 {
                match file.write(&chunk) {
                    Ok(n) => written += n,
                    Err(_) => break, // EPIPE: the reader closed the FIFO.
                }
            }
            written
        })
    };
    let display = "catalog/endless.yaml";
    let diagnostics = within(Duration::from_secs(20), "an endless FIFO", move || {
        validate::validate(vec![load::load_file(&fifo, display)]).expect_err("refused")
    });
    let written = writer.join().unwrap();
    assert_eq!(diagnostics.0[0].rule, "file-too-large", "{diagnostics}");
    // What the writer got rid of: what the loader read, plus the pipe's buffer.
    assert!(
        written <= MAX_FILE_BYTES + 2 * 1024 * 1024,
        "the loader read {written} bytes of an endless stream; the limit is {MAX_FILE_BYTES}"
    );
}

/// A catalog that is a folder, a missing file: a diagnostic, no panic.
#[test]
fn unreadable_paths_are_diagnosed() {
    let scratch = Scratch::new("unreadable");
    for (path, display) in [
        (scratch.path().to_path_buf(), "catalog/a-folder.yaml"),
        (scratch.path().join("missing.yaml"), "catalog/missing.yaml"),
    ] {
        let diagnostics = validate::validate(vec![load::load_file(&path, display)])
            .expect_err("an unreadable catalog is refused");
        assert_located(display, &diagnostics, &path);
        assert_eq!(diagnostics.0[0].rule, "unreadable-file", "{diagnostics}");
    }
}

/// A valid catalog text, the base of the byte-level cases below.
fn sample() -> String {
    CatalogSpec {
        api_word: 0,
        by_message: false,
        family: Family::NestedObject,
        doc_url: true,
        with_type: true,
        example: true,
        errors: vec![
            ErrorSpec {
                word: 10,
                status: 401,
                rule: Rule::Never,
                description: "Bad key.".into(),
                wire: None,
                typed: false,
            },
            ErrorSpec {
                word: 1,
                status: 429,
                rule: Rule::RetryAfter { body_field: true },
                description: "Slow down.".into(),
                wire: Some("SLOW".into()),
                typed: false,
            },
        ],
    }
    .build()
    .text
}

#[test]
fn the_sample_is_valid() {
    let text = sample();
    assert!(run_text(&text).is_ok(), "{text}");
}

/// Invalid UTF-8 (a lone continuation byte, an overlong encoding, a surrogate, a cut
/// sequence at the end): `not-utf8` at the byte's line and column.
#[test]
fn non_utf8_bytes_are_located() {
    let text = sample();
    let line3 = text.match_indices('\n').nth(1).unwrap().0 + 1;
    for bad in [
        &b"\x80"[..],
        b"\xc0\xaf",
        b"\xed\xa0\x80",
        b"\xff\xfe",
        b"\xe2\x82",
    ] {
        let mut bytes = text.as_bytes()[..line3 + 4].to_vec();
        bytes.extend_from_slice(bad);
        if bad != b"\xe2\x82" {
            bytes.extend_from_slice(&text.as_bytes()[line3 + 4..]);
        }
        let diagnostics = run_bytes(&bytes).expect_err("refused");
        let d = &diagnostics.0[0];
        assert_eq!(d.rule, "not-utf8", "{diagnostics}");
        assert_eq!(
            (d.position.line, d.position.column),
            (3, 5),
            "{bad:?}: {diagnostics}"
        );
        assert!(d.source_line.is_some(), "the line is shown: {diagnostics}");
    }
}

/// A NUL byte: `nul-byte` at its line and column, the line shown.
#[test]
fn nul_byte_is_diagnosed() {
    let text = sample().replacen("  name:", "  na\0me:", 1);
    let diagnostics = run_text(&text).expect_err("refused");
    assert_eq!(diagnostics.len(), 1, "{diagnostics}");
    let d = &diagnostics.0[0];
    assert_eq!(d.rule, "nul-byte");
    assert_eq!((d.position.line, d.position.column), (4, 5));
    let rendered = diagnostics.to_string();
    assert!(rendered.contains(&format!("{FILE}:4:5")), "{rendered}");
}

/// CRLF, a lone CR, a BOM, a BOM with CRLF: the valid sample stays valid, and a broken
/// one is reported at the same place as with LF.
#[test]
fn line_endings_and_bom_change_nothing() {
    let valid = sample();
    let broken = valid.replacen("    status: 429", "    status: 4290", 1);
    let lf = run_text(&broken);
    let expected = positions(&lf);
    assert!(!expected.is_empty());
    for (what, transform) in [
        (
            "CRLF",
            Box::new(|t: &str| t.replace('\n', "\r\n")) as Box<dyn Fn(&str) -> String>,
        ),
        ("CR", Box::new(|t: &str| t.replace('\n', "\r"))),
        ("BOM", Box::new(|t: &str| format!("\u{feff}{t}"))),
        (
            "BOM+CRLF",
            Box::new(|t: &str| format!("\u{feff}{}", t.replace('\n', "\r\n"))),
        ),
    ] {
        assert!(
            run_text(&transform(&valid)).is_ok(),
            "{what}: the valid sample"
        );
        assert_eq!(
            positions(&run_text(&transform(&broken))),
            expected,
            "{what}: the broken sample"
        );
    }
}

/// Tabs: as indentation they are a located syntax error with a hint; inside quoted text
/// and after a value they are fine.
#[test]
fn tabs_are_diagnosed_only_where_yaml_forbids_them() {
    let valid = sample();
    let indented = valid.replacen("\n  name:", "\n\tname:", 1);
    let diagnostics = run_text(&indented).expect_err("tab indentation is refused");
    let d = &diagnostics.0[0];
    assert_eq!(d.rule, "yaml-syntax", "{diagnostics}");
    assert_eq!(d.position.line, 4, "{diagnostics}");
    assert!(d.help.contains("tab"), "{diagnostics}");
    let inside = valid.replacen("Bad key.", "Bad\tkey.", 1);
    assert!(run_text(&inside).is_ok(), "a tab inside a quoted string");
    let trailing = valid.replacen("  name: \"Hostile", "  name:\t\"Hostile", 1);
    assert!(
        run_text(&trailing).is_ok(),
        "a tab between key and value:\n{:?}",
        run_text(&trailing).err().map(|d| d.to_string())
    );
}

/// Every byte sequence of a corpus of small hostile snippets, in one go: quick, located.
#[test]
fn small_hostile_snippets() {
    let snippets: &[&[u8]] = &[
        b"",
        b"\n\n\n",
        b"---",
        b"--- !!binary AAAA",
        b"!!python/object:os.system ls",
        b"api: !!str 1\n",
        b"? [a, b]\n: c\n",
        b"&a [*a]",
        b"a: &a\n  b: *a\n",
        b"*undefined",
        b"%YAML 1.2\n---\napi: 1\n",
        b"%TAG ! tag:example.com,2000:\n---\n!foo bar",
        b"api: {id: acme, name: Acme}\nerrors: []\nenvelope: {family: nested_object, fields: []}\n",
        b"\xef\xbb\xbf",
        b"\xef\xbb\xbf\xef\xbb\xbf",
        b"\r",
        b"\r\n\r\n",
        b"api:\r  id: a\r",
        b"'unclosed",
        b"\"\\x\"",
        b"\"\\uD800\"",
        b"\"\\U0010FFFF\"",
        b"a: b: c",
        b"[1, 2",
        b"{a: 1, a: 2}",
        b"errors:\n  - id: a\n    id: b\n",
        b"\t",
        b"- \t- x",
        b"api:\n  id: acme\n  name: Acme\nerrors: [\"\\u0000\"]\n",
        b"\xe2\x80\xa8api: 1",
        b"\xc2\x85api: 1",
        b"api: \"\xf0\x9f\x8e\x89\"\n",
        b"<<: *a",
        b"<<: {api: 1}",
        b"1: 2",
        b"~: ~",
        b"? \n",
        b": x",
        b"- - - -",
        b">\n  folded\n",
        b"|\n  literal\n",
        b"|-9\n x\n",
        b"api: 0x10\n",
        b"api: .nan\n",
        b"api: 1e400\n",
        b"api: 99999999999999999999999999999\n",
        b"errors:\n  - status: 99999999999999999999999\n",
        b"errors:\n  - status: -0\n",
    ];
    for bytes in snippets {
        let bytes = bytes.to_vec();
        within(
            QUICK,
            &format!("{:?}", String::from_utf8_lossy(&bytes)),
            move || {
                let _ = run_bytes(&bytes);
            },
        );
    }
}

/// Paths that do not exist and empty folders: located diagnostics, never a panic.
#[test]
fn missing_catalog_paths_are_located() {
    let scratch = Scratch::new("missing");
    let missing = scratch.path().join("nope");
    let diagnostics = Builder::new()
        .catalog(&missing)
        .load()
        .expect_err("refused");
    assert_located(
        &missing.display().to_string().replace('\\', "/"),
        &diagnostics,
        &"missing path",
    );
    let empty = scratch.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let diagnostics = Builder::new().catalog(&empty).load().expect_err("refused");
    assert_located(
        &empty.display().to_string().replace('\\', "/"),
        &diagnostics,
        &"empty folder",
    );
}

/// The size the no-hang promise is checked at: any input this large is diagnosed in
/// under [`LINEAR_LIMIT`] in a debug build. It takes milliseconds, so the bound is a hang
/// detector (a super-linear step at this size), not a speed claim: speed is measured by
/// the benchmarks.
const SIXTY_FOUR_KIB: usize = 64 * 1024;
const LINEAR_LIMIT: Duration = Duration::from_secs(1);

/// Pieces of YAML and catalog that each stress one part of loading and validation when
/// repeated: nesting punctuation, quotes, aliases, comments, documents, tags, block
/// scalars, duplicate keys, unknown fields (structural errors, pruned and retried), and
/// whole error entries with bad ids (one semantic diagnostic each).
const FRAGMENTS: &[&str] = &[
    "? ",
    "- ",
    "[",
    "{a: ",
    "]",
    "}",
    "'",
    "\"",
    "a: b 'c\n",
    "&a [*a, *a]\n",
    "*a ",
    "# c\n",
    "\t",
    "---\n",
    "key: value\n",
    ": ",
    "!tag ",
    "%YAML 1.2\n",
    "|\n  x\n",
    "xxxxxxxx",
    "\r",
    "- [",
    "? - ",
    "a:\n  b:\n    c: d\n",
    "  - id: Bad-Id\n    status: 400\n",
    "  - id: x\n    wire: X\n    status: 400\n    bogus_key: 1\n",
    "  - id: x\n    wire: X\n    status: 99999\n    category: nope\n",
];

/// A catalog whose errors are `count` entries, each with an id that is not snake_case.
fn bad_ids_catalog(count: usize) -> String {
    let mut text = String::from(
        "api:\n  id: acme\n  name: Acme\n  identified_by: code\nenvelope:\n  family: nested_object\n  fields:\n    - path: error.code\n      type: string\n      role: code\n      required: true\nerrors:\n",
    );
    for i in 0..count {
        let _ = writeln!(
            text,
            "  - id: Bad-Id-{i}\n    wire: WIRE_{i}\n    status: 400\n    category: invalid_request\n    description: \"d\""
        );
    }
    text
}

/// The fastest of up to three timed runs of loading and validating `text` (a busy
/// machine can stall one run; the bound is a hang detector, not a speed claim).
fn fastest_diagnosis(text: &str) -> Duration {
    let mut fastest = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let _ = validate_text(text);
        fastest = fastest.min(start.elapsed());
        if fastest < LINEAR_LIMIT {
            break;
        }
    }
    fastest
}

fn repeated_to(fragment: &str, size: usize) -> String {
    let mut text = String::with_capacity(size + fragment.len());
    while text.len() + fragment.len() <= size {
        text.push_str(fragment);
    }
    text
}

/// Every fragment repeated to 64 KiB, at the top level and inside a catalog's `errors:`.
#[test]
fn any_sixty_four_kib_input_is_diagnosed_within_a_second() {
    let header = bad_ids_catalog(0);
    for fragment in FRAGMENTS {
        for prefix in ["", header.as_str()] {
            let text = format!(
                "{prefix}{}",
                repeated_to(fragment, SIXTY_FOUR_KIB - prefix.len())
            );
            let took = fastest_diagnosis(&text);
            assert!(
                took < LINEAR_LIMIT,
                "{fragment:?} repeated to 64 KiB (prefix {} bytes) took {took:?}",
                prefix.len()
            );
        }
    }
}

/// Thousands of diagnostics are all reported, and 64 KiB of them (about 600) are diagnosed
/// within the hang bound. How the cost grows with their number is measured by the
/// `diagnosis` benchmark (`cargo bench -p errcat-bench --bench generation`), not here:
/// finding an excerpt's line once scanned the whole text, so 5,000 bad ids took over 10 s.
#[test]
fn many_diagnostics_are_all_reported() {
    let small = bad_ids_catalog(500);
    let large = bad_ids_catalog(5_000);
    let count = |text: &str| match validate_text(text) {
        Err(diagnostics) => diagnostics
            .0
            .iter()
            .filter(|d| d.message.contains("Bad-Id-"))
            .count(),
        Ok(_) => 0,
    };
    assert_eq!(count(&small), 500, "every bad id is reported");
    assert_eq!(count(&large), 5_000, "every bad id is reported");
    let sixty_four = bad_ids_catalog(SIXTY_FOUR_KIB / 110);
    assert!(sixty_four.len() <= SIXTY_FOUR_KIB, "{}", sixty_four.len());
    let took = fastest_diagnosis(&sixty_four);
    assert!(took < LINEAR_LIMIT, "64 KiB of bad ids took {took:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Any mix of the fragments, up to 64 KiB, is diagnosed within the limit.
    #[test]
    fn mixed_sixty_four_kib_inputs_are_diagnosed_within_a_second(
        picks in proptest::collection::vec((0..FRAGMENTS.len(), 1usize..2_000), 1..40)
    ) {
        let mut text = String::new();
        for (index, times) in picks {
            let fragment = FRAGMENTS[index];
            for _ in 0..times {
                if text.len() + fragment.len() > SIXTY_FOUR_KIB {
                    break;
                }
                text.push_str(fragment);
            }
        }
        let took = fastest_diagnosis(&text);
        prop_assert!(took < LINEAR_LIMIT, "took {:?} on {} bytes", took, text.len());
    }
}

/// The fuzz target `load_catalog`'s regression corpus (`fuzz/regressions/load_catalog/`):
/// inputs that once crashed or took seconds. Each is diagnosed, located, within the
/// linear-time limit.
#[test]
fn fuzz_regressions_are_diagnosed_quickly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions/load_catalog");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("the regression corpus") {
        let path = entry.expect("a corpus entry").path();
        let bytes = std::fs::read(&path).expect("a corpus file");
        let name = path.display().to_string();
        let took = within(QUICK, &name, move || {
            let start = Instant::now();
            let result = run_bytes(&bytes);
            assert!(result.is_err(), "every regression input is a bad catalog");
            start.elapsed()
        });
        assert!(took < LINEAR_LIMIT * 2, "{name} took {took:?}");
        seen += 1;
    }
    assert!(seen >= 5, "the corpus has {seen} files");
}
