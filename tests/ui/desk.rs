//! The desk in the app, as a desk editor uses it: open a folder of projects, sort and filter
//! them, search across them and open the article at a hit, and copy a review of a claim
//! checked before in another project (one key, undoable).

use super::*;
use claimdesk::model::{Evidence, HintEvent, Project};
use std::time::Duration;

/// A desk folder of projects made from the seed article, and the app's own cache folder.
struct DeskDir {
    _dir: tempfile::TempDir,
    root: PathBuf,
    cache: PathBuf,
    recovery: PathBuf,
}

const NOTE: &str = "Kyiv's mayor denied this on 2 March; no record of the meeting.";

fn seed() -> Project {
    store::load(Path::new("projects/nato-chief-kyiv.ron")).unwrap()
}

/// Three projects: `2026/nov/nato.ron` (Ana disputed claim 5, with a note and evidence),
/// `2026/nov/fresh.ron` (nobody reviewed anything) and `2025/other.ron` (another title).
fn desk_dir() -> DeskDir {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap().join("desk");
    std::fs::create_dir_all(root.join("2026/nov")).unwrap();
    std::fs::create_dir_all(root.join("2025")).unwrap();
    let at = "2026-11-01T10:00:00Z";
    let mut checked = seed();
    for c in &mut checked.claims {
        c.reviews.clear();
        c.final_verdict = None;
    }
    checked.audit.clear();
    let fresh = checked.clone();
    let id = checked.claims[4].id.clone();
    claimdesk::ops::set_verdict(&mut checked, &id, "Ana", Verdict::Disputed, at).unwrap();
    claimdesk::ops::set_note(&mut checked, &id, "Ana", NOTE, at).unwrap();
    let evidence = Evidence {
        url: "https://example.org/mayor-statement".into(),
        title: "Mayor's statement".into(),
        ..Evidence::default()
    };
    claimdesk::ops::add_evidence(&mut checked, &id, "Ana", evidence, at).unwrap();
    store::save(&root.join("2026/nov/nato.ron"), &checked).unwrap();
    store::save(&root.join("2026/nov/fresh.ron"), &fresh).unwrap();
    let mut other = fresh.clone();
    other.article.title = "Harbour strike ends".into();
    store::save(&root.join("2025/other.ron"), &other).unwrap();
    std::fs::write(root.join("2025/broken.ron"), "(format: 2, half-writ").unwrap();
    DeskDir {
        cache: dir.path().join("cache"),
        recovery: dir.path().join("recovery"),
        root,
        _dir: dir,
    }
}

fn open_app(d: &DeskDir) -> Harness<'static, ClaimdeskApp> {
    let options = RunOptions {
        no_native_dialogs: true,
        cache_dir: Some(d.cache.clone()),
        ..RunOptions::default()
    };
    harness(None, &d.recovery, [1440.0, 900.0], me(), options)
}

/// Lets the desk's workers answer everything asked so far, and the frames ask what follows
/// from the answers (the selected claim's "checked before").
fn settle_desk(h: &mut Harness<'_, ClaimdeskApp>) {
    for _ in 0..4 {
        h.run_steps(1);
        h.state_mut().wait_for_jobs();
        if let Some(desk) = h.state_mut().desk.as_mut() {
            desk.settle(Duration::from_secs(60));
        }
    }
    h.run_steps(2);
}

/// File → Open desk… on a desktop without file dialogs: the folder's path in the app's field.
fn open_desk(h: &mut Harness<'_, ClaimdeskApp>, root: &Path) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run_steps(2);
    h.get_by_label_contains("type the folder's path");
    type_into(h, "Path", root.to_str().unwrap());
    h.get_by_label("OK").click();
    settle_desk(h);
}

fn open_file(h: &Harness<'_, ClaimdeskApp>) -> Option<PathBuf> {
    h.state().session.as_ref().and_then(|s| s.path.clone())
}

#[test]
fn the_desk_lists_sorts_and_filters_projects_and_opens_one() {
    let d = desk_dir();
    let mut h = open_app(&d);
    open_desk(&mut h, &d.root);
    assert!(h.state().show_desk);
    h.get_by_label("3 projects");
    h.get_by_label_contains("1 file is not a project");
    h.get_by_label_contains("63 claims in 3 projects indexed");
    // Sorted by title (a click on the column), "Harbour strike ends" comes first.
    h.get_by_label("Title").click();
    h.run_steps(2);
    let desk = h.state().desk.as_ref().unwrap();
    let first = &desk.overview.as_ref().unwrap().projects[desk.rows[0]];
    assert_eq!(first.title, "Harbour strike ends");
    type_into(&mut h, "Filter projects", "harbour");
    h.run_steps(1);
    h.get_by_label("1 of 3 projects");
    h.get_by_label("Open project: Harbour strike ends").click();
    settle_desk(&mut h);
    assert_eq!(open_file(&h), Some(d.root.join("2025/other.ron")));
    assert!(!h.state().show_desk, "the workspace shows the project");
    // Ctrl+Shift+D goes back to the desk and returns to the project.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.run_steps(2);
    assert!(h.state().show_desk);
    h.get_by_label("Back to the project").click();
    h.run_steps(2);
    assert!(!h.state().show_desk);
    assert_eq!(
        h.state().settings.recent_desks.first(),
        Some(&d.root),
        "the desk is remembered"
    );
}

#[test]
fn a_search_hit_opens_the_article_at_the_claim() {
    let d = desk_dir();
    let mut h = open_app(&d);
    open_desk(&mut h, &d.root);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run_steps(2);
    // The search field has the keyboard: typing goes there.
    h.get_by_role_and_label(egui::Role::TextInput, "Search the desk")
        .type_text("mayor denied");
    settle_desk(&mut h);
    h.get_by_label("1 claim");
    let p = store::load(&d.root.join("2026/nov/nato.ron")).unwrap();
    let claim = &p.claims[4];
    h.get_by_label_contains(&format!("Open claim 5 of {}", p.article.title))
        .click();
    settle_desk(&mut h);
    assert_eq!(open_file(&h), Some(d.root.join("2026/nov/nato.ron")));
    assert_eq!(h.state().selected.as_deref(), Some(claim.id.as_str()));
    // A verdict filter with no words lists what it allows.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::TextInput, "Search the desk")
        .focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    settle_desk(&mut h);
    assert!(h.state().desk.as_ref().unwrap().search.hits.is_empty());
    type_into(&mut h, "Search evidence domain", "example.org");
    settle_desk(&mut h);
    h.get_by_label("1 claim");
}

#[test]
fn an_earlier_review_is_copied_with_one_key_and_undone() {
    let d = desk_dir();
    let mut h = open_app(&d);
    open_desk(&mut h, &d.root);
    // Open the unreviewed copy: its claim 5 was checked in another project.
    type_into(&mut h, "Filter projects", "fresh");
    h.get_by_label("1 of 3 projects");
    h.get_by_label_contains("Open project: ").click();
    settle_desk(&mut h);
    let fresh = d.root.join("2026/nov/fresh.ron");
    let id = seed().claims[4].id.clone();
    assert_eq!(open_file(&h), Some(fresh.clone()));
    let flags = &h.state().desk.as_ref().unwrap().flags;
    assert_eq!(
        flags.len(),
        1,
        "only the reviewed claim counts as checked: {flags:?}"
    );
    assert!(flags[&id].contains("2026/nov/nato.ron"));
    h.get_by_label_contains("Claim 5:").click();
    settle_desk(&mut h);
    // Said in both other projects; checked (reviewed) in one.
    h.get_by_label("Checked before (2)");
    h.get_by_label(NOTE);
    press(&mut h, Key::R);
    {
        let s = h.state().session.as_ref().unwrap();
        let review = s
            .project
            .claim(&id)
            .unwrap()
            .review(ME)
            .expect("a review of my own");
        assert_eq!(review.verdict, Verdict::Disputed);
        assert!(review.note.starts_with(NOTE), "{}", review.note);
        assert!(
            review
                .note
                .contains("Checked before: 2026/nov/nato.ron, claim 5 (Ana's review)."),
            "{}",
            review.note
        );
        assert_eq!(
            review.evidence[0].url,
            "https://example.org/mayor-statement"
        );
        let entry = s.project.audit.last().unwrap();
        assert_eq!(entry.reviewer, ME);
        assert_eq!(
            entry.hint,
            Some(HintEvent::Reused(format!("2026/nov/nato.ron#{id} (Ana)")))
        );
    }
    h.get_by_label_contains("Used Ana's review from 2026/nov/nato.ron");
    // The note field shows the copied note, not the old (empty) draft.
    assert!(h.state().detail.note.starts_with(NOTE));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let s = h.state().session.as_ref().unwrap();
    assert!(s.project.claim(&id).unwrap().review(ME).is_none());
    assert!(!s.is_dirty());
}

#[test]
fn a_desk_that_cannot_be_read_says_so() {
    let d = desk_dir();
    let mut h = open_app(&d);
    open_desk(&mut h, &d.root.join("no-such-folder"));
    h.get_by_label("Could not open the desk");
    h.get_by_label_contains("no-such-folder");
    assert!(h.state().desk.is_none());
}
