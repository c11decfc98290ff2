//! The search index's schema: one document per claim. Field names are what a user types
//! before a colon in a query (`note:ministry`, `reviewer:alice`, `domain:bbc.co.uk`).

use super::prints::Settled;
use crate::model::{Adjudication, Claim, Project, Review};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, NumericOptions, STORED, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer};
use tantivy::{Index, TantivyDocument};

/// Part of the manifest's header: a different schema means a rebuilt index.
pub const SCHEMA_VERSION: u32 = 4;

/// Whole values compared without case (reviewer names, verdicts, domains).
const LOWER_RAW: &str = "lower_raw";
/// Words, lower case, English stems ("attacks" finds "attack").
const STEMMED: &str = "en_stem";
/// Words, lower case, no stemming.
const PLAIN: &str = "default";

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub path: Field,
    pub id: Field,
    pub number: Field,
    pub kind: Field,
    pub quote: Field,
    /// The quote's words unstemmed: `exact:attacks` finds only "attacks".
    pub exact: Field,
    pub note: Field,
    pub attributed_to: Field,
    /// Evidence titles, excerpts and addresses.
    pub evidence: Field,
    pub url: Field,
    /// The evidence hosts and every parent domain (`www.bbc.co.uk`, `bbc.co.uk`, `co.uk`).
    pub domain: Field,
    pub reviewer: Field,
    /// Every verdict given, the final one, or `unreviewed`.
    pub verdict: Field,
    /// `reviewer=verdict` pairs.
    pub reviewer_verdict: Field,
    pub settled: Field,
    pub title: Field,
    pub outlet: Field,
    /// `YYYYMMDD` (missing parts 0), for ranges.
    pub published: Field,
    /// The reviews as JSON, shown with hits and "checked before" matches.
    pub reviews: Field,
    /// The claim type the hints give (`quantity`, `prediction`…); none for languages hints
    /// do not read.
    pub claim_type: Field,
}

fn text(tokenizer: &str, positions: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::Basic
    };
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record)
            .set_fieldnorms(positions),
    )
}

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let raw = || text("raw", false);
        let fields = Fields {
            path: b.add_text_field("path", raw().set_stored()),
            id: b.add_text_field("id", raw().set_stored()),
            number: b.add_u64_field("number", NumericOptions::default().set_stored()),
            kind: b.add_text_field("kind", text(LOWER_RAW, false)),
            quote: b.add_text_field("quote", text(STEMMED, true).set_stored()),
            exact: b.add_text_field("exact", text(PLAIN, true)),
            note: b.add_text_field("note", text(STEMMED, true)),
            attributed_to: b.add_text_field("attributed_to", text(PLAIN, true)),
            evidence: b.add_text_field("evidence", text(STEMMED, true)),
            url: b.add_text_field("url", text(PLAIN, true)),
            domain: b.add_text_field("domain", text(LOWER_RAW, false)),
            reviewer: b.add_text_field("reviewer", text(LOWER_RAW, false)),
            verdict: b.add_text_field("verdict", text(LOWER_RAW, false)),
            reviewer_verdict: b.add_text_field("reviewer_verdict", text(LOWER_RAW, false)),
            settled: b.add_text_field("settled", text(LOWER_RAW, false)),
            // Once per claim, so without positions: a project's words, not a phrase's.
            title: b.add_text_field("title", text(STEMMED, false).set_stored()),
            outlet: b.add_text_field("outlet", text(PLAIN, false)),
            published: b.add_u64_field(
                "published",
                NumericOptions::from(INDEXED | STORED).set_fast(),
            ),
            reviews: b.add_text_field("reviews", TextOptions::from(STORED)),
            claim_type: b.add_text_field("claim_type", text(LOWER_RAW, false)),
        };
        (b.build(), fields)
    }

    /// The tokenizers the schema names beyond tantivy's own.
    pub fn register_tokenizers(index: &Index) {
        index.tokenizers().register(
            LOWER_RAW,
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .build(),
        );
    }
}

/// What is stored of a claim's reviews.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoredReviews {
    pub reviews: BTreeMap<String, Review>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_verdict: Option<Adjudication>,
}

/// `2023-04-20` → 20230420; `2023-04` → 20230400; `2023` → 20230000. Leading text only, so
/// `2023-04-20T10:00:00Z` works; anything else gives `None`.
pub fn date_number(s: &str) -> Option<u64> {
    let s = s.trim();
    let part = |range: std::ops::Range<usize>| -> Option<u64> {
        let p = s.get(range)?;
        p.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| p.parse().ok())?
    };
    let year = part(0..4)?;
    if s.len() > 4 && !s[4..].starts_with('-') {
        return None;
    }
    let month = part(5..7).filter(|m| (1..=12).contains(m)).unwrap_or(0);
    let day = if month > 0 {
        part(8..10).filter(|d| (1..=31).contains(d)).unwrap_or(0)
    } else {
        0
    };
    Some(year * 10_000 + month * 100 + day)
}

/// A host and every parent domain, lower case: `www.bbc.co.uk` → it, `bbc.co.uk`, `co.uk`, `uk`.
pub fn domains(url: &str) -> Vec<String> {
    let Some(host) = host_of(url) else {
        return Vec::new();
    };
    let mut out = vec![host.clone()];
    let mut rest = host.as_str();
    while let Some((_, parent)) = rest.split_once('.') {
        if parent.is_empty() {
            break;
        }
        out.push(parent.to_string());
        rest = parent;
    }
    out
}

/// The host of an address, also when the scheme is missing (`bbc.co.uk/news`).
pub fn host_of(url: &str) -> Option<String> {
    let url = url.trim();
    let parsed = url::Url::parse(url)
        .ok()
        .filter(|u| u.host_str().is_some())
        .or_else(|| url::Url::parse(&format!("https://{url}")).ok())?;
    let host = parsed.host_str()?.trim_end_matches('.').to_lowercase();
    (!host.is_empty()).then_some(host)
}

/// The document for one claim (`number` counts from 1 in article order).
pub fn claim_doc(
    f: &Fields,
    path: &str,
    project: &Project,
    claim: &Claim,
    number: usize,
    claim_type: Option<crate::hints::ClaimType>,
) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    if let Some(t) = claim_type {
        d.add_text(f.claim_type, t.as_str());
    }
    d.add_text(f.path, path);
    d.add_text(f.id, &claim.id);
    d.add_u64(f.number, number as u64);
    d.add_text(f.kind, claim.kind.as_str());
    d.add_text(f.quote, &claim.quote);
    d.add_text(f.exact, &claim.quote);
    for (name, r) in &claim.reviews {
        if !r.note.is_empty() {
            d.add_text(f.note, &r.note);
        }
        if !r.attributed_to.is_empty() {
            d.add_text(f.attributed_to, &r.attributed_to);
        }
        for e in &r.evidence {
            for part in [&e.url, &e.title, &e.excerpt] {
                if !part.is_empty() {
                    d.add_text(f.evidence, part);
                }
            }
            if !e.url.is_empty() {
                d.add_text(f.url, &e.url);
                for domain in domains(&e.url) {
                    d.add_text(f.domain, domain);
                }
            }
        }
        if !r.is_blank() {
            d.add_text(f.reviewer, name);
        }
        d.add_text(f.reviewer_verdict, format!("{name}={}", r.verdict));
    }
    let mut verdicts: Vec<&str> = claim.given_verdicts().map(|(_, v)| v.as_str()).collect();
    if let Some(adj) = &claim.final_verdict {
        verdicts.push(adj.verdict.as_str());
    }
    if verdicts.is_empty() {
        verdicts.push("unreviewed");
    }
    verdicts.sort_unstable();
    verdicts.dedup();
    for v in verdicts {
        d.add_text(f.verdict, v);
    }
    d.add_text(f.settled, Settled::of(claim).as_str());
    d.add_text(f.title, &project.article.title);
    d.add_text(f.outlet, &project.article.outlet);
    if let Some(date) = date_number(&project.article.published) {
        d.add_u64(f.published, date);
    }
    let stored = StoredReviews {
        reviews: claim.reviews.clone(),
        final_verdict: claim.final_verdict.clone(),
    };
    d.add_text(
        f.reviews,
        serde_json::to_string(&stored).unwrap_or_default(),
    );
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date_number("2023-04-20"), Some(20230420));
        assert_eq!(date_number("2023-04-20T10:00:00Z"), Some(20230420));
        assert_eq!(date_number("2023-04"), Some(20230400));
        assert_eq!(date_number("2023"), Some(20230000));
        assert_eq!(date_number("20 April 2023"), None);
        assert_eq!(date_number(""), None);
        assert_eq!(date_number("2023-13-01"), Some(20230000));
    }

    #[test]
    fn domains_of_urls() {
        assert_eq!(
            domains("https://www.BBC.co.uk/news/1"),
            vec!["www.bbc.co.uk", "bbc.co.uk", "co.uk", "uk"]
        );
        assert_eq!(domains("example.org/x"), vec!["example.org", "org"]);
        assert!(domains("").is_empty());
        assert_eq!(
            host_of("http://127.0.0.1:8080/a").as_deref(),
            Some("127.0.0.1")
        );
    }
}
