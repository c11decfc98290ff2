use crate::model::{Evidence, Verdict};

/// One change a reviewer makes, as the desktop app emits it. Applied by `Session::apply`,
/// which records it for undo; every action goes through the core's `ops`.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetVerdict {
        claim: String,
        verdict: Verdict,
    },
    SetAttributedTo {
        claim: String,
        text: String,
    },
    SetNote {
        claim: String,
        text: String,
    },
    AddEvidence {
        claim: String,
        evidence: Evidence,
    },
    UpdateEvidence {
        claim: String,
        index: usize,
        evidence: Evidence,
    },
    RemoveEvidence {
        claim: String,
        index: usize,
    },
    /// Turn a character range of the article into a claim of its own.
    AddClaim {
        start: usize,
        end: usize,
    },
    SplitStatement {
        claim: String,
        at: usize,
    },
    MergeWithNext {
        claim: String,
    },
    DeleteClaim {
        claim: String,
    },
    /// An editor settles a claim: the final verdict (`None` clears it).
    Adjudicate {
        claim: String,
        verdict: Option<Verdict>,
    },
    /// Put an orphaned claim back into the article over a character range.
    ReattachOrphan {
        orphan: String,
        start: usize,
        end: usize,
    },
    /// Accept a claim's attribution hint: attributed-to becomes `source` and an unreviewed
    /// verdict becomes attributed-only; the audit log says it came from a hint.
    AcceptHint {
        claim: String,
        source: String,
    },
    /// Dismiss a claim's hints (they stay dismissed in the file).
    DismissHint {
        claim: String,
    },
    /// Bring a dismissed claim's hints back.
    RestoreHint {
        claim: String,
    },
    /// Copy a review of the same claim checked before elsewhere in the desk.
    ReuseReview {
        claim: String,
        earlier: Box<crate::ops::EarlierReview>,
    },
}

impl Action {
    /// What the undo menu says: "Undo set verdict".
    pub fn label(&self) -> &'static str {
        match self {
            Action::SetVerdict { .. } => "set verdict",
            Action::SetAttributedTo { .. } => "edit attributed-to",
            Action::SetNote { .. } => "edit note",
            Action::AddEvidence { .. } => "add evidence",
            Action::UpdateEvidence { .. } => "edit evidence",
            Action::RemoveEvidence { .. } => "remove evidence",
            Action::AddClaim { .. } => "new claim",
            Action::SplitStatement { .. } => "split statement",
            Action::MergeWithNext { .. } => "merge statements",
            Action::DeleteClaim { .. } => "delete claim",
            Action::Adjudicate { .. } => "set final verdict",
            Action::ReattachOrphan { .. } => "re-attach claim",
            Action::AcceptHint { .. } => "accept hint",
            Action::DismissHint { .. } => "dismiss hint",
            Action::RestoreHint { .. } => "restore hint",
            Action::ReuseReview { .. } => "use earlier review",
        }
    }
}
