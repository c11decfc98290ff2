//! The desktop workspace (egui/eframe). It reads the core's model and changes it only by
//! `session::Action`s, applied in one place each frame (`app::ClaimdeskApp::frame`).

pub mod agreement_view;
pub mod app;
pub mod article_view;
pub mod claim_detail;
pub mod claim_list;
pub mod command;
pub mod desk;
pub mod dialogs;
pub mod fonts;
pub mod keymap;
mod modals;
pub mod settings;
pub mod theme;

pub use app::{ClaimdeskApp, RunOptions};

/// Names the app's data folder (settings, crash-recovery copies).
pub const APP_ID: &str = "claimdesk";

/// Opens the workspace window, optionally on a project file.
pub fn run(project: Option<std::path::PathBuf>, options: RunOptions) -> Result<(), String> {
    let native = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("claimdesk")
            .with_app_id(APP_ID)
            // Fits a 1440×900 screen with its title bar and task bar; remembered once resized.
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        native,
        Box::new(move |cc| {
            Ok(Box::new(ClaimdeskApp::from_creation_context(
                cc, project, options,
            )))
        }),
    )
    .map_err(|e| format!("could not open the window: {e}"))
}
