//! The perfect hash, computed at generation time ("hash and displace", in the manner of
//! CHD and PTHash): keys are hashed into buckets of about [`KEYS_PER_BUCKET`]; buckets are
//! placed largest first, each with the first odd multiplier that sends all its keys to
//! free slots of a table slightly larger than the key set. The generated code holds the
//! seed, one `u64` per bucket (multiplier and a small filter that rejects most misses
//! before the slot is read) and the slot table, as static arrays; at run time a lookup is
//! one hash, two array reads and one string comparison, with nothing to initialise.
//!
//! The seed also picks the hash's mix for keys of 8 to 40 bytes (`wire_hash` in
//! `probe.rs`): an even seed the fast one (one multiply), which nearly every key set
//! gets, an odd seed the strong one (three multiplies), for the key sets the fast mix
//! cannot separate.

// The probe (`wire_hash`, `wire_probe`): the same source is emitted into generated code.
include!("probe.rs");

/// The probe's source text, as emitted into generated modules.
pub const PROBE_SOURCE: &str = include_str!("probe.rs");

/// Average keys per bucket: more means a smaller bucket array but a weaker filter.
pub const KEYS_PER_BUCKET: usize = 3;

/// At least `1 / SLACK` of the slots stay free, so that the last buckets placed still
/// find free slots quickly.
pub const SLACK: usize = 16;

/// A perfect hash of a set of distinct wire strings: the tables generated code embeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerfectHash {
    /// The hash seed; its lowest bit picks the hash's mix (even: fast, odd: strong).
    pub seed: u64,
    /// Per bucket: filter bits (high 32) and the odd multiplier (low 32).
    pub buckets: Vec<u64>,
    /// Per slot: the index of the key there, or `None` for an empty slot.
    pub slots: Vec<Option<u32>>,
}

/// The multiplier tried `attempt`-th for a bucket: odd, and distinct for every attempt
/// below 2^31 (an odd constant times an odd number is odd, and invertible mod 2^32).
fn multiplier(attempt: u32) -> u32 {
    attempt
        .wrapping_mul(2)
        .wrapping_add(1)
        .wrapping_mul(0x9e37_79b9)
}

fn slot_of(hash: u64, multiplier: u32, slots: usize) -> usize {
    ((u64::from((hash as u32).wrapping_mul(multiplier)) * slots as u64) >> 32) as usize
}

fn bucket_of(hash: u64, buckets: usize) -> usize {
    ((u128::from(hash) * buckets as u128) >> 64) as usize
}

fn filter_bit(hash: u64) -> u64 {
    1 << (32 + ((hash >> 16) & 31))
}

/// How many even seeds (`wire_hash`'s fast mix) are tried before odd ones (the strong
/// mix). A seed fails mostly when two keys of one bucket agree on the low 32 bits of their
/// hash: about one chance in 2^32 per pair of keys in a bucket with either mix, unless the
/// fast mix collides on two keys whatever the seed, which only the strong mix resolves.
pub const FAST_SEEDS: u64 = 8;

/// The seeds tried in turn (splitmix64 of the attempt number): deterministic output.
/// Even for the first [`FAST_SEEDS`] attempts, odd after.
fn seed(attempt: u64) -> u64 {
    let mut z = attempt.wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    if attempt < FAST_SEEDS {
        z & !1
    } else {
        z | 1
    }
}

/// The bucket and slot counts for `n` keys: powers of two (reductions become shifts),
/// about [`KEYS_PER_BUCKET`] keys per bucket, and at least 1/[`SLACK`] of slots free.
pub fn sizes(n: usize) -> (usize, usize) {
    let buckets = n.div_ceil(KEYS_PER_BUCKET).next_power_of_two();
    let mut slots = n.next_power_of_two();
    if n > slots - slots / SLACK {
        slots *= 2;
    }
    (buckets, slots)
}

impl PerfectHash {
    /// Computes the tables for `wires`, which must be distinct (validation guarantees it
    /// for a catalog). Deterministic: the same keys always give the same tables.
    ///
    /// # Panics
    ///
    /// If `wires` is empty or holds a duplicate, or has more than `u32::MAX` keys.
    pub fn build(wires: &[&str]) -> PerfectHash {
        assert!(!wires.is_empty(), "a perfect hash needs at least one key");
        assert!(u32::try_from(wires.len()).is_ok(), "too many keys");
        let mut sorted: Vec<&str> = wires.to_vec();
        sorted.sort_unstable();
        assert!(
            sorted.windows(2).all(|w| w[0] != w[1]),
            "perfect hash keys must be distinct"
        );
        (0..)
            .find_map(|attempt| Self::try_build(wires, seed(attempt)))
            .expect("some seed works")
    }

    fn try_build(wires: &[&str], seed: u64) -> Option<PerfectHash> {
        let n = wires.len();
        let (bucket_count, slot_count) = sizes(n);
        let hashes: Vec<u64> = wires
            .iter()
            .map(|w| wire_hash(w.as_bytes(), seed))
            .collect();
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); bucket_count];
        for (key, hash) in hashes.iter().enumerate() {
            members[bucket_of(*hash, bucket_count)].push(key as u32);
        }
        // Largest buckets first, ties by bucket number: deterministic.
        let mut order: Vec<usize> = (0..bucket_count).collect();
        order.sort_by_key(|&b| (std::cmp::Reverse(members[b].len()), b));
        let mut buckets = vec![0u64; bucket_count];
        let mut slots: Vec<Option<u32>> = vec![None; slot_count];
        let mut targets: Vec<usize> = Vec::new();
        for bucket in order {
            let keys = &members[bucket];
            if keys.is_empty() {
                break;
            }
            // Keys of one bucket that agree on the low 32 bits can never be separated.
            let mut low: Vec<u32> = keys.iter().map(|&k| hashes[k as usize] as u32).collect();
            low.sort_unstable();
            if low.windows(2).any(|w| w[0] == w[1]) {
                return None;
            }
            let filter = keys
                .iter()
                .fold(0u64, |f, &k| f | filter_bit(hashes[k as usize]));
            let found = (0..1u32 << 24).find(|&attempt| {
                let m = multiplier(attempt);
                targets.clear();
                for &k in keys {
                    let slot = slot_of(hashes[k as usize], m, slot_count);
                    if slots[slot].is_some() || targets.contains(&slot) {
                        return false;
                    }
                    targets.push(slot);
                }
                true
            })?;
            for (&k, &slot) in keys.iter().zip(&targets) {
                slots[slot] = Some(k);
            }
            buckets[bucket] = filter | u64::from(multiplier(found));
        }
        Some(PerfectHash {
            seed,
            buckets,
            slots,
        })
    }

    /// The slot table as generated code holds it: `(wire, index)` per slot, an empty slot
    /// holding the first key (which a string hashing to that slot can never equal).
    pub fn slot_table<'a>(&self, wires: &[&'a str]) -> Vec<(&'a str, u32)> {
        self.slots
            .iter()
            .map(|slot| {
                let index = slot.unwrap_or(0);
                (wires[index as usize], index)
            })
            .collect()
    }

    /// Looks `wire` up exactly as the generated code does, over the same tables.
    pub fn find(&self, slot_table: &[(&str, u32)], wire: &str) -> Option<usize> {
        wire_probe(wire, self.seed, &self.buckets, slot_table)
    }

    /// errcat's wire hash, as the generated code computes it.
    pub fn hash(bytes: &[u8], seed: u64) -> u64 {
        wire_hash(bytes, seed)
    }
}
