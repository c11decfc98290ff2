//! Pixel snapshots of the main view, light and dark, on the sample project. Rendered by wgpu;
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
