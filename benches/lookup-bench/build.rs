//! Generates, into `OUT_DIR`, the modules the benchmarks and the end-to-end test compile:
//!
//! - `from_wire.rs`: for every size in `LOOKUP_SIZES`, the synthetic catalog's full
//!   generated module per strategy (`match_<n>`: `from_wire` forced to a `match`;
//!   `filtered_match_<n>`: to the filtered match, up to 1,000 codes; `perfect_hash_<n>`:
//!   to the perfect hash), a `phf::Map` of the same codes built with `phf_codegen`
//!   (`PHF_<n>`), and the macro `each_lookup_size!` listing them;
//! - `end_to_end.rs`: the five bundled catalogs with the perfect hash forced
//!   (`bundled_perfect_hash::<api>`), and small synthetic catalogs with each strategy.
//!
//! Generating here, with the real emitter, means the benchmarks measure exactly what
//! `errcat generate` writes. The 10,000-code `match` module is the expensive part of
//! building the benchmarks in release (it exists only here).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use errcat_codegen::emit::rust::lookup::LookupStrategy;
use errcat_codegen::emit::rust::{emit_api_with, RustOptions};
use errcat_codegen::model::Api;
use errcat_codegen::synthetic::Synthetic;

include!("src/params.rs");

const STRATEGIES: [(&str, LookupStrategy); 3] = [
    ("match", LookupStrategy::Match),
    ("filtered_match", LookupStrategy::FilteredMatch),
    ("perfect_hash", LookupStrategy::PerfectHash),
];

/// The largest catalog the `match` strategies are built for besides the plain `match`
/// (whose 10,000-code module is the reference): a second 10,000-arm `match`
/// would add minutes of compile time to measure a strategy never chosen there.
const FILTERED_MATCH_UP_TO: usize = 1_000;

/// The generated module's code, formatted as `errcat generate` writes it (unformatted
/// tokens would trip clippy's formatting lints, e.g. `suspicious_else_formatting`).
fn code(api: &Api, strategy: LookupStrategy) -> String {
    emit_api_with(api, RustOptions::default().with_lookup(strategy))
}

fn module(name: &str, doc: &str, api: &Api, strategy: LookupStrategy) -> String {
    let code = code(api, strategy);
    format!("/// {doc}\npub mod {name} {{\n{code}}}\n")
}

fn synthetic_api(size: usize) -> Api {
    let synthetic = Synthetic::new(SYNTHETIC_API, size, seed(size));
    let mut catalog = synthetic
        .catalog()
        .unwrap_or_else(|d| panic!("the synthetic catalog of {size} codes is invalid:\n{d}"));
    catalog.apis.remove(0)
}

fn from_wire(out: &Path) {
    // Debug builds (`cargo build`, `cargo test`, `cargo clippy --all-targets`) never run
    // the benchmarks, and this script reruns on every catalog edit: they get the sizes up
    // to 1,000 only (the same generated code, checked and linted all the same). Benchmark
    // builds (profile `bench`, which cargo reports as `release`) get every size.
    let release = std::env::var("PROFILE").as_deref() == Ok("release");
    let mut text = String::new();
    let mut each = String::new();
    for &size in LOOKUP_SIZES.iter().filter(|&&n| release || n <= 1_000) {
        let synthetic = Synthetic::new(SYNTHETIC_API, size, seed(size));
        let api = synthetic_api(size);
        for (name, strategy) in STRATEGIES {
            if strategy == LookupStrategy::FilteredMatch && size > FILTERED_MATCH_UP_TO {
                continue;
            }
            text.push_str(&module(
                &format!("{name}_{size}"),
                &format!("{size} synthetic codes, `from_wire` forced to `{strategy:?}`."),
                &api,
                strategy,
            ));
        }
        let mut map = phf_codegen::Map::new();
        for (index, code) in synthetic.codes.iter().enumerate() {
            map.entry(code.as_str(), index.to_string());
        }
        let _ = writeln!(
            text,
            "/// The same {size} codes in a `phf::Map` (SipHash, built by `phf_codegen`).\n\
             pub static PHF_{size}: ::phf::Map<&'static str, usize> = {};",
            map.build()
        );
        // Sizes without a filtered-match module pass the plain `match` in its place, with
        // `false`: the benchmark then skips it.
        let (filtered, measured) = if size > FILTERED_MATCH_UP_TO {
            (format!("match_{size}"), false)
        } else {
            (format!("filtered_match_{size}"), true)
        };
        let _ = writeln!(
            each,
            "        $m!({size}, match_{size}, {filtered}, {measured}, perfect_hash_{size}, PHF_{size});"
        );
    }
    let _ = write!(
        text,
        "/// Calls `$m!(size, match module, filtered-match module, whether it is one, \
         perfect-hash module, phf map)` for every size.\n\
         #[allow(unused_macros)]\n\
         macro_rules! each_lookup_size {{\n    ($m:ident) => {{\n{each}    }};\n}}\n"
    );
    write(&out.join("from_wire.rs"), &text);
}

fn end_to_end(out: &Path, catalog_dir: &Path) {
    // The repository's catalog/ is beside this crate in a checkout; a lone tarball of the
    // crate (`cargo package`) has none, and then the bundled half of the end-to-end test
    // has no APIs to compare (the synthetic half still runs).
    let apis = if catalog_dir.exists() {
        errcat_codegen::Builder::new()
            .catalog(catalog_dir)
            .load()
            .unwrap_or_else(|d| panic!("the bundled catalog is invalid:\n{d}"))
            .apis
    } else {
        println!(
            "cargo:warning=no catalog/ at {}: the end-to-end test skips the bundled APIs",
            catalog_dir.display()
        );
        Vec::new()
    };
    let mut text = String::from(
        "/// The five bundled APIs with `from_wire` forced to the perfect hash.\n\
         pub mod bundled_perfect_hash {\n",
    );
    let mut each = String::new();
    for api in &apis {
        text.push_str(&code(api, LookupStrategy::PerfectHash));
        let _ = writeln!(each, "        $m!({id}, {id});", id = api.id());
    }
    text.push_str("}\n");
    let _ = write!(
        text,
        "/// Calls `$m!(perfect-hash module, bundled module)` for every bundled API.\n\
         #[allow(unused_macros)]\n\
         macro_rules! each_bundled_api {{\n    ($m:ident) => {{\n{each}    }};\n}}\n"
    );
    let mut each = String::new();
    for &size in END_TO_END_SIZES {
        let api = synthetic_api(size);
        for (name, strategy) in STRATEGIES {
            text.push_str(&module(
                &format!("synthetic_{size}_{name}"),
                &format!("{size} synthetic codes, `from_wire` forced to `{strategy:?}`."),
                &api,
                strategy,
            ));
        }
        let chosen = errcat_codegen::emit::rust::emit_api(&api);
        let _ = writeln!(
            text,
            "/// {size} synthetic codes, with the strategy the generator picks.\n\
             pub mod synthetic_{size}_chosen {{\n{chosen}}}"
        );
        let _ = writeln!(
            each,
            "        $m!({size}, synthetic_{size}_match, synthetic_{size}_filtered_match, \
             synthetic_{size}_perfect_hash, synthetic_{size}_chosen);"
        );
    }
    let _ = write!(
        text,
        "/// Calls `$m!(size, match module, filtered-match module, perfect-hash module, \
         chosen module)` for every \
         synthetic size.\n\
         #[allow(unused_macros)]\n\
         macro_rules! each_synthetic_size {{\n    ($m:ident) => {{\n{each}    }};\n}}\n"
    );
    write(&out.join("end_to_end.rs"), &text);
}

/// Writes only when the contents changed, so that nothing recompiles needlessly.
fn write(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return;
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let catalog_dir = manifest.join("../../catalog");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/params.rs");
    println!("cargo:rerun-if-changed={}", catalog_dir.display());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    from_wire(&out);
    end_to_end(&out, &catalog_dir);
}
