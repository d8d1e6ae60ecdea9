//! Generation, end to end, as a build script runs it: load (YAML parse + positions) +
//! validate + emit (with the perfect-hash tables from `PERFECT_HASH_FROM` codes on) +
//! format (prettyplease), through `Builder::generate`, on synthetic catalogs of 100,
//! 1,000, 10,000 and 100,000 codes.
//!
//! Criterion measures 100, 1,000 and 10,000 codes (10,000 with 10 samples of one run).
//! Then every size, 100,000 codes included, is generated again in fresh processes (this
//! binary run with `ERRCAT_BENCH_GENERATE_ONCE=<catalog>`), three runs each: the table at
//! the end gives the fastest run split into load + validate and emit + format, and each
//! process's peak memory. A build script generates once per process, as these runs do;
//! the scaling ratio is taken from them. (Set `ERRCAT_BENCH_100K=1` to measure 100,000
//! codes with criterion too, 10 samples: several minutes.)
//!
//! Then the `diagnosis` group: a bad catalog of 500 and of 5,000 bad ids loaded and
//! validated (every problem reported), and the cost per diagnostic side by side.
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
    if let Some(path) = std::env::var_os(CHILD) {
        generate_once(Path::new(&path));
        return;
    }
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

    // Diagnosing a bad catalog: one diagnostic per bad id, 500 and 5,000 of them. Linear
    // diagnosis keeps the cost per diagnostic flat (finding an excerpt's line once
    // scanned the whole text, which made 5,000 bad ids cost 100x what 500 cost).
    let mut group = c.benchmark_group("diagnosis");
    let bad: Vec<(usize, PathBuf)> = BAD_ID_COUNTS
        .iter()
        .map(|&n| {
            let path = dir.join(format!("bad_{n}.yaml"));
            std::fs::write(&path, bad_ids_catalog(n)).expect("write the bad catalog");
            (n, path)
        })
        .collect();
    for (count, path) in &bad {
        group.bench_function(count.to_string(), |b| {
            b.iter(|| black_box(builder(path).load().expect_err("bad ids are diagnosed")))
        });
    }
    group.finish();
    c.final_summary();
    let per_diagnostic: Vec<Option<f64>> = BAD_ID_COUNTS
        .iter()
        .map(|n| mean_ns("diagnosis", &n.to_string()).map(|ns| ns / 1e3 / *n as f64))
        .collect();
    if per_diagnostic.iter().any(Option::is_some) {
        let columns: Vec<String> = BAD_ID_COUNTS
            .iter()
            .map(|n| format!("{n} bad ids"))
            .collect();
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        println!(
            "\ndiagnosis, µs per diagnostic (ratio to the cheapest: linear diagnosis stays \
             near 1x):\n"
        );
        println!(
            "{}",
            ratio_table(
                "",
                &columns,
                &[("µs per diagnostic".to_owned(), per_diagnostic)],
                "",
                2
            )
        );
    }

    // Each size again in a fresh process of its own, split into stages, with its peak
    // memory: a build script generates once per process, and sizes measured one after
    // another in one process would inherit each other's heap.
    let mut rows = Vec::new();
    let mut per_code: Vec<(usize, f64)> = Vec::new();
    for (size, path) in &files {
        let measured = fresh(started, *size);
        // 100,000 codes, skipped by criterion by default, are measured here whenever the
        // run measured the other sizes.
        let one_shot = *size > 10_000 && !with_100k;
        if !(measured || (one_shot && any_fresh(started))) {
            continue;
        }
        // The fastest of a few runs: the machine is shared, and noise only adds time.
        let runs: Vec<ChildRun> = (0..RUNS_PER_SIZE).map(|_| child_run(path)).collect();
        let best = runs
            .iter()
            .min_by(|a, b| a.total_ms().total_cmp(&b.total_ms()))
            .expect("at least one run");
        let peak_mb = runs.iter().map(|r| r.peak_kb).max().unwrap_or(0) as f64 / 1024.0;
        let criterion_ms = if measured {
            mean_ns("generation", &size.to_string())
                .map_or("-".to_owned(), |ns| format!("{:.1}", ns / 1e6))
        } else {
            "-".to_owned()
        };
        per_code.push((*size, best.total_ms() * 1e3 / *size as f64));
        rows.push(format!(
            "| {size} | {criterion_ms} | {:.1} | {:.1} | {:.1} | {peak_mb:.0} | {:.1} |",
            best.total_ms(),
            best.load_ms,
            best.emit_ms,
            best.bytes as f64 / 1e6,
        ));
    }
    if !rows.is_empty() {
        println!(
            "\ngeneration, ms: criterion's mean in this process, then the fastest of \
             {RUNS_PER_SIZE} runs each in a fresh process, split into stages, with the \
             process's peak memory:\n"
        );
        println!(
            "| codes | criterion mean | fresh process: load + validate + emit + format | \
             load + validate | emit + format | peak memory MB | output MB |"
        );
        println!("|---:|---:|---:|---:|---:|---:|---:|");
        for row in rows {
            println!("{row}");
        }
        let columns: Vec<String> = per_code
            .iter()
            .map(|(size, _)| format!("{size} codes"))
            .collect();
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        let values: Vec<Option<f64>> = per_code.iter().map(|(_, us)| Some(*us)).collect();
        println!(
            "\nµs per code, fresh process (ratio to the cheapest size: linear generation \
             stays near 1x):\n"
        );
        println!(
            "{}",
            ratio_table("", &columns, &[("µs per code".to_owned(), values)], "", 2)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// How many bad ids the diagnosis benchmark's catalogs hold.
const BAD_ID_COUNTS: [usize; 2] = [500, 5_000];

/// A catalog whose errors are `count` entries, each with an id that is not snake_case:
/// one `snake-case-id` diagnostic each.
fn bad_ids_catalog(count: usize) -> String {
    let mut text = String::from(
        "api:\n  id: acme\n  name: Acme\n  identified_by: code\nenvelope:\n  family: nested_object\n  fields:\n    - path: error.code\n      type: string\n      role: code\n      required: true\nerrors:\n",
    );
    for i in 0..count {
        text.push_str(&format!(
            "  - id: Bad-Id-{i}\n    wire: WIRE_{i}\n    status: 400\n    category: invalid_request\n    description: \"d\"\n"
        ));
    }
    text
}

/// Runs per size in fresh processes.
const RUNS_PER_SIZE: usize = 3;

/// Set in a child process: generate the catalog at this path once and report.
const CHILD: &str = "ERRCAT_BENCH_GENERATE_ONCE";

/// What one child process measured.
struct ChildRun {
    load_ms: f64,
    emit_ms: f64,
    bytes: usize,
    peak_kb: u64,
}

impl ChildRun {
    fn total_ms(&self) -> f64 {
        self.load_ms + self.emit_ms
    }
}

/// Generates `path` once in a fresh process (this benchmark binary, run again).
fn child_run(path: &Path) -> ChildRun {
    let exe = std::env::current_exe().expect("the benchmark's own path");
    let output = std::process::Command::new(exe)
        .env(CHILD, path)
        .output()
        .expect("run the benchmark binary again");
    assert!(output.status.success(), "the child run failed: {output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("errcat-generate-once "))
        .unwrap_or_else(|| panic!("no report from the child run: {text}"));
    let fields: Vec<&str> = line.split_whitespace().collect();
    ChildRun {
        load_ms: fields[0].parse().expect("load ms"),
        emit_ms: fields[1].parse().expect("emit ms"),
        bytes: fields[2].parse().expect("bytes"),
        peak_kb: fields[3].parse().unwrap_or(0),
    }
}

/// The child's side: load + validate, then emit + format, timed; the process's peak
/// resident memory from `/proc/self/status` (0 where there is none).
fn generate_once(path: &Path) {
    let builder = builder(path);
    let start = Instant::now();
    let catalog = builder.load().expect("valid");
    let load = start.elapsed();
    let start = Instant::now();
    let generated = builder.emit(&catalog);
    let emit = start.elapsed();
    let bytes: usize = generated.values().map(String::len).sum();
    let peak_kb = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .unwrap_or(0);
    println!(
        "errcat-generate-once {} {} {bytes} {peak_kb}",
        load.as_secs_f64() * 1e3,
        emit.as_secs_f64() * 1e3
    );
}

/// Whether criterion measured `size` in this run.
fn fresh(started: SystemTime, size: usize) -> bool {
    std::fs::metadata(
        errcat_bench::criterion_dir()
            .join("generation")
            .join(size.to_string())
            .join("new/estimates.json"),
    )
    .and_then(|m| m.modified())
    .is_ok_and(|m| m >= started)
}

/// Whether criterion measured any generation size in this run.
fn any_fresh(started: SystemTime) -> bool {
    SIZES.iter().any(|&size| fresh(started, size))
}
