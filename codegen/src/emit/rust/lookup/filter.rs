//! The filtered match: a `match` on the string behind a 512-bit filter with one bit set
//! per documented code's sketch (`sketch.rs`). A miss whose bit is clear, most of them
//! for mid-sized catalogs, costs one sketch and one bit test instead of the string
//! comparisons a `match` makes among the codes of the same length; a hit pays the sketch
//! on top of the `match`.

// The sketch (`wire_sketch`): the same source is emitted into generated code.
include!("sketch.rs");

/// The sketch source, emitted verbatim into generated code.
pub const SKETCH_SOURCE: &str = include_str!("sketch.rs");

/// The filter's size in 64-bit words (512 bits: a 9-bit sketch).
pub const FILTER_WORDS: usize = 8;

/// The filter of `wires`: bit `wire_sketch(w)` set for each.
pub fn filter_words(wires: &[&str]) -> [u64; FILTER_WORDS] {
    let mut words = [0u64; FILTER_WORDS];
    for wire in wires {
        let bit = sketch(wire);
        words[bit / 64] |= 1 << (bit % 64);
    }
    words
}

/// The sketch of `wire`, as generated code computes it.
pub fn sketch(wire: &str) -> usize {
    wire_sketch(wire.as_bytes())
}

/// Whether `filter` lets `wire` through to the `match`, as generated code decides.
pub fn passes(filter: &[u64; FILTER_WORDS], wire: &str) -> bool {
    let bit = sketch(wire);
    (filter[bit / 64] >> (bit % 64)) & 1 == 1
}
