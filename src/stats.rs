//! Progress and verdict counts for one project, as `claimdesk stats` prints them.

use crate::model::{Project, Verdict};
use serde::Serialize;

/// Each claim counted once, by where it stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct VerdictCounts {
    pub unreviewed: usize,
    pub verified: usize,
    pub attributed_only: usize,
    pub disputed: usize,
    /// Reviewers gave different verdicts and no final verdict was chosen.
    pub disagreement: usize,
}

impl VerdictCounts {
    pub fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Unreviewed => self.unreviewed += 1,
            Verdict::Verified => self.verified += 1,
            Verdict::AttributedOnly => self.attributed_only += 1,
            Verdict::Disputed => self.disputed += 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewerStats {
    pub name: String,
    /// Claims this reviewer gave a verdict.
    pub reviewed: usize,
    pub verdicts: VerdictCounts,
    pub notes: usize,
    pub evidence: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// What the project says about its article.
    pub article: ArticleFacts,
    /// Statements and heading lines from splitting.
    pub statements: usize,
    /// Statements plus claims made from selections.
    pub claims: usize,
    pub selections: usize,
    /// Claims with at least one verdict or a final verdict.
    pub reviewed: usize,
    /// `reviewed / claims` in percent, one decimal.
    pub progress_percent: f64,
    pub verdicts: VerdictCounts,
    pub reviewers: Vec<ReviewerStats>,
}

/// The article's details as `stats --json` gives them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleFacts {
    pub title: String,
    pub byline: String,
    pub outlet: String,
    pub url: String,
    pub published: String,
    pub language: String,
    /// Version of the splitting rules its statements came from.
    pub splitter: u32,
    /// `null` for projects made before claimdesk recorded it.
    pub source: Option<SourceFacts>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceFacts {
    /// "text", "html" or "url".
    pub kind: &'static str,
    pub sha256: String,
    /// The URL, or the file name.
    pub from: String,
}

impl ArticleFacts {
    pub fn of(a: &crate::model::Article) -> Self {
        ArticleFacts {
            title: a.title.clone(),
            byline: a.byline.clone(),
            outlet: a.outlet.clone(),
            url: a.url.clone(),
            published: a.published.clone(),
            language: a.language.clone(),
            splitter: a.splitter,
            source: a.source.as_ref().map(|s| SourceFacts {
                kind: s.kind.as_str(),
                sha256: s.sha256.clone(),
                from: s.from.clone(),
            }),
        }
    }
}

pub fn stats(p: &Project) -> Stats {
    let mut verdicts = VerdictCounts::default();
    for c in &p.claims {
        match c.settled_verdict() {
            Some(v) => verdicts.add(v),
            None if c.is_disagreement() => verdicts.disagreement += 1,
            None => verdicts.unreviewed += 1,
        }
    }
    let reviewers = p
        .reviewers
        .iter()
        .map(|name| {
            let mut s = ReviewerStats {
                name: name.clone(),
                reviewed: 0,
                verdicts: VerdictCounts::default(),
                notes: 0,
                evidence: 0,
            };
            for r in p.claims.iter().filter_map(|c| c.review(name)) {
                s.verdicts.add(r.verdict);
                s.reviewed += usize::from(r.verdict.is_reviewed());
                s.notes += usize::from(!r.note.trim().is_empty());
                s.evidence += r.evidence.len();
            }
            // Claims this reviewer has not touched are unreviewed for them too.
            s.verdicts.unreviewed = p.claims.len() - s.reviewed;
            s
        })
        .collect();
    let reviewed = p.claims.iter().filter(|c| c.is_reviewed()).count();
    let claims = p.claims.len();
    Stats {
        article: ArticleFacts::of(&p.article),
        statements: p.statement_count(),
        claims,
        selections: claims - p.statement_count(),
        reviewed,
        progress_percent: if claims == 0 {
            0.0
        } else {
            (reviewed as f64 * 1000.0 / claims as f64).round() / 10.0
        },
        verdicts,
        reviewers,
    }
}
