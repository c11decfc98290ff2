//! Killing claimdesk in the middle of a save never leaves a broken project: the file on disk
//! is always either the old one or the new one, whole.

use claimdesk::model::Verdict;
use claimdesk::{store, synth};
use std::process::Command;
use std::time::{Duration, Instant};

fn tag(path: &std::path::Path, verdict: Verdict) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimdesk"));
    cmd.args([
        "tag",
        path.to_str().unwrap(),
        "1",
        verdict.as_str(),
        "--reviewer",
        "alice",
    ]);
    cmd
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    // Large enough that a save takes a while, so kills land while it is writing.
    let project = synth::large_project(300_000, 3_000, &["alice"]);
    store::save(&path, &project).unwrap();
    let first_id = project.claims[0].id.clone();

    // How long one whole `tag` (load, change, save) takes here.
    let t = Instant::now();
    assert!(tag(&path, Verdict::Disputed).status().unwrap().success());
    let full = t.elapsed();

    let mut previous = Verdict::Disputed;
    let mut killed_early = 0;
    let attempts = 40;
    for i in 0..attempts {
        let next = if previous == Verdict::Verified {
            Verdict::Disputed
        } else {
            Verdict::Verified
        };
        let mut child = tag(&path, next).spawn().unwrap();
        // Spread the kills over the whole run, the save at its end included.
        std::thread::sleep(full.mul_f64(i as f64 / attempts as f64) + Duration::from_micros(200));
        if child.try_wait().unwrap().is_none() {
            killed_early += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let loaded = store::load(&path).unwrap_or_else(|e| panic!("attempt {i}: file broken: {e}"));
        let now = loaded.claim(&first_id).unwrap().verdict_of("alice");
        assert!(
            now == previous || now == next,
            "attempt {i}: unexpected verdict {now}"
        );
        assert_eq!(loaded.claims.len(), project.claims.len());
        previous = now;
    }
    assert!(
        killed_early > attempts / 2,
        "only {killed_early} kills landed before the process ended"
    );
}
