//! The errcat CLI end to end: exit codes, diagnostics, the drift check and safe writes.

use std::path::Path;

mod common;
use common::{errcat, repo, scratch, text};

/// Every file under `dir` (relative path, contents), sorted.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = format!("{prefix}{}", path.file_name().unwrap().to_string_lossy());
            if path.is_dir() {
                walk(&path, &format!("{name}/"), out);
            } else {
                out.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, "", &mut files);
    files.sort();
    files
}

#[test]
fn validate_summarises_every_api() {
    let out = errcat(&repo(), &["validate"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for api in [
        "agenthuman",
        "identitycall",
        "kallglot",
        "voice_gateway",
        "zenhire",
    ] {
        assert!(
            stdout.contains(&format!("ok: {api} (catalog/{api}.yaml)")),
            "{stdout}"
        );
    }
    assert!(
        stdout.contains("kallglot (catalog/kallglot.yaml): 36 errors, 9 types"),
        "{stdout}"
    );
}

#[test]
fn validate_reports_every_problem_with_its_position_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "api:\n  id: acme\n  name: Acme\nenvelope:\n  family: nested_object\n  fields:\n    - path: error.code\n      type: string\n      role: code\nerrors:\n  - id: a\n    description: A\n    status: 700\n  - id: a\n    description: again\n    status: 400\n";
    std::fs::write(dir.path().join("acme.yaml"), bad).unwrap();
    let out = errcat(dir.path(), &["validate", "acme.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("acme.yaml:13:13"),
        "status 700 located: {stderr}"
    );
    assert!(stderr.contains("outside 100-599"), "{stderr}");
    assert!(
        stderr.contains("acme.yaml:14:9"),
        "duplicate id located: {stderr}"
    );
    assert!(stderr.contains("= help:"), "{stderr}");
    assert!(stderr.contains("2 problems"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let out = errcat(&repo(), &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = errcat(&repo(), &["export", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_passes_on_the_repository_and_writes_nothing() {
    let before = snapshot(&repo().join("generated"));
    let out = errcat(&repo(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(snapshot(&repo().join("generated")), before);
}

#[test]
fn check_fails_on_a_hand_edited_file_then_passes_after_generate() {
    let dir = scratch();
    let path = dir.path().join("generated/zenhire.rs");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("STUCK_TIMEOUT", "STUCK_TIME0UT");
    std::fs::write(&path, &edited).unwrap();
    let before = snapshot(&dir.path().join("generated"));
    let out = errcat(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("--- a/generated/zenhire.rs"), "{stderr}");
    assert!(
        stderr.contains("-") && stderr.contains("STUCK_TIME0UT"),
        "{stderr}"
    );
    assert!(
        stderr.contains("cargo run --bin errcat -- generate"),
        "{stderr}"
    );
    assert_eq!(
        snapshot(&dir.path().join("generated")),
        before,
        "check never writes"
    );

    let out = errcat(dir.path(), &["generate"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = errcat(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!std::fs::read_to_string(&path)
        .unwrap()
        .contains("STUCK_TIME0UT"));
}

#[test]
fn check_fails_when_the_catalog_changes() {
    let dir = scratch();
    let path = dir.path().join("catalog/zenhire.yaml");
    let edited = std::fs::read_to_string(&path).unwrap().replacen(
        "run exceeded its watchdog timeout.",
        "run took too long.",
        1,
    );
    std::fs::write(&path, edited).unwrap();
    let out = errcat(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("generated/zenhire.rs"), "{stderr}");
    assert!(
        stderr.contains("+") && stderr.contains("run took too long."),
        "{stderr}"
    );
}

#[test]
fn generate_refuses_to_overwrite_a_hand_written_file() {
    let dir = scratch();
    let path = dir.path().join("generated/kallglot.rs");
    std::fs::write(&path, "// my own code\n").unwrap();
    let before = snapshot(&dir.path().join("generated"));
    let out = errcat(dir.path(), &["generate"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("refusing to overwrite") && stderr.contains("kallglot.rs"),
        "{stderr}"
    );
    assert_eq!(
        snapshot(&dir.path().join("generated")),
        before,
        "nothing written"
    );
}

#[test]
fn generate_leaves_output_untouched_when_validation_fails() {
    let dir = scratch();
    std::fs::write(dir.path().join("catalog/broken.yaml"), "api: [unclosed\n").unwrap();
    let before = snapshot(&dir.path().join("generated"));
    let out = errcat(dir.path(), &["generate"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("catalog/broken.yaml:"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(snapshot(&dir.path().join("generated")), before);
}

#[test]
fn generate_removes_stale_generated_files_but_keeps_others() {
    let dir = scratch();
    std::fs::remove_file(dir.path().join("catalog/identitycall.yaml")).unwrap();
    std::fs::write(dir.path().join("generated/notes.txt"), "hand-written\n").unwrap();
    let out = errcat(dir.path(), &["generate"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!dir.path().join("generated/identitycall.rs").exists());
    assert!(dir.path().join("generated/notes.txt").exists());
}

#[test]
fn export_prints_the_normalized_catalog() {
    let out = errcat(&repo(), &["export", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let apis = json["apis"].as_array().unwrap();
    let ids: Vec<&str> = apis.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "agenthuman",
            "identitycall",
            "kallglot",
            "voice_gateway",
            "zenhire"
        ]
    );
    let kallglot = &apis[2];
    let key = kallglot["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "invalid_api_key")
        .unwrap();
    assert_eq!(key["status"], 401);
    assert_eq!(key["status_inferred"], true);
    assert_eq!(key["type"], "authentication_error");
    assert_eq!(key["retry"], "never");
    assert_eq!(key["context"], "http");
    assert_eq!(
        key["doc_url"],
        "https://developer.kallglot.com/errors#invalid_api_key"
    );
    let closes: Vec<u64> = kallglot["websocket_close_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_u64().unwrap())
        .collect();
    assert_eq!(closes, [1000, 1008, 1011, 4000, 4001, 4002, 4003]);
    assert_eq!(
        std::fs::read(repo().join("generated/catalog.json")).unwrap(),
        out.stdout,
        "the committed export is what `export` prints"
    );
}

/// `export --format openapi` prints one API's OpenAPI document, the committed one; with
/// several APIs and no `--api` it says to pick one (exit 2).
#[test]
fn export_prints_one_openapi_document() {
    let out = errcat(
        &repo(),
        &["export", "--format", "openapi", "--api", "kallglot"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(repo().join("generated/openapi/kallglot.json")).unwrap(),
        out.stdout,
        "the committed document is what `export` prints"
    );
    let document: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    let unauthorized = &document["components"]["responses"]["Error401"];
    let codes: Vec<&str> = unauthorized["x-errcat-codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["wire"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"invalid_api_key"), "{codes:?}");
    let several = errcat(&repo(), &["export", "--format", "openapi"]);
    assert_eq!(several.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&several.stderr).contains("--api"));
}

/// `import openapi` writes a catalog that `validate` accepts, and never over a file.
#[test]
fn import_openapi_writes_a_catalog_that_validates() {
    let dir = scratch();
    let document = repo().join("generated/openapi/kallglot.json");
    let document = document.to_str().unwrap();
    let out = errcat(
        dir.path(),
        &[
            "import",
            "openapi",
            document,
            "--out",
            "imported/kallglot.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "the folder does not exist yet");
    std::fs::create_dir_all(dir.path().join("imported")).unwrap();
    let out = errcat(
        dir.path(),
        &[
            "import",
            "openapi",
            document,
            "--out",
            "imported/kallglot.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("36 codes"),
        "{}",
        text(&out.stdout)
    );
    let validate = errcat(dir.path(), &["validate", "imported/kallglot.yaml"]);
    assert_eq!(
        validate.status.code(),
        Some(0),
        "{}",
        text(&validate.stderr)
    );
    let again = errcat(
        dir.path(),
        &[
            "import",
            "openapi",
            document,
            "--out",
            "imported/kallglot.yaml",
        ],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("refusing to overwrite"));
    let not_openapi = errcat(dir.path(), &["import", "openapi", "imported/kallglot.yaml"]);
    assert_eq!(not_openapi.status.code(), Some(1));
    assert!(text(&not_openapi.stderr).contains("not an OpenAPI 3 document"));
}

/// `generate` says what it changed, not how many files the catalog makes, and counts agree
/// with their nouns.
#[test]
fn generate_reports_written_and_unchanged_files() {
    let dir = scratch();
    let out = dir.path().join("fresh");
    let first = errcat(dir.path(), &["generate", "--out", "fresh"]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("fresh: 17 files written, 0 unchanged"),
        "{}",
        text(&first.stdout)
    );
    let zenhire = out.join("zenhire.rs");
    let edited = std::fs::read_to_string(&zenhire).unwrap() + "// an old line\n";
    std::fs::write(&zenhire, edited).unwrap();
    let second = errcat(dir.path(), &["generate", "--out", "fresh"]);
    assert!(
        text(&second.stdout).contains("fresh: 1 file written, 16 unchanged"),
        "{}",
        text(&second.stdout)
    );
    let validate = errcat(dir.path(), &["validate"]);
    let summary = text(&validate.stdout);
    assert!(
        summary.contains("ok: kallglot (catalog/kallglot.yaml): 36 errors, 9 types, 13 statuses, 7 close codes, 1 example\n"),
        "{summary}"
    );
}

/// Without path arguments errcat finds the catalog in the nearest folder above, like
/// cargo finds `Cargo.toml`; where there is none it says where it looked, with no line and
/// column it does not have, and exits 2 (a usage error), as for a named path that is
/// missing.
#[test]
fn the_catalog_is_found_from_a_subfolder_or_its_absence_said_plainly() {
    let dir = scratch();
    let deep = dir.path().join("src/deeper");
    std::fs::create_dir_all(&deep).unwrap();
    let check = errcat(&deep, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert!(text(&check.stdout).contains("ok: generated is up to date"));
    let validate = errcat(&deep, &["validate"]);
    assert_eq!(
        validate.status.code(),
        Some(0),
        "{}",
        text(&validate.stderr)
    );

    let empty = tempfile::tempdir().unwrap();
    let lost = errcat(empty.path(), &["validate"]);
    assert_eq!(lost.status.code(), Some(2));
    let stderr = text(&lost.stderr);
    assert!(stderr.contains("no `catalog/` folder in"), "{stderr}");
    assert!(stderr.contains("or any folder above it"), "{stderr}");
    assert!(!stderr.contains(":1:1"), "no invented position: {stderr}");

    let named = errcat(dir.path(), &["validate", "no-such.yaml"]);
    assert_eq!(named.status.code(), Some(2));
    assert!(text(&named.stderr).contains("`no-such.yaml` does not exist"));
}

/// The hint to regenerate is the command that fits this run: the installed `errcat`
/// outside errcat's own workspace, with the folders this command was given.
#[test]
fn the_regenerate_hint_fits_the_invocation() {
    let dir = scratch();
    let moved = dir.path().join("my out");
    std::fs::rename(dir.path().join("generated"), &moved).unwrap();
    std::fs::remove_file(moved.join("zenhire.rs")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(["check", "--out", "my out"])
        .current_dir(dir.path())
        .env_remove("CARGO_PKG_NAME")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("(1 file); run `errcat generate --out 'my out'` and commit the result"),
        "{stderr}"
    );
}

/// `list` fits a wide terminal: long wire messages are cut with `…` (`explain` has them
/// whole), so no line grows with the longest message of any API.
#[test]
fn list_lines_stay_narrow() {
    let out = errcat(&repo(), &["list"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let widest = stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 120, "a {widest}-column line in:\n{stdout}");
    assert!(stdout.contains('…'), "the gateway's long messages are cut");
}

/// `--color always` paints diagnostics; piped output (as here) is plain by default, and
/// `--color never` is plain anywhere.
#[test]
fn colour_follows_the_color_flag() {
    let dir = scratch();
    std::fs::write(dir.path().join("catalog/broken.yaml"), "api: [\n").unwrap();
    let escape = "\u{1b}[";
    let always = errcat(dir.path(), &["--color", "always", "validate"]);
    assert_eq!(always.status.code(), Some(1));
    assert!(
        text(&always.stderr).contains(escape),
        "{}",
        text(&always.stderr)
    );
    for args in [&["validate"][..], &["validate", "--color", "never"][..]] {
        let plain = errcat(dir.path(), args);
        assert!(text(&plain.stderr).contains("error[yaml-syntax]"));
        assert!(!text(&plain.stderr).contains(escape), "{args:?}");
    }
}

/// `--catalog` works for every command that reads a catalog; `validate` and `export` also
/// take the paths positionally.
#[test]
fn every_command_takes_catalog_paths_with_the_same_flag() {
    let one = "catalog/zenhire.yaml";
    for args in [
        &["validate", "--catalog", one][..],
        &["validate", one][..],
        &["list", "--catalog", one][..],
    ] {
        let out = errcat(&repo(), args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let stdout = text(&out.stdout);
        assert!(stdout.contains("zenhire"), "{args:?}: {stdout}");
        assert!(
            !stdout.contains("kallglot"),
            "{args:?} read one file: {stdout}"
        );
    }
    let export = errcat(&repo(), &["export", "--catalog", one]);
    let json: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(json["apis"].as_array().map(Vec::len), Some(1));
}
