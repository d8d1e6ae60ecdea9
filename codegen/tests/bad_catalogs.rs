//! The bad-catalog corpus: every file in `tests/bad_catalogs/*.yaml` is a small catalog
//! broken in one deliberate way (its first line says how). Each must fail validation with
//! diagnostics that point into the file and say how to fix the problem.
//!
//! - `snapshots`: the rendered diagnostics of `<stem>.yaml` must equal `<stem>.expected`
//!   byte for byte. Run with `ERRCAT_BLESS=1` to (re)write the snapshots, then review every
//!   changed `.expected` file by eye before committing it.
//! - `rules`: the set of rule names each file triggers, from the table below, so the corpus
//!   documents its intent independently of the snapshots.
//! - `file_too_large`: the one case built in memory (a 16 MiB fixture has no place in git).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use errcat_codegen::load::{self, MAX_FILE_BYTES};
use errcat_codegen::{validate, Diagnostics};

/// The corpus folder, independent of the working directory.
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad_catalogs");

/// Per corpus file (by stem), the exact set of rules its diagnostics must name.
#[rustfmt::skip]
const EXPECTED_RULES: &[(&str, &[&str])] = &[
    ("01-yaml-bad-indentation", &["yaml-syntax"]),
    ("02-yaml-unclosed-quote", &["yaml-syntax"]),
    ("03-yaml-tab-indentation", &["yaml-syntax"]),
    // Cutting the misspelt key out leaves the error without a status: a knock-on report.
    ("04-unknown-field-typo", &["unknown-field"]),
    ("05-missing-field", &["missing-field"]),
    ("06-wrong-type", &["wrong-type"]),
    ("07-unknown-value", &["unknown-value"]),
    ("08-invalid-id", &["invalid-id"]),
    ("09-keyword-id", &["keyword-id"]),
    ("10-duplicate-id", &["duplicate-id"]),
    ("11-rust-name-collision", &["rust-name-collision"]),
    ("12-duplicate-wire", &["duplicate-wire"]),
    ("13-missing-wire", &["missing-wire"]),
    ("14-status-out-of-range", &["status-out-of-range"]),
    ("15-non-error-status", &["non-error-status"]),
    ("16-duplicate-status", &["duplicate-status"]),
    ("17-incomplete-retry", &["incomplete-retry"]),
    ("18-incomplete-retry-wait", &["incomplete-retry"]),
    ("19-contradictory-retry", &["contradictory-retry"]),
    ("20-contradictory-wait-window", &["contradictory-retry"]),
    ("21-retry-contradicts-status", &["retry-contradicts-status"]),
    ("22-retry-never-on-429", &["retry-contradicts-status"]),
    ("23-unknown-body-field", &["unknown-body-field"]),
    ("24-malformed-url", &["malformed-url"]),
    ("25-unknown-placeholder", &["unknown-placeholder"]),
    ("26-bad-url-pattern", &["bad-url-pattern"]),
    ("27-unknown-type", &["unknown-type"]),
    ("28-unknown-error", &["unknown-error"]),
    ("29-example-unknown-code", &["example-unknown-code"]),
    ("30-example-mismatch", &["example-mismatch"]),
    ("31-invalid-json", &["invalid-json"]),
    ("32-empty-catalog", &["empty-catalog"]),
    ("33-bad-field-path", &["bad-field-path"]),
    ("34-duplicate-field", &["duplicate-field"]),
    ("35-duplicate-role", &["duplicate-role"]),
    ("36-missing-role", &["missing-role"]),
    ("37-field-under-scalar", &["field-under-scalar"]),
    ("38-constant-type", &["constant-type"]),
    ("39-alias-bomb", &["yaml-syntax"]),
    // All three broken errors at once, plus the knock-on of the misspelt `stauts`.
    ("40-several-structural-problems", &["unknown-field", "missing-field", "wrong-type"]),
    // The misspelt type leaves `internal` without a status; that knock-on is not reported.
    ("41-several-semantic-problems", &["keyword-id", "duplicate-id", "unknown-type", "non-error-status"]),
    ("42-structural-then-semantic", &["missing-field", "invalid-id"]),
    ("43-missing-status", &["missing-status"]),
    ("44-wire-whitespace", &["wire-whitespace"]),
    ("45-empty-wire", &["empty-wire"]),
    ("46-conditional-retry-on-error", &["incomplete-retry"]),
    ("47-unknown-top-level-field", &["unknown-field", "missing-field"]),
    ("48-duplicate-key", &["yaml-syntax"]),
    ("49-invalid-json-inline", &["invalid-json"]),
    ("50-deep-nesting", &["too-deep"]),
    ("51-crlf-line-endings", &["unknown-field", "invalid-id"]),
    ("52-byte-order-mark", &["invalid-id"]),
    ("53-empty-file", &["empty-catalog"]),
    ("54-not-utf8", &["not-utf8"]),
    ("55-nul-byte", &["nul-byte"]),
    ("56-comments-only", &["empty-catalog"]),
    // The misspelt expectation is also reported as not matching the body.
    ("57-example-expects-unknown-error", &["unknown-error"]),
    ("58-crlf-yaml-syntax", &["yaml-syntax"]),
    ("59-yaml-unclosed-quote-at-end", &["yaml-syntax"]),
    ("60-cr-line-endings", &["invalid-id"]),
    ("61-two-documents", &["yaml-syntax"]),
    ("62-number-key", &["unknown-field"]),
    ("63-retry-numbers-out-of-range", &["retry-out-of-range"]),
    ("64-unclosed-flow-sequence", &["yaml-syntax"]),
    (
        "65-real-world-shapes",
        &[
            "family-mismatch",
            "nested-list-path",
            "path-ends-in-selector",
            "bad-field-path",
            "wire-not-integer",
            "sub-code-without-field",
            "invalid-xml",
        ],
    ),
    (
        "66-classification-rules",
        &[
            "absent-means-required",
            "absent-means-unknown",
            "duplicate-status",
            "retry-contradicts-status",
            "non-error-status",
        ],
    ),
    ("67-message-at-another-status", &["example-status-mismatch"]),
    ("68-message-patterns", &["bad-message-pattern", "pattern-misses-wire"]),
    ("69-pattern-on-code-api", &["pattern-on-code-api"]),
    ("70-doc-url-transforms", &["unknown-placeholder", "malformed-url"]),
    (
        "71-header-conditions",
        &[
            "unknown-header",
            "duplicate-header-condition",
            "header-condition-on-websocket",
            "shadowed-header-condition",
        ],
    ),
    (
        "72-plain-text-statuses",
        &[
            "status-content-type",
            "code-in-plain-text",
            "code-in-plain-text",
            "example-mismatch",
        ],
    ),
    (
        "73-status-decides",
        &["status-decides-category", "status-decides-context"],
    ),
];

/// Where a diagnostic must point: cases that once pointed elsewhere (a block mapping
/// placed at its first key's colon, paths after a malformed item was cut out, libyaml's
/// context dropped, a duplicate key, JSON columns inside a block, a second document, a
/// key that is a number). (file stem, rule or `None` for any, line, column)
#[rustfmt::skip]
const EXPECTED_POSITIONS: &[(&str, Option<&str>, usize, usize)] = &[
    // A block mapping is placed at its first key's colon instead of at its first key
    // (load/positions.rs): every diagnostic anchored at a whole entry is one column off
    // or more.
    ("05-missing-field", Some("missing-field"), 20, 5),
    ("13-missing-wire", Some("missing-wire"), 18, 5),
    ("17-incomplete-retry", Some("incomplete-retry"), 24, 7),
    ("20-contradictory-wait-window", Some("contradictory-retry"), 26, 9),
    ("22-retry-never-on-429", Some("retry-contradicts-status"), 29, 5),
    ("47-unknown-top-level-field", Some("missing-field"), 2, 1),
    // After a malformed item is cut out, the validator's indices no longer match the file:
    // the bad id of the second error is shown on the first error's line.
    ("42-structural-then-semantic", Some("invalid-id"), 19, 9),
    // libyaml's context ("while scanning a quoted scalar at line 22 column 18") is cut off.
    ("59-yaml-unclosed-quote-at-end", Some("yaml-syntax"), 22, 18),
    // The duplicate key is on line 20; serde_yaml only gives the start of the mapping.
    ("48-duplicate-key", Some("yaml-syntax"), 20, 5),
    // serde_json's column counts the JSON's own indentation, which is dropped.
    ("31-invalid-json", Some("invalid-json"), 31, 9),
    // The second document starts at `---` on line 23.
    ("61-two-documents", Some("yaml-syntax"), 23, 1),
    // The offending key `400:` is on line 16.
    ("62-number-key", None, 16, 1),
    // Each parameter out of range at its own value: `factor` is on line 25.
    ("63-retry-numbers-out-of-range", Some("retry-out-of-range"), 25, 17),
    // libyaml notices the open `[` of line 8 at the next key; both places are shown.
    ("64-unclosed-flow-sequence", Some("yaml-syntax"), 9, 1),
];

fn blessing() -> bool {
    std::env::var_os("ERRCAT_BLESS").is_some_and(|v| v == "1")
}

/// The corpus files, sorted by name.
fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(CORPUS)
        .unwrap_or_else(|e| panic!("cannot read {CORPUS}: {e}"))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 30,
        "the corpus should hold at least 30 files, found {}",
        files.len()
    );
    files
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("file stem")
        .to_string_lossy()
        .into_owned()
}

/// How diagnostics name a corpus file.
fn display_path(path: &Path) -> String {
    format!(
        "tests/bad_catalogs/{}",
        path.file_name().expect("file name").to_string_lossy()
    )
}

/// Loads and validates one file, which must fail.
fn diagnose(path: &Path) -> Result<Diagnostics, String> {
    let display = display_path(path);
    let loaded = load::load_file(path, &display);
    match validate::validate(vec![loaded]) {
        Ok(_) => Err(format!("{display}: validated, but it is a bad catalog")),
        Err(diagnostics) if diagnostics.is_empty() => {
            Err(format!("{display}: validation failed with no diagnostic"))
        }
        Err(diagnostics) => Ok(diagnostics),
    }
}

/// Checks what every diagnostic must have, whatever the file.
fn check_invariants(display: &str, diagnostics: &Diagnostics, problems: &mut Vec<String>) {
    for d in &diagnostics.0 {
        let at = format!("{display}: diagnostic `{}` ({})", d.rule, d.message);
        if d.position.line < 1 || d.position.column < 1 {
            problems.push(format!(
                "{at} is at line {} column {}; both must be >= 1",
                d.position.line, d.position.column
            ));
        }
        if d.help.trim().is_empty() {
            problems.push(format!("{at} has no help"));
        }
        if d.message.trim().is_empty() {
            problems.push(format!("{at} has no message"));
        }
        if d.file != display {
            problems.push(format!("{at} names the file `{}`, not `{display}`", d.file));
        }
    }
}

/// Runs `f` for every corpus file, catching panics, and fails once with every problem.
fn for_each_file(mut f: impl FnMut(&Path, &mut Vec<String>)) {
    let mut problems = Vec::new();
    for path in corpus() {
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            let mut found = Vec::new();
            f(&path, &mut found);
            found
        }));
        match result {
            Ok(found) => problems.extend(found),
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| payload.downcast_ref::<&str>().copied())
                    .unwrap_or("(no message)");
                problems.push(format!("{}: panicked: {message}", display_path(&path)));
            }
        }
    }
    if !problems.is_empty() {
        panic!(
            "{} problem(s) in the bad-catalog corpus:\n\n{}",
            problems.len(),
            problems.join("\n\n")
        );
    }
}

/// A line diff (longest common subsequence), `-` expected, `+` actual, with context.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.split('\n').collect();
    let b: Vec<&str> = actual.split('\n').collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut lines = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            lines.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            lines.push(('-', a[i]));
            i += 1;
        } else {
            lines.push(('+', b[j]));
            j += 1;
        }
    }
    // Show changed lines with two lines of context around them.
    let changed: Vec<usize> = (0..lines.len()).filter(|&k| lines[k].0 != ' ').collect();
    let mut out = String::new();
    let mut last_shown: Option<usize> = None;
    for (k, (tag, line)) in lines.iter().enumerate() {
        let near = changed.iter().any(|&c| c.abs_diff(k) <= 2);
        if !near {
            continue;
        }
        if last_shown.is_some_and(|l| l + 1 != k) {
            out.push_str("   ...\n");
        }
        let _ = writeln!(out, "{tag}  {}", line.replace('\r', "\\r"));
        last_shown = Some(k);
    }
    out
}

#[test]
fn snapshots() {
    let bless = blessing();
    let mut stems = BTreeSet::new();
    for_each_file(|path, problems| {
        let display = display_path(path);
        stems.insert(stem(path));
        let diagnostics = match diagnose(path) {
            Ok(d) => d,
            Err(problem) => {
                problems.push(problem);
                return;
            }
        };
        check_invariants(&display, &diagnostics, problems);
        let actual = format!("{diagnostics}\n");
        let snapshot = path.with_extension("expected");
        let snapshot_name = display.replace(".yaml", ".expected");
        if bless {
            fs::write(&snapshot, &actual)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", snapshot.display()));
            return;
        }
        match fs::read(&snapshot) {
            Err(_) => problems.push(format!(
                "{snapshot_name} is missing; the output for {display} is:\n\n{actual}\n\
                 rerun with ERRCAT_BLESS=1 to create it, then review it"
            )),
            Ok(expected) if expected != actual.as_bytes() => {
                let expected = String::from_utf8_lossy(&expected);
                problems.push(format!(
                    "{snapshot_name} differs from the output for {display} (- snapshot, + output):\n{}\
                     rerun with ERRCAT_BLESS=1 to accept the output, then review the change",
                    diff(&expected, &actual)
                ));
            }
            Ok(_) => {}
        }
    });
    // A snapshot without its catalog is stale.
    let orphans: Vec<String> = fs::read_dir(CORPUS)
        .expect("corpus folder")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "expected"))
        .filter(|p| !stems.contains(&stem(p)))
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        orphans.is_empty(),
        "snapshots without a .yaml file (delete them): {orphans:?}"
    );
}

#[test]
fn rules() {
    let table: BTreeSet<&str> = EXPECTED_RULES.iter().map(|(stem, _)| *stem).collect();
    assert_eq!(
        table.len(),
        EXPECTED_RULES.len(),
        "EXPECTED_RULES names a file twice"
    );
    let mut seen = BTreeSet::new();
    for_each_file(|path, problems| {
        let display = display_path(path);
        let stem = stem(path);
        seen.insert(stem.clone());
        // Every file says what is wrong with it on its first line (an empty file cannot).
        let bytes = fs::read(path).expect("corpus file");
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        if !text.is_empty() && !text.starts_with("# ") {
            problems.push(format!(
                "{display} does not start with a `# ` comment saying what is wrong"
            ));
        }
        let Some((_, expected)) = EXPECTED_RULES.iter().find(|(s, _)| *s == stem) else {
            problems.push(format!("{display} has no entry in EXPECTED_RULES"));
            return;
        };
        let diagnostics = match diagnose(path) {
            Ok(d) => d,
            Err(problem) => {
                problems.push(problem);
                return;
            }
        };
        check_invariants(&display, &diagnostics, problems);
        let expected: BTreeSet<&str> = expected.iter().copied().collect();
        let actual: BTreeSet<&str> = diagnostics.0.iter().map(|d| d.rule).collect();
        if expected != actual {
            problems.push(format!(
                "{display}: expected the rules {expected:?}, got {actual:?}:\n{diagnostics}"
            ));
        }
    });
    let missing: Vec<&&str> = table.iter().filter(|s| !seen.contains(**s)).collect();
    assert!(
        missing.is_empty(),
        "EXPECTED_RULES names files that are not in the corpus: {missing:?}"
    );
}

/// Every rule the validator documents is exercised by at least one corpus file.
#[test]
fn corpus_covers_every_rule() {
    #[rustfmt::skip]
    const RULES: &[&str] = &[
        "yaml-syntax",
        "unknown-field",
        "missing-field",
        "wrong-type",
        "unknown-value",
        "invalid-id",
        "keyword-id",
        "duplicate-id",
        "rust-name-collision",
        "duplicate-wire",
        "missing-wire",
        "status-out-of-range",
        "non-error-status",
        "duplicate-status",
        "incomplete-retry",
        "contradictory-retry",
        "retry-contradicts-status",
        "unknown-body-field",
        "malformed-url",
        "unknown-placeholder",
        "bad-url-pattern",
        "unknown-type",
        "unknown-error",
        "example-unknown-code",
        "example-mismatch",
        "invalid-json",
        "empty-catalog",
        "bad-field-path",
        "duplicate-field",
        "duplicate-role",
        "missing-role",
        "field-under-scalar",
        "constant-type",
        "not-utf8",
        "nul-byte",
        "missing-status",
        "wire-whitespace",
        "empty-wire",
    ];
    let covered: BTreeSet<&str> = EXPECTED_RULES
        .iter()
        .flat_map(|(_, rules)| rules.iter().copied())
        .collect();
    let uncovered: Vec<&&str> = RULES.iter().filter(|r| !covered.contains(**r)).collect();
    // file-too-large is covered by `file_too_large` below.
    assert!(uncovered.is_empty(), "no corpus file covers {uncovered:?}");
}

/// The corpus files whose point is their bytes still hold those bytes (an editor or a git
/// `autocrlf` setting could silently "fix" them).
#[test]
fn special_bytes_are_intact() {
    let read = |name: &str| fs::read(Path::new(CORPUS).join(name)).expect(name);
    let crlf = read("51-crlf-line-endings.yaml");
    assert!(
        crlf.windows(2).filter(|w| w == b"\r\n").count() > 10
            && !crlf
                .iter()
                .enumerate()
                .any(|(i, &b)| b == b'\n' && (i == 0 || crlf[i - 1] != b'\r')),
        "51-crlf-line-endings.yaml must use CRLF line endings throughout"
    );
    assert!(read("52-byte-order-mark.yaml").starts_with("\u{feff}#".as_bytes()));
    assert!(read("53-empty-file.yaml").is_empty());
    assert!(std::str::from_utf8(&read("54-not-utf8.yaml")).is_err());
    assert!(read("55-nul-byte.yaml").contains(&0));
    let crlf = read("58-crlf-yaml-syntax.yaml");
    assert_eq!(
        crlf.iter().filter(|&&b| b == b'\n').count(),
        crlf.windows(2).filter(|w| w == b"\r\n").count(),
        "58-crlf-yaml-syntax.yaml must use CRLF line endings throughout"
    );
    let cr = read("60-cr-line-endings.yaml");
    assert!(
        !cr.contains(&b'\n') && cr.contains(&b'\r'),
        "60-cr-line-endings.yaml must use lone CR line endings"
    );
}

/// Every diagnostic in EXPECTED_POSITIONS points where the mistake is, and every
/// diagnostic shows its source line whatever the line endings.
#[test]
fn diagnostics_point_at_the_mistake() {
    let mut problems = Vec::new();
    for &(stem, rule, line, column) in EXPECTED_POSITIONS {
        let path = Path::new(CORPUS).join(format!("{stem}.yaml"));
        let diagnostics = diagnose(&path).unwrap_or_else(|p| panic!("{p}"));
        let found = diagnostics.0.iter().any(|d| {
            rule.is_none_or(|r| r == d.rule)
                && (d.position.line, d.position.column) == (line, column)
        });
        if !found {
            let got: Vec<String> = diagnostics
                .0
                .iter()
                .map(|d| format!("{} at {}:{}", d.rule, d.position.line, d.position.column))
                .collect();
            problems.push(format!(
                "{stem}: expected {} at {line}:{column}, got {got:?}",
                rule.unwrap_or("a diagnostic")
            ));
        }
    }
    // Every diagnostic inside the file shows its source line, whatever the line endings.
    let path = Path::new(CORPUS).join("60-cr-line-endings.yaml");
    for d in &diagnose(&path).unwrap_or_else(|p| panic!("{p}")).0 {
        if d.source_line.is_none() {
            problems.push(format!(
                "60-cr-line-endings: `{}` has no source line",
                d.rule
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A file over the size limit, built in memory: refused before parsing, at 1:1.
#[test]
fn file_too_large() {
    let display = "tests/bad_catalogs/too-large.yaml";
    let mut bytes = b"# file-too-large: one byte over the limit\n".to_vec();
    bytes.resize(MAX_FILE_BYTES + 1, b' ');
    let loaded = load::load_bytes(display, &bytes);
    let diagnostics = validate::validate(vec![loaded]).expect_err("an oversized file must fail");
    let mut problems = Vec::new();
    check_invariants(display, &diagnostics, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(diagnostics.len(), 1, "{diagnostics}");
    let d = &diagnostics.0[0];
    assert_eq!(d.rule, "file-too-large");
    assert_eq!((d.position.line, d.position.column), (1, 1));
    assert_eq!(
        diagnostics.to_string(),
        [
            format!(
                "error[file-too-large]: the file is larger than the {MAX_FILE_BYTES}-byte limit for catalogs"
            ),
            format!(" --> {display}:1:1"),
            "  = help: split the API into a smaller catalog, or check that this is the right file".to_owned(),
            String::new(),
            "error: the catalog has 1 problem".to_owned(),
        ]
        .join("\n")
    );
}
