//! The body of `from_wire`: wire identifier -> index into `ErrorCode::ALL`.
//!
//! Three strategies, chosen by catalog size ([`strategy_for`]):
//!
//! - [`LookupStrategy::Match`]: a `match` on the `&str`. rustc turns it into a switch on
//!   the length and a few comparisons, the fastest lookup for small catalogs; but its
//!   cost grows with the number of codes of one length, and so does its compile time.
//! - [`LookupStrategy::FilteredMatch`]: the same `match` behind a 512-bit filter of the
//!   codes' sketches ([`filter`]): for mid-sized catalogs most misses stop at one bit
//!   test, while hits stay nearly as fast as the plain `match`.
//! - [`LookupStrategy::PerfectHash`]: a perfect hash computed at generation time
//!   ([`PerfectHash`]), emitted as static arrays with the probe inline: constant time,
//!   nothing initialised at run time, no dependency, and compile time linear in the codes.
//!
//! `BENCHMARKS.md` at the repository root has the measurements behind the threshold.

pub mod filter;
mod perfect;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub use perfect::{PerfectHash, FAST_SEEDS, KEYS_PER_BUCKET, PROBE_SOURCE, SLACK};

use super::splice::{ListKind, Splices};

/// How generated code finds a wire identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LookupStrategy {
    /// A `match` on the string.
    Match,
    /// A `match` on the string behind a filter of the codes' sketches.
    FilteredMatch,
    /// A perfect hash computed at generation time, with static tables.
    PerfectHash,
}

/// The smallest catalog that gets the filtered match: below it the plain `match` is
/// fastest on hits and misses alike.
pub const FILTERED_MATCH_FROM: usize = 40;

/// The smallest catalog that gets the perfect hash: below it, a (filtered) `match` is
/// faster.
pub const PERFECT_HASH_FROM: usize = 150;

/// The strategy the generator uses for a catalog of `len` codes.
pub fn strategy_for(len: usize) -> LookupStrategy {
    if len >= PERFECT_HASH_FROM {
        LookupStrategy::PerfectHash
    } else if len >= FILTERED_MATCH_FROM {
        LookupStrategy::FilteredMatch
    } else {
        LookupStrategy::Match
    }
}

/// An expression of type `Option<usize>` that finds `wire` (a `&str` in scope) among
/// `wires`, where the index is the variant's position.
pub fn lookup(wires: &[&str]) -> TokenStream {
    lookup_with(wires, strategy_for(wires.len()))
}

/// [`lookup`] with an explicit strategy.
pub fn lookup_with(wires: &[&str], strategy: LookupStrategy) -> TokenStream {
    let mut splices = Splices::new(super::splice::Formatting::Whole);
    lookup_spliced(wires.to_vec(), strategy, &mut splices)
}

/// [`lookup_with`], the perfect hash's slot table left to `splices` (it has a row per
/// slot, more rows than codes).
pub(crate) fn lookup_spliced<'a>(
    wires: Vec<&'a str>,
    strategy: LookupStrategy,
    splices: &mut Splices<'a>,
) -> TokenStream {
    match strategy {
        // A perfect hash needs a key; an empty `match` still reads `wire`.
        LookupStrategy::PerfectHash if !wires.is_empty() => perfect_hash_lookup(wires, splices),
        LookupStrategy::FilteredMatch => filtered_match_lookup(&wires),
        _ => match_lookup(&wires),
    }
}

/// Whether `from_wire` is marked `#[inline]` under `strategy`: the perfect hash's probe is
/// a few instructions over static tables, and inlining it into the caller's loop saves
/// the call (about 10 % per lookup, BENCHMARKS.md); a `match` over many arms is left to
/// the optimiser.
pub fn inline_from_wire(strategy: LookupStrategy, codes: usize) -> bool {
    strategy == LookupStrategy::PerfectHash && codes > 0
}

fn match_lookup(wires: &[&str]) -> TokenStream {
    let arms = wires
        .iter()
        .enumerate()
        .map(|(i, w)| quote! { #w => Some(#i), });
    quote! {
        match wire {
            #( #arms )*
            _ => None,
        }
    }
}

fn filtered_match_lookup(wires: &[&str]) -> TokenStream {
    let sketch: TokenStream = filter::SKETCH_SOURCE
        .parse()
        .expect("the sketch source is valid Rust");
    let words = filter::filter_words(wires)
        .into_iter()
        .map(Literal::u64_unsuffixed);
    let word_count = filter::FILTER_WORDS;
    let matched = match_lookup(wires);
    quote! {
        {
            #sketch
            /// Bit `wire_sketch(code)` set for every documented code: a wire whose bit is
            /// clear is not one, and needs no string comparison.
            static FILTER: [u64; #word_count] = [ #( #words ),* ];
            let sketch = wire_sketch(wire.as_bytes());
            if (FILTER[sketch / 64] >> (sketch % 64)) & 1 == 0 {
                None
            } else {
                #matched
            }
        }
    }
}

fn perfect_hash_lookup<'a>(wires: Vec<&'a str>, splices: &mut Splices<'a>) -> TokenStream {
    let table = PerfectHash::build(&wires);
    let probe: TokenStream = PROBE_SOURCE
        .parse()
        .expect("the probe source is valid Rust");
    let seed = Literal::u64_suffixed(table.seed);
    let bucket_count = table.buckets.len();
    let buckets = table.buckets.iter().map(|b| Literal::u64_unsuffixed(*b));
    let slot_count = table.slots.len();
    let slot_table = table.slot_table(&wires);
    let slots = splices.list(ListKind::Elements, slot_count, move |i| {
        let (wire, index) = slot_table[i];
        let index = Literal::u32_unsuffixed(index);
        quote! { (#wire, #index) }
    });
    quote! {
        {
            #probe
            /// Per hash bucket: filter bits (high half) and slot multiplier (low half).
            static BUCKETS: [u64; #bucket_count] = [ #( #buckets ),* ];
            /// Per slot: the wire identifier there and its position in `ALL`.
            static SLOTS: [(&str, u32); #slot_count] = [ #slots ];
            wire_probe(wire, #seed, &BUCKETS, &SLOTS)
        }
    }
}
