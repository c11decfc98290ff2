//! `claimdesk export` and `claimdesk import-annotations`, run as the real binary.

use std::path::{Path, PathBuf};

const SAMPLE: &str = "projects/nato-chief-kyiv.ron";
const ARTICLE: &str = "tests/fixtures/nato-chief-kyiv.txt";
const XSS: &str = "tests/fixtures/xss.ron";

use crate::common::{claimdesk, stderr, stdout};

/// A copy of the sample project in a temporary folder (exports may save publisher settings).
fn sample_copy(dir: &Path) -> PathBuf {
    let p = dir.join("sample.ron");
    std::fs::copy(SAMPLE, &p).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn every_format_writes_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_copy(dir.path());
    let publisher = [
        "--publisher",
        "Example Fact Check",
        "--publisher-url",
        "https://factcheck.example.org",
        "--review-url",
        "https://factcheck.example.org/nato",
    ];
    for (format, ext, starts) in [
        ("html", "html", "<!DOCTYPE html>"),
        ("markdown", "md", "# Fact-check report"),
        ("csv", "csv", "\u{FEFF}number,id,start,end,quote"),
        ("w3c", "json", "{"),
        ("claimreview", "json", "["),
    ] {
        let out = dir.path().join(format!("out.{ext}"));
        let mut args = vec![
            "export",
            s(&project),
            "--format",
            format,
            "-o",
            s(&out),
            "--date",
            "2026-01-31",
        ];
        if format == "claimreview" {
            args.extend(publisher);
        }
        let o = claimdesk(&args);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with(starts), "{format}: {:.40}", text);
        assert!(stdout(&o).contains(s(&out)), "{format}: {}", stdout(&o));
        if format.ends_with("claimreview") || format == "w3c" {
            serde_json::from_str::<serde_json::Value>(&text).expect("valid JSON");
        }
    }
    // No temporary files left behind by the atomic writes.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn dash_writes_to_standard_output() {
    let o = claimdesk(&[
        "export",
        SAMPLE,
        "-f",
        "md",
        "-o",
        "-",
        "--date",
        "2026-01-31",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("# Fact-check report: NATO chief"));
}

#[test]
fn claimreview_without_publisher_says_which_flags_to_pass() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_copy(dir.path());
    let out = dir.path().join("cr.json");
    let o = claimdesk(&["export", s(&project), "-f", "claimreview", "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(s(&project)), "{err}");
    assert!(
        err.contains("--publisher NAME --publisher-url URL --review-url URL"),
        "{err}"
    );
    assert!(!out.exists());
    // Only the review URL missing: only that flag is asked for.
    let o = claimdesk(&[
        "export",
        s(&project),
        "-f",
        "claimreview",
        "-o",
        s(&out),
        "--publisher",
        "Example Fact Check",
        "--publisher-url",
        "https://factcheck.example.org",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("pass --review-url URL"),
        "{}",
        stderr(&o)
    );
    assert!(
        !std::fs::read_to_string(&project)
            .unwrap()
            .contains("publisher"),
        "a failed export saves nothing"
    );
}

#[test]
fn claimreview_prints_warnings_and_saves_the_publisher() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_copy(dir.path());
    let out = dir.path().join("cr.json");
    let o = claimdesk(&[
        "export",
        s(&project),
        "-f",
        "claimreview",
        "-o",
        s(&out),
        "--publisher",
        "Example Fact Check",
        "--publisher-url",
        "https://factcheck.example.org",
        "--review-url",
        "https://other.example.com/nato",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("claimdesk: warning: claim 1: claimReviewed is 239 characters"),
        "{err}"
    );
    assert!(err.contains("is not the publisher's"), "{err}");
    assert!(err.contains("left out as unsettled"), "{err}");
    assert!(
        stdout(&o).contains("publisher settings saved"),
        "{}",
        stdout(&o)
    );
    let saved = std::fs::read_to_string(&project).unwrap();
    assert!(
        saved.contains("review_url: \"https://other.example.com/nato\""),
        "{saved}"
    );
    let o = claimdesk(&["check", s(&project)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Next time no flags are needed.
    let o = claimdesk(&["export", s(&project), "-f", "claimreview", "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("publisher settings saved"));
}

#[test]
fn verdict_filter_is_repeatable() {
    let o = claimdesk(&[
        "export",
        SAMPLE,
        "-f",
        "csv",
        "-o",
        "-",
        "--verdict",
        "disputed",
        "--verdict",
        "verified",
        "--no-bom",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("number,"));
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let claims: std::collections::BTreeSet<String> =
        r.records().map(|r| r.unwrap()[0].to_string()).collect();
    // Claims 1, 2 (one reviewer said verified), 4, 5, 11.
    assert_eq!(
        claims.into_iter().collect::<Vec<_>>(),
        ["1", "11", "2", "4", "5"]
    );
}

#[test]
fn user_errors_exit_1_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.ron");
    let o = claimdesk(&[
        "export",
        s(&missing),
        "-f",
        "html",
        "-o",
        s(&dir.path().join("x.html")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).lines().count(), 1);
    assert!(stderr(&o).contains("nope.ron"), "{}", stderr(&o));

    let into_nowhere = dir.path().join("no-such-dir").join("r.html");
    let o = claimdesk(&["export", SAMPLE, "-f", "html", "-o", s(&into_nowhere)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).lines().count(), 1);
    assert!(
        stderr(&o).contains("r.html: cannot write"),
        "{}",
        stderr(&o)
    );

    let project = sample_copy(dir.path());
    let o = claimdesk(&["export", s(&project), "-f", "html", "-o", s(&project)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is the project file itself"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(&project).unwrap(),
        std::fs::read(SAMPLE).unwrap()
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["export", SAMPLE, "-f", "pdf", "-o", "x"],
        vec!["export", SAMPLE, "-f", "html"],
        vec![
            "export",
            SAMPLE,
            "-f",
            "html",
            "-o",
            "x",
            "--verdict",
            "maybe",
        ],
        vec![
            "export",
            SAMPLE,
            "-f",
            "html",
            "-o",
            "x",
            "--date",
            "yesterday",
        ],
        vec!["import-annotations", SAMPLE],
    ] {
        let o = claimdesk(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn help_says_publisher_flags_are_saved() {
    let o = claimdesk(&["export", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    assert!(help.contains("Saved to the project file"), "{help}");
    for f in ["html", "markdown", "csv", "w3c", "claimreview"] {
        assert!(help.contains(f), "{f}");
    }
}

#[test]
fn import_annotations_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let annotations = dir.path().join("a.json");
    let o = claimdesk(&["export", SAMPLE, "-f", "w3c", "-o", s(&annotations)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fresh = dir.path().join("fresh.ron");
    let o = claimdesk(&[
        "new",
        ARTICLE,
        "-o",
        s(&fresh),
        "--title",
        "NATO chief in Kyiv",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = claimdesk(&["import-annotations", s(&fresh), s(&annotations)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("12 of 12 annotations applied (1 new selection claim); saved"),
        "{}",
        stdout(&o)
    );
    assert_eq!(stderr(&o), "");
    let o = claimdesk(&["check", s(&fresh)]);
    assert_eq!(stdout(&o).trim(), "ok: 21 claims");
    let o = claimdesk(&["import-annotations", s(&fresh), s(&annotations)]);
    assert!(stdout(&o).contains("nothing changed"), "{}", stdout(&o));
    // The same reviews, listed the same way.
    let list = |p: &Path| {
        let o = claimdesk(&["list", s(p), "--json"]);
        let mut v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        for c in v.as_array_mut().unwrap() {
            c.as_object_mut().unwrap().remove("id");
        }
        v
    };
    assert_eq!(list(&fresh), list(Path::new(SAMPLE)));
}

#[test]
fn import_reports_each_annotation_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_copy(dir.path());
    let file = dir.path().join("a.json");
    let good = serde_json::json!({
        "type": "Annotation",
        "creator": "Zoe",
        "body": {"type": "TextualBody", "purpose": "classifying", "value": "disputed"},
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "proved unsuccessful"}}
    });
    let bad = serde_json::json!({
        "type": "Annotation",
        "creator": "Zoe",
        "body": {"type": "TextualBody", "purpose": "classifying", "value": "probably"},
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "proved unsuccessful"}}
    });
    std::fs::write(&file, serde_json::json!([good, bad]).to_string()).unwrap();
    let o = claimdesk(&["import-annotations", s(&project), s(&file)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("annotation 2: not applied: unknown verdict 'probably'"),
        "{err}"
    );
    assert!(err.contains("1 of 2 annotations not applied"), "{err}");
    assert!(
        stdout(&o).contains("1 of 2 annotations applied (1 new selection claim); saved"),
        "{}",
        stdout(&o)
    );
    assert!(
        std::fs::read_to_string(&project)
            .unwrap()
            .contains("\"Zoe\"")
    );

    std::fs::write(&file, "{\n  \"type\": \"AnnotationCollection\",\n  oops\n}").unwrap();
    let o = claimdesk(&["import-annotations", s(&project), s(&file)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).lines().count(), 1);
    assert!(stderr(&o).contains("a.json:3:"), "{}", stderr(&o));
}

#[test]
fn dry_run_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let annotations = dir.path().join("a.json");
    claimdesk(&["export", SAMPLE, "-f", "w3c", "-o", s(&annotations)]);
    let fresh = dir.path().join("fresh.ron");
    claimdesk(&["new", ARTICLE, "-o", s(&fresh)]);
    let before = std::fs::read(&fresh).unwrap();
    let o = claimdesk(&[
        "import-annotations",
        s(&fresh),
        s(&annotations),
        "--dry-run",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("not saved (--dry-run)"),
        "{}",
        stdout(&o)
    );
    assert_eq!(std::fs::read(&fresh).unwrap(), before);
}

#[test]
fn xss_fixture_passes_check() {
    let o = claimdesk(&["check", XSS]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn an_annotation_dated_in_the_future_does_not_win_by_its_clock() {
    let dir = tempfile::tempdir().unwrap();
    let annotations = dir.path().join("a.json");
    let o = claimdesk(&["export", SAMPLE, "-f", "w3c", "-o", s(&annotations)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A bad clock: every annotation claims to come from the year 9999.
    let text = std::fs::read_to_string(&annotations).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    for a in v["first"]["items"].as_array_mut().expect("items") {
        for key in ["created", "modified"] {
            if a.get(key).is_some() {
                a[key] = serde_json::Value::String("9999-01-01T00:00:00Z".into());
            }
        }
    }
    std::fs::write(&annotations, serde_json::to_string(&v).unwrap()).unwrap();
    let fresh = dir.path().join("fresh.ron");
    let o = claimdesk(&["new", ARTICLE, "-o", s(&fresh)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = claimdesk(&["import-annotations", s(&fresh), s(&annotations)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("in the future; not used"),
        "each such time is reported: {}",
        stderr(&o)
    );
    // The project stays loadable: no review carries the year 9999.
    let o = claimdesk(&["check", s(&fresh)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(!std::fs::read_to_string(&fresh).unwrap().contains("9999"));
}
