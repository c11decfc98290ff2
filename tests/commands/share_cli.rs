//! `claimdesk merge` and `claimdesk agreement` (issue 5), driven through the real binary: the
//! merged file is written where asked and never over a file that is not an input unless
//! `--force` is given; `--json` prints one JSON document; a broken input is named with its
//! line:column (or claim), exit code 1, nothing written, never a panic.

use claimdesk::model::{Project, Verdict};
use claimdesk::store;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

const ARTICLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/nato-chief-kyiv.txt"
);

use crate::common::{claimdesk, stderr, stdout};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn ok(o: Output) -> Output {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    o
}

/// A user error: exit code 1, one `claimdesk: …` line, no panic.
fn refused(o: &Output) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.starts_with("claimdesk: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    err
}

fn new_project(dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(name);
    ok(claimdesk(&[
        "new",
        ARTICLE,
        "-o",
        s(&out),
        "--title",
        "NATO chief in Kyiv",
    ]));
    out
}

fn tag(p: &Path, claim: &str, verdict: &str, reviewer: &str, extra: &[&str]) {
    let mut args = vec!["tag", s(p), claim, verdict, "--reviewer", reviewer];
    args.extend_from_slice(extra);
    ok(claimdesk(&args));
}

/// Ana's and Ben's copies of the seed project: claims 2–4 judged by both (one disagreement),
/// 1 and 5 by Ana only, 6 by Ben only.
fn two_reviewers(dir: &Path) -> (PathBuf, PathBuf) {
    let a = new_project(dir, "ana.ron");
    let b = dir.join("ben.ron");
    std::fs::copy(&a, &b).unwrap();
    tag(
        &a,
        "1",
        "verified",
        "Ana",
        &["--note", "NATO press release"],
    );
    tag(&a, "2", "verified", "Ana", &[]);
    tag(&a, "3", "attributed-only", "Ana", &[]);
    tag(&a, "4", "disputed", "Ana", &[]);
    tag(&a, "5", "verified", "Ana", &[]);
    tag(&b, "2", "attributed-only", "Ben", &[]);
    tag(&b, "3", "attributed-only", "Ben", &[]);
    tag(
        &b,
        "4",
        "disputed",
        "Ben",
        &["--evidence", "https://example.org/isw"],
    );
    tag(
        &b,
        "6",
        "disputed",
        "Ben",
        &["--attributed-to", "Ukraine's general staff"],
    );
    (a, b)
}

fn load(p: &Path) -> Project {
    store::load(p).unwrap_or_else(|e| panic!("{e}"))
}

fn reviews_of(p: &Project, reviewer: &str) -> usize {
    p.claims
        .iter()
        .filter(|c| c.reviews.contains_key(reviewer))
        .count()
}

#[test]
fn merge_writes_both_reviewers_work_to_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_reviewers(dir.path());
    let (a_before, b_before) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let out = dir.path().join("merged.ron");
    let o = ok(claimdesk(&["merge", s(&a), s(&b), "-o", s(&out)]));
    let text = stdout(&o);
    assert!(
        text.starts_with(&format!(
            "merged 2 files into {}: 20 claims, 4 reviews added",
            s(&out)
        )),
        "{text}"
    );
    let m = load(&out);
    assert_eq!(m.reviewers, ["Ana", "Ben"]);
    assert_eq!(reviews_of(&m, "Ana"), 5);
    assert_eq!(reviews_of(&m, "Ben"), 4);
    assert_eq!(m.claims[1].verdict_of("Ana"), Verdict::Verified);
    assert_eq!(m.claims[1].verdict_of("Ben"), Verdict::AttributedOnly);
    assert_eq!(
        m.claims[3].reviews["Ben"].evidence[0].url,
        "https://example.org/isw"
    );
    assert_eq!(m.claims[0].reviews["Ana"].note, "NATO press release");
    assert_eq!(
        m.claims[5].reviews["Ben"].attributed_to,
        "Ukraine's general staff"
    );
    // Every audit entry of both files.
    assert_eq!(m.audit.len(), load(&a).audit.len() + load(&b).audit.len());
    // The inputs are untouched.
    assert_eq!(std::fs::read(&a).unwrap(), a_before);
    assert_eq!(std::fs::read(&b).unwrap(), b_before);
    ok(claimdesk(&["check", s(&out)]));
}

#[test]
fn merge_refuses_to_replace_a_file_that_is_not_an_input_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_reviewers(dir.path());
    let out = dir.path().join("out.ron");
    std::fs::write(&out, "someone else's notes\n").unwrap();
    let err = refused(&claimdesk(&["merge", s(&a), s(&b), "-o", s(&out)]));
    assert!(err.contains(s(&out)) && err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "someone else's notes\n"
    );

    ok(claimdesk(&[
        "merge",
        s(&a),
        s(&b),
        "-o",
        s(&out),
        "--force",
    ]));
    let m = load(&out);
    assert_eq!((reviews_of(&m, "Ana"), reviews_of(&m, "Ben")), (5, 4));

    // Writing over one of the inputs needs no --force: nothing in it is lost.
    ok(claimdesk(&["merge", s(&a), s(&b), "-o", s(&a)]));
    assert_eq!(load(&a), m);
}

#[test]
fn merge_needs_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = new_project(dir.path(), "a.ron");
    let out = dir.path().join("out.ron");
    let o = claimdesk(&["merge", s(&a), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(2), "a usage error: {}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn merge_json_is_one_json_document_with_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_reviewers(dir.path());
    // Ana also edited her review of claim 2 in Ben's copy, later: that version wins.
    tag(&b, "2", "disputed", "Ana", &["--note", "Second look"]);
    let out = dir.path().join("merged.ron");
    let o = ok(claimdesk(&["merge", s(&a), s(&b), "-o", s(&out), "--json"]));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("stdout is JSON");
    assert_eq!(v["files"], 2);
    assert_eq!(v["claims"], 20);
    assert_eq!(v["orphans"], 0);
    assert_eq!(v["claims_added"], 0);
    assert_eq!(v["reviews_added"], 4, "Ben's four reviews");
    assert_eq!(v["reviews_updated"], 1, "Ana's review of claim 2");
    for list in [
        "fuzzy",
        "orphaned",
        "reattached",
        "same_span",
        "demoted",
        "deleted",
    ] {
        assert_eq!(v[list], Value::Array(vec![]), "{list}");
    }
    let m = load(&out);
    let claim2 = &m.claims[1];
    let sup = v["superseded"].as_array().unwrap();
    assert_eq!(sup.len(), 1);
    assert_eq!(sup[0]["claim"], claim2.id.as_str());
    assert_eq!(sup[0]["reviewer"], "Ana");
    assert_eq!(sup[0]["adjudication"], false);
    // Whichever version is later wins; both are in the tags' timestamps.
    assert_eq!(sup[0]["kept"], claim2.reviews["Ana"].changed.as_str());
}

#[test]
fn a_broken_input_is_named_with_its_line_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_reviewers(dir.path());
    let out = dir.path().join("merged.ron");

    // A comma removed after a claim's kind: a syntax error.
    let src = std::fs::read_to_string(&b).unwrap();
    let cut = src.find("kind: Heading,").expect("a heading");
    let bad_line = src[..cut].lines().count();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, src.replacen("kind: Heading,", "kind: Heading", 1)).unwrap();
    let err = store::load(&broken).unwrap_err();
    let (line, col) = err.position.expect("a syntax error has a position");
    assert!(
        (bad_line..=bad_line + 1).contains(&line),
        "line {line}, edit on {bad_line}"
    );
    let msg = refused(&claimdesk(&["merge", s(&a), s(&broken), "-o", s(&out)]));
    assert!(
        msg.starts_with(&format!("claimdesk: {}:{line}:{col}: ", s(&broken))),
        "{msg}"
    );
    assert!(!out.exists(), "nothing written");

    // The other order names the same file.
    let msg = refused(&claimdesk(&["merge", s(&broken), s(&a), "-o", s(&out)]));
    assert!(
        msg.contains(&format!("{}:{line}:{col}", s(&broken))),
        "{msg}"
    );

    // A file that parses but breaks a rule: the file and the claim are named.
    let quote = load(&b).claims[2].quote.clone();
    let id = load(&b).claims[2].id.clone();
    let tampered = dir.path().join("tampered.ron");
    let edited = quote.replacen("Russian", "Soviet", 1);
    assert_ne!(edited, quote);
    std::fs::write(
        &tampered,
        src.replacen(
            &format!("quote: \"{quote}\""),
            &format!("quote: \"{edited}\""),
            1,
        ),
    )
    .unwrap();
    let msg = refused(&claimdesk(&["merge", s(&a), s(&tampered), "-o", s(&out)]));
    assert!(
        msg.starts_with(&format!("claimdesk: {}: claim {id}: ", s(&tampered))),
        "{msg}"
    );
    assert!(!out.exists());

    // Not a project at all, not UTF-8, empty, missing.
    let cases: [(&str, &[u8]); 3] = [
        ("notes.ron", b"(title: \"my notes\")\n"),
        ("latin1.ron", b"(title: \"caf\xe9\")\n"),
        ("empty.ron", b""),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let msg = refused(&claimdesk(&["merge", s(&a), s(&path), "-o", s(&out)]));
        assert!(
            msg.starts_with(&format!("claimdesk: {}", s(&path))),
            "{name}: {msg}"
        );
        assert!(!out.exists(), "{name}");
    }
    let missing = dir.path().join("missing.ron");
    let msg = refused(&claimdesk(&["merge", s(&missing), s(&a), "-o", s(&out)]));
    assert!(msg.contains(s(&missing)), "{msg}");
    assert!(!out.exists());
}

#[test]
fn agreement_json_holds_pair_figures_and_left_out_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_reviewers(dir.path());
    let m = dir.path().join("merged.ron");
    ok(claimdesk(&["merge", s(&a), s(&b), "-o", s(&m)]));

    let o = ok(claimdesk(&["agreement", s(&m), "--json"]));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("stdout is JSON");
    assert_eq!(v["reviewers"], serde_json::json!(["Ana", "Ben"]));
    assert_eq!(v["claims"], 20);
    let pairs = v["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 1);
    let pair = &pairs[0];
    assert_eq!(
        (&pair["a"], &pair["b"]),
        (&Value::from("Ana"), &Value::from("Ben"))
    );
    // Claims 2–4 judged by both: Ana verified / Ben attributed-only, then agreement twice.
    assert_eq!(pair["items"], 3);
    assert_eq!(pair["left_out"], 17);
    let num = |x: &Value| x.as_f64().expect("a number");
    assert!((num(&pair["percent"]) - 2.0 / 3.0).abs() < 1e-9);
    // p_e = (1/3)(0) + (1/3)(2/3) + (1/3)(1/3) = 1/3, κ = (2/3 − 1/3) / (2/3) = 0.5.
    assert!((num(&pair["cohen_kappa"]) - 0.5).abs() < 1e-9, "{pair}");
    assert_eq!(
        pair["confusion"],
        serde_json::json!([[0, 1, 0], [0, 1, 0], [0, 0, 1]])
    );
    for figure in ["fleiss_kappa", "krippendorff_alpha"] {
        assert_eq!(v[figure]["items"], 3, "{figure}");
        assert_eq!(v[figure]["left_out"], 17, "{figure}");
        assert!(v[figure]["value"].is_number(), "{figure}");
    }
    // α: 6 values, one disagreeing pair both ways: 1 − 5·2 / (36 − (1 + 9 + 4)) = 6/11.
    assert!((num(&v["krippendorff_alpha"]["value"]) - 6.0 / 11.0).abs() < 1e-9);
    assert_eq!(v["open_disagreements"], 1);

    // The text output says the same, with the left-out count in words.
    let o = ok(claimdesk(&["agreement", s(&m)]));
    let text = stdout(&o);
    assert!(
        text.contains("Ana and Ben: 3 claims judged by both, 17 left out"),
        "{text}"
    );
    assert!(text.contains("Cohen's kappa 0.500"), "{text}");

    // No claim judged by both: the figures are null, not 1.
    let c = new_project(dir.path(), "disjoint.ron");
    tag(&c, "1", "verified", "Ana", &[]);
    tag(&c, "2", "verified", "Ben", &[]);
    let o = ok(claimdesk(&["agreement", s(&c), "--json"]));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let pair = &v["pairs"][0];
    assert_eq!(
        (&pair["items"], &pair["left_out"]),
        (&Value::from(0), &Value::from(20))
    );
    assert!(
        pair["percent"].is_null() && pair["cohen_kappa"].is_null(),
        "{pair}"
    );
    assert!(v["fleiss_kappa"]["value"].is_null());
    assert!(v["krippendorff_alpha"]["value"].is_null());
    let o = ok(claimdesk(&["agreement", s(&c)]));
    assert!(
        stdout(&o).contains("no claims to compare"),
        "{}",
        stdout(&o)
    );

    // A broken file: named, exit 1, no panic.
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format_version: 1,").unwrap();
    let msg = refused(&claimdesk(&["agreement", s(&bad), "--json"]));
    assert!(
        msg.starts_with(&format!("claimdesk: {}:", s(&bad))),
        "{msg}"
    );
}

const OTHER_ARTICLE: &str = "Cat show draws record crowds in Lyon.\nThe judges praised a Maine Coon named Biscuit. Organisers said 4,000 visitors came on Saturday. A Siamese kitten won the junior prize. Tickets sold out a week early.\n";

#[test]
fn merging_a_file_about_another_article_fails_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (a, _) = two_reviewers(d);
    std::fs::write(d.join("cats.txt"), OTHER_ARTICLE).unwrap();
    let cats = d.join("cats.ron");
    ok(claimdesk(&[
        "new",
        s(&d.join("cats.txt")),
        "-o",
        s(&cats),
        "--title",
        "Cat show",
    ]));
    tag(&cats, "1", "verified", "Ben", &[]);
    let out = d.join("out.ron");

    let err = refused(&claimdesk(&["merge", s(&a), s(&cats), "-o", s(&out)]));
    assert!(
        err.contains(&format!(
            "{} is about a different article (“Cat show”, not “NATO chief in Kyiv”)",
            s(&cats)
        )),
        "{err}"
    );
    assert!(err.contains("nothing merged"), "{err}");
    assert!(err.contains("--allow-different-article"), "{err}");
    assert!(!out.exists(), "nothing written");

    // Allowed: every claim of the other article is kept as an orphan, and the report says
    // its text is not in the result.
    let o = ok(claimdesk(&[
        "merge",
        s(&a),
        s(&cats),
        "-o",
        s(&out),
        "--allow-different-article",
        "--json",
    ]));
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let cats_claims = load(&cats).claims.len();
    assert_eq!(report["orphaned"].as_array().unwrap().len(), cats_claims);
    let set_aside = report["texts_set_aside"].as_array().unwrap();
    assert_eq!(set_aside.len(), 1);
    assert_eq!(set_aside[0]["file"], 1);
    assert_eq!(
        set_aside[0]["sha256"],
        load(&cats).article.text_sha256.as_str()
    );
    assert_eq!(load(&out).orphans.len(), cats_claims);
}

#[test]
fn merge_says_when_a_files_article_text_is_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (a, b) = two_reviewers(d);
    // Ben's copy has a fixed typo: his claims are re-anchored, his text is not the result's.
    let mut ben = load(&b);
    let text = ben.article.text.replacen("artefacts", "artifacts", 1);
    let fresh = claimdesk::article::new_project(
        claimdesk::article::ArticleInfo {
            title: "NATO chief in Kyiv".into(),
            ..Default::default()
        },
        text,
    );
    ben = claimdesk::merge::merge(&[fresh, ben]).unwrap().project;
    store::save(&b, &ben).unwrap();
    let out = d.join("out.ron");
    let o = ok(claimdesk(&["merge", s(&a), s(&b), "-o", s(&out)]));
    let said = stdout(&o);
    assert!(
        said.contains(&format!(
            "the article text of {} ({} characters, SHA-256 {}) is not the merged text",
            s(&b),
            ben.article.text.chars().count(),
            ben.article.text_sha256
        )),
        "{said}"
    );
    assert!(said.contains("1 article texts not kept"), "{said}");
}
