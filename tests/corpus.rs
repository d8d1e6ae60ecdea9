//! The conformance corpus: catalogs of real public APIs (`tests/corpus/*.yaml`, each
//! transcribed from the API's own error docs, with the docs' example bodies), generated
//! into `tests/corpus/generated/` and compiled here.
//!
//! For every API of the corpus and of the bundled `catalog/`: every example body of its
//! docs is classified by `from_response` to the error its `expect` names, and read as the documented envelope; every code's server
//! emission parses back to the same code; and the committed generated files are exactly
//! what the catalogs generate.

use errcat::{BodyShape, CatalogCode};
use errcat_codegen::model::Api;

/// Includes each API's generated module and routes its catalog to [`check`].
macro_rules! corpus_apis {
    ($($id:ident),* $(,)?) => {
        $( include!(concat!("corpus/generated/", stringify!($id), ".rs")); )*

        fn check_api(api: &Api) -> Option<Vec<String>> {
            match api.id() {
                $( stringify!($id) => Some({
                    let mut failures = check::<$id::ErrorCode>(api);
                    failures.extend(check_envelope::<$id::ErrorEnvelope>(api));
                    failures
                }), )*
                _ => None,
            }
        }
    };
}

/// Routes each bundled catalog (`catalog/`, compiled into errcat itself) to [`check`].
macro_rules! seed_apis {
    ($($id:ident),* $(,)?) => {
        fn check_seed(api: &Api) -> Option<Vec<String>> {
            match api.id() {
                $( stringify!($id) => Some({
                    let mut failures = check::<errcat::$id::ErrorCode>(api);
                    failures.extend(check_envelope::<errcat::$id::ErrorEnvelope>(api));
                    failures
                }), )*
                _ => None,
            }
        }
    };
}

seed_apis!(agenthuman, identitycall, kallglot, voice_gateway, zenhire);

corpus_apis!(
    azure_storage,
    discord,
    dropbox,
    dynamodb,
    github,
    google_rpc,
    jsonapi,
    konnect_control_planes,
    matrix,
    msgraph,
    oauth2,
    paypal,
    problem_details,
    razorpay,
    salesforce,
    shopify_admin_graphql,
    slack,
    soap12,
    square,
    stripe,
);

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/catalog");

fn load(folder: &str) -> Vec<Api> {
    errcat_codegen::Builder::new()
        .catalog(folder)
        .load()
        .unwrap_or_else(|d| panic!("{folder} does not validate:\n{d}"))
        .apis
}

/// Every example of `api` through the runtime, and every code through the server side.
fn check<C: CatalogCode>(api: &Api) -> Vec<String> {
    let mut failures = Vec::new();
    for example in &api.doc.examples {
        let headers: Vec<(&str, &str)> = example
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let error =
            errcat::ApiError::<C>::from_response(example.status, headers, example.body.as_bytes());
        let got = error.known_code().map(|c| c.info().id);
        if got != example.expect.as_deref() {
            failures.push(format!(
                "{}: example `{}` classified as {got:?}, expected {:?} ({:?})",
                api.id(),
                example.name,
                example.expect,
                error.code
            ));
        }
        // A body that names a documented error must be read as the envelope; one that
        // names none may be another format the page shows (PayPal's identity errors).
        if example.expect.is_some() && error.shape != BodyShape::Documented {
            failures.push(format!(
                "{}: example `{}` read as {:?}, not the documented envelope",
                api.id(),
                example.name,
                error.shape
            ));
        }
    }
    for code in C::ALL.iter().copied() {
        let response = code.response(&errcat::ResponseParts::default());
        let back = errcat::ApiError::<C>::from_response(
            response.status,
            response.headers.clone(),
            response.body.as_bytes(),
        );
        if back.known_code() != Some(code) {
            failures.push(format!(
                "{}: the emission of `{}` parses back as {:?}: {}",
                api.id(),
                code.info().id,
                back.code,
                response.body
            ));
        }
    }
    failures
}

/// Every example that names an error deserializes into the generated envelope type (an
/// XML body through the tree the runtime reads it into) and serializes back to the same
/// tree, so the structs model real bodies, lists included.
fn check_envelope<E>(api: &Api) -> Vec<String>
where
    E: serde::de::DeserializeOwned + serde::Serialize,
{
    let xml = errcat::is_xml_media_type(&api.doc.envelope.content_type);
    let mut failures = Vec::new();
    for example in api.doc.examples.iter().filter(|e| e.expect.is_some()) {
        let tree = if xml {
            errcat_vocab::xml::read(example.body.as_bytes())
        } else {
            serde_json::from_str(&example.body).ok()
        };
        let Some(tree) = tree else {
            failures.push(format!(
                "{}: example `{}` does not parse",
                api.id(),
                example.name
            ));
            continue;
        };
        match serde_json::from_value::<E>(tree.clone()) {
            Ok(envelope) => {
                let back = serde_json::to_value(&envelope).expect("envelopes serialize");
                if back != tree {
                    failures.push(format!(
                        "{}: example `{}` does not round-trip through ErrorEnvelope: {back}",
                        api.id(),
                        example.name
                    ));
                }
            }
            Err(error) => failures.push(format!(
                "{}: example `{}` does not deserialize into ErrorEnvelope: {error}",
                api.id(),
                example.name
            )),
        }
    }
    failures
}

/// The validator and the runtime agree: every example body of every catalog, bundled
/// and corpus, that `errcat validate` accepts is classified by `from_response` (status,
/// headers and body, as a client receives it) to the error its `expect` names.
#[test]
fn every_example_of_every_catalog_is_classified_as_it_expects_and_every_emission_parses_back() {
    let seeds = load(SEEDS);
    let corpus = load(CORPUS);
    assert!(!seeds.is_empty() && !corpus.is_empty());
    let mut failures = Vec::new();
    let mut examples = 0;
    for (api, routed) in seeds
        .iter()
        .map(|api| (api, check_seed(api)))
        .chain(corpus.iter().map(|api| (api, check_api(api))))
    {
        examples += api.doc.examples.len();
        match routed {
            Some(found) => failures.extend(found),
            None => failures.push(format!("{}: not compiled into this test", api.id())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every corpus API brings the docs' own bodies (one bundled page shows none).
    for api in &corpus {
        assert!(
            !api.doc.examples.is_empty(),
            "{}: no example body",
            api.id()
        );
    }
    assert!(examples >= seeds.len() + corpus.len());
}

#[test]
fn committed_corpus_modules_are_what_the_catalogs_generate() {
    // Relative, as the regeneration command names it: generated headers cite the path.
    // Cargo runs integration tests in the package root.
    let generated = errcat_codegen::Builder::new()
        .catalog("tests/corpus")
        .regenerate_command("errcat generate")
        .generate()
        .unwrap_or_else(|d| panic!("{d}"));
    let committed = std::path::Path::new(CORPUS).join("generated");
    let mut differ = Vec::new();
    for (name, text) in &generated {
        let on_disk = std::fs::read_to_string(committed.join(name)).unwrap_or_default();
        if on_disk != *text {
            differ.push(name.to_owned());
        }
    }
    assert!(
        differ.is_empty(),
        "tests/corpus/generated/ is stale ({}); run `cargo run --bin errcat -- generate --catalog tests/corpus --out tests/corpus/generated`",
        differ.join(", ")
    );
}

/// The corpus catalog of `id`, and its example named `name` read by the runtime.
fn example_error<C: CatalogCode>(id: &str, name: &str) -> errcat::ApiError<C> {
    let api = load(CORPUS).into_iter().find(|a| a.id() == id).unwrap();
    let example = api.doc.examples.iter().find(|e| e.name == name).unwrap();
    let headers: Vec<(&str, &str)> = example
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    errcat::ApiError::<C>::from_response(example.status, headers, example.body.as_bytes())
}

/// The `Date` of GitHub's rate-limit example: Tue, 20 Aug 2013 14:50:41 GMT.
fn github_example_now() -> std::time::SystemTime {
    std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_377_010_241)
}

/// GitHub sends its primary rate limit at 403 as well as 429 (`also_at`), and the docs
/// say to wait until `x-ratelimit-reset` (a Unix timestamp): the example's reset,
/// 1377013266, is 3025 s after its `Date`.
#[test]
fn github_rate_limit_at_403_waits_until_the_reset_header() {
    use errcat::{Idempotency, Jitter, RetryDecision, RetryPolicy};
    let error = example_error::<github::ErrorCode>("github", "primary_rate_limit_exceeded_403");
    let code = error.known_code().expect("classified at 403");
    assert_eq!(code, github::ErrorCode::PrimaryRateLimitExceeded);
    assert!(code.is_sent_at(403) && code.is_sent_at(429) && !code.is_sent_at(404));
    let policy = RetryPolicy::new(Idempotency::Idempotent)
        .with_jitter(Jitter::None)
        .with_clock(github_example_now)
        .with_max_server_delay(std::time::Duration::from_secs(3600));
    let wait = std::time::Duration::from_secs(3025);
    assert_eq!(
        error.retry_decision(1, &policy),
        RetryDecision::Retry { delay: wait }
    );
    // The same message at a status the error is not documented with names no code.
    let api = load(CORPUS)
        .into_iter()
        .find(|a| a.id() == "github")
        .unwrap();
    let body = &api
        .doc
        .examples
        .iter()
        .find(|e| e.name == "primary_rate_limit_exceeded_403")
        .unwrap()
        .body;
    let at_404 = errcat::ApiError::<github::ErrorCode>::from_response(
        404,
        Vec::<(&str, &str)>::new(),
        body.as_bytes(),
    );
    assert_eq!(at_404.known_code(), None);
}

/// GitHub: a primary-rate-limit 403 is marked by `x-ratelimit-remaining: 0` ("the
/// `x-ratelimit-remaining` header will be `0`"), so with the docs' example headers a
/// response whose body names no documented message (a HEAD response has no body; a
/// message the pages do not show) is still the rate limit, and waits until the reset. A
/// body that names another 403 keeps its own code: the body comes first.
#[test]
fn github_403_with_no_quota_left_is_the_rate_limit_whatever_the_body() {
    use errcat::{Idempotency, Jitter, RetryDecision, RetryPolicy};
    let api = load(CORPUS)
        .into_iter()
        .find(|a| a.id() == "github")
        .unwrap();
    let example = |name: &str| api.doc.examples.iter().find(|e| e.name == name).unwrap();
    let rate_limited = example("primary_rate_limit_exceeded_403");
    let headers: Vec<(&str, &str)> = rate_limited
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let read = |status: u16, headers: &[(&str, &str)], body: &str| {
        errcat::ApiError::<github::ErrorCode>::from_response(
            status,
            headers.iter().copied(),
            body.as_bytes(),
        )
    };
    let policy = RetryPolicy::new(Idempotency::Idempotent)
        .with_jitter(Jitter::None)
        .with_clock(github_example_now)
        .with_max_server_delay(std::time::Duration::from_secs(3600));
    let unshown = r#"{"message": "A message the pages do not show."}"#;
    for body in ["", unshown] {
        let error = read(403, &headers, body);
        assert_eq!(
            error.known_code(),
            Some(github::ErrorCode::PrimaryRateLimitExceeded),
            "body {body:?}"
        );
        // 1377013266 (x-ratelimit-reset) is 3025 s after the example's Date.
        assert_eq!(
            error.retry_decision(1, &policy),
            RetryDecision::Retry {
                delay: std::time::Duration::from_secs(3025)
            }
        );
    }
    // The body's own words stay.
    let error = read(403, &headers, unshown);
    assert_eq!(
        error.message.as_deref(),
        Some("A message the pages do not show.")
    );
    assert_eq!(error.errors[0].known_code(), None);
    // The docs' login-attempts 403 with the same headers is still that error.
    let login = example("maximum_login_attempts_exceeded");
    assert_eq!(
        read(403, &headers, &login.body).known_code(),
        Some(github::ErrorCode::MaximumLoginAttemptsExceeded)
    );
    // Quota left, or a status the rate limit is not sent with: no header selects it.
    let mut quota_left = headers.clone();
    quota_left.retain(|(k, _)| *k != "x-ratelimit-remaining");
    quota_left.push(("x-ratelimit-remaining", "56"));
    assert_eq!(read(403, &quota_left, unshown).known_code(), None);
    assert_eq!(read(404, &headers, unshown).known_code(), None);
}

/// GitHub's repository statistics answer 202 while they are still being computed
/// (https://docs.github.com/en/rest/metrics/statistics, "Best practices for caching",
/// github/docs content/rest/metrics/statistics.md @ 44718a4f): "you'll receive a `202`
/// response; a background job is also fired to start compiling these statistics. You
/// should allow the job a short time to complete, and then submit the request again."
/// The docs show no 202 body: the OpenAPI description's `accepted` response (the 202 of
/// /stats/code_frequency, /stats/commit_activity and /stats/contributors;
/// https://github.com/github/rest-api-description/blob/0000036e42b5e7121c2b1ac244cb7bba1d2f3914/descriptions/api.github.com/api.github.com.2022-11-28.yaml)
/// is `description: Accepted`, schema `type: object`, and its one example's `value` is
/// empty (YAML null). So the body here is empty, and that value written as JSON (`null`)
/// is read as well; no headers, as the docs give none for this response. Neither names an
/// error: the status row's `poll_again` decides, and with no delay documented the
/// caller's backoff gives the schedule.
#[test]
fn github_statistics_202_is_no_error_and_is_polled_again_on_the_callers_schedule() {
    use errcat::{
        Category, DelaySource, GiveUp, Idempotency, Jitter, RetryDecision, RetryPolicy, RetryRule,
    };
    use std::time::Duration;
    let row = <github::ErrorCode as CatalogCode>::SPEC
        .status(202)
        .expect("the 202 row");
    assert_eq!(row.name, "Accepted");
    let poll_again = RetryRule::PollAgain {
        delay: DelaySource::default(),
        then: None,
    };
    assert_eq!(row.retry, Some(poll_again));
    let policy = RetryPolicy::new(Idempotency::Idempotent).with_jitter(Jitter::None);
    // A GET of statistics is safe to repeat, but poll_again says the request was not
    // processed, so a caller that says otherwise polls all the same.
    let not_idempotent = RetryPolicy::new(Idempotency::NotIdempotent).with_jitter(Jitter::None);
    for (body, shape) in [
        (&b""[..], BodyShape::Empty),
        (&b"null"[..], BodyShape::UndocumentedJson),
    ] {
        let what = String::from_utf8_lossy(body);
        let accepted = errcat::ApiError::<github::ErrorCode>::from_response(
            202,
            Vec::<(&str, &str)>::new(),
            body,
        );
        assert_eq!(accepted.status, 202, "body {what:?}");
        assert_eq!(accepted.shape, shape, "body {what:?}");
        assert_eq!(accepted.known_code(), None, "body {what:?}");
        assert_eq!(accepted.code, None, "body {what:?}");
        assert_eq!(accepted.message, None, "body {what:?}");
        assert!(accepted.errors.is_empty(), "body {what:?}");
        assert_eq!(accepted.category(), Category::Processing, "body {what:?}");
        assert_eq!(accepted.retry_rule(), poll_again, "body {what:?}");
        assert_eq!(
            accepted.server_delay(std::time::SystemTime::now()),
            None,
            "body {what:?}"
        );
        // "A short time": no delay is documented, so errcat's default backoff (1 s,
        // doubling, 3 attempts in all) is the schedule, without jitter.
        let schedule: Vec<RetryDecision> = (1..=3)
            .map(|attempt| accepted.retry_decision(attempt, &policy))
            .collect();
        assert_eq!(
            schedule,
            [
                RetryDecision::PollAgain {
                    delay: Duration::from_secs(1)
                },
                RetryDecision::PollAgain {
                    delay: Duration::from_secs(2)
                },
                RetryDecision::GiveUp(GiveUp::AttemptsExhausted),
            ],
            "body {what:?}"
        );
        assert_eq!(
            accepted.retry_decision(1, &not_idempotent),
            RetryDecision::PollAgain {
                delay: Duration::from_secs(1)
            },
            "body {what:?}"
        );
    }
    // A real 202 carries the quota headers, as every GitHub response does ("each
    // response", the rate-limit page). With quota left, the reset says when the window
    // ends, not when to ask again: the 202 still polls after 1 s. (It used to wait the
    // 3025 s to the reset at the example's clock, past the policy's cap: DelayTooLong.)
    let with_quota = errcat::ApiError::<github::ErrorCode>::from_response(
        202,
        [
            ("date", "Tue, 20 Aug 2013 14:50:41 GMT"),
            ("x-ratelimit-limit", "5000"),
            ("x-ratelimit-remaining", "4966"),
            ("x-ratelimit-reset", "1377013266"),
        ],
        &b""[..],
    );
    assert_eq!(with_quota.server_delay(github_example_now()), None);
    assert_eq!(
        with_quota.retry_decision(1, &policy),
        RetryDecision::PollAgain {
            delay: Duration::from_secs(1)
        }
    );
}

/// Stripe's `code` is nullable ("For some errors that could be handled programmatically,
/// a short string indicating the error code reported"); its `type` never is. The pages
/// show no type-only body, so these are written from that sentence and the attribute
/// list: an error with a type and no code is classified by its type. The one body the
/// docs show (a declined payment) names its code, and its `doc_url` is the code's link
/// (`api.doc_url` with `{code|kebab}`).
/// Razorpay's `code` is the error's type ("Type of the error") and `reason` its exact
/// code ("The exact error reason. It can be handled programmatically."). The docs' own
/// bodies without a reason (the Partners page's "Extra Fields" 400s), with `"reason":
/// null` (the refund page) or with the undocumented `"reason": "NA"` (the Partners
/// page's 401 and 500) name no documented code and are classified by their type.
#[test]
fn razorpay_error_without_a_reason_is_classified_by_its_type() {
    use errcat::{Category, Idempotency, RetryDecision, RetryPolicy};
    let policy = RetryPolicy::new(Idempotency::Idempotent);
    for name in [
        "extra_fields_needs_clarification",
        "extra_fields_under_review",
        "refund_not_supported",
    ] {
        let error = example_error::<razorpay::ErrorCode>("razorpay", name);
        assert_eq!(error.shape, BodyShape::Documented, "{name}");
        assert_eq!(error.known_code(), None, "{name}");
        assert_eq!(
            error.documented_type().map(|t| t.wire),
            Some("BAD_REQUEST_ERROR"),
            "{name}"
        );
        assert_eq!(error.category(), Category::InvalidRequest, "{name}");
        // The 400 section's Solutions: correct the request and resend.
        assert_eq!(
            error.retry_decision(1, &policy),
            RetryDecision::FixRequest,
            "{name}"
        );
    }
    // A documented reason wins: the same type with `input_validation_failed`.
    let coded = example_error::<razorpay::ErrorCode>("razorpay", "length_exceeded");
    assert_eq!(
        coded.known_code(),
        Some(razorpay::ErrorCode::InputValidationFailed)
    );
    let read = |status: u16, body: &str| {
        errcat::ApiError::<razorpay::ErrorCode>::from_response(
            status,
            Vec::<(&str, &str)>::new(),
            body.as_bytes(),
        )
    };
    // The Partners page's 500 body, verbatim (kept in `notes`: its reason "NA" is no
    // documented code): SERVER_ERROR's category.
    let server = read(
        500,
        r#"{
  "error": {
    "code": "SERVER_ERROR",
    "description": "We are facing some trouble completing your request at the moment. Please try again shortly.",
    "source": "NA",
    "step": "NA",
    "reason": "NA",
    "metadata": {}
  }
}"#,
    );
    assert_eq!(server.shape, BodyShape::Documented);
    assert_eq!(server.known_code(), None);
    assert_eq!(
        server.documented_type().map(|t| t.wire),
        Some("SERVER_ERROR")
    );
    assert_eq!(server.category(), Category::Internal);
    // The Partners page's 401 Invalid Key body, verbatim: BAD_REQUEST_ERROR names no
    // category (it is sent at 400 and 401), so the 401 status decides.
    let key = read(
        401,
        r#"{
  "error": {
    "code": "BAD_REQUEST_ERROR",
    "description": "The api key provided is invalid",
    "source": "NA",
    "step": "NA",
    "reason": "NA",
    "metadata": {}
  }
}"#,
    );
    assert_eq!(key.known_code(), None);
    assert_eq!(
        key.documented_type().map(|t| t.wire),
        Some("BAD_REQUEST_ERROR")
    );
    assert_eq!(key.category(), Category::Authentication);
    assert_eq!(key.retry_decision(1, &policy), RetryDecision::FixRequest);
}

#[test]
fn stripe_error_without_a_code_is_classified_by_its_type() {
    use errcat::{Category, Idempotency, RetryDecision, RetryPolicy};
    let read = |status: u16, body: &str| {
        errcat::ApiError::<stripe::ErrorCode>::from_response(
            status,
            Vec::<(&str, &str)>::new(),
            body.as_bytes(),
        )
    };
    let idempotency = read(
        400,
        r#"{"error": {"type": "idempotency_error", "message": "Keys for idempotent requests can only be used with the same parameters they were first used with."}}"#,
    );
    assert_eq!(idempotency.shape, BodyShape::Documented);
    assert_eq!(idempotency.known_code(), None);
    assert_eq!(
        idempotency.documented_type().map(|t| t.wire),
        Some("idempotency_error")
    );
    // The type's category, not the 400 row's (invalid_request).
    assert_eq!(idempotency.category(), Category::Conflict);
    assert_eq!(Category::from_status(400), Category::InvalidRequest);
    // The 400 row: "Integrations should correct the original request".
    let policy = RetryPolicy::new(Idempotency::Idempotent);
    assert_eq!(
        idempotency.retry_decision(1, &policy),
        RetryDecision::FixRequest
    );
    let card = read(
        402,
        r#"{"error": {"type": "card_error", "message": "Your card was declined."}}"#,
    );
    assert_eq!(card.category(), Category::Payment);
    // A documented code wins over its type; an undocumented type leaves the status.
    let coded = read(
        404,
        r#"{"error": {"type": "invalid_request_error", "code": "resource_missing"}}"#,
    );
    assert_eq!(coded.known_code(), Some(stripe::ErrorCode::ResourceMissing));
    assert_eq!(coded.category(), Category::NotFound);
    let declined = example_error::<stripe::ErrorCode>("stripe", "authentication_required_declined");
    let code = declined
        .known_code()
        .expect("the docs' body names its code");
    assert_eq!(code, stripe::ErrorCode::AuthenticationRequired);
    assert_eq!(declined.doc_url.as_deref(), code.doc_url());
    assert_eq!(
        code.doc_url(),
        Some("https://stripe.com/docs/error-codes/authentication-required")
    );
    assert_eq!(declined.category(), Category::Payment);
    let unknown = read(
        400,
        r#"{"error": {"type": "no_such_type", "message": "?"}}"#,
    );
    assert_eq!(unknown.documented_type(), None);
    assert_eq!(unknown.category(), Category::InvalidRequest);
}

/// RFC 9457's `status` and `title` members have roles, so an emitted problem is complete:
/// the status repeated in the body, and the title the server gives (else the status
/// phrase, as RFC 9457 asks of about:blank).
#[test]
fn an_emitted_problem_has_its_status_and_title() {
    use errcat::ResponseParts;
    let parts = ResponseParts {
        title: Some("You do not have enough credit.".into()),
        message: Some("Your current balance is 30, but that costs 50.".into()),
        ..ResponseParts::default()
    };
    let response = problem_details::ErrorCode::OutOfCredit.response(&parts);
    let body: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(body["type"], "https://example.com/probs/out-of-credit");
    assert_eq!(body["status"], 403);
    assert_eq!(body["title"], "You do not have enough credit.");
    assert_eq!(
        body["detail"],
        "Your current balance is 30, but that costs 50."
    );
    assert!(response.unplaced.is_empty(), "{:?}", response.unplaced);
    let blank = problem_details::ErrorCode::AboutBlank.response(&ResponseParts::default());
    let body: serde_json::Value = serde_json::from_str(&blank.body).unwrap();
    assert_eq!(body["status"], 404);
    assert_eq!(body["title"], "Not Found");
}

/// A reset header documented as a Unix timestamp is emitted as the moment the wait
/// ends: GitHub's example, 3025 s after its `Date`, resets at 1377013266.
#[test]
fn a_reset_header_is_emitted_as_a_timestamp() {
    let parts = errcat::ResponseParts {
        retry_after: Some(std::time::Duration::from_secs(3025)),
        at: Some(github_example_now()),
        ..errcat::ResponseParts::default()
    };
    let response = github::ErrorCode::PrimaryRateLimitExceeded.response(&parts);
    let reset = response
        .headers
        .iter()
        .find(|(k, _)| k == "x-ratelimit-reset")
        .map(|(_, v)| v.as_str());
    assert_eq!(reset, Some("1377013266"));
}

/// DynamoDB retries some 400s ("OK to retry? Yes"), with the page's reason, on the
/// retry section's schedule: "up to 50 milliseconds before the first retry, up to 100
/// milliseconds before the second, up to 200 milliseconds before third, and so on". The
/// docs' own 400 (ResourceNotFoundException) is not retried. The throttling body is
/// written from its table row (message and `__type`), as the page shows no such body.
#[test]
fn dynamodb_retries_a_throttled_400_on_the_documented_schedule() {
    use errcat::{Backoff, Idempotency, Jitter, RetryDecision, RetryPolicy};
    use std::time::Duration;
    let not_found = example_error::<dynamodb::ErrorCode>("dynamodb", "resource_not_found_response");
    let policy = RetryPolicy::new(Idempotency::Idempotent).with_jitter(Jitter::None);
    assert_eq!(
        not_found.known_code(),
        Some(dynamodb::ErrorCode::ResourceNotFoundException)
    );
    assert_eq!(
        not_found.retry_decision(1, &policy),
        RetryDecision::FixRequest
    );
    let throttled = errcat::ApiError::<dynamodb::ErrorCode>::from_response(
        400,
        [("Content-Type", "application/x-amz-json-1.0")],
        br#"{"__type":"ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}"#,
    );
    assert_eq!(
        throttled.known_code(),
        Some(dynamodb::ErrorCode::ThrottlingException)
    );
    // The page states no attempt limit ("stop around one minute"): the caller's.
    let mut policy = policy;
    policy.default_backoff = Backoff {
        max_attempts: Some(5),
        ..Backoff::DEFAULT
    };
    let schedule: Vec<RetryDecision> = (1..=5)
        .map(|attempt| throttled.retry_decision(attempt, &policy))
        .collect();
    let retry = |ms| RetryDecision::Retry {
        delay: Duration::from_millis(ms),
    };
    assert_eq!(
        schedule,
        [
            retry(50),
            retry(100),
            retry(200),
            retry(400),
            RetryDecision::GiveUp(errcat::GiveUp::AttemptsExhausted)
        ]
    );
    // "up to": with full jitter each wait lies below the page's number.
    let jittered = policy.with_jitter(Jitter::Full).with_seed(7);
    for (attempt, cap) in [(1, 50), (2, 100), (3, 200)] {
        match throttled.retry_decision(attempt, &jittered) {
            RetryDecision::Retry { delay } => assert!(delay < Duration::from_millis(cap)),
            other => panic!("attempt {attempt}: {other:?}"),
        }
    }
}

/// Slack reports errors in the body of a 200 (`"ok": false`): the runtime classifies the
/// docs' example when handed the 2xx body, and the code says where it is reported.
#[test]
fn slack_error_inside_a_200_is_classified() {
    let error = example_error::<slack::ErrorCode>("slack", "too_many_attachments");
    let code = error.known_code().expect("classified at 200");
    assert_eq!(code.info().id, "too_many_attachments");
    assert_eq!(code.context(), errcat::Context::SuccessResponse);
    assert_eq!(error.status, 200);
}

/// RFC 9457: "When this member is not present, its value is assumed to be
/// \"about:blank\"" (`absent_means` on the code field). The RFC shows no such body, so
/// this one is written from that sentence: a problem with a title and a status only.
#[test]
fn problem_without_type_is_about_blank() {
    let body = br#"{"title": "Not Found", "status": 404}"#;
    let error = errcat::ApiError::<problem_details::ErrorCode>::from_response(
        404,
        [("content-type", "application/problem+json")],
        body,
    );
    assert_eq!(error.shape, BodyShape::Documented);
    assert_eq!(
        error.known_code(),
        Some(problem_details::ErrorCode::AboutBlank)
    );
    // A code the body did not send does not make an unrelated JSON body the envelope.
    let unrelated = errcat::ApiError::<problem_details::ErrorCode>::from_response(
        404,
        Vec::<(&str, &str)>::new(),
        br#"{"unrelated": true}"#,
    );
    assert_eq!(unrelated.shape, BodyShape::UndocumentedJson);
    assert_eq!(unrelated.known_code(), None, "about:blank is not invented");
    assert_eq!(unrelated.code_str(), None);
    // `doc_url: "{code}"`: a type URI that is a locator is its own documentation link
    // (section 3.1.1); about:blank is none.
    assert_eq!(
        problem_details::ErrorCode::OutOfCredit.doc_url(),
        Some("https://example.com/probs/out-of-credit")
    );
    assert_eq!(problem_details::ErrorCode::AboutBlank.doc_url(), None);
}

/// GitHub puts the client's address into its rate-limit message: the docs' example
/// writes it `xxx.xxx.xxx.xxx`, a real response carries the address. The pattern
/// `... exceeded for {ip}. ...` names the error and keeps the address; the exact
/// message of another error still wins over any pattern.
#[test]
fn github_rate_limit_message_with_a_real_address_matches_its_pattern() {
    let body = r#"{"message": "API rate limit exceeded for 203.0.113.7. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)", "documentation_url": "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}"#;
    let error = errcat::ApiError::<github::ErrorCode>::from_response(
        403,
        [("x-ratelimit-remaining", "0")],
        body.as_bytes(),
    );
    assert_eq!(
        error.known_code(),
        Some(github::ErrorCode::PrimaryRateLimitExceeded)
    );
    assert_eq!(
        error.errors[0].placeholders,
        [("ip", "203.0.113.7".to_owned())]
    );
    let exact = errcat::ApiError::<github::ErrorCode>::from_response(
        404,
        Vec::<(&str, &str)>::new(),
        br#"{"message": "Not Found"}"#,
    );
    assert_eq!(exact.known_code().map(|c| c.info().id), Some("not_found"));
    assert!(exact.errors[0].placeholders.is_empty());
}

/// Matrix: the docs' 429 example (the RateLimitError example the Client-Server API page
/// shows under every rate-limited endpoint) carries its delay in the body as
/// `"retry_after_ms": 2000`, "how long they have to wait in milliseconds before they can
/// try again". So the wait is 2000 ms (not 2000 s) on every attempt, and the page states no
/// attempt limit (the caller's policy gives it).
#[test]
fn matrix_rate_limit_waits_the_body_retry_after_ms() {
    use errcat::{Backoff, Category, GiveUp, Idempotency, Jitter, RetryDecision, RetryPolicy};
    use std::time::Duration;
    let error =
        example_error::<matrix::ErrorCode>("matrix", "limit_exceeded_429_too_many_requests");
    assert_eq!(error.shape, BodyShape::Documented);
    assert_eq!(error.known_code(), Some(matrix::ErrorCode::LimitExceeded));
    assert_eq!(error.code_str(), Some("M_LIMIT_EXCEEDED"));
    assert_eq!(error.message.as_deref(), Some("Too many requests"));
    assert_eq!(error.category(), Category::RateLimited);
    let two_seconds = Duration::from_millis(2000);
    assert_eq!(
        error.server_delay(std::time::SystemTime::now()),
        Some(two_seconds)
    );
    let mut policy = RetryPolicy::new(Idempotency::Idempotent).with_jitter(Jitter::None);
    policy.default_backoff = Backoff {
        max_attempts: Some(3),
        ..Backoff::DEFAULT
    };
    let schedule: Vec<RetryDecision> = (1..=3)
        .map(|attempt| error.retry_decision(attempt, &policy))
        .collect();
    assert_eq!(
        schedule,
        [
            RetryDecision::Retry { delay: two_seconds },
            RetryDecision::Retry { delay: two_seconds },
            RetryDecision::GiveUp(GiveUp::AttemptsExhausted),
        ]
    );
    // The same body through the generated envelope: the field is the integer 2000.
    let api = load(CORPUS)
        .into_iter()
        .find(|a| a.id() == "matrix")
        .unwrap();
    let body = &api
        .doc
        .examples
        .iter()
        .find(|e| e.name == "limit_exceeded_429_too_many_requests")
        .unwrap()
        .body;
    let envelope: matrix::ErrorEnvelope = serde_json::from_str(body).unwrap();
    assert_eq!(envelope.retry_after_ms, Some(2000));
    // "Homeservers SHOULD include a `Retry-After` header for any response with a 429
    // status code": the page gives no value, so this one is written from that sentence
    // (seconds, RFC 9110). A 429 body without retry_after_ms waits for the header.
    let header_only = errcat::ApiError::<matrix::ErrorCode>::from_response(
        429,
        [("Retry-After", "3")],
        br#"{"errcode": "M_LIMIT_EXCEEDED", "error": "Too many requests"}"#,
    );
    assert_eq!(
        header_only.retry_decision(1, &policy),
        RetryDecision::Retry {
            delay: Duration::from_secs(3)
        }
    );
}

/// Matrix: "Errors are generally best expressed by their error code rather than the HTTP
/// status code returned ... if the client receives an error code of `M_NOT_FOUND` but the
/// request gave a 400 Bad Request status code, the client should treat the error as if
/// the resource was not found." The docs' `M_UNKNOWN_TOKEN` 401 (POST /refresh) carries
/// `soft_logout: true`, and bodies the page shows without `error` (POST /login's 403,
/// `{"errcode": "M_FORBIDDEN"}`) are still the documented envelope.
#[test]
fn matrix_code_wins_over_status_and_soft_logout_is_read() {
    use errcat::{Category, Idempotency, RetryDecision, RetryPolicy};
    let not_found_at_400 = errcat::ApiError::<matrix::ErrorCode>::from_response(
        400,
        Vec::<(&str, &str)>::new(),
        br#"{"errcode": "M_NOT_FOUND", "error": "No resource was found for this request."}"#,
    );
    assert_eq!(
        not_found_at_400.known_code(),
        Some(matrix::ErrorCode::NotFound)
    );
    assert_eq!(not_found_at_400.category(), Category::NotFound);
    let soft = example_error::<matrix::ErrorCode>("matrix", "unknown_token_401_soft_logged_out");
    assert_eq!(soft.known_code(), Some(matrix::ErrorCode::UnknownToken));
    assert_eq!(soft.category(), Category::Authentication);
    assert_eq!(
        soft.retry_decision(1, &RetryPolicy::new(Idempotency::Idempotent)),
        RetryDecision::FixRequest
    );
    let api = load(CORPUS)
        .into_iter()
        .find(|a| a.id() == "matrix")
        .unwrap();
    let body = |name: &str| {
        api.doc
            .examples
            .iter()
            .find(|e| e.name == name)
            .unwrap()
            .body
            .clone()
    };
    let envelope: matrix::ErrorEnvelope =
        serde_json::from_str(&body("unknown_token_401_soft_logged_out")).unwrap();
    assert_eq!(envelope.soft_logout, Some(true));
    let locked: matrix::ErrorEnvelope = serde_json::from_str(&body("user_locked_401")).unwrap();
    assert_eq!(locked.soft_logout, Some(true));
    let bare = example_error::<matrix::ErrorCode>("matrix", "forbidden_403_no_error_field");
    assert_eq!(bare.shape, BodyShape::Documented);
    assert_eq!(bare.known_code(), Some(matrix::ErrorCode::Forbidden));
    assert_eq!(bare.message, None);
    // The UIA 401 that asks for authentication is no error body: it names no code.
    let uia = example_error::<matrix::ErrorCode>("matrix", "uia_401_no_auth_attempted");
    assert_eq!(uia.known_code(), None);
}

/// RFC 9457, section 4.2.1: about:blank "indicates that the problem has no additional
/// semantics beyond that of the HTTP status code", so the status decides
/// (`status_decides`): the same problem type is not retried at 404 and is retried at 503,
/// after the `Retry-After` the response gives (RFC 9110's 503 "MAY send a Retry-After
/// header field"). The RFC shows no about:blank body at 503; this one is written from
/// that sentence, in the shape of its section 4.2.1 (`title` is the status phrase).
#[test]
fn about_blank_is_retried_at_503_not_at_404() {
    use errcat::{Category, Idempotency, Jitter, RetryDecision, RetryPolicy};
    use std::time::Duration;
    let policy = RetryPolicy::new(Idempotency::Idempotent).with_jitter(Jitter::None);
    let read = |status: u16, title: &str, headers: Vec<(&str, &str)>| {
        let body = format!(r#"{{"type": "about:blank", "title": "{title}", "status": {status}}}"#);
        errcat::ApiError::<problem_details::ErrorCode>::from_response(
            status,
            headers,
            body.as_bytes(),
        )
    };
    let not_found = read(404, "Not Found", vec![]);
    assert_eq!(
        not_found.known_code(),
        Some(problem_details::ErrorCode::AboutBlank)
    );
    assert_eq!(not_found.category(), Category::NotFound);
    assert_eq!(
        not_found.retry_decision(1, &policy),
        RetryDecision::FixRequest
    );

    let unavailable = read(503, "Service Unavailable", vec![("retry-after", "120")]);
    assert_eq!(
        unavailable.known_code(),
        Some(problem_details::ErrorCode::AboutBlank)
    );
    assert_eq!(unavailable.category(), Category::Unavailable);
    let schedule: Vec<RetryDecision> = (1..=2)
        .map(|attempt| unavailable.retry_decision(attempt, &policy))
        .collect();
    assert_eq!(
        schedule,
        [
            RetryDecision::Retry {
                delay: Duration::from_secs(120)
            },
            RetryDecision::Retry {
                delay: Duration::from_secs(120)
            }
        ]
    );
    // Without the status deciding, the code's own rule (404's: never) would apply.
    assert!(!problem_details::ErrorCode::AboutBlank.is_sent_at(503));
    assert_eq!(
        problem_details::ErrorCode::AboutBlank.retry(),
        errcat::RetryRule::Never
    );
}

/// Matrix: "When encountering the error code `M_UNKNOWN`, clients should prefer the HTTP
/// status code as a more reliable reference for what the issue was." The page's own
/// M_UNKNOWN bodies at 400, 403, 404 and 409 each mean what their status means.
#[test]
fn matrix_unknown_means_what_its_status_means() {
    use errcat::{Category, Idempotency, Jitter, RetryPolicy};
    let policy = RetryPolicy::new(Idempotency::Idempotent).with_jitter(Jitter::None);
    let expected = [
        (400, Category::InvalidRequest),
        (403, Category::Permission),
        (404, Category::NotFound),
        (409, Category::Conflict),
    ];
    let api = load(CORPUS)
        .into_iter()
        .find(|api| api.id() == "matrix")
        .expect("the corpus has matrix");
    for (status, category) in expected {
        let example = api
            .doc
            .examples
            .iter()
            .find(|x| x.status == status && x.expect.as_deref() == Some("unknown"))
            .unwrap_or_else(|| panic!("the page shows M_UNKNOWN at {status}"));
        let error = errcat::ApiError::<matrix::ErrorCode>::from_response(
            status,
            Vec::<(&str, &str)>::new(),
            example.body.as_bytes(),
        );
        assert_eq!(error.known_code(), Some(matrix::ErrorCode::Unknown));
        assert_eq!(error.category(), category, "at {status}");
        // "if the client were to receive an error code of M_UNKNOWN with a 400 Bad
        // Request, the client should assume that the request being made was invalid":
        // fix it, do not repeat it (and the same for the other 4xx the page shows).
        assert_eq!(
            error.retry_decision(1, &policy),
            errcat::RetryDecision::FixRequest,
            "at {status}"
        );
    }
    // At a status the page does not show M_UNKNOWN with, the status still decides: a
    // 503 is retried on errcat's backoff for a 503 (the page states no schedule).
    let unavailable = errcat::ApiError::<matrix::ErrorCode>::from_response(
        503,
        Vec::<(&str, &str)>::new(),
        br#"{"errcode": "M_UNKNOWN", "error": "An unknown error occurred"}"#,
    );
    assert_eq!(unavailable.category(), Category::Unavailable);
    assert!(matches!(
        unavailable.retry_decision(1, &policy),
        errcat::RetryDecision::Retry { .. }
    ));
}

/// Kong Konnect Control Planes API v2: every whole error body its OpenAPI document shows
/// has no `type` (BaseError does not require it), and the document sends them as
/// `application/problem+json`. Kong's AIP-193 says its HTTP APIs follow RFC 7807, whose
/// section 3.1 makes a missing `type` "about:blank" (`absent_means`, marked inferred), and
/// about:blank means what its status means (`status_decides`). The bodies below are the
/// document's own `components.examples` (YAML there, the same values as JSON here), from
/// https://github.com/Kong/developer.konghq.com/blob/bc1cd74260f0bddb06dcf004c9c34b53bb870c1a/api-specs/konnect/control-planes/v2/openapi.yaml
/// (rendered at https://developer.konghq.com/api/konnect/control-planes/v2/). The
/// document states no retry rule, so each status's default applies: a 4xx is fixed, not
/// repeated; a 500 is retried on errcat's backoff only when the request is idempotent; a
/// 503 ("Error response for temporary service unavailability") on the same backoff even
/// when it is not.
#[test]
fn konnect_problem_without_type_is_about_blank_at_its_status() {
    use errcat::{Category, GiveUp, Idempotency, Jitter, RetryDecision, RetryPolicy};
    use std::time::Duration;
    type Code = konnect_control_planes::ErrorCode;
    let idempotent = RetryPolicy::new(Idempotency::Idempotent).with_jitter(Jitter::None);
    let not_idempotent = RetryPolicy::new(Idempotency::NotIdempotent).with_jitter(Jitter::None);
    let read = |status: u16, body: &str| {
        errcat::ApiError::<Code>::from_response(
            status,
            [("Content-Type", "application/problem+json")],
            body.as_bytes(),
        )
    };
    // (status, body, detail, instance, category), each body from components.examples.
    let cases = [
        (
            // 401UnauthenticatedExample
            401,
            r#"{"status": 401, "title": "Unauthenticated", "instance": "konnect:trace:952172606039454040", "detail": "A valid token is required"}"#,
            "A valid token is required",
            "konnect:trace:952172606039454040",
            Category::Authentication,
        ),
        (
            // UnauthorizedExample
            401,
            r#"{"status": 401, "title": "Unauthorized", "instance": "kong:trace:8347343766220159418", "detail": "Unauthorized"}"#,
            "Unauthorized",
            "kong:trace:8347343766220159418",
            Category::Authentication,
        ),
        (
            // 403PermissionDeniedExample
            403,
            r#"{"status": 403, "title": "Permission denied", "instance": "konnect:trace:2822394689570210664", "detail": "Insufficient role-set to create control planes."}"#,
            "Insufficient role-set to create control planes.",
            "konnect:trace:2822394689570210664",
            Category::Permission,
        ),
        (
            // 404NotFoundExample
            404,
            r#"{"status": 404, "title": "Not Found", "instance": "konnect:trace:2287285207635123011", "detail": "The requested control plane was not found."}"#,
            "The requested control plane was not found.",
            "konnect:trace:2287285207635123011",
            Category::NotFound,
        ),
        (
            // 409ConflictExample
            409,
            r#"{"status": 409, "title": "Conflict", "instance": "konnect:trace:2287285207635123011", "detail": "Control Plane with provided name already exists."}"#,
            "Control Plane with provided name already exists.",
            "konnect:trace:2287285207635123011",
            Category::Conflict,
        ),
    ];
    for (status, body, detail, instance, category) in cases {
        let error = read(status, body);
        assert_eq!(error.shape, BodyShape::Documented, "at {status}");
        assert_eq!(error.known_code(), Some(Code::AboutBlank), "at {status}");
        assert_eq!(error.message.as_deref(), Some(detail), "at {status}");
        assert_eq!(error.request_id.as_deref(), Some(instance), "at {status}");
        assert_eq!(error.category(), category, "at {status}");
        assert_eq!(
            error.retry_decision(1, &idempotent),
            RetryDecision::FixRequest,
            "at {status}"
        );
    }

    // 400UsageLimitsReachedExample: the first invalid parameter is the one at fault, and a
    // 400 is fixed, not repeated (the body has no type to say it is a quota).
    let limits = read(
        400,
        r#"{"status": 400, "title": "Bad Request", "instance": "konnect:trace:8988732526256293040", "detail": "Cannot create an additional control plane because usage limits have been reached.", "invalid_parameters": [{"field": "object", "reason": "usage limits reached"}]}"#,
    );
    assert_eq!(limits.shape, BodyShape::Documented);
    assert_eq!(limits.known_code(), Some(Code::AboutBlank));
    assert_eq!(
        limits.message.as_deref(),
        Some("Cannot create an additional control plane because usage limits have been reached.")
    );
    assert_eq!(limits.param.as_deref(), Some("object"));
    assert!(limits.extra.is_empty(), "{:?}", limits.extra);
    assert_eq!(limits.category(), Category::InvalidRequest);
    assert_eq!(
        limits.retry_decision(1, &idempotent),
        RetryDecision::FixRequest
    );

    let backoff = |ms| RetryDecision::Retry {
        delay: Duration::from_millis(ms),
    };
    // 500InternalErrorExample (create, update and delete): backoff when idempotent (a
    // DELETE), never for a POST that may have been processed.
    let internal = read(
        500,
        r#"{"status": 500, "title": "Internal Server Error", "instance": "konnect:trace:2287285207635123011", "detail": "Could not propagate control plane changes to control plane cluster service."}"#,
    );
    assert_eq!(internal.shape, BodyShape::Documented);
    assert_eq!(internal.known_code(), Some(Code::AboutBlank));
    assert_eq!(
        internal.message.as_deref(),
        Some("Could not propagate control plane changes to control plane cluster service.")
    );
    assert_eq!(internal.category(), Category::Internal);
    let schedule: Vec<RetryDecision> = (1..=3)
        .map(|attempt| internal.retry_decision(attempt, &idempotent))
        .collect();
    assert_eq!(
        schedule,
        [
            backoff(1000),
            backoff(2000),
            RetryDecision::GiveUp(GiveUp::AttemptsExhausted)
        ]
    );
    assert_eq!(
        internal.retry_decision(1, &not_idempotent),
        RetryDecision::GiveUp(GiveUp::NotIdempotent)
    );

    // 503PermissionReadFailureExample: the request was not served, so even a POST is
    // retried on the backoff.
    let unavailable = read(
        503,
        r#"{"status": 503, "title": "Service Unavailable", "instance": "konnect:trace:2287285207635123011", "detail": "Could not retrieve permissions to check resource accessibility."}"#,
    );
    assert_eq!(unavailable.shape, BodyShape::Documented);
    assert_eq!(unavailable.known_code(), Some(Code::AboutBlank));
    assert_eq!(
        unavailable.message.as_deref(),
        Some("Could not retrieve permissions to check resource accessibility.")
    );
    assert_eq!(unavailable.category(), Category::Unavailable);
    assert_eq!(
        unavailable.retry_decision(1, &not_idempotent),
        backoff(1000)
    );
    assert_eq!(unavailable.retry_decision(2, &idempotent), backoff(2000));

    // The code the bodies leave out is the field's absent_means. A body that sends `type`
    // names its own error: this one is put together from the property examples of the
    // UnauthorizedError schema (no whole body in the document has a `type`).
    assert_eq!(
        <Code as CatalogCode>::SPEC
            .envelope
            .field(errcat::FieldRole::Code)
            .and_then(|f| f.absent_means),
        Some("about:blank")
    );
    let typed = read(
        401,
        r#"{"status": 401, "title": "Unauthorized", "type": "https://httpstatuses.com/401", "instance": "kong:trace:1234567890", "detail": "Invalid credentials"}"#,
    );
    assert_eq!(typed.known_code(), Some(Code::Httpstatuses401));
    // A JSON body with none of the envelope's fields is not the documented envelope.
    let unrelated = read(404, r#"{"unrelated": true}"#);
    assert_eq!(unrelated.shape, BodyShape::UndocumentedJson);
    assert_eq!(unrelated.known_code(), None, "about:blank is not invented");
    assert_eq!(unrelated.code_str(), None);
}

/// Dropbox API v2, the status table of the HTTP docs' "Errors" section:
/// - 400: "Bad input parameter. The response body is a plaintext message with more
///   information." The text is the message, the body names no code, and the row's rule
///   ("Responses with 400 error code indicate an issue with the request itself, and thus
///   will not be resolved by retrying them.") decides; the server side sends the message
///   alone as `text/plain`.
/// - 409: "Endpoint-specific error." files/get_metadata's GetMetadataError has one member,
///   `path` (a LookupError), nested as Stone writes a union inside a union, so the
///   LookupError tag at `error.path['.tag']` picks the (code, sub-code) pair entry; a tag
///   the catalog lacks falls back to the code's general entry. The docs show no
///   get_metadata body: this one is written from those definitions.
/// - 429: "Your app should wait for the number of seconds specified in the \"Retry-After\"
///   response header before trying again", and RateLimitError's `retry_after`: "The number
///   of seconds that the app should wait before making another request." The docs show no
///   429 body either: this one is written from RateLimitError's fields.
#[test]
fn dropbox_plain_text_400_nested_409_and_rate_limited_429() {
    use errcat::{Category, Idempotency, Jitter, RetryDecision, RetryPolicy, RetryRule};
    use std::time::Duration;
    let read = |status: u16, headers: &[(&str, &str)], body: &str| {
        errcat::ApiError::<dropbox::ErrorCode>::from_response(
            status,
            headers.iter().copied(),
            body.as_bytes(),
        )
    };
    let policy = RetryPolicy::new(Idempotency::Idempotent)
        .with_jitter(Jitter::None)
        .with_max_server_delay(Duration::from_secs(3600));

    // 400: the plain text is the message (a text written for this test: the docs show
    // none), documented, with no code; the status row's rule decides.
    let text = "A plain-text message with more information, written for this test.";
    let bad_input = read(400, &[("Content-Type", "text/plain; charset=utf-8")], text);
    assert_eq!(bad_input.shape, BodyShape::Documented);
    assert_eq!(bad_input.message.as_deref(), Some(text));
    assert_eq!(bad_input.known_code(), None);
    assert_eq!(bad_input.code, None);
    assert_eq!(
        bad_input.retry_rule(),
        <dropbox::ErrorCode as CatalogCode>::SPEC.status_retry(400)
    );
    assert_eq!(bad_input.retry_rule(), RetryRule::Never);
    assert_eq!(
        bad_input.retry_decision(1, &policy),
        RetryDecision::FixRequest
    );
    assert_eq!(bad_input.category(), Category::InvalidRequest);
    // Without a Content-Type the documented text is assumed; a response that says it is
    // something else (a proxy's HTML page) is not the API's message, and is kept raw.
    let bare = read(400, &[], text);
    assert_eq!(bare.message.as_deref(), Some(text));
    let proxy = read(
        400,
        &[("Content-Type", "text/html")],
        "<html><body>400 Bad Request</body></html>",
    );
    assert_eq!(proxy.shape, BodyShape::NotJson);
    assert_eq!(proxy.message, None);
    assert_eq!(proxy.retry_decision(1, &policy), RetryDecision::FixRequest);

    // 400, server side: the message alone, as text/plain, and it reads back the same.
    let parts = errcat::ResponseParts {
        message: Some(text.to_owned()),
        ..errcat::ResponseParts::default()
    };
    let response = errcat::build_undocumented_response::<dropbox::ErrorCode>(400, "", &parts);
    assert_eq!(response.status, 400);
    assert_eq!(response.body, text);
    let (name, value) = &response.headers[0];
    assert_eq!(name, "Content-Type");
    assert!(value.starts_with("text/plain"), "{value}");
    assert!(response.unplaced.is_empty(), "{:?}", response.unplaced);
    let back = read(400, &[("Content-Type", value.as_str())], &response.body);
    assert_eq!(back.message.as_deref(), Some(text));
    assert_eq!(back.shape, BodyShape::Documented);

    // 409: the nested LookupError tag selects the pair entry.
    let not_found = read(
        409,
        &[("Content-Type", "application/json")],
        r#"{"error_summary": "path/not_found/..", "error": {".tag": "path", "path": {".tag": "not_found"}}}"#,
    );
    assert_eq!(not_found.shape, BodyShape::Documented);
    assert_eq!(
        not_found.known_code(),
        Some(dropbox::ErrorCode::PathNotFound)
    );
    assert_eq!(not_found.code_str(), Some("path"));
    assert_eq!(not_found.sub_code.as_deref(), Some("not_found"));
    assert_eq!(not_found.message.as_deref(), Some("path/not_found/.."));
    assert_eq!(not_found.category(), Category::NotFound);
    let code = dropbox::ErrorCode::PathNotFound;
    assert_eq!(
        (code.info().wire, code.info().sub_code),
        ("path", Some("not_found"))
    );
    // Every LookupError tag of the catalog is its own pair entry.
    for (tag, expected) in [
        ("malformed_path", dropbox::ErrorCode::PathMalformedPath),
        ("not_file", dropbox::ErrorCode::PathNotFile),
        ("not_folder", dropbox::ErrorCode::PathNotFolder),
        (
            "restricted_content",
            dropbox::ErrorCode::PathRestrictedContent,
        ),
        (
            "unsupported_content_type",
            dropbox::ErrorCode::PathUnsupportedContentType,
        ),
        ("locked", dropbox::ErrorCode::PathLocked),
    ] {
        let body = format!(
            r#"{{"error": {{".tag": "path", "path": {{".tag": "{tag}"}}}}, "error_summary": "path/{tag}/."}}"#
        );
        assert_eq!(read(409, &[], &body).known_code(), Some(expected), "{tag}");
    }
    // A LookupError tag the catalog does not have ("New values may be introduced as our
    // API evolves.") is the code's general entry, and keeps its text.
    let newer = read(
        409,
        &[],
        r#"{"error_summary": "path/newer_tag/.", "error": {".tag": "path", "path": {".tag": "newer_tag"}}}"#,
    );
    assert_eq!(newer.known_code(), Some(dropbox::ErrorCode::Path));
    assert_eq!(newer.sub_code.as_deref(), Some("newer_tag"));
    // The pair's emission nests the tag where it was read from.
    let emitted = code.response(&errcat::ResponseParts::default());
    let body: serde_json::Value = serde_json::from_str(&emitted.body).unwrap();
    assert_eq!(emitted.status, 409);
    assert_eq!(body["error"][".tag"], "path");
    assert_eq!(body["error"]["path"][".tag"], "not_found");

    // 429: the seconds of Retry-After and of RateLimitError's retry_after, exactly.
    let wait = Duration::from_secs(300);
    let json = read(
        429,
        &[("Content-Type", "application/json"), ("Retry-After", "300")],
        r#"{"error_summary": "too_many_requests/..", "error": {"reason": {".tag": "too_many_requests"}, "retry_after": 300}}"#,
    );
    assert_eq!(json.shape, BodyShape::Documented);
    assert_eq!(json.known_code(), None);
    assert_eq!(json.body_retry_after, Some(300.0));
    assert_eq!(json.category(), Category::RateLimited);
    assert_eq!(
        json.retry_decision(1, &policy),
        RetryDecision::Retry { delay: wait }
    );
    // "The Content-Type of the response can be JSON or plaintext": a plain-text 429 waits
    // for its Retry-After header all the same.
    let plain = read(
        429,
        &[("Content-Type", "text/plain"), ("Retry-After", "300")],
        "Too many requests, written for this test.",
    );
    assert_eq!(
        plain.retry_decision(1, &policy),
        RetryDecision::Retry { delay: wait }
    );

    // 401: the docs' AuthError examples name their codes; their summaries are the
    // codes' messages.
    let expired = example_error::<dropbox::ErrorCode>("dropbox", "expired_access_token");
    assert_eq!(
        expired.known_code(),
        Some(dropbox::ErrorCode::ExpiredAccessToken)
    );
    assert_eq!(expired.message.as_deref(), Some("expired_access_token/..."));
    assert_eq!(
        expired.retry_decision(1, &policy),
        RetryDecision::FixRequest
    );
}

/// google.rpc: the delay of a RESOURCE_EXHAUSTED error is the RetryInfo element of the
/// `details` list, picked by its `@type` (`error.details[@type=...RetryInfo].retryDelay`).
/// Google's pages show no whole error body with a RetryInfo detail (searched: the design
/// guide, AIP-193, the Gemini and Vertex AI error pages); this one is put together from
/// the documented shapes: the design guide's HTTP error (`code`, `message`, `status`,
/// `details` with `@type`) and RetryInfo's JSON form, whose documented example delay is
/// "3.5s".
#[test]
fn google_retry_info_delay_is_read_from_the_details_list() {
    use errcat::{Idempotency, Jitter, ResponseParts, RetryDecision, RetryPolicy};
    use std::time::Duration;
    let body = r#"{"error": {"code": 429, "message": "Quota exceeded.", "status": "RESOURCE_EXHAUSTED",
        "details": [
          {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com"},
          {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "3.5s"}
        ]}}"#;
    let error = errcat::ApiError::<google_rpc::ErrorCode>::from_response(
        429,
        Vec::<(&str, &str)>::new(),
        body.as_bytes(),
    );
    assert_eq!(
        error.known_code(),
        Some(google_rpc::ErrorCode::ResourceExhausted)
    );
    assert_eq!(error.sub_code.as_deref(), Some("RATE_LIMIT_EXCEEDED"));
    assert_eq!(error.body_retry_after, Some(3.5));
    let policy = RetryPolicy::new(Idempotency::Idempotent).with_jitter(Jitter::None);
    assert_eq!(
        error.retry_decision(1, &policy),
        RetryDecision::Retry {
            delay: Duration::from_millis(3500)
        }
    );
    // The server side writes the delay into a RetryInfo element of the list, in the
    // field's own form (a protobuf duration, rounded up to whole seconds), and it reads
    // back as the same wait.
    let response = errcat::build_response(
        google_rpc::ErrorCode::ResourceExhausted,
        &ResponseParts {
            retry_after: Some(Duration::from_millis(3500)),
            ..ResponseParts::default()
        },
    );
    let json: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    let retry_info = json["error"]["details"]
        .as_array()
        .and_then(|details| {
            details
                .iter()
                .find(|d| d["@type"] == "type.googleapis.com/google.rpc.RetryInfo")
        })
        .unwrap_or_else(|| panic!("no RetryInfo element: {}", response.body));
    assert_eq!(retry_info["retryDelay"], "4s");
    let back = errcat::ApiError::<google_rpc::ErrorCode>::from_response(
        response.status,
        response.headers.clone(),
        response.body.as_bytes(),
    );
    assert_eq!(
        back.known_code(),
        Some(google_rpc::ErrorCode::ResourceExhausted)
    );
    assert_eq!(
        back.retry_decision(1, &policy),
        RetryDecision::Retry {
            delay: Duration::from_secs(4)
        }
    );
}

/// Shopify's GraphQL Admin API reports errors in the `errors` list of a 200 ("the GraphQL API
/// can return a `200 OK` response code in cases that would typically produce 4xx or 5xx
/// errors in REST"): the reference page's two "Sample 200 error responses" are classified by
/// `errors[].extensions.code` to their codes, each error of the list kept with its own
/// message, request id and documentation link. A throttle waits the limits page's "The
/// recommended backoff time is one second", exactly, mutation or not (the bucket is checked
/// "before execution begins"). The string bodies of "Sample error codes" name no code: their
/// statuses decide.
#[test]
fn shopify_graphql_errors_inside_a_200_are_classified_and_a_throttle_waits_one_second() {
    use errcat::{Category, Context, GiveUp, Idempotency, Jitter, RetryDecision, RetryPolicy};
    use shopify_admin_graphql::ErrorCode;
    use std::time::Duration;
    let example = |name: &str| example_error::<ErrorCode>("shopify_admin_graphql", name);

    // The tab "Throttled" of "Sample 200 error responses": a MAX_COST_EXCEEDED error.
    let max_cost = example("max_cost_exceeded_200");
    assert_eq!(max_cost.status, 200);
    assert_eq!(max_cost.shape, BodyShape::Documented);
    assert_eq!(max_cost.known_code(), Some(ErrorCode::MaxCostExceeded));
    assert_eq!(max_cost.errors.len(), 1);
    assert_eq!(
        max_cost.errors[0].known_code(),
        Some(ErrorCode::MaxCostExceeded)
    );
    assert_eq!(
        ErrorCode::MaxCostExceeded.context(),
        Context::SuccessResponse
    );
    let message = max_cost.message.as_deref().unwrap();
    assert!(message.starts_with(
        "Query cost is 2003, which exceeds the single query max cost limit (1000).\n\nSee "
    ));
    assert_eq!(max_cost.errors[0].message.as_deref(), Some(message));
    assert_eq!(
        max_cost.doc_url.as_deref(),
        Some("https://shopify.dev/api/usage/limits#rate-limits")
    );
    assert_eq!(max_cost.category(), Category::InvalidRequest);
    // The same query exceeds the limit again. At 200 the runtime says "not retryable", not
    // "fix the request" (that reading is kept for 4xx): shopify_admin_graphql.NEEDS.md, 11.
    let policy = RetryPolicy::new(Idempotency::Idempotent).with_jitter(Jitter::None);
    assert_eq!(
        max_cost.retry_decision(1, &policy),
        RetryDecision::GiveUp(GiveUp::NotRetryable)
    );

    // The tab "Internal": INTERNAL_SERVER_ERROR with its request id.
    let internal = example("internal_server_error_200");
    assert_eq!(internal.status, 200);
    assert_eq!(internal.known_code(), Some(ErrorCode::InternalServerError));
    assert_eq!(internal.errors.len(), 1);
    assert_eq!(
        internal.errors[0].known_code(),
        Some(ErrorCode::InternalServerError)
    );
    assert_eq!(
        internal.request_id.as_deref(),
        Some("1b355a21-7117-44c5-8d8b-8948082f40a8")
    );
    assert_eq!(
        internal.message.as_deref(),
        Some("Internal error. Looks like something went wrong on our end.\nRequest ID: 1b355a21-7117-44c5-8d8b-8948082f40a8 (include this in support requests).")
    );
    assert_eq!(internal.category(), Category::Internal);
    assert!(matches!(
        internal.retry_decision(1, &policy),
        RetryDecision::Retry { .. }
    ));
    // The changelog's body of the same code, with its own request id.
    let changelog = example("internal_server_error_changelog");
    assert_eq!(changelog.known_code(), Some(ErrorCode::InternalServerError));
    assert_eq!(
        changelog.request_id.as_deref(),
        Some("d2f47302-8559-4961-9a5b-3de60172aa29")
    );

    // THROTTLED: the Admin reference page shows no THROTTLED body (its "Throttled" tab is
    // the MAX_COST_EXCEEDED body above), so this is the Storefront API reference's own
    // "Sample 200 error responses" tab Throttled (https://shopify.dev/docs/api/storefront,
    // as two stored copies show it: index file ids 55248954796 and 34574622689), verbatim:
    // the same `errors` list, the code the Admin page lists.
    let throttled = errcat::ApiError::<ErrorCode>::from_response(
        200,
        [("Content-Type", "application/json")],
        br#"{
  "errors": [
    {
      "message": "Throttled",
      "extensions": {
        "code": "THROTTLED"
      }
    }
  ]
}"#,
    );
    assert_eq!(throttled.shape, BodyShape::Documented);
    assert_eq!(throttled.known_code(), Some(ErrorCode::Throttled));
    assert_eq!(throttled.errors.len(), 1);
    assert_eq!(throttled.message.as_deref(), Some("Throttled"));
    assert_eq!(throttled.category(), Category::RateLimited);
    assert_eq!(ErrorCode::Throttled.context(), Context::SuccessResponse);
    // "The recommended backoff time is one second": one second before every retry. The
    // page states no attempt limit, so the caller's (4 attempts in all) ends it.
    let mut policy = RetryPolicy::new(Idempotency::Idempotent).with_jitter(Jitter::Full);
    policy.default_backoff = errcat::Backoff {
        max_attempts: Some(4),
        ..errcat::Backoff::DEFAULT
    };
    let second = RetryDecision::Retry {
        delay: Duration::from_secs(1),
    };
    let schedule: Vec<RetryDecision> = (1..=4)
        .map(|attempt| throttled.retry_decision(attempt, &policy))
        .collect();
    assert_eq!(
        schedule,
        [
            second,
            second,
            second,
            RetryDecision::GiveUp(GiveUp::AttemptsExhausted)
        ]
    );
    // A throttled mutation was not executed ("Before execution begins, an app's bucket
    // must have enough capacity for the requested cost of a query"): retried all the same.
    let mutation = RetryPolicy::new(Idempotency::NotIdempotent);
    assert_eq!(throttled.retry_decision(1, &mutation), second);

    // "Sample error codes": `errors` is a string or an object, no code; the status decides.
    for (name, status, category, decision) in [
        (
            "bad_request_400",
            400,
            Category::InvalidRequest,
            RetryDecision::FixRequest,
        ),
        (
            "payment_required_402",
            402,
            Category::Payment,
            RetryDecision::FixRequest,
        ),
        (
            "access_denied_403",
            403,
            Category::Permission,
            RetryDecision::FixRequest,
        ),
        (
            "not_found_404",
            404,
            Category::NotFound,
            RetryDecision::FixRequest,
        ),
    ] {
        let error = example(name);
        assert_eq!(error.status, status, "{name}");
        assert_eq!(error.known_code(), None, "{name}");
        assert_eq!(error.category(), category, "{name}");
        assert_eq!(error.retry_decision(1, &policy), decision, "{name}");
    }
    let locked = example("locked_423");
    assert_eq!(locked.known_code(), None);
    // A string `errors` is not the documented list: the text is kept as the raw body, not
    // read as the message (shopify_admin_graphql.NEEDS.md, 2).
    assert_eq!(locked.shape, BodyShape::UndocumentedJson);
    assert_eq!(locked.message, None);
    assert!(locked
        .raw_body
        .as_deref()
        .is_some_and(|raw| raw.contains("This shop is unavailable")));
    assert_eq!(locked.retry_decision(1, &policy), RetryDecision::FixRequest);
    let server = example("internal_server_error_500");
    assert_eq!(server.known_code(), None);
    assert_eq!(server.category(), Category::Internal);
    assert!(matches!(
        server.retry_decision(1, &RetryPolicy::new(Idempotency::Idempotent)),
        RetryDecision::Retry { .. }
    ));
}
