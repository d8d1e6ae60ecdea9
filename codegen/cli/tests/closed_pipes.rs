//! A reader that goes away (`errcat export | head -1`, `errcat check 2>&1 | head -3`) is
//! not a crash: errcat stops quietly with 141 (128 + SIGPIPE, what `yes | head -1`
//! gives), never a panic (exit 101).
//!
//! The reading end of the pipe is closed before errcat writes anything, and each command
//! prints far more than a pipe buffer (64 KiB), so its writes are sure to fail.

use std::io::Read;
use std::process::{Command, Stdio};

mod common;
use common::{repo, scratch};

enum Closed {
    Stdout,
    Stderr,
}

/// Runs errcat in `dir` with one of its streams a pipe nobody reads; returns its status
/// and what it wrote on the other stream.
fn with_closed(dir: &std::path::Path, args: &[&str], closed: Closed) -> (Option<i32>, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_errcat"));
    command.args(args).current_dir(dir).stdin(Stdio::null());
    match closed {
        Closed::Stdout => command.stdout(Stdio::piped()).stderr(Stdio::piped()),
        Closed::Stderr => command.stderr(Stdio::piped()).stdout(Stdio::piped()),
    };
    let mut child = command.spawn().expect("errcat runs");
    let mut other = match closed {
        Closed::Stdout => {
            drop(child.stdout.take());
            child.stderr.take().unwrap().boxed()
        }
        Closed::Stderr => {
            drop(child.stderr.take());
            child.stdout.take().unwrap().boxed()
        }
    };
    let mut text = String::new();
    other.read_to_string(&mut text).unwrap();
    (child.wait().unwrap().code(), text)
}

trait Boxed {
    fn boxed(self) -> Box<dyn Read>;
}

impl<R: Read + 'static> Boxed for R {
    fn boxed(self) -> Box<dyn Read> {
        Box::new(self)
    }
}

#[test]
fn export_into_a_closed_pipe_stops_quietly() {
    let (status, stderr) = with_closed(&repo(), &["export"], Closed::Stdout);
    assert_eq!(status, Some(141), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.is_empty(),
        "nothing to say about a reader that left: {stderr}"
    );
}

#[test]
fn a_drift_report_into_a_closed_pipe_stops_quietly() {
    let dir = scratch();
    // Every generated file differs: the diff on stderr is far longer than a pipe buffer.
    for entry in std::fs::read_dir(dir.path().join("generated")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replace("pub ", "pub  ")).unwrap();
        }
    }
    let (status, stdout) = with_closed(dir.path(), &["check"], Closed::Stderr);
    assert_eq!(status, Some(141), "{stdout}");
    assert!(!stdout.contains("panicked"), "{stdout}");
}
