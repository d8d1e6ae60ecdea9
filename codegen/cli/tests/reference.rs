//! The generated Markdown references (`generated/docs/<api>.md`) against the source
//! pages: every code or message, every HTTP status and every WebSocket close code that a
//! page states must appear in its reference. The expectations below are read off the
//! pages in `../shared/seeds/*.txt` beside the repository, independently of the catalog YAML.

mod common;
use common::{errcat, repo, scratch, text};

/// What one page states.
struct Page {
    api: &'static str,
    /// Error codes, or for message-identified APIs the exact messages.
    codes: &'static [&'static str],
    statuses: &'static [u16],
    close_codes: &'static [u16],
}

const PAGES: &[Page] = &[
    Page {
        api: "kallglot",
        codes: &[
            // authentication_error
            "invalid_api_key",
            "expired_api_key",
            "revoked_api_key",
            "invalid_token",
            "expired_token",
            // authorization_error
            "insufficient_permissions",
            "organization_suspended",
            "feature_not_available",
            // validation_error
            "invalid_request",
            "missing_required_field",
            "invalid_field_value",
            "invalid_language_code",
            "invalid_mode",
            "invalid_provider",
            // not_found_error
            "session_not_found",
            "recording_not_found",
            "analysis_not_found",
            "transcript_not_found",
            "webhook_endpoint_not_found",
            // invalid_request_error
            "session_already_ended",
            "session_not_active",
            "recording_not_ready",
            "analysis_not_complete",
            "idempotency_key_in_use",
            // rate_limit_error
            "rate_limit_exceeded",
            "concurrent_session_limit",
            // processing_error
            "transcription_failed",
            "translation_failed",
            "recording_failed",
            "analysis_failed",
            // provider_error
            "provider_connection_failed",
            "provider_call_failed",
            "provider_timeout",
            // server_error
            "internal_error",
            "service_unavailable",
            "upstream_error",
        ],
        statuses: &[
            200, 201, 202, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503,
        ],
        close_codes: &[1000, 1008, 1011, 4000, 4001, 4002, 4003],
    },
    Page {
        api: "agenthuman",
        // The page's example bodies are its only codes.
        codes: &[
            "invalid_parameters",
            "invalid_api_key",
            "session_not_found",
            "rate_limit_exceeded",
            "internal_error",
        ],
        statuses: &[400, 401, 403, 404, 409, 422, 429, 500, 502, 503],
        close_codes: &[],
    },
    Page {
        api: "zenhire",
        codes: &[
            // 400
            "MISSING_AUDIO_FILE",
            "UNSUPPORTED_FORMAT",
            "FILE_TOO_LARGE",
            "INVALID_LANGUAGE_CODE",
            "INVALID_EXTERNAL_ID",
            "INVALID_METADATA",
            "AUDIO_TOO_SHORT",
            "AUDIO_TOO_LONG",
            // 401
            "MISSING_API_KEY",
            "INVALID_API_KEY",
            "API_KEY_EXPIRED",
            "CLIENT_INACTIVE",
            // 402
            "INSUFFICIENT_CREDITS",
            // 403
            "MULTILINGUAL_NOT_ENABLED",
            "IP_NOT_ALLOWED",
            // 429
            "RATE_LIMIT_EXCEEDED",
            "POLL_RATE_LIMITED",
            // 503
            "SERVICE_WARMING_UP",
            // status: "failed" on a poll response
            "TRANSCRIPTION_FAILED",
            "TRANSCRIPTION_LOW_CONFIDENCE",
            "SCORING_FAILED",
            "SERVICE_CONFIGURATION_ERROR",
            "STUCK_TIMEOUT",
            "INTERNAL_ERROR",
        ],
        statuses: &[400, 401, 402, 403, 429, 503],
        close_codes: &[],
    },
    Page {
        api: "identitycall",
        codes: &[
            "Invalid or expired API key",
            "Read permission required",
            "Write permission required",
            "Delete permission required",
            "Resource not found",
            "file is required",
            "Transcription not available",
            "Rate limit exceeded",
        ],
        statuses: &[200, 201, 204, 400, 401, 403, 404, 422, 429, 500],
        close_codes: &[],
    },
    Page {
        api: "voice_gateway",
        codes: &[
            "Missing X-App-ID header",
            "Invalid X-App-ID format",
            "Invalid request body",
            "Invalid command",
            "urls is required",
            "Invalid command_uid format",
            "Missing API key",
            "Invalid API key",
            "Missing X-Admin-API-Key header",
            "Invalid admin API key",
            "Session belongs to a different application",
            "Room belongs to a different application",
            "Session not found",
            "Room not found",
            "Conference name already taken",
            "Session is already in a different conference room",
            // The page writes "Session is already muted / unmuted": two messages.
            "Session is already muted",
            "Session is already unmuted",
            "Request body too large",
            "Content-Type must be application/json",
            "Rate limit exceeded",
            "Command rate limited",
            "Internal error validating API key",
            "Internal server error",
            "Admin API not configured",
            "Recording not available",
        ],
        // The page's status headings did not survive; 429 is the one status its text
        // names (the others in the reference are inferred, and marked so).
        statuses: &[429],
        close_codes: &[],
    },
];

fn reference(api: &str) -> String {
    let path = repo().join(format!("generated/docs/{api}.md"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} is missing ({e}); run `errcat generate`", path.display()))
}

/// The lines of one `## ` section.
fn section<'a>(page: &'a str, title: &str) -> Vec<&'a str> {
    page.lines()
        .skip_while(|l| *l != format!("## {title}"))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect()
}

#[test]
fn every_code_status_and_close_code_of_each_page_is_in_its_reference() {
    for page in PAGES {
        let doc = reference(page.api);
        let codes_title = if page.api == "identitycall" || page.api == "voice_gateway" {
            "Error messages"
        } else {
            "Error codes"
        };
        let codes = section(&doc, codes_title);
        let headings: Vec<&str> = codes
            .iter()
            .copied()
            .filter(|l| l.starts_with("### "))
            .collect();
        for code in page.codes {
            let heading = format!("### `{code}`");
            assert!(
                headings.iter().any(|h| *h == heading),
                "{}: no section for {code:?}",
                page.api
            );
        }
        assert_eq!(
            headings.len(),
            page.codes.len(),
            "{}: one section per code, and no more",
            page.api
        );

        let statuses = section(&doc, "HTTP status codes");
        for status in page.statuses {
            assert!(
                statuses
                    .iter()
                    .any(|l| l.starts_with(&format!("| {status} "))),
                "{}: no row for HTTP status {status}",
                page.api
            );
        }

        let closes = section(&doc, "WebSocket close codes");
        for close in page.close_codes {
            assert!(
                closes.iter().any(|l| l.starts_with(&format!("| {close} "))),
                "{}: no row for close code {close}",
                page.api
            );
        }
        if page.close_codes.is_empty() {
            assert!(closes.is_empty(), "{}: no close codes section", page.api);
        }

        let retry = section(&doc, "Retry at a glance");
        for code in page.codes {
            assert!(
                retry
                    .iter()
                    .any(|l| l.starts_with(&format!("| [`{code}`]("))),
                "{}: {code:?} has no retry row",
                page.api
            );
        }
    }
}

#[test]
fn references_open_with_the_generated_header_and_mark_inferred_facts() {
    for page in PAGES {
        let doc = reference(page.api);
        assert!(
            doc.starts_with(&format!(
                "<!-- @generated by errcat from catalog/{}.yaml.",
                page.api
            )),
            "{}",
            page.api
        );
        // Every API's catalog infers something, so every page has daggers and the list.
        // Each dagger links to its own entry of the list, which carries that anchor.
        assert!(doc.contains("[†1](#inferred-fact-1)"), "{}", page.api);
        assert!(
            doc.contains("1. <a id=\"inferred-fact-1\"></a>"),
            "{}",
            page.api
        );
        assert!(!section(&doc, "Inferred facts").is_empty(), "{}", page.api);
    }
    // Kallglot's statuses are all inferred: the status table says so next to the codes.
    let kallglot = reference("kallglot");
    let row = section(&kallglot, "HTTP status codes")
        .into_iter()
        .find(|l| l.starts_with("| 401 "))
        .unwrap();
    assert!(
        row.contains("[`invalid_api_key`](#invalid_api_key)"),
        "{row}"
    );
    assert!(row.contains("(#inferred-fact-"), "{row}");
}

#[test]
fn kallglot_doc_urls_land_on_their_sections() {
    let doc = reference("kallglot");
    for code in PAGES[0].codes {
        assert!(
            doc.contains(&format!(
                "- **Documentation:** <https://developer.kallglot.com/errors#{code}>"
            )),
            "{code}"
        );
        // GitHub's anchor of "### `code`" is the code itself.
        assert!(doc.contains(&format!("\n### `{code}`\n")), "{code}");
    }
}

#[test]
fn check_drift_checks_the_references() {
    let dir = scratch();
    let path = dir.path().join("generated/docs/zenhire.md");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("run exceeded its watchdog timeout.", "run took too long.");
    std::fs::write(&path, edited).unwrap();
    let out = errcat(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("--- a/generated/docs/zenhire.md"),
        "{stderr}"
    );
    assert!(stderr.contains("run took too long."), "{stderr}");

    std::fs::remove_file(dir.path().join("generated/docs/kallglot.md")).unwrap();
    let out = errcat(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("missing: generated/docs/kallglot.md"),
        "{stderr}"
    );

    let out = errcat(dir.path(), &["generate"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = errcat(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read(dir.path().join("generated/docs/kallglot.md")).unwrap(),
        std::fs::read(repo().join("generated/docs/kallglot.md")).unwrap()
    );
}

#[test]
fn stale_references_are_reported_and_removed_but_hand_written_ones_kept() {
    let dir = scratch();
    std::fs::remove_file(dir.path().join("catalog/identitycall.yaml")).unwrap();
    std::fs::write(
        dir.path().join("generated/docs/guide.md"),
        "# A hand-written guide\n",
    )
    .unwrap();
    let out = errcat(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("stale: generated/docs/identitycall.md"),
        "{stderr}"
    );
    assert!(!stderr.contains("guide.md"), "{stderr}");
    let out = errcat(dir.path(), &["generate"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!dir.path().join("generated/docs/identitycall.md").exists());
    assert!(dir.path().join("generated/docs/guide.md").exists());
}

#[test]
fn docs_writes_the_references_into_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("site");
    let catalog = repo().join("catalog");
    let out = errcat(
        &repo(),
        &[
            "docs",
            "--out",
            out_dir.to_str().unwrap(),
            "--catalog",
            catalog.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "agenthuman.md",
            "identitycall.md",
            "kallglot.md",
            "voice_gateway.md",
            "zenhire.md"
        ]
    );

    let only = dir.path().join("one");
    let out = errcat(
        &repo(),
        &["docs", "--out", only.to_str().unwrap(), "--api", "zenhire"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read(only.join("zenhire.md")).unwrap(),
        std::fs::read(repo().join("generated/docs/zenhire.md")).unwrap(),
        "the same page as generated/docs/"
    );
    assert_eq!(std::fs::read_dir(&only).unwrap().count(), 1);

    std::fs::write(only.join("zenhire.md"), "hand-written\n").unwrap();
    let out = errcat(
        &repo(),
        &["docs", "--out", only.to_str().unwrap(), "--api", "zenhire"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("refusing to overwrite"));

    let out = errcat(
        &repo(),
        &["docs", "--out", only.to_str().unwrap(), "--api", "nope"],
    );
    assert_eq!(out.status.code(), Some(2));
}
