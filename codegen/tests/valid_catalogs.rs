//! The real catalog (`catalog/*.yaml`) against the five public error pages it transcribes
//! (`../shared/seeds/*.txt` beside the repository). Every expected value below was read off the pages, not off
//! the YAML: the codes and messages each page lists, the statuses it ties them to, its
//! error types, retry advice and WebSocket close codes. Where a page states nothing (a
//! status the page never gives, a retry rule it leaves open) the test says so and checks
//! that the catalog marks the value as inferred instead of pinning the catalog's guess.

use std::collections::BTreeSet;

use errcat_codegen::model::document::{Category, Context, FieldRole, IdentifiedBy, RetryKind};
use errcat_codegen::model::{Api, Catalog, Error};
use errcat_codegen::Builder;

const CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog");

fn catalog() -> Catalog {
    Builder::new()
        .catalog(CATALOG)
        .load()
        .unwrap_or_else(|diagnostics| panic!("the real catalog does not validate:\n{diagnostics}"))
}

fn api<'c>(catalog: &'c Catalog, id: &str) -> &'c Api {
    catalog
        .apis
        .iter()
        .find(|a| a.id() == id)
        .unwrap_or_else(|| panic!("no API `{id}` in the catalog"))
}

fn error<'a>(api: &'a Api, id: &str) -> &'a Error {
    api.errors
        .iter()
        .find(|e| e.id() == id)
        .unwrap_or_else(|| panic!("{}: no error `{id}`", api.id()))
}

fn wires(api: &Api) -> BTreeSet<&str> {
    api.errors.iter().map(|e| e.wire.as_str()).collect()
}

// ---------------------------------------------------------------------------------------
// What the pages list.

/// Kallglot: "Error Types", one table of codes per type (9 types, 36 codes).
#[rustfmt::skip]
const KALLGLOT_CODES_BY_TYPE: &[(&str, &[&str])] = &[
    ("authentication_error", &["invalid_api_key", "expired_api_key", "revoked_api_key", "invalid_token", "expired_token"]),
    ("authorization_error", &["insufficient_permissions", "organization_suspended", "feature_not_available"]),
    ("validation_error", &["invalid_request", "missing_required_field", "invalid_field_value", "invalid_language_code", "invalid_mode", "invalid_provider"]),
    ("not_found_error", &["session_not_found", "recording_not_found", "analysis_not_found", "transcript_not_found", "webhook_endpoint_not_found"]),
    ("invalid_request_error", &["session_already_ended", "session_not_active", "recording_not_ready", "analysis_not_complete", "idempotency_key_in_use"]),
    ("rate_limit_error", &["rate_limit_exceeded", "concurrent_session_limit"]),
    ("processing_error", &["transcription_failed", "translation_failed", "recording_failed", "analysis_failed"]),
    ("provider_error", &["provider_connection_failed", "provider_call_failed", "provider_timeout"]),
    ("server_error", &["internal_error", "service_unavailable", "upstream_error"]),
];

/// AgentHuman: the page names a code only in its five "Example Error Responses", each
/// under a heading with its status.
const AGENTHUMAN_CODES: &[(&str, u16)] = &[
    ("invalid_parameters", 400),
    ("invalid_api_key", 401),
    ("session_not_found", 404),
    ("rate_limit_exceeded", 429),
    ("internal_error", 500),
];

/// ZenHire: "Common cases", by status; the six poll failures come in a 200 poll response.
#[rustfmt::skip]
const ZENHIRE_CODES: &[(&str, &[&str])] = &[
    ("400", &["MISSING_AUDIO_FILE", "UNSUPPORTED_FORMAT", "FILE_TOO_LARGE", "INVALID_LANGUAGE_CODE", "INVALID_EXTERNAL_ID", "INVALID_METADATA", "AUDIO_TOO_SHORT", "AUDIO_TOO_LONG"]),
    ("401", &["MISSING_API_KEY", "INVALID_API_KEY", "API_KEY_EXPIRED", "CLIENT_INACTIVE"]),
    ("402", &["INSUFFICIENT_CREDITS"]),
    ("403", &["MULTILINGUAL_NOT_ENABLED", "IP_NOT_ALLOWED"]),
    ("429", &["RATE_LIMIT_EXCEEDED", "POLL_RATE_LIMITED"]),
    ("503", &["SERVICE_WARMING_UP"]),
    ("poll", &["TRANSCRIPTION_FAILED", "TRANSCRIPTION_LOW_CONFIDENCE", "SCORING_FAILED", "SERVICE_CONFIGURATION_ERROR", "STUCK_TIMEOUT", "INTERNAL_ERROR"]),
];

/// IdentityCall: the messages of "Common Errors", with the status of their section.
const IDENTITYCALL_MESSAGES: &[(&str, u16)] = &[
    ("Invalid or expired API key", 401),
    ("Read permission required", 403),
    ("Write permission required", 403),
    ("Delete permission required", 403),
    ("Resource not found", 404),
    ("file is required", 422),
    ("Transcription not available", 422),
    ("Rate limit exceeded", 429),
];

/// The voice gateway: the "Error message" column of its ten tables (25 rows). Their status
/// headings were lost from the page; each section's first sentence identifies it. The row
/// "Session is already muted / unmuted" holds two messages, so there are 26 errors.
const VOICE_GATEWAY_MESSAGES: &[(&str, u16)] = &[
    // "The request is malformed or contains invalid parameters."
    ("Missing X-App-ID header", 400),
    ("Invalid X-App-ID format", 400),
    ("Invalid request body", 400),
    ("Invalid command", 400),
    ("urls is required", 400),
    ("Invalid command_uid format", 400),
    // "Authentication credentials are missing or invalid."
    ("Missing API key", 401),
    ("Invalid API key", 401),
    ("Missing X-Admin-API-Key header", 401),
    ("Invalid admin API key", 401),
    // "You are authenticated but not authorized to access this resource."
    ("Session belongs to a different application", 403),
    ("Room belongs to a different application", 403),
    // "The requested resource does not exist."
    ("Session not found", 404),
    ("Room not found", 404),
    // "The request conflicts with the current state of the resource."
    ("Conference name already taken", 409),
    ("Session is already in a different conference room", 409),
    ("Session is already muted", 409),
    ("Session is already unmuted", 409),
    // "The request body exceeds the per-route size limit."
    ("Request body too large", 413),
    // "... without a Content-Type header, or the header value is not application/json."
    ("Content-Type must be application/json", 415),
    // "You have exceeded the rate limit."
    ("Rate limit exceeded", 429),
    ("Command rate limited", 429),
    // "An unexpected error occurred on the server."
    ("Internal error validating API key", 500),
    ("Internal server error", 500),
    // "The server is not ready to handle the request."
    ("Admin API not configured", 503),
    ("Recording not available", 503),
];

/// Kallglot's "WebSocket Error Codes" table.
const KALLGLOT_CLOSE_CODES: &[u16] = &[1000, 1008, 1011, 4000, 4001, 4002, 4003];

// ---------------------------------------------------------------------------------------

#[test]
fn the_catalog_validates_with_exactly_the_five_apis() {
    let catalog = catalog();
    let ids: Vec<&str> = catalog.apis.iter().map(|a| a.id()).collect();
    assert_eq!(
        ids,
        [
            "agenthuman",
            "identitycall",
            "kallglot",
            "voice_gateway",
            "zenhire"
        ]
    );
    let by_message: Vec<&str> = catalog
        .apis
        .iter()
        .filter(|a| a.identified_by() == IdentifiedBy::Message)
        .map(|a| a.id())
        .collect();
    // The seeds README: IdentityCall and the voice gateway send no code.
    assert_eq!(by_message, ["identitycall", "voice_gateway"]);
}

#[test]
fn error_counts_match_the_pages() {
    let catalog = catalog();
    let kallglot: Vec<&str> = KALLGLOT_CODES_BY_TYPE
        .iter()
        .flat_map(|(_, codes)| codes.iter().copied())
        .collect();
    let zenhire: Vec<&str> = ZENHIRE_CODES
        .iter()
        .flat_map(|(_, codes)| codes.iter().copied())
        .collect();
    let expected: [(&str, usize); 5] = [
        ("agenthuman", 5),
        ("identitycall", 8),
        ("kallglot", 36),
        ("voice_gateway", 26),
        ("zenhire", 24),
    ];
    // The tables above hold what the pages list; the numbers are their sizes.
    assert_eq!(kallglot.len(), 36);
    assert_eq!(AGENTHUMAN_CODES.len(), 5);
    assert_eq!(zenhire.len(), 24);
    assert_eq!(IDENTITYCALL_MESSAGES.len(), 8);
    assert_eq!(VOICE_GATEWAY_MESSAGES.len(), 26);
    for (id, count) in expected {
        assert_eq!(
            api(&catalog, id).errors.len(),
            count,
            "{id}: number of errors"
        );
    }
    // Not only as many: exactly the codes and messages on the pages.
    let set = |items: Vec<&'static str>| items.into_iter().collect::<BTreeSet<&str>>();
    assert_eq!(wires(api(&catalog, "kallglot")), set(kallglot));
    assert_eq!(wires(api(&catalog, "zenhire")), set(zenhire));
    assert_eq!(
        wires(api(&catalog, "agenthuman")),
        set(AGENTHUMAN_CODES.iter().map(|(c, _)| *c).collect())
    );
    assert_eq!(
        wires(api(&catalog, "identitycall")),
        set(IDENTITYCALL_MESSAGES.iter().map(|(m, _)| *m).collect())
    );
    assert_eq!(
        wires(api(&catalog, "voice_gateway")),
        set(VOICE_GATEWAY_MESSAGES.iter().map(|(m, _)| *m).collect())
    );
}

#[test]
fn statuses_match_the_pages() {
    let catalog = catalog();
    let agenthuman = api(&catalog, "agenthuman");
    for &(code, status) in AGENTHUMAN_CODES {
        let e = agenthuman
            .errors
            .iter()
            .find(|e| e.wire == code)
            .expect(code);
        assert_eq!(e.status, status, "agenthuman {code}");
        assert!(
            e.status_inferred.is_none(),
            "agenthuman {code}: the page states its status"
        );
    }
    let identitycall = api(&catalog, "identitycall");
    for &(message, status) in IDENTITYCALL_MESSAGES {
        let e = identitycall
            .errors
            .iter()
            .find(|e| e.wire == message)
            .expect(message);
        assert_eq!(e.status, status, "identitycall {message:?}");
        assert!(
            e.status_inferred.is_none(),
            "identitycall {message:?}: the page states its status"
        );
    }
    // The page lost its status headings, so every status is an inference.
    let gateway = api(&catalog, "voice_gateway");
    for &(message, status) in VOICE_GATEWAY_MESSAGES {
        let e = gateway
            .errors
            .iter()
            .find(|e| e.wire == message)
            .expect(message);
        assert_eq!(e.status, status, "voice_gateway {message:?}");
        assert!(
            e.status_inferred.is_some(),
            "voice_gateway {message:?}: the page's status heading is lost, so the status must be marked inferred"
        );
    }
    let zenhire = api(&catalog, "zenhire");
    for &(section, codes) in ZENHIRE_CODES {
        for &code in codes {
            let e = zenhire.errors.iter().find(|e| e.wire == code).expect(code);
            if section == "poll" {
                // `status: "failed"` inside a successful poll response; no HTTP status given.
                assert_eq!(e.context(), Context::Poll, "zenhire {code}");
                assert_eq!(e.status, 200, "zenhire {code}");
                assert!(
                    e.status_inferred.is_some(),
                    "zenhire {code}: the page gives no HTTP status"
                );
            } else {
                assert_eq!(e.context(), Context::Http, "zenhire {code}");
                assert_eq!(e.status.to_string(), section, "zenhire {code}");
                assert!(
                    e.status_inferred.is_none(),
                    "zenhire {code}: the page states its status"
                );
            }
        }
    }
    // Kallglot ties no code and no type to a status: every status is an inference.
    for e in &api(&catalog, "kallglot").errors {
        assert!(
            e.status_inferred.is_some(),
            "kallglot {}: the page ties no code to a status, so the status must be marked inferred",
            e.id()
        );
    }
}

#[test]
fn kallglot_types_and_doc_urls_match_the_page() {
    let catalog = catalog();
    let kallglot = api(&catalog, "kallglot");
    let types: Vec<&str> = kallglot.doc.types.iter().map(|t| t.id.as_str()).collect();
    let page_types: Vec<&str> = KALLGLOT_CODES_BY_TYPE.iter().map(|(t, _)| *t).collect();
    assert_eq!(types, page_types);
    for &(ty, codes) in KALLGLOT_CODES_BY_TYPE {
        for &code in codes {
            let e = error(kallglot, code);
            assert_eq!(e.error_type(), Some(ty), "kallglot {code}");
            // The page's pattern: https://developer.kallglot.com/errors#<code>.
            assert_eq!(
                e.doc_url.as_deref(),
                Some(format!("https://developer.kallglot.com/errors#{code}").as_str()),
                "kallglot {code}"
            );
        }
    }
}

#[test]
fn kallglot_invalid_api_key() {
    let catalog = catalog();
    let e = error(api(&catalog, "kallglot"), "invalid_api_key");
    assert_eq!(e.wire, "invalid_api_key");
    assert_eq!(e.status, 401);
    assert_eq!(
        e.doc_url.as_deref(),
        Some("https://developer.kallglot.com/errors#invalid_api_key")
    );
    assert!(
        e.status_inferred.is_some(),
        "the page ties no code to a status: 401 is an inference"
    );
    assert_eq!(e.error_type(), Some("authentication_error"));
    assert_eq!(e.category, Category::Authentication);
    // Retry table: authentication_error - No - Check credentials.
    assert_eq!(e.retry.rule, RetryKind::Never);
}

#[test]
fn kallglot_close_codes() {
    let catalog = catalog();
    let codes: Vec<u16> = api(&catalog, "kallglot")
        .doc
        .websocket_close_codes
        .iter()
        .map(|c| c.code)
        .collect();
    assert_eq!(codes, KALLGLOT_CLOSE_CODES);
    for other in ["agenthuman", "identitycall", "voice_gateway", "zenhire"] {
        assert!(
            api(&catalog, other).doc.websocket_close_codes.is_empty(),
            "{other}: its page has no WebSocket close codes"
        );
    }
}

/// One sampled error: what its page says, resolved.
struct Sample {
    api: &'static str,
    id: &'static str,
    wire: &'static str,
    /// `None` where the page states no status (the catalog's guess is not pinned here).
    status: Option<u16>,
    error_type: Option<&'static str>,
    category: Category,
    rule: RetryKind,
}

const fn sample(
    api: &'static str,
    id: &'static str,
    wire: &'static str,
    status: Option<u16>,
    error_type: Option<&'static str>,
    category: Category,
    rule: RetryKind,
) -> Sample {
    Sample {
        api,
        id,
        wire,
        status,
        error_type,
        category,
        rule,
    }
}

use Category as C;
use RetryKind as R;

#[rustfmt::skip]
const SAMPLES: &[Sample] = &[
    // AgentHuman: statuses from the example headings; "Don't retry 4xx errors immediately";
    // "Implement exponential backoff for rate limit errors (429)" with Retry-After; a 500
    // "Please try again".
    sample("agenthuman", "invalid_parameters", "invalid_parameters", Some(400), None, C::InvalidRequest, R::Never),
    sample("agenthuman", "invalid_api_key", "invalid_api_key", Some(401), None, C::Authentication, R::Never),
    sample("agenthuman", "session_not_found", "session_not_found", Some(404), None, C::NotFound, R::Never),
    sample("agenthuman", "rate_limit_exceeded", "rate_limit_exceeded", Some(429), None, C::RateLimited, R::RetryAfter),
    sample("agenthuman", "internal_error", "internal_error", Some(500), None, C::Internal, R::Backoff),
    // IdentityCall: "Client error - don't retry"; 429: wait for `retry_after` seconds.
    sample("identitycall", "invalid_or_expired_api_key", "Invalid or expired API key", Some(401), None, C::Authentication, R::Never),
    sample("identitycall", "read_permission_required", "Read permission required", Some(403), None, C::Permission, R::Never),
    sample("identitycall", "resource_not_found", "Resource not found", Some(404), None, C::NotFound, R::Never),
    sample("identitycall", "file_is_required", "file is required", Some(422), None, C::InvalidRequest, R::Never),
    sample("identitycall", "rate_limit_exceeded", "Rate limit exceeded", Some(429), None, C::RateLimited, R::RetryAfter),
    // Kallglot: retry table (rate_limit_error: Retry-After; server_error: exponential
    // backoff; provider_error: depends on the code, and isRetryable() retries only
    // provider_timeout; validation_error and authentication_error: no). The page ties no
    // code to a status; only the rows whose status table line names them are pinned.
    sample("kallglot", "invalid_api_key", "invalid_api_key", Some(401), Some("authentication_error"), C::Authentication, R::Never),
    sample("kallglot", "invalid_language_code", "invalid_language_code", None, Some("validation_error"), C::InvalidRequest, R::Never),
    sample("kallglot", "rate_limit_exceeded", "rate_limit_exceeded", Some(429), Some("rate_limit_error"), C::RateLimited, R::RetryAfter),
    sample("kallglot", "provider_timeout", "provider_timeout", None, Some("provider_error"), C::Upstream, R::Backoff),
    sample("kallglot", "provider_call_failed", "provider_call_failed", None, Some("provider_error"), C::Upstream, R::Never),
    sample("kallglot", "service_unavailable", "service_unavailable", Some(503), Some("server_error"), C::Unavailable, R::Backoff),
    sample("kallglot", "upstream_error", "upstream_error", Some(502), Some("server_error"), C::Upstream, R::Backoff),
    // ZenHire: "Retry strategy at a glance".
    sample("zenhire", "invalid_language_code", "INVALID_LANGUAGE_CODE", Some(400), None, C::InvalidRequest, R::Never),
    sample("zenhire", "api_key_expired", "API_KEY_EXPIRED", Some(401), None, C::Authentication, R::Never),
    sample("zenhire", "insufficient_credits", "INSUFFICIENT_CREDITS", Some(402), None, C::Payment, R::Never),
    sample("zenhire", "ip_not_allowed", "IP_NOT_ALLOWED", Some(403), None, C::Permission, R::Never),
    sample("zenhire", "rate_limit_exceeded", "RATE_LIMIT_EXCEEDED", Some(429), None, C::RateLimited, R::RetryAfter),
    sample("zenhire", "poll_rate_limited", "POLL_RATE_LIMITED", Some(429), None, C::RateLimited, R::PollAgain),
    sample("zenhire", "service_warming_up", "SERVICE_WARMING_UP", Some(503), None, C::Unavailable, R::Wait),
    sample("zenhire", "stuck_timeout", "STUCK_TIMEOUT", Some(200), None, C::Processing, R::Resubmit),
    // Voice gateway: "Handle 429 with exponential backoff"; "Treat 5xx errors as transient.
    // Retry with backoff"; the 4xx fixes all need a changed request.
    sample("voice_gateway", "missing_x_app_id_header", "Missing X-App-ID header", Some(400), None, C::InvalidRequest, R::Never),
    sample("voice_gateway", "invalid_api_key", "Invalid API key", Some(401), None, C::Authentication, R::Never),
    sample("voice_gateway", "session_not_found", "Session not found", Some(404), None, C::NotFound, R::Never),
    sample("voice_gateway", "session_already_muted", "Session is already muted", Some(409), None, C::Conflict, R::Never),
    sample("voice_gateway", "request_body_too_large", "Request body too large", Some(413), None, C::InvalidRequest, R::Never),
    sample("voice_gateway", "rate_limit_exceeded", "Rate limit exceeded", Some(429), None, C::RateLimited, R::Backoff),
    sample("voice_gateway", "internal_server_error", "Internal server error", Some(500), None, C::Internal, R::Backoff),
];

#[test]
fn sampled_errors_resolve_as_their_pages_say() {
    let catalog = catalog();
    let mut problems = Vec::new();
    for s in SAMPLES {
        let e = error(api(&catalog, s.api), s.id);
        let at = format!("{} {}", s.api, s.id);
        if e.wire != s.wire {
            problems.push(format!("{at}: wire {:?}, expected {:?}", e.wire, s.wire));
        }
        if let Some(status) = s.status {
            if e.status != status {
                problems.push(format!("{at}: status {}, expected {status}", e.status));
            }
        }
        if e.doc.error_type.as_deref() != s.error_type {
            problems.push(format!(
                "{at}: type {:?}, expected {:?}",
                e.doc.error_type, s.error_type
            ));
        }
        if e.category != s.category {
            problems.push(format!(
                "{at}: category {:?}, expected {:?}",
                e.category, s.category
            ));
        }
        if e.retry.rule != s.rule {
            problems.push(format!(
                "{at}: retry rule {:?}, expected {:?}",
                e.retry.rule, s.rule
            ));
        }
    }
    for id in [
        "agenthuman",
        "identitycall",
        "kallglot",
        "voice_gateway",
        "zenhire",
    ] {
        let n = SAMPLES.iter().filter(|s| s.api == id).count();
        assert!(n >= 4, "{id}: only {n} sampled errors");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn retry_details_match_the_pages() {
    let catalog = catalog();
    // ZenHire: "Retry after 30–60s, back off further if repeated."
    let warming = error(api(&catalog, "zenhire"), "service_warming_up");
    let wait = warming.retry.wait.as_ref().expect("a wait window");
    assert_eq!((wait.min_seconds, wait.max_seconds), (30, 60));
    assert!(
        warming.retry.backoff.is_some(),
        "back off further if repeated"
    );
    // ZenHire: "Respect Retry-After, then exponential backoff."
    let limited = error(api(&catalog, "zenhire"), "rate_limit_exceeded");
    assert_eq!(limited.retry.header.as_deref(), Some("Retry-After"));
    assert!(limited.retry.backoff.is_some());
    // IdentityCall: "Wait for the time specified in retry_after (seconds)".
    let limited = error(api(&catalog, "identitycall"), "rate_limit_exceeded");
    assert_eq!(limited.retry.body_field.as_deref(), Some("retry_after"));
    // Kallglot: rate_limit_error - "Use Retry-After header".
    let limited = error(api(&catalog, "kallglot"), "rate_limit_exceeded");
    assert_eq!(limited.retry.header.as_deref(), Some("Retry-After"));
    // AgentHuman: 429 responses carry Retry-After.
    let limited = error(api(&catalog, "agenthuman"), "rate_limit_exceeded");
    assert_eq!(limited.retry.header.as_deref(), Some("Retry-After"));
}

/// Every example body is JSON; its identifying field (the code, or for message-identified
/// APIs the message) names an error of its catalog, the one `expect` says, sent with the
/// example's status.
#[test]
fn example_bodies_name_known_errors() {
    let catalog = catalog();
    let mut problems = Vec::new();
    let mut bodies = 0;
    for api in &catalog.apis {
        let role = match api.identified_by() {
            IdentifiedBy::Code => FieldRole::Code,
            IdentifiedBy::Message => FieldRole::Message,
        };
        let field = api
            .doc
            .envelope
            .fields
            .iter()
            .find(|f| f.role == Some(role))
            .unwrap_or_else(|| panic!("{}: no envelope field with role {role:?}", api.id()));
        for example in &api.doc.examples {
            bodies += 1;
            let at = format!("{} example `{}`", api.id(), example.name);
            let body: serde_json::Value = match serde_json::from_str(&example.body) {
                Ok(body) => body,
                Err(e) => {
                    problems.push(format!("{at}: body is not JSON: {e}"));
                    continue;
                }
            };
            let named = field
                .path
                .split('.')
                .try_fold(&body, |v, key| v.get(key))
                .and_then(|v| v.as_str());
            let Some(named) = named else {
                // A real body that names no documented error (IdentityCall's 422 array).
                if example.expect.is_some() {
                    problems.push(format!(
                        "{at}: expects `{:?}` but has no `{}`",
                        example.expect, field.path
                    ));
                }
                continue;
            };
            let matches: Vec<&Error> = api.errors.iter().filter(|e| e.wire == named).collect();
            if matches.is_empty() {
                problems.push(format!("{at}: names {named:?}, which no error sends"));
                continue;
            }
            // Message-identified APIs tell errors apart by message and status together.
            let Some(e) = matches.iter().find(|e| e.status == example.status) else {
                problems.push(format!(
                    "{at}: {named:?} comes with status {}, not with {}",
                    matches[0].status, example.status
                ));
                continue;
            };
            match &example.expect {
                Some(expect) if expect != e.id() => problems.push(format!(
                    "{at}: expects `{expect}`, but its body names `{}`",
                    e.id()
                )),
                None => problems.push(format!("{at}: names `{}` but has no `expect`", e.id())),
                _ => {}
            }
        }
    }
    // AgentHuman 5, IdentityCall 9, Kallglot 1, ZenHire 1, the voice gateway none.
    assert_eq!(bodies, 16, "number of example bodies");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
