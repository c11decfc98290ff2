//! Every change to a project goes through these functions, from the command line and the
//! desktop app alike. Each one keeps the invariants `store::validate` checks on load: spans
//! inside the text on character boundaries, quote and context equal to the text they cover,
//! unique ids, claims in article order, and an audit entry for every verdict change.

use crate::ids;
use crate::model::{
    AuditEntry, CONTEXT_CHARS, Claim, ClaimKind, Evidence, HintEvent, Project, Review, Verdict,
};
use crate::text::{CharIndex, Quote, is_grapheme_boundary};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

/// Why an operation was refused. The project is unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpError(pub String);

impl fmt::Display for OpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OpError {}

type OpResult<T> = Result<T, OpError>;

fn refuse<T>(msg: impl Into<String>) -> OpResult<T> {
    Err(OpError(msg.into()))
}

fn claim_mut<'p>(p: &'p mut Project, id: &str) -> OpResult<&'p mut Claim> {
    match p.claims.iter_mut().find(|c| c.id == id) {
        Some(c) => Ok(c),
        None => refuse(format!("no claim with id '{id}'")),
    }
}

fn check_reviewer(reviewer: &str) -> OpResult<()> {
    if reviewer.trim().is_empty() || reviewer.trim() != reviewer {
        return refuse("a reviewer name must not be empty or start or end with spaces");
    }
    Ok(())
}

/// Applies `change` to `reviewer`'s review of claim `id`, creating the review if needed and
/// stamping it with `at`. A review left with nothing in it is removed so files stay small.
fn edit_review<T>(
    p: &mut Project,
    id: &str,
    reviewer: &str,
    at: &str,
    change: impl FnOnce(&mut Review) -> OpResult<T>,
) -> OpResult<T> {
    check_reviewer(reviewer)?;
    let claim = claim_mut(p, id)?;
    let mut review = claim.reviews.get(reviewer).cloned().unwrap_or_default();
    let out = change(&mut review)?;
    review.changed = at.to_string();
    if review.is_blank() {
        claim.reviews.remove(reviewer);
    } else {
        claim.reviews.insert(reviewer.to_string(), review);
        p.ensure_reviewer(reviewer);
    }
    Ok(out)
}

/// Sets a reviewer's verdict; records the change in the audit log. Returns false if the
/// verdict was already that.
pub fn set_verdict(
    p: &mut Project,
    id: &str,
    reviewer: &str,
    verdict: Verdict,
    at: &str,
) -> OpResult<bool> {
    let from = match p.claim(id) {
        Some(c) => c.verdict_of(reviewer),
        None => return refuse(format!("no claim with id '{id}'")),
    };
    if from == verdict {
        return Ok(false);
    }
    edit_review(p, id, reviewer, at, |r| {
        r.verdict = verdict;
        Ok(())
    })?;
    p.audit
        .push(AuditEntry::verdict_change(at, reviewer, id, from, verdict));
    Ok(true)
}

/// Accepts an attribution hint as `reviewer`: attributed-to becomes `source` and, if the
/// reviewer has not judged the claim yet, the verdict becomes attributed-only. One audit entry
/// records that this came from a hint (with from == to when the verdict stays). A verdict the
/// reviewer already gave is never changed. Returns the reviewer's verdict afterwards.
pub fn accept_attribution(
    p: &mut Project,
    id: &str,
    reviewer: &str,
    source: &str,
    at: &str,
) -> OpResult<Verdict> {
    let source = source.trim();
    if source.is_empty() {
        return refuse("an accepted attribution needs a source");
    }
    let from = match p.claim(id) {
        Some(c) => c.verdict_of(reviewer),
        None => return refuse(format!("no claim with id '{id}'")),
    };
    let to = if from.is_reviewed() {
        from
    } else {
        Verdict::AttributedOnly
    };
    edit_review(p, id, reviewer, at, |r| {
        r.attributed_to = source.to_string();
        r.verdict = to;
        Ok(())
    })?;
    p.audit.push(hint_entry(
        id,
        reviewer,
        at,
        from,
        to,
        HintEvent::Accepted(source.into()),
    ));
    Ok(to)
}

/// A review of the same claim in another project of the desk, to copy ("checked before").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierReview {
    /// The other project's path in the desk.
    pub path: String,
    pub claim_id: String,
    /// The claim's number in that article, for people.
    pub number: usize,
    /// Whose review it was.
    pub reviewer: String,
    pub verdict: Verdict,
    pub note: String,
    pub evidence: Vec<Evidence>,
}

impl EarlierReview {
    /// `PATH#CLAIM-ID (REVIEWER)`: what the audit log keeps.
    pub fn source(&self) -> String {
        format!("{}#{} ({})", self.path, self.claim_id, self.reviewer)
    }

    /// The line the note gets, so reports and other reviewers see where it came from.
    pub fn note_line(&self) -> String {
        format!(
            "Checked before: {}, claim {} ({}'s review).",
            self.path, self.number, self.reviewer
        )
    }
}

/// Copies an earlier review into `reviewer`'s review of claim `id`: its verdict (when it has
/// one), its note after the reviewer's own with a line saying where it came from, and its
/// evidence not already there (same address). Attributed-to is not copied: another article
/// may attribute the same words to someone else. One audit entry records the copy.
pub fn reuse_review(
    p: &mut Project,
    id: &str,
    reviewer: &str,
    earlier: &EarlierReview,
    at: &str,
) -> OpResult<()> {
    let from = match p.claim(id) {
        Some(c) => c.verdict_of(reviewer),
        None => return refuse(format!("no claim with id '{id}'")),
    };
    let to = if earlier.verdict.is_reviewed() {
        earlier.verdict
    } else {
        from
    };
    edit_review(p, id, reviewer, at, |r| {
        r.verdict = to;
        let mut note = r.note.trim_end().to_string();
        let copied = [earlier.note.trim(), &earlier.note_line()]
            .into_iter()
            .filter(|s| !s.is_empty() && !note.contains(*s))
            .collect::<Vec<_>>()
            .join("\n");
        if !copied.is_empty() {
            if !note.is_empty() {
                note.push_str("\n\n");
            }
            note.push_str(&copied);
        }
        r.note = note;
        for e in &earlier.evidence {
            if !r.evidence.iter().any(|mine| mine.url == e.url) {
                r.evidence.push(e.clone());
            }
        }
        Ok(())
    })?;
    p.audit.push(hint_entry(
        id,
        reviewer,
        at,
        from,
        to,
        HintEvent::Reused(earlier.source()),
    ));
    Ok(())
}

/// Dismisses a claim's hints: they stay dismissed in the file (an audit entry) until
/// restored. Reviews are not touched. Returns false if they were dismissed already.
pub fn dismiss_hint(p: &mut Project, id: &str, reviewer: &str, at: &str) -> OpResult<bool> {
    hint_decision(p, id, reviewer, at, true)
}

/// Undoes `dismiss_hint`. Returns false if the hints were not dismissed.
pub fn undismiss_hint(p: &mut Project, id: &str, reviewer: &str, at: &str) -> OpResult<bool> {
    hint_decision(p, id, reviewer, at, false)
}

fn hint_decision(
    p: &mut Project,
    id: &str,
    reviewer: &str,
    at: &str,
    dismiss: bool,
) -> OpResult<bool> {
    check_reviewer(reviewer)?;
    let verdict = match p.claim(id) {
        Some(c) => c.verdict_of(reviewer),
        None => return refuse(format!("no claim with id '{id}'")),
    };
    if crate::hints::is_dismissed(p, id) == dismiss {
        return Ok(false);
    }
    let event = if dismiss {
        HintEvent::Dismissed
    } else {
        HintEvent::Restored
    };
    p.audit
        .push(hint_entry(id, reviewer, at, verdict, verdict, event));
    Ok(true)
}

fn hint_entry(
    id: &str,
    reviewer: &str,
    at: &str,
    from: Verdict,
    to: Verdict,
    event: HintEvent,
) -> AuditEntry {
    AuditEntry {
        hint: Some(event),
        ..AuditEntry::verdict_change(at, reviewer, id, from, to)
    }
}

pub fn set_attributed_to(
    p: &mut Project,
    id: &str,
    reviewer: &str,
    who: &str,
    at: &str,
) -> OpResult<()> {
    edit_review(p, id, reviewer, at, |r| {
        r.attributed_to = who.trim().to_string();
        Ok(())
    })
}

pub fn set_note(p: &mut Project, id: &str, reviewer: &str, note: &str, at: &str) -> OpResult<()> {
    edit_review(p, id, reviewer, at, |r| {
        r.note = note.to_string();
        Ok(())
    })
}

fn check_evidence(e: &Evidence) -> OpResult<()> {
    if e.url.trim().is_empty() {
        return refuse("evidence needs a URL");
    }
    Ok(())
}

/// Adds evidence to a reviewer's review; returns its position in their list.
pub fn add_evidence(
    p: &mut Project,
    id: &str,
    reviewer: &str,
    evidence: Evidence,
    at: &str,
) -> OpResult<usize> {
    check_evidence(&evidence)?;
    edit_review(p, id, reviewer, at, |r| {
        r.evidence.push(evidence);
        Ok(r.evidence.len() - 1)
    })
}

pub fn update_evidence(
    p: &mut Project,
    id: &str,
    reviewer: &str,
    index: usize,
    evidence: Evidence,
    at: &str,
) -> OpResult<()> {
    check_evidence(&evidence)?;
    edit_review(p, id, reviewer, at, |r| match r.evidence.get_mut(index) {
        Some(slot) => {
            *slot = evidence;
            Ok(())
        }
        None => refuse(format!(
            "{reviewer} has no evidence number {} on claim {id}",
            index + 1
        )),
    })
}

pub fn remove_evidence(
    p: &mut Project,
    id: &str,
    reviewer: &str,
    index: usize,
    at: &str,
) -> OpResult<Evidence> {
    edit_review(p, id, reviewer, at, |r| {
        if index < r.evidence.len() {
            Ok(r.evidence.remove(index))
        } else {
            refuse(format!(
                "{reviewer} has no evidence number {} on claim {id}",
                index + 1
            ))
        }
    })
}

/// Narrows a character range to its non-whitespace core and checks it can be a claim.
pub(crate) fn claim_span(
    text: &str,
    index: &CharIndex,
    chars: Range<usize>,
) -> OpResult<Range<usize>> {
    let len = index.char_len();
    if chars.start >= chars.end {
        return refuse(format!("empty span {}..{}", chars.start, chars.end));
    }
    if chars.end > len {
        return refuse(format!(
            "span {}..{} goes past the end of the article ({len} characters)",
            chars.start, chars.end
        ));
    }
    let covered = index.slice(text, chars.clone()).unwrap_or_default();
    let (lead, trail) = crate::text::whitespace_edges(covered);
    if lead == covered.chars().count() {
        return refuse("the selected span holds only whitespace");
    }
    let span = chars.start + lead..chars.end - trail;
    for edge in [span.start, span.end] {
        let byte = index.byte(edge).unwrap_or(text.len());
        if !is_grapheme_boundary(text, byte) {
            return refuse(format!(
                "offset {edge} cuts through a character (an accent or emoji sequence); widen the selection"
            ));
        }
    }
    Ok(span)
}

/// Builds a claim over `span` with its quote and context taken from the text.
fn claim_over(
    text: &str,
    index: &CharIndex,
    id: String,
    kind: ClaimKind,
    span: Range<usize>,
) -> Claim {
    let q =
        Quote::of(text, index, span.clone(), CONTEXT_CHARS).expect("span checked against the text");
    Claim {
        id,
        kind,
        start: span.start,
        end: span.end,
        quote: q.exact,
        prefix: q.prefix,
        suffix: q.suffix,
        reviews: BTreeMap::new(),
        final_verdict: None,
    }
}

/// Turns a selected character range into a claim of its own (leading and trailing whitespace
/// is left out). Returns the new claim's id.
pub fn add_claim(p: &mut Project, chars: Range<usize>, reviewer: &str) -> OpResult<String> {
    check_reviewer(reviewer)?;
    let text = &p.article.text;
    let index = CharIndex::new(text);
    let span = claim_span(text, &index, chars)?;
    if let Some(same) = p
        .claims
        .iter()
        .find(|c| c.start == span.start && c.end == span.end)
    {
        return refuse(format!(
            "claim {} already covers exactly this span",
            same.id
        ));
    }
    let id = ids::hand_claim_id(reviewer, span.start, span.end);
    let claim = claim_over(text, &index, id.clone(), ClaimKind::Selection, span);
    insert_sorted(p, claim);
    Ok(id)
}

fn insert_sorted(p: &mut Project, claim: Claim) {
    let key = (claim.start, claim.end, claim.id.clone());
    let at = p
        .claims
        .partition_point(|c| (c.start, c.end, c.id.as_str()) < (key.0, key.1, key.2.as_str()));
    p.claims.insert(at, claim);
}

/// Puts a removed claim back (undo of `delete_claim`).
pub fn restore_claim(p: &mut Project, claim: Claim) -> OpResult<()> {
    if p.claim(&claim.id).is_some() {
        return refuse(format!("claim {} exists already", claim.id));
    }
    insert_sorted(p, claim);
    Ok(())
}

fn statement_kind_of(c: &Claim) -> OpResult<ClaimKind> {
    if c.kind.is_statement() {
        Ok(c.kind)
    } else {
        refuse(format!(
            "claim {} is a selection, not a statement; only statements split and merge",
            c.id
        ))
    }
}

/// Splits a statement in two at character offset `at` (whitespace around the cut goes to
/// neither half). Both halves keep every review and final verdict the statement had, since
/// each reviewer's judgement covered both. Returns the two new ids.
pub fn split_statement(p: &mut Project, id: &str, at: usize) -> OpResult<(String, String)> {
    let pos = p
        .claim_index(id)
        .ok_or_else(|| OpError(format!("no claim with id '{id}'")))?;
    let old = &p.claims[pos];
    let kind = statement_kind_of(old)?;
    if at <= old.start || at >= old.end {
        return refuse(format!(
            "offset {at} is not inside statement {id} ({}..{})",
            old.start, old.end
        ));
    }
    let text = &p.article.text;
    let index = CharIndex::new(text);
    let left = claim_span(text, &index, old.start..at)
        .map_err(|e| OpError(format!("the first half would be empty: {e}")))?;
    let right = claim_span(text, &index, at..old.end)
        .map_err(|e| OpError(format!("the second half would be empty: {e}")))?;
    let mut halves = [left, right].map(|span| {
        let quote = index.slice(text, span.clone()).unwrap_or_default();
        let id = ids::statement_id(span.start, span.end, quote);
        claim_over(text, &index, id, kind, span)
    });
    for half in &mut halves {
        if p.claim(&half.id).is_some() {
            return refuse(format!("a statement {} exists already", half.id));
        }
        half.reviews = old.reviews.clone();
        half.final_verdict = old.final_verdict.clone();
    }
    let ids = (halves[0].id.clone(), halves[1].id.clone());
    p.claims.remove(pos);
    for half in halves {
        insert_sorted(p, half);
    }
    Ok(ids)
}

/// Merges a statement with the next statement in the article (for a sentence the splitter
/// cut wrongly). Reviews are combined per reviewer: notes joined, evidence pooled. Refused
/// when a reviewer, or the final verdicts, judged the two differently — that needs a person.
pub fn merge_with_next(p: &mut Project, id: &str, at: &str) -> OpResult<String> {
    let first_pos = p
        .claim_index(id)
        .ok_or_else(|| OpError(format!("no claim with id '{id}'")))?;
    let first = &p.claims[first_pos];
    let first_kind = statement_kind_of(first)?;
    let Some(second_pos) = next_statement_index(p, first_pos) else {
        return refuse(format!(
            "statement {id} is the last statement; nothing follows to merge with"
        ));
    };
    let second = &p.claims[second_pos];
    let final_verdict = match (&first.final_verdict, &second.final_verdict) {
        (Some(a), Some(b)) if a.verdict != b.verdict => {
            return refuse(format!(
                "the final verdicts differ ({} vs {}); settle them first",
                a.verdict, b.verdict
            ));
        }
        (a, b) => a.clone().or_else(|| b.clone()),
    };
    let mut reviews = first.reviews.clone();
    for (name, theirs) in &second.reviews {
        let Some(mine) = reviews.get_mut(name) else {
            reviews.insert(name.clone(), theirs.clone());
            continue;
        };
        if mine.verdict.is_reviewed()
            && theirs.verdict.is_reviewed()
            && mine.verdict != theirs.verdict
        {
            return refuse(format!(
                "{name} tagged the two statements differently ({} vs {}); make them alike first",
                mine.verdict, theirs.verdict
            ));
        }
        combine_reviews(mine, theirs, at);
    }
    let kind = if first_kind == ClaimKind::Heading && second.kind == ClaimKind::Heading {
        ClaimKind::Heading
    } else {
        ClaimKind::Statement
    };
    let span = first.start..second.end;
    let text = &p.article.text;
    let index = CharIndex::new(text);
    let quote = index.slice(text, span.clone()).unwrap_or_default();
    let merged_id = ids::statement_id(span.start, span.end, quote);
    let mut merged = claim_over(text, &index, merged_id.clone(), kind, span);
    merged.reviews = reviews;
    merged.final_verdict = final_verdict;
    p.claims.remove(second_pos);
    p.claims.remove(first_pos);
    insert_sorted(p, merged);
    Ok(merged_id)
}

fn next_statement_index(p: &Project, pos: usize) -> Option<usize> {
    let end = p.claims[pos].end;
    p.claims[pos + 1..]
        .iter()
        .position(|c| c.kind.is_statement() && c.start >= end)
        .map(|i| i + pos + 1)
}

/// The statement after claim `id` in the article: what `merge_with_next` would merge it with.
pub fn next_statement<'p>(p: &'p Project, id: &str) -> Option<&'p Claim> {
    let pos = p.claim_index(id)?;
    next_statement_index(p, pos).map(|i| &p.claims[i])
}

fn join_text(mine: &mut String, theirs: &str, sep: &str) {
    if theirs.is_empty() || mine == theirs {
        return;
    }
    if mine.is_empty() {
        *mine = theirs.to_string();
    } else {
        mine.push_str(sep);
        mine.push_str(theirs);
    }
}

fn combine_reviews(mine: &mut Review, theirs: &Review, at: &str) {
    if !mine.verdict.is_reviewed() {
        mine.verdict = theirs.verdict;
    }
    join_text(&mut mine.attributed_to, &theirs.attributed_to, "; ");
    join_text(&mut mine.note, &theirs.note, "\n");
    for e in &theirs.evidence {
        if !mine.evidence.contains(e) {
            mine.evidence.push(e.clone());
        }
    }
    mine.changed = at.to_string();
}

/// Removes a claim and returns it, so the caller can offer undo.
pub fn delete_claim(p: &mut Project, id: &str) -> OpResult<Claim> {
    match p.claim_index(id) {
        Some(pos) => Ok(p.claims.remove(pos)),
        None => refuse(format!("no claim with id '{id}'")),
    }
}
