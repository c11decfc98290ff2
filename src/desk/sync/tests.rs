//! Sync's parts on their own, and `sync` with real git on local repositories (no merge
//! driver runs here: the command-line tests in tests/commands/sync_cli.rs have the binary).

use super::driver::{ATTRIBUTES_LINE, driver_command, shell_quote};
use super::git::{Trouble, parse_config, redact, summary, trouble};
use super::stage::{Change, has_conflict_markers, parse_status};
use super::*;
use crate::article::{ArticleInfo, new_project};
use crate::model::Verdict;
use crate::{clock, ops, store};
use std::process::Command;

#[test]
fn git_messages_are_told_apart() {
    let http_auth = "Cloning into 'x'...\nfatal: could not read Username for 'https://example.org': terminal prompts disabled\n";
    assert_eq!(trouble(http_auth), Trouble::Auth);
    let ssh_auth = "git@example.org: Permission denied (publickey).\r\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n";
    assert_eq!(trouble(ssh_auth), Trouble::Auth);
    assert_eq!(
        trouble(
            "remote: HTTP Basic: Access denied\nfatal: Authentication failed for 'https://gitlab.example/x.git/'\n"
        ),
        Trouble::Auth
    );
    assert_eq!(
        trouble("fatal: unable to access 'https://example.invalid/x.git/': Could not resolve host: example.invalid\n"),
        Trouble::Offline(
            "unable to access 'https://example.invalid/x.git/': Could not resolve host: example.invalid".into()
        )
    );
    assert_eq!(
        trouble(
            "ssh: connect to host example.org port 22: Connection refused\r\nfatal: Could not read from remote repository.\n"
        ),
        Trouble::Offline("connect to host example.org port 22: Connection refused".into())
    );
    assert!(matches!(
        trouble(
            "error: RPC failed; curl 28 Operation too slow. Less than 1 bytes/sec transferred the last 60 seconds\n"
        ),
        Trouble::Offline(_)
    ));
    assert_eq!(
        trouble("Host key verification failed.\r\nfatal: Could not read from remote repository.\n"),
        Trouble::HostKey
    );
    assert_eq!(
        trouble("fatal: '/nowhere' does not appear to be a git repository\n"),
        Trouble::Other
    );
}

#[test]
fn passwords_never_reach_a_message() {
    assert_eq!(
        redact("fatal: unable to access 'https://ana:s3cret@example.org/desk.git/': 403"),
        "fatal: unable to access 'https://ana@example.org/desk.git/': 403"
    );
    assert_eq!(
        redact("https://example.org/x and ssh://git@host/y"),
        "https://example.org/x and ssh://git@host/y"
    );
    assert_eq!(
        summary("hint: one\nerror: failed to push some refs to 'https://a:b@h/x'\nhint: two\n"),
        "failed to push some refs to 'https://a@h/x'"
    );
    assert_eq!(summary("just this\n"), "just this");
    assert_eq!(summary(""), "git gave no reason");
}

#[test]
fn git_output_is_parsed() {
    assert_eq!(
        parse_status(b"?? a b.ron\0 M dir/p.ron\0D  gone.ron\0UU both.txt\0"),
        [
            Change {
                xy: *b"??",
                path: "a b.ron".into()
            },
            Change {
                xy: *b" M",
                path: "dir/p.ron".into()
            },
            Change {
                xy: *b"D ",
                path: "gone.ron".into()
            },
            Change {
                xy: *b"UU",
                path: "both.txt".into()
            },
        ]
    );
    assert_eq!(
        parse_config(
            b"user.name\nAna Kova\xc4\x8d\0core.bare\nfalse\0remote.a.b.url\nx\ny\0flag\0"
        ),
        [
            ("user.name".to_string(), "Ana Kovač".to_string()),
            ("core.bare".into(), "false".into()),
            ("remote.a.b.url".into(), "x\ny".into()),
            ("flag".into(), "true".into()),
        ]
    );
}

#[test]
fn the_driver_command_survives_the_shell() {
    assert_eq!(shell_quote("/usr/bin/claimdesk"), "/usr/bin/claimdesk");
    assert_eq!(
        shell_quote("/home/ana/My Tools/claimdesk"),
        "'/home/ana/My Tools/claimdesk'"
    );
    assert_eq!(
        shell_quote("/tmp/it's/claimdesk"),
        r"'/tmp/it'\''s/claimdesk'"
    );
    assert_eq!(shell_quote("/x/$(rm -rf ~)"), "'/x/$(rm -rf ~)'");
    assert_eq!(
        driver_command(Path::new("/opt/claim desk/claimdesk")),
        "'/opt/claim desk/claimdesk' merge-driver %O %A %B %P"
    );
    assert_eq!(
        driver_command(Path::new("")),
        "claimdesk merge-driver %O %A %B %P"
    );
    // Run through sh, the quoted word is the path again.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "printf %s {}",
            shell_quote("/tmp/it's a \"test\" $HOME")
        ))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "/tmp/it's a \"test\" $HOME"
    );
}

#[test]
fn conflict_markers_are_seen() {
    assert!(has_conflict_markers(
        b"(\n<<<<<<< HEAD\n  a: 1,\n=======\n  a: 2,\n>>>>>>> origin/main\n)\n"
    ));
    assert!(!has_conflict_markers(b"(text: \"a >>>>>>> b\")\n"));
    assert!(!has_conflict_markers(b">>>>>>> x\n<<<<<<< y\n"));
}

#[test]
fn every_error_is_one_line() {
    let errors = [
        SyncError::NotARepository("/d".into()),
        SyncError::GitMissing,
        SyncError::NoRemote {
            committed: 2,
            commit: Some("0123456789abcdef".into()),
        },
        SyncError::NoRemote {
            committed: 0,
            commit: None,
        },
        SyncError::AuthNeeded {
            remote: "origin".into(),
            url: "https://example.org/desk.git".into(),
        },
        SyncError::Conflict {
            files: vec!["notes.txt".into()],
            why: vec!["p.ron: both sides changed the article text".into()],
        },
        SyncError::Offline {
            remote: "origin".into(),
            url: "https://example.org/desk.git".into(),
            detail: "Could not resolve host: example.org".into(),
        },
        SyncError::Rejected {
            remote: "origin".into(),
            detail: "pre-receive hook declined".into(),
        },
        SyncError::LocalChanges {
            files: vec!["notes.txt".into()],
        },
        SyncError::InProgress {
            operation: "rebase",
            files: vec![],
        },
        SyncError::NoReviewer,
        SyncError::Git {
            step: "push",
            detail: "the remote end hung up".into(),
        },
    ];
    for e in errors {
        let line = e.to_string();
        assert!(!line.contains('\n'), "{line}");
        assert!(line.len() > 20, "{line}");
    }
    let no_remote = SyncError::NoRemote {
        committed: 2,
        commit: Some("0123456789abcdef".into()),
    };
    assert!(
        no_remote
            .to_string()
            .starts_with("your 2 saved projects were committed here (commit 0123456)"),
        "{no_remote}"
    );
    let auth = SyncError::AuthNeeded {
        remote: "origin".into(),
        url: "https://example.org/desk.git".into(),
    };
    assert!(
        auth.to_string()
            .starts_with("the remote origin (https://example.org/desk.git) needs you to sign in"),
        "{auth}"
    );
    let many: Vec<PathBuf> = (0..8).map(|i| PathBuf::from(format!("f{i}.txt"))).collect();
    assert!(
        SyncError::LocalChanges { files: many }
            .to_string()
            .contains("f0.txt, f1.txt, f2.txt, f3.txt, f4.txt and 3 more")
    );
}

// With real git.

/// Git away from the user's own configuration (hooks, signing, a global driver).
fn isolated() -> Vec<(String, String)> {
    vec![
        ("GIT_CONFIG_GLOBAL".into(), "/dev/null".into()),
        ("GIT_CONFIG_NOSYSTEM".into(), "1".into()),
    ]
}

fn have_git() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipping: no git binary on the PATH");
    }
    ok
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .envs(isolated())
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn init(dir: &Path) {
    git(dir, &["init", "-q"]);
    git(dir, &["symbolic-ref", "HEAD", "refs/heads/main"]);
    git(dir, &["config", "commit.gpgsign", "false"]);
}

fn options(reviewer: &str) -> SyncOptions {
    SyncOptions {
        git_env: isolated(),
        ..SyncOptions::new(reviewer, "/nowhere/claimdesk")
    }
}

/// A small valid project; `reviewer` judged its first claim.
fn project(path: &Path, title: &str, reviewer: &str) {
    let mut p = new_project(
        ArticleInfo {
            title: title.into(),
            ..ArticleInfo::default()
        },
        format!(
            "{title} opened on Monday. The mayor said 300 people came. Tickets cost 5 euros.\n"
        ),
    );
    let id = p.claims[0].id.clone();
    ops::set_verdict(&mut p, &id, reviewer, Verdict::Verified, &clock::now()).unwrap();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    store::save(path, &p).unwrap();
}

fn run(desk: &Path, options: &SyncOptions) -> (Result<SyncReport, SyncError>, Vec<SyncStep>) {
    let mut steps = Vec::new();
    let result = sync(desk, options, &mut |s| steps.push(s));
    (result, steps)
}

/// The files in the last commit.
fn tracked(dir: &Path) -> Vec<String> {
    git(dir, &["ls-tree", "-r", "--name-only", "HEAD"])
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn a_folder_is_a_repository_when_git_says_so() {
    let dir = tempfile::tempdir().unwrap();
    assert!(!is_repository(dir.path()));
    assert!(!is_repository(&dir.path().join("missing")));
    std::fs::create_dir_all(dir.path().join("wt/desk")).unwrap();
    std::fs::write(
        dir.path().join("wt/.git"),
        "gitdir: /somewhere/.git/worktrees/wt\n",
    )
    .unwrap();
    assert!(is_repository(&dir.path().join("wt/desk")));
    if !have_git() {
        return;
    }
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join("sub")).unwrap();
    init(&repo);
    assert!(is_repository(&repo));
    assert!(is_repository(&repo.join("sub")));

    let (result, steps) = run(dir.path(), &options("Ana"));
    assert_eq!(result, Err(SyncError::NotARepository(dir.path().into())));
    assert_eq!(steps, [SyncStep::Checking]);
}

#[test]
fn only_saved_valid_projects_are_committed_and_without_a_remote_that_is_said() {
    if !have_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    init(d);
    project(&d.join("kyiv.ron"), "Kyiv", "Ana");
    project(&d.join("2024/lyon.ron"), "Lyon", "Ana");
    project(&d.join("open.ron"), "Open", "Ana");
    std::fs::write(d.join("notes.txt"), "my notes\n").unwrap();
    std::fs::write(d.join(".kyiv.ron.4242.1a2b.claimdesk-tmp"), "(half").unwrap();
    std::fs::write(d.join(".kyiv.ron.claimdesk-lock"), "").unwrap();
    std::fs::write(d.join("broken.ron"), "(format_version: 1,").unwrap();
    std::fs::write(
        d.join("conflicted.ron"),
        "(\n<<<<<<< HEAD\n  title: \"a\",\n=======\n  title: \"b\",\n>>>>>>> theirs\n)\n",
    )
    .unwrap();
    // Something the user staged by hand stays staged, not committed.
    std::fs::write(d.join("staged.txt"), "staged\n").unwrap();
    git(d, &["add", "staged.txt"]);

    let opts = SyncOptions {
        exclude: vec!["open.ron".into()],
        ..options("Ana Kovač")
    };
    let mut steps = Vec::new();
    let mut report = SyncReport::default();
    let result = sync_into(d, &opts, &mut |s| steps.push(s), &mut report);
    let Err(SyncError::NoRemote { committed, commit }) = result else {
        panic!("{result:?}");
    };
    // What was done before the error is in the report.
    assert_eq!(report.commit, commit);
    let w = report.warnings.join("\n");
    assert!(
        w.contains("open.ron: not committed: it has unsaved changes"),
        "{w}"
    );
    assert!(
        w.contains("broken.ron: not committed: it does not load as a project (broken.ron:1:"),
        "{w}"
    );
    assert!(
        w.contains("conflicted.ron: not committed: it has conflict markers"),
        "{w}"
    );
    assert_eq!(report.warnings.len(), 3, "{w}");
    assert_eq!(committed, 2);
    let commit = commit.expect("committed");
    assert_eq!(git(d, &["rev-parse", "HEAD"]).trim(), commit);
    assert_eq!(tracked(d), ["2024/lyon.ron", "kyiv.ron"]);
    assert_eq!(
        steps,
        [
            SyncStep::Checking,
            SyncStep::InstallingDriver,
            SyncStep::Committing { files: 2 }
        ]
    );
    let message = git(d, &["log", "-1", "--format=%s%n%b%n%an <%ae>"]);
    assert!(
        message.starts_with("claimdesk sync: 2 projects (Ana Kovač)\n2024/lyon.ron\nkyiv.ron\n"),
        "{message}"
    );
    assert!(message.contains("Ana Kovač <>"), "{message}");
    let status = git(d, &["status", "--porcelain"]);
    assert!(status.contains("A  staged.txt"), "{status}");

    // The driver is set up, locally.
    let config = git(d, &["config", "--local", "merge.claimdesk.driver"]);
    assert_eq!(config.trim(), "/nowhere/claimdesk merge-driver %O %A %B %P");
    let attributes = std::fs::read_to_string(d.join(".git/info/attributes")).unwrap();
    assert!(
        attributes.lines().any(|l| l == ATTRIBUTES_LINE),
        "{attributes}"
    );
    assert!(!d.join(".gitattributes").exists());

    // Nothing new: nothing to install or commit.
    let (again, steps) = run(d, &opts);
    assert_eq!(
        again,
        Err(SyncError::NoRemote {
            committed: 0,
            commit: None
        })
    );
    assert_eq!(steps, [SyncStep::Checking], "nothing to install or commit");
}

#[test]
fn warnings_name_what_was_not_committed() {
    if !have_git() {
        return;
    }
    let remote = tempfile::tempdir().unwrap();
    git(remote.path(), &["init", "-q", "--bare"]);
    git(remote.path(), &["symbolic-ref", "HEAD", "refs/heads/main"]);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    init(d);
    git(
        d,
        &["remote", "add", "origin", &remote.path().to_string_lossy()],
    );
    project(&d.join("gone.ron"), "Gone", "Ana");
    project(&d.join("open.ron"), "Open", "Ana");
    let (first, _) = run(d, &options("Ana"));
    let first = first.unwrap();
    assert!(first.pushed);
    assert_eq!(first.upstream.as_deref(), Some("origin/main"));
    assert_eq!(
        git(d, &["rev-parse", "--abbrev-ref", "main@{u}"]).trim(),
        "origin/main"
    );

    std::fs::remove_file(d.join("gone.ron")).unwrap();
    project(&d.join("open.ron"), "Open", "Ben");
    std::fs::write(d.join("bad.ron"), "(format_version: 1,").unwrap();
    let opts = SyncOptions {
        exclude: vec![d.join("open.ron")],
        ..options("Ana")
    };
    let (second, _) = run(d, &opts);
    let second = second.unwrap();
    assert_eq!(second.commit, None);
    assert!(!second.pushed);
    let w = second.warnings.join("\n");
    assert!(
        w.contains("gone.ron: deleted here but not committed"),
        "{w}"
    );
    assert!(
        w.contains("open.ron: not committed: it has unsaved changes"),
        "{w}"
    );
    assert!(
        w.contains("bad.ron: not committed: it does not load as a project"),
        "{w}"
    );
    assert_eq!(second.warnings.len(), 3, "{w}");
    assert_eq!(tracked(d), ["gone.ron", "open.ron"]);
}

#[test]
fn a_desk_inside_a_repository_commits_its_own_projects_only() {
    if !have_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    init(d);
    // The repository already routes project files to the driver, and has it configured.
    std::fs::write(d.join(".gitattributes"), "*.ron merge=claimdesk\n").unwrap();
    git(
        d,
        &[
            "config",
            "merge.claimdesk.driver",
            "claimdesk merge-driver %O %A %B %P",
        ],
    );
    project(&d.join("desk/a.ron"), "A", "Ana");
    project(&d.join("elsewhere/b.ron"), "B", "Ana");
    let (result, steps) = run(&d.join("desk"), &options("Ana"));
    assert!(
        matches!(result, Err(SyncError::NoRemote { committed: 1, .. })),
        "{result:?}"
    );
    assert!(!steps.contains(&SyncStep::InstallingDriver), "{steps:?}");
    assert_eq!(tracked(d), ["desk/a.ron"]);
    assert!(
        !d.join(".git/info/attributes").exists() || {
            let a = std::fs::read_to_string(d.join(".git/info/attributes")).unwrap();
            !a.contains(ATTRIBUTES_LINE)
        }
    );
}

#[test]
fn a_second_reviewer_pulls_and_both_push() {
    if !have_git() {
        return;
    }
    let remote = tempfile::tempdir().unwrap();
    git(remote.path(), &["init", "-q", "--bare"]);
    git(remote.path(), &["symbolic-ref", "HEAD", "refs/heads/main"]);
    let url = remote.path().to_string_lossy().into_owned();
    let (ana, ben) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for d in [ana.path(), ben.path()] {
        init(d);
        git(d, &["remote", "add", "origin", &url]);
    }
    project(&ana.path().join("a.ron"), "A", "Ana");
    let (r, steps) = run(ana.path(), &options("Ana"));
    let r = r.unwrap();
    assert_eq!(r.committed, [PathBuf::from("a.ron")]);
    assert!(r.pushed && r.driver_installed && r.pulled == 0);
    assert_eq!(steps.last(), Some(&SyncStep::Done));
    assert!(steps.contains(&SyncStep::Pushing));

    // Ben started on his own (`git init`), with another project: the first sync joins the
    // two histories.
    project(&ben.path().join("b.ron"), "B", "Ben");
    let (r, steps) = run(ben.path(), &options("Ben"));
    let r = r.unwrap();
    assert_eq!(r.pulled, 1);
    assert!(r.pushed);
    assert!(steps.contains(&SyncStep::Merging), "{steps:?}");
    assert_eq!(tracked(ben.path()), ["a.ron", "b.ron"]);

    let (r, _) = run(ana.path(), &options("Ana"));
    let r = r.unwrap();
    assert!(r.pulled >= 2, "{r:?}");
    assert!(!r.pushed);
    assert_eq!(tracked(ana.path()), ["a.ron", "b.ron"]);
    assert_eq!(
        git(ana.path(), &["rev-parse", "HEAD"]),
        git(remote.path(), &["rev-parse", "main"])
    );
}

#[test]
fn the_summary_says_what_happened_and_nothing_else() {
    assert!(SyncReport::default().summary().is_empty());
    let report = SyncReport {
        committed: vec!["a.ron".into(), "2024/b.ron".into()],
        commit: Some("0123456789abcdef".into()),
        pulled: 1,
        merged_projects: vec!["a.ron".into()],
        pushed: true,
        driver_installed: true,
        merge_notes: vec!["a.ron: 20 claims, 1 reviews added".into()],
        upstream: Some("origin/main".into()),
        push_retried: true,
        ..SyncReport::default()
    };
    assert_eq!(
        report.summary(),
        [
            "Installed the claimdesk merge driver for this repository",
            "Committed 2 projects (0123456): a.ron, 2024/b.ron",
            "Pulled 1 commit from origin/main",
            "Merged claim by claim: a.ron",
            "Merge driver: a.ron: 20 claims, 1 reviews added",
            "Pushed to origin/main (again, after pulling what someone pushed meanwhile)",
        ]
    );
}
