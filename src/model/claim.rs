use super::{Adjudication, Review, Verdict};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a claim came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClaimKind {
    /// A sentence found by splitting.
    Statement,
    /// A whole line that is not a sentence: headline, teaser, credit line.
    Heading,
    /// A span a reviewer selected by hand.
    Selection,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Statement => "statement",
            ClaimKind::Heading => "heading",
            ClaimKind::Selection => "selection",
        }
    }

    /// Statements and headings tile the article; selections may overlap them.
    pub fn is_statement(self) -> bool {
        matches!(self, ClaimKind::Statement | ClaimKind::Heading)
    }
}

/// A span of the article with everything the reviewers said about it.
///
/// The span is stored twice on purpose: as character offsets and as the quoted text with
/// context (like the W3C TextPositionSelector + TextQuoteSelector pair), so a file can check
/// itself and a claim can be found again if the article text is edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    pub kind: ClaimKind,
    /// Offset of the first character, in Unicode scalar values.
    pub start: usize,
    /// Offset one past the last character.
    pub end: usize,
    pub quote: String,
    /// Up to `CONTEXT_CHARS` characters before the quote.
    #[serde(default)]
    pub prefix: String,
    /// Up to `CONTEXT_CHARS` characters after the quote.
    #[serde(default)]
    pub suffix: String,
    /// Keyed by reviewer name, so the file lists them in a stable order.
    #[serde(default)]
    pub reviews: BTreeMap<String, Review>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_verdict: Option<Adjudication>,
}

impl Claim {
    pub fn review(&self, reviewer: &str) -> Option<&Review> {
        self.reviews.get(reviewer)
    }

    /// The reviewer's verdict, `Unreviewed` if they have none.
    pub fn verdict_of(&self, reviewer: &str) -> Verdict {
        self.reviews
            .get(reviewer)
            .map_or(Verdict::Unreviewed, |r| r.verdict)
    }

    /// The verdicts given so far (unreviewed ones left out), in reviewer-name order.
    pub fn given_verdicts(&self) -> impl Iterator<Item = (&str, Verdict)> {
        self.reviews
            .iter()
            .filter(|(_, r)| r.verdict.is_reviewed())
            .map(|(name, r)| (name.as_str(), r.verdict))
    }

    /// The verdict a report shows: the adjudicated one, else the reviewers' if they all agree,
    /// else `None` (unreviewed or disputed between reviewers).
    pub fn settled_verdict(&self) -> Option<Verdict> {
        if let Some(adj) = &self.final_verdict {
            return Some(adj.verdict);
        }
        let mut given = self.given_verdicts().map(|(_, v)| v);
        let first = given.next()?;
        given.all(|v| v == first).then_some(first)
    }

    /// Reviewers gave different verdicts and nobody has adjudicated.
    pub fn is_disagreement(&self) -> bool {
        if self.final_verdict.is_some() {
            return false;
        }
        let mut given = self.given_verdicts().map(|(_, v)| v);
        match given.next() {
            Some(first) => given.any(|v| v != first),
            None => false,
        }
    }

    /// Someone has judged this claim (or an editor settled it).
    pub fn is_reviewed(&self) -> bool {
        self.final_verdict.is_some() || self.given_verdicts().next().is_some()
    }

    /// True if `verdict` is this claim's final verdict or any reviewer's; `Unreviewed` matches
    /// claims nobody has judged.
    pub fn has_verdict(&self, verdict: Verdict) -> bool {
        if verdict == Verdict::Unreviewed {
            return !self.is_reviewed();
        }
        self.final_verdict
            .as_ref()
            .is_some_and(|a| a.verdict == verdict)
            || self.given_verdicts().any(|(_, v)| v == verdict)
    }
}
