//! The open project's life with its file (issue 8), driven without a screen: a session that
//! saves after someone else changed the file on disk (`claimdesk tag`, a real `git merge`
//! through the driver, another session) keeps both sides' work; a file that is no longer a
//! project is never overwritten without asking; recovery copies belong to one window each;
//! a file open in one window is seen as such by another; slow work runs on the worker.

use claimdesk::model::Verdict;
use claimdesk::session::jobs::{DiskCheck, Done, Job, Jobs};
use claimdesk::session::recovery::{RecoveryCopy, RecoveryStore};
use claimdesk::session::{Action, Session};
use claimdesk::store;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_claimdesk");

fn copy_sample(dir: &Path) -> PathBuf {
    let p = dir.join("nato.ron");
    std::fs::copy("projects/nato-chief-kyiv.ron", &p).unwrap();
    p
}

fn tag(project: &Path, claim: &str, verdict: &str, reviewer: &str) {
    let o = Command::new(BIN)
        .args([
            "tag",
            project.to_str().unwrap(),
            claim,
            verdict,
            "--reviewer",
            reviewer,
        ])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "tag: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn set(s: &mut Session, n: usize, v: Verdict, who: &str) {
    let claim = s.project.claims[n].id.clone();
    s.apply(Action::SetVerdict { claim, verdict: v }, who)
        .unwrap();
}

#[test]
fn save_after_a_cli_tag_on_disk_keeps_both_reviews() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_sample(dir.path());
    let mut s = Session::open(&path).unwrap();
    set(&mut s, 0, Verdict::Disputed, "Ana");
    // Meanwhile a colleague tags another claim in the same file.
    tag(&path, "3", "verified", "Ben");
    let incoming = s
        .save()
        .unwrap()
        .expect("the save notices the change on disk");
    assert_eq!(incoming.report.reviews_added, 1, "Ben's review came in");
    assert!(!s.is_dirty());
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.claims[0].verdict_of("Ana"), Verdict::Disputed);
    assert_eq!(saved.claims[2].verdict_of("Ben"), Verdict::Verified);
    // Our edit and the merge are both undoable steps; the session holds Ben's review too.
    assert_eq!(s.project.claims[2].verdict_of("Ben"), Verdict::Verified);
    assert_eq!(s.can_undo(), Some("changes from disk"));
    // Saving again with nothing new on disk merges nothing.
    set(&mut s, 1, Verdict::Verified, "Ana");
    assert!(s.save().unwrap().is_none());
}

#[test]
fn two_sessions_on_one_file_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_sample(dir.path());
    let mut a = Session::open(&path).unwrap();
    let mut b = Session::open(&path).unwrap();
    set(&mut a, 0, Verdict::Verified, "Ana");
    set(&mut b, 0, Verdict::Disputed, "Ben");
    set(&mut b, 4, Verdict::AttributedOnly, "Ben");
    assert!(
        b.save().unwrap().is_none(),
        "b saves first: nothing to merge"
    );
    assert!(a.save().unwrap().is_some(), "a finds b's save on disk");
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.claims[0].verdict_of("Ana"), Verdict::Verified);
    assert_eq!(saved.claims[0].verdict_of("Ben"), Verdict::Disputed);
    assert_eq!(saved.claims[4].verdict_of("Ben"), Verdict::AttributedOnly);
}

#[test]
fn a_file_that_is_no_longer_a_project_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_sample(dir.path());
    let mut s = Session::open(&path).unwrap();
    set(&mut s, 0, Verdict::Verified, "Ana");
    std::fs::write(&path, "<<<<<<< HEAD\nnot a project\n").unwrap();
    let err = s.save().unwrap_err();
    assert!(err.contains("nato.ron"), "{err}");
    assert!(err.contains("not overwritten"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "<<<<<<< HEAD\nnot a project\n"
    );
    assert!(s.is_dirty(), "the work is still unsaved, not lost");
}

#[test]
fn a_read_only_file_is_not_overwritten_without_being_asked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = copy_sample(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut s = Session::open(&path).unwrap();
    set(&mut s, 0, Verdict::Verified, "Ana");
    let err = s.save().unwrap_err();
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Asked and answered: overwrite.
    let mut req = s.save_request(&path, false);
    req.overwrite_read_only = true;
    let serial = s.serial();
    s.finish_save(&path, serial, claimdesk::session::disk::save(req))
        .unwrap();
    assert_eq!(
        store::load(&path).unwrap().claims[0].verdict_of("Ana"),
        Verdict::Verified
    );
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444, "the file keeps its mode");
}

fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_MERGE_AUTOEDIT", "no")
        .output()
        .expect("run git");
    assert!(
        o.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn save_after_a_git_merge_through_the_driver_keeps_both_sides() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipping: no git binary on the PATH");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    git(repo, &["symbolic-ref", "HEAD", "refs/heads/main"]);
    git(repo, &["config", "user.name", "Claimdesk Test"]);
    git(repo, &["config", "user.email", "test@example.org"]);
    git(repo, &["config", "commit.gpgsign", "false"]);
    git(
        repo,
        &[
            "config",
            "merge.claimdesk.driver",
            &format!("'{BIN}' merge-driver %O %A %B %P"),
        ],
    );
    std::fs::write(repo.join(".gitattributes"), "*.ron merge=claimdesk\n").unwrap();
    let path = repo.join("p.ron");
    std::fs::copy("projects/nato-chief-kyiv.ron", &path).unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "project"]);
    // Ben's branch: two verdicts.
    git(repo, &["checkout", "-q", "-b", "ben"]);
    tag(&path, "2", "disputed", "Ben");
    tag(&path, "5", "verified", "Ben");
    git(repo, &["commit", "-q", "-am", "Ben's review"]);
    git(repo, &["checkout", "-q", "main"]);
    // Ana's committed work on main, and her open window with unsaved work on top.
    tag(&path, "1", "verified", "Ana");
    git(repo, &["commit", "-q", "-am", "Ana's review"]);
    let mut s = Session::open(&path).unwrap();
    set(&mut s, 6, Verdict::AttributedOnly, "Ana");
    // A pull while the window is open: git runs the claimdesk driver on p.ron.
    git(repo, &["merge", "-q", "--no-edit", "ben"]);
    let merged_on_disk = store::load(&path).unwrap();
    assert_eq!(
        merged_on_disk.claims[1].verdict_of("Ben"),
        Verdict::Disputed
    );
    // The window saves: Ben's reviews (from the merge) and Ana's unsaved one are all there.
    let incoming = s.save().unwrap().expect("the merge on disk is noticed");
    assert!(incoming.report.reviews_added >= 2, "{:?}", incoming.report);
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.claims[0].verdict_of("Ana"), Verdict::Verified);
    assert_eq!(saved.claims[6].verdict_of("Ana"), Verdict::AttributedOnly);
    assert_eq!(saved.claims[1].verdict_of("Ben"), Verdict::Disputed);
    assert_eq!(saved.claims[4].verdict_of("Ben"), Verdict::Verified);
}

#[test]
fn a_disk_check_on_the_worker_merges_their_version_with_ours() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_sample(dir.path());
    let mut s = Session::open(&path).unwrap();
    set(&mut s, 0, Verdict::Disputed, "Ana");
    tag(&path, "2", "verified", "Ben");
    let mut jobs = Jobs::default();
    jobs.start(Job::CheckDisk {
        path: path.clone(),
        known: s.disk.clone().unwrap(),
    });
    let mut done = jobs.wait_all();
    assert_eq!(done.len(), 1);
    let Done::DiskChecked { check, .. } = done.remove(0) else {
        panic!("a disk check");
    };
    let DiskCheck::Found { theirs, disk } = check else {
        panic!("the change is found: {check:?}");
    };
    // The merge with ours runs as a second job, holding a snapshot of ours only then.
    jobs.start(Job::MergeIncoming {
        path: path.clone(),
        base: std::sync::Arc::clone(&s.disk.as_ref().unwrap().base),
        ours: std::sync::Arc::clone(&s.project),
        theirs,
        disk,
        serial: s.serial(),
    });
    let mut done = jobs.wait_all();
    let Done::DiskChecked { check, serial, .. } = done.remove(0) else {
        panic!("a merge");
    };
    assert_eq!(serial, s.serial());
    let DiskCheck::Changed(incoming) = check else {
        panic!("the change is found: {check:?}");
    };
    s.bring_in(*incoming);
    assert_eq!(s.project.claims[0].verdict_of("Ana"), Verdict::Disputed);
    assert_eq!(s.project.claims[1].verdict_of("Ben"), Verdict::Verified);
    assert!(s.is_dirty(), "our own edit is still unsaved");
    assert!(s.undo(), "bringing in is one undoable step");
    assert_eq!(s.project.claims[1].verdict_of("Ben"), Verdict::Unreviewed);
    assert_eq!(s.project.claims[0].verdict_of("Ana"), Verdict::Disputed);
}

#[test]
fn recovery_copies_belong_to_their_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_sample(dir.path());
    let project = store::load(&path).unwrap();
    let copy = RecoveryCopy {
        file: Some(path.clone()),
        written: "2026-11-29T10:00:00Z".into(),
        project,
    };
    let rec = dir.path().join("recovery");
    let first = RecoveryStore::new(&rec);
    let second = RecoveryStore::new(&rec);
    let a = first.write(&copy).unwrap();
    let b = second.write(&copy).unwrap();
    assert_ne!(a, b, "two windows on one file write two copies");
    assert!(
        second.leftovers().is_empty() && first.leftovers().is_empty(),
        "a running window's copy is never offered as a crash"
    );
    second.remove(Some(&path));
    assert!(a.exists(), "removing one's own copy leaves the other's");
    // The first window goes away without a clean exit: its copy is now a leftover.
    drop(first);
    let third = RecoveryStore::new(&rec);
    let left = third.leftovers();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].0, a);
    assert!(left[0].1.is_ok());
    third.remove_leftover(&a);
    assert!(third.leftovers().is_empty());
}

#[test]
fn a_file_open_in_one_window_is_seen_by_another() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_sample(dir.path());
    let rec = dir.path().join("recovery");
    let one = RecoveryStore::new(&rec);
    let two = RecoveryStore::new(&rec);
    let mark = one.mark_open(&path).unwrap();
    assert!(mark.is_some());
    assert!(two.mark_open(&path).unwrap().is_none(), "open elsewhere");
    drop(mark);
    assert!(two.mark_open(&path).unwrap().is_some(), "free again");
}

#[test]
fn read_only_sessions_refuse_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_sample(dir.path());
    let mut s = Session::open(&path).unwrap();
    s.read_only = true;
    let claim = s.project.claims[0].id.clone();
    let err = s
        .apply(
            Action::SetVerdict {
                claim,
                verdict: Verdict::Verified,
            },
            "Ana",
        )
        .unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
    assert!(!s.is_dirty());
}
