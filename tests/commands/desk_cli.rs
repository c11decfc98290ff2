//! `claimdesk desk` and `claimdesk report` on a folder of projects: the table, the JSON,
//! sorting and filtering, files that are not projects, the cache folder outside the desk,
//! the HTML report's escaping, exit codes.

use crate::common::{claimdesk_cached, stderr, stdout};
use claimdesk::store;
use serde_json::Value;
use std::path::Path;

const SAMPLE: &str = "projects/nato-chief-kyiv.ron";

/// A desk with the sample project, a second one titled with markup, and two broken files.
fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut p = store::load(Path::new(SAMPLE)).unwrap();
    std::fs::create_dir_all(dir.path().join("2023/04")).unwrap();
    store::save(&dir.path().join("2023/04/nato.ron"), &p).unwrap();
    p.article.title = "<script>alert('x')</script> Zebra & co".into();
    p.article.outlet = "Le Monde".into();
    p.article.published = "2024-01-02".into();
    for c in &mut p.claims {
        c.reviews.clear();
        c.final_verdict = None;
    }
    p.audit.clear();
    store::save(&dir.path().join("zebra.ron"), &p).unwrap();
    std::fs::write(dir.path().join("game.ron"), "(level: 3)").unwrap();
    std::fs::write(dir.path().join("2023/half.ron"), "(format_version: 2, art").unwrap();
    dir
}

#[test]
fn desk_json_lists_projects_and_broken_files_and_keeps_its_cache_outside_the_desk() {
    let desk = desk();
    let cache = tempfile::tempdir().unwrap();
    let d = desk.path().to_str().unwrap();
    let o = claimdesk_cached(cache.path(), &["desk", d, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let root = std::fs::canonicalize(desk.path()).unwrap();
    assert_eq!(v["root"], root.to_str().unwrap());
    let projects = v["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 2);
    let nato = &projects[0];
    assert_eq!(nato["path"], "2023/04/nato.ron");
    let mut keys: Vec<&str> = nato
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut expected = [
        "path",
        "title",
        "outlet",
        "published",
        "language",
        "statements",
        "claims",
        "reviewed",
        "progress_percent",
        "reviewers",
        "open_disagreements",
        "last_change",
        "verdicts",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(nato["claims"], 21);
    assert_eq!(nato["reviewed"], 8);
    assert_eq!(nato["progress_percent"], 38.1);
    assert_eq!(nato["open_disagreements"], 1);
    assert_eq!(nato["reviewers"][1], "Ben Okafor");
    assert_eq!(nato["verdicts"]["attributed-only"], 3);
    assert_eq!(projects[1]["path"], "zebra.ron");
    let broken = v["broken"].as_array().unwrap();
    let names: Vec<&str> = broken.iter().map(|b| b["path"].as_str().unwrap()).collect();
    assert_eq!(names, ["2023/half.ron", "game.ron"]);
    assert!(
        broken[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("game.ron:1:2: ")
    );
    // The cache: one folder per desk under CLAIMDESK_CACHE_DIR, nothing new in the desk.
    let desks: Vec<_> = std::fs::read_dir(cache.path().join("desks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(desks.len(), 1);
    assert_eq!(desks[0].len(), 16);
    assert!(desks[0].bytes().all(|b| b.is_ascii_hexdigit()));
    let listed = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    };
    assert_eq!(listed(desk.path()), ["2023", "game.ron", "zebra.ron"]);
}

#[test]
fn the_table_has_one_line_per_project_then_the_files_that_are_not_projects() {
    let desk = desk();
    let cache = tempfile::tempdir().unwrap();
    let d = desk.path().to_str().unwrap();
    let o = claimdesk_cached(cache.path(), &["desk", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("progress  disagree  reviewers"),
        "{text}"
    );
    assert!(lines[1].contains("38.1%"), "{text}");
    assert!(lines[1].contains("Ana Kovač, Ben Okafor"), "{text}");
    assert!(lines[1].contains("2023-04-20"), "{text}");
    assert!(lines[1].ends_with("2023/04/nato.ron"), "{text}");
    assert!(
        lines[2].contains("Le Monde") && lines[2].ends_with("zebra.ron"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("2 projects, 8 of 42 claims reviewed"),
        "{text}"
    );
    assert!(
        text.contains("not projects (2):\n  2023/half.ron:"),
        "{text}"
    );
}

#[test]
fn sort_and_filter_choose_and_order_the_lines() {
    let desk = desk();
    let cache = tempfile::tempdir().unwrap();
    let d = desk.path().to_str().unwrap();
    let paths = |args: &[&str]| {
        let mut all = vec!["desk", d, "--json"];
        all.extend_from_slice(args);
        let o = claimdesk_cached(cache.path(), &all);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["path"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        paths(&["--sort", "date"]),
        ["zebra.ron", "2023/04/nato.ron"]
    );
    assert_eq!(
        paths(&["--sort", "progress"]),
        ["zebra.ron", "2023/04/nato.ron"]
    );
    assert_eq!(
        paths(&["--sort", "disagreements"]),
        ["2023/04/nato.ron", "zebra.ron"]
    );
    assert_eq!(paths(&["--filter", "le MONDE"]), ["zebra.ron"]);
    assert_eq!(
        paths(&["--filter", "nothing like this"]),
        Vec::<String>::new()
    );
    let o = claimdesk_cached(cache.path(), &["desk", d, "--sort", "size"]);
    assert_eq!(o.status.code(), Some(2), "a usage error: {}", stderr(&o));
}

#[test]
fn a_missing_folder_or_a_file_is_exit_1() {
    let cache = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let o = claimdesk_cached(cache.path(), &["desk", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no such folder"), "{}", stderr(&o));
    let o = claimdesk_cached(
        cache.path(),
        &["report", missing.to_str().unwrap(), "-o", "x.html"],
    );
    assert_eq!(o.status.code(), Some(1));
    let o = claimdesk_cached(cache.path(), &["desk", SAMPLE]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is not a folder"), "{}", stderr(&o));
    // An empty folder is a desk with nothing in it.
    let o = claimdesk_cached(cache.path(), &["desk", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).trim(), "no projects");
}

#[test]
fn the_report_escapes_what_articles_say_and_shows_every_section() {
    let desk = desk();
    let cache = tempfile::tempdir().unwrap();
    let html_dir = tempfile::tempdir().unwrap();
    let html = html_dir.path().join("desk.html");
    let d = desk.path().to_str().unwrap();
    let o = claimdesk_cached(
        cache.path(),
        &[
            "report",
            d,
            "-o",
            html.to_str().unwrap(),
            "--date",
            "2026-05-01",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("desk report, 2 projects, 42 claims, 2 not projects"));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(!page.contains("<script"), "markup from a title got through");
    assert!(page.contains("&lt;script&gt;alert('x')&lt;/script&gt; Zebra &amp; co"));
    for part in [
        "<section id=\"articles\">",
        "<section id=\"reviewers\">",
        "<section id=\"agreement\">",
        "<section id=\"broken\">",
        "Content-Security-Policy",
        "Made with claimdesk on 2026-05-01",
        "Ana Kovač",
        "game.ron:1:2:",
    ] {
        assert!(page.contains(part), "missing {part}");
    }
    // The same desk and date give the same page.
    let again = claimdesk_cached(
        cache.path(),
        &["report", d, "-o", "-", "--date", "2026-05-01"],
    );
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(stdout(&again), page);
}
