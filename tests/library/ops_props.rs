//! Any sequence of edits keeps a project valid: after every operation the project passes the
//! same checks a file passes on load, a refused operation changes nothing, and the result
//! survives a save and load unchanged.

use claimdesk::article::{ArticleInfo, new_project};
use claimdesk::model::{Evidence, Project, Verdict};
use claimdesk::{ops, store};
use proptest::prelude::*;

const REVIEWERS: [&str; 3] = ["alice", "bob", "Chloé"];

#[derive(Debug, Clone)]
enum Op {
    Verdict(usize, usize, usize),
    Note(usize, usize, String),
    Attributed(usize, usize, String),
    AddEvidence(usize, usize, String),
    RemoveEvidence(usize, usize, usize),
    AddClaim(usize, usize, usize),
    Split(usize, usize),
    Merge(usize),
    Delete(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let i = 0usize..1000;
    let r = 0usize..REVIEWERS.len();
    prop_oneof![
        (i.clone(), r.clone(), 0usize..4).prop_map(|(c, r, v)| Op::Verdict(c, r, v)),
        (i.clone(), r.clone(), "[a-zA-Z ’😀\n]{0,12}").prop_map(|(c, r, s)| Op::Note(c, r, s)),
        (i.clone(), r.clone(), "[a-zA-Z' ]{0,12}").prop_map(|(c, r, s)| Op::Attributed(c, r, s)),
        (i.clone(), r.clone(), "[a-z:/. ]{0,10}").prop_map(|(c, r, s)| Op::AddEvidence(c, r, s)),
        (i.clone(), r.clone(), 0usize..3).prop_map(|(c, r, e)| Op::RemoveEvidence(c, r, e)),
        (0usize..3000, 0usize..200, r.clone()).prop_map(|(s, l, r)| Op::AddClaim(s, l, r)),
        (i.clone(), 0usize..300).prop_map(|(c, at)| Op::Split(c, at)),
        i.clone().prop_map(Op::Merge),
        i.prop_map(Op::Delete),
    ]
}

fn article() -> Project {
    let mut text = std::fs::read_to_string("tests/fixtures/nato-chief-kyiv.txt").unwrap();
    text.push_str("\nCafé owners 👍🏽 said prices rose e\u{301}normously. Gen. Smith denied it.\r\nHeadline without stop\r\n");
    new_project(
        ArticleInfo {
            title: "t".into(),
            ..ArticleInfo::default()
        },
        text,
    )
}

fn apply(p: &mut Project, op: &Op) -> Result<(), ops::OpError> {
    let at = "2026-03-04T05:06:07Z";
    let id = |c: usize| {
        p.claims
            .get(c % p.claims.len().max(1))
            .map(|c| c.id.clone())
            .unwrap_or_default()
    };
    match op {
        Op::Verdict(c, r, v) => {
            ops::set_verdict(p, &id(*c), REVIEWERS[*r], Verdict::ALL[*v], at).map(drop)
        }
        Op::Note(c, r, s) => ops::set_note(p, &id(*c), REVIEWERS[*r], s, at),
        Op::Attributed(c, r, s) => ops::set_attributed_to(p, &id(*c), REVIEWERS[*r], s, at),
        Op::AddEvidence(c, r, url) => {
            let e = Evidence {
                url: url.clone(),
                title: "T".into(),
                ..Evidence::default()
            };
            ops::add_evidence(p, &id(*c), REVIEWERS[*r], e, at).map(drop)
        }
        Op::RemoveEvidence(c, r, e) => {
            ops::remove_evidence(p, &id(*c), REVIEWERS[*r], *e, at).map(drop)
        }
        Op::AddClaim(s, l, r) => ops::add_claim(p, *s..*s + *l, REVIEWERS[*r]).map(drop),
        Op::Split(c, at_off) => {
            let cid = id(*c);
            let start = p.claim(&cid).map_or(0, |c| c.start);
            ops::split_statement(p, &cid, start + *at_off).map(drop)
        }
        Op::Merge(c) => ops::merge_with_next(p, &id(*c), at).map(drop),
        Op::Delete(c) => ops::delete_claim(p, &id(*c)).map(drop),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn edits_keep_the_project_valid(ops in prop::collection::vec(op(), 1..40)) {
        let mut p = article();
        let mut applied = 0;
        for op in &ops {
            let before = p.clone();
            match apply(&mut p, op) {
                Ok(()) => {
                    applied += 1;
                    if let Err(problem) = store::validate(&p) {
                        panic!("{op:?} broke the project: {problem:?}");
                    }
                    prop_assert!(p.claims.is_sorted_by_key(|c| (c.start, c.end, c.id.clone())));
                }
                Err(_) => prop_assert_eq!(&p, &before, "a refused {:?} changed the project", op),
            }
        }
        let reloaded = store::load_str(&store::to_ron_string(&p), "mem.ron");
        prop_assert_eq!(reloaded.as_ref(), Ok(&p), "after {} edits", applied);
    }
}

#[test]
fn split_then_merge_gives_back_the_statement_and_keeps_reviews() {
    let mut p = article();
    let id = p.claims[13].id.clone();
    let at = "2026-03-04T05:06:07Z";
    ops::set_verdict(&mut p, &id, "alice", Verdict::AttributedOnly, at).unwrap();
    ops::set_note(&mut p, &id, "alice", "general staff only", at).unwrap();
    let original = p.claim(&id).unwrap().clone();
    let cut = original.start + original.quote.find(", of which").unwrap() + 1;
    let (a, b) = ops::split_statement(&mut p, &id, cut).unwrap();
    assert!(p.claim(&a).unwrap().quote.ends_with("Shahed-136 drones,"));
    assert!(p.claim(&b).unwrap().quote.starts_with("of which"));
    assert_eq!(
        p.claim(&b).unwrap().verdict_of("alice"),
        Verdict::AttributedOnly
    );
    let merged = ops::merge_with_next(&mut p, &a, at).unwrap();
    let m = p.claim(&merged).unwrap();
    assert_eq!(merged, original.id, "same span, same text: same id");
    assert_eq!(
        (m.start, m.end, &m.quote),
        (original.start, original.end, &original.quote)
    );
    assert_eq!(m.review("alice").unwrap().note, "general staff only");
}

#[test]
fn merging_statements_reviewers_judged_differently_is_refused() {
    let mut p = article();
    let at = "2026-03-04T05:06:07Z";
    let (a, b) = (p.claims[0].id.clone(), p.claims[1].id.clone());
    ops::set_verdict(&mut p, &a, "alice", Verdict::Verified, at).unwrap();
    ops::set_verdict(&mut p, &b, "alice", Verdict::Disputed, at).unwrap();
    let err = ops::merge_with_next(&mut p, &a, at).unwrap_err();
    assert!(
        err.0
            .contains("alice tagged the two statements differently"),
        "{err}"
    );
}

#[test]
fn a_selection_is_trimmed_and_cannot_cut_an_emoji() {
    let mut p = article();
    let text = &p.article.text;
    let chars: Vec<char> = text.chars().collect();
    let thumb = chars.iter().position(|&c| c == '👍').unwrap();
    // Ending between the thumb and its skin tone is refused.
    let err = ops::add_claim(&mut p, thumb - 5..thumb + 1, "alice").unwrap_err();
    assert!(err.0.contains("cuts through a character"), "{err}");
    // Surrounding spaces are left out of the claim.
    let id = ops::add_claim(&mut p, thumb - 13..thumb + 3, "alice").unwrap();
    assert_eq!(p.claim(&id).unwrap().quote, "Café owners 👍🏽");
}
