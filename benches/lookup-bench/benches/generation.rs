//! Generation, end to end, as a build script runs it: load (YAML parse + positions) +
//! validate + emit (with the perfect-hash tables from 256 codes on) + format
//! (prettyplease), through `Builder::generate`, on synthetic catalogs of 100, 1,000,
//! 10,000 and 100,000 codes. 10,000 and 100,000 take seconds per run, so they use 10
//! samples of one run each. After criterion, one run per size is broken down by stage.
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

    let mut group = c.benchmark_group("generation");
    for (size, path) in &files {
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
    for (size, path) in &files {
        let fresh = std::fs::metadata(
            errcat_bench::criterion_dir()
                .join("generation")
                .join(size.to_string())
                .join("new/estimates.json"),
        )
        .and_then(|m| m.modified())
        .is_ok_and(|m| m >= started);
        if !fresh {
            continue;
        }
        let total = mean_ns("generation", &size.to_string()).map(|ns| ns / 1e6);
        let builder = builder(path);
        let start = Instant::now();
        let catalog = builder.load().expect("valid");
        let load = start.elapsed();
        let start = Instant::now();
        let generated = builder.emit(&catalog);
        let emit = start.elapsed();
        let bytes: usize = generated.values().map(String::len).sum();
        rows.push(format!(
            "| {size} | {} | {:.1} | {:.1} | {:.1} |",
            total.map_or("-".to_owned(), |t| format!("{t:.1}")),
            load.as_secs_f64() * 1e3,
            emit.as_secs_f64() * 1e3,
            bytes as f64 / 1e6,
        ));
    }
    if !rows.is_empty() {
        println!("\ngeneration, ms (criterion mean; then one run split into stages):\n");
        println!("| codes | load + validate + emit + format | load + validate | emit + format | output MB |");
        println!("|---:|---:|---:|---:|---:|");
        for row in rows {
            println!("{row}");
        }
        let per_code: Vec<Option<f64>> = SIZES
            .iter()
            .map(|&size| mean_ns("generation", &size.to_string()).map(|ns| ns / 1e3 / size as f64))
            .collect();
        let columns: Vec<String> = SIZES.iter().map(|size| format!("{size} codes")).collect();
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        println!("\nµs per code (ratio to the cheapest size: linear generation stays near 1x):\n");
        println!(
            "{}",
            ratio_table("", &columns, &[("µs per code".to_owned(), per_code)], "", 2)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
