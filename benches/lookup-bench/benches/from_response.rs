//! `ApiError::from_response` on every example body of the bundled catalogs (the pages'
//! own JSON, with their statuses and headers), against a hand-written serde_json struct
//! parse of the same body: what a client would write without errcat, reading only the
//! envelope's code and message. errcat does more (keeps the raw body and unknown members,
//! resolves the code, reads retry headers), so the ratio is the price of that.
//!
//! Run: `cargo bench -p errcat-bench --bench from_response`.

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion};
use errcat::{ApiError, CatalogCode};
use errcat_bench::{mean_ns, ratio_table};
use errcat_codegen::model::document::{EnvelopeFamily, ExampleDoc};
use serde::Deserialize;

/// `{"error": {"code": ..., "message": ...}}`
#[derive(Deserialize)]
#[allow(dead_code)]
struct Nested {
    error: NestedError,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct NestedError {
    code: Option<String>,
    message: Option<String>,
}

/// `{"error": "message"}` or `{"errors": ["message", ...]}`
#[derive(Deserialize)]
#[allow(dead_code)]
struct Bare {
    error: Option<String>,
    errors: Option<Vec<String>>,
}

/// `{"success": false, "error": "message"}`
#[derive(Deserialize)]
#[allow(dead_code)]
struct Flag {
    success: bool,
    error: String,
}

fn hand_written(family: EnvelopeFamily, body: &[u8]) -> bool {
    match family {
        EnvelopeFamily::NestedObject => serde_json::from_slice::<Nested>(body).is_ok(),
        EnvelopeFamily::BareString => serde_json::from_slice::<Bare>(body).is_ok(),
        EnvelopeFamily::SuccessFlag => serde_json::from_slice::<Flag>(body).is_ok(),
        // No bundled catalog has these shapes; a generic parse stands in.
        _ => serde_json::from_slice::<serde_json::Value>(body).is_ok(),
    }
}

fn bench_example<C: CatalogCode>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    family: EnvelopeFamily,
    example: &ExampleDoc,
) {
    let headers: Vec<(&str, &str)> = example
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let body = example.body.as_bytes();
    let parsed = ApiError::<C>::from_response(example.status, headers.iter().copied(), body);
    if let Some(expect) = &example.expect {
        let code = parsed.known_code().map(|c| c.info().id);
        assert_eq!(code, Some(expect.as_str()), "{}", example.name);
    }
    assert!(
        hand_written(family, body),
        "{}: the hand-written parse fails",
        example.name
    );
    group.bench_function(format!("{}_errcat", example.name), |b| {
        b.iter(|| {
            black_box(ApiError::<C>::from_response(
                black_box(example.status),
                headers.iter().copied(),
                black_box(body),
            ))
        })
    });
    group.bench_function(format!("{}_serde", example.name), |b| {
        b.iter(|| black_box(hand_written(family, black_box(body))))
    });
}

fn main() {
    let started = SystemTime::now();
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let catalog = errcat_codegen::Builder::new()
        .catalog(concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog"))
        .load()
        .unwrap_or_else(|d| panic!("{d}"));
    let mut measured = Vec::new();
    for api in &catalog.apis {
        let family = api.family();
        let group_name = format!("from_response_{}", api.id());
        let mut group = c.benchmark_group(&group_name);
        for example in &api.doc.examples {
            match api.id() {
                "agenthuman" => {
                    bench_example::<errcat::agenthuman::ErrorCode>(&mut group, family, example)
                }
                "identitycall" => {
                    bench_example::<errcat::identitycall::ErrorCode>(&mut group, family, example)
                }
                "kallglot" => {
                    bench_example::<errcat::kallglot::ErrorCode>(&mut group, family, example)
                }
                "voice_gateway" => {
                    bench_example::<errcat::voice_gateway::ErrorCode>(&mut group, family, example)
                }
                "zenhire" => {
                    bench_example::<errcat::zenhire::ErrorCode>(&mut group, family, example)
                }
                other => panic!("no bundled module for `{other}`"),
            }
            measured.push((group_name.clone(), example.name.clone()));
        }
        group.finish();
    }
    c.final_summary();

    let fresh = |group: &str, id: &str| {
        let path = errcat_bench::criterion_dir()
            .join(group)
            .join(id)
            .join("new/estimates.json");
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
        (modified >= started).then(|| mean_ns(group, id)).flatten()
    };
    let rows: Vec<(String, Vec<Option<f64>>)> = measured
        .iter()
        .map(|(group, name)| {
            let api = group.trim_start_matches("from_response_");
            (
                format!("{api}: {name}"),
                vec![
                    fresh(group, &format!("{name}_errcat")),
                    fresh(group, &format!("{name}_serde")),
                ],
            )
        })
        .collect();
    if rows.iter().any(|(_, v)| v.iter().any(Option::is_some)) {
        println!("\nfrom_response, ns per body (ratio to the faster):\n");
        println!(
            "{}",
            ratio_table(
                "example",
                &["errcat from_response", "serde_json struct"],
                &rows,
                "",
                0
            )
        );
    }
}
