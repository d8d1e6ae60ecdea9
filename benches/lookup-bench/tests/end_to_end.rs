//! Compiled generated code, every strategy: each `from_wire` finds every code of its
//! catalog and rejects the same misses, and all strategies agree.
//!
//! The modules come from this crate's build.rs: the five bundled catalogs with the
//! perfect hash forced (compared with the root crate's bundled modules, which use the
//! `match`), and synthetic catalogs with `match`, the filtered match, the perfect hash,
//! and the generator's own choice.

use std::collections::HashSet;

use errcat::CatalogCode;
use errcat_codegen::synthetic::Synthetic;

// Generated modules included privately: rustc and clippy treat their public items as
// unexported (unused, and linted as if they were not public API as they are in a crate).
#[macro_use]
#[allow(dead_code, clippy::enum_variant_names)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/end_to_end.rs"));
}

/// Strings near the given codes that are not codes.
fn misses<'a>(codes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let codes: Vec<&str> = codes.into_iter().collect();
    let set: HashSet<&str> = codes.iter().copied().collect();
    let mut misses = vec![String::new(), "x".to_owned(), "\u{1F600}".to_owned()];
    for code in &codes {
        misses.push(format!("{code}_"));
        misses.push(code.to_uppercase());
        misses.push(code[..code.len() - 1].to_owned());
        misses.push(format!(" {code}"));
    }
    misses.retain(|m| !set.contains(m.as_str()));
    misses
}

#[test]
fn bundled_apis_with_the_perfect_hash_agree_with_the_bundled_match() {
    let mut checked = 0;
    macro_rules! check {
        ($perfect:ident, $bundled:ident) => {{
            checked += 1;
            use errcat::$bundled::ErrorCode as Bundled;
            use generated::bundled_perfect_hash::$perfect::ErrorCode as Perfect;
            assert_eq!(Perfect::ALL.len(), Bundled::ALL.len());
            for (perfect, bundled) in Perfect::ALL.iter().zip(Bundled::ALL) {
                assert_eq!(perfect.as_str(), bundled.as_str());
                assert_eq!(Perfect::from_wire(perfect.as_str()), Some(*perfect));
                assert_eq!(
                    <Perfect as CatalogCode>::from_wire(bundled.as_str()),
                    Some(*perfect)
                );
            }
            let mut others: Vec<String> = misses(Bundled::ALL.iter().map(|c| c.as_str()));
            others.extend(Synthetic::new("x", 1, 1).misses);
            for miss in &others {
                assert_eq!(Perfect::from_wire(miss), None, "{miss:?}");
                assert_eq!(Bundled::from_wire(miss), None, "{miss:?}");
            }
        }};
    }
    each_bundled_api!(check);
    // In a checkout every bundled API is compared; only a lone tarball of this crate,
    // which carries no catalog/, compares none (its build script says so).
    let catalog = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog");
    if catalog.exists() {
        let yaml_files = std::fs::read_dir(&catalog)
            .expect("catalog/ reads")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yaml"))
            })
            .count();
        assert_eq!(checked, yaml_files);
    }
}

#[test]
fn every_strategy_agrees_on_synthetic_catalogs() {
    macro_rules! check {
        ($size:literal, $match:ident, $filtered:ident, $perfect:ident, $chosen:ident) => {{
            use generated::$chosen::synth::ErrorCode as Chosen;
            use generated::$filtered::synth::ErrorCode as Filtered;
            use generated::$match::synth::ErrorCode as Match;
            use generated::$perfect::synth::ErrorCode as Perfect;
            let synthetic = Synthetic::new(
                errcat_bench::params::SYNTHETIC_API,
                $size,
                errcat_bench::params::seed($size),
            );
            assert_eq!(Match::ALL.len(), $size);
            for (i, code) in synthetic.codes.iter().enumerate() {
                assert_eq!(
                    Match::from_wire(code).map(|c| c as usize),
                    Some(i),
                    "{code}"
                );
                assert_eq!(
                    Filtered::from_wire(code).map(|c| c as usize),
                    Some(i),
                    "{code}"
                );
                assert_eq!(
                    Perfect::from_wire(code).map(|c| c as usize),
                    Some(i),
                    "{code}"
                );
                assert_eq!(
                    Chosen::from_wire(code).map(|c| c as usize),
                    Some(i),
                    "{code}"
                );
            }
            let mut all_misses = misses(synthetic.codes.iter().map(String::as_str));
            all_misses.extend(synthetic.misses.iter().cloned());
            for miss in &all_misses {
                assert_eq!(Match::from_wire(miss), None, "{miss:?}");
                assert_eq!(Filtered::from_wire(miss), None, "{miss:?}");
                assert_eq!(Perfect::from_wire(miss), None, "{miss:?}");
                assert_eq!(Chosen::from_wire(miss), None, "{miss:?}");
            }
        }};
    }
    each_synthetic_size!(check);
}
