//! The checks a project must pass to be opened. The first problem is reported, naming the
//! claim at fault, so a reviewer (or whoever edited the file by hand) can find and fix it.

use crate::clock::{is_future, is_timestamp};
use crate::ids::is_valid_id;
use crate::model::{Claim, Project, Verdict};
use crate::text::{CharIndex, is_grapheme_boundary, sha256_hex};
use std::collections::HashSet;
use std::time::SystemTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub claim: Option<String>,
    pub message: String,
}

fn problem(message: impl Into<String>) -> Problem {
    Problem {
        claim: None,
        message: message.into(),
    }
}

fn claim_problem(claim: &Claim, message: impl Into<String>) -> Problem {
    Problem {
        claim: Some(claim.id.clone()),
        message: message.into(),
    }
}

/// Checks every invariant of a loaded project. Claims are assumed in article order.
pub fn validate(p: &Project) -> Result<(), Problem> {
    validate_at(p, SystemTime::now())
}

/// What a time far ahead of the clock gets told: merges let the later change win, so a
/// wrong clock would beat every real edit.
fn future_hint() -> &'static str {
    "which is in the future; check the clock of the computer that wrote it"
}

/// `validate` with the clock given: times more than a day after `now` are refused.
pub fn validate_at(p: &Project, now: SystemTime) -> Result<(), Problem> {
    let text = &p.article.text;
    if !sha256_hex(text).eq_ignore_ascii_case(p.article.text_sha256.trim()) {
        return Err(problem(
            "the article text does not match text_sha256: the text or its hash was edited outside claimdesk, \
             so claims may no longer point at what the reviewers read; take the file from a reviewer's copy \
             or from version control instead",
        ));
    }
    let mut reviewers = HashSet::new();
    for name in &p.reviewers {
        if name.trim().is_empty() || name.trim() != name {
            return Err(problem(format!(
                "reviewer name {name:?} is empty or has spaces around it"
            )));
        }
        if !reviewers.insert(name.as_str()) {
            return Err(problem(format!("reviewer '{name}' is listed twice")));
        }
    }
    let index = CharIndex::new(text);
    let mut ids = HashSet::with_capacity(p.claims.len());
    let mut last_statement: Option<&Claim> = None;
    for claim in &p.claims {
        if claim.id.is_empty() {
            return Err(problem(format!(
                "the claim at {}..{} has no id",
                claim.start, claim.end
            )));
        }
        if !is_valid_id(&claim.id) {
            return Err(claim_problem(
                claim,
                "the id must be 1 to 64 characters of letters, digits, '-' or '_'",
            ));
        }
        if !ids.insert(claim.id.as_str()) {
            return Err(claim_problem(
                claim,
                "the id is used by more than one claim",
            ));
        }
        check_span(text, &index, claim)?;
        if claim.kind.is_statement() {
            if let Some(prev) = last_statement.filter(|prev| prev.end > claim.start) {
                return Err(claim_problem(
                    claim,
                    format!("this statement overlaps statement {}", prev.id),
                ));
            }
            last_statement = Some(claim);
        }
        check_reviews(claim, &reviewers, now)?;
    }
    for orphan in &p.orphans {
        check_orphan(orphan, &mut ids, &reviewers, now)?;
    }
    for (i, entry) in p.audit.iter().enumerate() {
        if !is_timestamp(&entry.at) {
            return Err(problem(format!(
                "audit entry {} has a bad time {:?} (expected RFC 3339, e.g. 2026-01-31T09:30:00Z)",
                i + 1,
                entry.at
            )));
        }
        if is_future(&entry.at, now) {
            return Err(problem(format!(
                "audit entry {} ({} on claim {}) is dated {}, {}",
                i + 1,
                entry.reviewer,
                entry.claim,
                entry.at,
                future_hint()
            )));
        }
        if entry.reviewer.trim().is_empty() {
            return Err(problem(format!("audit entry {} names no reviewer", i + 1)));
        }
        if entry.adjudication {
            check_adjudication_entry(i, entry)?;
        }
        if let Some(crate::model::HintEvent::Accepted(source)) = &entry.hint
            && source.trim().is_empty()
        {
            return Err(problem(format!(
                "audit entry {} accepts an attribution hint without a source",
                i + 1
            )));
        }
        if let Some(crate::model::HintEvent::Reused(from)) = &entry.hint
            && from.trim().is_empty()
        {
            return Err(problem(format!(
                "audit entry {} copies an earlier review without saying where from",
                i + 1
            )));
        }
    }
    Ok(())
}

/// Claims a merge could not place: their spans belong to another version of the text and are
/// not checked, everything else is.
fn check_orphan<'p>(
    orphan: &'p Claim,
    ids: &mut HashSet<&'p str>,
    reviewers: &HashSet<&str>,
    now: SystemTime,
) -> Result<(), Problem> {
    if !is_valid_id(&orphan.id) {
        return Err(Problem {
            claim: (!orphan.id.is_empty()).then(|| orphan.id.clone()),
            message: format!(
                "an orphaned claim ({:?}) needs an id of 1 to 64 letters, digits, '-' or '_'",
                clip(&orphan.quote)
            ),
        });
    }
    if !ids.insert(orphan.id.as_str()) {
        return Err(claim_problem(
            orphan,
            "the id is used by more than one claim (orphaned claims included)",
        ));
    }
    if orphan.quote.is_empty() {
        return Err(claim_problem(
            orphan,
            "this orphaned claim has lost its quote; it cannot be shown or re-attached",
        ));
    }
    check_reviews(orphan, reviewers, now).map_err(|p| Problem {
        message: format!("(orphaned claim) {}", p.message),
        ..p
    })
}

/// An audit entry recording a final verdict names the claim and really changes it.
fn check_adjudication_entry(i: usize, entry: &crate::model::AuditEntry) -> Result<(), Problem> {
    let n = i + 1;
    if !is_valid_id(&entry.claim) {
        return Err(problem(format!(
            "audit entry {n} (a final verdict) names no valid claim id ({:?})",
            entry.claim
        )));
    }
    if entry.reviewer.trim() != entry.reviewer {
        return Err(problem(format!(
            "audit entry {n} (a final verdict) has spaces around the editor's name {:?}",
            entry.reviewer
        )));
    }
    if entry.from == entry.to {
        return Err(problem(format!(
            "audit entry {n} (a final verdict) changes nothing ({} to {})",
            entry.from, entry.to
        )));
    }
    Ok(())
}

fn check_span(text: &str, index: &CharIndex, claim: &Claim) -> Result<(), Problem> {
    let len = index.char_len();
    if claim.start >= claim.end {
        return Err(claim_problem(
            claim,
            format!("empty or reversed span {}..{}", claim.start, claim.end),
        ));
    }
    if claim.end > len {
        return Err(claim_problem(
            claim,
            format!(
                "span {}..{} goes past the end of the article ({len} characters)",
                claim.start, claim.end
            ),
        ));
    }
    let bytes = index
        .byte_range(claim.start..claim.end)
        .expect("checked above");
    for (offset, byte) in [(claim.start, bytes.start), (claim.end, bytes.end)] {
        if !is_grapheme_boundary(text, byte) {
            return Err(claim_problem(
                claim,
                format!("offset {offset} cuts through a character (an accent or emoji sequence)"),
            ));
        }
    }
    let covered = &text[bytes.clone()];
    if covered != claim.quote {
        return Err(claim_problem(
            claim,
            format!(
                "the quote does not match the article text at {}..{}: the file says {:?}, the text has {:?}",
                claim.start,
                claim.end,
                clip(&claim.quote),
                clip(covered)
            ),
        ));
    }
    if !text[..bytes.start].ends_with(claim.prefix.as_str()) {
        return Err(claim_problem(
            claim,
            format!(
                "the context before the quote ({:?}) is not what the article has there",
                clip(&claim.prefix)
            ),
        ));
    }
    if !text[bytes.end..].starts_with(claim.suffix.as_str()) {
        return Err(claim_problem(
            claim,
            format!(
                "the context after the quote ({:?}) is not what the article has there",
                clip(&claim.suffix)
            ),
        ));
    }
    Ok(())
}

fn check_reviews(claim: &Claim, reviewers: &HashSet<&str>, now: SystemTime) -> Result<(), Problem> {
    for (name, review) in &claim.reviews {
        if !reviewers.contains(name.as_str()) {
            return Err(claim_problem(
                claim,
                format!("has a review by '{name}', who is not in the project's reviewers"),
            ));
        }
        if !is_timestamp(&review.changed) {
            return Err(claim_problem(
                claim,
                format!(
                    "{name}'s review has a bad time {:?} (expected RFC 3339, e.g. 2026-01-31T09:30:00Z)",
                    review.changed
                ),
            ));
        }
        if is_future(&review.changed, now) {
            return Err(claim_problem(
                claim,
                format!(
                    "{name}'s review was changed at {}, {}",
                    review.changed,
                    future_hint()
                ),
            ));
        }
        if let Some(n) = review.evidence.iter().position(|e| e.url.trim().is_empty()) {
            return Err(claim_problem(
                claim,
                format!("{name}'s evidence {} has no URL", n + 1),
            ));
        }
    }
    if let Some(adj) = &claim.final_verdict {
        if adj.verdict == Verdict::Unreviewed {
            return Err(claim_problem(
                claim,
                "the final verdict cannot be unreviewed; remove final_verdict instead",
            ));
        }
        if adj.by.trim().is_empty() {
            return Err(claim_problem(
                claim,
                "the final verdict does not say who decided it (by)",
            ));
        }
        if !is_timestamp(&adj.at) {
            return Err(claim_problem(
                claim,
                format!(
                    "the final verdict has a bad time {:?} (expected RFC 3339, e.g. 2026-01-31T09:30:00Z)",
                    adj.at
                ),
            ));
        }
        if is_future(&adj.at, now) {
            return Err(claim_problem(
                claim,
                format!(
                    "the final verdict by {} was given at {}, {}",
                    adj.by,
                    adj.at,
                    future_hint()
                ),
            ));
        }
    }
    Ok(())
}

/// Keeps error messages to one readable line.
fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}
