// Shared by build.rs (`include!`) and the library (`pub mod params`): what the build
// script generates and what the benchmarks and tests look up must agree.

/// Catalog sizes at which `from_wire` strategies are compared. 10, 100, 1,000 and 10,000
/// are the sizes; 40 and 150 are the thresholds (`FILTERED_MATCH_FROM`,
/// `PERFECT_HASH_FROM`), and 50, 75 and 200 the crossovers around them.
pub const LOOKUP_SIZES: &[usize] = &[10, 40, 50, 75, 100, 150, 200, 1_000, 10_000];

/// Lookups per benchmark iteration; results are reported per lookup.
pub const BATCH: usize = 1024;

/// The seed of the synthetic catalog of `size` codes.
pub const fn seed(size: usize) -> u64 {
    0x00e4_4ca7_0000_0000 ^ size as u64
}

/// The API id of every synthetic catalog (each is wrapped in its own module).
pub const SYNTHETIC_API: &str = "synth";

/// Synthetic sizes the end-to-end test compiles with every strategy (small: compile time).
pub const END_TO_END_SIZES: &[usize] = &[1, 2, 10, 300, 1_000];
