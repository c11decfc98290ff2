//! The editing session the desktop app drives: undo and redo restore exact states, unsaved
//! changes are tracked, and crash-recovery copies round-trip.

use claimdesk::changes::describe_changes;
use claimdesk::model::{Evidence, Project, Verdict};
use claimdesk::session::recovery::{RecoveryCopy, RecoveryStore};
use claimdesk::session::{Action, Session};
use claimdesk::store;
use proptest::prelude::*;
use std::path::Path;

fn sample() -> Project {
    store::load(Path::new("projects/nato-chief-kyiv.ron")).unwrap()
}

fn action(p: &Project, kind: usize, claim: usize, n: usize) -> Action {
    let c = &p.claims[claim % p.claims.len()];
    let claim = c.id.clone();
    match kind {
        0 => Action::SetVerdict {
            claim,
            verdict: Verdict::ALL[n % 4],
        },
        1 => Action::SetNote {
            claim,
            text: format!("note {n}"),
        },
        2 => Action::SetAttributedTo {
            claim,
            text: format!("source {n}"),
        },
        3 => Action::AddEvidence {
            claim,
            evidence: Evidence {
                url: format!("https://example.org/{n}"),
                ..Evidence::default()
            },
        },
        4 => Action::RemoveEvidence {
            claim,
            index: n % 2,
        },
        5 => Action::AddClaim {
            start: c.start + n % 7,
            end: c.end.saturating_sub(n % 5),
        },
        6 => Action::SplitStatement {
            claim,
            at: c.start + n % (c.end - c.start).max(1),
        },
        7 => Action::MergeWithNext { claim },
        _ => Action::DeleteClaim { claim },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn undo_all_gives_back_the_original_and_redo_all_the_result(
        steps in prop::collection::vec((0usize..9, 0usize..100, 0usize..1000), 1..30)
    ) {
        let original = sample();
        let mut s = Session::new(original.clone(), None);
        let mut applied = 0;
        for (kind, claim, n) in steps {
            let a = action(&s.project, kind, claim, n);
            if s.apply(a, "Ana Kovač").is_ok() {
                applied += 1;
            }
            prop_assert!(store::validate(&s.project).is_ok());
        }
        let edited = (*s.project).clone();
        while s.undo() {}
        prop_assert_eq!(&*s.project, &original, "after undoing {} actions", applied);
        while s.redo() {}
        prop_assert_eq!(&*s.project, &edited);
    }
}

#[test]
fn dirty_follows_saves_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    store::save(&path, &sample()).unwrap();
    let mut s = Session::open(&path).unwrap();
    assert!(!s.is_dirty());
    let id = s.project.claims[2].id.clone();
    s.apply(
        Action::SetVerdict {
            claim: id.clone(),
            verdict: Verdict::Disputed,
        },
        "Ben Okafor",
    )
    .unwrap();
    assert!(s.is_dirty());
    assert_eq!(s.can_undo(), Some("set verdict"));
    s.undo();
    assert!(!s.is_dirty(), "undoing back to the saved state is clean");
    s.redo();
    assert!(s.is_dirty());
    s.save().unwrap();
    assert!(!s.is_dirty());
    assert_eq!(
        store::load(&path)
            .unwrap()
            .claim(&id)
            .unwrap()
            .verdict_of("Ben Okafor"),
        Verdict::Disputed
    );
    // A new action after undo drops the redo branch.
    s.undo();
    s.apply(
        Action::SetNote {
            claim: id,
            text: "x".into(),
        },
        "Ben Okafor",
    )
    .unwrap();
    assert!(s.can_redo().is_none());
}

#[test]
fn a_redone_new_claim_keeps_its_id() {
    let mut s = Session::new(sample(), None);
    let c = s.project.claims[0].clone();
    let id = s
        .apply(
            Action::AddClaim {
                start: c.start,
                end: c.start + 18,
            },
            "Ana Kovač",
        )
        .unwrap()
        .unwrap();
    s.undo();
    assert!(s.project.claim(&id).is_none());
    s.redo();
    assert_eq!(s.project.claim(&id).unwrap().quote, "Russia-Ukraine war");
}

#[test]
fn refused_action_changes_nothing_and_records_nothing() {
    let mut s = Session::new(sample(), None);
    let before = (*s.project).clone();
    let err = s
        .apply(Action::AddClaim { start: 5, end: 5 }, "Ana Kovač")
        .unwrap_err();
    assert!(err.0.contains("empty span"));
    assert_eq!(*s.project, before);
    assert!(s.can_undo().is_none());
}

#[test]
fn recovery_copy_round_trips_and_describes_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let store_ = RecoveryStore::new(dir.path().join("recovery"));
    let file = dir.path().join("p.ron");
    let saved = sample();
    let mut s = Session::new(saved.clone(), Some(file.clone()));
    let id = s.project.claims[2].id.clone();
    s.apply(
        Action::SetVerdict {
            claim: id,
            verdict: Verdict::Disputed,
        },
        "Ben Okafor",
    )
    .unwrap();
    let copy = RecoveryCopy {
        file: Some(file.clone()),
        written: "2026-01-01T00:00:00Z".into(),
        project: (*s.project).clone(),
    };
    let written = store_.write(&copy).unwrap();
    assert!(written.starts_with(store_.dir()));
    assert!(
        store_.leftovers().is_empty(),
        "the copy of a running window is not a leftover"
    );
    // The window goes away without a clean exit; the next start finds its copy.
    drop(store_);
    let next = RecoveryStore::new(dir.path().join("recovery"));
    let left = next.leftovers();
    assert_eq!(left.len(), 1);
    let back = left[0].1.as_ref().unwrap();
    assert_eq!(back, &copy);
    assert_eq!(
        describe_changes(&saved, &back.project),
        vec!["claim 3: Ben Okafor's verdict changed from unreviewed to disputed".to_string()]
    );
    next.remove_leftover(&written);
    assert!(next.leftovers().is_empty());
}

#[test]
fn a_damaged_recovery_copy_is_reported_not_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let store_ = RecoveryStore::new(dir.path());
    std::fs::write(
        dir.path().join("broken.ron"),
        "(file: None, written: \"x\", project: (",
    )
    .unwrap();
    let left = store_.leftovers();
    assert_eq!(left.len(), 1);
    let err = left[0].1.as_ref().unwrap_err();
    assert!(err.to_string().contains("broken.ron:1:"), "{err}");
}
