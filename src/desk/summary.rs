//! One line of the desk overview: what a project is about and where its review stands,
//! computed once from the loaded project (the cache keeps it, so the file is not read again
//! until it changes).

use crate::agreement::{CATEGORIES, agreement};
use crate::model::{Claim, Project};
use crate::stats::{VerdictCounts, stats};
use serde::{Deserialize, Serialize};
use std::time::{Duration, UNIX_EPOCH};

/// A project of the desk as the overview lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectSummary {
    /// Relative to the desk, `/` between folders.
    pub path: String,
    pub title: String,
    pub outlet: String,
    pub published: String,
    pub language: String,
    pub statements: usize,
    pub claims: usize,
    /// Claims someone judged (or an editor settled).
    pub reviewed: usize,
    /// `reviewed / claims` in percent, one decimal, as `claimdesk stats` gives it.
    pub progress_percent: f64,
    pub reviewers: Vec<String>,
    /// Claims where reviewers differ and no final verdict was chosen.
    pub open_disagreements: usize,
    /// The newest review, final verdict or audit time in the file (RFC 3339 UTC); the file's
    /// modification time when it holds none.
    pub last_change: String,
    /// Each claim counted once, by where it stands.
    #[serde(with = "VerdictCountsDef")]
    pub verdicts: VerdictCounts,
    /// What the desk report adds up across projects; not part of the overview's JSON.
    #[serde(skip)]
    pub figures: ReviewFigures,
}

/// A file in the desk that is not a project claimdesk can open, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Broken {
    /// Relative to the desk ("" for the desk folder itself).
    pub path: String,
    /// The store's message, as `claimdesk check` prints it.
    pub error: String,
}

/// A project's review in numbers the desk can add up: who did what, and each pair's
/// confusion matrix and the claims' verdict mixes for agreement across projects.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewFigures {
    pub workload: Vec<ReviewerWork>,
    pub pairs: Vec<PairCounts>,
    /// Claims with two or more verdicts, grouped by how many of each category
    /// (`agreement::CATEGORIES` order) they got: (counts, claims). Enough for
    /// Krippendorff's α over any set of projects.
    pub mixes: Vec<([u32; 3], usize)>,
}

/// One reviewer's work in one project (or, added up, in the desk).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewerWork {
    pub name: String,
    /// Claims this reviewer gave a verdict.
    pub reviewed: usize,
    /// Their verdicts; `unreviewed` counts the claims they have not judged.
    #[serde(with = "VerdictCountsDef")]
    pub verdicts: VerdictCounts,
    /// Reviews with a note.
    pub notes: usize,
    /// Evidence links given.
    pub evidence: usize,
}

/// Two reviewers of one project: `confusion[i][j]` counts claims `a` judged `CATEGORIES[i]`
/// and `b` judged `CATEGORIES[j]`; `left_out` claims not judged by both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairCounts {
    pub a: String,
    pub b: String,
    pub confusion: [[usize; 3]; 3],
    pub left_out: usize,
}

/// `stats::VerdictCounts` for serde both ways (it derives only `Serialize`), same field names.
#[derive(Serialize, Deserialize)]
#[serde(remote = "VerdictCounts", rename_all = "kebab-case")]
pub(crate) struct VerdictCountsDef {
    unreviewed: usize,
    verified: usize,
    attributed_only: usize,
    disputed: usize,
    disagreement: usize,
}

/// The summary of project `p`, found at `path` in the desk; `modified_ns` (the file's
/// modification time) stands in for the last change when the file records none.
pub fn summarise(path: &str, p: &Project, modified_ns: i64) -> ProjectSummary {
    let s = stats(p);
    let workload = s
        .reviewers
        .iter()
        .map(|r| ReviewerWork {
            name: r.name.clone(),
            reviewed: r.reviewed,
            verdicts: r.verdicts.clone(),
            notes: r.notes,
            evidence: r.evidence,
        })
        .collect();
    let ag = agreement(p);
    let pairs = ag
        .pairs
        .into_iter()
        .map(|pair| PairCounts {
            a: pair.a,
            b: pair.b,
            confusion: pair.confusion,
            left_out: pair.left_out,
        })
        .collect();
    ProjectSummary {
        path: path.to_string(),
        title: s.article.title,
        outlet: s.article.outlet,
        published: s.article.published,
        language: s.article.language,
        statements: s.statements,
        claims: s.claims,
        reviewed: s.reviewed,
        progress_percent: s.progress_percent,
        reviewers: p.reviewers.clone(),
        open_disagreements: ag.open_disagreements,
        last_change: last_change(p).unwrap_or_else(|| rfc3339_of_ns(modified_ns)),
        verdicts: s.verdicts,
        figures: ReviewFigures {
            workload,
            pairs,
            mixes: mixes(p),
        },
    }
}

/// Claims with two or more verdicts, grouped by their mix of verdicts.
fn mixes(p: &Project) -> Vec<([u32; 3], usize)> {
    let mut groups: std::collections::BTreeMap<[u32; 3], usize> = Default::default();
    for c in &p.claims {
        let mut counts = [0u32; 3];
        for name in &p.reviewers {
            if let Some(k) = CATEGORIES.iter().position(|&v| v == c.verdict_of(name)) {
                counts[k] += 1;
            }
        }
        if counts.iter().sum::<u32>() >= 2 {
            *groups.entry(counts).or_default() += 1;
        }
    }
    groups.into_iter().collect()
}

/// The newest time a review, final verdict or audit entry records (times that do not parse
/// are passed over: validation reports them).
fn last_change(p: &Project) -> Option<String> {
    fn claim_times(c: &Claim) -> impl Iterator<Item = &str> {
        c.reviews
            .values()
            .map(|r| r.changed.as_str())
            .chain(c.final_verdict.iter().map(|a| a.at.as_str()))
    }
    p.claims
        .iter()
        .chain(&p.orphans)
        .flat_map(claim_times)
        .chain(p.audit.iter().map(|e| e.at.as_str()))
        .filter_map(|t| humantime::parse_rfc3339_weak(t).ok())
        .max()
        .map(|t| humantime::format_rfc3339_seconds(t).to_string())
}

fn rfc3339_of_ns(ns: i64) -> String {
    let t = if ns >= 0 {
        UNIX_EPOCH + Duration::from_nanos(ns as u64)
    } else {
        UNIX_EPOCH - Duration::from_nanos(ns.unsigned_abs())
    };
    humantime::format_rfc3339_seconds(t.max(UNIX_EPOCH)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_modification_time_reads_as_utc_seconds() {
        assert_eq!(
            rfc3339_of_ns(1_700_000_000_123_456_789),
            "2023-11-14T22:13:20Z"
        );
        assert_eq!(rfc3339_of_ns(-5), "1970-01-01T00:00:00Z");
    }
}
