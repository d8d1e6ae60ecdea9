//! `errcat diff` end to end: git revisions as sides, exit codes and formats.

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .unwrap()
}

fn errcat(dir: &Path, args: &[&str]) -> Output {
    run(dir, env!("CARGO_BIN_EXE_errcat"), args)
}

/// A git repository holding the real zenhire catalog in one commit.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("catalog")).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/zenhire.yaml");
    std::fs::copy(source, dir.path().join("catalog/zenhire.yaml")).unwrap();
    for args in [
        &["init", "-q"][..],
        &["add", "."],
        &["commit", "-qm", "catalog"],
    ] {
        assert!(run(dir.path(), "git", args).status.success());
    }
    dir
}

fn edit(dir: &Path, from: &str, to: &str) {
    let path = dir.join("catalog/zenhire.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_unchanged_catalog_passes() {
    let dir = repo();
    let out = errcat(dir.path(), &["diff", "HEAD:catalog", "catalog"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 breaking"));
}

#[test]
fn a_changed_status_fails_until_it_is_accepted() {
    let dir = repo();
    edit(
        dir.path(),
        "wire: INSUFFICIENT_CREDITS\n    status: 402",
        "wire: INSUFFICIENT_CREDITS\n    status: 403",
    );
    let out = errcat(dir.path(), &["diff", "HEAD:catalog", "catalog"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("zenhire\n  breaking:\n"), "{stdout}");
    assert!(
        stdout.contains("error `insufficient_credits` HTTP status changed: 402 -> 403"),
        "{stdout}"
    );

    let json = errcat(
        dir.path(),
        &["diff", "HEAD:catalog", "catalog", "--format", "json"],
    );
    assert_eq!(json.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["unacknowledged"], 1);
    assert_eq!(value["changes"][0]["kind"], "status");

    let catalog = dir.path().join("catalog/zenhire.yaml");
    let mut text = std::fs::read_to_string(&catalog).unwrap();
    text.push_str("accepted_breaks:\n  - change: status\n    id: insufficient_credits\n    reason: Billing moved to 403.\n");
    std::fs::write(&catalog, text).unwrap();
    let out = errcat(
        dir.path(),
        &["diff", "HEAD:catalog", "catalog", "--format", "markdown"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("(intended: Billing moved to 403.)"));
}

#[test]
fn bad_sides_exit_2() {
    let dir = repo();
    let out = errcat(dir.path(), &["diff", "no-such-rev:catalog", "catalog"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("git"));
    edit(dir.path(), "api:", "api:\n  colour: red");
    let out = errcat(dir.path(), &["diff", "HEAD:catalog", "catalog"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("catalog/zenhire.yaml:"));
}

#[test]
fn works_in_this_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if !root.join(".git").exists() {
        return; // a source archive without history
    }
    let out = errcat(&root, &["diff", "HEAD:catalog", "catalog"]);
    // The working tree may have changes; the command itself must work.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
