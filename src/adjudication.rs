//! Settling what reviewers disagree on, and putting orphaned claims back into the article.
//! Like `ops`, each function keeps every invariant `store::validate` checks and leaves the
//! project unchanged when it refuses.

use crate::anchor;
use crate::clock::is_timestamp;
use crate::model::{Adjudication, AuditEntry, Project, Verdict};
use crate::ops::OpError;
use crate::text::CharIndex;
use std::ops::Range;

fn refuse<T>(msg: impl Into<String>) -> Result<T, OpError> {
    Err(OpError(msg.into()))
}

/// Records an editor's final verdict on a claim (`None` clears it) and an audit entry with
/// `adjudication: true` (who, when, from, to). Choosing the verdict the claim already has is
/// no change and records nothing.
pub fn adjudicate(
    p: &mut Project,
    claim_id: &str,
    editor: &str,
    verdict: Option<Verdict>,
    at: &str,
) -> Result<(), OpError> {
    if editor.trim().is_empty() || editor.trim() != editor {
        return refuse("an editor name must not be empty or start or end with spaces");
    }
    if verdict == Some(Verdict::Unreviewed) {
        return refuse("a final verdict cannot be unreviewed; clear the final verdict instead");
    }
    if !is_timestamp(at) {
        return refuse(format!(
            "bad time {at:?} (expected RFC 3339, e.g. 2026-01-31T09:30:00Z)"
        ));
    }
    let Some(claim) = p.claims.iter_mut().find(|c| c.id == claim_id) else {
        if p.orphans.iter().any(|c| c.id == claim_id) {
            return refuse(format!(
                "claim {claim_id} is an orphan (its text was not found after a merge); re-attach it first"
            ));
        }
        return refuse(format!("no claim with id '{claim_id}'"));
    };
    let from = claim
        .final_verdict
        .as_ref()
        .map_or(Verdict::Unreviewed, |a| a.verdict);
    let to = verdict.unwrap_or(Verdict::Unreviewed);
    if from == to {
        return Ok(());
    }
    claim.final_verdict = verdict.map(|verdict| Adjudication {
        verdict,
        by: editor.to_string(),
        at: at.to_string(),
    });
    p.audit.push(AuditEntry {
        at: at.to_string(),
        reviewer: editor.to_string(),
        claim: claim_id.to_string(),
        from,
        to,
        adjudication: true,
        hint: None,
    });
    Ok(())
}

/// Moves an orphan back into the article over the selected character range (leading and
/// trailing whitespace left out), with its quote and context taken from the text there. It
/// keeps its id, reviews and final verdict. A statement that would overlap another statement
/// comes back as a selection. Another claim on exactly the same span is allowed: they are
/// different claims.
pub fn reattach_orphan(
    p: &mut Project,
    orphan_id: &str,
    chars: Range<usize>,
) -> Result<(), OpError> {
    let Some(pos) = p.orphans.iter().position(|c| c.id == orphan_id) else {
        return refuse(format!("no orphaned claim with id '{orphan_id}'"));
    };
    let text = &p.article.text;
    let index = CharIndex::new(text);
    let span = crate::ops::claim_span(text, &index, chars)?;
    let mut claim = p.orphans[pos].clone();
    anchor::place(&mut claim, text, &index, span.clone());
    if claim.kind.is_statement()
        && p.claims
            .iter()
            .any(|c| c.kind.is_statement() && c.start < span.end && span.start < c.end)
    {
        claim.kind = crate::model::ClaimKind::Selection;
    }
    let key = (claim.start, claim.end, claim.id.as_str());
    let at = p
        .claims
        .partition_point(|c| (c.start, c.end, c.id.as_str()) < key);
    p.claims.insert(at, claim);
    p.orphans.remove(pos);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ArticleInfo, new_project};
    use crate::model::ClaimKind;
    use crate::{ops, store};

    const AT: &str = "2026-02-03T04:05:06Z";

    fn project() -> Project {
        let mut p = new_project(
            ArticleInfo {
                title: "t".into(),
                ..ArticleInfo::default()
            },
            "The bridge reopened on Monday. The work cost 42 million euros. Critics say it ran late."
                .into(),
        );
        let id = p.claims[1].id.clone();
        ops::set_verdict(&mut p, &id, "alice", Verdict::Verified, AT).unwrap();
        ops::set_verdict(&mut p, &id, "bob", Verdict::Disputed, AT).unwrap();
        p
    }

    #[test]
    fn adjudication_records_the_final_verdict_and_an_audit_entry() {
        let mut p = project();
        let id = p.claims[1].id.clone();
        assert!(p.claims[1].is_disagreement());
        adjudicate(&mut p, &id, "editor", Some(Verdict::Disputed), AT).unwrap();
        let c = p.claim(&id).unwrap();
        assert_eq!(c.final_verdict.as_ref().unwrap().by, "editor");
        assert!(!c.is_disagreement());
        let last = p.audit.last().unwrap();
        assert!(last.adjudication);
        assert_eq!(
            (last.from, last.to),
            (Verdict::Unreviewed, Verdict::Disputed)
        );
        // The same verdict again records nothing; clearing records the change back.
        let n = p.audit.len();
        adjudicate(&mut p, &id, "editor", Some(Verdict::Disputed), AT).unwrap();
        assert_eq!(p.audit.len(), n);
        adjudicate(&mut p, &id, "editor", None, AT).unwrap();
        assert!(p.claim(&id).unwrap().final_verdict.is_none());
        assert_eq!(p.audit.last().unwrap().to, Verdict::Unreviewed);
        store::validate(&p).unwrap();
    }

    #[test]
    fn adjudication_refuses_bad_input_and_changes_nothing() {
        let mut p = project();
        let id = p.claims[1].id.clone();
        let before = p.clone();
        assert!(adjudicate(&mut p, &id, " ed", Some(Verdict::Verified), AT).is_err());
        assert!(adjudicate(&mut p, &id, "ed", Some(Verdict::Unreviewed), AT).is_err());
        assert!(adjudicate(&mut p, &id, "ed", Some(Verdict::Verified), "yesterday").is_err());
        assert!(adjudicate(&mut p, "s-nope", "ed", Some(Verdict::Verified), AT).is_err());
        assert_eq!(p, before);
    }

    #[test]
    fn an_orphan_comes_back_with_its_reviews() {
        let mut p = project();
        let mut orphan = p.claims.remove(1);
        orphan.quote = "The work cost 41 million euros.".into();
        p.orphans.push(orphan.clone());
        store::validate(&p).unwrap();
        // Select the sentence with the space before it: the space is left out.
        let start = p.claims[0].end;
        reattach_orphan(&mut p, &orphan.id, start..start + 32).unwrap();
        assert!(p.orphans.is_empty());
        let c = p.claim(&orphan.id).unwrap();
        assert_eq!(c.quote, "The work cost 42 million euros.");
        assert_eq!(c.reviews, orphan.reviews);
        assert_eq!(c.kind, ClaimKind::Statement);
        store::validate(&p).unwrap();
    }

    #[test]
    fn an_orphaned_statement_over_another_statement_comes_back_as_a_selection() {
        let mut p = project();
        let mut orphan = p.claims[1].clone();
        orphan.id = "s-000000000001".into();
        p.orphans.push(orphan);
        let span = p.claims[1].start..p.claims[1].end;
        reattach_orphan(&mut p, "s-000000000001", span).unwrap();
        assert_eq!(
            p.claim("s-000000000001").unwrap().kind,
            ClaimKind::Selection
        );
        store::validate(&p).unwrap();
        let before = p.clone();
        assert!(reattach_orphan(&mut p, "s-000000000001", 0..3).is_err());
        assert_eq!(p, before);
    }
}
