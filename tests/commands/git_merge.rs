//! The git merge driver (issue 5) with real `git`: two branches where reviewers tagged the same
//! project — overlapping claims, disjoint claims, a note edited, a claim made by hand, and one
//! review changed on both branches — conflict under git's line merge, and merge cleanly through
//! `claimdesk merge-driver %O %A %B %P` with every review of both branches kept. A side that
//! is not a project file makes the driver fail without touching %A, so git reports a conflict.
//!
//! Skipped (with a message) only when there is no `git` binary.

use crate::common::{ARTICLE, BIN, have_git};
use claimdesk::model::{Project, Verdict};
use claimdesk::{ops, store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A repository in a temporary directory, isolated from the user's and the system's git
/// configuration.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.ok(&["init", "-q"]);
        repo.ok(&["symbolic-ref", "HEAD", "refs/heads/main"]);
        repo.ok(&["config", "user.name", "Claimdesk Test"]);
        repo.ok(&["config", "user.email", "test@example.org"]);
        repo.ok(&["config", "commit.gpgsign", "false"]);
        std::fs::write(
            repo.path().join(".gitattributes"),
            "*.ron merge=claimdesk\n",
        )
        .unwrap();
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn file(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }

    fn git(&self, args: &[&str]) -> Output {
        Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env("GIT_TERMINAL_PROMPT", "0")
            .output()
            .expect("run git")
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.git(args);
        assert!(
            o.status.success(),
            "git {args:?}: {}{}",
            text(&o.stdout),
            text(&o.stderr)
        );
        text(&o.stdout)
    }

    fn install_driver(&self) {
        self.ok(&["config", "merge.claimdesk.name", "claimdesk project merge"]);
        self.ok(&[
            "config",
            "merge.claimdesk.driver",
            &format!("'{BIN}' merge-driver %O %A %B %P"),
        ]);
    }

    fn commit_all(&self, message: &str) {
        self.ok(&["add", "-A"]);
        self.ok(&["commit", "-q", "-m", message]);
    }

    fn show(&self, rev: &str) -> Project {
        let src = self.ok(&["show", &format!("{rev}:p.ron")]);
        store::load_str(&src, &format!("{rev}:p.ron")).unwrap_or_else(|e| panic!("{e}"))
    }
}

fn claimdesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run claimdesk")
}

fn tag(repo: &Repo, claim: &str, verdict: &str, reviewer: &str, extra: &[&str]) {
    let mut args = vec!["tag", "p.ron", claim, verdict, "--reviewer", reviewer];
    args.extend_from_slice(extra);
    let o = claimdesk(repo.path(), &args);
    assert!(o.status.success(), "tag: {}", text(&o.stderr));
}

/// main: the project, with one review by Ana. Branch `ana` and branch `ben` then work on it.
fn two_branches() -> Repo {
    let repo = Repo::new();
    let o = claimdesk(
        repo.path(),
        &[
            "new",
            ARTICLE,
            "-o",
            "p.ron",
            "--title",
            "NATO chief in Kyiv",
        ],
    );
    assert!(o.status.success(), "new: {}", text(&o.stderr));
    tag(
        &repo,
        "4",
        "verified",
        "Ana",
        &["--note", "Matches the AP report."],
    );
    repo.commit_all("project");

    repo.ok(&["checkout", "-q", "-b", "ana"]);
    tag(&repo, "1", "verified", "Ana", &[]);
    tag(&repo, "2", "attributed-only", "Ana", &[]);
    tag(&repo, "3", "disputed", "Ana", &[]);
    // The review both branches change.
    tag(
        &repo,
        "4",
        "disputed",
        "Ana",
        &["--note", "AP corrected its report."],
    );
    repo.commit_all("Ana's review");

    repo.ok(&["checkout", "-q", "main"]);
    repo.ok(&["checkout", "-q", "-b", "ben"]);
    tag(&repo, "2", "verified", "Ben", &[]); // overlaps Ana's
    tag(&repo, "3", "disputed", "Ben", &[]); // overlaps Ana's
    tag(
        &repo,
        "7",
        "attributed-only",
        "Ben",
        &["--note", "Ben's first note"],
    );
    tag(&repo, "8", "verified", "Ben", &[]);
    // Ben edits his note.
    tag(
        &repo,
        "7",
        "attributed-only",
        "Ben",
        &["--note", "Ben's edited note"],
    );
    // Ana's review of claim 4 changed here too (she worked on Ben's copy for a while).
    tag(
        &repo,
        "4",
        "verified",
        "Ana",
        &[
            "--note",
            "Seen the photos myself.",
            "--evidence",
            "https://example.org/photos",
        ],
    );
    // A claim made by hand (there is no command for it: the app does it through `ops`).
    let path = repo.file("p.ron");
    let mut p = store::load(&path).unwrap();
    let at = p.article.text.find("surprise visit to Kyiv").unwrap();
    let start = p.article.text[..at].chars().count();
    let id = ops::add_claim(&mut p, start..start + 22, "Ben").unwrap();
    ops::set_verdict(
        &mut p,
        &id,
        "Ben",
        Verdict::Disputed,
        &claimdesk::clock::now(),
    )
    .unwrap();
    store::save(&path, &p).unwrap();
    repo.commit_all("Ben's review");
    repo
}

/// Every review in `side` is in `merged`: the same, or (one reviewer's review changed on both
/// branches) the later version with the earlier one's note kept.
fn assert_holds(merged: &Project, side: &Project, other: &Project) {
    for c in &side.claims {
        let m = merged
            .claim(&c.id)
            .unwrap_or_else(|| panic!("claim {} lost", c.id));
        assert_eq!((m.start, m.end, &m.quote), (c.start, c.end, &c.quote));
        for (name, r) in &c.reviews {
            let got = m
                .reviews
                .get(name)
                .unwrap_or_else(|| panic!("{name}'s review of {} lost", c.id));
            if got == r {
                continue;
            }
            // Changed on the other branch too: the later of the two versions wins.
            let theirs = other.claim(&c.id).and_then(|o| o.reviews.get(name));
            let Some(theirs) = theirs else {
                panic!("{name}'s review of {} changed in the merge: {got:?}", c.id);
            };
            assert_eq!(got.changed, r.changed.clone().max(theirs.changed.clone()));
            assert!(got.note.contains(&r.note), "{:?} lost from {got:?}", r.note);
            for e in &r.evidence {
                assert!(got.evidence.iter().any(|x| x.url == e.url), "{e:?} lost");
            }
        }
    }
}

#[test]
fn git_merges_two_reviewers_branches_through_the_driver() {
    if !have_git() {
        return;
    }
    let repo = two_branches();
    let (base, ana, ben) = (repo.show("main"), repo.show("ana"), repo.show("ben"));
    // Claim numbers as `tag` took them (article order on main; Ben's hand-made claim, inside
    // claim 1, shifts the numbers after it in his file and in the merge).
    let id = |n: usize| base.claims[n - 1].id.clone();
    repo.ok(&["checkout", "-q", "ana"]);

    // Without the driver, git merges lines and the project file conflicts.
    let o = repo.git(&["merge", "--no-edit", "ben"]);
    assert!(
        !o.status.success(),
        "git's own merge was expected to conflict"
    );
    assert!(
        text(&o.stdout).contains("CONFLICT (content): Merge conflict in p.ron"),
        "{}",
        text(&o.stdout)
    );
    repo.ok(&["merge", "--abort"]);
    assert_eq!(repo.show("HEAD"), ana);

    // With it, the merge succeeds and is committed.
    repo.install_driver();
    let o = repo.git(&["merge", "--no-edit", "ben"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    assert!(
        text(&o.stderr).contains("claimdesk merge-driver: p.ron: "),
        "the driver ran: {}",
        text(&o.stderr)
    );
    assert_eq!(repo.ok(&["status", "--porcelain"]), "");
    let parents = repo.ok(&["rev-list", "--parents", "-n", "1", "HEAD"]);
    assert_eq!(parents.split_whitespace().count(), 3, "a merge commit");

    let merged = store::load(&repo.file("p.ron")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(merged, repo.show("HEAD"));
    assert_holds(&merged, &ana, &ben);
    assert_holds(&merged, &ben, &ana);
    assert_eq!(
        merged.claims.len(),
        ana.claims.len() + 1,
        "Ben's hand-made claim"
    );
    assert_eq!(merged.reviewers, ["Ana", "Ben"]);

    // The overlapping claims hold both reviewers; the disjoint ones their one reviewer.
    let verdicts = |n: usize| {
        let c = merged.claim(&id(n)).unwrap();
        (c.verdict_of("Ana"), c.verdict_of("Ben"))
    };
    assert_eq!(verdicts(2), (Verdict::AttributedOnly, Verdict::Verified));
    assert_eq!(verdicts(3), (Verdict::Disputed, Verdict::Disputed));
    assert_eq!(verdicts(1), (Verdict::Verified, Verdict::Unreviewed));
    let seven = merged.claim(&id(7)).unwrap();
    assert_eq!(verdicts(7), (Verdict::Unreviewed, Verdict::AttributedOnly));
    assert_eq!(verdicts(8), (Verdict::Unreviewed, Verdict::Verified));
    assert_eq!(seven.reviews["Ben"].note, "Ben's edited note");
    let hand = merged
        .claims
        .iter()
        .find(|c| c.quote == "surprise visit to Kyiv")
        .expect("the hand-made claim");
    assert_eq!(hand.verdict_of("Ben"), Verdict::Disputed);

    // Ana's review of claim 4, changed on both branches: the later version wins, the other's
    // note and evidence are kept, and the verdict it replaced is in the audit log.
    let four = merged.claim(&id(4)).unwrap();
    let (ra, rb) = (
        &ana.claim(&id(4)).unwrap().reviews["Ana"],
        &ben.claim(&id(4)).unwrap().reviews["Ana"],
    );
    let got = &four.reviews["Ana"];
    assert_eq!(got.changed, ra.changed.clone().max(rb.changed.clone()));
    assert!(
        got.note.contains("AP corrected its report."),
        "{}",
        got.note
    );
    assert!(got.note.contains("Seen the photos myself."), "{}", got.note);
    assert!(
        !got.note.contains("Matches the AP report."),
        "the base note was replaced on both"
    );
    assert_eq!(got.evidence[0].url, "https://example.org/photos");
    let loser = if got.verdict == ra.verdict { rb } else { ra };
    assert_ne!(loser.verdict, got.verdict);
    assert!(merged.audit.iter().any(|e| e.claim == four.id
        && e.reviewer == "Ana"
        && (e.from, e.to) == (loser.verdict, got.verdict)));
    // Both branches' audit entries are there.
    for e in ana.audit.iter().chain(&ben.audit) {
        assert!(merged.audit.contains(e), "{e:?} lost");
    }

    let o = claimdesk(repo.path(), &["check", "p.ron"]);
    assert_eq!(
        text(&o.stdout).trim(),
        format!("ok: {} claims", merged.claims.len())
    );
}

#[test]
fn the_driver_fails_without_touching_ours_when_a_side_is_not_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = claimdesk(d, &["new", ARTICLE, "-o", "base.ron"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    std::fs::copy(d.join("base.ron"), d.join("ours.ron")).unwrap();
    let o = claimdesk(
        d,
        &["tag", "ours.ron", "1", "verified", "--reviewer", "Ana"],
    );
    assert!(o.status.success());
    let ours = std::fs::read(d.join("ours.ron")).unwrap();
    std::fs::write(d.join("notes.ron"), "(title: \"my reading list\")\n").unwrap();
    std::fs::copy(d.join("base.ron"), d.join("theirs.ron")).unwrap();

    // Theirs is not a project: exit 1, %A untouched, the message names the file in the repo.
    let o = claimdesk(
        d,
        &[
            "merge-driver",
            "base.ron",
            "ours.ron",
            "notes.ron",
            "reviews/p.ron",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("reviews/p.ron (theirs)"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(std::fs::read(d.join("ours.ron")).unwrap(), ours);

    // Ours is not a project: the same; %A keeps what it had.
    let notes = std::fs::read(d.join("notes.ron")).unwrap();
    let o = claimdesk(
        d,
        &[
            "merge-driver",
            "base.ron",
            "notes.ron",
            "theirs.ron",
            "reviews/p.ron",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("reviews/p.ron (ours)"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(std::fs::read(d.join("notes.ron")).unwrap(), notes);

    // A broken common ancestor only costs the three-way view: both sides still merge.
    std::fs::write(d.join("broken-base.ron"), "(format_version: 1,").unwrap();
    let o = claimdesk(
        d,
        &[
            "merge-driver",
            "broken-base.ron",
            "ours.ron",
            "theirs.ron",
            "p.ron",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("merging the two versions without it"));
    let merged = store::load(&d.join("ours.ron")).unwrap();
    assert_eq!(merged.claims[0].verdict_of("Ana"), Verdict::Verified);

    // An empty %O (the file was added on both branches): a two-way merge, nobody's review lost.
    std::fs::write(d.join("empty.ron"), "").unwrap();
    let o = claimdesk(
        d,
        &["tag", "theirs.ron", "2", "disputed", "--reviewer", "Ben"],
    );
    assert!(o.status.success());
    let o = claimdesk(
        d,
        &[
            "merge-driver",
            "empty.ron",
            "ours.ron",
            "theirs.ron",
            "p.ron",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let merged = store::load(&d.join("ours.ron")).unwrap();
    assert_eq!(merged.claims[0].verdict_of("Ana"), Verdict::Verified);
    assert_eq!(merged.claims[1].verdict_of("Ben"), Verdict::Disputed);
}

#[test]
fn git_reports_a_conflict_when_the_driver_cannot_merge() {
    if !have_git() {
        return;
    }
    let repo = Repo::new();
    repo.install_driver();
    let o = claimdesk(repo.path(), &["new", ARTICLE, "-o", "p.ron"]);
    assert!(o.status.success());
    repo.commit_all("project");
    repo.ok(&["checkout", "-q", "-b", "other"]);
    // Someone replaced the project with something else entirely.
    std::fs::write(repo.file("p.ron"), "(title: \"not a project\")\n").unwrap();
    repo.commit_all("oops");
    repo.ok(&["checkout", "-q", "main"]);
    tag(&repo, "1", "verified", "Ana", &[]);
    repo.commit_all("Ana");
    let ours = std::fs::read(repo.file("p.ron")).unwrap();

    let o = repo.git(&["merge", "--no-edit", "other"]);
    assert!(!o.status.success(), "the merge must not succeed");
    assert!(
        text(&o.stderr).contains("p.ron (theirs)"),
        "the driver says why: {}",
        text(&o.stderr)
    );
    let status = repo.ok(&["status", "--porcelain"]);
    assert!(status.lines().any(|l| l == "UU p.ron"), "{status}");
    // The working file is ours, as the driver left %A: nothing of Ana's is lost.
    assert_eq!(std::fs::read(repo.file("p.ron")).unwrap(), ours);
    repo.ok(&["merge", "--abort"]);
}

/// Another article altogether, for "different article" merges.
const OTHER_ARTICLE: &str = "Cat show draws record crowds in Lyon.\nThe judges praised a Maine Coon named Biscuit. Organisers said 4,000 visitors came on Saturday. A Siamese kitten won the junior prize. Tickets sold out a week early.\n";

/// The project in `p.ron` with its article text edited by `edit`: a new project over the new
/// text, with every review of the old one merged in (re-anchored), as a reviewer fixing a typo
/// in the app ends up with.
fn edit_text(repo: &Repo, edit: impl Fn(&str) -> String) -> String {
    use claimdesk::article::{ArticleInfo, new_project};
    let path = repo.file("p.ron");
    let old = store::load(&path).unwrap();
    let text = edit(&old.article.text);
    assert_ne!(text, old.article.text);
    let fresh = new_project(
        ArticleInfo {
            title: old.article.title.clone(),
            ..ArticleInfo::default()
        },
        text.clone(),
    );
    let out = claimdesk::merge::merge(&[fresh, old]).unwrap();
    store::save(&path, &out.project).unwrap();
    text
}

#[test]
fn both_branches_editing_the_article_text_is_a_conflict_that_keeps_both_texts() {
    if !have_git() {
        return;
    }
    let repo = Repo::new();
    repo.install_driver();
    let o = claimdesk(
        repo.path(),
        &["new", ARTICLE, "-o", "p.ron", "--title", "NATO"],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    tag(&repo, "4", "verified", "Ana", &[]);
    repo.commit_all("project");

    repo.ok(&["checkout", "-q", "-b", "ana"]);
    let ours = edit_text(&repo, |t| t.replacen("surprise visit", "surprise trip", 1));
    tag(&repo, "1", "verified", "Ana", &[]);
    repo.commit_all("Ana fixes a word");

    repo.ok(&["checkout", "-q", "main"]);
    repo.ok(&["checkout", "-q", "-b", "ben"]);
    let theirs = edit_text(&repo, |t| t.replacen("artefacts", "artifacts", 1));
    tag(&repo, "2", "disputed", "Ben", &[]);
    repo.commit_all("Ben fixes a spelling");
    let ben = repo.show("ben");

    repo.ok(&["checkout", "-q", "ana"]);
    let o = repo.git(&["merge", "--no-edit", "ben"]);
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    // Not committed behind anyone's back: git stops with a conflict on p.ron...
    assert!(!o.status.success(), "{out}{err}");
    assert!(out.contains("CONFLICT") && out.contains("p.ron"), "{out}");
    assert!(
        err.contains("p.ron: both sides changed the article text differently"),
        "{err}"
    );
    assert!(err.contains("p.ron.theirs-article.txt"), "{err}");
    let status = repo.ok(&["status", "--porcelain"]);
    assert!(status.lines().any(|l| l == "UU p.ron"), "{status}");
    // ...with their text beside the file, word for word...
    let kept = std::fs::read_to_string(repo.file("p.ron.theirs-article.txt")).unwrap();
    assert_eq!(kept, theirs);
    // ...and the file itself a complete merge over our text: both reviewers' work is in it.
    let merged = store::load(&repo.file("p.ron")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(merged.article.text, ours);
    let ben_two = ben
        .claims
        .iter()
        .find(|c| c.verdict_of("Ben") == Verdict::Disputed)
        .unwrap();
    let placed = merged
        .claims
        .iter()
        .find(|c| c.verdict_of("Ben") == Verdict::Disputed)
        .expect("Ben's review re-anchored into our text");
    assert_eq!(
        placed.quote,
        ben_two.quote.replace("artifacts", "artefacts")
    );
    assert!(
        merged
            .claims
            .iter()
            .any(|c| c.verdict_of("Ana") == Verdict::Verified)
    );
    assert!(merged.orphans.is_empty());

    // The user settles it as with any conflict.
    repo.ok(&["add", "p.ron"]);
    repo.ok(&["commit", "-q", "--no-edit"]);
    assert_eq!(repo.show("HEAD"), merged);
}

#[test]
fn a_branch_that_replaced_the_article_is_not_merged_into_it() {
    if !have_git() {
        return;
    }
    let repo = Repo::new();
    repo.install_driver();
    let o = claimdesk(
        repo.path(),
        &["new", ARTICLE, "-o", "p.ron", "--title", "NATO chief"],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    repo.commit_all("project");
    repo.ok(&["checkout", "-q", "-b", "other"]);
    std::fs::write(repo.file("cats.txt"), OTHER_ARTICLE).unwrap();
    let o = claimdesk(
        repo.path(),
        &[
            "new", "cats.txt", "-o", "p.ron", "--force", "--title", "Cat show",
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    repo.commit_all("another article in the same file");
    repo.ok(&["checkout", "-q", "main"]);
    tag(&repo, "1", "verified", "Ana", &[]);
    repo.commit_all("Ana");
    let ours = std::fs::read(repo.file("p.ron")).unwrap();

    let o = repo.git(&["merge", "--no-edit", "other"]);
    let err = text(&o.stderr);
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains("p.ron (ours) is about a different article (“NATO chief”, not “Cat show”)"),
        "{err}"
    );
    assert!(err.contains("nothing merged"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // Nothing of Ana's turned into orphans: the working file is ours as it was.
    assert_eq!(std::fs::read(repo.file("p.ron")).unwrap(), ours);
    repo.ok(&["merge", "--abort"]);
}
