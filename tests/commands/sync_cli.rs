//! `claimdesk sync DIR` with real git, on local repositories (a bare repository in a temporary
//! folder is the shared remote; no network): reviewers' clones edit the same project and both
//! syncs merge it claim by claim through the merge driver; only saved projects are committed;
//! a conflict outside the projects is undone; sign-in, offline, no remote and a push rejected
//! once are told apart. git runs without the user's configuration (no name, no e-mail), as
//! on a fresh machine.
//!
//! Skipped (with a message) only when there is no `git` binary.

use crate::common::http::{Reply, serve};
use crate::common::{ARTICLE, BIN, have_git, stderr, stdout};
use claimdesk::model::{Project, Verdict};
use claimdesk::store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// git's and claimdesk's environment: no global or system configuration (so no user.name),
/// no prompts, no proxy for the local HTTP server.
fn isolate(c: &mut Command) -> &mut Command {
    c.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("NO_PROXY", "*")
        .env("no_proxy", "*")
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("GIT_AUTHOR_EMAIL")
        .env_remove("GIT_COMMITTER_NAME")
        .env_remove("GIT_COMMITTER_EMAIL")
        .env_remove("EMAIL")
        .env_remove("GIT_SSH_COMMAND")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
}

fn git_in(dir: &Path, args: &[&str]) -> Output {
    isolate(Command::new("git").args(args).current_dir(dir))
        .output()
        .expect("run git")
}

/// git, wanting success; its output. Commits made here are by "Setup".
fn git(dir: &Path, args: &[&str]) -> String {
    let mut all = vec![
        "-c",
        "user.name=Setup",
        "-c",
        "user.email=setup@example.org",
    ];
    all.extend_from_slice(args);
    let o = git_in(dir, &all);
    assert!(
        o.status.success(),
        "git {args:?} in {}: {}{}",
        dir.display(),
        text(&o.stdout),
        text(&o.stderr)
    );
    text(&o.stdout)
}

fn claimdesk(dir: &Path, args: &[&str]) -> Output {
    isolate(Command::new(BIN).args(args).current_dir(dir))
        .output()
        .expect("run claimdesk")
}

fn sync(dir: &Path, reviewer: &str) -> Output {
    claimdesk(dir, &["sync", ".", "--reviewer", reviewer])
}

fn sync_ok(dir: &Path, reviewer: &str) -> String {
    let o = sync(dir, reviewer);
    assert_eq!(
        o.status.code(),
        Some(0),
        "sync as {reviewer}: {}{}",
        stdout(&o),
        stderr(&o)
    );
    stdout(&o)
}

fn sync_json(dir: &Path, reviewer: &str) -> serde_json::Value {
    let o = claimdesk(dir, &["sync", ".", "--reviewer", reviewer, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)))
}

fn tag(dir: &Path, file: &str, claim: &str, verdict: &str, reviewer: &str) {
    let o = claimdesk(dir, &["tag", file, claim, verdict, "--reviewer", reviewer]);
    assert!(o.status.success(), "tag: {}", stderr(&o));
}

fn new_project(dir: &Path, file: &str) {
    if let Some(parent) = dir.join(file).parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    let o = claimdesk(dir, &["new", ARTICLE, "-o", file, "--title", "NATO chief"]);
    assert!(o.status.success(), "new: {}", stderr(&o));
}

/// The files of the last commit.
fn committed(dir: &Path) -> Vec<String> {
    git(dir, &["ls-tree", "-r", "--name-only", "HEAD"])
        .lines()
        .map(String::from)
        .collect()
}

fn load(path: &Path) -> Project {
    store::load(path).unwrap_or_else(|e| panic!("{e}"))
}

/// A shared bare repository and reviewers' clones of it (made before anything was pushed,
/// so they start empty, as a team does).
struct Team {
    dir: tempfile::TempDir,
}

impl Team {
    fn new(reviewers: &[&str]) -> Team {
        let team = Team {
            dir: tempfile::tempdir().unwrap(),
        };
        let d = team.dir.path();
        git(d, &["init", "-q", "--bare", "shared.git"]);
        git(
            &d.join("shared.git"),
            &["symbolic-ref", "HEAD", "refs/heads/main"],
        );
        for r in reviewers {
            git(d, &["clone", "-q", "shared.git", r]);
            git(&d.join(r), &["symbolic-ref", "HEAD", "refs/heads/main"]);
            git(&d.join(r), &["config", "commit.gpgsign", "false"]);
        }
        team
    }

    fn clone(&self, reviewer: &str) -> PathBuf {
        self.dir.path().join(reviewer)
    }

    fn remote(&self) -> PathBuf {
        self.dir.path().join("shared.git")
    }
}

#[test]
fn two_reviewers_edit_different_claims_and_both_syncs_merge_them_claim_by_claim() {
    if !have_git() {
        return;
    }
    let team = Team::new(&["ana", "ben"]);
    let (ana, ben) = (team.clone("ana"), team.clone("ben"));
    new_project(&ana, "kyiv/p.ron");
    let out = sync_ok(&ana, "Ana");
    assert!(
        out.contains("Installed the claimdesk merge driver for this repository"),
        "{out}"
    );
    assert!(out.contains("Committed 1 project ("), "{out}");
    assert!(out.contains("Pushed to origin/main"), "{out}");
    let out = sync_ok(&ben, "Ben");
    assert!(out.contains("Pulled 1 commit from origin/main"), "{out}");

    // The driver was installed pointing at this very binary, and routed locally.
    let driver = git(&ben, &["config", "--local", "merge.claimdesk.driver"]);
    // The program as the system names it (a target folder may be reached through a link).
    let real = std::fs::canonicalize(BIN).unwrap();
    assert!(
        driver.contains(BIN) || driver.contains(real.to_str().unwrap()),
        "{driver}"
    );
    assert!(
        driver.trim_end().ends_with(" merge-driver %O %A %B %P"),
        "{driver}"
    );
    let attributes = std::fs::read_to_string(ben.join(".git/info/attributes")).unwrap();
    assert!(attributes.contains("*.ron merge=claimdesk"), "{attributes}");
    assert!(!committed(&ben).contains(&".gitattributes".to_string()));

    // Each reviews different claims of the same project, at the same time.
    tag(&ana, "kyiv/p.ron", "1", "verified", "Ana");
    tag(&ana, "kyiv/p.ron", "3", "disputed", "Ana");
    tag(&ben, "kyiv/p.ron", "2", "attributed-only", "Ben");
    tag(&ben, "kyiv/p.ron", "5", "verified", "Ben");
    sync_ok(&ana, "Ana");
    let report = sync_json(&ben, "Ben");
    assert_eq!(report["committed"], serde_json::json!(["kyiv/p.ron"]));
    assert_eq!(report["pulled"], 1);
    assert_eq!(report["merged_projects"], serde_json::json!(["kyiv/p.ron"]));
    assert_eq!(report["pushed"], true);
    assert_eq!(report["upstream"], "origin/main");
    assert_eq!(report["driver_installed"], false);
    let notes = report["merge_notes"].to_string();
    assert!(notes.contains("kyiv/p.ron: "), "{notes}");
    let out = sync_ok(&ana, "Ana");
    assert_eq!(
        out, "Pulled 2 commits from origin/main\n",
        "Ben's commit and his merge; nothing to commit or push"
    );
    assert_eq!(
        sync_ok(&ana, "Ana"),
        "Up to date: nothing to commit, pull or push\n"
    );

    // Both clones and the remote hold both reviewers' work, merged (not line by line: the
    // file loads, and nobody's review is lost).
    for dir in [&ana, &ben] {
        let p = load(&dir.join("kyiv/p.ron"));
        let v = |n: usize, who: &str| p.claims[n - 1].verdict_of(who);
        assert_eq!(v(1, "Ana"), Verdict::Verified);
        assert_eq!(v(3, "Ana"), Verdict::Disputed);
        assert_eq!(v(2, "Ben"), Verdict::AttributedOnly);
        assert_eq!(v(5, "Ben"), Verdict::Verified);
        let mut reviewers = p.reviewers.clone();
        reviewers.sort();
        assert_eq!(reviewers, ["Ana", "Ben"]);
        assert_eq!(git(dir, &["status", "--porcelain", "-uno"]), "");
    }
    assert_eq!(
        git(&ana, &["rev-parse", "HEAD"]),
        git(&team.remote(), &["rev-parse", "main"])
    );
    assert_eq!(
        git(&ana, &["rev-parse", "HEAD"]),
        git(&ben, &["rev-parse", "HEAD"])
    );
    // On a machine where git knows nobody, commits are by the reviewer.
    let authors = git(&ana, &["log", "--format=%an <%ae>|%s"]);
    assert!(
        authors.contains("Ben <>|claimdesk sync: 1 project (Ben)"),
        "{authors}"
    );
    assert!(
        authors.contains("Ana <>|claimdesk sync: 1 project (Ana)"),
        "{authors}"
    );
}

#[test]
fn only_saved_projects_are_committed() {
    if !have_git() {
        return;
    }
    let team = Team::new(&["ana"]);
    let ana = team.clone("ana");
    new_project(&ana, "p.ron");
    new_project(&ana, "2024/april/q.ron");
    std::fs::write(ana.join("notes.txt"), "call the ministry back\n").unwrap();
    std::fs::write(
        ana.join(".p.ron.4242.9f3a.claimdesk-tmp"),
        "(format_version",
    )
    .unwrap();
    std::fs::write(ana.join(".p.ron.claimdesk-lock"), "").unwrap();
    std::fs::write(ana.join("draft.md"), "# draft\n").unwrap();
    let o = sync(&ana, "Ana");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(committed(&ana), ["2024/april/q.ron", "p.ron"]);
    let status = git(&ana, &["status", "--porcelain", "--untracked-files=all"]);
    for left in [
        "notes.txt",
        ".p.ron.4242.9f3a.claimdesk-tmp",
        ".p.ron.claimdesk-lock",
        "draft.md",
    ] {
        assert!(status.contains(&format!("?? {left}")), "{left}: {status}");
    }
    // And only those went to the remote.
    let remote = git(&team.remote(), &["ls-tree", "-r", "--name-only", "main"]);
    assert_eq!(remote, "2024/april/q.ron\np.ron\n");
    assert!(
        stdout(&o).contains("Committed 2 projects ("),
        "{}",
        stdout(&o)
    );
    // Progress went to standard error.
    let err = stderr(&o);
    for step in [
        "sync: checking the repository",
        "sync: committing 2 projects",
        "sync: pulling",
        "sync: pushing",
        "sync: done",
    ] {
        assert!(err.contains(step), "{step}: {err}");
    }
}

#[test]
fn a_project_with_conflict_markers_is_not_committed_and_is_named() {
    if !have_git() {
        return;
    }
    let team = Team::new(&["ana"]);
    let ana = team.clone("ana");
    new_project(&ana, "good.ron");
    new_project(&ana, "bad.ron");
    // bad.ron as a merge by hand left it.
    let src = std::fs::read_to_string(ana.join("bad.ron")).unwrap();
    let mut lines: Vec<&str> = src.lines().collect();
    lines.insert(
        3,
        "<<<<<<< HEAD\n  title: \"mine\",\n=======\n  title: \"theirs\",\n>>>>>>> origin/main",
    );
    std::fs::write(ana.join("bad.ron"), lines.join("\n")).unwrap();
    let o = sync(&ana, "Ana");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(committed(&ana), ["good.ron"]);
    let err = stderr(&o);
    assert!(
        err.contains("claimdesk: warning: bad.ron: not committed: it has conflict markers"),
        "{err}"
    );
    let report = sync_json(&ana, "Ana");
    let warnings = report["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].as_str().unwrap().starts_with("bad.ron: "));
}

#[test]
fn without_a_remote_the_projects_are_committed_and_that_is_said() {
    if !have_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["symbolic-ref", "HEAD", "refs/heads/main"]);
    new_project(d, "p.ron");
    let o = sync(d, "Ana");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    let hash = git(d, &["rev-parse", "--short=7", "HEAD"]);
    assert!(
        err.contains(&format!(
            "claimdesk: your saved project was committed here (commit {}), but the repository has no remote",
            hash.trim()
        )),
        "{err}"
    );
    assert!(err.contains("git remote add origin URL"), "{err}");
    assert_eq!(
        err.lines()
            .filter(|l| !l.starts_with("claimdesk: sync: "))
            .count(),
        1,
        "{err}"
    );
    assert_eq!(committed(d), ["p.ron"]);
}

#[test]
fn a_conflict_outside_the_projects_is_undone_and_named() {
    if !have_git() {
        return;
    }
    let team = Team::new(&["ana", "ben"]);
    let (ana, ben) = (team.clone("ana"), team.clone("ben"));
    new_project(&ana, "p.ron");
    std::fs::write(ana.join("notes.txt"), "who checks what\n").unwrap();
    git(&ana, &["add", "notes.txt"]);
    git(&ana, &["commit", "-q", "-m", "notes"]);
    sync_ok(&ana, "Ana");
    sync_ok(&ben, "Ben");

    // Both change the notes (by hand, with git: sync never commits them)...
    std::fs::write(ana.join("notes.txt"), "Ana checks the figures\n").unwrap();
    git(&ana, &["commit", "-q", "-am", "Ana's notes"]);
    sync_ok(&ana, "Ana");
    std::fs::write(ben.join("notes.txt"), "Ben checks the quotes\n").unwrap();
    git(&ben, &["commit", "-q", "-am", "Ben's notes"]);
    // ...and Ben has reviewed too.
    tag(&ben, "p.ron", "2", "disputed", "Ben");
    let before = git(&ben, &["rev-parse", "HEAD"]);

    let o = sync(&ben, "Ben");
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let err = stderr(&o);
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("claimdesk: sync stopped: notes.txt changed both here and on the remote and could not be merged"),
        "{err}"
    );
    assert!(last.contains("the pull was undone"), "{err}");
    // The merge is undone: no MERGE_HEAD, the files as they were, Ben's review committed.
    let merge_head = git(&ben, &["rev-parse", "--git-path", "MERGE_HEAD"]);
    assert!(!ben.join(merge_head.trim()).exists(), "MERGE_HEAD left");
    assert_eq!(git(&ben, &["status", "--porcelain", "-uno"]), "");
    assert_eq!(
        std::fs::read_to_string(ben.join("notes.txt")).unwrap(),
        "Ben checks the quotes\n"
    );
    let head = git(&ben, &["rev-parse", "HEAD^"]);
    assert_eq!(head, before, "one commit on top: Ben's review");
    let p = load(&ben.join("p.ron"));
    assert_eq!(p.claims[1].verdict_of("Ben"), Verdict::Disputed);
    assert_eq!(
        git(&ben, &["log", "-1", "--format=%s"]).trim(),
        "claimdesk sync: 1 project (Ben)"
    );
}

#[test]
fn changes_sync_does_not_commit_stop_the_pull_before_it_starts() {
    if !have_git() {
        return;
    }
    let team = Team::new(&["ana", "ben"]);
    let (ana, ben) = (team.clone("ana"), team.clone("ben"));
    new_project(&ana, "p.ron");
    std::fs::write(ana.join("notes.txt"), "v1\n").unwrap();
    git(&ana, &["add", "notes.txt"]);
    git(&ana, &["commit", "-q", "-m", "notes"]);
    sync_ok(&ana, "Ana");
    sync_ok(&ben, "Ben");
    std::fs::write(ana.join("notes.txt"), "v2\n").unwrap();
    git(&ana, &["commit", "-q", "-am", "v2"]);
    sync_ok(&ana, "Ana");
    // Ben's notes changed but are not committed: the pull would overwrite them.
    std::fs::write(ben.join("notes.txt"), "Ben's v2\n").unwrap();
    let o = sync(&ben, "Ben");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("would overwrite changes here that sync does not commit: notes.txt"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(ben.join("notes.txt")).unwrap(),
        "Ben's v2\n"
    );
}

fn unauthorized(_path: &str) -> Reply {
    Reply {
        status: "401 Unauthorized",
        headers: vec!["WWW-Authenticate: Basic realm=\"shared desk\"".into()],
        body: b"sign in\n".to_vec(),
    }
}

/// A repository with one project, whose remote `origin` is `url`.
fn repo_with_remote(url: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["symbolic-ref", "HEAD", "refs/heads/main"]);
    git(d, &["remote", "add", "origin", url]);
    new_project(d, "p.ron");
    dir
}

#[test]
fn a_remote_that_wants_a_password_is_named() {
    if !have_git() {
        return;
    }
    let base = serve(unauthorized);
    let url = format!("{base}/desks/shared.git");
    let dir = repo_with_remote(&url);
    let o = sync(dir.path(), "Ana");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    let last = err.lines().last().unwrap();
    assert_eq!(
        last,
        format!(
            "claimdesk: the remote origin ({url}) needs you to sign in, and sync cannot ask for a password or key: sign in once in a terminal (`git fetch origin`), or set up a credential helper or an SSH key, then sync again"
        ),
        "{err}"
    );
    // The project was committed before the pull.
    assert_eq!(committed(dir.path()), ["p.ron"]);

    // A password in the address is never shown.
    let with_password = url.replace("http://", "http://ana:s3cret@");
    git(dir.path(), &["remote", "set-url", "origin", &with_password]);
    let o = sync(dir.path(), "Ana");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(!err.contains("s3cret"), "{err}");
    assert!(err.contains("needs you to sign in"), "{err}");
}

#[test]
fn an_unreachable_remote_is_offline() {
    if !have_git() {
        return;
    }
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/shared.git");
    let dir = repo_with_remote(&url);
    let o = sync(dir.path(), "Ana");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "claimdesk: cannot reach the remote origin ({url}) ("
        )),
        "{err}"
    );
    assert!(err.contains("check the network connection"), "{err}");
}

#[test]
fn not_a_repository_is_a_clear_error() {
    if !have_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    new_project(dir.path(), "p.ron");
    let o = claimdesk(dir.path(), &["sync", ".", "--reviewer", "Ana"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("claimdesk: . is not in a git repository, so there is nothing to sync with"),
        "{err}"
    );
    assert_eq!(stdout(&o), "");
    let o = claimdesk(dir.path(), &["sync", "missing"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "claimdesk: missing: no such folder\n");
}

#[test]
fn without_any_name_nothing_is_committed() {
    if !have_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    new_project(d, "p.ron");
    let o = claimdesk(d, &["sync", "."]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("sync needs a name to commit your projects under"),
        "{}",
        stderr(&o)
    );
    assert!(
        git_in(d, &["rev-parse", "-q", "--verify", "HEAD"])
            .stdout
            .is_empty()
    );
    // git's own name is enough.
    git(d, &["config", "user.name", "Ana Kovač"]);
    let o = claimdesk(d, &["sync", "."]);
    assert!(
        stderr(&o).contains("your saved project was committed here"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        git(d, &["log", "-1", "--format=%an|%s"]).trim(),
        "Ana Kovač|claimdesk sync: 1 project (Ana Kovač)"
    );
}

#[test]
fn a_push_rejected_because_someone_pushed_meanwhile_is_retried() {
    if !have_git() {
        return;
    }
    let team = Team::new(&["ana", "ben", "cara"]);
    let (ana, ben, cara) = (team.clone("ana"), team.clone("ben"), team.clone("cara"));
    new_project(&ana, "a.ron");
    sync_ok(&ana, "Ana");
    new_project(&ben, "b.ron");
    sync_ok(&ben, "Ben");
    sync_ok(&cara, "Cara");
    // Cara has a commit ready to push.
    new_project(&cara, "c.ron");
    git(&cara, &["add", "c.ron"]);
    git(&cara, &["commit", "-q", "-m", "Cara's project"]);

    // Ana syncs a new project; right after her merge (before her push) Cara pushes.
    let flag = team.dir.path().join("cara-pushed");
    let hook = ana.join(".git/hooks/post-merge");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\n[ -e '{flag}' ] && exit 0\ntouch '{flag}'\nunset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX\ncd '{cara}' && git push -q origin main\n",
            flag = flag.display(),
            cara = cara.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    new_project(&ana, "d.ron");
    let report = sync_json(&ana, "Ana");
    assert!(flag.exists(), "the hook ran");
    assert_eq!(report["push_retried"], true, "{report}");
    assert_eq!(report["pushed"], true);
    // Ben's commit and his merge of Ana's, then Cara's commit.
    assert_eq!(report["pulled"], 3, "{report}");
    let remote = git(&team.remote(), &["ls-tree", "-r", "--name-only", "main"]);
    assert_eq!(remote, "a.ron\nb.ron\nc.ron\nd.ron\n");
    assert_eq!(
        git(&ana, &["rev-parse", "HEAD"]),
        git(&team.remote(), &["rev-parse", "main"])
    );
}

/// The project in `p.ron` over an edited article text, with every review kept (as a reviewer
/// fixing a typo in the app ends up with).
fn edit_text(dir: &Path, edit: impl Fn(&str) -> String) {
    use claimdesk::article::{ArticleInfo, new_project};
    let path = dir.join("p.ron");
    let old = load(&path);
    let fresh = new_project(
        ArticleInfo {
            title: old.article.title.clone(),
            ..ArticleInfo::default()
        },
        edit(&old.article.text),
    );
    let out = claimdesk::merge::merge(&[fresh, old]).unwrap();
    store::save(&path, &out.project).unwrap();
}

#[test]
fn a_project_the_driver_cannot_merge_is_a_conflict_that_is_undone() {
    if !have_git() {
        return;
    }
    let team = Team::new(&["ana", "ben"]);
    let (ana, ben) = (team.clone("ana"), team.clone("ben"));
    new_project(&ana, "p.ron");
    sync_ok(&ana, "Ana");
    sync_ok(&ben, "Ben");
    // Both fix a different typo in the article text: the driver will not choose a text.
    edit_text(&ana, |t| t.replacen("surprise visit", "surprise trip", 1));
    tag(&ana, "p.ron", "1", "verified", "Ana");
    sync_ok(&ana, "Ana");
    edit_text(&ben, |t| t.replacen("artefacts", "artifacts", 1));
    tag(&ben, "p.ron", "2", "disputed", "Ben");
    let mine = std::fs::read(ben.join("p.ron")).unwrap();

    let o = sync(&ben, "Ben");
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let err = stderr(&o);
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with(
            "claimdesk: sync stopped: p.ron changed both here and on the remote and could not be merged (p.ron: both sides changed the article text differently"
        ),
        "{err}"
    );
    assert!(
        !last.contains("git add"),
        "no advice about the merge undone: {last}"
    );
    // As it was: Ben's file, committed; no merge left over, no set-aside text.
    assert_eq!(std::fs::read(ben.join("p.ron")).unwrap(), mine);
    assert_eq!(git(&ben, &["status", "--porcelain", "-uno"]), "");
    assert!(!ben.join("p.ron.theirs-article.txt").exists());
    let merge_head = git(&ben, &["rev-parse", "--git-path", "MERGE_HEAD"]);
    assert!(!ben.join(merge_head.trim()).exists(), "MERGE_HEAD left");
    assert_eq!(committed(&ben), ["p.ron"]);
    assert_eq!(
        git(&ben, &["log", "-1", "--format=%s"]).trim(),
        "claimdesk sync: 1 project (Ben)"
    );
}
