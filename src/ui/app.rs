//! The workspace: panels, menus, dialogs and the one place where commands and actions are
//! applied each frame. Settings persist between runs; everything else is runtime state.

use super::article_view::ArticleView;
use super::claim_detail::ClaimDetail;
use super::claim_list::{ClaimList, verdict_badge};
use super::command::{Menu, UiCommand};
use super::dialogs::{
    AfterConfirm, ExportForm, FilePurpose, Modal, Picked, RecoveryOffer, native_file_dialog,
};
use super::settings::{STORAGE_KEY, Settings};
use super::theme::verdict_title;
use crate::article::ArticleInfo;
use crate::changes::describe_changes;
use crate::model::{Project, Verdict};
use crate::session::jobs::{Job, JobKind, Jobs, Waker};
use crate::session::recovery::{OpenMark, RecoveryStore};
use crate::session::watch::FileWatch;
use crate::session::{Action, Session};
use crate::store;
use eframe::egui::{self, RichText, ViewportCommand};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

mod claims;
mod desk;
mod file_jobs;
mod files;
mod hints;
mod panels;
mod scripts;
mod sync;

pub use hints::HintState;

/// How long after a change the crash-recovery copy is written (well inside the 5 s promise).
const AUTOSAVE_AFTER: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Close cleanly after this many frames (a test hook for CI).
    pub quit_after_frames: Option<u64>,
    /// Never ask the desktop for file dialogs; always offer the path field.
    pub no_native_dialogs: bool,
    /// How long after a change the recovery copy is written (default 2 s; benches use 0).
    pub autosave_after: Option<Duration>,
    /// Print each frame's number and why it was painted (`CLAIMDESK_DEBUG_REPAINTS=1`): to count
    /// frames per key press in the real window.
    pub debug_repaints: bool,
    /// Where desks' caches go (this machine's cache folder when `None`; tests use their own).
    pub cache_dir: Option<PathBuf>,
    /// The claimdesk program git runs to merge project files on a sync (this program when
    /// `None`; tests of the app name the real binary).
    pub driver_exe: Option<PathBuf>,
}

/// How a save treats what is on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveMode {
    /// Compare with the disk and merge in someone else's changes first (Save).
    Compare,
    /// Replace whatever the file holds (Save As to a chosen file).
    Replace,
    /// Write over a file that is read-only or no longer a project (the reviewer said so).
    Overwrite,
}

#[derive(Default)]
struct Autosave {
    /// When the first change not yet in the recovery copy happened.
    due_since: Option<Instant>,
    /// (revision, drafts) last written.
    written: Option<(u64, u64)>,
}

/// The open file's link with the disk: the watch, the mark that it is open in this window,
/// and changes found there waiting for the reviewer's word.
#[derive(Default)]
pub struct FileLink {
    pub watch: Option<FileWatch>,
    pub mark: Option<OpenMark>,
    /// Someone else's version on disk, merged with ours at `serial`, offered to bring in.
    pub incoming: Option<(u64, Box<crate::session::disk::Incoming>)>,
    /// Check the disk again once the running jobs are done.
    pub recheck: bool,
    /// A problem with the file on disk, shown above the article until it is solved.
    pub warning: Option<String>,
}

pub struct ClaimdeskApp {
    pub settings: Settings,
    pub session: Option<Session>,
    pub selected: Option<String>,
    pub article: ArticleView,
    pub list: ClaimList,
    pub detail: ClaimDetail,
    /// Hints for the open project, as far as they have arrived from the worker.
    pub hints: HintState,
    /// System fonts for scripts the bundled fonts lack, and what still cannot be shown.
    pub scripts: scripts::ScriptFonts,
    pub modal: Modal,
    /// The last thing that happened, shown in the status bar.
    pub status: String,
    pub recovery: Option<RecoveryStore>,
    autosave: Autosave,
    /// Slow work in flight (save, recovery copy, open, merge, export, disk check).
    pub jobs: Jobs,
    waker: Option<Waker>,
    pub file: FileLink,
    /// The open desk (a folder of projects), if any: its view, search and "checked before".
    pub desk: Option<super::desk::Desk>,
    /// The desk view is shown instead of the workspace.
    pub show_desk: bool,
    /// The claim to select once this project file is open (from a desk search hit).
    pending_claim: Option<(PathBuf, String)>,
    /// File → Sync running on its own thread.
    sync: Option<sync::SyncRun>,
    /// Edits made while a job that replaces the project runs; applied when it is done.
    queued: Vec<Action>,
    /// What to do once the running save succeeds (Save in "Save your changes?").
    after_save: Option<AfterConfirm>,
    /// A native file dialog running on its own thread.
    dialog: Option<Receiver<(FilePurpose, Picked)>>,
    commands: Vec<UiCommand>,
    dialog_commands: Vec<super::dialogs::DialogCommand>,
    actions: Vec<Action>,
    /// The reviewer chose to quit (after saving or discarding): the close may go ahead.
    quit_confirmed: bool,
    /// The open running in the background was asked read-only.
    pending_read_only: bool,
    /// A close was asked while a save ran: close once it is done.
    quit_when_idle: bool,
    /// Commands that wait for a running save or merge (undo, redo).
    deferred: Vec<UiCommand>,
    /// What the worker is doing, for the status bar.
    busy: Option<String>,
    quit_requested: bool,
    selected_hint: std::cell::Cell<usize>,
    title: String,
    frames: u64,
    options: RunOptions,
}

impl ClaimdeskApp {
    pub fn new(settings: Settings, recovery: Option<RecoveryStore>, options: RunOptions) -> Self {
        let mut app = ClaimdeskApp {
            settings,
            session: None,
            selected: None,
            article: ArticleView::default(),
            list: ClaimList::default(),
            detail: ClaimDetail::default(),
            hints: HintState::default(),
            scripts: scripts::ScriptFonts::default(),
            modal: Modal::None,
            status: String::new(),
            recovery,
            autosave: Autosave::default(),
            jobs: Jobs::default(),
            waker: None,
            file: FileLink::default(),
            desk: None,
            show_desk: false,
            pending_claim: None,
            sync: None,
            queued: Vec::new(),
            after_save: None,
            dialog: None,
            commands: Vec::new(),
            dialog_commands: Vec::new(),
            actions: Vec::new(),
            quit_confirmed: false,
            pending_read_only: false,
            quit_when_idle: false,
            deferred: Vec::new(),
            busy: None,
            quit_requested: false,
            selected_hint: std::cell::Cell::new(0),
            title: String::new(),
            frames: 0,
            options,
        };
        if app.settings.reviewer.trim().is_empty() {
            app.modal = Modal::AskReviewer {
                name: String::new(),
            };
        }
        app.offer_recovery();
        app
    }

    /// Start-up as eframe creates the app: remembered settings, the data folder for recovery
    /// copies, and the project named on the command line.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        project: Option<PathBuf>,
        options: RunOptions,
    ) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        let data = std::env::var_os("CLAIMDESK_DATA_DIR")
            .map(PathBuf::from)
            .or_else(|| eframe::storage_dir(super::APP_ID));
        let mut app = ClaimdeskApp::new(
            settings,
            data.map(|d| RecoveryStore::new(d.join("recovery"))),
            options,
        );
        if let Some(dir) = project.as_ref().filter(|p| p.is_dir()) {
            // `claimdesk DIR`: the desk view. The waker is set now so the desk's workers can
            // wake the first frames.
            let ctx = cc.egui_ctx.clone();
            let waker: crate::session::jobs::Waker = Arc::new(move || ctx.request_repaint());
            app.jobs.set_waker(Arc::clone(&waker));
            app.waker = Some(waker);
            app.open_desk(dir);
            return app;
        }
        if let Some(path) = project {
            // A pending recovery offer for this very file wins: it holds newer work.
            let offered = matches!(&app.modal, Modal::Recovery { offers } if offers.iter().any(|o| o.file.as_deref().map(std::path::absolute).and_then(Result::ok) == std::path::absolute(&path).ok()));
            if !offered {
                app.open_path(&path);
            }
        }
        app
    }

    pub fn reviewer(&self) -> &str {
        self.settings.reviewer.trim()
    }

    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let (Some(store), Some(s)) = (&self.recovery, &self.session) else {
            return;
        };
        let drafts = self.draft_actions();
        if !s.is_dirty() && drafts.is_empty() {
            self.autosave.due_since = None;
            return;
        }
        let key = (s.revision, hash_actions(&drafts));
        if self.autosave.written == Some(key) {
            return;
        }
        let since = *self.autosave.due_since.get_or_insert_with(Instant::now);
        let waited = since.elapsed();
        let after = self.options.autosave_after.unwrap_or(AUTOSAVE_AFTER);
        if waited < after {
            ctx.request_repaint_after(after - waited);
            return;
        }
        if self.jobs.is_running(JobKind::Autosave) {
            return; // the next one starts when this one reports back (which repaints)
        }
        // A snapshot costs one reference: the worker writes it (with the drafts applied to a
        // copy of its own) while the reviewer goes on.
        self.jobs.start(Job::Autosave {
            store: store.clone(),
            file: s.path.clone(),
            project: Arc::clone(&s.project),
            drafts,
            reviewer: self.settings.reviewer.trim().to_string(),
        });
        self.autosave.written = Some(key);
        self.autosave.due_since = None;
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.session {
            Some(s) => {
                let name = s
                    .path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map_or("Untitled".into(), |n| n.to_string_lossy().into_owned());
                format!(
                    "{}{name} — claimdesk",
                    if self.is_dirty() { "• " } else { "" }
                )
            }
            None => "claimdesk".into(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Runs one frame of the workspace.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.frames += 1;
        if self.frames == 1 {
            calm_style(&ctx);
            // egui's memory is kept between runs; the keyboard focus of the last run is not.
            ctx.memory_mut(|m| m.stop_text_input());
        }
        if self.options.debug_repaints {
            // Why this frame was painted: the repaint requests of the last one.
            eprintln!(
                "frame {} at {:.3}: focus {:?}, {:?}",
                self.frames,
                ctx.input(|i| i.time),
                ctx.memory(|m| m.focused()),
                ctx.repaint_causes()
            );
        }
        if let Some(n) = self.options.quit_after_frames {
            if self.frames >= n {
                self.quit_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            } else {
                ctx.request_repaint();
            }
        }
        self.poll_jobs(&ctx);
        self.poll_desk();
        self.poll_sync();
        self.refresh_hints();
        self.scripts
            .refresh(&ctx, self.session.as_ref().map(|s| &*s.project));
        // The guard looks at the state now, whatever dialogs came before: unsaved work is
        // asked about unless the reviewer just chose Save or Discard for quitting.
        if ctx.input(|i| i.viewport().close_requested()) {
            if self.jobs.is_running(JobKind::Save) || self.jobs.is_running(JobKind::Export) {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.status = "Waiting for the save to finish before closing".into();
                self.quit_when_idle = true;
            } else if !self.quit_confirmed && self.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.modal = Modal::ConfirmUnsaved {
                    then: AfterConfirm::Quit,
                };
            }
        }
        if self.quit_when_idle
            && !self.jobs.is_running(JobKind::Save)
            && !self.jobs.is_running(JobKind::Export)
        {
            self.quit_when_idle = false;
            self.after_confirm(AfterConfirm::Quit);
        }
        self.handle_dropped_files(&ctx);
        // Shortcuts work while no dialog asks a question; a dialog that only tells something
        // (a report, an error, the agreement figures, the shortcut sheet) steps aside for them.
        if self.modal.is_passive() {
            let keys = UiCommand::from_keyboard(&ctx, &self.settings.keymap);
            if !keys.is_empty() {
                self.modal = Modal::None;
            }
            self.commands.extend(keys);
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.file.incoming.is_some() || self.file.warning.is_some() {
            egui::Panel::top("file-banner").show(ui, |ui| self.file_banner(ui));
        }
        if self.show_desk && self.desk.is_some() {
            self.desk_view(ui);
        } else {
            self.workspace(ui);
        }
        let view = super::modals::DialogView {
            reviewer: &self.settings.reviewer,
            keymap: &self.settings.keymap,
            project_path: self.session.as_ref().and_then(|s| s.path.as_deref()),
        };
        let asked = super::modals::show(&mut self.modal, &ctx, &view);
        self.dialog_commands.extend(asked);
        if !self.jobs.holds_project() && !self.session.as_ref().is_some_and(|s| s.is_shared()) {
            for action in std::mem::take(&mut self.queued) {
                self.apply(action);
            }
        }
        for action in std::mem::take(&mut self.actions) {
            self.apply(action);
        }
        if !self.jobs.holds_project() && !self.session.as_ref().is_some_and(|s| s.is_shared()) {
            let deferred = std::mem::take(&mut self.deferred);
            self.commands.splice(0..0, deferred);
        }
        // The one place where what panels, dialogs and keys asked for is run.
        for cmd in std::mem::take(&mut self.dialog_commands) {
            self.run_dialog_command(cmd);
        }
        for cmd in std::mem::take(&mut self.commands) {
            self.run_command(cmd);
        }
        if self.quit_requested {
            self.quit_requested = false;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
    }

    /// Called by eframe on a clean exit: the recovery copy is no longer needed.
    pub fn exit(&mut self) {
        // A save in flight finishes before the process ends; its result is taken.
        self.wait_for_jobs();
        let dirty = self.is_dirty();
        if let (Some(store), Some(s)) = (&self.recovery, &self.session)
            && (!dirty || self.quit_confirmed)
        {
            store.remove(s.path.as_deref());
        }
    }
}

/// A frame is painted only when something changed: no animations, no blinking text cursor (a repaint every
/// half second while a field has the keyboard, costly on a software renderer) and labels that
/// are not text-selectable (a selected label paints a blinking cursor too).
fn calm_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.visuals.text_cursor.blink = false;
        style.interaction.selectable_labels = false;
        // Fades (scroll bars appearing, hover colours) cost a frame each step: none.
        style.animation_time = 0.0;
    });
}

/// Beside the project, named like it, with the format's extension.
pub fn export_path(project: Option<&Path>, format: crate::export::Format) -> String {
    let base = project.map_or_else(|| PathBuf::from("report"), Path::to_path_buf);
    base.with_extension(format.extension())
        .display()
        .to_string()
}

fn hash_actions(actions: &[Action]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{actions:?}").hash(&mut h);
    h.finish()
}

/// A mouse-wheel notch scrolls at once. egui eases a notch over about a tenth of a second,
/// a dozen frames, each a full repaint (on a software renderer some 35 ms of CPU apiece);
/// movements under 8 points it applies at once, so a notch is handed over as such steps.
pub fn instant_wheel(ctx: &egui::Context, raw: &mut egui::RawInput) {
    if !raw
        .events
        .iter()
        .any(|e| matches!(e, egui::Event::MouseWheel { .. }))
    {
        return;
    }
    let line = ctx.options(|o| o.input_options.line_scroll_speed);
    let events = std::mem::take(&mut raw.events);
    for e in events {
        match e {
            egui::Event::MouseWheel {
                unit,
                delta,
                phase,
                source,
                modifiers,
            } if unit != egui::MouseWheelUnit::Page => {
                let points = if unit == egui::MouseWheelUnit::Line {
                    delta * line
                } else {
                    delta
                };
                let steps = (points.length() / 7.5).ceil().max(1.0);
                for _ in 0..steps as usize {
                    raw.events.push(egui::Event::MouseWheel {
                        unit: egui::MouseWheelUnit::Point,
                        delta: points / steps,
                        phase,
                        source,
                        modifiers,
                    });
                }
            }
            other => raw.events.push(other),
        }
    }
}

impl eframe::App for ClaimdeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        instant_wheel(ctx, raw_input);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.exit();
    }
}
