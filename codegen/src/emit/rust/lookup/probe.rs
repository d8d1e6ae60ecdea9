// The perfect-hash probe, written once. This file is both compiled into errcat-codegen
// (`include!`, to build and check the tables) and emitted verbatim into every generated
// module that uses the perfect hash (`include_str!`, parsed into tokens), so the hash
// the tables were computed with and the hash the generated code runs are the same text.
// It must therefore stay plain, dependency-free, clippy-clean Rust.

/// Eight bytes of `bytes` from `at`, little-endian.
#[inline]
fn wire_word(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The 64x64->128-bit product of `a` and `b`, folded to 64 bits.
#[inline]
fn wire_fold(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

/// errcat's wire hash: folded multiplies over every byte (wyhash style). From 8 to 40
/// bytes (typical codes) it reads five overlapping words without a branch on the length;
/// other lengths take `wire_hash_any`.
///
/// From 8 to 40 bytes the seed's lowest bit picks one of two mixes, and the generated
/// code passes a constant seed, so only one is compiled into a lookup:
///
/// - even seed: the fast mix, a single 64x64->128-bit multiply of two lanes that XOR the
///   five words together, rotated (no two rotations of a lane a multiple of 8 bits apart,
///   so the copies of a changed byte cannot cancel out). Two keys can still agree on both
///   lanes whatever the seed; `PerfectHash::build` then gives up on even seeds;
/// - odd seed: the strong mix, three multiplies with the seed in each.
#[inline]
fn wire_hash(bytes: &[u8], seed: u64) -> u64 {
    const K0: u64 = 0xa076_1d64_78bd_642f;
    const K1: u64 = 0xe703_7ed1_a0b4_28db;
    const K2: u64 = 0x8ebc_6af0_9c88_c6e3;
    let len = bytes.len();
    if !(8..=40).contains(&len) {
        return wire_hash_any(bytes, seed);
    }
    let strong = seed & 1 == 1;
    let seed = seed ^ len as u64;
    let last = len - 8;
    let w0 = wire_word(bytes, 0);
    let w1 = wire_word(bytes, last.min(8));
    let w2 = wire_word(bytes, last.min(16));
    let w3 = wire_word(bytes, last.min(24));
    let w4 = wire_word(bytes, last);
    if !strong {
        return wire_fold(
            w0 ^ w2.rotate_left(21) ^ seed,
            w1 ^ w3.rotate_left(43) ^ w4.rotate_left(13) ^ K1,
        );
    }
    let a = wire_fold(w0 ^ K1, w1 ^ seed);
    let b = wire_fold(w2 ^ K2, w3 ^ seed);
    a ^ b ^ wire_fold(w4 ^ K0, seed ^ K2)
}

/// `wire_hash` of strings shorter than 8 or longer than 40 bytes: out of line, so that
/// the common case stays small.
#[cold]
#[inline(never)]
fn wire_hash_any(bytes: &[u8], seed: u64) -> u64 {
    const K0: u64 = 0xa076_1d64_78bd_642f;
    const K1: u64 = 0xe703_7ed1_a0b4_28db;
    let len = bytes.len();
    let mut seed = seed ^ (len as u64).wrapping_mul(K0);
    let (a, b) = if len < 8 {
        if len >= 4 {
            let mut half = [0u8; 4];
            half.copy_from_slice(&bytes[..4]);
            let first = u64::from(u32::from_le_bytes(half));
            half.copy_from_slice(&bytes[len - 4..]);
            (first, u64::from(u32::from_le_bytes(half)))
        } else if len > 0 {
            let spread = (u64::from(bytes[0]) << 16) | (u64::from(bytes[len / 2]) << 8);
            (spread | u64::from(bytes[len - 1]), 0)
        } else {
            (0, 0)
        }
    } else {
        let mut at = 0;
        while len - at > 16 {
            seed = wire_fold(wire_word(bytes, at) ^ K1, wire_word(bytes, at + 8) ^ seed);
            at += 16;
        }
        (wire_word(bytes, len - 16), wire_word(bytes, len - 8))
    };
    wire_fold(a ^ seed ^ K1, b ^ seed.rotate_left(32) ^ K0)
}

/// Whether `a` and `b` are the same bytes; from 8 to 40 bytes, five word comparisons
/// (the words the hash reads) instead of a call to `memcmp`.
#[inline]
fn wire_eq(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if !(8..=40).contains(&len) {
        return a == b;
    }
    let last = len - 8;
    let differ = |at: usize| wire_word(a, at) ^ wire_word(b, at);
    (differ(0) | differ(last.min(8)) | differ(last.min(16)) | differ(last.min(24)) | differ(last))
        == 0
}

/// The index of `wire` in a perfect-hash table, if it is there.
///
/// `buckets[b]` holds, for the keys whose hash falls in bucket `b`, a 32-bit filter (one
/// bit per key, high half) and an odd multiplier (low half) that sends each of them to
/// its own slot; `slots[s]` holds the key in slot `s` and its index. Empty slots hold some
/// other key, which a string that hashes there can never equal. Both tables have a power
/// of two length, so the reductions below compile to shifts.
#[inline]
fn wire_probe(wire: &str, seed: u64, buckets: &[u64], slots: &[(&str, u32)]) -> Option<usize> {
    let hash = wire_hash(wire.as_bytes(), seed);
    let bucket = buckets[((u128::from(hash) * buckets.len() as u128) >> 64) as usize];
    if (bucket >> (32 + ((hash >> 16) & 31))) & 1 == 0 {
        return None;
    }
    let mixed = (hash as u32).wrapping_mul(bucket as u32);
    let (key, index) = slots[((u64::from(mixed) * slots.len() as u64) >> 32) as usize];
    if wire_eq(key.as_bytes(), wire.as_bytes()) {
        Some(index as usize)
    } else {
        None
    }
}
