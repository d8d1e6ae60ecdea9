//! Which `from_wire` strategy the generator picks at each catalog size, and that every
//! strategy gives the same answer for every code and for codes the catalog lacks.
//!
//! The perfect hash is checked without compiling Rust: `PerfectHash::find` runs the very
//! probe source the generator emits, over the very tables it emits. (The compiled check,
//! through generated modules, is `benches/lookup-bench/tests/end_to_end.rs`.)

use std::collections::{HashMap, HashSet};

use errcat_codegen::emit::rust::lookup::filter;
use errcat_codegen::emit::rust::lookup::{
    lookup_with, strategy_for, LookupStrategy, PerfectHash, FILTERED_MATCH_FROM, PERFECT_HASH_FROM,
    PROBE_SOURCE,
};
use errcat_codegen::emit::rust::{emit_api, emit_api_with, RustOptions};
use errcat_codegen::synthetic::Synthetic;
use errcat_codegen::Builder;

const CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog");

#[test]
fn the_strategy_follows_the_catalog_size() {
    // The bundled catalogs have at most 36 codes: they keep the plain `match`.
    for size in [0, 1, 10, 36, FILTERED_MATCH_FROM - 1] {
        assert_eq!(strategy_for(size), LookupStrategy::Match, "{size} codes");
    }
    for size in [FILTERED_MATCH_FROM, 50, 75, 100, PERFECT_HASH_FROM - 1] {
        assert_eq!(
            strategy_for(size),
            LookupStrategy::FilteredMatch,
            "{size} codes"
        );
    }
    for size in [PERFECT_HASH_FROM, 200, 1_000, 10_000, 100_000] {
        assert_eq!(
            strategy_for(size),
            LookupStrategy::PerfectHash,
            "{size} codes"
        );
    }
}

/// What the emitted `from_wire` of a catalog of `size` codes is made of.
fn emitted_strategy(size: usize) -> LookupStrategy {
    let catalog = Synthetic::new("synth", size, 3).catalog().unwrap();
    let code = emit_api(&catalog.apis[0]);
    let start = code.find("pub fn from_wire").unwrap();
    let end = start + code[start..].find("pub const fn as_str").unwrap();
    let body = &code[start..end];
    let sketch = body.contains("fn wire_sketch");
    match (body.contains("match wire"), body.contains("fn wire_probe")) {
        (true, false) if sketch => LookupStrategy::FilteredMatch,
        (true, false) => LookupStrategy::Match,
        (false, true) => LookupStrategy::PerfectHash,
        other => panic!("{size} codes: cannot tell the strategy ({other:?})"),
    }
}

#[test]
fn the_generator_emits_the_chosen_strategy() {
    for size in [
        1,
        10,
        FILTERED_MATCH_FROM - 1,
        FILTERED_MATCH_FROM,
        100,
        PERFECT_HASH_FROM - 1,
        PERFECT_HASH_FROM,
        1_000,
    ] {
        assert_eq!(emitted_strategy(size), strategy_for(size), "{size} codes");
    }
}

#[test]
fn a_strategy_can_be_forced_through_the_options() {
    let catalog = Synthetic::new("synth", 20, 5).catalog().unwrap();
    let api = &catalog.apis[0];
    let forced = emit_api_with(
        api,
        RustOptions::default().with_lookup(LookupStrategy::PerfectHash),
    );
    assert!(forced.contains("fn wire_probe") && !forced.contains("match wire"));
    // Nothing is left behind: the next module gets the strategy of its size again.
    assert!(emit_api(api).contains("match wire"));
    let large = Synthetic::new("synth", 300, 5).catalog().unwrap();
    let forced = emit_api_with(
        &large.apis[0],
        RustOptions::default().with_lookup(LookupStrategy::Match),
    );
    assert!(forced.contains("match wire") && !forced.contains("fn wire_probe"));
}

/// The builder's knob reaches the generated files.
#[test]
fn the_builder_forces_a_strategy() {
    let files = Builder::new()
        .catalog(CATALOG)
        .lookup_strategy(LookupStrategy::PerfectHash)
        .generate()
        .unwrap();
    for (name, text) in &files {
        assert!(text.contains("fn wire_probe"), "{name}");
    }
}

/// Strings that are not in `wires` but look like them: edits, prefixes, extensions.
fn near_misses(wires: &[&str]) -> Vec<String> {
    let set: HashSet<&str> = wires.iter().copied().collect();
    let mut misses = vec![
        String::new(),
        " ".into(),
        "x".into(),
        "\u{e9}t\u{e9}".into(),
    ];
    for wire in wires.iter().filter(|w| !w.is_empty()).take(200) {
        let mut chars: Vec<char> = wire.chars().collect();
        misses.push(format!("{wire}x"));
        misses.push(format!("x{wire}"));
        misses.push(wire.to_uppercase());
        misses.push(chars[..chars.len() - 1].iter().collect());
        let last = chars.len() - 1;
        chars[last] = if chars[last] == 'z' { 'y' } else { 'z' };
        misses.push(chars.iter().collect());
        misses.push(format!("{wire}\0"));
    }
    misses.retain(|m| !set.contains(m.as_str()));
    misses
}

/// The perfect hash of `wires` agrees with a `HashMap` on every key and every miss.
fn check_perfect_hash(label: &str, wires: &[&str], misses: &[String]) {
    let table = PerfectHash::build(wires);
    let slots = table.slot_table(wires);
    assert!(slots.len() >= wires.len(), "{label}: too few slots");
    let placed: Vec<u32> = table.slots.iter().flatten().copied().collect();
    assert_eq!(placed.len(), wires.len(), "{label}: every key has one slot");
    assert_eq!(
        placed.iter().collect::<HashSet<_>>().len(),
        wires.len(),
        "{label}: no key has two slots"
    );
    let map: HashMap<&str, usize> = wires.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    for (i, wire) in wires.iter().enumerate() {
        assert_eq!(table.find(&slots, wire), Some(i), "{label}: code {wire}");
        // The answer does not depend on where the string lives.
        let copy: String = wire.chars().collect();
        assert_eq!(table.find(&slots, &copy), Some(i), "{label}: {wire}");
    }
    for miss in misses
        .iter()
        .map(String::as_str)
        .chain(near_misses(wires).iter().map(String::as_str))
    {
        assert_eq!(
            table.find(&slots, miss),
            map.get(miss).copied(),
            "{label}: {miss:?}"
        );
    }
    assert_eq!(PerfectHash::build(wires), table, "{label}: deterministic");
}

#[test]
fn the_perfect_hash_agrees_with_a_hash_map_on_synthetic_catalogs() {
    for size in [1, 2, 3, 10, 100, 255, 256, 1_000, 10_000, 50_000] {
        let synthetic = Synthetic::new("synth", size, size as u64);
        let wires: Vec<&str> = synthetic.codes.iter().map(String::as_str).collect();
        check_perfect_hash(&format!("{size} codes"), &wires, &synthetic.misses);
    }
}

#[test]
fn the_perfect_hash_agrees_with_a_hash_map_on_the_bundled_catalogs() {
    let catalog = Builder::new().catalog(CATALOG).load().unwrap();
    for api in &catalog.apis {
        // Message-identified APIs have sentences, spaces and punctuation as wires.
        let wires: Vec<&str> = api.errors.iter().map(|e| e.wire.as_str()).collect();
        let others: Vec<String> = catalog
            .apis
            .iter()
            .filter(|other| other.id() != api.id())
            .flat_map(|other| other.errors.iter().map(|e| e.wire.clone()))
            .collect();
        check_perfect_hash(api.id(), &wires, &others);
    }
}

#[test]
fn the_perfect_hash_handles_any_length_and_any_bytes() {
    // Every length from 0 to 100 (every branch of the hash), non-ASCII, shared prefixes.
    let mut wires: Vec<String> = (0..=100).map(|n| "a".repeat(n)).collect();
    wires.extend((0..=100).map(|n| format!("{}\u{1F600}", "b".repeat(n))));
    wires.extend((0..300).map(|i| format!("shared_prefix_shared_prefix_shared_{i}")));
    wires.extend((0..300).map(|i| format!("{i}_shared_suffix_shared_suffix_shared")));
    let wires: Vec<&str> = wires.iter().map(String::as_str).collect();
    let misses: Vec<String> = (101..140).map(|n| "a".repeat(n)).collect();
    check_perfect_hash("lengths", &wires, &misses);
    // The hash reads every byte: changing any one changes it.
    let base = "x".repeat(64);
    for len in 0..=64 {
        for at in 0..len {
            let mut changed = base.as_bytes()[..len].to_vec();
            changed[at] = b'y';
            assert_ne!(
                PerfectHash::hash(&changed, 1),
                PerfectHash::hash(&base.as_bytes()[..len], 1),
                "byte {at} of {len}"
            );
        }
    }
}

#[test]
fn the_match_strategy_maps_every_code_to_its_position() {
    let synthetic = Synthetic::new("synth", 300, 9);
    let wires: Vec<&str> = synthetic.codes.iter().map(String::as_str).collect();
    let tokens = lookup_with(&wires, LookupStrategy::Match).to_string();
    for (i, wire) in wires.iter().enumerate() {
        let arm = format!("\"{wire}\" => Some ({i}usize)");
        assert!(tokens.contains(&arm), "no arm `{arm}`");
    }
    assert!(tokens.contains("_ => None"));
}

#[test]
fn the_filtered_match_never_filters_out_a_code_and_stops_most_misses() {
    // Every answer of the filtered match past the filter is the plain `match`'s (same
    // arms, checked compiled in `benches/lookup-bench/tests/end_to_end.rs`); so the filter
    // must let every code through, and it is only worth having if it stops most misses.
    for size in [FILTERED_MATCH_FROM, 75, PERFECT_HASH_FROM - 1] {
        let synthetic = Synthetic::new("synth", size, 13).with_misses(2_000);
        let wires: Vec<&str> = synthetic.codes.iter().map(String::as_str).collect();
        let words = filter::filter_words(&wires);
        for wire in &wires {
            assert!(
                filter::passes(&words, wire),
                "{size} codes: {wire} filtered out"
            );
        }
        let stopped = synthetic
            .misses
            .iter()
            .filter(|m| !filter::passes(&words, m))
            .count();
        assert!(
            stopped * 2 > synthetic.misses.len(),
            "{size} codes: the filter stops only {stopped} of {} misses",
            synthetic.misses.len()
        );
    }
    // The bundled catalogs, forced to the filtered match.
    let catalog = Builder::new().catalog(CATALOG).load().unwrap();
    for api in &catalog.apis {
        let wires: Vec<&str> = api.errors.iter().map(|e| e.wire.as_str()).collect();
        let words = filter::filter_words(&wires);
        assert!(
            wires.iter().all(|w| filter::passes(&words, w)),
            "{}",
            api.id()
        );
    }
}

#[test]
fn the_emitted_filtered_match_holds_the_filter_the_sketch_and_the_match() {
    let synthetic = Synthetic::new("synth", 100, 17);
    let wires: Vec<&str> = synthetic.codes.iter().map(String::as_str).collect();
    let tokens = lookup_with(&wires, LookupStrategy::FilteredMatch).to_string();
    let sketch: proc_macro2::TokenStream = filter::SKETCH_SOURCE.parse().unwrap();
    assert!(
        tokens.contains(&sketch.to_string()),
        "the sketch is emitted verbatim"
    );
    for word in filter::filter_words(&wires) {
        assert!(
            tokens.contains(&word.to_string()),
            "filter word {word} missing"
        );
    }
    for (i, wire) in wires.iter().enumerate() {
        let arm = format!("\"{wire}\" => Some ({i}usize)");
        assert!(tokens.contains(&arm), "no arm `{arm}`");
    }
}

#[test]
fn the_emitted_perfect_hash_holds_the_tables_and_the_probe() {
    let synthetic = Synthetic::new("synth", 1_000, 11);
    let wires: Vec<&str> = synthetic.codes.iter().map(String::as_str).collect();
    let tokens = lookup_with(&wires, LookupStrategy::PerfectHash).to_string();
    let table = PerfectHash::build(&wires);
    assert!(tokens.contains(&format!("{}u64", table.seed)), "the seed");
    assert!(tokens.contains(&format!("[u64 ; {}usize]", table.buckets.len())));
    assert!(tokens.contains(&format!("[(& str , u32) ; {}usize]", table.slots.len())));
    let buckets: Vec<String> = table.buckets.iter().map(u64::to_string).collect();
    assert!(tokens.contains(&buckets.join(" , ")), "the bucket table");
    let (wire, index) = table.slot_table(&wires)[0];
    assert!(
        tokens.contains(&format!("(\"{wire}\" , {index})")),
        "the slot table"
    );
    let probe: proc_macro2::TokenStream = PROBE_SOURCE.parse().unwrap();
    assert!(tokens.contains(&probe.to_string()), "the probe, verbatim");
}
