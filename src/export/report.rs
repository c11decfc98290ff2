//! What the HTML and Markdown reports both show: the summary figures and how they are written.

use super::{ExportOptions, Selected, Status};
use crate::agreement::{Agreement, agreement};
use crate::model::{Project, Verdict};

/// The summary of a report. Counts, progress and agreement cover the whole project (the
/// state of the review); a `--verdict` filter only narrows the article highlights and the
/// claim table, and the report says so.
pub(crate) struct Summary {
    /// Claims in the project.
    pub total: usize,
    /// Claims in this report.
    pub shown: usize,
    /// Each claim counted once, by where it stands, in `Status::ALL` order.
    pub counts: Vec<(Status, usize)>,
    /// Claims someone judged (or an editor settled).
    pub reviewed: usize,
    /// Agreement figures, when two or more reviewers took part.
    pub agreement: Option<Agreement>,
    /// The filter, in words, when there is one.
    pub filter: Option<String>,
}

impl Summary {
    pub fn new(p: &Project, selected: &[Selected], o: &ExportOptions) -> Summary {
        let mut counts: Vec<(Status, usize)> = Status::ALL.iter().map(|&s| (s, 0)).collect();
        for c in &p.claims {
            let s = Status::of(c);
            if let Some(slot) = counts.iter_mut().find(|(k, _)| *k == s) {
                slot.1 += 1;
            }
        }
        let filter = (!o.verdicts.is_empty()).then(|| {
            o.verdicts
                .iter()
                .map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join(" or ")
        });
        Summary {
            total: p.claims.len(),
            shown: selected.len(),
            counts,
            reviewed: p.claims.iter().filter(|c| c.is_reviewed()).count(),
            agreement: (p.reviewers.len() >= 2).then(|| agreement(p)),
            filter,
        }
    }

    /// `reviewed / total` in percent with one decimal, as `claimdesk stats` gives it.
    pub fn progress_percent(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            (self.reviewed as f64 * 1000.0 / self.total as f64).round() / 10.0
        }
    }

    pub fn max_count(&self) -> usize {
        self.counts.iter().map(|(_, n)| *n).max().unwrap_or(0)
    }
}

/// A κ or α value with two decimals; "n/a" when undefined (no claims to compare, or every
/// rating the same so chance agreement is 1).
pub(crate) fn figure(v: Option<f64>) -> String {
    match v {
        Some(x) => format!("{x:.2}"),
        None => "n/a".into(),
    }
}

/// A share (0–1) as a percentage with one decimal.
pub(crate) fn percent(v: Option<f64>) -> String {
    match v {
        Some(x) => format!("{:.1} %", x * 100.0),
        None => "n/a".into(),
    }
}

/// "3 claims" / "1 claim".
pub(crate) fn claims(n: usize) -> String {
    if n == 1 {
        "1 claim".into()
    } else {
        format!("{n} claims")
    }
}

/// How a claim's status came about, for the claim table.
pub(crate) fn status_note(c: &crate::model::Claim) -> String {
    if let Some(adj) = &c.final_verdict {
        return format!(
            "final verdict by {} ({})",
            adj.by,
            super::short_time(&adj.at)
        );
    }
    let given: Vec<Verdict> = c.given_verdicts().map(|(_, v)| v).collect();
    match given.len() {
        0 => "not reviewed yet".into(),
        1 => "one reviewer's verdict".into(),
        _ if c.is_disagreement() => "no final verdict chosen yet".into(),
        n => format!("{n} reviewers agree"),
    }
}
