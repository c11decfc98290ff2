//! Which earlier review "checked before" offers to copy: of a claim that says the same (with
//! the same numbers), the review that agrees with where the claim stands.

use crate::desk::search::Match;
use crate::ops::EarlierReview;

/// The review of `m` to copy: of the reviews whose verdict is where the claim stands (the
/// editor's final verdict, or what the reviewers agree on), the one that says most (a note,
/// then the most evidence), then the newest. `None` when nobody judged the claim.
pub fn earlier_review(m: &Match) -> Option<EarlierReview> {
    let settled = m.settled?;
    let (name, review) = m
        .reviews
        .iter()
        .filter(|(_, r)| r.verdict == settled)
        .max_by_key(|(_, r)| (!r.note.trim().is_empty(), r.evidence.len(), &r.changed))?;
    Some(of(m, name, review))
}

/// `name`'s review of `m`, as a review to copy.
pub fn review_of(m: &Match, name: &str) -> Option<EarlierReview> {
    let review = m.reviews.get(name)?;
    review.verdict.is_reviewed().then(|| of(m, name, review))
}

fn of(m: &Match, name: &str, review: &crate::model::Review) -> EarlierReview {
    EarlierReview {
        path: m.path.clone(),
        claim_id: m.claim_id.clone(),
        number: m.number,
        reviewer: name.to_string(),
        verdict: review.verdict,
        note: review.note.clone(),
        evidence: review.evidence.clone(),
    }
}

/// What one key copies: the best match that says the same numbers and was judged.
pub fn first_reusable(matches: &[Match]) -> Option<EarlierReview> {
    matches
        .iter()
        .filter(|m| m.same_numbers)
        .find_map(earlier_review)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::search::MatchKind;
    use crate::model::{Adjudication, Evidence, Review, Verdict};
    use std::collections::BTreeMap;

    fn review(v: Verdict, note: &str, changed: &str) -> Review {
        Review {
            verdict: v,
            note: note.into(),
            evidence: vec![Evidence {
                url: format!("https://example.org/{note}"),
                ..Evidence::default()
            }],
            changed: changed.into(),
            ..Review::default()
        }
    }

    fn found(reviews: &[(&str, Review)], settled: Option<Verdict>, same_numbers: bool) -> Match {
        Match {
            path: "2026/a.ron".into(),
            claim_id: "c1".into(),
            number: 3,
            quote: "q".into(),
            title: "t".into(),
            similarity: 1.0,
            kind: MatchKind::Exact,
            same_numbers,
            reviews: reviews
                .iter()
                .map(|(n, r)| (n.to_string(), r.clone()))
                .collect::<BTreeMap<_, _>>(),
            final_verdict: None,
            settled,
        }
    }

    #[test]
    fn the_newest_review_agreeing_with_the_settled_verdict_is_copied() {
        let m = found(
            &[
                (
                    "ana",
                    review(Verdict::Disputed, "old", "2026-01-01T00:00:00Z"),
                ),
                (
                    "bo",
                    review(Verdict::Disputed, "new", "2026-02-01T00:00:00Z"),
                ),
                (
                    "cy",
                    review(Verdict::Verified, "other", "2026-03-01T00:00:00Z"),
                ),
            ],
            Some(Verdict::Disputed),
            true,
        );
        let e = earlier_review(&m).unwrap();
        assert_eq!(
            (e.reviewer.as_str(), e.verdict, e.note.as_str()),
            ("bo", Verdict::Disputed, "new")
        );
        assert_eq!(e.evidence.len(), 1);
        assert_eq!(e.source(), "2026/a.ron#c1 (bo)");
    }

    #[test]
    fn a_review_with_a_note_is_preferred_to_a_newer_bare_one() {
        let mut bare = review(Verdict::Verified, "", "2026-05-01T00:00:00Z");
        bare.evidence.clear();
        let m = found(
            &[
                (
                    "ana",
                    review(Verdict::Verified, "why", "2026-01-01T00:00:00Z"),
                ),
                ("bo", bare),
            ],
            Some(Verdict::Verified),
            true,
        );
        assert_eq!(earlier_review(&m).unwrap().reviewer, "ana");
    }

    #[test]
    fn an_editors_final_verdict_decides_which_review() {
        let mut m = found(
            &[
                (
                    "ana",
                    review(Verdict::Verified, "a", "2026-01-01T00:00:00Z"),
                ),
                ("bo", review(Verdict::Disputed, "b", "2026-02-01T00:00:00Z")),
            ],
            Some(Verdict::Verified),
            true,
        );
        m.final_verdict = Some(Adjudication {
            verdict: Verdict::Verified,
            by: "ed".into(),
            at: "2026-03-01T00:00:00Z".into(),
        });
        assert_eq!(earlier_review(&m).unwrap().reviewer, "ana");
    }

    #[test]
    fn unjudged_claims_and_other_numbers_offer_nothing() {
        let unjudged = found(&[], None, true);
        assert!(earlier_review(&unjudged).is_none());
        let other_numbers = found(
            &[(
                "ana",
                review(Verdict::Verified, "a", "2026-01-01T00:00:00Z"),
            )],
            Some(Verdict::Verified),
            false,
        );
        assert!(first_reusable(&[unjudged, other_numbers.clone()]).is_none());
        let mut same = other_numbers;
        same.same_numbers = true;
        assert_eq!(first_reusable(&[same]).unwrap().reviewer, "ana");
        let m = found(&[("ana", review(Verdict::Unreviewed, "", "x"))], None, true);
        assert!(review_of(&m, "ana").is_none());
    }

    #[test]
    fn copying_keeps_the_reviewers_own_note_and_evidence_and_says_where_from() {
        let mut p = crate::article::new_project(
            crate::article::ArticleInfo::default(),
            "The mayor said 40 buses were bought.".into(),
        );
        let id = p.claims[0].id.clone();
        let at = "2026-11-01T10:00:00Z";
        crate::ops::set_note(&mut p, &id, "me", "My own note.", at).unwrap();
        let mine = Evidence {
            url: "https://example.org/budget".into(),
            ..Evidence::default()
        };
        crate::ops::add_evidence(&mut p, &id, "me", mine, at).unwrap();
        let m = found(
            &[(
                "ana",
                review(Verdict::Verified, "budget", "2026-01-01T00:00:00Z"),
            )],
            Some(Verdict::Verified),
            true,
        );
        let earlier = earlier_review(&m).unwrap();
        crate::ops::reuse_review(&mut p, &id, "me", &earlier, at).unwrap();
        // Twice changes nothing more: the note and the evidence are there already.
        crate::ops::reuse_review(&mut p, &id, "me", &earlier, at).unwrap();
        let r = p.claims[0].review("me").unwrap();
        assert_eq!(r.verdict, Verdict::Verified);
        assert_eq!(
            r.note,
            "My own note.\n\nbudget\nChecked before: 2026/a.ron, claim 3 (ana's review)."
        );
        let urls: Vec<&str> = r.evidence.iter().map(|e| e.url.as_str()).collect();
        assert_eq!(urls, ["https://example.org/budget"]);
        let entry = p.audit.last().unwrap();
        assert_eq!(
            entry.hint,
            Some(crate::model::HintEvent::Reused(
                "2026/a.ron#c1 (ana)".into()
            ))
        );
        assert_eq!(
            (entry.from, entry.to),
            (Verdict::Verified, Verdict::Verified)
        );
        assert!(crate::ops::reuse_review(&mut p, "nope", "me", &earlier, at).is_err());
        // The file with the audit entry reads back.
        let text = crate::store::to_ron_string(&p);
        crate::store::load_str(&text, "p.ron").unwrap();
    }
}
