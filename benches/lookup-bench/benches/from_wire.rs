//! `ErrorCode::from_wire` on synthetic catalogs of 10 to 10,000 codes: [`BATCH`] hits (codes
//! drawn from the catalog) and [`BATCH`] misses (codes from the same generator that the
//! catalog lacks) per iteration, for
//!
//! - `match`: the generated module with `from_wire` forced to a `match` on `&str`;
//! - `filtered_match`: forced to the same `match` behind a filter of the codes' sketches
//!   (built up to 1,000 codes only: the strategy is never chosen near 10,000);
//! - `perfect_hash`: the generated module with the perfect hash computed at generation
//!   time (static tables, inline probe);
//! - `phf`: a `phf::Map` (SipHash) of the same codes, built by `phf_codegen` in build.rs;
//! - `fxhash`: a `rustc_hash::FxHashMap<&str, usize>` built before measuring.
//!
//! What errcat emits by default is one of the first three (`strategy_for`); the summary
//! at the end marks it. Run: `cargo bench -p errcat-bench --bench from_wire`.

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput};
use errcat_bench::{lookup_inputs, mean_ns, ratio_table, BATCH};
use errcat_codegen::emit::rust::lookup::{strategy_for, LookupStrategy};
use rustc_hash::FxHashMap;

// Generated modules included privately: rustc and clippy treat their public items as
// unexported (unused, and linted as if they were not public API as they are in a crate).
#[macro_use]
#[allow(dead_code, clippy::enum_variant_names)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/from_wire.rs"));
}

const STRATEGIES: [&str; 5] = ["match", "filtered_match", "perfect_hash", "phf", "fxhash"];

/// Checks `lookup` against the expected answers, then measures it.
fn bench(
    group: &mut BenchmarkGroup<'_, WallTime>,
    id: &str,
    inputs: &[String],
    expected: &[Option<usize>],
    lookup: impl Fn(&str) -> Option<usize>,
) {
    for (input, expected) in inputs.iter().zip(expected) {
        assert_eq!(lookup(input), *expected, "{id}: wrong answer for {input}");
    }
    group.bench_function(id, |b| {
        b.iter(|| {
            for input in inputs {
                black_box(lookup(black_box(input.as_str())));
            }
        })
    });
}

fn main() {
    let started = SystemTime::now();
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let mut chosen = Vec::new();

    macro_rules! bench_size {
        ($size:literal, $match:ident, $filtered:ident, $has_filtered:literal, $perfect:ident, $phf:ident) => {{
            chosen.push((
                $size,
                match strategy_for($size) {
                    LookupStrategy::Match => "match",
                    LookupStrategy::FilteredMatch => "filtered_match",
                    LookupStrategy::PerfectHash => "perfect_hash",
                    _ => "a strategy this bench does not know",
                },
            ));
            let inputs = lookup_inputs($size);
            let index: FxHashMap<&str, usize> = inputs
                .synthetic
                .codes
                .iter()
                .enumerate()
                .map(|(i, code)| (code.as_str(), i))
                .collect();
            let mut group = c.benchmark_group(format!("from_wire_{}", $size));
            group.throughput(Throughput::Elements(BATCH as u64));
            for (kind, set) in [("hit", &inputs.hits), ("miss", &inputs.misses)] {
                let expected: Vec<Option<usize>> =
                    set.iter().map(|w| index.get(w.as_str()).copied()).collect();
                bench(&mut group, &format!("{kind}_match"), set, &expected, |w| {
                    generated::$match::synth::ErrorCode::from_wire(w).map(|c| c as usize)
                });
                if $has_filtered {
                    bench(
                        &mut group,
                        &format!("{kind}_filtered_match"),
                        set,
                        &expected,
                        |w| {
                            generated::$filtered::synth::ErrorCode::from_wire(w).map(|c| c as usize)
                        },
                    );
                }
                bench(
                    &mut group,
                    &format!("{kind}_perfect_hash"),
                    set,
                    &expected,
                    |w| generated::$perfect::synth::ErrorCode::from_wire(w).map(|c| c as usize),
                );
                bench(&mut group, &format!("{kind}_phf"), set, &expected, |w| {
                    generated::$phf.get(w).copied()
                });
                bench(&mut group, &format!("{kind}_fxhash"), set, &expected, |w| {
                    index.get(w).copied()
                });
            }
            group.finish();
        }};
    }
    each_lookup_size!(bench_size);
    c.final_summary();
    summary(&chosen, started);
}

/// Prints what was measured in this run as Markdown, ns per lookup with ratios to the
/// best strategy of each row.
fn summary(chosen: &[(usize, &str)], started: SystemTime) {
    let fresh = |group: &str, id: &str| {
        let path = errcat_bench::criterion_dir()
            .join(group)
            .join(id)
            .join("new/estimates.json");
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
        (modified >= started)
            .then(|| mean_ns(group, id))
            .flatten()
            .map(|ns| ns / BATCH as f64)
    };
    let mut rows = Vec::new();
    for &(size, pick) in chosen {
        let group = format!("from_wire_{size}");
        for kind in ["hit", "miss"] {
            let mut values: Vec<Option<f64>> = STRATEGIES
                .iter()
                .map(|s| fresh(&group, &format!("{kind}_{s}")))
                .collect();
            let pick_index = STRATEGIES.iter().position(|s| *s == pick).unwrap_or(0);
            values.insert(0, values[pick_index]);
            rows.push((format!("{kind} {size} (errcat: {pick})"), values));
        }
    }
    if rows.iter().all(|(_, v)| v.iter().all(Option::is_none)) {
        return;
    }
    println!("\nfrom_wire, ns per lookup (ratio to the best of the row):\n");
    println!(
        "{}",
        ratio_table(
            "lookup",
            &[
                "errcat",
                "match",
                "filtered match",
                "perfect hash",
                "phf",
                "FxHashMap"
            ],
            &rows,
            "",
            2
        )
    );
}
