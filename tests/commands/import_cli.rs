//! `claimdesk new` on what fact-checkers really get: saved pages, addresses, other languages.
//! Pages come from a small HTTP server on 127.0.0.1 started by each test, so downloads,
//! redirects, size limits, timeouts and servers that say no are real exchanges.

use super::common::http::{self, Reply, page};
use super::common::{claimdesk, stderr, stdout};
use claimdesk::import::fetch::{self, Limits};
use std::net::TcpListener;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

/// The routes the tests use.
fn route(path: &str) -> Reply {
    let reply = |status, headers: &[&str], body: Vec<u8>| Reply {
        status,
        headers: headers.iter().map(|h| h.to_string()).collect(),
        body,
    };
    match path {
        "/story" => reply(
            "200 OK",
            &["Content-Type: text/html; charset=utf-8"],
            page("wire-story.html"),
        ),
        // The server's charset is the only one given: the page has no <meta charset>.
        "/cyrillic" => reply(
            "200 OK",
            &["Content-Type: text/html; charset=windows-1251"],
            page("ukrainian-windows-1251.html"),
        ),
        "/moved" => reply("301 Moved Permanently", &["Location: /story"], vec![]),
        "/loop" => reply("302 Found", &["Location: /loop2"], vec![]),
        "/loop2" => reply("302 Found", &["Location: /loop"], vec![]),
        "/pdf" => reply(
            "200 OK",
            &["Content-Type: application/pdf"],
            b"%PDF-1.7 not a page".to_vec(),
        ),
        "/big" => Reply::html(vec![b' '; 300_000]),
        "/slow" => {
            thread::sleep(Duration::from_secs(5));
            Reply::html(b"<html>late</html>".to_vec())
        }
        "/nav-only" => Reply::html(page("no-article.html")),
        _ => reply("404 Not Found", &[], b"gone".to_vec()),
    }
}

fn serve() -> String {
    http::serve(route)
}

fn new_from(url: &str, dir: &Path) -> (std::process::Output, std::path::PathBuf) {
    let out = dir.join("p.ron");
    let o = claimdesk(&["new", url, "-o", out.to_str().unwrap()]);
    (o, out)
}

#[test]
fn a_page_is_downloaded_once_and_kept_with_where_it_came_from() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("{base}/moved");
    let (o, out) = new_from(&url, dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("English"), "{}", stdout(&o));
    let s = claimdesk(&["stats", "--json", out.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&s)).unwrap();
    let a = &v["article"];
    assert_eq!(a["language"], "en");
    assert_eq!(a["source"]["kind"], "url");
    assert_eq!(a["source"]["from"], url.as_str());
    // The hash is of the bytes served (after the redirect), not of the extracted text.
    assert_eq!(
        a["source"]["sha256"],
        claimdesk::text::sha256_hex_bytes(&page("wire-story.html")).as_str()
    );
    assert!(!a["title"].as_str().unwrap().is_empty());
    assert!(v["statements"].as_u64().unwrap() > 10, "{v}");
    // Offline from here on: the project holds the text.
    let p = claimdesk::store::load(&out).unwrap();
    assert!(!p.article.text.contains("<p>"));
}

#[test]
fn the_servers_charset_is_honoured() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let (o, out) = new_from(&format!("{base}/cyrillic"), dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let p = claimdesk::store::load(&out).unwrap();
    assert_eq!(
        p.article.language,
        "uk",
        "{}",
        &p.article.text[..200.min(p.article.text.len())]
    );
    assert!(p.article.text.chars().any(|c| ('а'..='я').contains(&c)));
    assert!(!p.article.text.contains('\u{FFFD}'));
}

#[test]
fn bad_addresses_and_answers_give_a_clear_error_and_no_file() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    // A port nobody listens on: what a user offline sees.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let cases = [
        (format!("{base}/loop"), "redirected more than"),
        (format!("{base}/missing"), "the server answered 404"),
        (format!("{base}/pdf"), "is not a web page"),
        (format!("{base}/nav-only"), "no article"),
        (
            format!("http://127.0.0.1:{closed}/story"),
            "could not connect",
        ),
        ("ftp://127.0.0.1/story".to_string(), "only http and https"),
        ("file:///etc/hostname".to_string(), "only http and https"),
    ];
    for (url, expected) in cases {
        let (o, out) = new_from(&url, dir.path());
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{url}: {err}");
        assert!(
            err.contains(expected),
            "{url}: expected {expected:?} in {err}"
        );
        assert!(
            err.contains(url.trim_end_matches('/')) || err.contains("127.0.0.1"),
            "{url}: {err}"
        );
        assert!(!out.exists(), "{url}: a project was written");
        assert_eq!(err.lines().count(), 1, "{url}: {err}");
    }
}

#[test]
fn downloads_are_bounded_in_time_and_size() {
    let base = serve();
    let slow = fetch::parse_url(&format!("{base}/slow")).unwrap();
    let limits = Limits {
        timeout: Duration::from_millis(500),
        ..Limits::default()
    };
    let started = Instant::now();
    let err = fetch::fetch(&slow, &limits).unwrap_err();
    assert!(err.contains("no answer within"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );

    let big = fetch::parse_url(&format!("{base}/big")).unwrap();
    let small = Limits {
        max_bytes: 100_000,
        ..Limits::default()
    };
    let err = fetch::fetch(&big, &small).unwrap_err();
    assert!(err.contains("larger than"), "{err}");
    // Exactly at the limit is fine.
    let exact = Limits {
        max_bytes: 300_000,
        ..Limits::default()
    };
    assert_eq!(fetch::fetch(&big, &exact).unwrap().bytes.len(), 300_000);
}

#[test]
fn a_saved_page_becomes_a_project_with_the_pages_details() {
    let dir = tempfile::tempdir().unwrap();
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/german-windows-1252.html");
    let out = dir.path().join("de.ron");
    let o = claimdesk(&["new", src.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("German"), "{}", stdout(&o));
    let s = claimdesk(&["stats", "--json", out.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&s)).unwrap();
    let a = &v["article"];
    assert_eq!(a["language"], "de");
    assert_eq!(a["splitter"], claimdesk::split::SPLITTER_VERSION);
    assert_eq!(a["source"]["kind"], "html");
    assert_eq!(a["source"]["from"], "german-windows-1252.html");
    assert_eq!(
        a["source"]["sha256"],
        claimdesk::text::sha256_hex_bytes(&page("german-windows-1252.html")).as_str()
    );
    for key in ["title", "byline", "outlet", "url", "published"] {
        assert!(a[key].is_string(), "{key}: {a}");
    }
    let p = claimdesk::store::load(&out).unwrap();
    // Reader mode drops the headline; it is the project's first statement, as in a text file.
    assert!(!p.article.title.is_empty());
    assert_eq!(p.claims[0].quote, p.article.title);
    assert!(
        p.article.text.contains('ü')
            || p.article.text.contains('ä')
            || p.article.text.contains('ö')
    );
    assert!(!p.article.text.contains('\u{FFFD}'));
}

#[test]
fn the_language_can_be_named_and_a_wrong_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("a.txt");
    std::fs::write(
        &text,
        "Der Minister sagte am Montag, die Lage sei ernst. Die Regierung prüft weitere Hilfen.\n",
    )
    .unwrap();
    let out = dir.path().join("a.ron");
    let o = claimdesk(&[
        "new",
        text.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--lang",
        "German",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(claimdesk::store::load(&out).unwrap().article.language, "de");
    let o = claimdesk(&[
        "new",
        text.to_str().unwrap(),
        "-o",
        dir.path().join("b.ron").to_str().unwrap(),
        "--lang",
        "Klingon",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--lang"), "{}", stderr(&o));
    assert!(!dir.path().join("b.ron").exists());
}

#[test]
fn a_file_that_is_not_a_page_or_text_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("photo.html");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR binary").unwrap();
    let out = dir.path().join("p.ron");
    let o = claimdesk(&["new", png.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("photo.html"), "{}", stderr(&o));
    assert!(!out.exists());
}
