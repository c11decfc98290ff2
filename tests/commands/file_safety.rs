//! The life of a project file as users see it, with the real binary: concurrent writers lose
//! nothing, files keep their mode, read-only files and symlinks and devices are respected,
//! temp files of killed writers do not pile up, and output errors never panic.

use claimdesk::model::Verdict;
use claimdesk::store::{self, ProjectLock};
use std::fs::{self, File};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{claimdesk, stderr, stdout};

const SAMPLE: &str = "projects/nato-chief-kyiv.ron";
const ARTICLE: &str = "tests/fixtures/nato-chief-kyiv.txt";
const BIN: &str = env!("CARGO_BIN_EXE_claimdesk");

fn s(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// A copy of the sample project in a fresh folder.
fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    fs::copy(SAMPLE, &path).unwrap();
    (dir, path)
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

fn set_mode(p: &Path, mode: u32) {
    fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
}

fn is_root() -> bool {
    // The owner of a file we just created is who we run as.
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    fs::metadata(dir.path()).unwrap().uid() == 0
}

/// Names of claimdesk temp files left in `dir`.
fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(store::TEMP_SUFFIX))
        .collect()
}

fn tag_cmd(project: &Path, claim: usize, verdict: Verdict, reviewer: &str) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args([
        "tag",
        s(project),
        &claim.to_string(),
        verdict.as_str(),
        "--reviewer",
        reviewer,
    ]);
    cmd
}

/// Runs `args` under `sh` with a shell prelude (umask, ulimit) before exec'ing the binary.
fn with_shell(prelude: &str, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("{prelude}; exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(args)
        .output()
        .unwrap()
}

// (a) Two `tag` processes at the same moment, 200 times: both updates always land.
#[test]
fn concurrent_tags_by_two_reviewers_never_lose_an_update() {
    let (_dir, path) = sample_copy();
    let claims = store::load(&path).unwrap().claims.len();
    let ids: Vec<String> = store::load(&path)
        .unwrap()
        .claims
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let rounds = 200;
    let mut lost = Vec::new();
    let start = Instant::now();
    for round in 0..rounds {
        let claim = round % claims;
        // Each visit of a claim changes both reviewers' verdicts, so a lost write shows.
        let visit = round / claims;
        let (va, vb) = if visit.is_multiple_of(2) {
            (Verdict::Verified, Verdict::AttributedOnly)
        } else {
            (Verdict::Disputed, Verdict::Verified)
        };
        let mut a = tag_cmd(&path, claim + 1, va, "Lock Tester A")
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut b = tag_cmd(&path, claim + 1, vb, "Lock Tester B")
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        assert!(a.wait().unwrap().success(), "round {round}: A failed");
        assert!(b.wait().unwrap().success(), "round {round}: B failed");
        let p = store::load(&path).unwrap();
        let c = p.claim(&ids[claim]).unwrap();
        if c.verdict_of("Lock Tester A") != va || c.verdict_of("Lock Tester B") != vb {
            lost.push(round);
        }
    }
    eprintln!(
        "{rounds} rounds of two concurrent tags in {:?}",
        start.elapsed()
    );
    assert!(lost.is_empty(), "updates lost in rounds {lost:?}");
    assert!(temp_files(path.parent().unwrap()).is_empty());
}

// (b) New files get 0666 minus the umask; a rewritten file keeps its mode.
#[test]
fn new_files_follow_the_umask_and_rewritten_files_keep_their_mode() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let o = with_shell("umask 022", &["new", ARTICLE, "-o", s(&project)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&project), 0o644, "new project under umask 022");

    let html = dir.path().join("report.html");
    let o = with_shell(
        "umask 022",
        &["export", s(&project), "--format", "html", "-o", s(&html)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&html), 0o644, "export under umask 022");

    let private = dir.path().join("private.ron");
    let o = with_shell("umask 077", &["new", ARTICLE, "-o", s(&private)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&private), 0o600, "new project under umask 077");

    set_mode(&project, 0o640);
    let o = with_shell(
        "umask 022",
        &["tag", s(&project), "1", "verified", "--reviewer", "ana"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&project), 0o640, "tag keeps the project's mode");
    assert_eq!(
        store::load(&project).unwrap().claims[0].verdict_of("ana"),
        Verdict::Verified
    );
}

// (c) A read-only project is not written without --force.
#[test]
fn a_read_only_project_is_refused_without_force() {
    let (_dir, path) = sample_copy();
    set_mode(&path, 0o444);
    let before = fs::read(&path).unwrap();
    let o = claimdesk(&["tag", s(&path), "1", "disputed", "--reviewer", "ana"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(s(&path)) && err.contains("read-only (mode 0444)") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "the file must be unchanged"
    );

    let o = claimdesk(&[
        "tag",
        s(&path),
        "1",
        "disputed",
        "--reviewer",
        "ana",
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        store::load(&path).unwrap().claims[0].verdict_of("ana"),
        Verdict::Disputed
    );
    assert_eq!(
        mode(&path),
        0o444,
        "--force writes it but keeps it read-only"
    );
}

// (d) tag through a symlink updates the real file and leaves the link.
#[test]
fn tag_through_a_symlink_updates_the_target_and_keeps_the_link() {
    let (dir, real) = sample_copy();
    let link_dir = dir.path().join("elsewhere");
    fs::create_dir(&link_dir).unwrap();
    let link = link_dir.join("link.ron");
    symlink(&real, &link).unwrap();
    let o = claimdesk(&["tag", s(&link), "2", "verified", "--reviewer", "ana"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&link).unwrap(), real);
    assert_eq!(
        store::load(&real).unwrap().claims[1].verdict_of("ana"),
        Verdict::Verified
    );
    assert!(temp_files(dir.path()).is_empty() && temp_files(&link_dir).is_empty());
}

// (e) A device behind a symlink is written to, never replaced.
#[test]
fn export_onto_a_symlink_to_a_device_keeps_the_link() {
    let (dir, project) = sample_copy();
    let null = dir.path().join("out.csv");
    symlink("/dev/null", &null).unwrap();
    let o = claimdesk(&["export", s(&project), "--format", "csv", "-o", s(&null)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(&null)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&null).unwrap(), Path::new("/dev/null"));
    assert!(
        !fs::metadata("/dev/null").unwrap().is_file(),
        "/dev/null is still a device"
    );
    assert!(temp_files(dir.path()).is_empty());

    // A project "written" to a device: no lock file or temp file lands in /dev.
    let o = claimdesk(&["new", ARTICLE, "-o", s(&null), "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(&null)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!Path::new("/dev/.null.claimdesk-lock").exists());
}

// (e) /dev/stdout is a device (or a pipe) to write to, whatever it links to.
#[test]
fn export_to_dev_stdout_writes_to_standard_output() {
    let (_dir, project) = sample_copy();
    let o = claimdesk(&[
        "export",
        s(&project),
        "--format",
        "csv",
        "-o",
        "/dev/stdout",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with('\u{feff}') && out.contains(",s-"), "{out}");
}

// (f) Temp files of a killed writer go at the next write; a running writer's stay.
#[test]
fn stale_temp_files_of_dead_writers_are_removed_and_live_ones_kept() {
    let (dir, path) = sample_copy();
    // Linux pids stay below 2^22, so this writer cannot be running.
    let dead = dir
        .path()
        .join(".p.ron.4194999.00000000deadbeef.claimdesk-tmp");
    fs::write(&dead, "half a project").unwrap();
    let mut sleeper = Command::new("sleep").arg("30").spawn().unwrap();
    let live = dir.path().join(format!(
        ".p.ron.{}.00000000cafef00d.claimdesk-tmp",
        sleeper.id()
    ));
    fs::write(&live, "being written").unwrap();
    // Another file's temp file is not ours to remove.
    let other = dir
        .path()
        .join(".q.ron.4194999.00000000deadbeef.claimdesk-tmp");
    fs::write(&other, "x").unwrap();

    let o = claimdesk(&["tag", s(&path), "1", "verified", "--reviewer", "ana"]);
    let _ = sleeper.kill();
    let _ = sleeper.wait();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!dead.exists(), "a dead writer's temp file must be removed");
    assert!(live.exists(), "a running writer's temp file must be kept");
    assert!(other.exists());
}

/// A pipe whose reading end is already closed: every write gets EPIPE.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer.into()
}

fn dev_full() -> Stdio {
    File::options()
        .write(true)
        .open("/dev/full")
        .unwrap()
        .into()
}

fn run_with_stdout(args: &[&str], out: Stdio) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

// (g) A closed pipe ends a command quietly; a full stdout is reported, and never panics.
#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let (dir, path) = sample_copy();
    let p = s(&path);
    let merged = dir.path().join("merged.ron");
    let new = dir.path().join("new.ron");
    let commands: Vec<Vec<&str>> = vec![
        vec!["list", p],
        vec!["list", p, "--json"],
        vec!["check", p],
        vec!["stats", p],
        vec!["agreement", p],
        vec!["segment", ARTICLE],
        vec!["export", p, "--format", "markdown", "-o", "-"],
        vec!["tag", p, "3", "disputed", "--reviewer", "ana"],
        vec!["new", ARTICLE, "-o", s(&new)],
        vec!["merge", p, p, "-o", s(&merged)],
    ];
    for args in &commands {
        let o = run_with_stdout(args, closed_pipe());
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
    assert_eq!(
        store::load(&path).unwrap().claims[2].verdict_of("ana"),
        Verdict::Disputed
    );
    assert!(new.exists() && merged.exists());
}

#[test]
fn a_full_stdout_fails_read_only_commands_and_not_saves() {
    let (dir, path) = sample_copy();
    let p = s(&path);
    for args in [
        vec!["list", p],
        vec!["check", p],
        vec!["stats", p, "--json"],
        vec!["agreement", p],
        vec!["segment", ARTICLE],
        vec!["export", p, "--format", "csv", "-o", "-"],
    ] {
        let o = run_with_stdout(&args, dev_full());
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.starts_with("claimdesk: standard output: cannot write: ")
                && err.lines().count() == 1,
            "{args:?}: {err}"
        );
    }
    let new = dir.path().join("new.ron");
    let merged = dir.path().join("merged.ron");
    for args in [
        vec!["tag", p, "4", "verified", "--reviewer", "ana"],
        vec!["new", ARTICLE, "-o", s(&new)],
        vec!["merge", p, p, "-o", s(&merged)],
    ] {
        let o = run_with_stdout(&args, dev_full());
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.starts_with("claimdesk: saved; could not print the summary: ")
                && err.lines().count() == 1,
            "{args:?}: {err}"
        );
    }
    assert_eq!(
        store::load(&path).unwrap().claims[3].verdict_of("ana"),
        Verdict::Verified
    );
    assert!(store::load(&new).is_ok() && store::load(&merged).is_ok());
}

// (h) A full disk: a clear error naming the file; the old file intact, no temp file left.
#[test]
fn a_full_disk_leaves_the_old_file_and_no_temp_file() {
    let (dir, path) = sample_copy();
    let before = fs::read(&path).unwrap();
    // A file size limit of 512 bytes stands in for a full disk (and works as root); with
    // SIGXFSZ ignored the write fails with EFBIG instead of killing the process.
    let o = with_shell(
        "trap '' XFSZ; ulimit -f 1",
        &["tag", s(&path), "1", "verified", "--reviewer", "ana"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(s(&path)) && err.contains("the old file is unchanged"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(
        temp_files(dir.path()).is_empty(),
        "{:?}",
        temp_files(dir.path())
    );
}

#[test]
fn a_read_only_folder_leaves_the_old_file() {
    if is_root() {
        eprintln!("skipped: running as root, a read-only folder does not stop root's writes");
        return;
    }
    let (dir, path) = sample_copy();
    // The lock file is made once; after that the folder's permissions are what matter.
    let o = claimdesk(&["tag", s(&path), "1", "verified", "--reviewer", "ana"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = fs::read(&path).unwrap();
    set_mode(dir.path(), 0o555);
    let o = claimdesk(&["tag", s(&path), "1", "disputed", "--reviewer", "ana"]);
    set_mode(dir.path(), 0o755);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(s(&path)) && err.contains("read-only"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

// (i) A lock held elsewhere: tag waits, then fails clearly; released in time, tag goes on.
#[test]
fn tag_waits_for_a_held_lock_and_then_fails_clearly() {
    let (_dir, path) = sample_copy();
    let before = fs::read(&path).unwrap();
    let held = ProjectLock::acquire(&path, Duration::ZERO).unwrap();
    let start = Instant::now();
    let o = tag_cmd(&path, 1, Verdict::Verified, "ana")
        .env("CLAIMDESK_LOCK_WAIT_MS", "300")
        .output()
        .unwrap();
    let waited = start.elapsed();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "claimdesk: {}: another claimdesk is writing this project (waited 0.3 s); try again\n",
            path.display()
        )
    );
    assert!(waited >= Duration::from_millis(300), "{waited:?}");
    assert_eq!(fs::read(&path).unwrap(), before);

    // Released while tag waits: it goes ahead.
    let child = tag_cmd(&path, 1, Verdict::Verified, "ana")
        .env("CLAIMDESK_LOCK_WAIT_MS", "10000")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "tag must wait for the lock"
    );
    drop(held);
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("ana = verified"), "{}", stdout(&o));
    assert_eq!(
        store::load(&path).unwrap().claims[0].verdict_of("ana"),
        Verdict::Verified
    );
}

// The lock follows the file, not the name: a symlink and its target share it.
#[test]
fn a_lock_on_the_target_holds_off_a_tag_through_a_symlink() {
    let (dir, real) = sample_copy();
    let link = dir.path().join("link.ron");
    symlink("p.ron", &link).unwrap();
    let _held = ProjectLock::acquire(&real, Duration::ZERO).unwrap();
    let o = tag_cmd(&link, 1, Verdict::Verified, "ana")
        .env("CLAIMDESK_LOCK_WAIT_MS", "100")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("another claimdesk is writing this project"));
}

// Times far ahead of the clock are refused on load, naming the claim.
#[test]
fn a_review_dated_in_the_far_future_is_refused() {
    let (_dir, path) = sample_copy();
    let o = claimdesk(&["tag", s(&path), "1", "verified", "--reviewer", "ana"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p = store::load(&path).unwrap();
    let id = p.claims[0].id.clone();
    let changed = p.claims[0].reviews["ana"].changed.clone();
    let text = fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        &format!("changed: \"{changed}\""),
        "changed: \"9999-01-01T00:00:00Z\"",
        1,
    );
    fs::write(&path, text).unwrap();
    let o = claimdesk(&["check", s(&path)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "claim {id}: ana's review was changed at 9999-01-01T00:00:00Z, which is in the future"
        )),
        "{err}"
    );
}
