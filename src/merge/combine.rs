//! Combining versions of one reviewer's review (and of one claim's final verdict) found in
//! several files.
//!
//! Different reviewers never meet here: reviews are keyed by reviewer. Two versions of the
//! *same* reviewer's review (they edited it in two copies) are settled like this: the later
//! `changed` wins; from the earlier one, evidence the later one lacks (by URL) is added, its
//! attributed-to and note are kept in a marked paragraph of the note when the later review
//! does not already hold them, and its verdict, when it differs, is recorded in the audit log
//! as a change from the earlier verdict to the later one. So nothing the reviewer wrote is lost,
//! and merging the same files again adds nothing.

use super::Superseded;
use crate::model::{Adjudication, AuditEntry, Evidence, Review};
use std::cmp::Ordering;
use std::time::SystemTime;

/// Parsed time of an RFC 3339 timestamp; unparsable times sort first.
pub(crate) fn time_of(s: &str) -> Option<SystemTime> {
    humantime::parse_rfc3339_weak(s).ok()
}

fn by_time(a: &str, b: &str) -> Ordering {
    time_of(a).cmp(&time_of(b)).then_with(|| a.cmp(b))
}

fn evidence_key(e: &Evidence) -> (&str, &str, &str, &str) {
    (&e.url, &e.title, &e.excerpt, &e.accessed)
}

/// Total order of review versions: by time changed, then by content, so the winner does not
/// depend on the order the files were given in.
fn review_order(a: &Review, b: &Review) -> Ordering {
    by_time(&a.changed, &b.changed)
        .then_with(|| a.verdict.cmp(&b.verdict))
        .then_with(|| a.attributed_to.cmp(&b.attributed_to))
        .then_with(|| a.note.cmp(&b.note))
        .then_with(|| {
            a.evidence
                .iter()
                .map(evidence_key)
                .cmp(b.evidence.iter().map(evidence_key))
        })
}

/// What combining produced besides the review: audit entries and report lines.
#[derive(Default)]
pub(crate) struct Side {
    pub audit: Vec<AuditEntry>,
    pub superseded: Vec<Superseded>,
}

/// One review out of all versions of `reviewer`'s review of claim `claim`.
pub(crate) fn combine_reviews(
    claim: &str,
    reviewer: &str,
    versions: &[&Review],
    side: &mut Side,
) -> Review {
    let mut distinct: Vec<&Review> = Vec::with_capacity(versions.len());
    for v in versions {
        if !distinct.contains(v) {
            distinct.push(v);
        }
    }
    if distinct.len() == 1 {
        return distinct[0].clone();
    }
    distinct.sort_by(|a, b| review_order(a, b));
    let winner = distinct.pop().expect("two or more versions");
    let mut out = winner.clone();
    for older in distinct {
        absorb(&mut out, winner, older);
        if older.verdict != out.verdict {
            side.audit.push(AuditEntry {
                at: out.changed.clone(),
                reviewer: reviewer.to_string(),
                claim: claim.to_string(),
                from: older.verdict,
                to: out.verdict,
                adjudication: false,
                hint: None,
            });
        }
        side.superseded.push(Superseded {
            claim: claim.to_string(),
            reviewer: reviewer.to_string(),
            kept: winner.changed.clone(),
            superseded: older.changed.clone(),
            adjudication: false,
        });
    }
    out
}

/// Keeps what an earlier version holds and the later one (`winner`) does not.
fn absorb(out: &mut Review, winner: &Review, older: &Review) {
    for e in &older.evidence {
        // Sources are compared with the winning version, not with what was added so far: an
        // earlier version may cite one source twice (two excerpts), and both must be kept.
        if !winner.evidence.iter().any(|x| x.url == e.url) && !out.evidence.contains(e) {
            out.evidence.push(e.clone());
        }
    }
    let mut parts = Vec::new();
    let attributed = format!("attributed to: {}", older.attributed_to);
    if !older.attributed_to.is_empty()
        && older.attributed_to != out.attributed_to
        && !out.note.contains(&attributed)
    {
        parts.push(attributed);
    }
    if !older.note.is_empty() && !out.note.contains(&older.note) {
        parts.push(format!("note: {}", older.note));
    }
    if parts.is_empty() {
        return;
    }
    let block = format!("[earlier version, {}] {}", older.changed, parts.join("; "));
    if !out.note.is_empty() {
        out.note.push_str("\n\n");
    }
    out.note.push_str(&block);
}

/// One final verdict out of several: the later decision wins; the earlier ones stay in the
/// audit log (as changes from their verdict to the later one).
pub(crate) fn combine_finals(
    claim: &str,
    versions: &[&Adjudication],
    side: &mut Side,
) -> Option<Adjudication> {
    let mut distinct: Vec<&Adjudication> = Vec::with_capacity(versions.len());
    for v in versions {
        if !distinct.contains(v) {
            distinct.push(v);
        }
    }
    distinct.sort_by(|a, b| {
        by_time(&a.at, &b.at)
            .then_with(|| a.verdict.cmp(&b.verdict))
            .then_with(|| a.by.cmp(&b.by))
    });
    let winner = distinct.pop()?;
    for older in distinct {
        if older.verdict != winner.verdict {
            side.audit.push(AuditEntry {
                at: winner.at.clone(),
                reviewer: winner.by.clone(),
                claim: claim.to_string(),
                from: older.verdict,
                to: winner.verdict,
                adjudication: true,
                hint: None,
            });
        }
        side.superseded.push(Superseded {
            claim: claim.to_string(),
            reviewer: older.by.clone(),
            kept: winner.at.clone(),
            superseded: older.at.clone(),
            adjudication: true,
        });
    }
    Some(winner.clone())
}

/// Three-way choice between two sides' versions of one thing, given the common ancestor's.
pub(crate) enum Pick<'a, T> {
    /// Settled: this version (or none: deleted).
    One(Option<&'a T>),
    /// Both sides changed it differently.
    Both(&'a T, &'a T),
}

pub(crate) fn three_way<'a, T: PartialEq>(
    base: Option<&'a T>,
    ours: Option<&'a T>,
    theirs: Option<&'a T>,
) -> Pick<'a, T> {
    if ours == theirs || theirs == base {
        return Pick::One(ours);
    }
    if ours == base {
        return Pick::One(theirs);
    }
    match (ours, theirs) {
        (Some(o), Some(t)) => Pick::Both(o, t),
        // Deleted on one side, changed on the other: keep what was written.
        (o, t) => Pick::One(o.or(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Verdict;

    fn review(verdict: Verdict, note: &str, at: &str) -> Review {
        Review {
            verdict,
            note: note.into(),
            changed: at.into(),
            ..Review::default()
        }
    }

    #[test]
    fn later_review_wins_and_the_earlier_is_kept() {
        let old = review(Verdict::Verified, "first thoughts", "2026-01-01T10:00:00Z");
        let new = review(Verdict::Disputed, "checked again", "2026-01-02T10:00:00Z");
        let mut side = Side::default();
        let got = combine_reviews("c-1", "alice", &[&new, &old], &mut side);
        assert_eq!(got.verdict, Verdict::Disputed);
        assert!(got.note.starts_with("checked again"));
        assert!(got.note.contains("first thoughts"));
        assert_eq!(side.audit.len(), 1);
        assert_eq!(
            (side.audit[0].from, side.audit[0].to),
            (Verdict::Verified, Verdict::Disputed)
        );
        // Merging the result with the old copy again adds nothing.
        let mut again = Side::default();
        assert_eq!(
            combine_reviews("c-1", "alice", &[&got, &old], &mut again),
            got
        );
        let flipped = combine_reviews("c-1", "alice", &[&old, &new], &mut Side::default());
        assert_eq!(flipped, got);
    }

    #[test]
    fn two_excerpts_of_one_source_in_an_earlier_version_are_both_kept() {
        let source = |excerpt: &str| Evidence {
            url: "https://example.org/a".into(),
            excerpt: excerpt.into(),
            ..Evidence::default()
        };
        let mut old = review(Verdict::Unreviewed, "", "2026-01-01T10:00:00Z");
        old.evidence = vec![source("first"), source("second")];
        let new = review(Verdict::Verified, "", "2026-01-02T10:00:00Z");
        let got = combine_reviews("c-1", "alice", &[&old, &new], &mut Side::default());
        assert_eq!(got.evidence, old.evidence);
        // The winner citing that source itself replaces the earlier excerpts.
        let mut edited = new.clone();
        edited.evidence = vec![source("edited")];
        let got = combine_reviews("c-1", "alice", &[&old, &edited], &mut Side::default());
        assert_eq!(got.evidence, edited.evidence);
    }

    #[test]
    fn an_extended_note_does_not_repeat_the_old_one() {
        let old = review(
            Verdict::Verified,
            "Called the office.",
            "2026-01-01T10:00:00Z",
        );
        let new = review(
            Verdict::Verified,
            "Called the office. They confirmed.",
            "2026-01-02T10:00:00Z",
        );
        let mut side = Side::default();
        let got = combine_reviews("c-1", "alice", &[&old, &new], &mut side);
        assert_eq!(got, new);
        assert!(side.audit.is_empty());
    }

    #[test]
    fn three_way_takes_the_side_that_changed() {
        let (b, x, y) = (1, 2, 3);
        assert!(matches!(
            three_way(Some(&b), Some(&b), Some(&x)),
            Pick::One(Some(&2))
        ));
        assert!(matches!(
            three_way(Some(&b), Some(&x), Some(&b)),
            Pick::One(Some(&2))
        ));
        assert!(matches!(
            three_way(Some(&b), None, Some(&b)),
            Pick::One(None)
        ));
        assert!(matches!(
            three_way(Some(&b), None, Some(&x)),
            Pick::One(Some(&2))
        ));
        assert!(matches!(
            three_way(Some(&b), Some(&x), Some(&y)),
            Pick::Both(&2, &3)
        ));
        assert!(matches!(
            three_way(None, Some(&x), Some(&y)),
            Pick::Both(&2, &3)
        ));
    }
}
