//! The real binary, driven the way a script or a person at a terminal drives it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ARTICLE: &str = "tests/fixtures/nato-chief-kyiv.txt";

use crate::common::{claimdesk, stderr, stdout};

fn new_project(dir: &Path) -> PathBuf {
    let out = dir.join("p.ron");
    let o = claimdesk(&[
        "new",
        ARTICLE,
        "-o",
        out.to_str().unwrap(),
        "--title",
        "NATO chief in Kyiv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

#[test]
fn new_then_check_counts_the_seed_articles_statements() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.ron");
    let o = claimdesk(&["new", ARTICLE, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("20 statements (4 headings)"),
        "{}",
        stdout(&o)
    );
    let o = claimdesk(&["check", out.to_str().unwrap()]);
    assert_eq!(stdout(&o).trim(), "ok: 20 claims");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = new_project(dir.path());
    let before = std::fs::read(&out).unwrap();
    let o = claimdesk(&["new", ARTICLE, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        before,
        "the existing project must be untouched"
    );
    let o = claimdesk(&[
        "new",
        ARTICLE,
        "-o",
        out.to_str().unwrap(),
        "--force",
        "--title",
        "Other",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        String::from_utf8(std::fs::read(&out).unwrap())
            .unwrap()
            .contains("title: \"Other\"")
    );
}

#[test]
fn new_rejects_text_that_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 owners said prices rose.").unwrap();
    let out = dir.path().join("p.ron");
    let o = claimdesk(&["new", latin1.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("latin1.txt") && err.contains("not UTF-8") && err.contains("offset 3"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    assert!(!out.exists());
}

#[test]
fn segment_prints_one_statement_per_line_from_stdin() {
    // A line break always ends a statement (headlines, datelines); a reviewer merges a
    // hard-wrapped sentence back together in the app.
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .arg("segment")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Breaking news\nGen. Smith said the\nbridge is closed. It opens Jan. 5 at 9 a.m. today.".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "Breaking news\nGen. Smith said the\nbridge is closed.\nIt opens Jan. 5 at 9 a.m. today.\n"
    );
}

#[test]
fn segment_of_the_seed_article_gives_twenty_lines() {
    let o = claimdesk(&["segment", ARTICLE]);
    assert!(o.status.success());
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 20);
    assert_eq!(
        lines[5],
        "Stoltenberg invites Zelenskyy to attend NATO summit"
    );
    assert_eq!(lines[19], "(With inputs from agencies)");
}

#[test]
fn tag_records_a_review_that_list_and_stats_show() {
    let dir = tempfile::tempdir().unwrap();
    let p = new_project(dir.path());
    let p = p.to_str().unwrap();
    let o = claimdesk(&[
        "tag",
        p,
        "14",
        "attributed-only",
        "--reviewer",
        "alice",
        "--attributed-to",
        "Ukraine's general staff",
        "--note",
        "Only the general staff's word.",
        "--evidence",
        "https://example.org/a",
        "--evidence",
        "https://example.org/b",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = claimdesk(&["tag", p, "1", "verified", "--reviewer", "bob"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let o = claimdesk(&["list", p, "--verdict", "attributed-only", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["number"], 14);
    assert_eq!(rows[0]["verdicts"]["alice"], "attributed-only");
    assert!(
        rows[0]["quote"]
            .as_str()
            .unwrap()
            .ends_with("Ukraine's general staff said on Thursday.")
    );

    let o = claimdesk(&["list", p, "--verdict", "unreviewed"]);
    assert_eq!(stdout(&o).lines().count(), 18);

    let o = claimdesk(&["stats", p, "--json"]);
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["statements"], 20);
    assert_eq!(s["reviewed"], 2);
    assert_eq!(s["progress_percent"], 10.0);
    assert_eq!(s["verdicts"]["attributed-only"], 1);
    assert_eq!(s["verdicts"]["verified"], 1);
    assert_eq!(s["reviewers"][0]["name"], "alice");
    assert_eq!(s["reviewers"][0]["evidence"], 2);
    assert_eq!(s["reviewers"][1]["name"], "bob");

    // The saved file is a valid project holding the audit trail of both changes.
    let project = claimdesk::store::load(Path::new(p)).unwrap();
    assert_eq!(project.audit.len(), 2);
    assert_eq!(
        project.reviewers,
        vec!["alice".to_string(), "bob".to_string()]
    );
}

#[test]
fn user_errors_exit_1_with_one_line_and_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = new_project(dir.path());
    let p = p.to_str().unwrap();
    let o = claimdesk(&[
        "tag",
        p,
        "s-000000000000",
        "verified",
        "--reviewer",
        "alice",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).lines().count(), 1);
    assert!(stderr(&o).starts_with("claimdesk: no claim with id 's-000000000000'"));

    let o = claimdesk(&["tag", p, "99", "verified", "--reviewer", "alice"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no claim number 99"));

    let o = claimdesk(&["tag", p, "1", "probably", "--reviewer", "alice"]);
    assert_eq!(o.status.code(), Some(2));
    let o = claimdesk(&["list"]);
    assert_eq!(o.status.code(), Some(2));

    let o = claimdesk(&["check", dir.path().join("missing.ron").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("missing.ron: cannot read"));
}

#[test]
fn every_command_has_help() {
    for cmd in ["new", "check", "stats", "list", "segment", "tag"] {
        let o = claimdesk(&[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{cmd} --help");
        assert!(stdout(&o).contains("Usage: claimdesk"), "{cmd}");
    }
}

#[test]
fn a_project_saved_with_a_byte_order_mark_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let p = new_project(dir.path());
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(&p).unwrap());
    std::fs::write(&p, bytes).unwrap();
    let o = claimdesk(&["check", p.to_str().unwrap()]);
    assert_eq!(stdout(&o).trim(), "ok: 20 claims", "{}", stderr(&o));
}
