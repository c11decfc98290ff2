//! Pixel snapshots of the main view, light and dark, on the sample project, and of the main
//! view and the disagreement view with four reviewers at 1024×700 and at zoom 1.5 (nothing
//! may be clipped). Rendered by wgpu;
//! on a machine without a GPU that is Mesa's software renderer (lavapipe / llvmpipe).
//! Run: cargo test --features snapshots --test ui_snapshots
//! Update after an intended change: UPDATE_SNAPSHOTS=1 cargo test --features snapshots --test ui_snapshots
#![cfg(feature = "snapshots")]

use claimdesk::ui::settings::Settings;
use claimdesk::ui::{ClaimdeskApp, RunOptions};
use eframe::egui;
use egui_kittest::{Harness, SnapshotOptions};

fn main_view(theme: egui::Theme) -> Harness<'static, ClaimdeskApp> {
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_theme(theme)
        .wgpu()
        .build_eframe(|_cc| {
            let settings = Settings {
                reviewer: "Ana Kovač".into(),
                recent: Vec::new(),
                ..Settings::default()
            };
            let mut app = ClaimdeskApp::new(settings, None, RunOptions::default());
            app.open_path(std::path::Path::new("projects/nato-chief-kyiv.ron"));
            app
        });
    h.run_steps(4);
    h
}

fn options() -> SnapshotOptions {
    // Software rasterisers differ by a few anti-aliased pixels between Mesa versions.
    SnapshotOptions::new()
        .output_path("tests/ui_snapshots")
        .threshold(1.0)
        .max_failed_pixels(400)
}

#[test]
fn main_view_light() {
    main_view(egui::Theme::Light).snapshot_options("main_view_light", &options());
}

#[test]
fn main_view_dark() {
    main_view(egui::Theme::Dark).snapshot_options("main_view_dark", &options());
}

#[test]
fn disagreements_with_the_agreement_panel() {
    let mut h = main_view(egui::Theme::Light);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::D);
    h.run_steps(3);
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::A,
    );
    h.run_steps(5);
    h.snapshot_options("disagreements_agreement", &options());
}

#[test]
fn export_dialog() {
    let mut h = main_view(egui::Theme::Light);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run_steps(5);
    h.snapshot_options("export_dialog", &options());
}

/// The sample with four reviewers who disagree on a few claims, at a fixed path (the status
/// bar shows it, so it must not change between runs); one folder per test, tests run at once.
fn four_reviewers(test: &str) -> ((), std::path::PathBuf) {
    use claimdesk::model::Verdict;
    let dir = std::path::Path::new("target/snapshot-projects").join(test);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("four.ron");
    let mut p =
        claimdesk::store::load(std::path::Path::new("projects/nato-chief-kyiv.ron")).unwrap();
    let extra = [
        ("Chen Wei", Verdict::Disputed),
        ("Dara Ní Bhriain", Verdict::AttributedOnly),
    ];
    for c in [0usize, 2, 13] {
        let id = p.claims[c].id.clone();
        for (name, v) in extra {
            claimdesk::ops::set_verdict(&mut p, &id, name, v, "2026-11-20T10:00:00Z").unwrap();
            claimdesk::ops::set_note(
                &mut p,
                &id,
                name,
                &format!("{name} checked the ministry's figures against the wire copy."),
                "2026-11-20T10:00:00Z",
            )
            .unwrap();
        }
    }
    claimdesk::store::save(&path, &p).unwrap();
    ((), path)
}

fn sized(path: &std::path::Path, size: [f32; 2], zoom: f32) -> Harness<'static, ClaimdeskApp> {
    let path = path.to_path_buf();
    let mut h = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(zoom)
        .with_theme(egui::Theme::Light)
        .wgpu()
        .build_eframe(move |_cc| {
            let settings = Settings {
                reviewer: "Ana Kovač".into(),
                recent: Vec::new(),
                ..Settings::default()
            };
            let mut app = ClaimdeskApp::new(settings, None, RunOptions::default());
            app.open_path(&path);
            app
        });
    h.run_steps(4);
    h
}

#[test]
fn main_view_1024x700() {
    let (_dir, path) = four_reviewers("main_1024");
    sized(&path, [1024.0, 700.0], 1.0).snapshot_options("main_view_1024x700", &options());
}

#[test]
fn main_view_zoom_1_5() {
    // A 1440×900 window at zoom 1.5: 960×600 points.
    let (_dir, path) = four_reviewers("main_zoom");
    sized(&path, [960.0, 600.0], 1.5).snapshot_options("main_view_zoom_1_5", &options());
}

fn disagreement_view(size: [f32; 2], zoom: f32, name: &str) {
    let (_dir, path) = four_reviewers(name);
    let mut h = sized(&path, size, zoom);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::D);
    h.run_steps(4);
    h.snapshot_options(name, &options());
}

#[test]
fn disagreements_4_reviewers_1024x700() {
    disagreement_view([1024.0, 700.0], 1.0, "disagreements_4_reviewers_1024x700");
}

#[test]
fn disagreements_4_reviewers_zoom_1_5() {
    disagreement_view([960.0, 600.0], 1.5, "disagreements_4_reviewers_zoom_1_5");
}

#[test]
fn disagreements_4_reviewers_1440x900() {
    disagreement_view([1440.0, 900.0], 1.0, "disagreements_4_reviewers");
}
