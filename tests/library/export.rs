//! Exports (issue 4): golden files for every format on the sample project, the HTML as a
//! browser parses it, an XSS project whose hostile text must never come alive, and the W3C
//! round trip through `import_annotations`.
//!
//! Golden files live in tests/snapshots; after an intended change review them with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test --test export`). In CI (`CI` set)
//! a mismatch fails.

use claimdesk::article::{ArticleInfo, new_project};
use claimdesk::export::{self, ExportError, ExportOptions, Format, PublisherField};
use claimdesk::model::{ClaimKind, Evidence, Project, Publisher, Verdict};
use claimdesk::{ops, store};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use std::path::Path;

const SAMPLE: &str = "projects/nato-chief-kyiv.ron";
const ARTICLE: &str = "tests/fixtures/nato-chief-kyiv.txt";
const XSS: &str = "tests/fixtures/xss.ron";
const DATE: &str = "2026-01-31";
const NOW: &str = "2026-02-01T12:00:00Z";

fn sample() -> Project {
    store::load(Path::new(SAMPLE)).expect("sample project loads")
}

fn xss() -> Project {
    store::load(Path::new(XSS)).expect("XSS fixture loads and validates")
}

fn with_publisher(mut p: Project) -> Project {
    p.publisher = Some(Publisher {
        name: "Example Fact Check".into(),
        url: "https://factcheck.example.org".into(),
        review_url: "https://factcheck.example.org/2023/nato-chief-kyiv".into(),
    });
    p
}

fn options() -> ExportOptions {
    ExportOptions::new(DATE)
}

fn render(p: &Project, f: Format) -> export::Rendered {
    export::render(p, f, &options()).unwrap_or_else(|e| panic!("{f}: {e}"))
}

// ---------------------------------------------------------------- DOM helpers

fn parse_html(html: &str) -> RcDom {
    html5ever::parse_document(RcDom::default(), Default::default()).one(html)
}

/// A report page: it must parse without a single error.
fn parse_report(html: &str) -> RcDom {
    let dom = parse_html(html);
    assert!(
        dom.errors.borrow().is_empty(),
        "parse errors: {:?}",
        dom.errors.borrow()
    );
    dom
}

fn walk(h: &Handle, f: &mut dyn FnMut(&Handle)) {
    f(h);
    for c in h.children.borrow().iter() {
        walk(c, f);
    }
}

fn name(h: &Handle) -> Option<String> {
    match &h.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

fn attrs(h: &Handle) -> Vec<(String, String)> {
    match &h.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .map(|a| (a.name.local.to_string(), a.value.to_string()))
            .collect(),
        _ => Vec::new(),
    }
}

fn attr(h: &Handle, key: &str) -> Option<String> {
    attrs(h).into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn has_class(h: &Handle, class: &str) -> bool {
    attr(h, "class").is_some_and(|c| c.split_whitespace().any(|x| x == class))
}

fn elements(dom: &RcDom) -> Vec<Handle> {
    let mut out = Vec::new();
    walk(&dom.document, &mut |h| {
        if name(h).is_some() {
            out.push(h.clone());
        }
    });
    out
}

/// Text content, leaving out elements `skip` says to.
fn text_of(h: &Handle, skip: &dyn Fn(&Handle) -> bool) -> String {
    fn go(h: &Handle, skip: &dyn Fn(&Handle) -> bool, out: &mut String) {
        if skip(h) {
            return;
        }
        if let NodeData::Text { contents } = &h.data {
            out.push_str(&contents.borrow());
        }
        for c in h.children.borrow().iter() {
            go(c, skip, out);
        }
    }
    let mut out = String::new();
    go(h, skip, &mut out);
    out
}

fn find(els: &[Handle], pred: impl Fn(&Handle) -> bool) -> Vec<&Handle> {
    els.iter().filter(|h| pred(h)).collect()
}

/// The article as the report shows it: its text without the claim markers.
fn article_text(els: &[Handle]) -> String {
    let div = find(els, |h| {
        name(h).as_deref() == Some("div") && has_class(h, "article")
    });
    assert_eq!(div.len(), 1, "one article block");
    text_of(div[0], &|h| has_class(h, "marker"))
}

/// Nothing in the page can run: no script, no event handler, no script URL, nothing loaded.
fn assert_inert(dom: &RcDom) {
    for h in elements(dom) {
        let tag = name(&h).unwrap_or_default();
        assert!(
            !matches!(
                tag.as_str(),
                "script" | "iframe" | "object" | "embed" | "img" | "link" | "base" | "form"
            ),
            "a <{tag}> element"
        );
        for (k, v) in attrs(&h) {
            let key = k.to_ascii_lowercase();
            assert!(
                !key.starts_with("on"),
                "<{tag} {k}={v:?}> is an event handler"
            );
            if matches!(
                key.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) {
                let url: String = v
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                let lower = url.to_ascii_lowercase();
                assert!(
                    lower.starts_with("http://")
                        || lower.starts_with("https://")
                        || lower.starts_with('#'),
                    "<{tag} {k}={v:?}> is not an http(s) or in-page link"
                );
            }
            if key == "http-equiv" {
                assert!(
                    v.eq_ignore_ascii_case("Content-Security-Policy"),
                    "meta http-equiv={v}"
                );
            }
        }
    }
}

fn markdown_to_html(md: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let mut out = String::new();
    html::push_html(
        &mut out,
        Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH),
    );
    out
}

// ---------------------------------------------------------------- golden files

#[test]
fn golden_html() {
    insta::assert_snapshot!("html", render(&sample(), Format::Html).text);
}

#[test]
fn golden_markdown() {
    insta::assert_snapshot!("markdown", render(&sample(), Format::Markdown).text);
}

#[test]
fn golden_csv() {
    let out = render(&sample(), Format::Csv).text;
    assert!(
        out.starts_with('\u{FEFF}'),
        "CSV starts with a byte-order mark"
    );
    assert!(out.contains("\r\n"), "CSV lines end in CRLF");
    insta::assert_snapshot!(
        "csv",
        out.trim_start_matches('\u{FEFF}').replace("\r\n", "\n")
    );
}

#[test]
fn golden_w3c() {
    insta::assert_snapshot!("w3c", render(&sample(), Format::W3c).text);
}

#[test]
fn golden_claimreview_and_its_warnings() {
    let out = render(&with_publisher(sample()), Format::ClaimReview);
    insta::assert_snapshot!("claimreview", out.text);
    insta::assert_snapshot!("claimreview_warnings", out.warnings.join("\n"));
}

// ---------------------------------------------------------------- HTML

#[test]
fn html_parses_cleanly_and_holds_every_claim_once() {
    let p = sample();
    let html = render(&p, Format::Html).text;
    let dom = parse_report(&html);
    let els = elements(&dom);
    assert_eq!(
        article_text(&els),
        p.article.text,
        "the article, complete and once"
    );
    assert_eq!(
        html.matches("Russian military artefacts on display")
            .count(),
        2,
        "article + table"
    );
    for (i, c) in p.claims.iter().enumerate() {
        let n = (i + 1).to_string();
        let entry = find(&els, |h| {
            attr(h, "id").as_deref() == Some(&format!("claim-{}", c.id))
        });
        assert_eq!(entry.len(), 1, "entry for claim {n}");
        assert_eq!(name(entry[0]).as_deref(), Some("tbody"));
        let quote = find(&els, |h| name(h).as_deref() == Some("blockquote"))
            .into_iter()
            .filter(|b| text_of(b, &|_| false) == c.quote)
            .count();
        assert!(quote >= 1, "claim {n}'s quote in the table");
        let entry_text = text_of(entry[0], &|_| false);
        assert!(
            entry_text.starts_with(&n),
            "claim {n}'s number: {entry_text:.40}"
        );
        let marker = find(&els, |h| {
            attr(h, "id").as_deref() == Some(&format!("at-{}", c.id))
        });
        assert_eq!(marker.len(), 1, "marker for claim {n}");
        assert_eq!(attr(marker[0], "href"), Some(format!("#claim-{}", c.id)));
        assert!(text_of(marker[0], &|_| false).starts_with(&n));
    }
    // The hand-made selection sits inside its statement: nested marks.
    let sel = p
        .claims
        .iter()
        .find(|c| c.kind == ClaimKind::Selection)
        .unwrap();
    let marks = find(&els, |h| {
        name(h).as_deref() == Some("mark") && has_class(h, "sel")
    });
    assert_eq!(marks.len(), 1);
    assert_eq!(text_of(marks[0], &|h| has_class(h, "marker")), sel.quote);
    assert_inert(&dom);
}

#[test]
fn html_is_self_contained_and_prints() {
    let html = render(&sample(), Format::Html).text;
    for banned in ["<script", "<link", " src=", "@import", "url(", "@font-face"] {
        assert!(!html.contains(banned), "{banned}");
    }
    assert!(html.contains("@media print"));
    assert!(html.contains("size: A4"));
    assert!(html.contains("break-before: page"));
    assert!(
        html.contains(r#"a[href^="http"]::after"#),
        "links printed as text"
    );
    assert!(html.contains("Content-Security-Policy"));
    // Colours come with letters.
    for (colour, letter) in [("#009E73", "V"), ("#E69F00", "A"), ("#D55E00", "D")] {
        assert!(html.contains(colour));
        assert!(html.contains(&format!("<b>{letter}</b>")));
    }
}

#[test]
fn html_shows_agreement_with_left_out_counts() {
    let html = render(&sample(), Format::Html).text;
    let dom = parse_html(&html);
    let els = elements(&dom);
    let summary = find(&els, |h| attr(h, "id").as_deref() == Some("summary"));
    let text = text_of(summary[0], &|_| false);
    for want in [
        "Cohen's κ",
        "Fleiss' κ",
        "Krippendorff's α",
        "Left out",
        "open disagreement",
        "38.1 %",
    ] {
        assert!(text.contains(want), "{want} in the summary");
    }
}

#[test]
fn verdict_filter_narrows_every_format() {
    let p = with_publisher(sample());
    let o = ExportOptions {
        verdicts: vec![Verdict::Disputed],
        ..options()
    };
    let disputed: Vec<_> = p
        .claims
        .iter()
        .filter(|c| c.has_verdict(Verdict::Disputed))
        .collect();
    assert_eq!(disputed.len(), 1);
    let id = &disputed[0].id;
    for f in Format::ALL {
        let out = export::render(&p, f, &o).unwrap();
        assert_eq!(out.claims, 1, "{f}");
        assert!(out.text.contains(id.as_str()), "{f} has the disputed claim");
        let other = &p.claims[0].id;
        assert!(
            !out.text.contains(other.as_str()),
            "{f} leaves out other claims"
        );
    }
    let html = export::render(&p, Format::Html, &o).unwrap().text;
    let dom = parse_html(&html);
    let els = elements(&dom);
    assert_eq!(
        article_text(&els),
        p.article.text,
        "the whole article is still shown"
    );
    assert_eq!(find(&els, |h| has_class(h, "claim")).len(), 1);
    assert!(html.contains("This report lists 1 claim of 21"));
    // Two verdicts: either matches.
    let o2 = ExportOptions {
        verdicts: vec![Verdict::Disputed, Verdict::Unreviewed],
        ..options()
    };
    assert_eq!(export::render(&p, Format::Csv, &o2).unwrap().claims, 14);
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_has_one_row_per_claim_and_reviewer() {
    let p = sample();
    let o = ExportOptions {
        csv_bom: false,
        ..options()
    };
    let out = export::render(&p, Format::Csv, &o).unwrap().text;
    assert!(!out.starts_with('\u{FEFF}'));
    let mut r = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        export::CSV_COLUMNS.to_vec()
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let expected: usize = p.claims.iter().map(|c| c.reviews.len().max(1)).sum();
    assert_eq!(rows.len(), expected);
    let quote = export::CSV_COLUMNS
        .iter()
        .position(|c| *c == "quote")
        .unwrap();
    let reviewer = export::CSV_COLUMNS
        .iter()
        .position(|c| *c == "reviewer")
        .unwrap();
    for c in &p.claims {
        let mine: Vec<_> = rows.iter().filter(|r| &r[1] == c.id.as_str()).collect();
        assert_eq!(mine.len(), c.reviews.len().max(1));
        assert!(mine.iter().all(|r| &r[quote] == c.quote.as_str()));
        if c.reviews.is_empty() {
            assert_eq!(&mine[0][reviewer], "");
        }
    }
}

// ---------------------------------------------------------------- ClaimReview

#[test]
fn claimreview_needs_publisher_settings() {
    let p = sample();
    assert_eq!(
        export::render(&p, Format::ClaimReview, &options()),
        Err(ExportError::MissingPublisher(vec![
            PublisherField::Name,
            PublisherField::Url,
            PublisherField::ReviewUrl
        ]))
    );
    let mut p = with_publisher(p);
    p.publisher.as_mut().unwrap().review_url.clear();
    assert_eq!(
        export::render(&p, Format::ClaimReview, &options()),
        Err(ExportError::MissingPublisher(vec![
            PublisherField::ReviewUrl
        ]))
    );
    p.publisher.as_mut().unwrap().review_url = "javascript:alert(1)".into();
    assert!(matches!(
        export::render(&p, Format::ClaimReview, &options()),
        Err(ExportError::BadPublisherUrl {
            field: PublisherField::ReviewUrl,
            ..
        })
    ));
    // Other formats do not need them.
    assert!(export::render(&sample(), Format::Html, &options()).is_ok());
}

#[test]
fn claimreview_lists_settled_claims_and_warns_by_google_rules() {
    let mut p = with_publisher(sample());
    p.publisher.as_mut().unwrap().review_url = "https://elsewhere.example.com/fc".into();
    let out = render(&p, Format::ClaimReview);
    let list: serde_json::Value = serde_json::from_str(&out.text).unwrap();
    let list = list.as_array().unwrap();
    let settled: Vec<_> = p
        .claims
        .iter()
        .filter(|c| c.settled_verdict().is_some())
        .collect();
    assert_eq!(list.len(), settled.len());
    assert_eq!(out.claims, settled.len());
    for (item, c) in list.iter().zip(&settled) {
        assert_eq!(item["@context"], "https://schema.org");
        assert_eq!(item["@type"], "ClaimReview");
        assert_eq!(item["claimReviewed"], c.quote.as_str());
        assert_eq!(
            item["url"],
            format!("https://elsewhere.example.com/fc#claim-{}", c.id)
        );
        assert_eq!(item["author"]["name"], "Example Fact Check");
        assert_eq!(item["datePublished"], DATE);
        assert_eq!(item["itemReviewed"]["@type"], "Claim");
        assert_eq!(item["itemReviewed"]["datePublished"], "2023-04-20");
        let rating = item["reviewRating"]["alternateName"].as_str().unwrap();
        match c.settled_verdict().unwrap() {
            Verdict::Verified => assert_eq!(rating, "Verified"),
            Verdict::Disputed => assert_eq!(rating, "Disputed"),
            Verdict::AttributedOnly => {
                assert!(rating.starts_with("Unverified (attributed to "), "{rating}")
            }
            Verdict::Unreviewed => unreachable!(),
        }
    }
    let w = out.warnings.join("\n");
    assert!(w.contains("review URL's domain (elsewhere.example.com) is not the publisher's (factcheck.example.org)"), "{w}");
    assert!(
        w.contains("14 claims left out as unsettled: 13 not reviewed, 1 where reviewers differ"),
        "{w}"
    );
    assert!(w.contains("the article has no URL"), "{w}");
    // Every claim over 75 characters is named by its number.
    for (i, c) in p.claims.iter().enumerate() {
        let long = c.quote.chars().count() > export::CLAIM_REVIEWED_MAX;
        let named = w.contains(&format!("claim {}: claimReviewed is", i + 1));
        assert_eq!(
            named,
            long && c.settled_verdict().is_some(),
            "claim {}",
            i + 1
        );
    }
}

// ---------------------------------------------------------------- W3C and import

fn fresh() -> Project {
    let text = std::fs::read_to_string(ARTICLE).unwrap();
    new_project(ArticleInfo::default(), text)
}

#[test]
fn w3c_round_trip_restores_every_review() {
    let source = sample();
    let json = render(&source, Format::W3c).text;
    let mut p = fresh();
    let summary = export::import_annotations(&mut p, &json, NOW).unwrap();
    let not: Vec<_> = summary.not_applied().collect();
    assert!(not.is_empty(), "{not:?}");
    assert_eq!(summary.total(), 12);
    assert_eq!(
        summary.claims_created(),
        1,
        "the hand-made selection comes back"
    );
    store::validate(&p).expect("the imported project is valid");
    assert_eq!(p.claims.len(), source.claims.len());
    assert_eq!(p.reviewers.len(), source.reviewers.len());
    for c in &source.claims {
        let back = p
            .claims
            .iter()
            .find(|b| b.start == c.start && b.end == c.end)
            .unwrap_or_else(|| panic!("claim {} came back", c.id));
        assert_eq!(back.kind, c.kind, "{}", c.id);
        if c.kind != ClaimKind::Selection {
            assert_eq!(back.id, c.id);
        }
        assert_eq!(back.reviews, c.reviews, "reviews of {}", c.id);
    }
    let audit = |p: &Project| {
        let mut v: Vec<_> = p
            .audit
            .iter()
            .map(|e| {
                (
                    e.reviewer.clone(),
                    p.claim(&e.claim).map(|c| (c.start, c.end)),
                    e.to,
                    e.at.clone(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        audit(&p),
        audit(&source),
        "one audit entry per verdict, at the review's time"
    );
    // Importing again changes nothing.
    let before = p.clone();
    let again = export::import_annotations(&mut p, &json, NOW).unwrap();
    assert!(!again.changed());
    assert_eq!(again.claims_created(), 0);
    assert_eq!(p, before);
}

#[test]
fn w3c_output_is_json_ld_with_both_selectors() {
    let p = sample();
    let v: serde_json::Value = serde_json::from_str(&render(&p, Format::W3c).text).unwrap();
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(v["total"], items.len());
    let reviews: usize = p.claims.iter().map(|c| c.reviews.len()).sum();
    assert_eq!(items.len(), reviews);
    for a in items {
        assert_eq!(a["type"], "Annotation");
        assert!(
            a["id"]
                .as_str()
                .unwrap()
                .starts_with("urn:claimdesk:claim:")
        );
        assert!(a["creator"]["name"].is_string());
        assert!(a["created"].is_string() && a["modified"].is_string());
        let sel = a["target"]["selector"].as_array().unwrap();
        assert_eq!(sel[0]["type"], "TextQuoteSelector");
        assert_eq!(sel[1]["type"], "TextPositionSelector");
        assert!(
            a["target"]["source"]
                .as_str()
                .unwrap()
                .starts_with("urn:sha256:")
        );
        let bodies = a["body"].as_array().unwrap();
        assert_eq!(bodies[0]["purpose"], "classifying");
    }
}

fn annotation(
    id: &str,
    creator: Option<&str>,
    exact: &str,
    prefix: &str,
    suffix: &str,
    pos: Option<(usize, usize)>,
) -> serde_json::Value {
    let mut selectors = vec![serde_json::json!({
        "type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix
    })];
    if let Some((s, e)) = pos {
        selectors.push(serde_json::json!({"type": "TextPositionSelector", "start": s, "end": e}));
    }
    let mut a = serde_json::json!({
        "type": "Annotation",
        "motivation": "assessing",
        "body": [
            {"type": "TextualBody", "purpose": "classifying", "value": "disputed"},
            {"type": "TextualBody", "value": "plain comment"},
            {"type": "TextualBody", "purpose": "tagging", "value": "nato"}
        ],
        "target": {"source": "https://example.org/elsewhere", "selector": selectors}
    });
    if !id.is_empty() {
        a["id"] = id.into();
    }
    if let Some(c) = creator {
        a["creator"] = serde_json::json!({"type": "Person", "name": c});
    }
    a
}

#[test]
fn import_matches_by_position_then_quote_and_reports_the_rest() {
    let mut p = fresh();
    let text = p.article.text.clone();
    let members = p
        .claims
        .iter()
        .find(|c| c.quote.starts_with("The 31-member NATO has"))
        .unwrap()
        .clone();
    let phrase = "31-member";
    let twice = text.matches(phrase).count();
    assert_eq!(twice, 2, "the fixture has the phrase twice");
    let later = text.rfind("31-member alliance").unwrap();
    let later_chars = text[..later].chars().count();
    let file = serde_json::json!([
        // 1: by position + quote, onto an existing statement.
        annotation("https://other.tool/a/1", Some("Zoe"), &members.quote, "", "", Some((members.start, members.end))),
        // 2: stale position; the quote with its context is found instead; a new selection.
        annotation("", Some("Zoe"), phrase, "It should be mentioned here that the ", " alliance has focused", Some((1, 10))),
        // 3: the quote is not in the text.
        annotation("", Some("Zoe"), "Paris is the capital of Spain", "", "", None),
        // 4: no creator.
        annotation("", None, &members.quote, "", "", None),
        // 5: a final verdict.
        annotation(&format!("urn:claimdesk:claim:{}:final", members.id), Some("Editor"), &members.quote, "", "", None),
        // 6: repeated quote with no context or position to choose.
        annotation("", Some("Zoe"), phrase, "", "", None),
        // 7: not an annotation at all.
        {"type": "Note", "content": "hello"},
    ]);
    let s = export::import_annotations(&mut p, &file.to_string(), NOW).unwrap();
    assert_eq!(s.total(), 7);
    let o = &s.outcomes;
    assert_eq!(o[0].claim.as_deref(), Some(members.id.as_str()));
    assert!(!o[0].created_claim);
    assert!(
        o[0].notes.iter().any(|n| n.contains("purpose tagging")),
        "{:?}",
        o[0].notes
    );
    assert!(
        o[0].notes
            .iter()
            .any(|n| n.contains("not this article's address")),
        "{:?}",
        o[0].notes
    );
    assert!(o[1].created_claim, "{:?}", o[1]);
    let made = p.claim(o[1].claim.as_deref().unwrap()).unwrap();
    assert_eq!(
        (made.start, made.quote.as_str(), made.kind),
        (later_chars, phrase, ClaimKind::Selection)
    );
    for (i, why) in [
        (2, "not in this article's text"),
        (3, "no creator"),
        (4, "final verdict"),
        (5, "appears 2 times"),
        (6, "not an Annotation"),
    ] {
        assert_eq!(o[i].claim, None, "annotation {}", i + 1);
        assert!(
            o[i].notes[0].contains(why),
            "annotation {}: {:?}",
            i + 1,
            o[i].notes
        );
    }
    let r = p.claim(&members.id).unwrap().review("Zoe").unwrap();
    assert_eq!(
        (r.verdict, r.note.as_str()),
        (Verdict::Disputed, "plain comment")
    );
    assert_eq!(
        r.changed, NOW,
        "no time in the annotation: stamped with now"
    );
    assert_eq!(p.audit.len(), 2);
    store::validate(&p).unwrap();
}

#[test]
fn import_refuses_files_that_are_not_annotations() {
    let mut p = fresh();
    let e = export::import_annotations(&mut p, "{\n  \"type\": ", NOW).unwrap_err();
    assert!(e.position.is_some(), "{e}");
    let e = export::import_annotations(&mut p, r#"{"hello": 1}"#, NOW).unwrap_err();
    assert!(e.message.contains("expected W3C Web Annotations"), "{e}");
    assert_eq!(p, fresh());
}

// ---------------------------------------------------------------- XSS

const X: &str = "<script>alert(1)</script>";

/// Builds the hostile fixture through the core. Hand-made claim ids are random, so the file is
/// committed; regenerate with `cargo test --test export -- --ignored regenerate_xss_fixture`.
fn build_xss() -> Project {
    let text = format!(
        "Headline {X} \"double\" 'single'\n\
         The minister said <img src=x onerror=alert(1)> and javascript:alert(1) are fine. \
         See [a link](javascript:alert(1)) and <a href=\"javascript:alert(1)\">this</a> | pipe | `code` *bold* &amp; &lt;b&gt;.\n\
         # Not a heading -- <!-- comment --> ]]> </textarea></title></style></svg> <svg onload=alert(1)>\n\
         1. Not a list item =HYPERLINK(\"http://evil.example\",\"x\") {{{{7*7}}}} ${{7*7}}.\n"
    );
    let mut p = new_project(
        ArticleInfo {
            title: format!("</title>{X}<title>"),
            outlet: "\"><img src=x onerror=alert(1)>".into(),
            url: "javascript:alert(1)".into(),
            published: "<b onmouseover=alert(1)>2026</b>".into(),
            ..Default::default()
        },
        text,
    );
    p.publisher = Some(Publisher {
        name: format!("Fact {X} Check"),
        url: "https://example.org".into(),
        review_url: "https://example.org/fact-check/xss".into(),
    });
    let at = "2026-01-02T10:00:00Z";
    let mallory = "Mallory <script>alert(1)</script>";
    let eve = "Eve \"onmouseover=alert(1) '";
    let ids: Vec<String> = p.claims.iter().map(|c| c.id.clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        ops::set_verdict(&mut p, id, mallory, Verdict::ALL[1 + i % 3], at).unwrap();
        ops::set_attributed_to(&mut p, id, mallory, "<img src=x onerror=alert(1)>", at).unwrap();
        ops::set_note(&mut p, id, mallory, &format!("=HYPERLINK(\"http://evil.example\",\"x\")\n{X} javascript:alert(1) [x](javascript:alert(1))\n# heading?\n- list?"), at).unwrap();
        for (url, title) in [
            ("javascript:alert(1)", X.to_string()),
            (
                " JaVaScRiPt:alert(document.cookie)",
                "\"onmouseover=\"alert(1)".to_string(),
            ),
            (
                "data:text/html,<script>alert(1)</script>",
                "data".to_string(),
            ),
            (
                "https://example.org/\"onmouseover=\"alert(1)",
                "quote in URL".to_string(),
            ),
            ("https://example.org/ok?a=1&b='2'", format!("fine link {X}")),
        ] {
            ops::add_evidence(
                &mut p,
                id,
                mallory,
                Evidence {
                    url: url.into(),
                    title,
                    excerpt: X.into(),
                    accessed: "2026-01-02".into(),
                },
                at,
            )
            .unwrap();
        }
        ops::set_verdict(&mut p, id, eve, Verdict::ALL[1 + (i + 1) % 3], at).unwrap();
    }
    // A selection nested in a statement and one crossing a statement boundary.
    let text = p.article.text.clone();
    let chars = |s: &str| text[..text.find(s).unwrap()].chars().count();
    let nested = chars("<img src=x");
    ops::add_claim(
        &mut p,
        nested..nested + "<img src=x onerror=alert(1)>".len(),
        eve,
    )
    .unwrap();
    let cross = chars("are fine.");
    let cross_end = chars("| pipe");
    let c = ops::add_claim(&mut p, cross..cross_end, eve).unwrap();
    ops::set_verdict(&mut p, &c, eve, Verdict::Disputed, at).unwrap();
    ops::set_note(&mut p, &c, eve, X, at).unwrap();
    p
}

#[test]
#[ignore = "writes tests/fixtures/xss.ron; run by hand after changing build_xss"]
fn regenerate_xss_fixture() {
    store::save(Path::new(XSS), &build_xss()).unwrap();
}

#[test]
fn xss_fixture_is_what_build_xss_makes_apart_from_random_ids() {
    let (committed, built) = (xss(), build_xss());
    assert_eq!(committed.article, built.article);
    assert_eq!(committed.claims.len(), built.claims.len());
    let spans = |p: &Project| {
        p.claims
            .iter()
            .map(|c| (c.start, c.end, c.kind))
            .collect::<Vec<_>>()
    };
    assert_eq!(spans(&committed), spans(&built));
}

#[test]
fn xss_html_has_nothing_live() {
    let p = xss();
    let html = render(&p, Format::Html).text;
    let dom = parse_report(&html);
    assert_inert(&dom);
    let els = elements(&dom);
    assert_eq!(
        article_text(&els),
        p.article.text,
        "hostile text shown as text, complete"
    );
    let title = find(&els, |h| name(h).as_deref() == Some("title"));
    assert_eq!(
        text_of(title[0], &|_| false),
        // First-strong isolate characters keep a right-to-left title to itself.
        format!("Fact-check report: \u{2068}{}\u{2069}", p.article.title)
    );
    // Every claim still has its entry, and its quote shows as text.
    for c in &p.claims {
        assert_eq!(
            find(&els, |h| attr(h, "id").as_deref()
                == Some(&format!("claim-{}", c.id)))
            .len(),
            1
        );
    }
    // Only http(s) evidence becomes a link, written as a browser parses it: the quote that
    // tried to open an attribute is percent-encoded into the path (assert_inert saw no
    // handler), and everything else stays text.
    let links: Vec<String> = find(&els, |h| name(h).as_deref() == Some("a"))
        .into_iter()
        .filter_map(|a| attr(a, "href"))
        .filter(|h| !h.starts_with('#'))
        .collect();
    assert!(!links.is_empty());
    assert!(
        links.iter().all(|l| [
            "https://example.org/ok?a=1&b=%272%27",
            "https://example.org/%22onmouseover=%22alert(1)"
        ]
        .contains(&l.as_str())),
        "{links:?}"
    );
}

#[test]
fn xss_markdown_has_nothing_live() {
    let p = xss();
    let md = render(&p, Format::Markdown).text;
    // No raw HTML: every < is escaped.
    for (i, _) in md.match_indices('<') {
        assert_eq!(
            &md[i - 1..i],
            "\\",
            "unescaped < at {i}: {:?}",
            &md[i.saturating_sub(20)..(i + 20).min(md.len())]
        );
    }
    for (i, _) in md.match_indices("](javascript:") {
        assert_eq!(
            &md[i - 1..i],
            "\\",
            "an unescaped link to javascript: at {i}"
        );
    }
    let html = markdown_to_html(&md);
    let dom = parse_html(&html);
    assert_inert(&dom);
    let els = elements(&dom);
    assert!(
        find(&els, |h| name(h).as_deref() == Some("h1")).len() == 1,
        "one title heading; article lines stay text"
    );
    assert!(
        find(&els, |h| name(h).as_deref() == Some("ol")).is_empty(),
        "'1.' in the article is no list"
    );
    // The article shows as text, with its markers.
    let all = text_of(&dom.document, &|_| false);
    assert!(
        all.contains("<img src=x onerror=alert(1)>"),
        "shown, not run"
    );
    assert!(all.contains("[a link](javascript:alert(1))"));
}

#[test]
fn xss_json_and_csv_stay_data() {
    let p = xss();
    let w3c: serde_json::Value =
        serde_json::from_str(&render(&p, Format::W3c).text).expect("W3C is JSON");
    let items = w3c["first"]["items"].as_array().unwrap();
    assert!(
        items
            .iter()
            .any(|a| a["creator"]["name"] == "Mallory <script>alert(1)</script>")
    );
    let cr = render(&p, Format::ClaimReview);
    let list: serde_json::Value = serde_json::from_str(&cr.text).expect("ClaimReview is JSON");
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|c| c["author"]["name"] == format!("Fact {X} Check"))
    );
    assert!(
        cr.warnings
            .iter()
            .any(|w| w.contains("article URL \"javascript:alert(1)\" is not an http(s) address")),
        "{:?}",
        cr.warnings
    );
    assert!(list[0]["itemReviewed"].get("appearance").is_none());
    // The W3C file imports back into a fresh copy of the article unchanged.
    let mut fresh = new_project(ArticleInfo::default(), p.article.text.clone());
    let s = export::import_annotations(&mut fresh, &render(&p, Format::W3c).text, NOW).unwrap();
    assert_eq!(s.applied(), s.total());
    for c in &p.claims {
        let back = fresh
            .claims
            .iter()
            .find(|b| (b.start, b.end) == (c.start, c.end))
            .unwrap();
        assert_eq!(back.reviews, c.reviews);
    }
    // CSV: quoted properly, formulas neutralised.
    let csv_text = render(&p, Format::Csv).text;
    let mut r = csv::Reader::from_reader(csv_text.trim_start_matches('\u{FEFF}').as_bytes());
    let note = export::CSV_COLUMNS
        .iter()
        .position(|c| *c == "note")
        .unwrap();
    let quote = export::CSV_COLUMNS
        .iter()
        .position(|c| *c == "quote")
        .unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(rows.iter().any(|r| r[note].starts_with("'=HYPERLINK")));
    assert!(rows.iter().all(|r| !r[note].starts_with('=')));
    assert!(rows.iter().any(|r| r[quote].contains(X)));
}
