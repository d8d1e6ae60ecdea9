//! errcat in the Rust HTTP stack, end to end: a real axum server on 127.0.0.1 (a free
//! port) imitating Kallglot, and a real reqwest client, once through errcat's
//! reqwest-middleware and once through the async driver (`send`). Each scenario asserts
//! how many requests the server saw and that the waits are what the headers and the
//! catalog said. Bounded: every request has a 5 s timeout, the whole test 60 s.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use errcat::integrations::axum::Reply;
use errcat::integrations::middleware::CatalogRetry;
use errcat::integrations::reqwest::{read_error, send_with_sleep};
use errcat::kallglot::ErrorCode as K;
use errcat::{
    build_undocumented_response, Backoff, CatalogCode, Failure, Idempotency, Jitter, ResponseParts,
    RetryAfterForm, RetryPolicy, TransportKind,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Requests seen, per route.
#[derive(Clone, Default)]
struct Hits(Arc<Mutex<BTreeMap<&'static str, usize>>>);

impl Hits {
    /// Counts one request to `route`; returns how many it has had.
    fn hit(&self, route: &'static str) -> usize {
        let mut hits = self.0.lock().unwrap();
        let n = hits.entry(route).or_default();
        *n += 1;
        *n
    }

    fn of(&self, route: &'static str) -> usize {
        self.0.lock().unwrap().get(route).copied().unwrap_or(0)
    }
}

async fn limited_seconds(State(hits): State<Hits>) -> Response {
    if hits.hit("limited_seconds") > 1 {
        return "ok".into_response();
    }
    let parts = ResponseParts {
        retry_after: Some(Duration::from_secs(1)),
        ..ResponseParts::default()
    };
    Reply::new(K::RateLimitExceeded, parts).into_response()
}

/// `Retry-After` as an HTTP-date two seconds after the response's own `Date`.
async fn limited_date(State(hits): State<Hits>) -> Response {
    if hits.hit("limited_date") > 1 {
        return "ok".into_response();
    }
    let at = SystemTime::now();
    let mut response = K::RateLimitExceeded.response(&ResponseParts {
        retry_after: Some(Duration::from_secs(2)),
        retry_after_form: RetryAfterForm::HttpDate,
        at: Some(at),
        ..ResponseParts::default()
    });
    response
        .headers
        .push(("Date".into(), errcat::headers::format_http_date(at)));
    response.into_response()
}

async fn flaky(State(hits): State<Hits>) -> Response {
    if hits.hit("flaky") > 2 {
        return "ok".into_response();
    }
    Reply::new(K::ServiceUnavailable, ResponseParts::default()).into_response()
}

async fn auth(State(hits): State<Hits>) -> Response {
    hits.hit("auth");
    Reply::new(K::InvalidApiKey, ResponseParts::default()).into_response()
}

async fn charge(State(hits): State<Hits>) -> Response {
    hits.hit("charge");
    Reply::new(K::InternalError, ResponseParts::default()).into_response()
}

async fn new_code(State(hits): State<Hits>) -> Response {
    hits.hit("new_code");
    let parts = ResponseParts {
        message: Some("A code newer than the catalog.".into()),
        ..ResponseParts::default()
    };
    build_undocumented_response::<K>(400, "brand_new_code", &parts).into_response()
}

/// A 400 whose body (3 MiB) is larger than errcat's parse limit.
async fn huge(State(hits): State<Hits>) -> Response {
    hits.hit("huge");
    (axum::http::StatusCode::BAD_REQUEST, vec![b'x'; HUGE_BODY]).into_response()
}

const HUGE_BODY: usize = 3 * 1024 * 1024;

/// The Kallglot imitation on a free loopback port; its base URL.
async fn start_server(hits: Hits) -> String {
    let app = Router::new()
        .route("/limited-seconds", get(limited_seconds))
        .route("/limited-date", get(limited_date))
        .route("/flaky", get(flaky))
        .route("/auth", get(auth))
        .route("/charge", post(charge))
        .route("/new-code", get(new_code))
        .route("/huge", get(huge))
        .with_state(hits);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

/// A server that closes the first connection mid-request (after reading its head,
/// before any answer) and answers `200 ok` on every later one; its URL and its count
/// of connections.
async fn start_dropping_server() -> (String, Arc<Mutex<usize>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let connections = Arc::new(Mutex::new(0));
    let seen = connections.clone();
    tokio::spawn(async move {
        // Bounded: the test makes at most a handful of connections.
        for _ in 0..16 {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let n = {
                let mut count = seen.lock().unwrap();
                *count += 1;
                *count
            };
            let mut head = Vec::new();
            let mut buffer = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buffer).await {
                    Ok(0) | Err(_) => break,
                    Ok(read) => head.extend_from_slice(&buffer[..read]),
                }
            }
            if n > 1 {
                let answer = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok";
                let _ = socket.write_all(answer).await;
            }
            drop(socket);
        }
    });
    (format!("http://{address}/drop"), connections)
}

/// A sleep that records each wait instead of spending it, so the waits can be added up
/// exactly (the decision is what is under test; tokio's timer is not).
#[derive(Clone, Default)]
struct Waits(Arc<Mutex<Vec<Duration>>>);

impl Waits {
    fn sleep(&self) -> impl Fn(Duration) -> std::future::Ready<()> + Send + Sync + 'static {
        let waits = self.0.clone();
        move |delay| {
            waits.lock().unwrap().push(delay);
            std::future::ready(())
        }
    }

    fn take(&self) -> Vec<Duration> {
        std::mem::take(&mut self.0.lock().unwrap())
    }
}

fn policy() -> RetryPolicy {
    let mut policy = RetryPolicy::new(Idempotency::Idempotent).with_jitter(Jitter::None);
    // Transport failures back off on the policy's default schedule.
    policy.default_backoff = Backoff {
        initial_ms: Some(100),
        ..Backoff::DEFAULT
    };
    policy
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

fn secs(s: &[u64]) -> Vec<Duration> {
    s.iter().map(|&s| Duration::from_secs(s)).collect()
}

async fn bounded<T>(future: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), future)
        .await
        .expect("the scenarios finish within 60 s")
}

#[tokio::test]
async fn through_the_middleware() {
    bounded(async {
        let hits = Hits::default();
        let base = start_server(hits.clone()).await;
        let waits = Waits::default();
        let client = reqwest_middleware::ClientBuilder::new(client())
            .with(CatalogRetry::<K>::new(policy()).with_sleep(waits.sleep()))
            .build();
        let get = |path: &str| client.get(format!("{base}{path}")).send();

        // 429 with Retry-After in seconds, then success.
        assert_eq!(get("/limited-seconds").await.unwrap().status(), 200);
        assert_eq!(hits.of("limited_seconds"), 2);
        assert_eq!(waits.take(), secs(&[1]));

        // 429 with Retry-After as an HTTP-date: exactly 2 s after the Date header.
        assert_eq!(get("/limited-date").await.unwrap().status(), 200);
        assert_eq!(hits.of("limited_date"), 2);
        assert_eq!(waits.take(), secs(&[2]));

        // 503 twice, then success: the catalog's backoff (1 s, then 2 s).
        assert_eq!(get("/flaky").await.unwrap().status(), 200);
        assert_eq!(hits.of("flaky"), 3);
        assert_eq!(waits.take(), secs(&[1, 2]));

        // 401: not retried; the response comes back whole, still readable.
        let response = get("/auth").await.unwrap();
        assert_eq!(response.status(), 401);
        assert_eq!(hits.of("auth"), 1);
        assert_eq!(
            read_error::<K>(response).await.known_code(),
            Some(K::InvalidApiKey)
        );

        // A non-idempotent 500 is not repeated.
        let response = client.post(format!("{base}/charge")).send().await.unwrap();
        assert_eq!(response.status(), 500);
        assert_eq!(hits.of("charge"), 1);

        // The same POST marked idempotent (an idempotency key) is retried on the schedule.
        let response = client
            .post(format!("{base}/charge"))
            .with_extension(Idempotency::Idempotent)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 500);
        assert_eq!(hits.of("charge"), 1 + 3);
        assert_eq!(waits.take(), secs(&[1, 2]));

        // An undocumented code is kept with its text.
        let response = get("/new-code").await.unwrap();
        assert_eq!(hits.of("new_code"), 1);
        let error = read_error::<K>(response).await;
        assert_eq!(error.code_str(), Some("brand_new_code"));
        assert_eq!(error.known_code(), None);
        assert_eq!(
            error.message.as_deref(),
            Some("A code newer than the catalog.")
        );

        // A body over the parse limit is classified by its status alone (a 400: not
        // retried) and still handed back whole.
        let response = get("/huge").await.unwrap();
        assert_eq!(response.status(), 400);
        assert_eq!(response.bytes().await.unwrap().len(), HUGE_BODY);
        assert_eq!(hits.of("huge"), 1);
        let error = read_error::<K>(get("/huge").await.unwrap()).await;
        assert_eq!(error.shape, errcat::BodyShape::TooLarge);

        // The server closing the connection mid-request: retried (GET is idempotent).
        let (url, connections) = start_dropping_server().await;
        let response = client.get(&url).send().await.unwrap();
        assert_eq!(response.text().await.unwrap(), "ok");
        assert_eq!(*connections.lock().unwrap(), 2);
        assert_eq!(waits.take(), [Duration::from_millis(100)]);
    })
    .await;
}

#[tokio::test]
async fn through_the_async_driver() {
    bounded(async {
        let hits = Hits::default();
        let base = start_server(hits.clone()).await;
        let waits = Waits::default();
        let client = client();
        let send = |request: reqwest::RequestBuilder, policy: RetryPolicy| {
            let sleep = waits.sleep();
            async move { send_with_sleep::<K, _, _>(request, &policy, sleep).await }
        };
        let get = |path: &str| send(client.get(format!("{base}{path}")), policy());

        assert_eq!(get("/limited-seconds").await.unwrap().status(), 200);
        assert_eq!(hits.of("limited_seconds"), 2);
        assert_eq!(waits.take(), secs(&[1]));

        assert_eq!(get("/limited-date").await.unwrap().status(), 200);
        assert_eq!(hits.of("limited_date"), 2);
        assert_eq!(waits.take(), secs(&[2]));

        assert_eq!(get("/flaky").await.unwrap().status(), 200);
        assert_eq!(hits.of("flaky"), 3);
        assert_eq!(waits.take(), secs(&[1, 2]));

        match get("/auth").await {
            Err(Failure::Api(error)) => assert_eq!(error.known_code(), Some(K::InvalidApiKey)),
            other => panic!("401: {other:?}"),
        }
        assert_eq!(hits.of("auth"), 1);

        let mut not_idempotent = policy();
        not_idempotent.idempotency = Idempotency::NotIdempotent;
        match send(client.post(format!("{base}/charge")), not_idempotent).await {
            Err(Failure::Api(error)) => {
                assert_eq!(error.status, 500);
                assert_eq!(error.known_code(), Some(K::InternalError));
            }
            other => panic!("500: {other:?}"),
        }
        assert_eq!(hits.of("charge"), 1);
        assert!(waits.take().is_empty());

        match get("/new-code").await {
            Err(Failure::Api(error)) => {
                assert_eq!(error.code_str(), Some("brand_new_code"));
                assert_eq!(error.known_code(), None);
            }
            other => panic!("new code: {other:?}"),
        }
        assert_eq!(hits.of("new_code"), 1);

        let (url, connections) = start_dropping_server().await;
        let response = send(client.get(&url), policy()).await.unwrap();
        assert_eq!(response.text().await.unwrap(), "ok");
        assert_eq!(*connections.lock().unwrap(), 2);
        assert_eq!(waits.take(), [Duration::from_millis(100)]);

        // Not idempotent: the interrupted request is not sent again.
        let (url, connections) = start_dropping_server().await;
        let mut not_idempotent = policy();
        not_idempotent.idempotency = Idempotency::NotIdempotent;
        match send(client.post(&url), not_idempotent).await {
            Err(Failure::Transport(error)) => assert_eq!(error.kind, TransportKind::Interrupted),
            other => panic!("dropped POST: {other:?}"),
        }
        assert_eq!(*connections.lock().unwrap(), 1);

        // Nothing listening: a connect failure, retried whatever the method, then given up.
        let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", closed.local_addr().unwrap());
        drop(closed);
        let mut post_policy = policy();
        post_policy.idempotency = Idempotency::NotIdempotent;
        match send(client.post(&url), post_policy).await {
            Err(Failure::Transport(error)) => assert_eq!(error.kind, TransportKind::Connect),
            other => panic!("refused: {other:?}"),
        }
        assert_eq!(
            waits.take(),
            [Duration::from_millis(100), Duration::from_millis(200)]
        );
    })
    .await;
}

/// Dropping the driver's future cancels it: no attempt is made after the drop.
#[tokio::test(start_paused = true)]
async fn dropping_the_async_driver_cancels_it() {
    let response = K::ServiceUnavailable.response(&ResponseParts::default());
    let error = errcat::ApiError::<K>::from_response(
        response.status,
        response.headers.clone(),
        response.body.as_bytes(),
    );
    let calls = Arc::new(Mutex::new(0));
    let counted = calls.clone();
    let policy = policy();
    let driver = errcat::run_async(
        &policy,
        |_| {
            *counted.lock().unwrap() += 1;
            let failure = Failure::from(error.clone());
            async move { Err::<(), _>(failure) }
        },
        tokio::time::sleep,
    );
    // The first attempt fails and the driver sleeps 1 s; it is dropped at 0.5 s.
    let cut = tokio::time::timeout(Duration::from_millis(500), driver).await;
    assert!(cut.is_err());
    assert_eq!(*calls.lock().unwrap(), 1);
    tokio::time::sleep(Duration::from_secs(10)).await;
    assert_eq!(*calls.lock().unwrap(), 1);
}

/// The tower policy retries a buffered response by the catalog, with tokio's timer
/// (paused here, so the 1 s and 2 s of the 503 backoff pass at once).
#[tokio::test(start_paused = true)]
async fn tower_retry_policy() {
    use errcat::integrations::tower::CatalogPolicy;
    use tower::{Service, ServiceExt};
    let calls = Arc::new(Mutex::new(0));
    let seen = calls.clone();
    let inner = tower::service_fn(move |_request: http::Request<String>| {
        let n = {
            let mut calls = seen.lock().unwrap();
            *calls += 1;
            *calls
        };
        async move {
            let response: http::Response<String> = if n <= 2 {
                K::ServiceUnavailable
                    .response(&ResponseParts::default())
                    .into()
            } else {
                http::Response::new("ok".to_owned())
            };
            Ok::<_, Infallible>(response)
        }
    });
    let catalog_policy = CatalogPolicy::<K, Infallible>::new(policy());
    let mut service = tower::retry::Retry::new(catalog_policy, inner);
    let start = tokio::time::Instant::now();
    let request = http::Request::get("http://127.0.0.1/flaky")
        .body(String::new())
        .unwrap();
    let response = service.ready().await.unwrap().call(request).await.unwrap();
    assert_eq!(response.body(), "ok");
    assert_eq!(*calls.lock().unwrap(), 3);
    assert_eq!(start.elapsed(), Duration::from_secs(3));

    // A POST is not idempotent: a 500 is not repeated.
    *calls.lock().unwrap() = 0;
    let inner = tower::service_fn(|_request: http::Request<String>| async {
        let response: http::Response<String> =
            K::InternalError.response(&ResponseParts::default()).into();
        Ok::<_, Infallible>(response)
    });
    let mut service =
        tower::retry::Retry::new(CatalogPolicy::<K, Infallible>::new(policy()), inner);
    let request = http::Request::post("http://127.0.0.1/charge")
        .body(String::new())
        .unwrap();
    let response = service.ready().await.unwrap().call(request).await.unwrap();
    assert_eq!(response.status(), 500);
}
