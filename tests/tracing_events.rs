//! With the `tracing` feature, each retry decision is one event with its facts. Alone in
//! its test binary: `tracing` caches per call site whether anyone listens, so a test on
//! another thread that hits the same call site first would race a scoped subscriber.

use std::sync::{Arc, Mutex};

use errcat::kallglot::ErrorCode as K;
use errcat::{CatalogCode, Failure, Idempotency, Jitter, ResponseParts, RetryPolicy};

fn policy() -> RetryPolicy {
    RetryPolicy::new(Idempotency::Idempotent).with_jitter(Jitter::None)
}

/// With the `tracing` feature, each decision is one event with its facts.
#[test]
fn each_decision_is_traced() {
    let events = Arc::new(Mutex::new(Vec::<String>::new()));
    let subscriber = Recorder(events.clone());
    let code = K::ServiceUnavailable;
    let response = code.response(&ResponseParts::default());
    let error = errcat::ApiError::<K>::from_response(
        response.status,
        response.headers.clone(),
        response.body.as_bytes(),
    );
    tracing::subscriber::with_default(subscriber, || {
        let failure = || Err(Failure::from(error.clone()));
        let result: Result<(), Failure<K>> = errcat::run(&policy(), |_| failure(), |_| {});
        assert!(result.is_err());
    });
    let events = events.lock().unwrap();
    assert_eq!(events.len(), 3, "{events:?}");
    assert!(
        events[0].contains("attempt=1") && events[0].contains("delay_ms=1000"),
        "{}",
        events[0]
    );
    assert!(
        events[0].contains("code=service_unavailable"),
        "{}",
        events[0]
    );
    assert!(events[0].contains("category=unavailable"), "{}", events[0]);
    assert!(events[2].contains("outcome=give_up"), "{}", events[2]);
    assert_eq!(code.info().status, 503);
}

/// A minimal `tracing` subscriber that writes each event's fields as `name=value`.
struct Recorder(Arc<Mutex<Vec<String>>>);

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={:?} ", field.name(), value));
    }

    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.push_str(&format!("{}={} ", field.name(), value));
    }
}

impl tracing::Subscriber for Recorder {
    fn register_callsite(
        &self,
        _: &'static tracing::Metadata<'static>,
    ) -> tracing::subscriber::Interest {
        tracing::subscriber::Interest::always()
    }
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        self.0.lock().unwrap().push(fields.0);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}
