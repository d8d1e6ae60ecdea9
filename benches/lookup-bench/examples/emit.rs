//! Prints the generated module of a synthetic catalog, for timing its compilation, or the
//! catalog itself, for timing and measuring `errcat generate` on it.
//!
//! `cargo run --release -p errcat-bench --example emit -- <codes> [match|filtered_match|perfect_hash|chosen]`
//! writes `pub mod synth { ... }` (the module `errcat generate` would write for that
//! catalog, without the header) to standard output; `... -- <codes> yaml` writes the
//! catalog file. See BENCHMARKS.md for the timed commands (`benches/measure.sh`).

use errcat_codegen::emit::rust::lookup::LookupStrategy;
use errcat_codegen::emit::rust::{emit_api, emit_api_with, RustOptions};
use errcat_codegen::synthetic::Synthetic;

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: emit <codes> [match|filtered_match|perfect_hash|chosen|yaml]";
    let codes: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{usage}"));
    let strategy = args.next().unwrap_or_else(|| "chosen".to_owned());
    let seed = errcat_bench::params::seed(codes);
    let synthetic = Synthetic::new(errcat_bench::params::SYNTHETIC_API, codes, seed);
    if strategy == "yaml" {
        print!("{}", synthetic.yaml);
        return;
    }
    let catalog = synthetic.catalog().unwrap_or_else(|d| panic!("{d}"));
    let api = &catalog.apis[0];
    let code = match strategy.as_str() {
        "match" => emit_api_with(api, forced(LookupStrategy::Match)),
        "filtered_match" => emit_api_with(api, forced(LookupStrategy::FilteredMatch)),
        "perfect_hash" => emit_api_with(api, forced(LookupStrategy::PerfectHash)),
        "chosen" => emit_api(api),
        _ => panic!("{usage}"),
    };
    print!("{code}");
}

fn forced(strategy: LookupStrategy) -> RustOptions {
    RustOptions::default().with_lookup(strategy)
}
