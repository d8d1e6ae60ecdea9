//! No lost work on disk: what `errcat generate` and `errcat check` promise about the
//! output folder, tested with the real binary on scratch copies of `catalog/` and
//! `generated/`. (cli.rs covers the basics: a hand-written `kallglot.rs` is refused, a
//! broken YAML file writes nothing, stale generated files go and others stay.)
//!
//! - writes are atomic: no temporary file is left behind, a reader never sees half a file,
//!   and unchanged files are not rewritten (their mtimes stay);
//! - a file without the `@generated` header is never overwritten or deleted, wherever it
//!   is (a subfolder, a stale name, the header pushed out of its window), and the refusal
//!   comes before any other file is written;
//! - a failed validation leaves the output folder as it was, byte for byte and mtime for
//!   mtime;
//! - two runs at once both succeed and leave correct output;
//! - an output folder that cannot be written, or a full disk, gives a clear error, a
//!   non-zero exit and no half-written file;
//! - `errcat check` never writes, whatever the state of the folder.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

mod common;
use common::{errcat, repo, text};

/// A scratch copy of `catalog/` and `generated/`, brought up to date (the repository's
/// own copy may be mid-change while the generator is being worked on).
fn scratch() -> tempfile::TempDir {
    let dir = common::scratch();
    let out = errcat(dir.path(), &["generate"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the scratch copy generates: {}",
        text(&out.stderr)
    );
    dir
}

/// What is on disk under a folder: every entry (hidden ones included) with its kind,
/// contents, permissions and modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    kind: &'static str,
    contents: Vec<u8>,
    mode: u32,
    modified: SystemTime,
}

fn state(dir: &Path) -> BTreeMap<String, Entry> {
    use std::os::unix::fs::PermissionsExt as _;
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Entry>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let name = format!("{prefix}{}", path.file_name().unwrap().to_string_lossy());
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let (kind, contents) = if meta.is_dir() {
                ("dir", Vec::new())
            } else if meta.file_type().is_symlink() {
                ("symlink", Vec::new())
            } else {
                ("file", std::fs::read(&path).unwrap())
            };
            out.insert(
                name.clone(),
                Entry {
                    kind,
                    contents,
                    mode: meta.permissions().mode(),
                    modified: meta.modified().unwrap(),
                },
            );
            if meta.is_dir() {
                walk(&path, &format!("{name}/"), out);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

/// Names of the entries that differ between two states.
fn differences(before: &BTreeMap<String, Entry>, after: &BTreeMap<String, Entry>) -> Vec<String> {
    let mut names: Vec<&String> = before.keys().chain(after.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| before.get(*n) != after.get(*n))
        .map(|n| match (before.get(n), after.get(n)) {
            (None, _) => format!("{n} appeared"),
            (_, None) => format!("{n} disappeared"),
            (Some(a), Some(b)) if a.contents != b.contents => format!("{n} changed contents"),
            _ => format!("{n} changed metadata"),
        })
        .collect()
}

/// Hidden or temporary files under a folder: what an interrupted write leaves.
fn leftovers(dir: &Path) -> Vec<String> {
    state(dir)
        .into_keys()
        .filter(|name| {
            let base = name.rsplit('/').next().unwrap_or(name);
            base.starts_with('.') || base.ends_with(".tmp")
        })
        .collect()
}

/// Changes the ZenHire catalog so that generating rewrites `zenhire.rs`, `catalog.json`
/// and `docs/zenhire.md`; `n` picks one of two versions.
fn edit_catalog(dir: &Path, n: usize) {
    let path = dir.join("catalog/zenhire.yaml");
    let original = std::fs::read_to_string(repo().join("catalog/zenhire.yaml")).unwrap();
    let needle = "run exceeded its watchdog timeout.";
    assert!(original.contains(needle));
    let edited = if n % 2 == 0 {
        original.replacen(needle, "run took too long (edit A).", 1)
    } else {
        original.replacen(needle, "run took too long (edit B).", 1)
    };
    std::fs::write(path, edited).unwrap();
}

fn assert_ok(out: &Output, what: &str) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{what}: stdout:\n{}\nstderr:\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

fn assert_up_to_date(dir: &Path) {
    assert_ok(&errcat(dir, &["check"]), "check after generate");
    assert!(
        leftovers(&dir.join("generated")).is_empty(),
        "temporary files left behind: {:?}",
        leftovers(&dir.join("generated"))
    );
}

/// Generate, then check: nothing left behind, and a second run rewrites nothing (every
/// mtime stays), since unchanged files are not touched.
#[test]
fn generate_leaves_no_temporary_files_and_rewrites_nothing_unchanged() {
    let dir = scratch();
    edit_catalog(dir.path(), 0);
    assert_ok(&errcat(dir.path(), &["generate"]), "generate");
    assert_up_to_date(dir.path());
    let generated = dir.path().join("generated");
    for (name, entry) in state(&generated) {
        if entry.kind == "file" {
            assert!(
                errcat_header(&entry.contents),
                "{name} has no @generated header"
            );
        }
    }
    let before = state(&generated);
    // mtimes have a coarse granularity on some file systems.
    std::thread::sleep(Duration::from_millis(50));
    assert_ok(&errcat(dir.path(), &["generate"]), "generate again");
    assert_eq!(
        differences(&before, &state(&generated)),
        Vec::<String>::new()
    );
}

fn errcat_header(contents: &[u8]) -> bool {
    let head = &contents[..contents.len().min(512)];
    head.windows(10).any(|w| w == b"@generated")
}

/// While generate runs again and again between two versions of the catalog, a reader
/// reading `zenhire.rs` in a loop only ever sees one whole version or the other.
#[test]
fn readers_see_the_old_file_or_the_new_one_never_half() {
    let dir = scratch();
    let target = dir.path().join("generated/zenhire.rs");
    let mut versions = Vec::new();
    for n in 0..2 {
        edit_catalog(dir.path(), n);
        assert_ok(&errcat(dir.path(), &["generate"]), "generate");
        versions.push(std::fs::read(&target).unwrap());
    }
    assert_ne!(versions[0], versions[1]);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let stop = stop.clone();
        let target = target.clone();
        let versions = versions.clone();
        std::thread::spawn(move || {
            let mut reads = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let seen = std::fs::read(&target).expect("the file always exists");
                assert!(
                    versions.contains(&seen),
                    "a reader saw {} bytes that are neither version",
                    seen.len()
                );
                reads += 1;
            }
            reads
        })
    };
    for n in 0..8 {
        edit_catalog(dir.path(), n);
        assert_ok(&errcat(dir.path(), &["generate"]), "generate");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let reads = reader.join().expect("the reader saw only whole versions");
    assert!(reads > 0);
    assert_up_to_date(dir.path());
}

/// A hand-written file in a subfolder (`docs/`), or whose `@generated` comes after the
/// first 512 bytes, is never overwritten: generate names it, exits 1, and writes nothing
/// at all, not even the files that come before it.
#[test]
fn hand_written_files_are_never_overwritten_and_the_refusal_writes_nothing() {
    let late_marker = format!("// {}\n// @generated, but too late\n", "x".repeat(600));
    for (name, contents) in [
        ("docs/zenhire.md", "# My own ZenHire notes\n".to_owned()),
        ("zenhire.rs", late_marker),
    ] {
        let dir = scratch();
        // The catalog changed, so catalog.json (which sorts before the hand-written
        // file) would be rewritten too, were the refusal not checked first.
        edit_catalog(dir.path(), 0);
        let path = dir.path().join("generated").join(name);
        std::fs::write(&path, &contents).unwrap();
        let before = state(&dir.path().join("generated"));
        let out = errcat(dir.path(), &["generate"]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", text(&out.stderr));
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("refusing to overwrite") && stderr.contains(name),
            "{name}: {stderr}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), contents);
        assert_eq!(
            differences(&before, &state(&dir.path().join("generated"))),
            Vec::<String>::new(),
            "{name}: a refusal writes nothing"
        );
    }
}

/// A file without the header whose name a removed catalog used to generate is kept.
#[test]
fn hand_written_files_are_never_deleted() {
    let dir = scratch();
    std::fs::remove_file(dir.path().join("catalog/identitycall.yaml")).unwrap();
    let mine = "// hand-written, same name as a generated file\n";
    let rs = dir.path().join("generated/identitycall.rs");
    let md = dir.path().join("generated/docs/identitycall.md");
    std::fs::write(&rs, mine).unwrap();
    std::fs::write(&md, mine).unwrap();
    let out = errcat(dir.path(), &["generate"]);
    assert_ok(&out, "generate");
    assert_eq!(std::fs::read_to_string(&rs).unwrap(), mine);
    assert_eq!(std::fs::read_to_string(&md).unwrap(), mine);
    // Only errcat's own file of the gone catalog is removed.
    let stdout = text(&out.stdout);
    let removed: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("removed "))
        .collect();
    assert_eq!(
        removed,
        ["removed generated/openapi/identitycall.json (its catalog is gone)"],
        "{stdout}"
    );
    assert!(!dir
        .path()
        .join("generated/openapi/identitycall.json")
        .exists());
}

/// A catalog that fails validation (a semantic problem, in valid YAML), together with an
/// edit that would change other files: generated/ stays exactly as it was, mtimes and
/// all, and nothing is created.
#[test]
fn failed_validation_leaves_the_output_untouched() {
    let dir = scratch();
    edit_catalog(dir.path(), 0);
    let path = dir.path().join("catalog/kallglot.yaml");
    let broken = std::fs::read_to_string(&path).unwrap().replacen(
        "- id: invalid_api_key",
        "- id: InvalidApiKey",
        1,
    );
    std::fs::write(&path, broken).unwrap();
    let before = state(&dir.path().join("generated"));
    let out = errcat(dir.path(), &["generate"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("catalog/kallglot.yaml:") && stderr.contains("invalid-id"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(
        differences(&before, &state(&dir.path().join("generated"))),
        Vec::<String>::new()
    );
}

/// Starts two `errcat generate` in `dir` at once and asserts that both succeed.
fn generate_twice_at_once(dir: &Path, round: usize) {
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_errcat"))
            .arg("generate")
            .current_dir(dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for (who, child) in [("first", a), ("second", b)] {
        let out = child.wait_with_output().unwrap();
        assert_ok(&out, &format!("round {round}: the {who} run"));
    }
}

/// Two `errcat generate` at once, five times over a changing catalog: both succeed, and
/// the output is correct afterwards.
#[test]
fn two_concurrent_runs_both_succeed() {
    let dir = scratch();
    for round in 0..5 {
        edit_catalog(dir.path(), round);
        generate_twice_at_once(dir.path(), round);
        assert_up_to_date(dir.path());
    }
}

/// Two runs at once that both find the same stale generated file: one removes it, and the
/// other must not fail because it is already gone.
#[test]
fn two_concurrent_runs_removing_the_same_stale_file_both_succeed() {
    let dir = scratch();
    std::fs::remove_file(dir.path().join("catalog/identitycall.yaml")).unwrap();
    for round in 0..60 {
        for name in ["identitycall.rs", "docs/identitycall.md"] {
            std::fs::copy(
                repo().join("generated").join(name),
                dir.path().join("generated").join(name),
            )
            .unwrap();
        }
        generate_twice_at_once(dir.path(), round);
        assert!(!dir.path().join("generated/identitycall.rs").exists());
    }
}

/// Whether permission bits stop this process from writing (they do not for root).
fn permissions_are_enforced(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    let probe = dir.join("probe");
    std::fs::create_dir(&probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o555)).unwrap();
    let enforced = std::fs::write(probe.join("x"), "x").is_err();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir_all(&probe).unwrap();
    enforced
}

/// An output folder that cannot be written: a clear error naming the path, exit 1, and
/// nothing changed. Permission bits (chmod 0555) are used when they are enforced; as root
/// (CI and these machines) they are not, so the same failure is produced in ways root
/// cannot get around: the output path is a regular file, lies under a regular file, or a
/// generated file's place is taken by a folder or `docs/` by a file.
#[test]
fn unwritable_output_gives_a_clear_error() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = scratch();
    edit_catalog(dir.path(), 0);
    let generated = dir.path().join("generated");
    if permissions_are_enforced(dir.path()) {
        let before = state(&generated);
        std::fs::set_permissions(&generated, std::fs::Permissions::from_mode(0o555)).unwrap();
        let out = errcat(dir.path(), &["generate"]);
        std::fs::set_permissions(&generated, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("error: cannot") && stderr.contains("generated"),
            "{stderr}"
        );
        assert_eq!(
            differences(&before, &state(&generated)),
            Vec::<String>::new()
        );
    } else {
        eprintln!(
            "note: running as root, permission bits are not enforced; chmod 0555 is not tested"
        );
    }

    // The output path is a regular file.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "mine\n").unwrap();
    let out = errcat(dir.path(), &["generate", "--out", "a-file"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("error: cannot create a-file"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine\n");

    // The output path lies under a regular file.
    let out = errcat(dir.path(), &["generate", "--out", "a-file/generated"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("error: cannot create a-file/generated"),
        "{}",
        text(&out.stderr)
    );

    // A folder where a generated file goes: the file cannot be read or replaced.
    let before = state(&generated);
    std::fs::remove_file(generated.join("zenhire.rs")).unwrap();
    std::fs::create_dir(generated.join("zenhire.rs")).unwrap();
    let mid = state(&generated);
    let out = errcat(dir.path(), &["generate"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("error: cannot") && text(&out.stderr).contains("zenhire.rs"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(differences(&mid, &state(&generated)), Vec::<String>::new());
    std::fs::remove_dir(generated.join("zenhire.rs")).unwrap();
    std::fs::write(generated.join("zenhire.rs"), &before["zenhire.rs"].contents).unwrap();

    // A file where the docs/ folder goes.
    std::fs::remove_dir_all(generated.join("docs")).unwrap();
    std::fs::write(generated.join("docs"), "mine\n").unwrap();
    let out = errcat(dir.path(), &["generate"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("error: cannot") && stderr.contains("docs"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(generated.join("docs")).unwrap(),
        "mine\n"
    );
    assert!(
        leftovers(&generated).is_empty(),
        "{:?}",
        leftovers(&generated)
    );
}

/// Runs `errcat generate` with the file size limited to `blocks` (of 512 bytes, as
/// `ulimit -f` counts in sh) and SIGXFSZ ignored, so that writes fail with EFBIG as on a
/// full disk.
fn generate_on_a_small_disk(dir: &Path, blocks: u32) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f {blocks} && trap '' XFSZ && exec \"$0\" generate"
        ))
        .arg(env!("CARGO_BIN_EXE_errcat"))
        .current_dir(dir)
        .output()
        .expect("sh runs")
}

/// A full disk (writes fail with EFBIG): a clear error, exit 1, no temporary file, and
/// every target file is whole, either the old version or the new one. With room for some
/// files but not others, each file is still whole; generate afterwards completes it.
#[test]
fn full_disk_gives_a_clear_error_and_no_half_written_file() {
    let dir = scratch();
    let generated = dir.path().join("generated");
    let old = state(&generated);
    // What the new versions are, generated elsewhere.
    let new = {
        let other = scratch();
        edit_catalog(other.path(), 0);
        assert_ok(&errcat(other.path(), &["generate"]), "generate elsewhere");
        state(&other.path().join("generated"))
    };
    edit_catalog(dir.path(), 0);
    // 1 block: nothing fits; 100 blocks: the docs would fit, the rest would not.
    for blocks in [1, 100] {
        let out = generate_on_a_small_disk(dir.path(), blocks);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{blocks} blocks: stdout {} stderr {}",
            text(&out.stdout),
            text(&out.stderr)
        );
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("error: cannot write") && stderr.contains("File too large"),
            "{blocks} blocks: {stderr}"
        );
        assert!(
            leftovers(&generated).is_empty(),
            "{:?}",
            leftovers(&generated)
        );
        for (name, entry) in state(&generated) {
            if entry.kind != "file" {
                continue;
            }
            let whole = old.get(&name).is_some_and(|o| o.contents == entry.contents)
                || new.get(&name).is_some_and(|n| n.contents == entry.contents);
            assert!(
                whole,
                "{blocks} blocks: {name} is neither the old nor the new version"
            );
        }
    }
    assert_ok(&errcat(dir.path(), &["generate"]), "generate with room");
    assert_up_to_date(dir.path());
}

/// A change made to the scratch folder before a check.
type Prepare = Box<dyn Fn(&Path)>;

/// `errcat check` writes nothing, whether the folder is up to date, drifted, missing a
/// file, holds a stale file, the catalog is broken, or the folder does not exist.
#[test]
fn check_never_writes() {
    let dir = scratch();
    let generated = dir.path().join("generated");
    let cases: Vec<(&str, Prepare, i32)> = vec![
        ("up to date", Box::new(|_: &Path| {}), 0),
        ("catalog edited", Box::new(|d: &Path| edit_catalog(d, 0)), 1),
        (
            "a file missing",
            Box::new(|d: &Path| std::fs::remove_file(d.join("generated/kallglot.rs")).unwrap()),
            1,
        ),
        (
            "a stale file",
            Box::new(|d: &Path| {
                std::fs::copy(
                    d.join("generated/zenhire.rs"),
                    d.join("generated/old_api.rs"),
                )
                .unwrap();
            }),
            1,
        ),
        (
            "no output folder",
            Box::new(|d: &Path| std::fs::remove_dir_all(d.join("generated")).unwrap()),
            1,
        ),
        (
            "catalog broken",
            Box::new(|d: &Path| std::fs::write(d.join("catalog/broken.yaml"), "api: [\n").unwrap()),
            1,
        ),
    ];
    for (what, prepare, code) in cases {
        prepare(dir.path());
        let before = state(dir.path());
        std::thread::sleep(Duration::from_millis(20));
        let out = errcat(dir.path(), &["check"]);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{what}: {}",
            text(&out.stderr)
        );
        assert_eq!(
            differences(&before, &state(dir.path())),
            Vec::<String>::new(),
            "{what}: check wrote something"
        );
    }
    assert!(
        !generated.exists(),
        "check does not create the output folder"
    );
}

/// A folder outside the output, with a file that looks generated and one that is not.
fn outside_folder(dir: &Path) -> std::path::PathBuf {
    let outside = dir.join("elsewhere");
    std::fs::create_dir_all(outside.join("docs")).unwrap();
    std::fs::write(
        outside.join("old.rs"),
        "// @generated by errcat from catalog/old.yaml. Do not edit by hand.\n",
    )
    .unwrap();
    std::fs::write(outside.join("zenhire.rs"), "// someone else's file\n").unwrap();
    std::fs::write(outside.join("docs/zenhire.md"), "someone else's notes\n").unwrap();
    outside
}

/// Links inside the output folder, to a folder outside and to the folder itself, are never
/// followed: stale-file removal (a catalog was deleted, so it runs) deletes nothing
/// outside, and nothing it has just written.
#[test]
fn links_in_the_output_folder_are_never_followed() {
    let dir = scratch();
    let outside = outside_folder(dir.path());
    let generated = dir.path().join("generated");
    std::os::unix::fs::symlink("../elsewhere", generated.join("vendor")).unwrap();
    std::os::unix::fs::symlink(".", generated.join("self")).unwrap();
    std::fs::remove_file(dir.path().join("catalog/identitycall.yaml")).unwrap();
    let before = state(&outside);
    assert_ok(&errcat(dir.path(), &["generate"]), "generate with links");
    assert_eq!(differences(&before, &state(&outside)), Vec::<String>::new());
    assert!(
        !generated.join("identitycall.rs").exists(),
        "the stale file went"
    );
    assert!(generated.join("zenhire.rs").exists());
    assert!(std::fs::symlink_metadata(generated.join("self")).is_ok());
    assert_ok(&errcat(dir.path(), &["check"]), "check with links");
}

/// Only errcat's own header makes a file errcat's: a README that mentions the marker and
/// Cargo's own `@generated` lock file are never removed, and a hand-written file at a
/// target name that mentions it is never overwritten.
#[test]
fn a_mention_of_the_marker_is_not_errcats_header() {
    let dir = scratch();
    let generated = dir.path().join("generated");
    let readme = "Everything here is @generated; do not edit.\n";
    let lock = "# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = 4\n";
    std::fs::write(generated.join("README.md"), readme).unwrap();
    std::fs::write(generated.join("Cargo.lock"), lock).unwrap();
    std::fs::write(generated.join("docs/NOTES.md"), readme).unwrap();
    std::fs::remove_file(dir.path().join("catalog/identitycall.yaml")).unwrap();
    assert_ok(&errcat(dir.path(), &["generate"]), "generate");
    assert_eq!(
        std::fs::read_to_string(generated.join("README.md")).unwrap(),
        readme
    );
    assert_eq!(
        std::fs::read_to_string(generated.join("Cargo.lock")).unwrap(),
        lock
    );
    assert_eq!(
        std::fs::read_to_string(generated.join("docs/NOTES.md")).unwrap(),
        readme
    );

    let hand = "// Hand-written. (Not @generated by errcat from anything.)\npub fn mine() {}\n";
    std::fs::write(generated.join("zenhire.rs"), hand).unwrap();
    edit_catalog(dir.path(), 1);
    let out = errcat(dir.path(), &["generate"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("zenhire.rs"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(generated.join("zenhire.rs")).unwrap(),
        hand
    );
}

/// A link at a target's name, or at one of its folders (`docs/`), is refused with a clear
/// error, and nothing outside changes; links planted at temporary-file names are never
/// written through.
#[test]
fn links_at_targets_and_temporary_names_are_never_written_through() {
    let dir = scratch();
    let outside = outside_folder(dir.path());
    let generated = dir.path().join("generated");
    for name in [
        ".zenhire.rs.1.tmp",
        ".zenhire.rs.tmp",
        ".catalog.json.2.tmp",
    ] {
        std::os::unix::fs::symlink(outside.join("zenhire.rs"), generated.join(name)).unwrap();
    }
    edit_catalog(dir.path(), 1);
    let before = state(&outside);
    assert_ok(
        &errcat(dir.path(), &["generate"]),
        "generate beside planted links",
    );
    assert_eq!(differences(&before, &state(&outside)), Vec::<String>::new());

    std::fs::remove_file(generated.join("zenhire.rs")).unwrap();
    std::os::unix::fs::symlink(outside.join("zenhire.rs"), generated.join("zenhire.rs")).unwrap();
    edit_catalog(dir.path(), 0);
    let out = errcat(dir.path(), &["generate"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("symbolic link"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(differences(&before, &state(&outside)), Vec::<String>::new());

    std::fs::remove_file(generated.join("zenhire.rs")).unwrap();
    std::fs::remove_dir_all(generated.join("docs")).unwrap();
    std::os::unix::fs::symlink(outside.join("docs"), generated.join("docs")).unwrap();
    let out = errcat(dir.path(), &["generate"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("docs"), "{}", text(&out.stderr));
    assert_eq!(differences(&before, &state(&outside)), Vec::<String>::new());
}

/// Four `errcat generate` at once, three rounds over a changing catalog: all succeed,
/// every file is one whole version (check passes), and no temporary file is left.
#[test]
fn four_concurrent_runs_leave_whole_files() {
    let dir = scratch();
    for round in 0..3 {
        edit_catalog(dir.path(), round);
        let children: Vec<_> = (0..4)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_errcat"))
                    .arg("generate")
                    .current_dir(dir.path())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for (i, child) in children.into_iter().enumerate() {
            assert_ok(
                &child.wait_with_output().unwrap(),
                &format!("round {round}, run {i}"),
            );
        }
        assert_up_to_date(dir.path());
    }
}
