//! Running the real `claimdesk` binary from integration tests (each test file is its own
//! crate and includes this with `mod common;`; not every file uses every helper).
#![allow(dead_code)]

pub mod http;

use std::process::{Command, Output};

pub fn claimdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .output()
        .expect("run claimdesk")
}

/// Runs claimdesk with the desk caches in `cache` (never the user's).
pub fn claimdesk_cached(cache: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .env("CLAIMDESK_CACHE_DIR", cache)
        .output()
        .expect("run claimdesk")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The seed article, as a file tests make projects from.
pub const ARTICLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/nato-chief-kyiv.txt"
);

/// The claimdesk binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_claimdesk");

/// Whether `git` runs here; tests that need it say they are skipped when it does not.
pub fn have_git() -> bool {
    match Command::new("git").arg("--version").output() {
        Ok(o) if o.status.success() => true,
        _ => {
            eprintln!("skipping: no git binary on the PATH");
            false
        }
    }
}
