//! File → Sync in the app, with real git on local repositories (a bare repository in a
//! temporary folder is the shared remote): the reviewer's saved work goes out, a colleague's
//! comes in and the open project shows it, merged claim by claim.

use super::*;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .args([
            "-c",
            "user.name=Ben Okafor",
            "-c",
            "user.email=ben@example.org",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn unreviewed_seed() -> claimdesk::model::Project {
    let mut p = store::load(Path::new("projects/nato-chief-kyiv.ron")).unwrap();
    for c in &mut p.claims {
        c.reviews.clear();
        c.final_verdict = None;
    }
    p.audit.clear();
    p.reviewers.clear();
    p
}

#[test]
fn sync_sends_my_saved_review_and_brings_in_a_colleagues() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipping: no git");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let top = std::fs::canonicalize(dir.path()).unwrap();
    git(&top, &["init", "-q", "--bare", "remote.git"]);
    git(&top, &["clone", "-q", "remote.git", "mine"]);
    let mine = top.join("mine");
    let file = mine.join("nato.ron");
    store::save(&file, &unreviewed_seed()).unwrap();
    git(&mine, &["add", "nato.ron"]);
    git(&mine, &["commit", "-q", "-m", "the article"]);
    git(&mine, &["push", "-q", "-u", "origin", "HEAD"]);
    // A colleague reviews claim 2 in their clone and pushes first.
    git(&top, &["clone", "-q", "remote.git", "ben"]);
    let ben = top.join("ben");
    let mut theirs = store::load(&ben.join("nato.ron")).unwrap();
    let second = theirs.claims[1].id.clone();
    claimdesk::ops::set_verdict(
        &mut theirs,
        &second,
        "Ben Okafor",
        Verdict::Verified,
        "2026-11-01T10:00:00Z",
    )
    .unwrap();
    store::save(&ben.join("nato.ron"), &theirs).unwrap();
    git(&ben, &["commit", "-q", "-am", "Ben's review"]);
    git(&ben, &["push", "-q"]);

    let options = RunOptions {
        no_native_dialogs: true,
        cache_dir: Some(top.join("cache")),
        driver_exe: Some(PathBuf::from(env!("CARGO_BIN_EXE_claimdesk"))),
        ..RunOptions::default()
    };
    let mut h = harness(None, &top.join("recovery"), [1440.0, 900.0], me(), options);
    assert!(h.state_mut().open_desk(&mine));
    h.run_steps(2);
    h.get_by_label("Open project: NATO chief Jens Stoltenberg makes surprise visit to Kyiv")
        .click();
    settle(&mut h);
    // Claim 1 attributed-only, saved; then a typed note left unsaved is not synced.
    press(&mut h, Key::Num2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    let first = h.state().session.as_ref().unwrap().project.claims[0]
        .id
        .clone();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Y);
    h.run_steps(1);
    h.state_mut().wait_for_sync();
    h.run_steps(2);
    h.get_by_label("Desk synced");
    h.get_by_label_contains("Committed 1 project");
    h.get_by_label_contains("Pulled 1 commit from origin/");
    h.get_by_label_contains("Merged claim by claim: nato.ron");
    h.get_by_label_contains("Pushed to origin/");
    // The pulled file comes into the open project at once (nothing unsaved).
    for _ in 0..3 {
        settle(&mut h);
    }
    {
        let s = h.state().session.as_ref().unwrap();
        assert_eq!(
            s.project.claim(&second).unwrap().verdict_of("Ben Okafor"),
            Verdict::Verified
        );
        assert_eq!(
            s.project.claim(&first).unwrap().verdict_of(ME),
            Verdict::AttributedOnly
        );
        assert!(!s.is_dirty());
    }
    // Ben pulls and has my review.
    git(&ben, &["pull", "-q", "--no-rebase"]);
    let merged = store::load(&ben.join("nato.ron")).unwrap();
    assert_eq!(
        merged.claim(&first).unwrap().verdict_of(ME),
        Verdict::AttributedOnly
    );
    assert_eq!(
        merged.claim(&second).unwrap().verdict_of("Ben Okafor"),
        Verdict::Verified
    );
}

#[test]
fn sync_outside_a_repository_says_why() {
    let dir = tempfile::tempdir().unwrap();
    store::save(&dir.path().join("a.ron"), &unreviewed_seed()).unwrap();
    let options = RunOptions {
        cache_dir: Some(dir.path().join("cache")),
        ..RunOptions::default()
    };
    let mut h = harness(
        None,
        &dir.path().join("recovery"),
        [1440.0, 900.0],
        me(),
        options,
    );
    assert!(h.state_mut().open_desk(dir.path()));
    h.run_steps(2);
    assert!(
        h.query_by_label("Sync").is_none(),
        "no Sync button outside git"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Y);
    h.run_steps(2);
    h.get_by_label("Cannot sync");
    h.get_by_label_contains("is not in a git repository");
}
