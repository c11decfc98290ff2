//! W3C Web Annotation (JSON-LD): an `AnnotationCollection` with its one page embedded.
//!
//! - One `Annotation` per claim and reviewer, `motivation: "assessing"`, with `creator` (a
//!   Person named as the reviewer), `created` (the reviewer's first verdict on the claim in
//!   the audit log, else the review's time) and `modified` (the review's time).
//! - `id` is `urn:claimdesk:claim:CLAIM-ID:review:REVIEWER` (the name percent-encoded), so
//!   `import_annotations` finds the claim again; an adjudicated final verdict is
//!   `urn:claimdesk:claim:CLAIM-ID:final`, and a hand-made selection nobody has reviewed yet is
//!   `urn:claimdesk:claim:CLAIM-ID` with `motivation: "highlighting"` and no body, so the
//!   selection itself survives a round trip.
//! - `target.source` is the article URL, or `urn:sha256:HEX` of the article text when there is
//!   none; `target.selector` holds a `TextQuoteSelector` (exact, up to 32 characters of prefix
//!   and suffix) and a `TextPositionSelector` (start/end in Unicode code points, as the model
//!   defines them); the spec reads two selectors as alternatives for the same text.
//! - Bodies: the verdict as a `TextualBody` with `purpose: "classifying"` and the verdict name
//!   as value; attributed-to as a `TextualBody` with `purpose: "describing"` (it describes the
//!   target: whom the article says made the claim); the note with `purpose: "commenting"`;
//!   each piece of evidence as a `SpecificResource` with `purpose: "linking"` whose `source`
//!   is `{ id: URL, label: TITLE }` (`label` is the vocabulary's term for a title), with the
//!   excerpt as a `TextQuoteSelector` on it and the date accessed as a `TimeState`
//!   `sourceDate` (the version of the page the reviewer read).

use super::Selected;
use crate::model::{Claim, ClaimKind, Evidence, Project, Review};
use serde::Serialize;
use std::collections::HashMap;

pub(crate) const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
pub(crate) const ID_PREFIX: &str = "urn:claimdesk:claim:";

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    generator: Agent<'static>,
    first: Page<'a>,
}

#[derive(Serialize)]
struct Page<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'a>>,
}

#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Agent<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Text {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        value: &'a str,
        format: &'static str,
    },
    Link {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        source: LinkSource<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        selector: Option<Selector<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        state: Option<TimeState>,
    },
}

#[derive(Serialize)]
struct LinkSource<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    label: &'a str,
}

#[derive(Serialize)]
struct TimeState {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "sourceDate")]
    source_date: String,
}

#[derive(Serialize)]
struct Target<'a> {
    source: &'a str,
    selector: [Selector<'a>; 2],
}

#[derive(Serialize)]
#[serde(untagged)]
enum Selector<'a> {
    Quote {
        #[serde(rename = "type")]
        kind: &'static str,
        exact: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        prefix: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        suffix: &'a str,
    },
    Position {
        #[serde(rename = "type")]
        kind: &'static str,
        start: usize,
        end: usize,
    },
}

/// The target's `source`: the article URL, else a URN of the text's hash.
pub(crate) fn source(p: &Project) -> String {
    if p.article.url.trim().is_empty() {
        text_urn(&p.article.text_sha256)
    } else {
        p.article.url.trim().to_string()
    }
}

pub(crate) fn text_urn(sha256: &str) -> String {
    format!("urn:sha256:{}", sha256.trim().to_ascii_lowercase())
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub(crate) fn pct_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(super) fn render(p: &Project, selected: &[Selected]) -> String {
    let source = source(p);
    // When each reviewer first judged each claim: the audit log is oldest first.
    let mut first_seen: HashMap<(&str, &str), &str> = HashMap::new();
    for e in p.audit.iter().filter(|e| !e.adjudication) {
        first_seen
            .entry((e.claim.as_str(), e.reviewer.as_str()))
            .or_insert(e.at.as_str());
    }
    let mut items = Vec::with_capacity(selected.len() * 2);
    for sel in selected {
        let c = sel.claim;
        let target = || target(c, &source);
        for (name, r) in &c.reviews {
            let created = first_seen
                .get(&(c.id.as_str(), name.as_str()))
                .copied()
                .filter(|t| t <= &r.changed.as_str())
                .unwrap_or(&r.changed);
            items.push(Annotation {
                id: format!("{ID_PREFIX}{}:review:{}", c.id, pct_encode(name)),
                kind: "Annotation",
                motivation: "assessing",
                creator: Some(Agent {
                    kind: "Person",
                    name,
                }),
                created: Some(created),
                modified: Some(&r.changed),
                body: bodies(r),
                target: target(),
            });
        }
        if let Some(adj) = &c.final_verdict {
            items.push(Annotation {
                id: format!("{ID_PREFIX}{}:final", c.id),
                kind: "Annotation",
                motivation: "assessing",
                creator: Some(Agent {
                    kind: "Person",
                    name: &adj.by,
                }),
                created: Some(&adj.at),
                modified: Some(&adj.at),
                body: vec![text_body("classifying", adj.verdict.as_str())],
                target: target(),
            });
        }
        if c.reviews.is_empty() && c.final_verdict.is_none() && c.kind == ClaimKind::Selection {
            items.push(Annotation {
                id: format!("{ID_PREFIX}{}", c.id),
                kind: "Annotation",
                motivation: "highlighting",
                creator: None,
                created: None,
                modified: None,
                body: Vec::new(),
                target: target(),
            });
        }
    }
    let title = if p.article.title.trim().is_empty() {
        "untitled article"
    } else {
        p.article.title.as_str()
    };
    let collection = Collection {
        context: CONTEXT,
        id: format!("urn:claimdesk:annotations:{}", p.article.text_sha256),
        kind: "AnnotationCollection",
        label: format!("claimdesk review of “{title}”"),
        total: items.len(),
        generator: Agent {
            kind: "Software",
            name: "claimdesk",
        },
        first: Page {
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    };
    // Escaped for HTML like every JSON export (see `json`): the collection may be embedded.
    let mut out = super::plain_json(&collection);
    out.push('\n');
    out
}

fn target<'a>(c: &'a Claim, source: &'a str) -> Target<'a> {
    Target {
        source,
        selector: [
            Selector::Quote {
                kind: "TextQuoteSelector",
                exact: &c.quote,
                prefix: &c.prefix,
                suffix: &c.suffix,
            },
            Selector::Position {
                kind: "TextPositionSelector",
                start: c.start,
                end: c.end,
            },
        ],
    }
}

/// A plain-text body with its purpose (W3C motivation).
fn text_body<'a>(purpose: &'static str, value: &'a str) -> Body<'a> {
    Body::Text {
        kind: "TextualBody",
        purpose,
        value,
        format: "text/plain",
    }
}

fn bodies(r: &Review) -> Vec<Body<'_>> {
    let mut out = vec![text_body("classifying", r.verdict.as_str())];
    if !r.attributed_to.is_empty() {
        out.push(text_body("describing", &r.attributed_to));
    }
    if !r.note.is_empty() {
        out.push(text_body("commenting", &r.note));
    }
    out.extend(r.evidence.iter().map(evidence));
    out
}

fn evidence(e: &Evidence) -> Body<'_> {
    Body::Link {
        kind: "SpecificResource",
        purpose: "linking",
        source: LinkSource {
            id: &e.url,
            label: &e.title,
        },
        selector: (!e.excerpt.is_empty()).then_some(Selector::Quote {
            kind: "TextQuoteSelector",
            exact: &e.excerpt,
            prefix: "",
            suffix: "",
        }),
        state: (!e.accessed.is_empty()).then(|| TimeState {
            kind: "TimeState",
            source_date: date_time(&e.accessed),
        }),
    }
}

/// `sourceDate` is an xsd:dateTime: a bare date (what claimdesk stores) becomes midnight UTC;
/// `import` turns it back.
fn date_time(accessed: &str) -> String {
    let b = accessed.as_bytes();
    let is_date = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if is_date {
        format!("{accessed}T00:00:00Z")
    } else {
        accessed.to_string()
    }
}
