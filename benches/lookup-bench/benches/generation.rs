//! Generation, end to end, as a build script runs it: load (YAML parse + positions) +
//! validate + emit (with the perfect-hash tables from `PERFECT_HASH_FROM` codes on) +
//! format (prettyplease), through `Builder::generate`, on synthetic catalogs of 100,
//! 1,000, 10,000 and 100,000 codes.
//!
//! Criterion measures 100, 1,000 and 10,000 codes (10,000 with 10 samples of one run).
//! 100,000 codes take tens of seconds per run, so by default they are timed by the
//! one-run-per-size breakdown printed at the end (set `ERRCAT_BENCH_100K=1` to measure
//! them with criterion too, 10 samples: about 10 minutes).
//!
//! Run: `cargo bench -p errcat-bench --bench generation`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use criterion::{Criterion, SamplingMode};
use errcat_bench::{mean_ns, ratio_table};
use errcat_codegen::synthetic::Synthetic;
use errcat_codegen::Builder;

const SIZES: [usize; 4] = [100, 1_000, 10_000, 100_000];

fn builder(path: &Path) -> Builder {
    Builder::new().catalog(path).emit_rerun_if_changed(false)
}

/// Writes the synthetic catalog of `size` codes into `dir`, returning its path.
fn catalog_file(dir: &Path, size: usize) -> PathBuf {
    let synthetic = Synthetic::new("synth", size, size as u64);
    let path = dir.join(format!("synth_{size}.yaml"));
    std::fs::write(&path, &synthetic.yaml).expect("write the synthetic catalog");
    path
}

fn main() {
    let started = SystemTime::now();
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let dir = std::env::temp_dir().join(format!("errcat-bench-generation-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create a temporary folder");
    let files: Vec<(usize, PathBuf)> = SIZES.iter().map(|&n| (n, catalog_file(&dir, n))).collect();

    let with_100k = std::env::var_os("ERRCAT_BENCH_100K").is_some();
    let mut group = c.benchmark_group("generation");
    for (size, path) in &files {
        if *size > 10_000 && !with_100k {
            continue;
        }
        if *size >= 10_000 {
            group.sample_size(10);
            group.sampling_mode(SamplingMode::Flat);
        }
        group.bench_function(size.to_string(), |b| {
            b.iter(|| black_box(builder(path).generate().expect("valid")))
        });
    }
    group.finish();
    c.final_summary();

    // One run per size, by stage (not a criterion measurement: a single sample).
    let mut rows = Vec::new();
    let mut per_code: Vec<(usize, f64)> = Vec::new();
    for (size, path) in &files {
        let fresh = std::fs::metadata(
            errcat_bench::criterion_dir()
                .join("generation")
                .join(size.to_string())
                .join("new/estimates.json"),
        )
        .and_then(|m| m.modified())
        .is_ok_and(|m| m >= started);
        // 100,000 codes, skipped by criterion by default, are timed once here whenever
        // the run measured the other sizes.
        let one_shot = *size > 10_000 && !with_100k;
        if !(fresh || (one_shot && any_fresh(started))) {
            continue;
        }
        let builder = builder(path);
        let start = Instant::now();
        let catalog = builder.load().expect("valid");
        let load = start.elapsed();
        let start = Instant::now();
        let generated = builder.emit(&catalog);
        let emit = start.elapsed();
        let one_run = (load + emit).as_secs_f64() * 1e3;
        let total = if fresh {
            mean_ns("generation", &size.to_string()).map_or(one_run, |ns| ns / 1e6)
        } else {
            one_run
        };
        per_code.push((*size, total * 1e3 / *size as f64));
        let bytes: usize = generated.values().map(String::len).sum();
        rows.push(format!(
            "| {size} | {total:.1}{} | {:.1} | {:.1} | {:.1} |",
            if fresh { "" } else { " (one run)" },
            load.as_secs_f64() * 1e3,
            emit.as_secs_f64() * 1e3,
            bytes as f64 / 1e6,
        ));
    }
    if !rows.is_empty() {
        println!(
            "\ngeneration, ms (criterion mean, or one run; then one run split into stages):\n"
        );
        println!("| codes | load + validate + emit + format | load + validate | emit + format | output MB |");
        println!("|---:|---:|---:|---:|---:|");
        for row in rows {
            println!("{row}");
        }
        let columns: Vec<String> = per_code
            .iter()
            .map(|(size, _)| format!("{size} codes"))
            .collect();
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        let values: Vec<Option<f64>> = per_code.iter().map(|(_, us)| Some(*us)).collect();
        println!("\nµs per code (ratio to the cheapest size: linear generation stays near 1x):\n");
        println!(
            "{}",
            ratio_table("", &columns, &[("µs per code".to_owned(), values)], "", 2)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Whether criterion measured any generation size in this run.
fn any_fresh(started: SystemTime) -> bool {
    SIZES.iter().any(|size| {
        std::fs::metadata(
            errcat_bench::criterion_dir()
                .join("generation")
                .join(size.to_string())
                .join("new/estimates.json"),
        )
        .and_then(|m| m.modified())
        .is_ok_and(|m| m >= started)
    })
}
