use super::Verdict;
use serde::{Deserialize, Serialize};

/// One reviewer's judgement of one claim. Each reviewer has their own; a merge never
/// overwrites one reviewer's review with another's.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub verdict: Verdict,
    /// Who the article says made the claim ("Ukraine's general staff"); filled for any verdict.
    #[serde(default)]
    pub attributed_to: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// RFC 3339 UTC time of the last change.
    pub changed: String,
}

impl Review {
    /// True when the reviewer has written nothing: such a review can be dropped safely.
    pub fn is_blank(&self) -> bool {
        !self.verdict.is_reviewed()
            && self.attributed_to.is_empty()
            && self.note.is_empty()
            && self.evidence.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub url: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub excerpt: String,
    /// The date the reviewer read the source (ISO 8601 date).
    #[serde(default)]
    pub accessed: String,
}

/// The final verdict an editor chose where reviewers disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adjudication {
    pub verdict: Verdict,
    pub by: String,
    /// RFC 3339 UTC.
    pub at: String,
}
