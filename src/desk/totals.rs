//! The desk in figures: claims and verdicts over all projects, each reviewer's workload, and
//! agreement across projects, added up from the summaries (no project is read again).
//!
//! How agreement is pooled:
//! - **Pairs**: for two reviewers, the confusion matrices of every project both of them
//!   review are added up, and percent agreement and Cohen's κ computed on the sum
//!   (`agreement::cohen`). "Left out" adds up the claims of those projects not judged by both.
//!   Projects only one of them reviews do not count for the pair.
//! - **Everyone**: Krippendorff's α (nominal) with every claim of the desk as a unit and the
//!   verdicts of its project's reviewers as its values; α allows different reviewers from unit
//!   to unit. Claims with fewer than two verdicts are left out.
//! - Fleiss' κ is not given for the desk: it needs the same number of ratings for every
//!   claim, which projects with different numbers of reviewers do not have.

use super::summary::{ProjectSummary, ReviewerWork};
use crate::agreement::{GroupFigure, PairAgreement, cohen, krippendorff_nominal};
use crate::stats::VerdictCounts;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeskTotals {
    pub projects: usize,
    pub claims: usize,
    pub reviewed: usize,
    /// Each claim counted once, by where it stands.
    pub verdicts: VerdictCounts,
    pub open_disagreements: usize,
    /// By name.
    pub reviewers: Vec<ReviewerTotal>,
    /// By the pair's names.
    pub pairs: Vec<PairAgreement>,
    pub krippendorff_alpha: GroupFigure,
}

/// One reviewer across the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewerTotal {
    /// Projects listing this reviewer.
    pub projects: usize,
    /// Claims in those projects.
    pub claims: usize,
    /// What they did there; `work.verdicts.unreviewed` counts claims they have not judged.
    #[serde(flatten)]
    pub work: ReviewerWork,
}

/// A pair's confusion matrix and left-out claims, added up over projects.
type PairSum = ([[usize; 3]; 3], usize);

pub fn totals(projects: &[ProjectSummary]) -> DeskTotals {
    let mut verdicts = VerdictCounts::default();
    let mut reviewers: BTreeMap<&str, ReviewerTotal> = BTreeMap::new();
    let mut pairs: BTreeMap<(&str, &str), PairSum> = BTreeMap::new();
    let mut units: Vec<Vec<usize>> = Vec::new();
    let mut claims = 0;
    for p in projects {
        claims += p.claims;
        add_counts(&mut verdicts, &p.verdicts);
        for w in &p.figures.workload {
            let t = reviewers.entry(&w.name).or_insert_with(|| ReviewerTotal {
                projects: 0,
                claims: 0,
                work: ReviewerWork {
                    name: w.name.clone(),
                    ..ReviewerWork::default()
                },
            });
            t.projects += 1;
            t.claims += p.claims;
            t.work.reviewed += w.reviewed;
            t.work.notes += w.notes;
            t.work.evidence += w.evidence;
            add_counts(&mut t.work.verdicts, &w.verdicts);
        }
        for pair in &p.figures.pairs {
            // One key per pair whatever order a project lists them in; the matrix turns with it.
            let swap = pair.b < pair.a;
            let key = if swap {
                (pair.b.as_str(), pair.a.as_str())
            } else {
                (pair.a.as_str(), pair.b.as_str())
            };
            let (m, left_out) = pairs.entry(key).or_default();
            for (i, row) in pair.confusion.iter().enumerate() {
                for (j, n) in row.iter().enumerate() {
                    let (x, y) = if swap { (j, i) } else { (i, j) };
                    m[x][y] += n;
                }
            }
            *left_out += pair.left_out;
        }
        for (mix, n) in &p.figures.mixes {
            let unit: Vec<usize> = (0..3)
                .flat_map(|k| std::iter::repeat_n(k, mix[k] as usize))
                .collect();
            units.extend(std::iter::repeat_n(unit, *n));
        }
    }
    let pairs = pairs
        .into_iter()
        .map(|((a, b), (confusion, left_out))| {
            let (percent, cohen_kappa) = cohen(&confusion);
            PairAgreement {
                a: a.to_string(),
                b: b.to_string(),
                items: confusion.iter().flatten().sum(),
                left_out,
                percent,
                cohen_kappa,
                confusion,
            }
        })
        .collect();
    DeskTotals {
        projects: projects.len(),
        claims,
        reviewed: projects.iter().map(|p| p.reviewed).sum(),
        verdicts,
        open_disagreements: projects.iter().map(|p| p.open_disagreements).sum(),
        reviewers: reviewers.into_values().collect(),
        pairs,
        krippendorff_alpha: GroupFigure {
            value: krippendorff_nominal::<3>(&units),
            items: units.len(),
            left_out: claims - units.len(),
        },
    }
}

fn add_counts(to: &mut VerdictCounts, from: &VerdictCounts) {
    to.unreviewed += from.unreviewed;
    to.verified += from.verified;
    to.attributed_only += from.attributed_only;
    to.disputed += from.disputed;
    to.disagreement += from.disagreement;
}
