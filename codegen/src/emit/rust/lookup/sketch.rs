// The filtered match's sketch, written once. Like `probe.rs`, this file is both compiled
// into errcat-codegen (`include!`, to build the filter) and emitted verbatim into every
// generated module that uses the filtered match (`include_str!`), so the filter's bits
// and the code that reads them cannot disagree. Plain, dependency-free, clippy-clean Rust.

/// A 9-bit summary of a wire string (0 to 511): its length and three of its bytes (the
/// last, the middle and the one a quarter in), mixed by one multiply. Codes that share a
/// prefix still differ in these.
#[inline]
fn wire_sketch(bytes: &[u8]) -> usize {
    let len = bytes.len();
    let byte = |at: usize| u32::from(bytes.get(at).copied().unwrap_or(0));
    let mixed = (len as u32)
        ^ (byte(len.wrapping_sub(1)) << 8)
        ^ (byte(len / 2) << 16)
        ^ (byte(len / 4) << 24);
    (mixed.wrapping_mul(0x9e37_79b9) >> 23) as usize
}
