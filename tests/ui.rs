//! The desktop workspace driven as a reviewer drives it: keys, clicks, typing and dragging on
//! the real app state, headless (egui_kittest checks every control has an accessible name).

#[path = "common/http.rs"]
#[allow(dead_code)]
mod http;

use claimdesk::model::{ClaimKind, SourceKind, Verdict};
use claimdesk::session::recovery::RecoveryStore;
use claimdesk::store;
use claimdesk::ui::settings::Settings;
use claimdesk::ui::{ClaimdeskApp, RunOptions};
use eframe::egui::{self, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

#[path = "ui/sync.rs"]
mod desk_sync;
#[path = "ui/desk.rs"]
mod desk_view;

const ME: &str = "Tess Tester";

struct Desk {
    _dir: tempfile::TempDir,
    project: PathBuf,
    recovery: PathBuf,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("nato.ron");
    std::fs::copy("projects/nato-chief-kyiv.ron", &project).unwrap();
    let recovery = dir.path().join("recovery");
    Desk {
        _dir: dir,
        project,
        recovery,
    }
}

fn open(project: Option<&Path>, recovery: &Path) -> Harness<'static, ClaimdeskApp> {
    open_with(project, recovery, RunOptions::default())
}

fn open_with(
    project: Option<&Path>,
    recovery: &Path,
    options: RunOptions,
) -> Harness<'static, ClaimdeskApp> {
    harness(project, recovery, [1440.0, 900.0], me(), options)
}

/// As on a desktop with no file-dialog service: the app asks for paths in its own field.
fn no_native_dialogs() -> RunOptions {
    RunOptions {
        no_native_dialogs: true,
        ..RunOptions::default()
    }
}

/// Settings with my name, as after the first run.
fn me() -> Settings {
    Settings {
        reviewer: ME.into(),
        recent: Vec::new(),
        ..Settings::default()
    }
}

/// The app in a window of `size` points, with `settings`, on `project`.
fn harness(
    project: Option<&Path>,
    recovery: &Path,
    size: [f32; 2],
    settings: Settings,
    options: RunOptions,
) -> Harness<'static, ClaimdeskApp> {
    build(
        Harness::builder().with_size(size),
        project,
        recovery,
        settings,
        options,
    )
}

/// The app from a harness `builder`, with `settings`, on `project`.
fn build(
    builder: egui_kittest::HarnessBuilder<ClaimdeskApp>,
    project: Option<&Path>,
    recovery: &Path,
    settings: Settings,
    options: RunOptions,
) -> Harness<'static, ClaimdeskApp> {
    let project = project.map(Path::to_path_buf);
    let recovery = recovery.to_path_buf();
    let mut h = builder.build_eframe(move |_cc| {
        let mut app = ClaimdeskApp::new(settings, Some(RecoveryStore::new(recovery)), options);
        if let Some(p) = project {
            app.open_path(&p);
        }
        app
    });
    h.run_steps(3);
    h
}

fn verdict(h: &Harness<'_, ClaimdeskApp>, number: usize) -> Verdict {
    h.state().session.as_ref().unwrap().project.claims[number - 1].verdict_of(ME)
}

/// Focuses a text field by its label, then types into it, as a person clicking into it would.
fn type_into(h: &mut Harness<'_, ClaimdeskApp>, label: &str, text: &str) {
    h.get_by_role_and_label(egui::Role::TextInput, label)
        .focus();
    h.run_steps(1);
    h.get_by_role_and_label(egui::Role::TextInput, label)
        .type_text(text);
    h.run_steps(1);
}

/// Lets the work started on the worker (save, merge, export) finish and shows its result.
fn settle(h: &mut Harness<'_, ClaimdeskApp>) {
    h.run_steps(1);
    h.state_mut().wait_for_jobs();
    h.run_steps(2);
}

/// The recovery copy is due two seconds after a change and written in the background: wait
/// for it as a reviewer's window would.
fn wait_for_recovery_copy(h: &mut Harness<'_, ClaimdeskApp>) {
    std::thread::sleep(std::time::Duration::from_millis(2200));
    h.run_steps(1);
    h.state_mut().wait_for_jobs();
}

fn press(h: &mut Harness<'_, ClaimdeskApp>, key: Key) {
    h.key_press(key);
    h.run_steps(2);
}

#[test]
fn tag_claims_with_the_keyboard() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    assert_eq!(
        h.state().selected.as_deref(),
        Some(
            h.state().session.as_ref().unwrap().project.claims[0]
                .id
                .as_str()
        )
    );
    press(&mut h, Key::Num1);
    assert_eq!(verdict(&h, 1), Verdict::Verified);
    press(&mut h, Key::J);
    press(&mut h, Key::Num3);
    assert_eq!(verdict(&h, 2), Verdict::Disputed);
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::Num2);
    assert_eq!(verdict(&h, 3), Verdict::AttributedOnly);
    press(&mut h, Key::K);
    press(&mut h, Key::Num0);
    assert_eq!(verdict(&h, 2), Verdict::Unreviewed);
    h.get_by_label_contains("2 of 21 reviewed");
}

#[test]
fn typing_a_note_does_not_fire_shortcuts() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    press(&mut h, Key::N); // N focuses the note
    assert!(
        h.get_by_role_and_label(egui::Role::TextInput, "Note")
            .is_focused()
    );
    h.get_by_role_and_label(egui::Role::TextInput, "Note")
        .type_text("J 1 said 3 times");
    h.run_steps(2);
    assert_eq!(
        verdict(&h, 1),
        Verdict::Unreviewed,
        "1 and 3 typed into the note are not verdicts"
    );
    assert_eq!(h.state().detail.note, "J 1 said 3 times");
    press(&mut h, Key::Enter); // leaves the field and records the note
    let p = &h.state().session.as_ref().unwrap().project;
    assert_eq!(p.claims[0].review(ME).unwrap().note, "J 1 said 3 times");
    assert_eq!(
        h.state().selected.as_deref(),
        Some(p.claims[0].id.as_str()),
        "J in the note did not move on"
    );
    press(&mut h, Key::Num2);
    assert_eq!(
        verdict(&h, 1),
        Verdict::AttributedOnly,
        "shortcuts work again once the field is left"
    );
}

#[test]
fn drag_over_article_text_and_make_it_a_claim() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    let article = h.get_by_label("Article text").rect();
    let y = article.min.y + 12.0;
    let (from, to) = (
        Pos2::new(article.min.x + 32.0, y),
        Pos2::new(article.min.x + 220.0, y),
    );
    h.event(egui::Event::PointerMoved(from));
    h.run_steps(1);
    h.event(egui::Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(1);
    for i in 1..=10 {
        h.event(egui::Event::PointerMoved(
            from + (to - from) * (i as f32 / 10.0),
        ));
        h.run_steps(1);
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(2);
    let range = h
        .state()
        .article
        .selected_range()
        .expect("dragging selected text");
    press(&mut h, Key::C);
    let p = &h.state().session.as_ref().unwrap().project;
    let made: Vec<_> = p
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Selection && c.start < 240)
        .collect();
    assert_eq!(made.len(), 1, "one new claim from the selection {range:?}");
    assert!(
        p.claims[0].quote.contains(&made[0].quote),
        "{:?}",
        made[0].quote
    );
    assert!(made[0].quote.starts_with("Russia"), "{:?}", made[0].quote);
    assert_eq!(h.state().selected.as_deref(), Some(made[0].id.as_str()));
    // Ctrl+Z takes the new claim back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let p = &h.state().session.as_ref().unwrap().project;
    assert!(
        !p.claims
            .iter()
            .any(|c| c.kind == ClaimKind::Selection && c.start < 240)
    );
}

#[test]
fn undo_and_redo_every_change() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    press(&mut h, Key::Num3);
    press(&mut h, Key::J);
    press(&mut h, Key::Num1);
    assert_eq!(
        (verdict(&h, 1), verdict(&h, 2)),
        (Verdict::Disputed, Verdict::Verified)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        (verdict(&h, 1), verdict(&h, 2)),
        (Verdict::Disputed, Verdict::Unreviewed)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(verdict(&h, 1), Verdict::Unreviewed);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(verdict(&h, 1), Verdict::Disputed);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(verdict(&h, 2), Verdict::Verified);
}

#[test]
fn search_filters_the_claim_list() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.get_by_label("Search claims").type_text("general staff");
    h.run_steps(3);
    let p = store::load(&d.project).unwrap();
    let expected: Vec<usize> = p
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.quote.to_lowercase().contains("general staff")
                || c.reviews.values().any(|r| {
                    r.note.to_lowercase().contains("general staff")
                        || r.attributed_to.to_lowercase().contains("general staff")
                })
        })
        .map(|(i, _)| i)
        .collect();
    assert!(expected.len() >= 2);
    assert_eq!(h.state().list.visible, expected);
    h.get_by_label_contains(&format!("Showing {} of 21 claims", expected.len()));
    assert!(h.query_by_label_contains("Claim 14:").is_some());
    assert!(h.query_by_label_contains("Claim 1:").is_none());
}

#[test]
fn save_writes_the_reviews_to_the_file() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    press(&mut h, Key::Num3);
    press(&mut h, Key::N);
    h.get_by_role_and_label(egui::Role::TextInput, "Note")
        .type_text("Contradicted by the ministry.");
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    let saved = store::load(&d.project).unwrap();
    let review = saved.claims[0].review(ME).expect("my review is saved");
    assert_eq!(review.verdict, Verdict::Disputed);
    assert_eq!(
        review.note, "Contradicted by the ministry.",
        "typed text is saved even without leaving the field"
    );
    assert!(!h.state().session.as_ref().unwrap().is_dirty());
}

#[test]
fn a_broken_file_shows_the_error_and_keeps_the_open_project() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    let bad = d.project.with_file_name("bad.ron");
    std::fs::write(&bad, "(\n  format_version: 1,\n  article: oops\n)").unwrap();
    h.state_mut().open_path(&bad);
    h.run_steps(2);
    // In the error dialog and the status bar.
    assert_eq!(h.get_all_by_label_contains("bad.ron:3:").count(), 2);
    assert_eq!(
        h.state().session.as_ref().unwrap().path.as_deref(),
        Some(d.project.as_path())
    );
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(
        h.query_by_label("Could not open the project").is_none(),
        "the dialog closed"
    );
    assert_eq!(
        h.get_all_by_label_contains("bad.ron:3:").count(),
        1,
        "the status bar still says what failed"
    );
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    press(&mut h, Key::Num1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run_steps(2);
    h.get_by_label("Save your changes?");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.query_by_label("Save your changes?").is_none());
    assert_eq!(verdict(&h, 1), Verdict::Verified, "cancel keeps the work");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run_steps(2);
    h.get_by_label("Save").click();
    settle(&mut h);
    assert_eq!(
        store::load(&d.project).unwrap().claims[0].verdict_of(ME),
        Verdict::Verified
    );
}

#[test]
fn shortcut_sheet_lists_every_command() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    press(&mut h, Key::F1);
    h.get_by_label_contains("Single keys work when no text field has the keyboard");
    // Every command is listed with its keys (some also have a button in the detail panel).
    for cmd in claimdesk::ui::command::UiCommand::ALL {
        assert!(
            h.query_all_by_label(cmd.label()).count() >= 1,
            "{}",
            cmd.label()
        );
    }
    h.get_by_label("Close").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("Single keys work").is_none());
}

#[test]
fn after_a_crash_the_next_start_offers_the_unsaved_work() {
    let d = desk();
    {
        let mut h = open(Some(&d.project), &d.recovery);
        press(&mut h, Key::Num3);
        wait_for_recovery_copy(&mut h);
        // The harness is dropped without a clean exit: a crash.
    }
    assert_eq!(
        store::load(&d.project).unwrap().claims[0].verdict_of(ME),
        Verdict::Unreviewed
    );
    let mut h = open(None, &d.recovery);
    h.get_by_label("Unsaved work was found");
    h.get_by_label_contains(&format!(
        "claim 1: {ME}'s verdict changed from unreviewed to disputed"
    ));
    h.get_by_label("Restore").click();
    h.run_steps(2);
    let s = h.state().session.as_ref().unwrap();
    assert!(s.is_dirty());
    assert_eq!(s.path.as_deref(), Some(d.project.as_path()));
    assert_eq!(s.project.claims[0].verdict_of(ME), Verdict::Disputed);
}

#[test]
fn article_highlights_stay_current_through_edits() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    let check = |h: &Harness<'_, ClaimdeskApp>, step: &str| {
        let app = h.state();
        let s = app.session.as_ref().unwrap();
        let dark = h.ctx.theme() == egui::Theme::Dark;
        assert!(
            app.article
                .styles_are_current(s, ME, app.selected.as_deref(), dark),
            "stale highlights after {step}"
        );
    };
    for (step, key) in [
        ("tag", Key::Num1),
        ("next", Key::J),
        ("tag", Key::Num3),
        ("next", Key::J),
        ("next", Key::J),
        ("tag", Key::Num2),
    ] {
        press(&mut h, key);
        check(&h, step);
    }
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(2);
        check(&h, "undo");
    }
    press(&mut h, Key::M); // merge with the next statement: spans change
    check(&h, "merge");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    check(&h, "undo merge");
}

#[test]
fn new_project_from_pasted_text_then_save_through_the_path_field() {
    let d = desk();
    let options = no_native_dialogs();
    let mut h = open_with(None, &d.recovery, options);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    h.run_steps(2);
    type_into(&mut h, "Title", "Port strike");
    type_into(&mut h, "Outlet", "Harbour Times");
    type_into(
        &mut h,
        "Article text",
        "Dockers walk out\nThe union said 4,000 workers joined. Police gave no figure.",
    );
    h.run_steps(2);
    h.get_by_label("Create project").click();
    settle(&mut h);
    {
        let s = h.state().session.as_ref().expect("a new project is open");
        assert_eq!(s.project.claims.len(), 3);
        assert_eq!(s.project.article.outlet, "Harbour Times");
        assert!(s.path.is_none() && s.is_dirty());
    }
    press(&mut h, Key::Num2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    h.get_by_label_contains("No file dialog service is available");
    let target = d.project.with_file_name("port.ron");
    type_into(&mut h, "Path", target.to_str().unwrap());
    h.get_by_label("OK").click();
    settle(&mut h);
    let saved = store::load(&target).expect("saved through the path field");
    assert_eq!(saved.article.title, "Port strike");
    assert_eq!(saved.claims[0].verdict_of(ME), Verdict::AttributedOnly);
    assert!(!h.state().session.as_ref().unwrap().is_dirty());
}

#[test]
fn disagreements_are_listed_side_by_side_and_an_editor_settles_them() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(2);
    let p = store::load(&d.project).unwrap();
    let disagreeing: Vec<usize> = (0..p.claims.len())
        .filter(|&i| p.claims[i].is_disagreement())
        .collect();
    assert_eq!(h.state().list.visible, disagreeing);
    assert_eq!(
        h.state().selected.as_deref(),
        Some(p.claims[disagreeing[0]].id.as_str()),
        "the filter hid the selected claim, so it selects the first disagreement"
    );
    let n = disagreeing[0] + 1;
    h.get_by_label_contains(&format!("Claim {n}:")).click();
    h.run_steps(2);
    h.get_by_label("Reviews side by side");
    h.get_by_label("reviewers disagree");
    h.get_by_label("Ben Okafor");
    h.get_by_label("Ana Kovač");
    // The final-verdict buttons sit after the reviewer's own verdict buttons.
    h.get_by_label("Final verdict:");
    h.get_by_role_and_label(egui::Role::Button, "Verified")
        .click();
    h.run_steps(3);
    let s = h.state().session.as_ref().unwrap();
    let c = &s.project.claims[n - 1];
    let f = c.final_verdict.as_ref().expect("settled");
    assert_eq!((f.verdict, f.by.as_str()), (Verdict::Verified, ME));
    let last = s.project.audit.last().unwrap();
    assert!(last.adjudication && last.reviewer == ME && last.to == Verdict::Verified);
    assert!(!c.is_disagreement());
}

#[test]
fn merge_a_reviewers_file_and_take_it_back() {
    let d = desk();
    // A second reviewer's copy: same article, one more verdict and a note.
    let other = d.project.with_file_name("ben.ron");
    let mut theirs = store::load(&d.project).unwrap();
    let id = theirs.claims[2].id.clone();
    claimdesk::ops::set_verdict(
        &mut theirs,
        &id,
        "Ben Okafor",
        Verdict::Disputed,
        "2023-04-22T10:00:00Z",
    )
    .unwrap();
    claimdesk::ops::set_note(
        &mut theirs,
        &id,
        "Ben Okafor",
        "No artefacts were shown that day.",
        "2023-04-22T10:00:00Z",
    )
    .unwrap();
    store::save(&other, &theirs).unwrap();

    let options = no_native_dialogs();
    let mut h = open_with(Some(&d.project), &d.recovery, options);
    // Through the menu, as the issue names it: File → Merge reviewer file…
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label_contains("Merge reviewer file…").click();
    // The menu fades out over a few frames before the path field takes the keyboard.
    h.run_steps(5);
    type_into(&mut h, "Path", other.to_str().unwrap());
    h.get_by_label("OK").click();
    settle(&mut h);
    h.get_by_label_contains("reviews added");
    {
        let s = h.state().session.as_ref().unwrap();
        let r = s
            .project
            .claim(&id)
            .unwrap()
            .review("Ben Okafor")
            .expect("Ben's review merged in");
        assert_eq!(r.note, "No artefacts were shown that day.");
        assert!(s.is_dirty());
    }
    h.get_by_label("OK").click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let s = h.state().session.as_ref().unwrap();
    assert!(
        s.project.claim(&id).unwrap().review("Ben Okafor").is_none(),
        "undo takes the merge back"
    );
}

#[test]
fn agreement_panel_shows_figures_with_what_they_left_out() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run_steps(3);
    h.get_by_label("Reviewers and agreement");
    h.get_by_label("Ana Kovač – Ben Okafor");
    h.get_by_label_contains("Krippendorff's α");
    assert_eq!(
        h.get_all_by_label_contains("left out)").count(),
        2,
        "Fleiss and Krippendorff both say what they left out"
    );
}

#[test]
fn export_a_report_and_claimreview_from_the_app() {
    let d = desk();
    let options = no_native_dialogs();
    let mut h = open_with(Some(&d.project), &d.recovery, options);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(2);
    let html = d.project.with_file_name("report.html");
    h.get_by_role_and_label(egui::Role::TextInput, "Save to")
        .focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Save to")
        .type_text(html.to_str().unwrap());
    h.run_steps(1);
    h.get_by_role_and_label(egui::Role::Button, "Export")
        .click();
    settle(&mut h);
    h.get_by_label_contains("claims written to");
    let text = std::fs::read_to_string(&html).expect("the report was written");
    assert!(text.contains("<html"), "an HTML document");
    assert!(
        text.contains("Shahed-136 drones"),
        "with the article's claims"
    );
    h.get_by_label("OK").click();
    h.run_steps(2);

    // ClaimReview needs the publisher: typed once, kept in the project.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(2);
    h.get_by_label("schema.org ClaimReview (JSON-LD)").click();
    h.run_steps(2);
    type_into(&mut h, "Organisation", "Example Checks");
    type_into(&mut h, "Organisation URL", "https://checks.example.org");
    type_into(
        &mut h,
        "Fact-check URL",
        "https://checks.example.org/nato-kyiv",
    );
    h.get_by_role_and_label(egui::Role::Button, "Export")
        .click();
    settle(&mut h);
    h.get_by_label_contains("claims written to");
    let json = std::fs::read_to_string(d.project.with_extension("json"))
        .expect("ClaimReview written beside the project");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v.to_string().contains("Example Checks"));
    let s = h.state().session.as_ref().unwrap();
    assert_eq!(
        s.project.publisher.as_ref().map(|p| p.name.as_str()),
        Some("Example Checks")
    );
    assert!(s.is_dirty(), "the publisher settings are a change to save");
}

/// The window manager's close button, as eframe reports it.
fn close_window(h: &mut Harness<'_, ClaimdeskApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_steps(2);
}

#[test]
fn discard_then_close_with_new_edits_asks_again() {
    let d = desk();
    let options = no_native_dialogs();
    let mut h = open_with(Some(&d.project), &d.recovery, options);
    press(&mut h, Key::Num1);
    // Open… with unsaved work: Discard, then change one's mind about opening.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    h.get_by_label("Discard").click();
    h.run_steps(3);
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(verdict(&h, 1), Verdict::Unreviewed, "discarded");
    // New work after the Discard is guarded like any other.
    press(&mut h, Key::Num3);
    close_window(&mut h);
    h.get_by_label("Save your changes?");
    assert_eq!(verdict(&h, 1), Verdict::Disputed, "nothing lost");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    // With nothing unsaved the window closes without a question.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    close_window(&mut h);
    assert!(h.query_by_label("Save your changes?").is_none());
}

#[test]
fn a_second_window_does_not_take_the_first_ones_copy_for_a_crash() {
    let d = desk();
    let mut first = open(Some(&d.project), &d.recovery);
    press(&mut first, Key::Num3);
    wait_for_recovery_copy(&mut first);
    assert_eq!(
        std::fs::read_dir(&d.recovery)
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ron"))
            .count(),
        1,
        "the first window's copy is there"
    );
    // A second window on the same file: no crash offer, but it says the file is open elsewhere.
    let mut second = open(Some(&d.project), &d.recovery);
    assert!(second.query_by_label("Unsaved work was found").is_none());
    second.get_by_label("Open in another window");
    second.get_by_label("Open read-only").click();
    second.run_steps(1);
    second.state_mut().wait_for_jobs();
    second.run_steps(2);
    {
        let s = second.state().session.as_ref().expect("opened read-only");
        assert!(s.read_only);
    }
    press(&mut second, Key::Num1);
    assert_eq!(
        second.state().session.as_ref().unwrap().project.claims[0].verdict_of(ME),
        Verdict::Unreviewed,
        "a read-only window changes nothing"
    );
    // The second window's clean exit leaves the first one's copy alone.
    second.state_mut().exit();
    drop(second);
    assert!(
        std::fs::read_dir(&d.recovery).unwrap().any(|e| e
            .unwrap()
            .path()
            .extension()
            .is_some_and(|x| x == "ron")),
        "the first window's copy survives"
    );
    drop(first);
}

#[test]
fn a_change_on_disk_is_offered_and_brought_in_keeping_my_edits() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    press(&mut h, Key::Num1);
    // A colleague's tool saves a review into the same file.
    let mut theirs = store::load(&d.project).unwrap();
    let id = theirs.claims[3].id.clone();
    claimdesk::ops::set_verdict(
        &mut theirs,
        &id,
        "Ben Okafor",
        Verdict::Disputed,
        "2026-11-29T10:00:00Z",
    )
    .unwrap();
    store::save(&d.project, &theirs).unwrap();
    // The watch notices; the check and the merge run on the worker.
    let mut offered = false;
    for _ in 0..100 {
        h.run_steps(1);
        h.state_mut().wait_for_jobs();
        h.run_steps(1);
        if h.query_by_label("Bring in changes").is_some() {
            offered = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(offered, "the change on disk is offered");
    h.get_by_label("Bring in changes").click();
    h.run_steps(2);
    {
        let s = h.state().session.as_ref().unwrap();
        assert_eq!(
            s.project.claim(&id).unwrap().verdict_of("Ben Okafor"),
            Verdict::Disputed
        );
        assert_eq!(
            s.project.claims[0].verdict_of(ME),
            Verdict::Verified,
            "my edit stays"
        );
        assert!(s.is_dirty());
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    let saved = store::load(&d.project).unwrap();
    assert_eq!(
        saved.claim(&id).unwrap().verdict_of("Ben Okafor"),
        Verdict::Disputed
    );
    assert_eq!(saved.claims[0].verdict_of(ME), Verdict::Verified);
}

#[test]
fn first_run_asks_the_name_which_takes_typing_and_enter() {
    let d = desk();
    let mut h = harness(
        Some(&d.project),
        &d.recovery,
        [1440.0, 900.0],
        Settings::default(),
        RunOptions::default(),
    );
    h.get_by_label("Who is reviewing?");
    // Typing goes straight into the name field: no click needed.
    h.event(egui::Event::Text("Tess Tester".into()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(
        h.query_by_label("Who is reviewing?").is_none(),
        "Enter submits"
    );
    assert_eq!(h.state().settings.reviewer, ME);
    press(&mut h, Key::Num2);
    assert_eq!(verdict(&h, 1), Verdict::AttributedOnly);
}

#[test]
fn the_name_prompt_can_be_left_for_later_and_comes_back_before_a_change() {
    let d = desk();
    let mut h = harness(
        Some(&d.project),
        &d.recovery,
        [1440.0, 900.0],
        Settings::default(),
        RunOptions::default(),
    );
    h.get_by_label("Who is reviewing?");
    press(&mut h, Key::Escape);
    assert!(
        h.query_by_label("Who is reviewing?").is_none(),
        "Esc: later"
    );
    press(&mut h, Key::J);
    press(&mut h, Key::Num1);
    h.get_by_label("Who is reviewing?");
    assert_eq!(
        verdict(&h, 2),
        Verdict::Unreviewed,
        "nothing is recorded without a name"
    );
    h.get_by_label("Later").click();
    h.run_steps(2);
    assert!(h.query_by_label("Who is reviewing?").is_none());
}

#[test]
fn a_click_puts_the_caret_on_the_character_under_the_pointer() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    let text = store::load(&d.project).unwrap().article.text;
    // Characters in several paragraphs, on wrapped lines and after line breaks.
    let mut checked = 0;
    for word in [
        "counteroffensive",
        "before the war",
        "Zelenskyy to attend",
        "hesitantly",
    ] {
        let byte = text.find(word).unwrap();
        let at = text[..byte].chars().count() + 3;
        h.run_steps(4); // let the last click's scrolling settle
        let Some(pos) = h.state().article.screen_pos(at) else {
            continue; // not laid out (scrolled away)
        };
        h.event(egui::Event::PointerMoved(pos));
        h.event(egui::Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.event(egui::Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(2);
        assert_eq!(h.state().article.caret, Some(at), "{word}");
        // S splits the statement exactly there.
        press(&mut h, Key::S);
        let s = h.state().session.as_ref().unwrap();
        assert!(
            s.project.claims.iter().any(|c| c.start == at)
                && s.project.claims.iter().any(|c| c.end == at),
            "{word}: split at {at}"
        );
        checked += 1;
    }
    assert!(checked >= 3, "most words were on screen");
}

/// The sample with six reviewers' reviews on claim 3 (they disagree) and on a few others.
fn six_reviewers(d: &Desk) -> Vec<String> {
    let mut p = store::load(&d.project).unwrap();
    let names: Vec<String> = [
        "Ana Kovač",
        "Ben Okafor",
        "Chen Wei",
        "Dara Ní Bhriain",
        "Emil Sørensen",
        "Farah Haddad",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    let verdicts = [
        Verdict::Verified,
        Verdict::Disputed,
        Verdict::AttributedOnly,
    ];
    for (n, name) in names.iter().enumerate() {
        for c in [2usize, 5, 8] {
            let id = p.claims[c].id.clone();
            claimdesk::ops::set_verdict(
                &mut p,
                &id,
                name,
                verdicts[(n + c) % 3],
                "2026-11-20T10:00:00Z",
            )
            .unwrap();
            claimdesk::ops::set_note(
                &mut p,
                &id,
                name,
                &format!("{name}'s reading of the sources."),
                "2026-11-20T10:00:00Z",
            )
            .unwrap();
        }
    }
    store::save(&d.project, &p).unwrap();
    names
}

#[test]
fn every_reviewer_is_shown_side_by_side_without_horizontal_scrolling() {
    let d = desk();
    let names = six_reviewers(&d);
    let mut h = harness(
        Some(&d.project),
        &d.recovery,
        [1280.0, 800.0],
        me(),
        RunOptions::default(),
    );
    press(&mut h, Key::J);
    press(&mut h, Key::J);
    h.get_by_label_contains("reviewers disagree");
    for name in &names {
        let node = h.get_by_label(name);
        let r = node.rect();
        assert!(
            r.min.x >= 0.0 && r.max.x <= 1280.0,
            "{name} is within the window: {r:?}"
        );
    }
}

#[test]
fn after_fast_j_presses_the_selected_row_is_in_view() {
    let d = desk();
    // A short window: the 21 rows do not all fit.
    let mut h = harness(
        Some(&d.project),
        &d.recovery,
        [1024.0, 500.0],
        me(),
        RunOptions::default(),
    );
    // Several presses within one frame, then one per frame, as a held key gives them.
    for _ in 0..6 {
        h.key_press(Key::J);
    }
    h.run_steps(1);
    for _ in 0..12 {
        h.key_press(Key::J);
        h.run_steps(1);
    }
    h.run_steps(2);
    let n = h.state().selected_index().unwrap() + 1;
    assert_eq!(n, 19);
    let row = h.get_by_label(&format!("{n:>4}")).rect();
    let status = h.get_by_label_contains("Reviewer:").rect();
    assert!(
        row.max.y <= status.min.y && row.min.y >= 0.0,
        "row {n} at {row:?} is above the status bar at {status:?}"
    );
}

#[test]
fn enter_in_the_evidence_form_adds_it() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    press(&mut h, Key::E);
    h.get_by_role_and_label(egui::Role::TextInput, "Evidence URL")
        .type_text("https://example.org/source");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let s = h.state().session.as_ref().unwrap();
    let r = s.project.claims[0]
        .review(ME)
        .expect("a review with the evidence");
    assert_eq!(r.evidence.len(), 1);
    assert_eq!(r.evidence[0].url, "https://example.org/source");
}

#[test]
fn dialogs_answer_enter_and_esc_and_step_aside_for_shortcuts() {
    let d = desk();
    let options = no_native_dialogs();
    let mut h = open_with(Some(&d.project), &d.recovery, options);
    // Export: Esc cancels.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::Button, "Export");
    press(&mut h, Key::Escape);
    assert!(
        h.query_by_role_and_label(egui::Role::Button, "Export")
            .is_none(),
        "Esc closes the export dialog"
    );
    // Export: Enter exports; Enter closes the report that follows.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(2);
    press(&mut h, Key::Enter);
    settle(&mut h);
    h.get_by_label_contains("claims written to");
    assert!(d.project.with_extension("html").exists());
    press(&mut h, Key::Enter);
    assert!(
        h.query_by_label_contains("claims written to").is_none(),
        "Enter closes the report"
    );
    // A report does not swallow shortcuts: J moves on and closes it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(2);
    press(&mut h, Key::Enter);
    settle(&mut h);
    h.get_by_label_contains("claims written to");
    press(&mut h, Key::J);
    assert!(h.query_by_label_contains("claims written to").is_none());
    assert_eq!(h.state().selected_index(), Some(1));
}

#[test]
fn the_agreement_panel_scrolls_with_many_reviewers() {
    let d = desk();
    six_reviewers(&d);
    let mut h = harness(
        Some(&d.project),
        &d.recovery,
        [1024.0, 700.0],
        me(),
        RunOptions::default(),
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run_steps(3);
    h.get_by_label("Reviewers and agreement");
    let close = h.get_by_label("Close").rect();
    assert!(
        close.max.y <= 700.0 && close.max.x <= 1024.0,
        "Close is on screen: {close:?}"
    );
    h.get_by_label("Close").click();
    h.run_steps(2);
    assert!(h.query_by_label("Reviewers and agreement").is_none());
}

#[test]
fn keys_can_be_rebound_in_the_shortcut_sheet_and_clashes_are_refused() {
    use claimdesk::ui::command::UiCommand;
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    press(&mut h, Key::F1);
    let row = UiCommand::ALL
        .iter()
        .position(|c| *c == UiCommand::NextClaim)
        .unwrap();
    // A clash is refused and says with what.
    // The sheet scrolls: bring the row into view as a reviewer would.
    h.get_all_by_label("Change").next().unwrap().hover();
    h.run_steps(1);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -200.0),
        phase: egui::TouchPhase::Move,
        modifiers: Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
    // egui eases the scroll over a few frames.
    h.run_steps(20);
    h.get_all_by_label("Change").nth(row).unwrap().click();
    h.run_steps(2);
    h.get_by_label_contains("press the new keys");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    h.get_by_label_contains("Not changed: Ctrl+S already runs “Save”");
    // A free key is taken, shown in the sheet and kept in the preferences.
    h.get_all_by_label("Change").nth(row).unwrap().click();
    h.run_steps(2);
    press(&mut h, Key::L);
    h.get_by_label_contains("“Next claim” is now L");
    assert_eq!(
        h.state().settings.keymap.bindings.get("NextClaim"),
        Some(&vec!["L".to_string()])
    );
    h.get_by_label("Close").click();
    h.run_steps(2);
    press(&mut h, Key::J);
    assert_eq!(h.state().selected_index(), Some(0), "J no longer moves");
    press(&mut h, Key::L);
    assert_eq!(h.state().selected_index(), Some(1), "L does");
}

#[test]
fn u_d_and_a_jump_to_work_and_shift_arrows_make_a_claim_without_the_mouse() {
    let d = desk();
    six_reviewers(&d);
    let mut h = open(Some(&d.project), &d.recovery);
    // D: the next claim where reviewers disagree (claim 3 in this project).
    press(&mut h, Key::D);
    let i = h.state().selected_index().unwrap();
    assert!(h.state().session.as_ref().unwrap().project.claims[i].is_disagreement());
    // U: the next claim I have not reviewed, skipping the ones I have.
    press(&mut h, Key::Num1); // claim i is now mine
    press(&mut h, Key::K);
    press(&mut h, Key::K);
    let before = h.state().selected_index().unwrap();
    press(&mut h, Key::U);
    let next = h.state().selected_index().unwrap();
    assert!(next != i && next > before, "U skips claim {i} I reviewed");
    // A: attributed-to takes the keyboard.
    press(&mut h, Key::A);
    h.event(egui::Event::Text("the ministry".into()));
    h.run_steps(1);
    press(&mut h, Key::Enter);
    let s = h.state().session.as_ref().unwrap();
    assert_eq!(
        s.project.claims[next].review(ME).unwrap().attributed_to,
        "the ministry"
    );
    // Shift+Right twice from the selected claim's start selects two words; C makes the claim.
    let claims_before = s.project.claims.len();
    let start = s.project.claims[next].start;
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run_steps(2);
    press(&mut h, Key::C);
    let s = h.state().session.as_ref().unwrap();
    assert_eq!(s.project.claims.len(), claims_before + 1);
    let made = s
        .project
        .claims
        .iter()
        .find(|c| c.kind == ClaimKind::Selection)
        .expect("a claim from the selection");
    assert_eq!(made.start, start);
    assert_eq!(made.quote.split_whitespace().count(), 2, "{}", made.quote);
}

#[test]
fn reviewer_layers_colour_the_article_by_whom_i_choose() {
    use claimdesk::ui::article_view::Layer;
    let d = desk();
    let names = six_reviewers(&d);
    // An editor settled claim 3 as disputed; I say verified.
    let mut p = store::load(&d.project).unwrap();
    let id = p.claims[2].id.clone();
    claimdesk::adjudication::adjudicate(
        &mut p,
        &id,
        "Editor",
        Some(Verdict::Disputed),
        "2026-11-21T10:00:00Z",
    )
    .unwrap();
    claimdesk::ops::set_verdict(&mut p, &id, ME, Verdict::Verified, "2026-11-21T11:00:00Z")
        .unwrap();
    store::save(&d.project, &p).unwrap();
    let c = &p.claims[2];
    assert_eq!(Layer::Mine.verdict(c, ME), (Verdict::Verified, false));
    assert_eq!(Layer::FinalOnly.verdict(c, ME), (Verdict::Disputed, false));
    assert_eq!(
        Layer::MineVsFinal.verdict(c, ME),
        (Verdict::Disputed, true),
        "mine differs"
    );
    assert_eq!(
        Layer::Reviewer(names[0].clone()).verdict(c, ME).0,
        c.verdict_of(&names[0])
    );
    assert_eq!(
        Layer::MineVsFinal.verdict(&p.claims[0], ME),
        (Verdict::Unreviewed, false)
    );

    let mut h = open(Some(&d.project), &d.recovery);
    h.get_by_label_contains("Colours show my verdicts");
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label(&format!("{}'s verdicts", names[1])).click();
    h.run_steps(3);
    h.get_by_label_contains(&format!("Colours show {}'s verdicts", names[1]));
    assert_eq!(h.state().article.layer, Layer::Reviewer(names[1].clone()));
    let app = h.state();
    let s = app.session.as_ref().unwrap();
    assert!(
        app.article
            .styles_are_current(s, ME, app.selected.as_deref(), true)
            || app
                .article
                .styles_are_current(s, ME, app.selected.as_deref(), false)
    );
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("where I differ from the final verdict")
        .click();
    h.run_steps(3);
    h.get_by_label_contains("Colours show where I differ from the final verdict");
}

/// Lets the hints computed on the worker arrive (nothing shows before).
fn hints_arrive(h: &mut Harness<'_, ClaimdeskApp>) {
    h.run_steps(1);
    h.state_mut().wait_for_jobs();
    h.run_steps(3);
    assert!(h.state().hints.hints.is_some(), "hints arrived");
}

fn claim_number(h: &Harness<'_, ClaimdeskApp>, starts: &str) -> usize {
    h.state()
        .session
        .as_ref()
        .unwrap()
        .project
        .claims
        .iter()
        .position(|c| c.quote.starts_with(starts))
        .expect("claim in the sample")
        + 1
}

fn hint_entries(h: &Harness<'_, ClaimdeskApp>, claim: &str) -> usize {
    let p = &h.state().session.as_ref().unwrap().project;
    p.audit
        .iter()
        .filter(|e| e.claim == claim && e.hint.is_some())
        .count()
}

#[test]
fn a_hint_shows_its_source_and_h_accepts_it_undoably() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    hints_arrive(&mut h);
    let n = claim_number(&h, "During the last 24 hours");
    h.get_by_label_contains(&format!("Claim {n}: During the last 24 hours"))
        .click();
    h.run_steps(2);
    let id = h.state().selected.clone().unwrap();
    assert_eq!(
        id,
        h.state().session.as_ref().unwrap().project.claims[n - 1].id
    );
    // The detail panel's hint: the detected source, the buttons with their keys.
    h.get_by_label("Hint");
    h.get_by_label("Ukraine's general staff");
    h.get_by_label("Accept (H)");
    h.get_by_label("Dismiss (X)");
    // The list row's marker says the same on hover.
    assert!(
        h.query_all_by_label_contains("Hint: attributed to Ukraine's general staff")
            .count()
            >= 1
    );
    press(&mut h, Key::H);
    let claim = |h: &Harness<'_, ClaimdeskApp>| {
        h.state().session.as_ref().unwrap().project.claims[n - 1].clone()
    };
    let r = claim(&h).review(ME).cloned().expect("a review");
    assert_eq!(r.attributed_to, "Ukraine's general staff");
    assert_eq!(r.verdict, Verdict::AttributedOnly);
    assert_eq!(
        hint_entries(&h, &id),
        1,
        "one audit entry, marked from a hint"
    );
    assert_eq!(h.state().detail.attributed_to, "Ukraine's general staff");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(claim(&h).review(ME).is_none(), "undo takes back both");
    assert_eq!(verdict(&h, n), Verdict::Unreviewed);
    assert_eq!(hint_entries(&h, &id), 0);
    assert_eq!(h.state().detail.attributed_to, "");
}

#[test]
fn a_dismissed_hint_stays_dismissed_after_save_and_reopen() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    hints_arrive(&mut h);
    let id = h.state().selected.clone().unwrap();
    assert!(h.state().hints.hints.as_ref().unwrap().get(&id).is_some());
    press(&mut h, Key::X);
    assert!(h.state().hints.dismissed.contains(&id));
    h.get_by_label("Restore (X)");
    assert!(h.query_by_label("Accept (H)").is_none());
    assert_eq!(hint_entries(&h, &id), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(!h.state().session.as_ref().unwrap().is_dirty());
    drop(h);
    let mut again = open(Some(&d.project), &d.recovery);
    hints_arrive(&mut again);
    assert_eq!(again.state().selected.as_deref(), Some(id.as_str()));
    assert!(again.state().hints.dismissed.contains(&id));
    again.get_by_label("Restore (X)");
    // X again restores it.
    press(&mut again, Key::X);
    assert!(!again.state().hints.dismissed.contains(&id));
    again.get_by_label("Dismiss (X)");
}

#[test]
fn most_check_worthy_first_and_the_claim_type_filter() {
    let d = desk();
    let mut h = open(Some(&d.project), &d.recovery);
    hints_arrive(&mut h);
    h.get_by_label("Most check-worthy first").click();
    h.run_steps(2);
    let score = |h: &Harness<'_, ClaimdeskApp>, i: usize| {
        let app = h.state();
        let id = &app.session.as_ref().unwrap().project.claims[i].id;
        app.hints
            .hints
            .as_ref()
            .unwrap()
            .get(id)
            .unwrap()
            .checkworthy
            .score
    };
    let visible = h.state().list.visible.clone();
    assert_eq!(visible.len(), 21);
    let scores: Vec<f64> = visible.iter().map(|&i| score(&h, i)).collect();
    let best = scores.iter().cloned().fold(f64::MIN, f64::max);
    assert_eq!(scores[0], best, "the highest score first");
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert_ne!(visible, (0..21).collect::<Vec<_>>(), "not article order");
    // J walks the list in that order.
    let first = h.state().session.as_ref().unwrap().project.claims[visible[0]]
        .id
        .clone();
    h.state_mut().select(Some(first));
    press(&mut h, Key::J);
    let second = &h.state().session.as_ref().unwrap().project.claims[visible[1]].id;
    assert_eq!(h.state().selected.as_ref(), Some(second));
    h.get_by_label("Most check-worthy first").click();
    h.run_steps(2);
    assert_eq!(h.state().list.visible, (0..21).collect::<Vec<_>>());

    // Claim type: only that type.
    let quantity: Vec<usize> = {
        let app = h.state();
        let p = &app.session.as_ref().unwrap().project;
        let hints = app.hints.hints.as_ref().unwrap();
        (0..p.claims.len())
            .filter(|&i| {
                hints.get(&p.claims[i].id).unwrap().claim_type
                    == claimdesk::hints::ClaimType::Quantity
            })
            .collect()
    };
    assert!(!quantity.is_empty() && quantity.len() < 21);
    h.get_by_label("Claim type").click();
    h.run_steps(2);
    // The combo's item (the detail panel may name the selected claim's type too).
    h.get_by_role_and_label(egui::Role::Button, "Quantity")
        .click();
    h.run_steps(3);
    assert_eq!(h.state().list.visible, quantity);
    h.get_by_label_contains(&format!("Showing {} of 21 claims", quantity.len()));
}

#[test]
fn hint_reasons_stay_on_one_line_each_and_inside_the_window() {
    use egui_kittest::kittest::NodeT;
    let d = desk();
    let mut h = harness(
        Some(&d.project),
        &d.recovery,
        [1280.0, 800.0],
        me(),
        RunOptions::default(),
    );
    settle(&mut h);
    for _ in 0..13 {
        press(&mut h, Key::J);
    }
    settle(&mut h);
    assert!(
        h.query_all_by_label_contains("Ukraine's general staff")
            .count()
            >= 1
    );
    let mut chips = 0;
    // Reasons read "signal: words" ("number: 24", "name: Russia").
    for node in h.get_all_by_role(egui::Role::Label) {
        let n = node.accesskit_node();
        let label = n.label().or_else(|| n.value()).unwrap_or_default();
        if !(label.contains("number: ") || label.contains("name: ")) {
            continue;
        }
        let r = node.rect();
        chips += 1;
        assert!(
            r.height() < 24.0,
            "{label:?} is one line, not stacked: {r:?}"
        );
        assert!(
            r.max.x <= 1280.0 && r.min.x >= 0.0,
            "{label:?} inside the window: {r:?}"
        );
    }
    assert!(chips >= 3, "the reasons are shown ({chips})");
}

/// The language the new-project form will split the text as.
fn language_shown(h: &Harness<'_, ClaimdeskApp>) -> String {
    h.get_by_role_and_label(egui::Role::ComboBox, "Language")
        .value()
        .unwrap_or_default()
}

#[test]
fn new_project_from_a_web_address_fills_the_form_from_the_page() {
    fn route(path: &str) -> http::Reply {
        match path {
            "/story" => http::Reply::html(http::page("wire-story.html")),
            _ => http::Reply {
                status: "404 Not Found",
                headers: vec![],
                body: vec![],
            },
        }
    }
    let base = http::serve(route);
    let d = desk();
    let mut h = open_with(None, &d.recovery, RunOptions::default());
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run_steps(2);
    // A scheme claimdesk does not fetch is refused before anything is sent.
    type_into(&mut h, "Web address", "ftp://example.org/a");
    h.get_by_label_contains("only http and https");
    h.get_by_role_and_label(egui::Role::TextInput, "Web address")
        .focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_role_and_label(egui::Role::TextInput, "Web address")
        .type_text(&format!("{base}/missing"));
    h.run_steps(1);
    h.get_by_label("Download").click();
    settle(&mut h);
    h.get_by_label_contains("the server answered 404");
    h.get_by_label("OK").click();
    h.run_steps(2);

    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run_steps(2);
    type_into(&mut h, "Web address", &format!("{base}/story"));
    press(&mut h, Key::Enter);
    settle(&mut h);
    // The form shows what the page says about itself, and the language it is written in.
    let title = h
        .get_by_role_and_label(egui::Role::TextInput, "Title")
        .value()
        .unwrap_or_default();
    assert!(!title.is_empty(), "the title comes from the page");
    assert_eq!(language_shown(&h), "English");
    h.get_by_label("Create project").click();
    settle(&mut h);
    let s = h.state().session.as_ref().expect("a new project is open");
    let a = &s.project.article;
    assert_eq!(a.title, title);
    assert_eq!(a.language, "en");
    let source = a.source.as_ref().expect("where the page came from is kept");
    assert_eq!(source.kind, SourceKind::Url);
    assert_eq!(source.from, format!("{base}/story"));
    assert!(s.project.claims.len() > 10);
    assert!(
        !a.text.contains('<'),
        "the text is the article, not the markup"
    );
}

#[test]
fn new_project_from_a_saved_page_in_another_language() {
    let d = desk();
    let options = no_native_dialogs();
    let mut h = open_with(None, &d.recovery, options);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    let page = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages/ukrainian-windows-1251.html");
    type_into(&mut h, "Path", page.to_str().unwrap());
    h.get_by_label("OK").click();
    settle(&mut h);
    h.get_by_label_contains("ukrainian-windows-1251.html");
    assert_eq!(language_shown(&h), "Ukrainian");
    h.get_by_label("Create project").click();
    settle(&mut h);
    let s = h.state().session.as_ref().expect("a new project is open");
    assert_eq!(s.project.article.language, "uk");
    assert_eq!(
        s.project.article.source.as_ref().map(|s| s.kind),
        Some(SourceKind::Html)
    );
    // The header says which language the statements were split as, and that hints read English.
    h.get_by_label_contains("Ukrainian");
    h.get_by_label_contains("no hints");
}

#[test]
fn an_arabic_article_says_plainly_that_right_to_left_layout_is_not_supported() {
    let d = desk();
    let text = "قال وزير الصحة إن عدد الإصابات ارتفع إلى 120 حالة. وأضاف أن المستشفيات تعمل بكامل طاقتها.\n";
    let p = claimdesk::article::new_project(
        claimdesk::article::ArticleInfo {
            title: "تقرير".into(),
            ..Default::default()
        },
        text.into(),
    );
    assert_eq!(p.article.language, "ar");
    let path = d.project.with_file_name("ar.ron");
    store::save(&path, &p).unwrap();
    // Arabic is drawn as boxes until the system font search lands.
    let mut h = build(
        Harness::builder()
            .with_size([1440.0, 900.0])
            .allow_missing_glyphs(),
        Some(&path),
        &d.recovery,
        me(),
        RunOptions::default(),
    );
    settle(&mut h);
    // The font search runs on its own thread; the header shows its verdict when it lands.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while h.state().scripts.notice.is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run_steps(1);
    }
    h.run_steps(1);
    h.get_by_label_contains("cannot lay out right-to-left scripts yet");
    // A Cyrillic article needs no notice: the bundled font draws it.
    let uk = claimdesk::article::new_project(
        claimdesk::article::ArticleInfo::default(),
        "Міністр заявив, що ситуація складна. Уряд готує нові заходи.\n".into(),
    );
    let path = d.project.with_file_name("uk.ron");
    store::save(&path, &uk).unwrap();
    let mut h = open(Some(&path), &d.recovery);
    settle(&mut h);
    // Only once its search has finished does "no notice" mean anything.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while h.state().scripts.is_searching() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run_steps(1);
    }
    assert!(
        !h.state().scripts.is_searching(),
        "the script check finished"
    );
    assert_eq!(h.state().scripts.notice, None);
}
