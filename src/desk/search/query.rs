//! Searching the desk: the user's text (tantivy's query syntax over quote, notes,
//! attributed-to and evidence: words, `"exact phrase"`, `AND`/`OR`, `field:value`) and
//! filters, hits best first with their words in context.

use super::index::DeskIndex;
use super::kwic::{kwic, matches};
use super::schema::{date_number, host_of};
use super::store::read_doc;
use crate::model::Verdict;
use std::collections::{HashMap, HashSet};
use std::ops::Bound;
use tantivy::Term;
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, PhraseQuery, Query as TantivyQuery, QueryParser,
    QueryParserError, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream as _};

/// What to look for. Empty text with filters lists the claims the filters allow.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub text: String,
    /// Claims this reviewer reviewed (with `verdict`: gave that verdict).
    pub reviewer: Option<String>,
    /// Claims with this verdict, final or any reviewer's (`Unreviewed`: nobody judged it).
    pub verdict: Option<Verdict>,
    /// Words of who the claim is attributed to, as a phrase ("Jens Stoltenberg").
    pub attributed_to: Option<String>,
    /// Evidence from this host or any of its subdomains (`bbc.co.uk`, or an address).
    pub domain: Option<String>,
    /// Article published on or after / on or before: `2023`, `2023-04` or `2023-04-20`.
    pub published_from: Option<String>,
    pub published_to: Option<String>,
    /// Claims the hints give this claim type (English articles only).
    pub claim_type: Option<crate::hints::ClaimType>,
    pub limit: usize,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            text: String::new(),
            reviewer: None,
            verdict: None,
            attributed_to: None,
            domain: None,
            published_from: None,
            published_to: None,
            claim_type: None,
            limit: 20,
        }
    }
}

impl Query {
    pub fn text(text: &str) -> Query {
        Query {
            text: text.to_string(),
            ..Query::default()
        }
    }
}

/// One claim found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub path: String,
    pub claim_id: String,
    /// In article order, from 1 (as `claimdesk list` numbers claims).
    pub number: usize,
    pub quote: String,
    pub title: String,
    /// Each reviewer's verdict, where given, in reviewer-name order.
    pub verdicts: Vec<(String, Verdict)>,
    pub final_verdict: Option<Verdict>,
    pub settled: Option<Verdict>,
    pub score: f32,
    /// The quote (or the note, attribution or evidence that matched) with the matched words
    /// marked `[[so]]`, cut to about 120 characters around the first.
    pub kwic: String,
}

/// A query that cannot run: the message says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchError(pub String);

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SearchError {}

/// `2023` → from 20230000 / to 20239999; `2023-04` → 20230400 / 20230499.
pub fn date_bound(s: &str, upper: bool) -> Result<u64, SearchError> {
    let bad = || {
        SearchError(format!(
            "'{s}' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"
        ))
    };
    let s = s.trim();
    if !matches!(s.len(), 4 | 7 | 10) {
        return Err(bad());
    }
    let n = date_number(s).ok_or_else(bad)?;
    let (month, day) = ((n / 100) % 100, n % 100);
    let exact = match s.len() {
        4 => true,
        7 => month > 0,
        _ => month > 0 && day > 0,
    };
    if !exact {
        return Err(bad());
    }
    Ok(match (upper, s.len()) {
        (true, 4) => n + 9999,
        (true, 7) => n + 99,
        _ => n,
    })
}

impl DeskIndex {
    /// Claims matching `query`, best first.
    pub fn search(&self, query: &Query) -> Result<Vec<Hit>, SearchError> {
        let f = self.fields;
        let text_query = self.parse_text(&query.text)?;
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        if let Some(q) = &text_query {
            clauses.push((Occur::Must, q.box_clone()));
        }
        let term = |field: Field, value: &str| -> Box<dyn TantivyQuery> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, &value.trim().to_lowercase()),
                IndexRecordOption::Basic,
            ))
        };
        match (&query.reviewer, query.verdict) {
            (Some(r), Some(v)) => clauses.push((
                Occur::Must,
                term(f.reviewer_verdict, &format!("{}={v}", r.trim())),
            )),
            (Some(r), None) => clauses.push((Occur::Must, term(f.reviewer, r))),
            (None, Some(v)) => clauses.push((Occur::Must, term(f.verdict, v.as_str()))),
            (None, None) => {}
        }
        if let Some(t) = query.claim_type {
            clauses.push((Occur::Must, term(f.claim_type, t.as_str())));
        }
        if let Some(who) = &query.attributed_to {
            clauses.push((Occur::Must, self.phrase(f.attributed_to, who)?));
        }
        if let Some(d) = &query.domain {
            let host = host_of(d).ok_or_else(|| SearchError(format!("'{d}' is not a domain")))?;
            clauses.push((Occur::Must, term(f.domain, &host)));
        }
        let from = query
            .published_from
            .as_deref()
            .map(|s| date_bound(s, false))
            .transpose()?;
        let to = query
            .published_to
            .as_deref()
            .map(|s| date_bound(s, true))
            .transpose()?;
        if from.is_some() || to.is_some() {
            let bound = |v: Option<u64>| match v {
                Some(n) => Bound::Included(Term::from_field_u64(f.published, n)),
                None => Bound::Unbounded,
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(from), bound(to))),
            ));
        }
        let combined: Box<dyn TantivyQuery> = match clauses.len() {
            0 => Box::new(AllQuery),
            1 => clauses.remove(0).1,
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(query.limit.max(1)).order_by_score();
        let found = searcher
            .search(combined.as_ref(), &top)
            .map_err(|e| SearchError(format!("{}: search failed: {e}", self.dir.display())))?;
        let mut marker = Marker::new(self, text_query.as_deref());
        Ok(found
            .into_iter()
            .filter_map(|(score, at)| {
                let s = read_doc(self, &searcher, at)?;
                let kwic = marker.kwic(&s.claim);
                Some(Hit {
                    path: s.path,
                    claim_id: s.claim.id.clone(),
                    number: s.number,
                    verdicts: s
                        .claim
                        .given_verdicts()
                        .map(|(n, v)| (n.to_string(), v))
                        .collect(),
                    final_verdict: s.claim.final_verdict.as_ref().map(|a| a.verdict),
                    settled: s.claim.settled_verdict(),
                    quote: s.quote,
                    title: s.title,
                    score,
                    kwic,
                })
            })
            .collect())
    }

    /// The user's text as a query over quote, notes, attributed-to and evidence; all words
    /// must match unless `OR` says otherwise. `None` for empty text.
    fn parse_text(&self, text: &str) -> Result<Option<Box<dyn TantivyQuery>>, SearchError> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        let f = self.fields;
        let mut parser = QueryParser::for_index(
            &self.index,
            vec![f.quote, f.note, f.attributed_to, f.evidence],
        );
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.quote, 2.0);
        match parser.parse_query(text) {
            Ok(q) => Ok(Some(q)),
            // Unbalanced quotes and the like: read what can be read.
            Err(QueryParserError::SyntaxError(_)) => Ok(Some(parser.parse_query_lenient(text).0)),
            Err(QueryParserError::FieldDoesNotExist(name)) => Err(SearchError(format!(
                "there is no field '{name}' to search (fields: quote, exact, note, attributed_to, \
                 evidence, url, domain, reviewer, verdict, settled, title, outlet, \
                 published, path, id, kind, claim_type)"
            ))),
            Err(e) => Err(SearchError(format!("cannot read the query '{text}': {e}"))),
        }
    }

    /// The words of `text` one after the other in `field`.
    fn phrase(&self, field: Field, text: &str) -> Result<Box<dyn TantivyQuery>, SearchError> {
        let mut analyzer = self.analyzer(field)?;
        let mut terms = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            terms.push(Term::from_field_text(field, &stream.token().text));
        }
        Ok(match terms.len() {
            0 => return Err(SearchError(format!("'{text}' has no words to look for"))),
            1 => Box::new(TermQuery::new(terms.remove(0), IndexRecordOption::Basic)),
            _ => Box::new(PhraseQuery::new(terms)),
        })
    }

    fn analyzer(&self, field: Field) -> Result<TextAnalyzer, SearchError> {
        self.index
            .tokenizer_for_field(field)
            .map_err(|e| SearchError(e.to_string()))
    }
}

/// Marks a hit's words: the query's terms by field, and the analyzers that made them.
struct Marker {
    terms: HashMap<Field, HashSet<String>>,
    analyzers: HashMap<Field, TextAnalyzer>,
    fields: super::schema::Fields,
}

impl Marker {
    fn new(index: &DeskIndex, query: Option<&dyn TantivyQuery>) -> Marker {
        let mut terms: HashMap<Field, HashSet<String>> = HashMap::new();
        if let Some(q) = query {
            q.query_terms(&mut |term, _| {
                if let Some(text) = term.value().as_str() {
                    terms
                        .entry(term.field())
                        .or_default()
                        .insert(text.to_string());
                }
            });
        }
        let f = index.fields;
        let analyzers = [f.quote, f.exact, f.note, f.attributed_to, f.evidence]
            .into_iter()
            .filter_map(|field| Some((field, index.analyzer(field).ok()?)))
            .collect();
        Marker {
            terms,
            analyzers,
            fields: f,
        }
    }

    fn spans(&mut self, field: Field, text: &str) -> Vec<(usize, usize)> {
        match (self.terms.get(&field), self.analyzers.get_mut(&field)) {
            (Some(terms), Some(analyzer)) => matches(text, analyzer, terms),
            _ => Vec::new(),
        }
    }

    /// The first of quote, notes, attributions and evidence that matched, marked.
    fn kwic(&mut self, claim: &crate::model::Claim) -> String {
        let f = self.fields;
        let mut spans = self.spans(f.quote, &claim.quote);
        spans.extend(self.spans(f.exact, &claim.quote));
        spans.sort_unstable();
        spans.dedup();
        if !spans.is_empty() {
            return kwic(&claim.quote, &spans);
        }
        for (name, r) in &claim.reviews {
            let parts = [
                (f.note, "note", &r.note),
                (f.attributed_to, "attributed to", &r.attributed_to),
            ];
            for (field, label, text) in parts {
                let spans = self.spans(field, text);
                if !spans.is_empty() {
                    return format!("{label} ({name}): {}", kwic(text, &spans));
                }
            }
            for e in &r.evidence {
                for text in [&e.title, &e.excerpt, &e.url] {
                    let spans = self.spans(f.evidence, text);
                    if !spans.is_empty() {
                        return format!("evidence ({name}): {}", kwic(text, &spans));
                    }
                }
            }
        }
        kwic(&claim.quote, &[])
    }
}
