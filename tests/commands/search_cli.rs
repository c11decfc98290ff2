//! `claimdesk search` and `claimdesk seen` on a desk folder, as scripts run them: output
//! shapes, the cache kept outside the desk and up to date, and exit codes for mistakes.

use crate::common::{claimdesk_cached, stderr, stdout};
use claimdesk::article::{ArticleInfo, new_project};
use claimdesk::model::{Project, Verdict};
use claimdesk::{ops, store};
use serde_json::Value;
use std::path::Path;
use std::process::Output;

const AT: &str = "2024-01-02T10:00:00Z";

fn project(text: &str, published: &str) -> Project {
    let info = ArticleInfo {
        title: "Referendum".into(),
        published: published.into(),
        language: "en".into(),
        ..ArticleInfo::default()
    };
    new_project(info, text.into())
}

/// A desk of two projects that share a statement (normalised), one reviewed.
fn desk(root: &Path) {
    let target = project(
        "The minister said 5 million people voted in the referendum. Turnout was high.",
        "2024-02-01",
    );
    store::save(&root.join("target.ron"), &target).unwrap();
    let mut earlier = project(
        "Polls closed at eight. The Minister said five million people voted in the referendum.",
        "2024-01-01",
    );
    let id = earlier.claims[1].id.clone();
    ops::set_verdict(&mut earlier, &id, "carol", Verdict::Disputed, AT).unwrap();
    ops::set_note(
        &mut earlier,
        &id,
        "carol",
        "Official count was 4.1 million.",
        AT,
    )
    .unwrap();
    std::fs::create_dir_all(root.join("2024")).unwrap();
    store::save(&root.join("2024/earlier.ron"), &earlier).unwrap();
}

fn json(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn search_json_lists_hits_with_path_id_number_quote_and_verdicts() {
    let root = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    desk(root.path());
    let dir = root.path().to_str().unwrap();
    let hits = json(&claimdesk_cached(
        cache.path(),
        &["search", dir, "referendum", "--json"],
    ));
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 2);
    let earlier = hits
        .iter()
        .find(|h| h["path"] == "2024/earlier.ron")
        .unwrap();
    assert_eq!(earlier["number"], 2);
    assert!(earlier["claim_id"].as_str().unwrap().starts_with("s-"));
    assert_eq!(
        earlier["quote"],
        "The Minister said five million people voted in the referendum."
    );
    assert_eq!(
        earlier["kwic"],
        "The Minister said five million people voted in the [[referendum]]."
    );
    assert_eq!(earlier["verdicts"]["carol"], "disputed");
    assert_eq!(earlier["settled"], "disputed");
    assert_eq!(earlier["final"], Value::Null);
    assert_eq!(earlier["title"], "Referendum");
    assert!(earlier["score"].as_f64().unwrap() > 0.0);

    // Filters without words.
    let hits = json(&claimdesk_cached(
        cache.path(),
        &["search", dir, "--verdict", "disputed", "--json"],
    ));
    assert_eq!(hits.as_array().unwrap().len(), 1);
    let hits = json(&claimdesk_cached(
        cache.path(),
        &["search", dir, "--from", "2024-02", "--json"],
    ));
    assert_eq!(hits.as_array().unwrap().len(), 2);
    let hits = json(&claimdesk_cached(
        cache.path(),
        &["search", dir, "nothing-like-it", "--json"],
    ));
    assert_eq!(hits, Value::Array(Vec::new()));
}

#[test]
fn search_prints_one_line_per_hit_and_keeps_its_cache_outside_the_desk() {
    let root = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    desk(root.path());
    let dir = root.path().to_str().unwrap();
    let o = claimdesk_cached(cache.path(), &["search", dir, "official"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("2024/earlier.ron  #2  s-"), "{out}");
    assert!(
        lines[0].ends_with("carol=disputed  note (carol): [[Official]] count was 4.1 million."),
        "{out}"
    );

    // The cache is under desks/<16 hex>/search; the desk holds only its projects.
    let desks: Vec<_> = std::fs::read_dir(cache.path().join("desks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(desks.len(), 1);
    assert_eq!(desks[0].len(), 16);
    assert!(
        cache
            .path()
            .join("desks")
            .join(&desks[0])
            .join("search/manifest.bin")
            .is_file()
    );
    let mut in_desk: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    in_desk.sort();
    assert_eq!(in_desk, vec!["2024", "target.ron"]);

    // A change made with `tag` is found by the next search.
    let target = root.path().join("target.ron");
    let o = claimdesk_cached(
        cache.path(),
        &[
            "tag",
            target.to_str().unwrap(),
            "2",
            "verified",
            "--reviewer",
            "dan",
            "--note",
            "Turnout figures from the commission",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let hits = json(&claimdesk_cached(
        cache.path(),
        &["search", dir, "commission", "--json"],
    ));
    assert_eq!(hits[0]["path"], "target.ron");
    assert_eq!(hits[0]["number"], 2);
    assert_eq!(hits[0]["verdicts"]["dan"], "verified");
}

#[test]
fn seen_json_lists_earlier_claims_with_similarity_and_reviews() {
    let root = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    desk(root.path());
    let dir = root.path().to_str().unwrap();
    let target = root.path().join("target.ron");
    let target = target.to_str().unwrap();
    let seen = json(&claimdesk_cached(
        cache.path(),
        &["seen", dir, target, "1", "--json"],
    ));
    assert_eq!(seen["project"], "target.ron");
    assert_eq!(seen["number"], 1);
    assert_eq!(
        seen["quote"],
        "The minister said 5 million people voted in the referendum."
    );
    let matches = seen["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 1, "{seen}");
    let m = &matches[0];
    assert_eq!(m["path"], "2024/earlier.ron");
    assert_eq!(m["number"], 2);
    assert_eq!(m["kind"], "normalised");
    assert_eq!(m["same_numbers"], true);
    assert!((m["similarity"].as_f64().unwrap() - 0.99).abs() < 1e-6);
    assert_eq!(m["settled"], "disputed");
    assert_eq!(m["reviews"]["carol"]["verdict"], "disputed");
    assert_eq!(
        m["reviews"]["carol"]["note"],
        "Official count was 4.1 million."
    );
    assert_eq!(m["reviews"]["carol"]["evidence"], Value::Array(Vec::new()));

    // By id too; and a claim nobody said elsewhere has no matches.
    let id = seen["claim_id"].as_str().unwrap().to_string();
    let by_id = json(&claimdesk_cached(
        cache.path(),
        &["seen", dir, target, &id, "--json"],
    ));
    assert_eq!(by_id["matches"], seen["matches"]);
    let none = json(&claimdesk_cached(
        cache.path(),
        &["seen", dir, target, "2", "--json"],
    ));
    assert_eq!(none["matches"], Value::Array(Vec::new()));

    let o = claimdesk_cached(cache.path(), &["seen", dir, target, "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("0.99  normalised  2024/earlier.ron  #2  s-"),
        "{out}"
    );
    assert!(
        out.contains("      carol: Official count was 4.1 million."),
        "{out}"
    );
}

#[test]
fn mistakes_exit_1_with_one_line_and_usage_errors_exit_2() {
    let root = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    desk(root.path());
    let dir = root.path().to_str().unwrap();
    let target = root.path().join("target.ron");
    let target = target.to_str().unwrap();
    let missing = root.path().join("no-such-desk");
    let missing = missing.to_str().unwrap();

    let o = claimdesk_cached(cache.path(), &["search", missing, "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no-such-desk: cannot open the desk"),
        "{}",
        stderr(&o)
    );
    let o = claimdesk_cached(cache.path(), &["search", target, "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is not a folder"), "{}", stderr(&o));
    let o = claimdesk_cached(cache.path(), &["seen", missing, target, "1"]);
    assert_eq!(o.status.code(), Some(1));

    let o = claimdesk_cached(cache.path(), &["seen", dir, target, "99"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("there is no claim number 99"),
        "{}",
        stderr(&o)
    );
    let o = claimdesk_cached(cache.path(), &["seen", dir, target, "s-nope"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no claim with id 's-nope'"),
        "{}",
        stderr(&o)
    );

    let o = claimdesk_cached(cache.path(), &["search", dir, "x", "--from", "April"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("'April' is not a date"),
        "{}",
        stderr(&o)
    );
    let o = claimdesk_cached(cache.path(), &["search", dir, "nosuchfield:x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no field 'nosuchfield'"),
        "{}",
        stderr(&o)
    );
    let o = claimdesk_cached(cache.path(), &["search", dir, "--verdict", "maybe"]);
    assert_eq!(o.status.code(), Some(2));

    // A broken file in the desk is skipped with a word on stderr, not a failure.
    std::fs::write(root.path().join("broken.ron"), "(format_version: 2").unwrap();
    let o = claimdesk_cached(cache.path(), &["search", dir, "referendum", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("broken.ron"), "{}", stderr(&o));
    assert_eq!(json(&o).as_array().unwrap().len(), 2);
}

#[test]
fn new_with_a_desk_flags_statements_checked_before() {
    let root = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    desk(root.path());
    let article = root.path().join("wire.txt");
    std::fs::write(
        &article,
        "Polls closed at eight. The minister said 5 million people voted in the referendum. \
         The minister said 6 million people voted in the referendum.",
    )
    .unwrap();
    let output = root.path().join("2024/wire.ron");
    let dir = root.path().to_str().unwrap();
    let o = claimdesk_cached(
        cache.path(),
        &[
            "new",
            article.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
            "--desk",
            dir,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // Statement 2 was checked (disputed) in 2024/earlier.ron; statement 1 was said there
    // but nobody reviewed it; statement 3 has other numbers.
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[1], "1 statement(s) checked before in this desk:",
        "{out}"
    );
    assert!(
        lines[2].starts_with("  #2 s-")
            && lines[2].ends_with("disputed in 2024/earlier.ron (claim 2, normalised, 0.99)"),
        "{out}"
    );
    assert_eq!(lines.len(), 3, "{out}");
    // A desk with nothing of it says so; a desk that is not a folder is an error.
    let empty = tempfile::tempdir().unwrap();
    let again = root.path().join("again.ron");
    let o = claimdesk_cached(
        cache.path(),
        &[
            "new",
            article.to_str().unwrap(),
            "-o",
            again.to_str().unwrap(),
            "--desk",
            empty.path().to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).ends_with("no statement was checked before in this desk\n"));
    let o = claimdesk_cached(
        cache.path(),
        &[
            "new",
            article.to_str().unwrap(),
            "-o",
            root.path().join("x.ron").to_str().unwrap(),
            "--desk",
            "/no/such/desk",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/no/such/desk: cannot open the desk"),
        "{}",
        stderr(&o)
    );
}
