//! Synthetic catalogs for benchmarks and tests: seeded, deterministic, any size.
//!
//! [`Synthetic::new`] makes a catalog of `n` errors whose codes look like real ones
//! (10 to 39 characters of snake_case, sharing prefixes such as `invalid_session_...`),
//! with valid statuses, status rows, retry rules (some on the status row, some on the
//! error), doc URLs and two example bodies, plus a set of *misses*: more codes from the
//! same generator that are not in the catalog. The same seed always gives the same text,
//! on every platform; no `rand` dependency is involved (a splitmix64 stream is enough).
//!
//! ```
//! use errcat_codegen::synthetic::Synthetic;
//!
//! let synthetic = Synthetic::new("synth", 300, 42).with_misses(100);
//! assert_eq!(synthetic.codes.len(), 300);
//! assert_eq!(synthetic.misses.len(), 100);
//! let catalog = synthetic.catalog().expect("synthetic catalogs validate");
//! assert_eq!(catalog.apis[0].errors.len(), 300);
//! ```

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::diagnostic::Diagnostics;
use crate::model::Catalog;

/// splitmix64: a tiny, well-mixed, seedable stream of `u64`s.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A stream starting from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A value in `0..n` (`n > 0`), without modulo bias worth caring about here.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The first word of a code: few, so that many codes share a prefix.
const HEADS: &[&str] = &[
    "invalid",
    "missing",
    "session",
    "provider",
    "recording",
    "webhook",
    "account",
    "request",
];

/// The second word: the prefixes `invalid_session_`, `provider_call_`, ... recur often.
const SECONDS: &[&str] = &[
    "api", "auth", "call", "field", "token", "session", "language", "payment", "upload", "stream",
    "agent", "voice", "media", "batch", "quota", "region",
];

/// Further words.
const TAILS: &[&str] = &[
    "key",
    "value",
    "format",
    "limit",
    "exceeded",
    "expired",
    "revoked",
    "not",
    "found",
    "already",
    "ended",
    "active",
    "ready",
    "complete",
    "failed",
    "timeout",
    "denied",
    "unsupported",
    "conflict",
    "locked",
    "pending",
    "closed",
    "rejected",
    "duplicate",
    "too",
    "large",
    "small",
    "long",
    "short",
    "empty",
    "malformed",
    "unknown",
    "blocked",
    "suspended",
    "disabled",
    "unavailable",
    "busy",
    "mismatch",
    "signature",
    "header",
    "body",
    "param",
    "id",
    "code",
    "mode",
    "state",
    "version",
    "scope",
];

/// The statuses a synthetic catalog uses, with their reason phrases.
const STATUSES: &[(u16, &str)] = &[
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (409, "Conflict"),
    (422, "Unprocessable Entity"),
    (429, "Too Many Requests"),
    (500, "Internal Server Error"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
];

/// Shortest and longest generated code, in bytes.
pub const CODE_LENGTHS: std::ops::RangeInclusive<usize> = 10..=39;

/// An endless stream of distinct synthetic codes (10 to 39 bytes of snake_case, shared
/// prefixes, distinct Rust variant names). The catalog takes the first `n`; the misses
/// are the ones after.
#[derive(Debug, Clone)]
pub struct CodeStream {
    rng: SplitMix64,
    seen: HashSet<String>,
    seen_variants: HashSet<String>,
}

impl CodeStream {
    /// A stream seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        CodeStream {
            rng: SplitMix64::new(seed),
            seen: HashSet::new(),
            seen_variants: HashSet::new(),
        }
    }

    fn candidate(&mut self) -> String {
        let head = *self.rng.pick::<&str>(HEADS);
        let second = *self.rng.pick::<&str>(SECONDS);
        let mut code = format!("{head}_{second}");
        let words = 1 + self.rng.below(4);
        for _ in 0..words {
            let tail = *self.rng.pick::<&str>(TAILS);
            code.push('_');
            code.push_str(tail);
        }
        code
    }
}

impl Iterator for CodeStream {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        loop {
            let code = self.candidate();
            if !CODE_LENGTHS.contains(&code.len()) {
                continue;
            }
            let variant = heck::ToUpperCamelCase::to_upper_camel_case(code.as_str());
            if self.seen.contains(&code) || self.seen_variants.contains(&variant) {
                continue;
            }
            self.seen.insert(code.clone());
            self.seen_variants.insert(variant);
            return Some(code);
        }
    }
}

/// A synthetic catalog: its YAML text, its codes in catalog order, and codes it lacks.
#[derive(Debug, Clone)]
pub struct Synthetic {
    /// The API id (also the generated module's name).
    pub api_id: String,
    /// The codes, in catalog order (the order of `ErrorCode::ALL`).
    pub codes: Vec<String>,
    /// The HTTP status of each code, by position.
    pub statuses: Vec<u16>,
    /// Codes from the same generator that the catalog does not have.
    pub misses: Vec<String>,
    /// The catalog file's text.
    pub yaml: String,
    seed: u64,
}

impl Synthetic {
    /// A catalog named `api_id` with `codes` errors (at least one), from `seed`; 1,024
    /// misses (change with [`Synthetic::with_misses`]).
    pub fn new(api_id: &str, codes: usize, seed: u64) -> Self {
        let codes = codes.max(1);
        let mut stream = CodeStream::new(seed);
        let mut rng = SplitMix64::new(seed ^ 0x5eed_5eed_5eed_5eed);
        let wires: Vec<String> = stream.by_ref().take(codes).collect();
        let statuses: Vec<u16> = wires.iter().map(|_| rng.pick(STATUSES).0).collect();
        let misses = stream.take(1024).collect();
        let yaml = yaml(api_id, &wires, &statuses, &mut rng);
        Synthetic {
            api_id: api_id.to_owned(),
            codes: wires,
            statuses,
            misses,
            yaml,
            seed,
        }
    }

    /// The same catalog with `count` misses instead.
    pub fn with_misses(mut self, count: usize) -> Self {
        let mut stream = CodeStream::new(self.seed);
        self.misses = stream.by_ref().skip(self.codes.len()).take(count).collect();
        self
    }

    /// The display path used in diagnostics and headers.
    pub fn path(&self) -> String {
        format!("synthetic/{}.yaml", self.api_id)
    }

    /// Loads and validates the text, as `Builder::load` does with a file.
    pub fn catalog(&self) -> Result<Catalog, Diagnostics> {
        crate::validate::validate(vec![crate::load::load_str(&self.path(), &self.yaml)])
    }
}

fn retry_row(status: u16) -> &'static str {
    match status {
        429 => {
            "    retry:\n      rule: retry_after\n      advice: \"Wait as long as Retry-After says.\"\n      header: Retry-After\n"
        }
        503 => {
            "    retry:\n      rule: retry_after\n      header: Retry-After\n      backoff: {}\n"
        }
        500 | 502 => {
            "    retry:\n      rule: backoff\n      backoff:\n        initial_ms: 500\n        factor: 2\n        max_attempts: 4\n"
        }
        _ => "    retry:\n      rule: never\n      advice: \"Fix the request first.\"\n",
    }
}

fn retry_own(status: u16) -> &'static str {
    match status {
        429 => "    retry:\n      rule: wait\n      wait: { min_seconds: 30, max_seconds: 60 }\n",
        500..=599 => "    retry:\n      rule: backoff\n      backoff: {}\n",
        _ => "    retry:\n      rule: never\n      advice: \"Do not retry this one.\"\n",
    }
}

fn yaml(api_id: &str, codes: &[String], statuses: &[u16], rng: &mut SplitMix64) -> String {
    let mut out = String::with_capacity(200 * codes.len() + 2_000);
    let _ = write!(
        out,
        "# A synthetic catalog made by errcat_codegen::synthetic; not a real API.\n\
         api:\n  id: {api_id}\n  name: Synthetic {api_id}\n  \
         description: \"A generated catalog of {n} errors for benchmarks and tests.\"\n  \
         doc_url: \"https://docs.synthetic.example/errors#{{code}}\"\n\
         envelope:\n  family: nested_object\n  fields:\n    \
         - {{ path: error.code, type: string, role: code, required: true }}\n    \
         - {{ path: error.message, type: string, role: message, required: true }}\n\
         headers:\n  - name: Retry-After\n    role: retry_after\n    format: delay_seconds\n\
         statuses:\n",
        n = codes.len()
    );
    for (status, name) in STATUSES {
        let _ = write!(out, "  - status: {status}\n    name: {name}\n");
        out.push_str(retry_row(*status));
    }
    out.push_str("errors:\n");
    for (i, (code, status)) in codes.iter().zip(statuses).enumerate() {
        let _ = write!(
            out,
            "  - id: {code}\n    status: {status}\n    description: \"Synthetic error {i}: {}.\"\n",
            code.replace('_', " ")
        );
        if rng.below(4) == 0 {
            let _ = writeln!(
                out,
                "    message: \"The {} failed.\"",
                code.replace('_', " ")
            );
        }
        if rng.below(5) == 0 {
            out.push_str(retry_own(*status));
        }
    }
    out.push_str("examples:\n");
    for (i, (code, status)) in codes.iter().zip(statuses).take(2).enumerate() {
        let _ = write!(
            out,
            "  - name: example_{i}\n    status: {status}\n    body: |\n      \
             {{\"error\": {{\"code\": \"{code}\", \"message\": \"synthetic\"}}}}\n    \
             expect: {code}\n"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_valid() {
        let a = Synthetic::new("synth", 500, 7);
        let b = Synthetic::new("synth", 500, 7);
        assert_eq!(a.yaml, b.yaml);
        assert_eq!(a.misses, b.misses);
        let catalog = a
            .catalog()
            .unwrap_or_else(|d| panic!("synthetic catalog invalid:\n{d}"));
        let api = &catalog.apis[0];
        assert_eq!(api.errors.len(), 500);
        let wires: Vec<&str> = api.errors.iter().map(|e| e.wire.as_str()).collect();
        assert_eq!(
            wires,
            a.codes.iter().map(String::as_str).collect::<Vec<_>>()
        );
        let codes: HashSet<&String> = a.codes.iter().collect();
        assert!(a.misses.iter().all(|m| !codes.contains(m)));
        assert!(a
            .codes
            .iter()
            .chain(&a.misses)
            .all(|c| CODE_LENGTHS.contains(&c.len())));
        assert_eq!(a.with_misses(10).misses, b.misses[..10]);
    }
}
