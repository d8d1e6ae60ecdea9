//! `errcat diff` classification: every change class, acknowledgement by
//! `accepted_breaks` and by deprecating first.

use errcat_codegen::diff::{compare, render_markdown, render_text, DiffReport, Severity};
use errcat_codegen::model::document::BreakKind;

const BASE: &str = r#"
api:
  id: acme
  name: Acme
  doc_url: "https://docs.acme.example/errors#{code}"
envelope:
  family: nested_object
  fields:
    - { path: error.code, type: string, role: code, required: true }
    - { path: error.message, type: string, role: message, required: true }
    - { path: error.request_id, type: string, role: request_id }
types:
  - { id: client_error, description: Client errors., status: 400 }
  - { id: server_error, description: Server errors., status: 500 }
errors:
  - id: invalid_amount
    type: client_error
    description: The amount is invalid.
    retry: { rule: never }
  - id: rate_limited
    status: 429
    type: client_error
    category: rate_limited
    description: Too many requests.
    retry: { rule: retry_after, header: Retry-After }
  - id: internal
    type: server_error
    description: Something broke.
    retry: { rule: backoff }
  - id: old_code
    type: client_error
    description: Old.
    retry: { rule: never }
websocket_close_codes:
  - { code: 4001, id: token_expired, reason: Token Expired, description: Expired., action: reconnect_with_new_token }
"#;

fn catalog(text: &str) -> errcat_codegen::Catalog {
    let loaded = errcat_codegen::load::load_str("acme.yaml", text);
    errcat_codegen::validate::validate(vec![loaded]).unwrap_or_else(|d| panic!("{d}"))
}

fn diff(new: &str) -> DiffReport {
    compare(&catalog(BASE), &catalog(new))
}

fn edit(pairs: &[(&str, &str)]) -> String {
    let mut text = BASE.to_owned();
    for (old, new) in pairs {
        assert!(text.contains(old), "the base has {old:?}");
        text = text.replacen(old, new, 1);
    }
    text
}

fn only(report: &DiffReport, severity: Severity) -> Vec<(Option<BreakKind>, String, String)> {
    report
        .changes
        .iter()
        .filter(|c| c.severity == severity)
        .map(|c| (c.kind, c.id.clone(), c.summary.clone()))
        .collect()
}

#[test]
fn identical_catalogs_have_no_changes() {
    let report = diff(BASE);
    assert!(report.changes.is_empty(), "{report:?}");
    assert!(render_text(&report).contains("0 breaking (0 unacknowledged)"));
}

#[test]
fn every_breaking_class_is_caught() {
    // (edits to the base catalog, the break expected, on which id)
    type Case<'a> = (&'a [(&'a str, &'a str)], BreakKind, &'a str);
    let cases: &[Case] = &[
        (&[("  - id: old_code\n    type: client_error\n    description: Old.\n    retry: { rule: never }\n", "")], BreakKind::Removed, "old_code"),
        (&[("  - id: invalid_amount\n", "  - id: invalid_amount\n    wire: INVALID_AMOUNT\n")], BreakKind::Wire, "invalid_amount"),
        (&[("    status: 429\n", "    status: 503\n")], BreakKind::Status, "rate_limited"),
        (&[("  - id: internal\n    type: server_error\n", "  - id: internal\n    status: 500\n    type: client_error\n")], BreakKind::Type, "internal"),
        (&[("    category: rate_limited\n", "    category: unavailable\n")], BreakKind::Category, "rate_limited"),
        (&[("    retry: { rule: backoff }\n", "    retry: { rule: never }\n")], BreakKind::Retry, "internal"),
        (&[("  - id: invalid_amount\n    type: client_error\n    description: The amount is invalid.\n    retry: { rule: never }\n", "  - id: invalid_amount\n    type: client_error\n    description: The amount is invalid.\n    retry: { rule: resubmit }\n")], BreakKind::Retry, "invalid_amount"),
        (&[("    - { path: error.request_id, type: string, role: request_id }\n", "")], BreakKind::Envelope, "error.request_id"),
        (&[("{ path: error.message, type: string, role: message, required: true }", "{ path: error.message, type: string, role: message }")], BreakKind::Envelope, "error.message"),
        (&[("action: reconnect_with_new_token", "action: stop")], BreakKind::CloseCode, "4001"),
        (&[("    - { path: error.request_id, type: string, role: request_id }\n", "    - { path: error.request_id, type: string, role: request_id }\n    - { path: error.sub, type: string, role: sub_code }\n"), ("  - id: old_code\n", "  - id: old_code\n    sub_code: x\n")], BreakKind::Wire, "old_code"),
        (&[("websocket_close_codes:\n  - { code: 4001, id: token_expired, reason: Token Expired, description: Expired., action: reconnect_with_new_token }\n", "")], BreakKind::CloseCode, "4001"),
        (&[("  - { id: server_error, description: Server errors., status: 500 }\n", ""), ("  - id: internal\n    type: server_error\n", "  - id: internal\n    status: 500\n")], BreakKind::Type, "server_error"),
    ];
    for (edits, kind, id) in cases {
        let report = diff(&edit(edits));
        let breaking = only(&report, Severity::Breaking);
        assert!(
            breaking
                .iter()
                .any(|(k, i, _)| *k == Some(*kind) && i == id),
            "expected {kind:?} on {id}, got {breaking:?}"
        );
        assert!(report.unacknowledged().count() >= 1);
        assert!(render_text(&report).contains("error: breaking changes"));
    }
}

#[test]
fn retryability_is_what_breaks_not_the_schedule() {
    let report = diff(&edit(&[(
        "    retry: { rule: backoff }\n",
        "    retry: { rule: backoff, backoff: { initial_ms: 500 } }\n",
    )]));
    assert!(only(&report, Severity::Breaking).is_empty(), "{report:?}");
    assert_eq!(only(&report, Severity::Cosmetic).len(), 1);
}

#[test]
fn additions_are_additive() {
    let report = diff(&edit(&[
        ("errors:\n", "errors:\n  - id: new_code\n    type: client_error\n    description: New.\n    retry: { rule: never }\n"),
        ("    - { path: error.request_id, type: string, role: request_id }\n", "    - { path: error.request_id, type: string, role: request_id }\n    - { path: error.hint, type: string }\n"),
        ("action: reconnect_with_new_token }\n", "action: reconnect_with_new_token }\n  - { code: 4002, id: slow_down, reason: Rate Limited, description: Slow., action: slow_down }\n"),
        ("{ path: error.request_id, type: string, role: request_id }", "{ path: error.request_id, type: string, role: request_id, required: true }"),
    ]));
    assert!(only(&report, Severity::Breaking).is_empty(), "{report:?}");
    let additive: Vec<String> = only(&report, Severity::Additive)
        .into_iter()
        .map(|(_, id, _)| id)
        .collect();
    assert_eq!(
        additive,
        ["error.request_id", "error.hint", "new_code", "4002"]
    );
}

#[test]
fn words_and_links_are_cosmetic() {
    let report = diff(&edit(&[
        (
            "description: The amount is invalid.",
            "description: The amount must be positive.",
        ),
        (
            "https://docs.acme.example/errors#{code}",
            "https://docs.acme.example/v2/errors#{code}",
        ),
    ]));
    assert!(only(&report, Severity::Breaking).is_empty());
    let cosmetic = only(&report, Severity::Cosmetic);
    assert!(cosmetic
        .iter()
        .any(|(_, id, what)| id == "invalid_amount" && what == "description changed"));
    assert!(
        cosmetic
            .iter()
            .any(|(_, id, what)| id == "rate_limited" && what == "doc URL changed"),
        "{cosmetic:?}"
    );
}

#[test]
fn accepted_breaks_and_deprecation_acknowledge_a_break() {
    let accepted = edit(&[
        ("    status: 429\n", "    status: 503\n"),
        ("websocket_close_codes:", "accepted_breaks:\n  - { change: status, id: rate_limited, reason: The gateway now sheds load with 503. }\nwebsocket_close_codes:"),
    ]);
    let report = diff(&accepted);
    assert_eq!(report.count(Severity::Breaking), 1);
    assert_eq!(report.unacknowledged().count(), 0, "{report:?}");
    assert!(render_markdown(&report).contains("(intended: The gateway now sheds load with 503.)"));

    // Deprecate in one release...
    let deprecated = edit(&[(
        "    description: Old.\n",
        "    description: Old.\n    deprecated: { note: Use invalid_amount., replacement: invalid_amount }\n",
    )]);
    let step_one = compare(&catalog(BASE), &catalog(&deprecated));
    assert_eq!(
        only(&step_one, Severity::Additive),
        [(None, "old_code".to_owned(), "deprecated".to_owned())]
    );
    // ...then removing it is acknowledged.
    let removed = edit(&[("  - id: old_code\n    type: client_error\n    description: Old.\n    retry: { rule: never }\n", "")]);
    let step_two = compare(&catalog(&deprecated), &catalog(&removed));
    assert_eq!(step_two.count(Severity::Breaking), 1);
    assert_eq!(step_two.unacknowledged().count(), 0);
    // Removing without deprecating first is not.
    assert_eq!(
        compare(&catalog(BASE), &catalog(&removed))
            .unacknowledged()
            .count(),
        1
    );
}

#[test]
fn removed_and_added_apis() {
    let empty = errcat_codegen::Catalog { apis: Vec::new() };
    let removed = compare(&catalog(BASE), &empty);
    assert_eq!(
        only(&removed, Severity::Breaking),
        [(
            Some(BreakKind::Removed),
            "acme".to_owned(),
            "the whole API was removed".to_owned()
        )]
    );
    let added = compare(&empty, &catalog(BASE));
    assert_eq!(added.count(Severity::Additive), 1);
    assert_eq!(added.unacknowledged().count(), 0);
}

#[test]
fn markdown_is_release_notes() {
    let report = diff(&edit(&[
        ("    status: 429\n", "    status: 503\n"),
        (
            "description: Something broke.",
            "description: Something failed.",
        ),
    ]));
    let markdown = render_markdown(&report);
    assert!(markdown.starts_with("## Error contract changes\n"));
    assert!(markdown.contains("### acme"));
    assert!(
        markdown
            .contains("**Breaking**\n\n- error `rate_limited`: HTTP status changed: 429 -> 503"),
        "{markdown}"
    );
    assert!(markdown.contains("**Documentation**"));
}

/// A further status is additive; dropping one breaks clients that match the error
/// there, and a status whose rule changes class breaks like any retry change.
#[test]
fn further_statuses_added_removed_and_their_rules() {
    let one = "    description: Something broke.\n    retry: { rule: backoff }\n";
    let with_503 = edit(&[(
        one,
        "    description: Something broke.\n    retry: { rule: backoff }\n    also_at:\n      - { status: 503 }\n",
    )]);
    let added = compare(&catalog(BASE), &catalog(&with_503));
    let additive = only(&added, Severity::Additive);
    assert!(
        additive
            .iter()
            .any(|(_, _, summary)| summary == "also sent with a further HTTP status"),
        "{additive:?}"
    );
    assert!(only(&added, Severity::Breaking).is_empty());

    let removed = compare(&catalog(&with_503), &catalog(BASE));
    let breaking = only(&removed, Severity::Breaking);
    assert_eq!(
        breaking
            .iter()
            .map(|(kind, _, summary)| (*kind, summary.as_str()))
            .collect::<Vec<_>>(),
        [(
            Some(BreakKind::Status),
            "no longer sent with this HTTP status"
        )]
    );

    let never_at_503 = with_503.replace(
        "      - { status: 503 }",
        "      - { status: 503, retry: { rule: never } }",
    );
    let changed = compare(&catalog(&with_503), &catalog(&never_at_503));
    let breaking = only(&changed, Severity::Breaking);
    assert_eq!(breaking.len(), 1, "{breaking:?}");
    assert_eq!(breaking[0].0, Some(BreakKind::Retry));
    assert!(breaking[0].2.contains("at HTTP status 503"), "{breaking:?}");
}

/// A header condition names responses that named no error before: additive. Changing or
/// removing one stops naming some that did: breaking, like a changed wire.
#[test]
fn header_conditions_added_changed_and_removed() {
    let headers = "headers:\n  - { name: X-RateLimit-Remaining, role: rate_limit_remaining, format: integer }\nerrors:\n";
    let plain = edit(&[("errors:\n", headers)]);
    let rate_limited = "    description: Too many requests.\n";
    let with_condition = |value: &str| {
        plain.replacen(
            rate_limited,
            &format!("    description: Too many requests.\n    when_headers:\n      - {{ name: X-RateLimit-Remaining, equals: \"{value}\" }}\n"),
            1,
        )
    };
    let added = compare(&catalog(&plain), &catalog(&with_condition("0")));
    assert_eq!(
        only(&added, Severity::Additive),
        [(
            None,
            "rate_limited".to_owned(),
            "now also selected by response headers".to_owned()
        )]
    );
    assert!(only(&added, Severity::Breaking).is_empty());
    for new in [plain.clone(), with_condition("1")] {
        let report = compare(&catalog(&with_condition("0")), &catalog(&new));
        assert_eq!(
            only(&report, Severity::Breaking),
            [(
                Some(BreakKind::Wire),
                "rate_limited".to_owned(),
                "header conditions changed or removed".to_owned()
            )]
        );
    }
}

/// A type classifies errors whose body names it and no documented code, so its category
/// and retry class break like a code's; its description is cosmetic.
#[test]
fn type_defaults_are_what_errors_without_a_code_get() {
    let with = |category: &str, rule: &str| {
        edit(&[(
            "  - { id: server_error, description: Server errors., status: 500 }",
            &format!("  - {{ id: server_error, description: Server errors., status: 500, category: {category}, retry: {{ rule: {rule} }} }}"),
        )])
    };
    let before = with("internal", "backoff");
    let kinds = |new: &str| -> Vec<(Option<BreakKind>, String)> {
        only(
            &compare(&catalog(&before), &catalog(new)),
            Severity::Breaking,
        )
        .into_iter()
        .filter(|(_, _, summary)| summary.contains("without a documented code"))
        .map(|(kind, id, _)| (kind, id))
        .collect()
    };
    assert_eq!(
        kinds(&with("unavailable", "backoff")),
        [(Some(BreakKind::Category), "server_error".to_owned())]
    );
    assert_eq!(
        kinds(&with("internal", "never")),
        [(Some(BreakKind::Retry), "server_error".to_owned())]
    );
    assert!(kinds(&with("internal", "backoff")).is_empty());
}

/// A message-identified API: a new message pattern names messages that named nothing
/// (additive); a changed one stops naming some (breaking, like a changed wire). The code
/// a body without its code field means works the same way, on the envelope.
#[test]
fn message_patterns_and_absent_codes() {
    let base = r#"
api: { id: acme, name: Acme, identified_by: message }
envelope:
  fields:
    - { path: message, type: string, role: message, required: true }
errors:
  - id: rate_limited
    wire: "API rate limit exceeded for 203.0.113.7."
    status: 429
    description: Too many requests.
"#;
    let with = |pattern: &str| {
        base.replace(
            "    status: 429\n",
            &format!("    message_pattern: \"{pattern}\"\n    status: 429\n"),
        )
    };
    let added = compare(
        &catalog(base),
        &catalog(&with("API rate limit exceeded for {ip}.")),
    );
    assert_eq!(
        only(&added, Severity::Additive),
        [(
            None,
            "rate_limited".to_owned(),
            "now also matches a message pattern".to_owned()
        )]
    );
    let changed = compare(
        &catalog(&with("API rate limit exceeded for {ip}.")),
        &catalog(&with("API rate limit exceeded for {who}.")),
    );
    assert_eq!(
        only(&changed, Severity::Breaking),
        [(
            Some(BreakKind::Wire),
            "rate_limited".to_owned(),
            "message pattern changed or removed".to_owned()
        )]
    );

    let problem = |absent: &str| {
        format!(
            r#"
api: {{ id: acme, name: Acme }}
envelope:
  fields:
    - {{ path: type, type: string, role: code{absent} }}
    - {{ path: title, type: string, role: title }}
errors:
  - {{ id: about_blank, wire: "about:blank", status: 404, description: No more than the status. }}
  - {{ id: out_of_credit, wire: "https://example.com/probs/out-of-credit", status: 403, description: Out of credit. }}
"#
        )
    };
    let none = problem("");
    let blank = problem(", absent_means: \"about:blank\"");
    let credit = problem(", absent_means: \"https://example.com/probs/out-of-credit\"");
    let added = compare(&catalog(&none), &catalog(&blank));
    assert!(
        only(&added, Severity::Additive)
            .iter()
            .any(|(_, id, summary)| id == "type" && summary == "a body without it now names a code"),
        "{:?}",
        added.changes
    );
    for new in [&none, &credit] {
        let report = compare(&catalog(&blank), &catalog(new));
        assert_eq!(
            only(&report, Severity::Breaking),
            [(
                Some(BreakKind::Envelope),
                "type".to_owned(),
                "what a body without it means changed or was removed".to_owned()
            )]
        );
    }
}

/// The status table: a new row adds; a row's body format changing, its rule moving
/// between retry classes, or a row with a rule going away breaks; its words are text.
#[test]
fn status_rows_added_changed_and_removed() {
    let errors = "errors:\n";
    let with_rows = edit(&[(
        errors,
        "statuses:\n  - { status: 400, name: Bad Request }\n  - { status: 503, name: Service Unavailable, retry: { rule: backoff } }\nerrors:\n",
    )]);
    let added = compare(&catalog(BASE), &catalog(&with_rows));
    assert_eq!(
        only(&added, Severity::Additive)
            .iter()
            .filter(|(_, _, summary)| summary == "row added")
            .map(|(_, id, _)| id.as_str())
            .collect::<Vec<_>>(),
        ["400", "503"]
    );
    assert!(only(&added, Severity::Breaking).is_empty());

    let plain_text = with_rows.replace(
        "{ status: 400, name: Bad Request }",
        "{ status: 400, name: Bad Request, content_type: text/plain, description: The body is a plaintext message. }",
    );
    let changed = compare(&catalog(&with_rows), &catalog(&plain_text));
    assert_eq!(
        only(&changed, Severity::Breaking),
        [(
            Some(BreakKind::Envelope),
            "400".to_owned(),
            "the body format at this status changed".to_owned()
        )]
    );
    assert_eq!(only(&changed, Severity::Cosmetic).len(), 1);

    let never = with_rows.replace("retry: { rule: backoff } }", "retry: { rule: never } }");
    let breaking = only(
        &compare(&catalog(&with_rows), &catalog(&never)),
        Severity::Breaking,
    );
    assert_eq!(breaking.len(), 1, "{breaking:?}");
    assert_eq!(breaking[0].0, Some(BreakKind::Retry));

    let removed = compare(&catalog(&with_rows), &catalog(BASE));
    assert_eq!(
        only(&removed, Severity::Breaking),
        [(
            Some(BreakKind::Status),
            "503".to_owned(),
            "row removed".to_owned()
        )]
    );
    assert_eq!(
        only(&removed, Severity::Cosmetic)
            .iter()
            .map(|(_, id, _)| id.as_str())
            .collect::<Vec<_>>(),
        ["400"]
    );
}

/// Letting the status decide an error's meaning changes the category clients get at
/// every other status: breaking, both ways.
#[test]
fn status_decides_is_a_category_change() {
    let decides = edit(&[(
        "  - id: internal\n    type: server_error\n",
        "  - id: internal\n    type: server_error\n    status_decides: true\n",
    )]);
    for (from, to) in [(BASE, decides.as_str()), (decides.as_str(), BASE)] {
        let breaking = only(&compare(&catalog(from), &catalog(to)), Severity::Breaking);
        assert_eq!(
            breaking,
            [(
                Some(BreakKind::Category),
                "internal".to_owned(),
                "whether the status decides its meaning changed".to_owned()
            )]
        );
    }
}
