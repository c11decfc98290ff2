//! Merging reviewers' files (issue 5): nothing anyone wrote is lost, the order of the files does
//! not matter, and merging a file with itself changes nothing — on generated projects where
//! several reviewers tag, annotate, add evidence, make claims by hand (some on the same span in
//! different files) and adjudicate. Then worked examples: same-span hand-made claims joined,
//! final verdicts and audit logs merged, claims re-anchored into an edited article, and a claim
//! whose text was deleted kept as an orphan that `claimdesk check` lists.
//!
//! Timestamps here are all `2026-03-01THH:MM:SSZ`, so comparing the strings compares the times.

use claimdesk::adjudication::adjudicate;
use claimdesk::anchor::{self, Anchored};
use claimdesk::article::{ArticleInfo, new_project};
use claimdesk::merge::{self, MergeOutcome, SameSpan};
use claimdesk::model::{
    Adjudication, AuditEntry, Claim, ClaimKind, Evidence, Project, Review, Verdict,
};
use claimdesk::{ops, store};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::process::Command;

const REVIEWERS: [&str; 3] = ["Ana", "Ben", "Chloé"];
const EDITORS: [&str; 2] = ["Editor", "Ana"];
const URLS: [&str; 3] = [
    "https://example.org/nato-statement",
    "https://example.org/general-staff",
    "https://example.org/reuters",
];
/// Spans several reviewers are likely to select by hand ("31-member" and "Jens Stoltenberg"
/// occur twice in the article; the first occurrence is used).
const PHRASES: [&str; 4] = [
    "Jens Stoltenberg",
    "surprise visit to Kyiv",
    "31-member NATO",
    "four regions of Ukraine",
];

fn article_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/nato-chief-kyiv.txt"
    );
    let mut text = std::fs::read_to_string(path).expect("the seed article");
    text.push_str("\nCafé owners 👍🏽 said prices rose e\u{301}normously. Gen. Smith denied it.\n");
    text
}

fn project_over(text: String) -> Project {
    new_project(
        ArticleInfo {
            title: "NATO chief in Kyiv".into(),
            published: "2023-04-20".into(),
            ..ArticleInfo::default()
        },
        text,
    )
}

fn base_project() -> Project {
    project_over(article_text())
}

/// Character range of the first occurrence of `what` in `text`.
fn chars_of(text: &str, what: &str) -> Range<usize> {
    let b = text
        .find(what)
        .unwrap_or_else(|| panic!("{what:?} not in text"));
    let s = text[..b].chars().count();
    s..s + what.chars().count()
}

fn at(second: u32) -> String {
    format!(
        "2026-03-01T{:02}:{:02}:{:02}Z",
        second / 3600,
        (second / 60) % 60,
        second % 60
    )
}

// ---------------------------------------------------------------------------------------------
// Generated review work
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Span {
    Phrase(usize),
    Any(usize, usize),
}

#[derive(Debug, Clone)]
enum Edit {
    /// claim, reviewer, verdict
    Verdict(usize, usize, usize),
    Attributed(usize, usize, String),
    Note(usize, usize, String),
    /// claim, reviewer, url, excerpt
    AddEvidence(usize, usize, usize, String),
    RemoveEvidence(usize, usize, usize),
    /// A claim made by hand by a reviewer, who also tags it.
    HandClaim(Span, usize, usize),
    /// claim, editor, verdict (0 clears the final verdict)
    Adjudicate(usize, usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    // Mostly the first claims of the article, so files touch the same claims often.
    let c = || 0usize..12;
    let r = || 0usize..REVIEWERS.len();
    let span = prop_oneof![
        (0usize..PHRASES.len()).prop_map(Span::Phrase),
        (0usize..2700, 1usize..60).prop_map(|(s, l)| Span::Any(s, l)),
    ];
    prop_oneof![
        4 => (c(), r(), 0usize..4).prop_map(|(c, r, v)| Edit::Verdict(c, r, v)),
        1 => (c(), r(), "[A-Za-z’ ]{0,10}").prop_map(|(c, r, s)| Edit::Attributed(c, r, s)),
        2 => (c(), r(), "[a-zé ’\n]{0,12}").prop_map(|(c, r, s)| Edit::Note(c, r, s)),
        2 => (c(), r(), 0usize..URLS.len(), "[a-z]{0,4}")
            .prop_map(|(c, r, u, s)| Edit::AddEvidence(c, r, u, s)),
        1 => (c(), r(), 0usize..3).prop_map(|(c, r, i)| Edit::RemoveEvidence(c, r, i)),
        2 => (span, r(), 0usize..4).prop_map(|(s, r, v)| Edit::HandClaim(s, r, v)),
        2 => (c(), 0usize..EDITORS.len(), 0usize..4).prop_map(|(c, e, v)| Edit::Adjudicate(c, e, v)),
    ]
}

fn claim_id(p: &Project, c: usize) -> String {
    p.claims[c % p.claims.len()].id.clone()
}

/// Applies an edit the way the app or the command line would; refused edits change nothing.
fn apply(p: &mut Project, e: &Edit, when: &str) {
    let _ = match e {
        Edit::Verdict(c, r, v) => {
            let id = claim_id(p, *c);
            ops::set_verdict(p, &id, REVIEWERS[*r], Verdict::ALL[*v], when).map(drop)
        }
        Edit::Attributed(c, r, s) => {
            let id = claim_id(p, *c);
            ops::set_attributed_to(p, &id, REVIEWERS[*r], s, when)
        }
        Edit::Note(c, r, s) => {
            let id = claim_id(p, *c);
            ops::set_note(p, &id, REVIEWERS[*r], s, when)
        }
        Edit::AddEvidence(c, r, u, s) => {
            let id = claim_id(p, *c);
            let ev = Evidence {
                url: URLS[*u].into(),
                title: "Source".into(),
                excerpt: s.clone(),
                accessed: "2026-03-01".into(),
            };
            ops::add_evidence(p, &id, REVIEWERS[*r], ev, when).map(drop)
        }
        Edit::RemoveEvidence(c, r, i) => {
            let id = claim_id(p, *c);
            ops::remove_evidence(p, &id, REVIEWERS[*r], *i, when).map(drop)
        }
        Edit::HandClaim(span, r, v) => {
            let chars = match span {
                Span::Phrase(i) => chars_of(&p.article.text, PHRASES[*i]),
                Span::Any(s, l) => *s..*s + *l,
            };
            ops::add_claim(p, chars, REVIEWERS[*r]).and_then(|new| {
                ops::set_verdict(p, &new, REVIEWERS[*r], Verdict::ALL[*v], when).map(drop)
            })
        }
        Edit::Adjudicate(c, e, v) => {
            let id = claim_id(p, *c);
            let verdict = (*v > 0).then(|| Verdict::ALL[*v]);
            adjudicate(p, &id, EDITORS[*e], verdict, when)
        }
    };
}

/// Reviewers' copies of one project: `shared` edits made before the file was handed out, then
/// each step on one file. The clock only goes forward (a step may share the previous second),
/// so each file's audit log is in time order, as real files are.
#[derive(Debug, Clone)]
struct Scenario {
    files: usize,
    shared: Vec<(bool, Edit)>,
    steps: Vec<(usize, bool, Edit)>,
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        2usize..=3,
        prop::collection::vec((any::<bool>(), edit()), 0..8),
        prop::collection::vec((0usize..3, any::<bool>(), edit()), 0..40),
    )
        .prop_map(|(files, shared, steps)| Scenario {
            files,
            shared,
            steps: steps
                .into_iter()
                .map(|(f, tick, e)| (f % files, tick, e))
                .collect(),
        })
}

/// The common ancestor and each reviewer's copy.
fn build(s: &Scenario) -> (Project, Vec<Project>) {
    let mut clock = 0u32;
    let mut base = base_project();
    for (tick, e) in &s.shared {
        clock += u32::from(*tick);
        apply(&mut base, e, &at(clock));
    }
    let mut files = vec![base.clone(); s.files];
    for (f, tick, e) in &s.steps {
        clock += u32::from(*tick);
        apply(&mut files[*f], e, &at(clock));
    }
    for p in &files {
        store::validate(p).expect("generated files are valid");
    }
    (base, files)
}

// ---------------------------------------------------------------------------------------------
// What the properties compare
// ---------------------------------------------------------------------------------------------

type AuditKey = (String, String, String, Verdict, Verdict, bool);

fn audit_key(e: &AuditEntry) -> AuditKey {
    (
        e.at.clone(),
        e.reviewer.clone(),
        e.claim.clone(),
        e.from,
        e.to,
        e.adjudication,
    )
}

fn audit_counts(entries: &[AuditEntry]) -> HashMap<AuditKey, usize> {
    let mut out = HashMap::new();
    for e in entries {
        *out.entry(audit_key(e)).or_insert(0) += 1;
    }
    out
}

/// A project's content where order carries no meaning: reviewers and audit entries as
/// (multi)sets; claims are in article order already (by start, end, id).
#[derive(Debug, PartialEq)]
struct Canon {
    article: claimdesk::model::Article,
    reviewers: BTreeSet<String>,
    claims: Vec<Claim>,
    orphans: Vec<Claim>,
    audit: Vec<AuditKey>,
}

fn canon(p: &Project) -> Canon {
    let mut audit: Vec<AuditKey> = p.audit.iter().map(audit_key).collect();
    audit.sort();
    let mut orphans = p.orphans.clone();
    orphans.sort_by(|a, b| a.id.cmp(&b.id));
    Canon {
        article: p.article.clone(),
        reviewers: p.reviewers.iter().cloned().collect(),
        claims: p.claims.clone(),
        orphans,
        audit,
    }
}

/// The merged claim an input claim went into: itself, or the claim it was joined with.
fn merged_id<'a>(out: &'a MergeOutcome, id: &'a str) -> &'a str {
    out.report
        .same_span
        .iter()
        .find(|s| s.merged == id)
        .map_or(id, |s| s.kept.as_str())
}

/// Versions of one reviewer's review (or of one claim's final verdict) the merge had to settle.
type Versions<'a, T> = HashMap<(String, String), Vec<&'a T>>;

/// Every claim of every input is in the output on the same span; every review version given is
/// the output's review, or an earlier one whose content the output keeps (note, attributed-to,
/// evidence), whose verdict change is in the audit log and which the report lists as
/// superseded; the same for final verdicts; every input audit entry and reviewer is kept.
///
/// `reviews` and `finals` hold the versions to account for, keyed by (input claim id, reviewer
/// or ""): for a plain merge everything in every file, for a three-way merge what a side
/// changed since the common ancestor.
fn check_nothing_lost(
    inputs: &[&Project],
    reviews: &Versions<Review>,
    finals: &Versions<Adjudication>,
    out: &MergeOutcome,
) -> Result<(), TestCaseError> {
    let p = &out.project;
    let report = &out.report;
    store::validate(p).map_err(|e| TestCaseError::fail(format!("invalid result: {e:?}")))?;

    for input in inputs {
        for c in &input.claims {
            let id = merged_id(out, &c.id);
            let Some(oc) = p.claim(id) else {
                return Err(TestCaseError::fail(format!("claim {} ({id}) lost", c.id)));
            };
            // Same article text: the claim stays on its span.
            prop_assert_eq!((oc.start, oc.end, &oc.quote), (c.start, c.end, &c.quote));
            prop_assert_eq!(oc.kind.is_statement(), c.kind.is_statement());
        }
        for name in &input.reviewers {
            prop_assert!(p.reviewers.contains(name), "reviewer {} lost", name);
        }
        let have = audit_counts(&p.audit);
        for (k, n) in audit_counts(&input.audit) {
            prop_assert!(
                have.get(&k).copied().unwrap_or(0) >= n,
                "audit entry {:?} lost",
                k
            );
        }
    }

    // Versions grouped by the claim they ended up in.
    let mut by_claim: Versions<Review> = HashMap::new();
    for ((claim, name), vs) in reviews {
        by_claim
            .entry((merged_id(out, claim).to_string(), name.clone()))
            .or_default()
            .extend(vs.iter().copied());
    }
    for ((id, name), vs) in &by_claim {
        let oc = p.claim(id).expect("checked above");
        let Some(or) = oc.reviews.get(name) else {
            return Err(TestCaseError::fail(format!("{name}'s review of {id} lost")));
        };
        let latest = vs.iter().map(|v| v.changed.as_str()).max().unwrap();
        prop_assert_eq!(or.changed.as_str(), latest, "the later version wins");
        // The version that won: the output is it plus what earlier versions held.
        let winners: Vec<&Review> = vs
            .iter()
            .copied()
            .filter(|v| {
                v.changed == or.changed
                    && v.verdict == or.verdict
                    && v.attributed_to == or.attributed_to
                    && or.note.starts_with(&v.note)
                    && or.evidence.starts_with(&v.evidence)
            })
            .collect();
        prop_assert!(
            !winners.is_empty(),
            "{}'s review of {} is no version given",
            name,
            id
        );
        for v in vs {
            if *v == or {
                continue;
            }
            prop_assert!(
                or.note.contains(&v.note),
                "note {:?} lost from {}'s review of {}",
                v.note,
                name,
                id
            );
            prop_assert!(
                v.attributed_to.is_empty()
                    || v.attributed_to == or.attributed_to
                    || or
                        .note
                        .contains(&format!("attributed to: {}", v.attributed_to)),
                "attributed-to {:?} lost",
                v.attributed_to
            );
            for e in &v.evidence {
                // Kept as it was, unless the winning version has its own entry for that source.
                let replaced = winners
                    .iter()
                    .any(|w| !std::ptr::eq(*w, *v) && w.evidence.iter().any(|x| x.url == e.url));
                prop_assert!(
                    or.evidence.contains(e) || replaced,
                    "evidence {:?} lost from {}'s review of {}: {:?}",
                    e,
                    name,
                    id,
                    or.evidence
                );
            }
            if v.verdict != or.verdict {
                prop_assert!(
                    p.audit.iter().any(|a| a.claim == *id
                        && a.reviewer == *name
                        && (a.from, a.to) == (v.verdict, or.verdict)
                        && a.at == or.changed
                        && !a.adjudication),
                    "the earlier verdict {} of {} on {} is not in the audit log",
                    v.verdict,
                    name,
                    id
                );
            }
            if !winners.iter().any(|w| std::ptr::eq(*w, *v)) {
                prop_assert!(
                    report.superseded.iter().any(|s| s.claim == *id
                        && s.reviewer == *name
                        && s.kept == or.changed
                        && s.superseded == v.changed
                        && !s.adjudication),
                    "the report does not list {}'s earlier review of {} ({})",
                    name,
                    id,
                    v.changed
                );
            }
        }
    }

    let mut by_claim: Versions<Adjudication> = HashMap::new();
    for ((claim, _), vs) in finals {
        by_claim
            .entry((merged_id(out, claim).to_string(), String::new()))
            .or_default()
            .extend(vs.iter().copied());
    }
    for ((id, _), vs) in &by_claim {
        let oc = p.claim(id).expect("checked above");
        let Some(of) = &oc.final_verdict else {
            return Err(TestCaseError::fail(format!("final verdict of {id} lost")));
        };
        let latest = vs.iter().map(|v| v.at.as_str()).max().unwrap();
        prop_assert_eq!(of.at.as_str(), latest, "the later decision wins");
        prop_assert!(vs.contains(&of), "the final verdict is no version given");
        for f in vs.iter().filter(|f| **f != of) {
            if f.verdict != of.verdict {
                prop_assert!(
                    p.audit.iter().any(|a| a.claim == *id
                        && a.reviewer == of.by
                        && (a.from, a.to) == (f.verdict, of.verdict)
                        && a.at == of.at
                        && a.adjudication),
                    "the earlier final verdict on {} is not in the audit log",
                    id
                );
            }
            prop_assert!(
                report.superseded.iter().any(|s| s.claim == *id
                    && s.reviewer == f.by
                    && s.kept == of.at
                    && s.superseded == f.at
                    && s.adjudication),
                "the report does not list the earlier final verdict on {}",
                id
            );
        }
    }
    Ok(())
}

/// Every review and final verdict in the files.
fn all_versions<'a>(files: &[&'a Project]) -> (Versions<'a, Review>, Versions<'a, Adjudication>) {
    let mut reviews: Versions<'a, Review> = HashMap::new();
    let mut finals: Versions<'a, Adjudication> = HashMap::new();
    for p in files {
        for c in &p.claims {
            for (name, r) in &c.reviews {
                reviews
                    .entry((c.id.clone(), name.clone()))
                    .or_default()
                    .push(r);
            }
            if let Some(f) = &c.final_verdict {
                finals
                    .entry((c.id.clone(), String::new()))
                    .or_default()
                    .push(f);
            }
        }
    }
    (reviews, finals)
}

/// What the sides of a three-way merge changed: versions that differ from the ancestor's.
fn changed_versions<'a>(
    base: &Project,
    sides: &[&'a Project],
) -> (Versions<'a, Review>, Versions<'a, Adjudication>) {
    let (mut reviews, mut finals) = all_versions(sides);
    reviews.retain(|(claim, name), vs| {
        let before = base.claim(claim).and_then(|c| c.reviews.get(name));
        vs.retain(|v| Some(*v) != before);
        !vs.is_empty()
    });
    finals.retain(|(claim, _), vs| {
        let before = base.claim(claim).and_then(|c| c.final_verdict.as_ref());
        vs.retain(|v| Some(*v) != before);
        !vs.is_empty()
    });
    (reviews, finals)
}

proptest! {
    // PROPTEST_CASES=5000 for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(128),
        ..ProptestConfig::default()
    })]

    /// (a) No review, note, evidence, final verdict, audit entry or claim is lost; one reviewer's
    /// review edited in two files: the later wins, the earlier is kept in it and in the audit log.
    #[test]
    fn merge_loses_nothing(s in scenario()) {
        let (_, files) = build(&s);
        let refs: Vec<&Project> = files.iter().collect();
        let out = merge::merge_refs(&refs).expect("merge");
        let (reviews, finals) = all_versions(&refs);
        check_nothing_lost(&refs, &reviews, &finals, &out)?;
        // No claim appears twice: claims count = distinct merged ids.
        let ids: BTreeSet<&str> = files
            .iter()
            .flat_map(|p| p.claims.iter().map(|c| merged_id(&out, &c.id)))
            .collect();
        prop_assert_eq!(out.project.claims.len(), ids.len());
        prop_assert!(out.project.orphans.is_empty());
        // The result survives a save and load unchanged.
        let again = store::load_str(&store::to_ron_string(&out.project), "merged.ron").unwrap();
        prop_assert_eq!(&again, &out.project);
        // Merging the result with any of the files again adds nothing.
        for f in &files {
            let twice = merge::merge_refs(&[&out.project, f]).expect("merge again");
            prop_assert_eq!(&twice.project, &out.project);
        }
    }

    /// (b) merge(A, B) and merge(B, A) hold the same content (reviewer order and the order of
    /// audit entries of the same second aside).
    #[test]
    fn merge_does_not_depend_on_file_order(s in scenario()) {
        let (_, files) = build(&s);
        let forward: Vec<&Project> = files.iter().collect();
        let backward: Vec<&Project> = files.iter().rev().collect();
        let a = merge::merge_refs(&forward).expect("merge");
        let b = merge::merge_refs(&backward).expect("merge");
        prop_assert_eq!(canon(&a.project), canon(&b.project));
        let mut ja: Vec<(String, String)> = a.report.same_span.iter().map(|s| (s.kept.clone(), s.merged.clone())).collect();
        let mut jb: Vec<(String, String)> = b.report.same_span.iter().map(|s| (s.kept.clone(), s.merged.clone())).collect();
        ja.sort();
        jb.sort();
        prop_assert_eq!(ja, jb);
        prop_assert_eq!(a.report.superseded.len(), b.report.superseded.len());
        // Both orders keep time order in the audit log.
        prop_assert!(a.project.audit.is_sorted_by_key(|e| e.at.clone()));
        prop_assert!(b.project.audit.is_sorted_by_key(|e| e.at.clone()));
    }

    /// (c) merge(A, A) == A, and the report says nothing changed.
    #[test]
    fn merging_a_file_with_itself_changes_nothing(s in scenario()) {
        let (_, files) = build(&s);
        for f in &files {
            let out = merge::merge_refs(&[f, f]).expect("merge");
            prop_assert_eq!(&out.project, f);
            let r = &out.report;
            prop_assert_eq!(
                (r.claims_added, r.reviews_added, r.reviews_updated, r.final_verdicts_changed, r.audit_added),
                (0, 0, 0, 0, 0)
            );
            prop_assert!(r.superseded.is_empty() && r.same_span.is_empty() && r.demoted.is_empty());
            prop_assert_eq!(r.claims, f.claims.len());
        }
    }

    /// The three-way merge git uses: a change on one side only is taken as it is; changes on
    /// both sides lose nothing either side wrote.
    #[test]
    fn three_way_merge_keeps_both_sides_work(s in scenario()) {
        let (base, files) = build(&s);
        let (a, b) = (&files[0], &files[1]);
        prop_assert_eq!(&merge::merge3(&base, a, &base).expect("merge3").project, a);
        prop_assert_eq!(&merge::merge3(&base, &base, a).expect("merge3").project, a);
        prop_assert_eq!(&merge::merge3(&base, a, a).expect("merge3").project, a);
        let out = merge::merge3(&base, a, b).expect("merge3");
        let (reviews, finals) = changed_versions(&base, &[a, b]);
        check_nothing_lost(&[a, b], &reviews, &finals, &out)?;
        prop_assert!(out.report.deleted.is_empty(), "nothing was deleted: {:?}", out.report.deleted);
        // A review one side removed (its verdict set back to unreviewed, nothing else in it)
        // and the other left as it was is removed.
        for c in &base.claims {
            for (name, r) in &c.reviews {
                let on = |p: &Project| p.claim(merged_id(&out, &c.id)).and_then(|x| x.reviews.get(name)).cloned();
                let got = on(&out.project);
                match (on(a), on(b)) {
                    (None, Some(t)) | (Some(t), None) if t == *r => {
                        prop_assert!(got.is_none(), "{}'s review of {} came back", name, c.id)
                    }
                    (None, None) => prop_assert!(got.is_none()),
                    _ => prop_assert!(got.is_some(), "{}'s review of {} lost", name, c.id),
                }
            }
        }
    }
}

/// The properties above mean something only if the generated files hold the hard cases: claims
/// made by hand on the same span in different files, one reviewer's review edited in two files
/// (with different verdicts), and conflicting final verdicts.
#[test]
fn generated_files_hold_the_hard_cases() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut joined, mut superseded, mut verdict_changes, mut finals) = (0, 0, 0, 0);
    for _ in 0..300 {
        let s = scenario().new_tree(&mut runner).unwrap().current();
        let (_, files) = build(&s);
        let out = merge::merge(&files).unwrap();
        let r = &out.report;
        joined += usize::from(!r.same_span.is_empty());
        superseded += usize::from(r.superseded.iter().any(|s| !s.adjudication));
        finals += usize::from(r.superseded.iter().any(|s| s.adjudication));
        // Entries no file had: earlier verdicts the merge recorded.
        let given: BTreeSet<AuditKey> = files
            .iter()
            .flat_map(|f| f.audit.iter().map(audit_key))
            .collect();
        verdict_changes += usize::from(
            out.project
                .audit
                .iter()
                .any(|e| !given.contains(&audit_key(e))),
        );
    }
    // (Deterministic: 35, 190, 89 and 34 of 300 when written.)
    assert!(joined >= 20, "same-span claims in {joined} of 300");
    assert!(
        superseded >= 100,
        "superseded reviews in {superseded} of 300"
    );
    assert!(
        verdict_changes >= 45,
        "merge audit entries in {verdict_changes} of 300"
    );
    assert!(
        finals >= 20,
        "conflicting final verdicts in {finals} of 300"
    );
}

// ---------------------------------------------------------------------------------------------
// Worked examples
// ---------------------------------------------------------------------------------------------

const T1: &str = "2026-03-01T09:00:00Z";
const T2: &str = "2026-03-01T10:00:00Z";
const T3: &str = "2026-03-01T11:00:00Z";

#[test]
fn hand_made_claims_on_the_same_span_by_two_reviewers_become_one_claim() {
    let base = base_project();
    let text = base.article.text.clone();
    let span = chars_of(&text, "surprise visit to Kyiv");

    let mut a = base.clone();
    let ida = ops::add_claim(&mut a, span.clone(), "Ana").unwrap();
    ops::set_verdict(&mut a, &ida, "Ana", Verdict::Verified, T1).unwrap();
    ops::set_note(&mut a, &ida, "Ana", "NATO's own press release.", T1).unwrap();
    // Ana also selected a span Ben did not.
    let other = ops::add_claim(&mut a, chars_of(&text, "four regions of Ukraine"), "Ana").unwrap();
    ops::set_verdict(&mut a, &other, "Ana", Verdict::AttributedOnly, T1).unwrap();

    let mut b = base.clone();
    let idb = ops::add_claim(&mut b, span.clone(), "Ben").unwrap();
    ops::set_verdict(&mut b, &idb, "Ben", Verdict::Disputed, T2).unwrap();
    let ev = Evidence {
        url: URLS[2].into(),
        title: "Reuters".into(),
        ..Evidence::default()
    };
    ops::add_evidence(&mut b, &idb, "Ben", ev.clone(), T2).unwrap();
    assert_ne!(
        ida, idb,
        "hand-made claims get ids no other reviewer produces"
    );

    let out = merge::merge(&[a.clone(), b.clone()]).unwrap();
    let p = &out.project;
    let on_span: Vec<&Claim> = p
        .claims
        .iter()
        .filter(|c| c.start == span.start && c.end == span.end)
        .collect();
    assert_eq!(on_span.len(), 1, "one claim on the shared span");
    let c = on_span[0];
    let (kept, joined) = if ida < idb {
        (&ida, &idb)
    } else {
        (&idb, &ida)
    };
    assert_eq!(&c.id, kept, "the smallest id is kept");
    assert_eq!(c.kind, ClaimKind::Selection);
    assert_eq!(c.quote, "surprise visit to Kyiv");
    assert_eq!(
        c.reviews.get("Ana"),
        a.claim(&ida).unwrap().reviews.get("Ana")
    );
    assert_eq!(
        c.reviews.get("Ben"),
        b.claim(&idb).unwrap().reviews.get("Ben")
    );
    assert_eq!(c.reviews["Ben"].evidence, vec![ev]);
    assert!(c.is_disagreement());
    assert_eq!(
        out.report.same_span,
        vec![SameSpan {
            kept: kept.clone(),
            merged: joined.clone()
        }]
    );
    // The claim on a span only Ana chose stays, and is not joined with anything.
    assert!(p.claim(&other).is_some());
    assert_eq!(p.claims.len(), base.claims.len() + 2);
    assert_eq!(p.reviewers, ["Ana", "Ben"]);
    // Ana's and Ben's audit entries carry their own ids; both are kept.
    assert!(
        p.audit
            .iter()
            .any(|e| e.claim == ida && e.reviewer == "Ana")
    );
    assert!(
        p.audit
            .iter()
            .any(|e| e.claim == idb && e.reviewer == "Ben")
    );

    // The other order gives the same claim; merging the result with Ben's file again adds nothing.
    let back = merge::merge(&[b.clone(), a]).unwrap();
    assert_eq!(back.project.claims, p.claims);
    let again = merge::merge(&[p.clone(), b]).unwrap();
    assert_eq!(&again.project, p);
}

#[test]
fn final_verdicts_and_audit_logs_are_merged() {
    let mut base = base_project();
    let x = base.claims[4].id.clone();
    let y = base.claims[6].id.clone();
    // Shared history: Ana and Ben disagree on x before the file is copied.
    ops::set_verdict(&mut base, &x, "Ana", Verdict::Verified, T1).unwrap();
    ops::set_verdict(&mut base, &x, "Ben", Verdict::Disputed, T1).unwrap();
    ops::set_verdict(&mut base, &y, "Ana", Verdict::Verified, T1).unwrap();
    ops::set_verdict(&mut base, &y, "Ben", Verdict::AttributedOnly, T1).unwrap();

    let mut a = base.clone();
    adjudicate(&mut a, &x, "Editor", Some(Verdict::Verified), T2).unwrap();
    let mut b = base.clone();
    adjudicate(&mut b, &x, "Desk", Some(Verdict::Disputed), T3).unwrap();
    adjudicate(&mut b, &y, "Desk", Some(Verdict::AttributedOnly), T2).unwrap();

    for files in [[a.clone(), b.clone()], [b.clone(), a.clone()]] {
        let out = merge::merge(&files).unwrap();
        let p = &out.project;
        // The later decision on x wins; y's decision (only in b) is kept.
        let fx = p.claim(&x).unwrap().final_verdict.clone().unwrap();
        assert_eq!(
            (fx.verdict, fx.by.as_str(), fx.at.as_str()),
            (Verdict::Disputed, "Desk", T3)
        );
        let fy = p.claim(&y).unwrap().final_verdict.clone().unwrap();
        assert_eq!(
            (fy.verdict, fy.by.as_str()),
            (Verdict::AttributedOnly, "Desk")
        );
        assert_eq!(p.claims.iter().filter(|c| c.is_disagreement()).count(), 0);

        // Audit: the shared history once, both files' adjudications, and the earlier
        // decision on x recorded as overruled by the later one.
        let counts = audit_counts(&p.audit);
        for e in &base.audit {
            assert_eq!(counts[&audit_key(e)], 1, "{e:?} once");
        }
        let has = |at: &str, who: &str, claim: &str, from: Verdict, to: Verdict| {
            p.audit.iter().any(|e| {
                e.adjudication
                    && (
                        e.at.as_str(),
                        e.reviewer.as_str(),
                        e.claim.as_str(),
                        e.from,
                        e.to,
                    ) == (at, who, claim, from, to)
            })
        };
        assert!(has(
            T2,
            "Editor",
            &x,
            Verdict::Unreviewed,
            Verdict::Verified
        ));
        assert!(has(T3, "Desk", &x, Verdict::Unreviewed, Verdict::Disputed));
        assert!(has(
            T2,
            "Desk",
            &y,
            Verdict::Unreviewed,
            Verdict::AttributedOnly
        ));
        assert!(has(T3, "Desk", &x, Verdict::Verified, Verdict::Disputed));
        assert_eq!(p.audit.len(), base.audit.len() + 4);
        assert!(p.audit.is_sorted_by_key(|e| e.at.clone()));
        assert!(out.report.superseded.iter().any(|s| s.adjudication
            && s.claim == x
            && s.reviewer == "Editor"
            && s.superseded == T2
            && s.kept == T3));
        let again = store::load_str(&store::to_ron_string(p), "merged.ron").unwrap();
        assert_eq!(&again, p);
    }
    // Compared with a: x's final verdict changed and y's is new.
    let out = merge::merge(&[a, b]).unwrap();
    assert_eq!(out.report.final_verdicts_changed, 2);
    assert_eq!(out.report.audit_added, 3);
}

#[test]
fn one_reviewers_review_edited_in_two_files_the_later_wins_and_the_earlier_is_kept() {
    let mut base = base_project();
    let x = base.claims[2].id.clone();
    ops::set_verdict(&mut base, &x, "Ana", Verdict::AttributedOnly, T1).unwrap();
    let mut a = base.clone();
    ops::set_note(&mut a, &x, "Ana", "Only the outlet says so.", T2).unwrap();
    ops::add_evidence(
        &mut a,
        &x,
        "Ana",
        Evidence {
            url: URLS[0].into(),
            ..Evidence::default()
        },
        T2,
    )
    .unwrap();
    let mut b = base.clone();
    ops::set_verdict(&mut b, &x, "Ana", Verdict::Verified, T3).unwrap();
    ops::set_attributed_to(&mut b, &x, "Ana", "media reports", T3).unwrap();

    let out = merge::merge(&[a.clone(), b.clone()]).unwrap();
    let r = &out.project.claim(&x).unwrap().reviews["Ana"];
    assert_eq!(r.verdict, Verdict::Verified, "the later version wins");
    assert_eq!(r.changed, T3);
    assert_eq!(r.attributed_to, "media reports");
    assert!(r.note.contains("Only the outlet says so."), "{}", r.note);
    assert_eq!(r.evidence.len(), 1);
    assert!(out.project.audit.iter().any(|e| e.claim == x
        && e.reviewer == "Ana"
        && (e.from, e.to) == (Verdict::AttributedOnly, Verdict::Verified)));
    assert_eq!(out.report.superseded.len(), 1);
    assert_eq!(out.report.reviews_updated, 1);
    assert_eq!(
        merge::merge(&[b, a]).unwrap().project.claims,
        out.project.claims
    );
}

/// The statement ids of the old text are gone from a project on the new text, so claims of a
/// file on the old text come in only by re-anchoring.
fn assert_reanchored(old: &str, new: &str, typo_quote: Option<(&str, &str)>) {
    let mut ben = project_over(old.to_string());
    // Ben reviews on the old text: two statements and a hand-made selection.
    let s_first = ben.claims[0].id.clone();
    let s_later = ben.claims[4].id.clone();
    let later_quote = ben.claims[4].quote.clone();
    ops::set_verdict(&mut ben, &s_first, "Ben", Verdict::Verified, T1).unwrap();
    ops::set_note(&mut ben, &s_first, "Ben", "Seen on NATO's site.", T1).unwrap();
    ops::set_verdict(&mut ben, &s_later, "Ben", Verdict::Disputed, T1).unwrap();
    let sel_text = typo_quote.map_or("surprise visit to Kyiv", |(old, _)| old);
    let sel = ops::add_claim(&mut ben, chars_of(old, sel_text), "Ben").unwrap();
    ops::set_verdict(&mut ben, &sel, "Ben", Verdict::AttributedOnly, T1).unwrap();

    // Ana works on the new text.
    let mut ana = project_over(new.to_string());
    let a_later = ana
        .claims
        .iter()
        .find(|c| c.quote == later_quote)
        .unwrap()
        .id
        .clone();
    ops::set_verdict(&mut ana, &a_later, "Ana", Verdict::Verified, T2).unwrap();

    // The anchorer itself: exact where the quote is unchanged, fuzzy where the typo was fixed.
    let index = claimdesk::text::CharIndex::new(new);
    let mut anchorer = anchor::Anchorer::new(Some(old), new, &index);
    let first = anchorer.anchor(ben.claim(&s_first).unwrap());
    let later = anchorer.anchor(ben.claim(&s_later).unwrap());
    assert_eq!(later, Anchored::Exact(chars_of(new, &later_quote)));
    let sel_place = anchor::reanchor(ben.claim(&sel).unwrap(), old, new);
    let new_sel = typo_quote.map_or("surprise visit to Kyiv", |(_, new)| new);
    match typo_quote {
        Some(_) => {
            assert!(matches!(first, Anchored::Fuzzy(..)), "{first:?}");
            match &sel_place {
                Anchored::Fuzzy(r, score) => {
                    assert_eq!(*r, chars_of(new, new_sel));
                    assert!(*score >= anchor::MIN_SCORE && *score < 1.0, "{score}");
                }
                other => panic!("the selection with the typo: {other:?}"),
            }
        }
        None => {
            assert!(matches!(first, Anchored::Exact(_)), "{first:?}");
            assert_eq!(sel_place, Anchored::Exact(chars_of(new, new_sel)));
        }
    }

    let out = merge::merge(&[ana.clone(), ben.clone()]).unwrap();
    let p = &out.project;
    assert!(p.orphans.is_empty(), "{:?}", p.orphans);
    assert_eq!(p.article.text, new, "the first file's text is kept");
    // Ben's statements land on Ana's statements over the same text.
    let first_span = first.range().unwrap();
    let ana_first = ana
        .claims
        .iter()
        .find(|c| (c.start..c.end) == first_span)
        .unwrap()
        .id
        .clone();
    let first = p.claim(&ana_first).unwrap();
    assert_eq!(first.reviews["Ben"].verdict, Verdict::Verified);
    assert_eq!(first.reviews["Ben"].note, "Seen on NATO's site.");
    let later = p.claim(&a_later).unwrap();
    assert_eq!(later.reviews["Ben"].verdict, Verdict::Disputed);
    assert_eq!(later.reviews["Ana"].verdict, Verdict::Verified);
    assert!(later.is_disagreement());
    // Ben's selection keeps its id, moves onto the new text and takes its words.
    let s = p.claim(&sel).unwrap();
    assert_eq!(
        (s.start..s.end, s.quote.as_str()),
        (chars_of(new, new_sel), new_sel)
    );
    assert_eq!(s.kind, ClaimKind::Selection);
    assert_eq!(s.reviews["Ben"].verdict, Verdict::AttributedOnly);
    assert_eq!(p.claims.len(), ana.claims.len() + 1);
    // The report says what was re-anchored, and which placements were approximate.
    let r = &out.report;
    assert!(r.orphaned.is_empty());
    assert!(r.re_anchored >= 3, "{r:?}");
    let fuzzy: BTreeSet<&str> = r.fuzzy.iter().map(|f| f.claim.as_str()).collect();
    match typo_quote {
        Some(_) => {
            // Both placements that changed the words a verdict rests on are worth a look,
            // including the statement that joined Ana's statement on the same span.
            assert!(fuzzy.contains(sel.as_str()), "{r:?}");
            assert!(fuzzy.contains(ana_first.as_str()), "{r:?}");
            assert!(r.fuzzy.iter().all(|f| f.file == 1));
        }
        None => assert!(fuzzy.is_empty(), "{r:?}"),
    }
    // Every review Ben gave is in the result.
    let given: usize = ben.claims.iter().map(|c| c.reviews.len()).sum();
    let from_ben: usize = p
        .claims
        .iter()
        .filter(|c| c.reviews.contains_key("Ben"))
        .count();
    assert_eq!(from_ben, given);
}

#[test]
fn a_fixed_typo_re_anchors_claims_exactly_then_fuzzily() {
    let new = article_text();
    let old = new.replacen("surprise visit", "suprise visit", 1);
    assert_ne!(old, new);
    assert_reanchored(
        &old,
        &new,
        Some(("suprise visit to Kyiv", "surprise visit to Kyiv")),
    );
}

#[test]
fn a_longer_reloaded_version_re_anchors_every_claim() {
    let old = article_text();
    let new = format!(
        "UPDATED 20 April 2023, 14:05 IST\nThis story has been updated with reactions.\n\n{old}\nMore reactions followed in the evening.\n"
    );
    assert_reanchored(&old, &new, None);
}

#[test]
fn a_claim_whose_text_was_deleted_becomes_an_orphan_that_check_lists() {
    let old = article_text();
    let gone = "Further, he also reviewed Russian military artefacts on display in a well-known Kyiv square.";
    let new = old.replacen(&format!("{gone}\n"), "", 1);
    assert_ne!(old, new);

    let mut ben = project_over(old.clone());
    let lost = ben
        .claims
        .iter()
        .find(|c| c.quote == gone)
        .unwrap()
        .id
        .clone();
    ops::set_verdict(&mut ben, &lost, "Ben", Verdict::Disputed, T1).unwrap();
    ops::set_note(&mut ben, &lost, "Ben", "No photo of the square.", T1).unwrap();
    let first = ben.claims[0].id.clone();
    ops::set_verdict(&mut ben, &first, "Ben", Verdict::Verified, T1).unwrap();
    let ana = project_over(new.clone());

    let out = merge::merge(&[ana.clone(), ben.clone()]).unwrap();
    let p = &out.project;
    assert_eq!(out.report.orphaned, vec![lost.clone()]);
    assert_eq!(p.orphans.len(), 1);
    let o = &p.orphans[0];
    assert_eq!((o.id.as_str(), o.quote.as_str()), (lost.as_str(), gone));
    assert_eq!(
        o.reviews,
        ben.claim(&lost).unwrap().reviews,
        "kept with its review"
    );
    assert_eq!(p.claims.len(), ana.claims.len());
    assert_eq!(p.claims[0].reviews["Ben"].verdict, Verdict::Verified);
    // The orphan is not counted as a claim anywhere a claim is expected.
    assert!(p.claim(&lost).is_none());

    // Merging Ben's file in again does not duplicate the orphan.
    let again = merge::merge(&[p.clone(), ben]).unwrap();
    assert_eq!(again.project.orphans, p.orphans);

    // `claimdesk check` accepts the file and lists the orphan with its review count.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("merged.ron");
    store::save(&path, p).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "ok: {} claims, 1 orphaned (not found in the article text; re-attach them in the app)",
            ana.claims.len()
        )
    );
    assert_eq!(
        lines[1].trim(),
        format!(
            "orphan {lost}: \"Further, he also reviewed Russian military artefacts on display in…\" (1 review)"
        )
    );
    assert_eq!(lines.len(), 2);
}

/// A hand-made claim both files hold under one id, whose words one file has in an older
/// version: its reviews were given on other words, so the merge reports the placement.
#[test]
fn a_claim_the_target_holds_is_reported_when_the_other_copy_was_placed_approximately() {
    let new = article_text();
    let old = new.replacen("surprise visit", "suprise visit", 1);
    let quote = "suprise visit to Kyiv on Thursday";
    let start = old[..old.find(quote).unwrap()].chars().count();

    let mut ben = project_over(old.clone());
    let id = ops::add_claim(&mut ben, start..start + quote.chars().count(), "Ben").unwrap();
    // Ana's file: the corrected text, holding Ben's claim (brought in by an earlier merge).
    let ana = merge::merge(&[project_over(new.clone()), ben.clone()])
        .unwrap()
        .project;
    let held = ana.claim(&id).expect("the earlier merge placed the claim");
    assert_eq!(held.quote, "surprise visit to Kyiv on Thursday");

    // Ben reviews the claim in his old copy; merging it in again must say it was placed
    // approximately.
    ops::set_verdict(&mut ben, &id, "Ben", Verdict::Disputed, T2).unwrap();
    let out = merge::merge(&[ana, ben]).unwrap();
    assert_eq!(
        out.project.claim(&id).unwrap().reviews["Ben"].verdict,
        Verdict::Disputed
    );
    let fuzzy: Vec<&str> = out.report.fuzzy.iter().map(|f| f.claim.as_str()).collect();
    assert!(fuzzy.contains(&id.as_str()), "fuzzy placements: {fuzzy:?}");
}

// ---------------------------------------------------------------------------------------------
// Merges that would drop things say so
// ---------------------------------------------------------------------------------------------

const OTHER_ARTICLE: &str = "Cat show draws record crowds in Lyon.\nThe judges praised a Maine Coon named Biscuit. Organisers said 4,000 visitors came on Saturday. A Siamese kitten won the junior prize. Tickets sold out a week early.\n";

#[test]
fn a_file_about_another_article_is_refused_by_merge_and_merge3() {
    let nato = base_project();
    let mut cats = new_project(
        ArticleInfo {
            title: "Cat show".into(),
            ..ArticleInfo::default()
        },
        OTHER_ARTICLE.into(),
    );
    let id = cats.claims[0].id.clone();
    ops::set_verdict(&mut cats, &id, "Ben", Verdict::Verified, &at(1)).unwrap();

    let e = merge::merge(&[nato.clone(), cats.clone()]).unwrap_err();
    let merge::MergeError::DifferentArticle {
        input,
        ref title,
        ref target_title,
        placed,
        claims,
    } = e
    else {
        panic!("{e:?}");
    };
    assert_eq!(
        (input, title.as_str(), target_title.as_str()),
        (1, "Cat show", "NATO chief in Kyiv")
    );
    assert_eq!((placed, claims), (0, cats.claims.len()));
    assert!(
        e.to_string()
            .starts_with("project 2 is about a different article"),
        "{e}"
    );
    assert!(e.to_string().ends_with("nothing merged"), "{e}");

    // Three-way: ours is the other article, theirs kept the base's; named as input 1 or 2.
    let e = merge::merge3(&nato, &cats, &nato).unwrap_err();
    assert!(
        matches!(e, merge::MergeError::DifferentArticle { input: 2, .. }),
        "{e:?}"
    );
    let e = merge::merge3(&nato, &nato, &cats).unwrap_err();
    assert!(
        matches!(e, merge::MergeError::DifferentArticle { input: 1, .. }),
        "{e:?}"
    );

    // Allowed: nothing is lost, the other article's claims are orphans and its text is listed.
    let allow = merge::MergeOptions {
        allow_different_article: true,
    };
    let out = merge::merge_with(&[&nato, &cats], allow).unwrap();
    assert_eq!(out.project.orphans.len(), cats.claims.len());
    assert_eq!(out.report.texts_set_aside.len(), 1);
    assert_eq!(
        out.report.texts_set_aside[0].sha256,
        cats.article.text_sha256
    );
}

#[test]
fn a_text_edit_on_both_sides_of_a_three_way_merge_is_reported_not_dropped_silently() {
    let base = base_project();
    let edited = |from: &str, to: &str| {
        let text = base.article.text.replacen(from, to, 1);
        merge::merge(&[project_over(text), base.clone()])
            .unwrap()
            .project
    };
    let ours = edited("surprise visit", "surprise trip");
    let theirs = edited("artefacts", "artifacts");
    let out = merge::merge3(&base, &ours, &theirs).unwrap();
    assert_eq!(out.project.article.text, ours.article.text);
    assert_eq!(
        out.report.texts_set_aside,
        vec![merge::TextSetAside {
            file: 2,
            sha256: theirs.article.text_sha256.clone(),
            chars: theirs.article.text.chars().count(),
        }]
    );
    assert!(out.report.summary().contains("1 article texts not kept"));
    // Only one side edited the text: that edit is the result, nothing is set aside.
    for (o, t) in [(&ours, &base), (&base, &theirs), (&ours, &ours)] {
        let out = merge::merge3(&base, o, t).unwrap();
        assert!(out.report.texts_set_aside.is_empty());
    }
}
