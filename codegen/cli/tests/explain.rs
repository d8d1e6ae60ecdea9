//! `errcat explain`, `errcat list`, `errcat new` and `errcat completions` end to end.

use std::process::Output;

mod common;
use common::{errcat, repo, text};

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&out.stdout)))
}

#[test]
fn a_code_of_several_apis_lists_the_matches() {
    // Several matches name no single code: exit 1, as for an unknown code, with the list.
    let out = errcat(&repo(), &["explain", "invalid_api_key"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for (api, wire) in [
        ("agenthuman", "invalid_api_key"),
        ("kallglot", "invalid_api_key"),
        ("zenhire", "INVALID_API_KEY"),
    ] {
        let row = stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{api} ")))
            .unwrap_or_else(|| panic!("no row for {api}: {stdout}"));
        assert!(row.contains(wire) && row.contains("401"), "{row}");
    }
    assert!(stdout.contains("--api"), "tells how to pick one: {stdout}");

    let out = errcat(&repo(), &["explain", "invalid_api_key", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let value = json(&out);
    let matches = value["matches"].as_array().unwrap();
    let apis: Vec<&str> = matches.iter().map(|m| m["api"].as_str().unwrap()).collect();
    for api in ["agenthuman", "kallglot", "zenhire"] {
        assert!(apis.contains(&api), "{apis:?}");
    }
    let zenhire = matches.iter().find(|m| m["api"] == "zenhire").unwrap();
    assert_eq!(zenhire["id"], "invalid_api_key");
    assert_eq!(zenhire["wire"], "INVALID_API_KEY");
    assert_eq!(zenhire["status"], 401);
}

#[test]
fn a_code_in_one_api_prints_the_full_entry() {
    let out = errcat(
        &repo(),
        &["explain", "INVALID_LANGUAGE_CODE", "--api", "zenhire"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for expected in [
        "zenhire: INVALID_LANGUAGE_CODE",
        "Invalid language code. Must be a 2-letter ISO 639-1 code.",
        "invalid_language_code (Rust: zenhire::ErrorCode::InvalidLanguageCode)",
        "400 Bad Request",
        "invalid_request",
        "never: Do not retry",
        "Fix input. Do not retry a 400. It will fail the same way.",
        "Inferred (the page does not state these):",
        "description: the page lists the code without a description",
        "Example response `invalid_language_code` (400):",
        "\"code\": \"INVALID_LANGUAGE_CODE\"",
        "kallglot: errcat explain invalid_language_code --api kallglot",
    ] {
        assert!(stdout.contains(expected), "{expected:?} missing:\n{stdout}");
    }

    let out = errcat(
        &repo(),
        &[
            "explain",
            "invalid_language_code",
            "--api",
            "zenhire",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let entry = json(&out);
    assert_eq!(entry["api"], "zenhire");
    assert_eq!(entry["id"], "invalid_language_code");
    assert_eq!(entry["wire"], "INVALID_LANGUAGE_CODE");
    assert_eq!(entry["matched_by"], "id");
    assert_eq!(entry["status"], 400);
    assert_eq!(entry["status_name"], "Bad Request");
    assert_eq!(entry["status_inferred"], serde_json::Value::Null);
    assert_eq!(entry["category"], "invalid_request");
    assert_eq!(entry["retry"]["rule"], "never");
    assert_eq!(entry["retry"]["source"], "status");
    assert_eq!(
        entry["retry"]["words"],
        "Do not retry: fix the request first."
    );
    assert!(entry["inferred"]["description"].is_string());
    assert_eq!(entry["examples"][0]["name"], "invalid_language_code");
    assert_eq!(entry["also_in"][0]["api"], "kallglot");
}

#[test]
fn inferred_facts_are_marked_in_the_entry() {
    let out = errcat(
        &repo(),
        &["explain", "invalid_api_key", "--api", "kallglot"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("401 Unauthorized (inferred)"), "{stdout}");
    assert!(
        stdout.contains("https://developer.kallglot.com/errors#invalid_api_key"),
        "{stdout}"
    );
    assert!(
        stdout.contains("1. Check the key starts with sk_live_"),
        "{stdout}"
    );
    let out = errcat(
        &repo(),
        &[
            "explain",
            "invalid_api_key",
            "--api",
            "kallglot",
            "--format",
            "json",
        ],
    );
    let entry = json(&out);
    assert!(entry["status_inferred"]
        .as_str()
        .unwrap()
        .contains("ties no type to a status"));
}

#[test]
fn message_text_finds_an_error_case_insensitively() {
    let out = errcat(&repo(), &["explain", "session is already MUTED"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("voice_gateway: Session is already muted\n"),
        "{stdout}"
    );
}

#[test]
fn an_unknown_code_suggests_the_nearest_and_exits_1() {
    let out = errcat(&repo(), &["explain", "invlid_api_key"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no error `invlid_api_key`"), "{stderr}");
    assert!(
        stderr.contains("did you mean `invalid_api_key`"),
        "{stderr}"
    );

    let out = errcat(&repo(), &["explain", "invlid_api_key", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let value = json(&out);
    assert_eq!(value["error"], "unknown code");
    assert_eq!(value["suggestions"][0]["text"], "invalid_api_key");
    assert_eq!(value["suggestions"][0]["distance"], 1);

    let out = errcat(&repo(), &["explain", "invalid_api_key", "--api", "nope"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown API is a usage error"
    );
    assert!(text(&out.stderr).contains("`kallglot`"));
}

#[test]
fn list_prints_every_code() {
    let out = errcat(&repo(), &["list"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let mut lines = stdout.lines();
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["API", "ID", "WIRE", "STATUS", "TYPE", "RETRY"]);
    assert_eq!(lines.count(), 36 + 5 + 24 + 8 + 26);
    assert!(stdout.lines().any(|l| {
        let cells: Vec<&str> = l.split_whitespace().collect();
        cells
            == [
                "zenhire",
                "poll_rate_limited",
                "POLL_RATE_LIMITED",
                "429",
                "-",
                "poll_again",
            ]
    }));

    let out = errcat(&repo(), &["list", "--api", "kallglot"]);
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1 + 36);
    assert!(stdout.lines().skip(1).all(|l| l.starts_with("kallglot ")));
    assert!(stdout.contains("provider_timeout"));
    assert!(stdout
        .lines()
        .any(|l| l.contains("rate_limit_exceeded") && l.ends_with("retry_after")));
}

#[test]
fn new_scaffolds_a_valid_file_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = errcat(dir.path(), &["new", "acme_pay", "--catalog", "cat"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let path = dir.path().join("cat/acme_pay.yaml");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.starts_with("# yaml-language-server: $schema="));
    let out = errcat(dir.path(), &["validate", "cat"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("ok: acme_pay"));

    std::fs::write(&path, "api: {}\n").unwrap();
    let out = errcat(dir.path(), &["new", "acme_pay", "--catalog", "cat"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("refusing to overwrite"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "api: {}\n");

    for bad in ["AcmePay", "acme-pay", "9lives", "type"] {
        let out = errcat(dir.path(), &["new", bad, "--catalog", "cat"]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(!dir.path().join(format!("cat/{bad}.yaml")).exists());
    }
    let out = errcat(dir.path(), &["new", "AcmePay", "--catalog", "cat"]);
    assert!(text(&out.stderr).contains("`acme_pay`"));
}

#[test]
fn completions_cover_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = errcat(&repo(), &["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        for command in [
            "validate", "generate", "check", "explain", "list", "new", "docs",
        ] {
            assert!(script.contains(command), "{shell}: {command}");
        }
    }
    let out = errcat(&repo(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A message-identified error sent at a status whose bodies are plain text: `explain`
/// says its body there is the message alone.
#[test]
fn an_error_at_a_plain_text_status_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("catalog")).unwrap();
    std::fs::write(
        dir.path().join("catalog/texty.yaml"),
        r#"api: { id: texty, name: Texty, identified_by: message }
envelope:
  fields:
    - { path: error, type: string, role: message, required: true }
statuses:
  - { status: 400, name: Bad Request, content_type: "text/plain; charset=utf-8" }
errors:
  - { id: bad_input, wire: "Bad input.", status: 400, description: The input is malformed. }
examples:
  - { name: bad_input, status: 400, body: "Bad input.", expect: bad_input }
"#,
    )
    .unwrap();
    let out = errcat(dir.path(), &["explain", "bad_input"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let body = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("body "))
        .unwrap_or_else(|| panic!("no body row: {stdout}"));
    assert!(
        body.ends_with("at 400: plain text (text/plain; charset=utf-8), the message alone"),
        "{body}"
    );
}

/// An error whose status decides its meaning says so, in words and in JSON.
#[test]
fn an_error_whose_status_decides_says_so() {
    let args = [
        "explain",
        "--catalog",
        "tests/corpus",
        "--api",
        "problem_details",
        "about_blank",
    ];
    let out = errcat(&repo(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let category = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("category "))
        .unwrap_or_else(|| panic!("no category row: {stdout}"));
    assert!(
        category.contains("the response's status decides")
            && category.ends_with("(not_found at 404)"),
        "{category}"
    );
    let out = errcat(&repo(), &[&args[..], &["--format", "json"]].concat());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["status_decides"], true);
    let out = errcat(
        &repo(),
        &[
            "explain",
            "--catalog",
            "tests/corpus",
            "--api",
            "problem_details",
            "out_of_credit",
            "--format",
            "json",
        ],
    );
    assert_eq!(json(&out)["status_decides"], false);
}
