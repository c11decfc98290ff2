//! Reading claims back from the index's stored fields: hits and "checked before" matches are
//! shown without opening the project files.

use super::index::DeskIndex;
use super::schema::StoredReviews;
use crate::model::{Claim, ClaimKind};
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// A claim as the index stores it (only id, quote and reviews of `claim` are filled).
pub struct StoredClaim {
    pub path: String,
    pub number: usize,
    pub quote: String,
    pub title: String,
    pub claim: Claim,
}

pub fn read_doc(index: &DeskIndex, searcher: &Searcher, at: DocAddress) -> Option<StoredClaim> {
    let f = &index.fields;
    let doc: TantivyDocument = searcher.doc(at).ok()?;
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let stored: StoredReviews = serde_json::from_str(&text(f.reviews)).unwrap_or_default();
    let quote = text(f.quote);
    Some(StoredClaim {
        path: text(f.path),
        number: doc
            .get_first(f.number)
            .and_then(|v| v.as_u64())
            .unwrap_or(0) as usize,
        title: text(f.title),
        claim: Claim {
            id: text(f.id),
            kind: ClaimKind::Statement,
            start: 0,
            end: 0,
            quote: quote.clone(),
            prefix: String::new(),
            suffix: String::new(),
            reviews: stored.reviews,
            final_verdict: stored.final_verdict,
        },
        quote,
    })
}

/// One claim by project path and id.
pub fn stored_claim(index: &DeskIndex, path: &str, claim_id: &str) -> Option<StoredClaim> {
    let searcher = index.reader.searcher();
    let f = &index.fields;
    let term = |field, text: &str| -> (Occur, Box<dyn Query>) {
        let q = TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic);
        (Occur::Must, Box::new(q))
    };
    let query = BooleanQuery::new(vec![term(f.path, path), term(f.id, claim_id)]);
    let (_, at) = searcher
        .search(&query, &TopDocs::with_limit(1).order_by_score())
        .ok()?
        .into_iter()
        .next()?;
    read_doc(index, &searcher, at)
}

/// Every claim of one project, in article order.
pub fn stored_claims(index: &DeskIndex, path: &str) -> Vec<Claim> {
    let searcher = index.reader.searcher();
    let term = Term::from_field_text(index.fields.path, path);
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let Ok(found) = searcher.search(&query, &DocSetCollector) else {
        return Vec::new();
    };
    let mut claims: Vec<(usize, Claim)> = found
        .into_iter()
        .filter_map(|at| read_doc(index, &searcher, at))
        .map(|s| (s.number, s.claim))
        .collect();
    claims.sort_by_key(|(n, _)| *n);
    claims.into_iter().map(|(_, c)| c).collect()
}
