//! The default jitter is seeded from entropy per policy: clients that fail together (two
//! processes started together, two policies made at once) do not retry together. A seed
//! given with `with_seed` repeats exactly.

use std::process::Command;

use errcat::{Backoff, Idempotency, RetryPolicy};

const CHILD: &str = "ERRCAT_JITTER_CHILD";

/// Eight jittered backoff steps of a fresh default policy, in milliseconds.
fn draws(policy: &RetryPolicy) -> Vec<u128> {
    let backoff = Backoff {
        initial_ms: Some(1000),
        factor: Some(2),
        max_attempts: None,
        max_delay_ms: None,
    };
    (1..=8)
        .map(|attempt| policy.backoff_delay(&backoff, attempt).as_millis())
        .collect()
}

/// Run by the parent in a child process: prints the draws of one default policy.
#[test]
fn child_prints_default_draws() {
    if std::env::var_os(CHILD).is_some() {
        println!(
            "draws={:?}",
            draws(&RetryPolicy::new(Idempotency::Idempotent))
        );
    }
}

fn draws_in_a_fresh_process() -> String {
    let exe = std::env::current_exe().expect("the test binary");
    let out = Command::new(exe)
        .args([
            "--exact",
            "child_prints_default_draws",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .output()
        .expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout
        .lines()
        .find_map(|l| l.find("draws=").map(|at| l[at..].to_owned()))
        .unwrap_or_else(|| panic!("no draws in the child's output:\n{stdout}"))
}

#[test]
fn two_processes_draw_different_delays() {
    let (first, second) = (draws_in_a_fresh_process(), draws_in_a_fresh_process());
    assert_ne!(first, second, "two processes drew the same jitter");
}

#[test]
fn two_default_policies_draw_different_delays() {
    let a = draws(&RetryPolicy::new(Idempotency::Idempotent));
    let b = draws(&RetryPolicy::new(Idempotency::Idempotent));
    assert_ne!(a, b);
    // Still full jitter: each draw lies in [0, step).
    for (n, ms) in a.iter().enumerate() {
        assert!(*ms < 1000 << n, "draw {n} = {ms} ms");
    }
}

#[test]
fn a_seeded_policy_repeats() {
    let seeded = || RetryPolicy::new(Idempotency::Idempotent).with_seed(42);
    assert_eq!(draws(&seeded()), draws(&seeded()));
    assert_ne!(
        draws(&seeded()),
        draws(&RetryPolicy::new(Idempotency::Idempotent).with_seed(43))
    );
}
