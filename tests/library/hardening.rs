//! Issue 8, exports and input: JSON that is safe to paste into a page, URLs decided by the
//! WHATWG parser, an HTML report where no user string can reverse or stall the rest, article
//! files in UTF-16 or with NULs refused by name, and CLI writes under the project lock.

use crate::common::{claimdesk, stderr, stdout};
use claimdesk::article::{ArticleInfo, decode_article, new_project};
use claimdesk::export::{self, ExportOptions, Format, web_host, web_url};
use claimdesk::model::{Evidence, Project, Publisher, Verdict};
use claimdesk::{adjudication, ops, store};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use std::path::Path;
use std::time::{Duration, Instant};

const HOSTILE: &str = "</script><script>alert(1)</script>";
const AT: &str = "2026-02-01T12:00:00Z";

fn project(text: &str, title: &str) -> Project {
    new_project(
        ArticleInfo {
            title: title.into(),
            outlet: "Daily Example".into(),
            url: "https://news.example/a".into(),
            published: "2023-04-20".into(),
            ..Default::default()
        },
        text.into(),
    )
}

fn with_publisher(mut p: Project, name: &str, url: &str, review_url: &str) -> Project {
    p.publisher = Some(Publisher {
        name: name.into(),
        url: url.into(),
        review_url: review_url.into(),
    });
    p
}

fn render(p: &Project, f: Format, date: &str) -> export::Rendered {
    export::render(p, f, &ExportOptions::new(date)).unwrap_or_else(|e| panic!("{f}: {e}"))
}

// ------------------------------------------------------------------ 1. JSON safe to embed

/// A project whose article text, date, title, outlet, reviewer and publisher all try to end
/// a `<script>` block.
fn hostile_project() -> Project {
    let text = format!("The minister said {HOSTILE} twice.\u{2028}Then she left & smiled > all.");
    let mut p = project(&text, HOSTILE);
    p.article.outlet = HOSTILE.into();
    p.article.published = HOSTILE.into();
    let id = p.claims[0].id.clone();
    ops::set_verdict(&mut p, &id, HOSTILE, Verdict::Verified, AT).unwrap();
    ops::set_note(&mut p, &id, HOSTILE, HOSTILE, AT).unwrap();
    ops::set_attributed_to(&mut p, &id, HOSTILE, HOSTILE, AT).unwrap();
    ops::add_evidence(
        &mut p,
        &id,
        HOSTILE,
        Evidence {
            url: format!("https://source.example/?q={HOSTILE}"),
            title: HOSTILE.into(),
            excerpt: HOSTILE.into(),
            accessed: "2023-04-21".into(),
        },
        AT,
    )
    .unwrap();
    with_publisher(
        p,
        HOSTILE,
        "https://factcheck.example/",
        "https://factcheck.example/review",
    )
}

fn assert_embeddable(json: &str, what: &str) {
    assert!(
        !json.to_ascii_lowercase().contains("</script"),
        "{what}: {json}"
    );
    for c in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
        assert!(!json.contains(c), "{what} holds {c:?} raw");
    }
}

#[test]
fn claimreview_and_w3c_cannot_close_a_script_and_parse_to_the_same_values() {
    let p = hostile_project();
    let date = HOSTILE;
    let review = render(&p, Format::ClaimReview, date).text;
    assert_embeddable(&review, "ClaimReview");
    let v: serde_json::Value = serde_json::from_str(&review).expect("still JSON");
    let first = &v[0];
    assert_eq!(first["datePublished"], HOSTILE);
    assert_eq!(first["author"]["name"], HOSTILE);
    assert_eq!(first["itemReviewed"]["appearance"]["headline"], HOSTILE);
    assert_eq!(first["itemReviewed"]["datePublished"], HOSTILE);
    let quote = first["claimReviewed"].as_str().unwrap();
    assert!(quote.contains(HOSTILE), "{quote}");
    // Pasted as publishers do, the page holds exactly one script element, and it ends where
    // the JSON ends.
    let page = format!("<script type=\"application/ld+json\">{review}</script>");
    assert_eq!(page.to_ascii_lowercase().matches("</script").count(), 1);

    let w3c = render(&p, Format::W3c, "2026-01-31").text;
    assert_embeddable(&w3c, "W3C");
    let v: serde_json::Value = serde_json::from_str(&w3c).expect("still JSON");
    let item = &v["first"]["items"][0];
    assert_eq!(item["creator"]["name"], HOSTILE);
    let bodies = item["body"].as_array().unwrap();
    assert!(bodies.iter().any(|b| b["value"] == HOSTILE));
    assert!(
        item["target"]["selector"][0]["exact"]
            .as_str()
            .unwrap()
            .contains(HOSTILE)
    );
    // The escaped export still reads back in: nothing was changed but the spelling.
    let mut back = project(&p.article.text, "again");
    let summary = export::import_annotations(&mut back, &w3c, AT).expect("imports");
    assert_eq!(summary.applied(), summary.total());
    let c = &back.claims[0];
    assert_eq!(c.reviews[HOSTILE].note, HOSTILE);
}

#[test]
fn json_for_html_is_exposed_for_every_json_writer() {
    let v = serde_json::json!({ "name": HOSTILE, "sep": "a\u{2029}b" });
    let out = export::json_for_html(&v).unwrap();
    assert_embeddable(&out, "json_for_html");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap(), v);
}

#[test]
fn merge_and_agreement_json_on_the_command_line_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    let p = hostile_project();
    store::save(&a, &p).unwrap();
    let mut other = p.clone();
    let id = other.claims[0].id.clone();
    ops::set_verdict(&mut other, &id, "Ben <b>", Verdict::Disputed, AT).unwrap();
    store::save(&b, &other).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let o = claimdesk(&["merge", a, b, "-o", a, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_embeddable(&stdout(&o), "merge --json");
    let o = claimdesk(&["agreement", a, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_embeddable(&out, "agreement --json");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["reviewers"].as_array().unwrap().contains(&HOSTILE.into()));
}

// ------------------------------------------------------------------ 2. URLs

/// (address, the host a browser contacts — `None` when it is not an http(s) link).
const URLS: &[(&str, Option<&str>)] = &[
    // A backslash is a path separator in http(s): the browser opens evil.example.
    ("https://evil.example\\@desk.example/", Some("evil.example")),
    ("https://evil.example\\desk.example/", Some("evil.example")),
    // User info before `@` is not the host.
    ("https://desk.example@evil.example/", Some("evil.example")),
    (
        "https://desk.example%2F@evil.example/x",
        Some("evil.example"),
    ),
    ("https://user:pw@desk.example:8443/x", Some("desk.example")),
    // International names: their ASCII (punycode) form, so look-alikes stay apart.
    ("https://bücher.example/", Some("xn--bcher-kva.example")),
    (
        "https://xn--bcher-kva.example/",
        Some("xn--bcher-kva.example"),
    ),
    ("https://pаypal.example/", Some("xn--pypal-4ve.example")), // Cyrillic а
    // Case, whitespace and control characters as a browser treats them.
    ("HTTPS://Desk.EXAMPLE/Path", Some("desk.example")),
    ("hTtP://desk.example", Some("desk.example")),
    ("  https://desk.example/  ", Some("desk.example")),
    ("\u{1}https://desk.example/\u{7}", Some("desk.example")),
    ("https://desk.\texample/", Some("desk.example")),
    ("https://desk.exa\nmple/", Some("desk.example")),
    ("https:desk.example/x", Some("desk.example")),
    ("http://0x7f.1/", Some("127.0.0.1")),
    ("http://[::1]:8080/", Some("[::1]")),
    // Never links.
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("java\nscript:alert(1)", None),
    (" javascript:alert(1)", None),
    ("\u{1}javascript:alert(1)", None),
    ("javascript://https://desk.example/%0aalert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("DATA:text/html;base64,PHNjcmlwdD4=", None),
    ("vbscript:msgbox(1)", None),
    ("//evil.example/x", None),
    ("/relative/path", None),
    ("evil.example", None),
    ("https://", None),
    ("https:///", None),
    ("http://exa mple.org/", None),
    ("ftp://desk.example/", None),
    ("file:///etc/passwd", None),
    ("", None),
];

#[test]
fn tricky_urls_get_the_host_a_browser_opens() {
    for &(url, host) in URLS {
        assert_eq!(web_host(url).as_deref(), host, "host of {url:?}");
        assert_eq!(
            web_url(url).is_some(),
            host.is_some(),
            "link or not: {url:?}"
        );
    }
}

#[test]
fn reports_link_only_web_urls_and_show_the_host_the_link_opens() {
    let mut p = project("One claim here. Another one there.", "Links");
    let id = p.claims[0].id.clone();
    ops::set_verdict(&mut p, &id, "Ana", Verdict::Verified, AT).unwrap();
    let review = p.claims[0].reviews.get_mut("Ana").unwrap();
    for (i, &(url, _)) in URLS.iter().enumerate() {
        review.evidence.push(Evidence {
            url: url.into(),
            title: format!("source {i} desk.example"),
            ..Evidence::default()
        });
    }
    let html = render(&p, Format::Html, "2026-01-31").text;
    let dom = parse(&html);
    let items = elements(&dom, "li");
    assert_eq!(items.len(), URLS.len());
    for (li, &(url, host)) in items.iter().zip(URLS) {
        let links: Vec<String> = elements_in(li, "a")
            .iter()
            .filter_map(|a| attr(a, "href"))
            .collect();
        let shown = elements_in(li, "span")
            .into_iter()
            .find(|s| attr(s, "class").as_deref() == Some("host"))
            .map(|s| text_of(&s));
        match host {
            Some(host) => {
                assert_eq!(links.len(), 1, "{url:?} is a link");
                // The link target is the parsed address; its host is the one shown.
                let target = url::Url::parse(&links[0]).unwrap();
                assert_eq!(target.host_str(), Some(host), "{url:?}");
                assert_eq!(shown.as_deref(), Some(format!("({host})").as_str()));
            }
            None => assert!(links.is_empty(), "{url:?} must not be a link: {links:?}"),
        }
    }

    let md = render(&p, Format::Markdown, "2026-01-31").text;
    // Markdown escapes the brackets of an IPv6 host; the others read as they are.
    for &(url, host) in URLS {
        if let Some(host) = host.filter(|h| !h.starts_with('[')) {
            let link = format!("]({}) ({host})", web_url(url).unwrap());
            assert!(md.contains(&link), "{url:?}: {link}");
        }
    }
    for bad in ["](javascript", "](JaVaScRiPt", "](data", "](//evil"] {
        assert!(!md.contains(bad), "{bad}");
    }
}

#[test]
fn claimreview_same_site_check_compares_the_parsed_hosts() {
    let p = project("The minister said it.", "Same site");
    let mut p = with_publisher(
        p,
        "Desk",
        "https://desk.example/",
        "https://evil.example\\@desk.example/fc",
    );
    let id = p.claims[0].id.clone();
    ops::set_verdict(&mut p, &id, "Ana", Verdict::Verified, AT).unwrap();
    let out = render(&p, Format::ClaimReview, "2026-01-31");
    assert!(
        out.warnings
            .iter()
            .any(|w| w.contains("(evil.example) is not the publisher's (desk.example)")),
        "{:?}",
        out.warnings
    );
    let v: serde_json::Value = serde_json::from_str(&out.text).unwrap();
    let url = v[0]["url"].as_str().unwrap();
    assert!(url.starts_with("https://evil.example/"), "{url}");
    assert!(url.ends_with(&format!("#claim-{id}")), "{url}");

    // A real subdomain passes; a look-alike suffix does not.
    for (review, warned) in [
        ("https://fc.desk.example/x", false),
        ("HTTPS://WWW.DESK.EXAMPLE/x", false),
        ("https://notdesk.example/x", true),
        ("https://desk.example.evil.example/x", true),
    ] {
        let q = with_publisher(p.clone(), "Desk", "https://desk.example", review);
        let out = render(&q, Format::ClaimReview, "2026-01-31");
        let got = out
            .warnings
            .iter()
            .any(|w| w.contains("not the publisher's"));
        assert_eq!(got, warned, "{review}");
    }

    // `javascript:` is refused as a publisher URL, in every spelling.
    for bad in [
        "javascript:alert(1)",
        "java\tscript://desk.example/",
        "//desk.example/",
    ] {
        let q = with_publisher(p.clone(), "Desk", "https://desk.example", bad);
        let e = export::render(&q, Format::ClaimReview, &ExportOptions::new("2026-01-31"));
        assert!(e.is_err(), "{bad:?}");
    }
}

// ------------------------------------------------------------------ 3. HTML report

fn parse(html: &str) -> RcDom {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    assert!(dom.errors.borrow().is_empty(), "{:?}", dom.errors.borrow());
    dom
}

fn tag(h: &Handle) -> Option<String> {
    match &h.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

fn attr(h: &Handle, key: &str) -> Option<String> {
    match &h.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == key)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

fn elements_in(h: &Handle, name: &str) -> Vec<Handle> {
    fn go(h: &Handle, name: &str, out: &mut Vec<Handle>) {
        if tag(h).as_deref() == Some(name) {
            out.push(h.clone());
        }
        for c in h.children.borrow().iter() {
            go(c, name, out);
        }
    }
    let mut out = Vec::new();
    go(h, name, &mut out);
    out
}

fn elements(dom: &RcDom, name: &str) -> Vec<Handle> {
    elements_in(&dom.document, name)
}

fn text_of(h: &Handle) -> String {
    let mut out = String::new();
    if let NodeData::Text { contents } = &h.data {
        out.push_str(&contents.borrow());
    }
    for c in h.children.borrow().iter() {
        out.push_str(&text_of(c));
    }
    out
}

/// Calls `f(text, isolate)` for every text node, with its nearest bidi-isolating ancestor
/// (`<bdi>` or an element with a `dir` attribute).
fn text_nodes(h: &Handle, isolate: Option<&Handle>, f: &mut dyn FnMut(&str, Option<&Handle>)) {
    if let NodeData::Text { contents } = &h.data {
        f(&contents.borrow(), isolate);
    }
    let here = tag(h).as_deref() == Some("bdi") || attr(h, "dir").is_some();
    let isolate = if here { Some(h) } else { isolate };
    for c in h.children.borrow().iter() {
        text_nodes(c, isolate, f);
    }
}

const RLO: char = '\u{202E}';

#[test]
fn every_user_string_is_isolated_so_an_override_reverses_only_itself() {
    let evil = |what: &str| format!("{RLO}{what} evil");
    let mut p = project(
        "The minister said it on Monday. Others said it too.",
        &evil("title"),
    );
    p.article.outlet = evil("outlet");
    p.article.published = evil("published");
    let (one, two) = (p.claims[0].id.clone(), p.claims[1].id.clone());
    let reviewers = [evil("Ana"), "Ben Okafor".to_string(), evil("Chloé")];
    for r in &reviewers {
        ops::set_verdict(&mut p, &one, r, Verdict::Verified, AT).unwrap();
        ops::set_verdict(&mut p, &two, r, Verdict::Disputed, AT).unwrap();
    }
    ops::set_verdict(&mut p, &two, &reviewers[1], Verdict::Verified, AT).unwrap();
    ops::set_attributed_to(&mut p, &one, &reviewers[0], &evil("attributed"), AT).unwrap();
    ops::set_note(&mut p, &one, &reviewers[0], &evil("note"), AT).unwrap();
    ops::add_evidence(
        &mut p,
        &one,
        &reviewers[0],
        Evidence {
            url: "https://source.example/".into(),
            title: evil("evidence title"),
            excerpt: evil("excerpt"),
            accessed: evil("accessed"),
        },
        AT,
    )
    .unwrap();
    ops::add_evidence(
        &mut p,
        &one,
        &reviewers[2],
        Evidence {
            url: evil("not a url"),
            ..Evidence::default()
        },
        AT,
    )
    .unwrap();
    adjudication::adjudicate(&mut p, &two, &evil("Editor"), Some(Verdict::Disputed), AT).unwrap();

    let html = render(&p, Format::Html, "2026-01-31").text;
    let dom = parse(&html);
    let mut seen = 0;
    let body = &elements(&dom, "body")[0];
    text_nodes(body, None, &mut |text, isolate| {
        if !text.contains(RLO) {
            return;
        }
        seen += 1;
        let isolate = isolate.unwrap_or_else(|| panic!("{text:?} is not isolated"));
        // The isolate holds this one string and nothing else a reader would see reversed.
        let whole = text_of(isolate);
        assert_eq!(whole.matches(RLO).count(), 1, "{whole:?}");
        assert!(
            whole.starts_with(RLO) && whole.ends_with(" evil"),
            "{whole:?}"
        );
    });
    // title, outlet, published, 2 reviewers × (header, agreement pairs, rows), attributed,
    // note, evidence title, excerpt, accessed, the non-URL, the editor.
    assert!(seen >= 14, "{seen} overrides found");
    // The <title> cannot hold markup: first-strong isolate characters do the same job.
    let title = text_of(&elements(&dom, "title")[0]);
    assert!(
        title.ends_with(&format!("\u{2068}{}\u{2069}", evil("title"))),
        "{title:?}"
    );
    // Claim markers in the article read left to right whatever the text around them does.
    for a in elements(&dom, "a") {
        if attr(&a, "class").as_deref() == Some("marker") {
            assert_eq!(attr(&a, "dir").as_deref(), Some("ltr"));
        }
    }
}

#[test]
fn a_megabyte_note_without_spaces_can_be_laid_out() {
    let mut p = project("The minister said it on Monday.", "Long note");
    let id = p.claims[0].id.clone();
    let note = "x".repeat(1 << 20);
    ops::set_verdict(&mut p, &id, "Ana", Verdict::Verified, AT).unwrap();
    ops::set_note(&mut p, &id, "Ana", &note, AT).unwrap();
    let started = Instant::now();
    let html = render(&p, Format::Html, "2026-01-31").text;
    assert!(started.elapsed() < Duration::from_secs(20));
    let dom = parse(&html);

    // CSS: long words break anywhere, everywhere on the page.
    let css = text_of(&elements(&dom, "style")[0]);
    let page = &css[css.find(".page {").expect("a .page rule")..];
    let page = &page[..page.find('}').unwrap()];
    assert!(page.contains("overflow-wrap: anywhere"), "{page}");
    assert!(page.contains("word-break: break-word"), "{page}");

    // And the markup itself offers a break at least every 40 characters.
    let cell = elements(&dom, "td")
        .into_iter()
        .find(|td| attr(td, "class").as_deref() == Some("note"))
        .unwrap();
    assert_eq!(text_of(&cell), note, "the note is all there");
    let mut longest = 0;
    text_nodes(&cell, None, &mut |t, _| {
        longest = longest.max(t.chars().count())
    });
    assert!(
        longest <= 40,
        "a run of {longest} characters without a break"
    );
    assert!(elements_in(&cell, "wbr").len() >= note.len() / 40);
}

// ------------------------------------------------------------------ 4. Article input

fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if big_endian {
            [0xFE, 0xFF]
        } else {
            [0xFF, 0xFE]
        });
    }
    for u in s.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_and_nul_articles_are_refused_with_the_encoding_and_offset() {
    let text = "NATO chief visits Kyiv. He met the president.";
    let cases: [(Vec<u8>, &[&str]); 4] = [
        (utf16(text, true, false), &["UTF-16BE", "offset 0"]),
        (utf16(text, false, true), &["UTF-16LE", "FF FE", "offset 0"]),
        (utf16(text, false, false), &["UTF-16LE", "offset 1"]),
        (
            b"NATO chief visits Kyiv.\0 He met the president.".to_vec(),
            &["NUL character at offset 23"],
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, (bytes, expected)) in cases.into_iter().enumerate() {
        let e = decode_article(bytes.clone()).unwrap_err();
        for x in expected {
            assert!(e.contains(x), "case {i}: {e}");
        }
        // The command line refuses it too, naming the file, and writes nothing.
        let article = dir.path().join(format!("article-{i}.txt"));
        std::fs::write(&article, &bytes).unwrap();
        let out = dir.path().join(format!("p-{i}.ron"));
        let o = claimdesk(&[
            "new",
            article.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "case {i}");
        let err = stderr(&o);
        assert!(err.contains(&format!("article-{i}.txt")), "{err}");
        assert!(err.contains(expected[0]), "{err}");
        assert!(!out.exists());
    }
    // UTF-8 (with or without a byte-order mark) is still welcome.
    assert_eq!(decode_article(text.into()).unwrap(), text);
}

// ------------------------------------------------------------------ 6. Lock

#[test]
fn merge_and_import_wait_for_the_project_lock_and_then_give_up_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    let mut p = project(
        "The minister said it on Monday. Others said it too.",
        "Lock",
    );
    store::save(&b, &p).unwrap();
    let id = p.claims[0].id.clone();
    ops::set_verdict(&mut p, &id, "Ana", Verdict::Verified, AT).unwrap();
    store::save(&a, &p).unwrap();
    let w3c = dir.path().join("w3c.json");
    std::fs::write(&w3c, render(&p, Format::W3c, "2026-01-31").text).unwrap();
    let before = std::fs::read(&b).unwrap();

    let held = store::ProjectLock::acquire(&b, Duration::from_secs(1)).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .args(args)
            .env("CLAIMDESK_LOCK_WAIT_MS", "300")
            .output()
            .unwrap()
    };
    let (a, bs, w) = (
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        w3c.to_str().unwrap(),
    );
    for args in [
        vec!["merge", bs, a, "-o", bs],
        vec!["import-annotations", bs, w],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("b.ron"), "{}", stderr(&o));
        assert_eq!(std::fs::read(Path::new(bs)).unwrap(), before, "{args:?}");
    }
    drop(held);
    let o = run(&["merge", bs, a, "-o", bs]);
    assert!(o.status.success(), "{}", stderr(&o));
    let merged = store::load(Path::new(bs)).unwrap();
    assert_eq!(merged.claims[0].verdict_of("Ana"), Verdict::Verified);
}
