//! Generated code always compiles: random *valid* catalogs (seeded, so every run builds
//! the same ones) with odd identifiers, ids that are Rust keywords plus a suffix, Unicode,
//! quotes, `*/`, `#[`, backslashes, braces and very long strings in every text, one
//! catalog with a single code and one with 5,000, every envelope family, and
//! message-identified APIs whose wire is arbitrary text. Each module is generated with the
//! `Builder` and must parse with `syn`; then all of them go into ONE temporary crate
//! (errcat by path with `default-features = false`, plus serde_json) whose generated test
//! round-trips every code of every API through `ErrorCode::from_wire(code.as_str())`,
//! `FromStr`, serde, `ErrorEnvelope` and `ApiError::from_response(code.response(..))`.
//! `cargo test` and `cargo clippy -- -D warnings` must pass on it.
//!
//! The crate lives in `target/generated-compiles/crate` and builds into
//! `target/generated-compiles` (CARGO_TARGET_DIR), and files are only rewritten when their
//! contents change, so a rerun is incremental (a warm run takes seconds).
//!
//! The ignored tests at the end are catalogs that validate but generate Rust that does not
//! compile (or make the generator panic): known bugs, see RELIABILITY.md.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use errcat_codegen::Builder;

// ---------------------------------------------------------------------------------------
// A seeded generator of valid catalogs.

/// splitmix64: small, seedable, good enough to pick test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Valid ids that are odd: Rust keywords and prelude names with a suffix, digits, one
/// letter. Each ends in a letter; `_<index>` is appended, so ids are unique and so are
/// their CamelCase forms.
const WORDS: &[&str] = &[
    "type_error",
    "self_error",
    "super_x",
    "crate_y",
    "match_failed",
    "async_z",
    "await_q",
    "fn_a",
    "impl_b",
    "dyn_c",
    "r_d",
    "a",
    "z9z",
    "e2e",
    "http2_stream",
    "option_e",
    "some_f",
    "none_g",
    "result_h",
    "string_i",
    "all_j",
    "info_k",
    "invalid_api_key",
];

/// Texts that once broke a code generator somewhere: comment and attribute openers,
/// string escapes, format braces, Markdown and HTML, doctest fences, Unicode.
const TEXTS: &[&str] = &[
    "Plain text.",
    "Quotes \" and ' and `backticks`",
    "Ends a comment */ and opens one /* and a line comment //",
    "#[doc = \"injected\"] #![allow(warnings)]",
    "Backslashes \\ \\\\ \\n \\u{0} \\x00",
    "Format braces {} {{}} {0} {name} %s %d",
    "Markdown [link](https://example.com) [x] <b>bold</b> <!-- --> &amp; *emph* _u_ # heading",
    "```rust\npanic!(\"doctest\");\n```",
    "    indented like a code block",
    "Unicode: é ß 中文 Ελληνικά עברית 🎉 \u{200b}zero-width \u{200f}rlm",
    "Line one\nline two\r\nline three\ttabbed",
    "1. First\n2. Second\n- bullet",
    "\"); panic!(\"",
    "r#\"raw\"# b\"bytes\" '\\''",
    "Trailing spaces and newline   \n",
];

fn text(rng: &mut Rng) -> String {
    let mut out = (*rng.pick(TEXTS)).to_owned();
    if rng.chance(30) {
        out.push(' ');
        let more: &&str = rng.pick(TEXTS);
        out.push_str(more);
    }
    out
}

fn long_text(len: usize) -> String {
    let unit = "A very long description with \"quotes\", */, #[, \\, {} and é. ";
    unit.repeat(len / unit.len() + 1)
}

/// A YAML double-quoted scalar holding `text` exactly.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20
                || (0x7f..=0x9f).contains(&(c as u32))
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') =>
            {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Family {
    NestedObject,
    BareString,
    SuccessFlag,
}

struct Plan {
    api_id: String,
    codes: usize,
    family: Family,
    by_message: bool,
    seed: u64,
}

/// A retry rule valid for `status`, as YAML flow mapping text.
fn retry_for(rng: &mut Rng, status: u16) -> Option<String> {
    let repeatable = matches!(status, 408 | 409 | 423 | 425 | 429) || status >= 500;
    let advice = quoted(&text(rng));
    // A repeated 4xx other than 408 and 429 quotes the page's reason.
    let reason = if matches!(status, 409 | 423 | 425) {
        format!(", reason: {advice}")
    } else {
        String::new()
    };
    let rules: Vec<String> = if repeatable {
        vec![
            format!("{{ rule: retry_after, header: Retry-After, advice: {advice}{reason} }}"),
            format!("{{ rule: backoff, backoff: {{ initial_ms: 500, factor: 3, max_attempts: 4, max_delay_ms: 60000 }}{reason} }}"),
            format!("{{ rule: backoff, backoff: {{}}{reason} }}"),
            format!("{{ rule: wait, wait: {{ min_seconds: 30, max_seconds: 60 }}, backoff: {{}}{reason} }}"),
            format!("{{ rule: poll_again, header: Retry-After{reason} }}"),
            "{ rule: resubmit }".to_owned(),
        ]
    } else {
        vec![
            format!("{{ rule: never, advice: {advice} }}"),
            "{ rule: resubmit }".to_owned(),
        ]
    };
    if status == 429 {
        return Some(rules[0].clone());
    }
    rng.chance(70).then(|| rng.pick(&rules).clone())
}

const STATUSES: &[u16] = &[
    400, 401, 402, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504,
];

fn catalog(plan: &Plan) -> String {
    let mut rng = Rng(plan.seed);
    let rng = &mut rng;
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# Generated for generated_compiles.rs (seed {}).",
        plan.seed
    );
    let _ = writeln!(y, "api:\n  id: {}", plan.api_id);
    let _ = writeln!(
        y,
        "  name: {}",
        quoted(&format!("{} \"API\" */ #[x] {{}}", plan.api_id))
    );
    let _ = writeln!(y, "  description: {}", quoted(&text(rng)));
    let _ = writeln!(
        y,
        "  source: \"https://example.com/{}/errors\"",
        plan.api_id
    );
    // `{code}` is left out: wires with spaces or newlines are pasted into the URL as they
    // are (a known bug, below).
    if rng.chance(60) {
        let _ = writeln!(y, "  doc_url: \"https://docs.example.com/errors/{{id}}\"");
    }
    if plan.by_message {
        let _ = writeln!(y, "  identified_by: message");
    }
    if rng.chance(30) {
        let _ = writeln!(y, "  inferred: {{ name: {} }}", quoted(&text(rng)));
    }
    // Envelope.
    let with_types = !plan.by_message && rng.chance(50);
    let _ = writeln!(y, "envelope:");
    let (family, mut fields, retry_field) = match plan.family {
        Family::NestedObject => (
            "nested_object",
            vec![
                "{ path: error.code, type: string, role: code, required: true }".to_owned(),
                "{ path: error.message, type: string, role: message, required: true }".to_owned(),
                "{ path: error.retryAfterSeconds, type: integer, role: retry_after }".to_owned(),
                "{ path: error.details, type: object, role: details, nullable: true }".to_owned(),
                "{ path: error.request-id, type: string, role: request_id }".to_owned(),
                "{ path: error.self, type: string, role: param }".to_owned(),
                "{ path: error.errors, type: string_array, role: messages }".to_owned(),
                "{ path: meta.0, type: boolean }".to_owned(),
                "{ path: meta.Match, type: number, nullable: true }".to_owned(),
            ],
            Some("error.retryAfterSeconds"),
        ),
        Family::BareString => (
            "bare_string",
            vec![
                "{ path: error, type: string, role: message, required: true }".to_owned(),
                "{ path: code, type: string, role: code }".to_owned(),
                "{ path: retry_after, type: number, role: retry_after }".to_owned(),
                "{ path: timestamp, type: string, role: timestamp }".to_owned(),
            ],
            Some("retry_after"),
        ),
        Family::SuccessFlag => (
            "success_flag",
            vec![
                "{ path: success, type: boolean, role: success, required: true, constant: false }"
                    .to_owned(),
                "{ path: error, type: string, role: message, required: true }".to_owned(),
                "{ path: code, type: string, role: code }".to_owned(),
                "{ path: data.type, type: string }".to_owned(),
            ],
            None,
        ),
    };
    if with_types {
        fields.push("{ path: kind, type: string, role: type }".to_owned());
    }
    // The same fields make a flat object when the code, not the message, identifies.
    let family = if family == "bare_string" && !plan.by_message {
        "flat_object"
    } else {
        family
    };
    let _ = writeln!(y, "  family: {family}");
    let _ = writeln!(y, "  description: {}", quoted(&text(rng)));
    let _ = writeln!(y, "  fields:");
    for field in &fields {
        let _ = writeln!(y, "    - {field}");
    }
    let _ = writeln!(y, "  sample: {}", quoted("{\"error\": \"*/ ``` #[\"}"));
    let _ = writeln!(
        y,
        "auth:\n  headers:\n    - {{ name: Authorization, format: {} }}\n  key_prefixes:\n    - {{ prefix: \"sk_\\\"x\", description: {} }}",
        quoted("Bearer sk_... \"*/\""),
        quoted(&text(rng))
    );
    let _ = writeln!(
        y,
        "headers:\n  - {{ name: Retry-After, role: retry_after, format: delay_seconds_or_http_date, when: {} }}\n  - {{ name: X-RateLimit-Reset, role: rate_limit_reset, format: unix_timestamp }}",
        quoted(&text(rng))
    );
    let _ = writeln!(y, "statuses:");
    let _ = writeln!(
        y,
        "  - {{ status: 200, name: OK, description: {} }}",
        quoted(&text(rng))
    );
    let _ = writeln!(
        y,
        "  - {{ status: 400, name: Bad Request, retry: {{ rule: never }} }}"
    );
    let _ = writeln!(
        y,
        "  - {{ status: 429, name: Too Many Requests, retry: {{ rule: retry_after, header: Retry-After }} }}"
    );
    let _ = writeln!(
        y,
        "  - {{ status: 500, name: {}, retry: {{ rule: backoff, backoff: {{}} }} }}",
        quoted(&text(rng))
    );
    // A message-identified API with an odd seed answers 503 in plain text: the body is
    // the message alone, and the round trip reads the code back from the text and the
    // status (by_message_bare and by_message_nested are two of them).
    let plain_text = if plan.by_message && plan.seed % 2 == 1 {
        ", content_type: text/plain"
    } else {
        ""
    };
    let _ = writeln!(
        y,
        "  - {{ status: 503, name: Service Unavailable, retry: {{ rule: wait, wait: {{ min_seconds: 1, max_seconds: 2 }} }}{plain_text} }}"
    );
    let type_ids = ["type_a_kind", "self_b_kind", "enum_c_kind"];
    if with_types {
        let _ = writeln!(y, "types:");
        let _ = writeln!(
            y,
            "  - {{ id: {}, wire: {}, description: {}, status: 400, category: invalid_request, retry: {{ rule: never }} }}",
            type_ids[0],
            quoted("invalid \"request\" */"),
            quoted(&text(rng))
        );
        let _ = writeln!(
            y,
            "  - {{ id: {}, description: {}, status: 503, retry: {{ rule: conditional, advice: {} }} }}",
            type_ids[1],
            quoted(&text(rng)),
            quoted(&text(rng))
        );
        let _ = writeln!(
            y,
            "  - {{ id: {}, description: {}, category: upstream }}",
            type_ids[2],
            quoted(&text(rng))
        );
    }
    let _ = writeln!(y, "errors:");
    let mut wires = Vec::new();
    let mut ids = Vec::new();
    let mut statuses: Vec<u16> = Vec::new();
    for i in 0..plan.codes {
        let id = format!("{}_{i}", rng.pick(WORDS));
        let _ = writeln!(y, "  - id: {id}");
        let wire = if plan.by_message {
            let message = format!("{} #{i}", text(rng));
            Some(message.trim().to_owned())
        } else if rng.chance(40) {
            Some(match rng.below(4) {
                0 => format!("ERR_{i}"),
                1 => format!("E{i} \"quoted\" \\ {{}} */ #["),
                2 => format!("{}-{i}", "x".repeat(1000)),
                _ => format!("{}.{i}", rng.pick(WORDS)),
            })
        } else {
            None
        };
        if let Some(wire) = &wire {
            let _ = writeln!(y, "    wire: {}", quoted(wire));
        }
        wires.push(wire.clone().unwrap_or_else(|| id.clone()));
        ids.push(id.clone());
        // Every error has a type, or none does (some typed and some not: a known bug, below).
        let typed = with_types;
        let (status, ty, own_rule_needed) = if typed {
            match rng.below(3) {
                0 => (400, Some(type_ids[0]), false),
                1 => (503, Some(type_ids[1]), true),
                _ => (*rng.pick(STATUSES), Some(type_ids[2]), false),
            }
        } else {
            (*rng.pick(STATUSES), None, false)
        };
        let context = if rng.chance(5) && !typed {
            "poll"
        } else if rng.chance(5) {
            "websocket"
        } else {
            "http"
        };
        let status = if context == "poll" { 200 } else { status };
        statuses.push(status);
        if let Some(ty) = ty {
            let _ = writeln!(y, "    type: {ty}");
        }
        // Typed errors take the type's status, except the third type, which has none.
        if ty.is_none() || ty == Some(type_ids[2]) || rng.chance(30) {
            let _ = writeln!(y, "    status: {status}");
        }
        if context != "http" {
            let _ = writeln!(y, "    context: {context}");
        }
        if rng.chance(20) {
            let _ = writeln!(
                y,
                "    category: {}",
                rng.pick(&["conflict", "processing", "internal", "payment"])
            );
        }
        let description = if i == 0 { long_text(10_000) } else { text(rng) };
        let _ = writeln!(y, "    description: {}", quoted(&description));
        for key in ["message", "cause", "fix"] {
            if rng.chance(25) {
                let _ = writeln!(y, "    {key}: {}", quoted(&text(rng)));
            }
        }
        let rule = if own_rule_needed {
            retry_for(rng, 503).or_else(|| Some("{ rule: backoff }".to_owned()))
        } else {
            retry_for(rng, status)
        };
        if let Some(rule) = rule {
            let rule = match retry_field {
                Some(field) if rule.contains("retry_after") && rng.chance(50) => {
                    rule.replace("header: Retry-After", &format!("body_field: {field}"))
                }
                _ => rule,
            };
            let _ = writeln!(y, "    retry: {rule}");
        }
        if rng.chance(10) {
            let _ = writeln!(y, "    doc_url: \"https://example.com/errors/{i}#x\"");
        }
        if rng.chance(15) {
            let _ = writeln!(
                y,
                "    inferred: {{ status: {}, other: {} }}",
                quoted(&text(rng)),
                quoted(&text(rng))
            );
        }
    }
    if rng.chance(70) {
        let _ = writeln!(y, "websocket_close_codes:");
        for (k, action) in [
            "none",
            "reconnect",
            "reconnect_with_new_token",
            "slow_down",
            "fix_message",
            "stop",
        ]
        .iter()
        .enumerate()
        {
            let _ = writeln!(
                y,
                "  - {{ code: {}, id: {}_{k}, reason: {}, description: {}, action: {action}, advice: {} }}",
                4000 + k,
                rng.pick(WORDS),
                quoted(&text(rng)),
                quoted(&text(rng)),
                quoted(&text(rng))
            );
        }
    }
    let _ = writeln!(
        y,
        "limits:\n  - {{ id: body_limit, description: {}, route: \"POST /x/{{id}}\", max_bytes: 65536, error: {} }}",
        quoted(&text(rng)),
        ids[0]
    );
    let _ = writeln!(
        y,
        "notes:\n  - {}\n  - {}",
        quoted(&text(rng)),
        quoted(&text(rng))
    );
    // One example naming the first error; one naming nothing.
    let wire_json = serde_json::Value::String(wires[0].clone()).to_string();
    let body = match (plan.family, plan.by_message) {
        (Family::NestedObject, false) => {
            format!("{{\"error\": {{\"code\": {wire_json}, \"message\": \"m\"}}}}")
        }
        (Family::NestedObject, true) => format!("{{\"error\": {{\"message\": {wire_json}}}}}"),
        (Family::BareString, false) => format!("{{\"error\": \"m\", \"code\": {wire_json}}}"),
        (Family::BareString, true) => format!("{{\"error\": {wire_json}}}"),
        (Family::SuccessFlag, false) => {
            format!("{{\"success\": false, \"error\": \"m\", \"code\": {wire_json}}}")
        }
        (Family::SuccessFlag, true) => format!("{{\"success\": false, \"error\": {wire_json}}}"),
    };
    let _ = writeln!(y, "examples:");
    let _ = writeln!(
        y,
        "  - {{ name: first_one, status: {}, body: {}, expect: {}, description: {} }}",
        statuses[0],
        quoted(&body),
        ids[0],
        quoted(&text(rng))
    );
    let _ = writeln!(
        y,
        "  - {{ name: nothing_named, status: 500, headers: {{ Retry-After: \"5\" }}, body: {} }}",
        quoted("{\"unrelated\": [1, 2, {\"*/\": \"#[\"}]}")
    );
    y
}

fn plans() -> Vec<Plan> {
    let mut plans = vec![
        Plan {
            api_id: "one_code".into(),
            codes: 1,
            family: Family::NestedObject,
            by_message: false,
            seed: 1,
        },
        Plan {
            api_id: "five_thousand".into(),
            codes: 5_000,
            family: Family::NestedObject,
            by_message: false,
            seed: 2,
        },
        Plan {
            api_id: "by_message_bare".into(),
            codes: 40,
            family: Family::BareString,
            by_message: true,
            seed: 3,
        },
        Plan {
            api_id: "by_message_flag".into(),
            codes: 40,
            family: Family::SuccessFlag,
            by_message: true,
            seed: 4,
        },
        Plan {
            api_id: "by_message_nested".into(),
            codes: 25,
            family: Family::NestedObject,
            by_message: true,
            seed: 5,
        },
        // Module names that are prelude or crate names with a suffix, and a keyword one.
        Plan {
            api_id: "type_api".into(),
            codes: 30,
            family: Family::SuccessFlag,
            by_message: false,
            seed: 6,
        },
        Plan {
            api_id: "core_api".into(),
            codes: 30,
            family: Family::BareString,
            by_message: false,
            seed: 7,
        },
    ];
    for seed in 8..16 {
        let mut rng = Rng(seed);
        let family = *rng.pick(&[
            Family::NestedObject,
            Family::BareString,
            Family::SuccessFlag,
        ]);
        plans.push(Plan {
            api_id: format!("random_{seed}"),
            codes: 1 + rng.below(60),
            family,
            by_message: rng.chance(40),
            seed,
        });
    }
    plans
}

// ---------------------------------------------------------------------------------------
// The scratch crate.

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// CARGO_TARGET_DIR of the scratch crates: kept between runs, so reruns are incremental.
fn target_dir() -> PathBuf {
    repo().join("target/generated-compiles")
}

/// Writes `contents` to `path` unless it already holds exactly that (keeps the mtime, so
/// cargo does not rebuild what did not change).
fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return;
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// Generates every catalog in `catalogs` (file name -> YAML) with the Builder, checks
/// each module parses, and returns (module id, Rust source).
fn generate(catalogs: &[(String, String)], scratch: &Path) -> Vec<(String, String)> {
    let dir = scratch.join("catalog");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, yaml) in catalogs {
        std::fs::write(dir.join(name), yaml).unwrap();
    }
    let files = Builder::new()
        .catalog(&dir)
        .regenerate_command("cargo test -p errcat-codegen --test generated_compiles")
        .generate()
        .unwrap_or_else(|diagnostics| {
            panic!(
                "the generated catalogs (in {}) must be valid:\n{diagnostics}",
                dir.display()
            )
        });
    files
        .into_iter()
        .map(|(name, code)| {
            if let Err(error) = syn::parse_file(&code) {
                panic!("{name} does not parse: {error}");
            }
            (name.trim_end_matches(".rs").to_owned(), code)
        })
        .collect()
}

/// Writes a crate named `name` at `dir` that includes every module, with `tests` as its
/// test file. Crates sharing the target folder need distinct names: cargo identifies a
/// root package by name and version, not by path.
fn write_crate(dir: &Path, name: &str, modules: &[(String, String)], tests: &str) {
    write_if_changed(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nerrcat = {{ path = {:?}, default-features = false }}\nserde_json = \"1\"\n\n\
             # Not part of any workspace.\n[workspace]\n",
            name,
            repo().canonicalize().unwrap().display().to_string()
        ),
    );
    // The repository's lock file, so the same dependency versions are used (and found
    // offline).
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        let _ = std::fs::copy(repo().join("Cargo.lock"), &lock);
    }
    let mut lib = String::from(
        "//! Every generated module of generated_compiles.rs, as a third party includes it.\n#![deny(missing_docs)]\n\n",
    );
    for (id, code) in modules {
        write_if_changed(&dir.join(format!("src/{id}.rs")), code);
        let _ = writeln!(lib, "include!(\"{id}.rs\");");
    }
    write_if_changed(&dir.join("src/lib.rs"), &lib);
    write_if_changed(&dir.join("tests/roundtrip.rs"), tests);
}

/// The generated test: every code of every API round-trips.
fn roundtrip_tests(crate_name: &str, modules: &[(String, String)]) -> String {
    let krate = crate_name.replace('-', "_");
    let mut out = String::from(
        r#"//! Every code of every generated API round-trips.

use errcat::CatalogCode;

fn roundtrip<C: CatalogCode + ::std::fmt::Debug>() {
    assert!(!C::ALL.is_empty(), "{}: no codes", C::API);
    for &code in C::ALL {
        assert_eq!(C::from_wire(code.as_str()), Some(code), "{}: from_wire", C::API);
        let response = code.response(&Default::default());
        assert_eq!(response.status, code.http_status(), "{}: {code:?}", C::API);
        let error = errcat::ApiError::<C>::from_response(
            response.status,
            response.headers.iter().map(|(k, v)| (k.as_str(), v.as_bytes())),
            response.body.as_bytes(),
        );
        assert_eq!(
            error.known_code(),
            Some(code),
            "{}: {code:?} does not come back from its own response: {}",
            C::API,
            response.body
        );
        assert_eq!(error.code_str(), Some(code.as_str()));
    }
}
"#,
    );
    for (id, _) in modules {
        let _ = write!(
            out,
            r#"
#[test]
fn {id}() {{
    use {krate}::{id}::{{ErrorCode, ErrorEnvelope, WireCode}};
    roundtrip::<ErrorCode>();
    for &code in ErrorCode::ALL {{
        assert_eq!(ErrorCode::from_wire(code.as_str()), Some(code));
        assert_eq!(code.to_string().parse::<ErrorCode>().ok(), Some(code));
        let json = ::serde_json::to_string(&code).unwrap();
        assert_eq!(::serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        assert_eq!(WireCode::from_wire(code.as_str()).known(), Some(code));
        let response = code.response(&Default::default());
        let body = response.body;
        if response.headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("content-type") && v.starts_with("text/plain")) {{
            // A plain-text status: the body is the message alone, which is the wire.
            assert_eq!(body, code.as_str());
            continue;
        }}
        let envelope: ErrorEnvelope = ::serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("{{code:?}}: {{e}}: {{body}}"));
        assert_eq!(envelope.wire_code().and_then(|w| w.known()), Some(code), "{{body}}");
        let again: ErrorEnvelope = ::serde_json::from_str(&::serde_json::to_string(&envelope).unwrap()).unwrap();
        assert_eq!(again, envelope);
    }}
    assert!(ErrorCode::from_wire("\u{{0}}not a code\u{{0}}").is_none());
}}
"#
        );
    }
    out
}

fn cargo(dir: &Path, args: &[&str]) -> std::process::Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        // The outer `cargo test` may set these for its own build; they are not ours.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_MAKEFLAGS");
    command.output().expect("cargo runs")
}

/// Runs cargo, offline first (the dependencies are the workspace's, already fetched),
/// then online if that fails for want of a package.
fn cargo_ok(dir: &Path, args: &[&str]) -> Result<(), String> {
    let mut offline = vec!["--offline"];
    offline.extend_from_slice(args);
    let mut out = cargo(dir, &offline);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() && stderr.contains("offline") {
        out = cargo(dir, args);
    }
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {}` failed in {}:\n{}\n{}",
            args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

#[test]
fn generated_code_compiles_and_round_trips() {
    let plans = plans();
    let catalogs: Vec<(String, String)> = plans
        .iter()
        .map(|p| (format!("{}.yaml", p.api_id), catalog(p)))
        .collect();
    let scratch = target_dir().join("crate");
    let start = std::time::Instant::now();
    let modules = generate(&catalogs, &target_dir());
    eprintln!(
        "generated {} modules in {:?}",
        modules.len(),
        start.elapsed()
    );
    assert_eq!(modules.len(), plans.len());
    // The plain-text round trip is exercised: a message-identified API answers some of
    // its codes in plain text.
    let plain_text_codes = catalogs
        .iter()
        .filter(|(_, yaml)| yaml.contains("content_type: text/plain"))
        .map(|(_, yaml)| yaml.matches("\n    status: 503\n").count())
        .sum::<usize>();
    assert!(plain_text_codes > 0, "no code is sent in plain text");
    let name = "errcat-generated-compiles";
    write_crate(&scratch, name, &modules, &roundtrip_tests(name, &modules));
    let start = std::time::Instant::now();
    if let Err(failure) = cargo_ok(&scratch, &["test", "--quiet"]) {
        panic!("{failure}\nthe crate is kept at {}", scratch.display());
    }
    eprintln!(
        "cargo test on {} took {:?}",
        scratch.display(),
        start.elapsed()
    );
    let start = std::time::Instant::now();
    if !cargo(&scratch, &["clippy", "--version"]).status.success() {
        eprintln!("note: cargo clippy is not installed; the clippy check is skipped");
        return;
    }
    if let Err(failure) = cargo_ok(
        &scratch,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
    ) {
        panic!("{failure}\nthe crate is kept at {}", scratch.display());
    }
    eprintln!("cargo clippy took {:?}", start.elapsed());
}

// ---------------------------------------------------------------------------------------
// Known bugs: catalogs that validate, yet their generated Rust does not compile.

/// A small valid catalog whose envelope has `fields` (YAML flow mappings, one a line).
fn envelope_catalog(api_id: &str, fields: &[&str]) -> String {
    let mut y = format!(
        "api:\n  id: {api_id}\n  name: Odd\nenvelope:\n  family: nested_object\n  fields:\n"
    );
    for field in fields {
        let _ = writeln!(y, "    - {field}");
    }
    y.push_str("errors:\n  - id: a\n    status: 400\n    description: d\n");
    y
}

/// Generates one catalog and compiles it (with the round-trip test) in its own crate.
fn compiles(api_id: &str, yaml: String) {
    let scratch = target_dir().join(format!("bug-{api_id}"));
    let modules = generate(&[(format!("{api_id}.yaml"), yaml)], &scratch);
    let dir = scratch.join("crate");
    let name = format!("errcat-generated-compiles-bug-{}", api_id.replace('_', "-"));
    write_crate(&dir, &name, &modules, &roundtrip_tests(&name, &modules));
    if let Err(failure) = cargo_ok(&dir, &["test", "--quiet"]) {
        panic!("{failure}\nthe crate is kept at {}", dir.display());
    }
}

/// Either the validator refuses the catalog with `rule` (at a real position), or the
/// catalog compiles: a valid catalog never produces Rust that does not build.
fn compiles_or_refused(api_id: &str, yaml: String, rule: &str) {
    let loaded = errcat_codegen::load::load_str(&format!("{api_id}.yaml"), &yaml);
    match errcat_codegen::validate::validate(vec![loaded]) {
        Err(diagnostics) => assert!(
            diagnostics
                .0
                .iter()
                .any(|d| d.rule == rule && d.position.line > 1 && d.position.column >= 1),
            "expected `{rule}`, got:\n{diagnostics}"
        ),
        Ok(_) => compiles(api_id, yaml),
    }
}

#[test]
fn envelope_keys_differing_in_case_compile_or_are_refused() {
    compiles_or_refused(
        "case_keys",
        envelope_catalog(
            "case_keys",
            &[
                "{ path: error.code, type: string, role: code }",
                "{ path: Error.message, type: string }",
            ],
        ),
        "rust-name-collision",
    );
}

#[test]
fn envelope_keys_with_the_same_snake_case_compile_or_are_refused() {
    compiles_or_refused(
        "snake_keys",
        envelope_catalog(
            "snake_keys",
            &[
                "{ path: error.code, type: string, role: code }",
                "{ path: error.foo-bar, type: string }",
                "{ path: error.foo_bar, type: string }",
                "{ path: error.extra, type: string }",
                "{ path: error.extra_, type: string }",
            ],
        ),
        "rust-name-collision",
    );
}

#[test]
fn nested_envelope_structs_with_the_same_name_compile_or_are_refused() {
    compiles_or_refused(
        "struct_names",
        envelope_catalog(
            "struct_names",
            &[
                "{ path: error.code, type: string, role: code }",
                "{ path: a_b.c, type: string }",
                "{ path: a.b.c, type: string }",
            ],
        ),
        "rust-name-collision",
    );
}

#[test]
fn integer_code_field_compiles_or_is_refused() {
    compiles_or_refused(
        "integer_code",
        envelope_catalog(
            "integer_code",
            &["{ path: error.code, type: integer, role: code }"],
        ),
        "wire-not-integer",
    );
}

#[test]
fn envelope_key_starting_with_a_digit_generates() {
    let yaml = envelope_catalog(
        "digit_key",
        &[
            "{ path: error.code, type: string, role: code }",
            "{ path: 0.x, type: string }",
        ],
    );
    let scratch = target_dir().join("bug-digit_key");
    let result =
        std::panic::catch_unwind(|| generate(&[("digit_key.yaml".to_owned(), yaml)], &scratch));
    assert!(result.is_ok(), "the generator panicked on a valid catalog");
}

/// Bidirectional control characters cannot reach generated Rust (rustc rejects them in
/// doc comments and literals): the validator refuses them, raw or escaped, at their field.
#[test]
fn bidi_control_characters_in_text_are_refused() {
    let yaml = envelope_catalog(
        "bidi_text",
        &["{ path: error.code, type: string, role: code }"],
    )
    .replace(
        "description: d",
        "description: \"right-to-left \\u202Eoverride\\u202C here\"",
    );
    // And in a key: the control is reported at the key, besides the unknown field.
    let yaml = yaml.replace(
        "    status: 400\n",
        "    status: 400\n    \"x\\u2066y\": 1\n",
    );
    let line_of = |needle: &str| yaml.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let loaded = errcat_codegen::load::load_str("bidi_text.yaml", &yaml);
    let diagnostics = errcat_codegen::validate::validate(vec![loaded]).expect_err("refused");
    let bidi: Vec<_> = diagnostics
        .0
        .iter()
        .filter(|d| d.rule == "bidi-control")
        .map(|d| {
            (
                d.message.contains("U+202E"),
                d.message.contains("U+2066"),
                d.position.line,
            )
        })
        .collect();
    assert_eq!(
        bidi,
        [
            (false, true, line_of("x\\u2066y")),
            (true, false, line_of("right-to-left")),
        ],
        "{diagnostics}"
    );
}

#[test]
fn types_on_some_errors_only_compile() {
    let yaml = envelope_catalog("some_typed", &["{ path: error.code, type: string, role: code }"])
        .replace(
            "errors:\n",
            "types:\n  - { id: bad_input, description: d, status: 400 }\nerrors:\n  - { id: typed, type: bad_input, description: d }\n",
        );
    compiles("some_typed", yaml);
}

#[test]
fn doc_url_with_a_message_wire_is_a_url() {
    let yaml = "api:\n  id: url_wire\n  name: U\n  identified_by: message\n  doc_url: \"https://docs.example.com/errors#{code}\"\n\
                envelope:\n  family: bare_string\n  fields:\n    - { path: error, type: string, role: message }\n\
                errors:\n  - id: a\n    wire: \"Line one\\nline two\\tand a tab\"\n    status: 400\n    description: d\n";
    let scratch = target_dir().join("bug-url_wire");
    let modules = generate(&[("url_wire.yaml".to_owned(), yaml.to_owned())], &scratch);
    let code = &modules[0].1;
    let url_line = code
        .lines()
        .find(|l| l.contains("- Docs: <"))
        .expect("a Docs line");
    assert!(
        url_line.trim_end().ends_with('>'),
        "the doc URL is cut over several lines: {url_line}"
    );
    assert!(
        !code.contains("#Line one\n"),
        "the doc URL holds a raw newline"
    );
}
