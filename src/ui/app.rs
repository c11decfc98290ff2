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
use crate::article::{ArticleInfo, decode_article, new_project};
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

mod file_jobs;

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
    pub modal: Modal,
    /// The last thing that happened, shown in the status bar.
    pub status: String,
    pub recovery: Option<RecoveryStore>,
    autosave: Autosave,
    /// Slow work in flight (save, recovery copy, open, merge, export, disk check).
    pub jobs: Jobs,
    waker: Option<Waker>,
    pub file: FileLink,
    /// Edits made while a job that replaces the project runs; applied when it is done.
    queued: Vec<Action>,
    /// What to do once the running save succeeds (Save in "Save your changes?").
    after_save: Option<AfterConfirm>,
    /// A native file dialog running on its own thread.
    dialog: Option<Receiver<(FilePurpose, Picked)>>,
    commands: Vec<UiCommand>,
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
            modal: Modal::None,
            status: String::new(),
            recovery,
            autosave: Autosave::default(),
            jobs: Jobs::default(),
            waker: None,
            file: FileLink::default(),
            queued: Vec::new(),
            after_save: None,
            dialog: None,
            commands: Vec::new(),
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

    // ----- files -------------------------------------------------------------------------

    /// Opens a project file now (start-up, tests). On failure the open project stays and the
    /// error is shown. A file open in another window is not opened: the reviewer is asked.
    pub fn open_path(&mut self, path: &Path) -> bool {
        let Some(mark) = self.mark_open(path, false) else {
            return false;
        };
        match Session::open(path) {
            Ok(session) => {
                self.opened(path, session, mark);
                true
            }
            Err(e) => {
                self.open_failed(&e);
                false
            }
        }
    }

    /// Opens a project file on the worker (from the menu, recent files, a dropped file).
    pub fn open_in_background(&mut self, path: &Path, read_only: bool) {
        if self.mark_open(path, read_only).is_none() {
            return;
        }
        self.status = format!("Opening {}…", path.display());
        self.pending_read_only = read_only;
        self.jobs.start(Job::Open {
            path: path.to_path_buf(),
        });
    }

    /// Marks `path` open in this window. `None` when another window has it open (then the
    /// reviewer is asked, unless `anyway`); `Some(None)` when no mark could be made.
    fn mark_open(&mut self, path: &Path, anyway: bool) -> Option<Option<OpenMark>> {
        let Some(store) = &self.recovery else {
            return Some(None);
        };
        match store.mark_open(path) {
            Ok(Some(mark)) => Some(Some(mark)),
            Ok(None) if anyway => Some(None),
            Ok(None) => {
                self.modal = Modal::OpenElsewhere {
                    path: path.to_path_buf(),
                };
                None
            }
            Err(_) => Some(None),
        }
    }

    pub fn opened(&mut self, path: &Path, session: Session, mark: Option<OpenMark>) {
        self.settings.remember(path);
        self.status = if session.read_only {
            format!(
                "Opened {} read-only (it is open in another window)",
                path.display()
            )
        } else {
            format!("Opened {}", path.display())
        };
        self.replace_session(Some(session));
        self.file.mark = mark;
    }

    fn open_failed(&mut self, e: &store::LoadError) {
        self.modal = Modal::Error {
            title: "Could not open the project".into(),
            message: e.to_string(),
        };
        self.status = e.to_string();
    }

    fn replace_session(&mut self, session: Option<Session>) {
        if let Some(old) = &self.session
            && let Some(store) = &self.recovery
        {
            store.remove(old.path.as_deref());
        }
        self.session = session;
        self.selected = self
            .session
            .as_ref()
            .and_then(|s| s.project.claims.first().map(|c| c.id.clone()));
        self.article = ArticleView::default();
        let filter = std::mem::take(&mut self.list.filter);
        self.list = ClaimList::default();
        self.list.filter = filter;
        self.detail = ClaimDetail::default();
        self.autosave.due_since = None;
        self.autosave.written = None;
        self.file = FileLink::default();
        self.queued.clear();
    }

    fn is_dirty(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.is_dirty()) || !self.draft_actions().is_empty()
    }

    /// Typed text not yet turned into actions.
    fn draft_actions(&self) -> Vec<Action> {
        self.detail.commit(self.selected_claim(), self.reviewer())
    }

    fn commit_drafts(&mut self) {
        let claim = self.selected_claim().cloned();
        let actions = self.detail.commit(claim.as_ref(), self.reviewer());
        for a in actions {
            self.apply(a);
        }
    }

    /// Starts saving to the project's file (on the worker). Returns false when no save
    /// started (no file yet: Save As is asked instead; read-only; a save already running).
    pub fn save(&mut self) -> bool {
        self.commit_drafts();
        let Some(s) = &self.session else {
            return false;
        };
        let Some(path) = s.path.clone() else {
            self.choose_file(FilePurpose::SaveAs);
            return false;
        };
        if s.read_only {
            self.modal = Modal::Error {
                title: "Opened read-only".into(),
                message: format!(
                    "{} is open in another window, so this window opened it read-only. Use Save As to keep a copy of your own.",
                    path.display()
                ),
            };
            return false;
        }
        self.start_save(&path, SaveMode::Compare)
    }

    /// Starts writing the project to another file, replacing what is there.
    pub fn save_as(&mut self, path: &Path) -> bool {
        self.commit_drafts();
        self.start_save(path, SaveMode::Replace)
    }

    pub fn start_save(&mut self, path: &Path, mode: SaveMode) -> bool {
        let Some(s) = &self.session else {
            return false;
        };
        if self.jobs.is_running(JobKind::Save) {
            self.status = "A save is already running".into();
            return false;
        }
        let mut request = s.save_request(path, mode == SaveMode::Replace);
        request.overwrite_unreadable = mode == SaveMode::Overwrite;
        request.overwrite_read_only = mode == SaveMode::Overwrite;
        let serial = s.serial();
        self.jobs.start(Job::Save { serial, request });
        self.status = format!("Saving {}…", path.display());
        true
    }

    /// Native dialog, or a path field where no dialog service answers.
    fn choose_file(&mut self, purpose: FilePurpose) {
        let suggested = self.session.as_ref().and_then(|s| {
            s.path
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
        });
        if self.options.no_native_dialogs {
            self.dialog_answered(purpose, Picked::NoService);
            return;
        }
        if self.dialog.is_some() {
            return; // one dialog at a time
        }
        // The desktop's dialog blocks until the reviewer answers: on a thread of its own, so
        // the window keeps drawing.
        let (tx, rx) = std::sync::mpsc::channel();
        let waker = self.waker.clone();
        std::thread::spawn(move || {
            let picked = native_file_dialog(purpose, suggested.as_deref());
            let _ = tx.send((purpose, picked));
            if let Some(w) = waker {
                w();
            }
        });
        self.dialog = Some(rx);
    }

    fn dialog_answered(&mut self, purpose: FilePurpose, picked: Picked) {
        match picked {
            Picked::File(path) => self.file_chosen(purpose, &path),
            Picked::Cancelled => {}
            Picked::NoService => {
                self.modal = Modal::PathPrompt {
                    purpose,
                    path: String::new(),
                    why:
                        "No file dialog service is available on this desktop; type the file's path."
                            .into(),
                }
            }
        }
    }

    fn file_chosen(&mut self, purpose: FilePurpose, path: &Path) {
        match purpose {
            FilePurpose::Open => self.open_in_background(path, false),
            FilePurpose::SaveAs => {
                self.save_as(path);
            }
            FilePurpose::NewFromArticle => self.start_new_from_article(path),
            FilePurpose::Merge => self.merge_file(path),
            FilePurpose::Export(_) => {
                if let Modal::Export(form) = &mut self.modal {
                    form.path = path.display().to_string();
                }
            }
        }
    }

    /// Writes the export the dialog describes; publisher settings typed there are kept in the
    /// project (undoable) so the next export has them.
    pub fn export(&mut self, form: &ExportForm) -> bool {
        let Some(s) = &mut self.session else {
            return false;
        };
        if form.format.needs_publisher() || s.project.publisher.is_some() {
            let p = &form.publisher;
            let blank = p.name.trim().is_empty()
                && p.url.trim().is_empty()
                && p.review_url.trim().is_empty();
            s.set_publisher((!blank).then(|| p.clone()));
        }
        let options = crate::export::ExportOptions {
            verdicts: form.verdicts.clone(),
            ..Default::default()
        };
        let path = PathBuf::from(form.path.trim());
        self.status = format!("Exporting {}…", path.display());
        self.jobs.start(Job::Export {
            project: Arc::clone(&s.project),
            format: form.format,
            options,
            path,
        });
        true
    }

    /// Asks the desktop where to write an export (the dialog's path field works without it).
    pub fn choose_export_path(&mut self, format: crate::export::Format) {
        if self.options.no_native_dialogs {
            return;
        }
        self.choose_file(FilePurpose::Export(format));
    }

    /// Merges a reviewer's project file into the open project, as one undoable step. Nothing
    /// either file holds is dropped; what the merge did is shown.
    pub fn merge_file(&mut self, path: &Path) {
        let Some(s) = &self.session else { return };
        self.status = format!("Merging {}…", path.display());
        self.jobs.start(Job::Merge {
            path: path.to_path_buf(),
            ours: Arc::clone(&s.project),
        });
    }

    fn start_new_from_article(&mut self, path: &Path) {
        let text = std::fs::read(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))
            .and_then(|b| decode_article(b).map_err(|m| format!("{}: {m}", path.display())));
        match text {
            Ok(text) => {
                let title = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.modal = Modal::ArticleInfo {
                    source: Some(path.to_path_buf()),
                    info: ArticleInfo {
                        title,
                        ..ArticleInfo::default()
                    },
                    text,
                };
            }
            Err(message) => {
                self.modal = Modal::Error {
                    title: "Could not read the article".into(),
                    message,
                }
            }
        }
    }

    /// Makes a new, unsaved project from an article's text.
    pub fn create_project(&mut self, info: ArticleInfo, text: String) {
        let mut session = Session::new(new_project(info, text), None);
        session.mark_dirty();
        self.replace_session(Some(session));
        self.status = "New project: save it to give it a file".into();
    }

    /// Runs `then` now, or first asks Save / Discard / Cancel when there is unsaved work.
    fn after_confirm(&mut self, then: AfterConfirm) {
        if self.is_dirty() {
            self.modal = Modal::ConfirmUnsaved { then };
        } else {
            self.proceed(then);
        }
    }

    pub fn proceed_after(&mut self, then: AfterConfirm) {
        self.proceed(then);
    }

    /// Drops unsaved work on the reviewer's word: drafts and the recovery copy go too. Work
    /// done after this is guarded again like any other.
    pub fn discard_changes(&mut self) {
        self.detail.reload();
        if let (Some(store), Some(s)) = (&self.recovery, &self.session) {
            store.remove(s.path.as_deref());
        }
        if let Some(s) = &mut self.session {
            while s.is_dirty() && s.undo() {}
        }
        self.autosave.due_since = None;
    }

    pub fn start_new_from_article_path(&mut self, path: &Path) {
        self.start_new_from_article(path);
    }

    pub fn restore_offer(&mut self, offer: &RecoveryOffer) {
        self.restore(offer);
    }

    fn proceed(&mut self, then: AfterConfirm) {
        match then {
            AfterConfirm::Quit => {
                if let (Some(store), Some(s)) = (&self.recovery, &self.session) {
                    store.remove(s.path.as_deref());
                }
                self.quit_confirmed = true;
                self.commands.clear();
                self.quit_requested = true;
            }
            AfterConfirm::Open(Some(path)) => self.open_in_background(&path, false),
            AfterConfirm::Open(None) => self.choose_file(FilePurpose::Open),
            AfterConfirm::NewFromArticle(Some(path)) => self.start_new_from_article(&path),
            AfterConfirm::NewFromArticle(None) => self.choose_file(FilePurpose::NewFromArticle),
            AfterConfirm::NewFromText => {
                self.modal = Modal::ArticleInfo {
                    source: None,
                    info: ArticleInfo::default(),
                    text: String::new(),
                }
            }
        }
    }

    fn offer_recovery(&mut self) {
        let Some(store) = &self.recovery else { return };
        let mut offers = Vec::new();
        for (copy_path, copy) in store.leftovers() {
            match copy {
                Ok(copy) => {
                    let changes = match &copy.file {
                        Some(f) => match store::load(f) {
                            Ok(saved) => describe_changes(&saved, &copy.project),
                            Err(_) => vec![format!(
                                "{} is missing or unreadable; the copy holds the whole project",
                                f.display()
                            )],
                        },
                        None => vec!["a project that was never saved".into()],
                    };
                    offers.push(RecoveryOffer {
                        copy_path,
                        file: copy.file,
                        written: copy.written,
                        changes,
                    });
                }
                Err(e) => self.status = format!("A recovery copy could not be read: {e}"),
            }
        }
        if !offers.is_empty() {
            self.modal = Modal::Recovery { offers };
        }
    }

    fn restore(&mut self, offer: &RecoveryOffer) {
        match crate::session::recovery::read(&offer.copy_path) {
            Ok(copy) => {
                let mark = match &copy.file {
                    Some(f) => match self.mark_open(f, false) {
                        Some(m) => m,
                        None => return, // open elsewhere: the reviewer is asked first
                    },
                    None => None,
                };
                let mut session = Session::new(copy.project, copy.file.clone());
                if let Some(f) = &copy.file {
                    // What the copy was based on is unknown: the save merges the copy with
                    // whatever the file holds now, so work saved there since is not lost.
                    session.disk = Some(crate::session::disk::DiskState {
                        fingerprint: crate::session::disk::Fingerprint::of(b"", None),
                        base: Arc::new(String::new()),
                    });
                    let _ = f;
                }
                session.mark_dirty();
                self.replace_session(Some(session));
                self.file.mark = mark;
                if let Some(store) = &self.recovery {
                    store.remove_leftover(&offer.copy_path);
                }
                self.status = "Restored unsaved work; save to keep it".into();
            }
            Err(e) => self.status = format!("The recovery copy could not be read: {e}"),
        }
    }

    // ----- claims and actions ------------------------------------------------------------

    /// Index of the selected claim; remembers where it was, since this is asked every frame.
    pub fn selected_index(&self) -> Option<usize> {
        let s = self.session.as_ref()?;
        let i = s
            .project
            .claim_index_near(self.selected.as_deref()?, self.selected_hint.get())?;
        self.selected_hint.set(i);
        Some(i)
    }

    pub fn selected_claim(&self) -> Option<&crate::model::Claim> {
        let i = self.selected_index()?;
        self.session.as_ref().map(|s| &s.project.claims[i])
    }

    /// Selects a claim, first turning the previous claim's drafts into actions.
    pub fn select(&mut self, id: Option<String>) {
        if id == self.selected {
            return;
        }
        self.commit_drafts();
        self.selected = id;
        if let (Some(s), Some(id)) = (&self.session, &self.selected)
            && let Some(i) = s.project.claim_index(id)
        {
            self.article.scroll_to(s.project.claims[i].start);
            self.list.reveal(i);
        }
    }

    /// Applies one action under the reviewer's name; the only way the UI changes a project.
    pub fn apply(&mut self, action: Action) {
        if self.reviewer().is_empty() {
            self.modal = Modal::AskReviewer {
                name: String::new(),
            };
            self.status = "Enter your reviewer name first".into();
            return;
        }
        if self.jobs.holds_project() {
            // A save or merge is about to replace the project: the edit waits for it.
            self.queued.push(action);
            return;
        }
        let reviewer = self.settings.reviewer.trim().to_string();
        let Some(s) = &mut self.session else { return };
        match s.apply(action, &reviewer) {
            Ok(Some(id)) if s.project.claim(&id).is_some() => {
                if self.selected.as_deref() != Some(id.as_str()) {
                    self.selected = Some(id);
                    self.detail.reload();
                }
            }
            Ok(_) => {}
            Err(e) => self.status = e.to_string(),
        }
    }

    /// Selects the next claim after the selected one (wrapping round) that `wanted` picks, or
    /// says there is none.
    fn jump(&mut self, wanted: impl Fn(&crate::model::Claim) -> bool, none: &str) {
        let Some(s) = &self.session else { return };
        let claims = &s.project.claims;
        let start = self.selected_index().map_or(0, |i| i + 1);
        let found = (0..claims.len())
            .map(|k| (start + k) % claims.len().max(1))
            .find(|&i| wanted(&claims[i]))
            .map(|i| claims[i].id.clone());
        match found {
            Some(id) => self.select(Some(id)),
            None => self.status = none.to_string(),
        }
    }

    fn step(&mut self, forward: bool) {
        let Some(s) = &self.session else { return };
        if let Some(id) = &self.selected
            && let Some(i) = s.project.claim_index(id)
        {
            self.list
                .refresh(&s.project, s.revision, self.settings.reviewer.trim());
            let rows = &self.list.visible;
            let pos = rows.partition_point(|&r| r < i);
            let next = if forward {
                rows.get(if rows.get(pos) == Some(&i) {
                    pos + 1
                } else {
                    pos
                })
            } else {
                pos.checked_sub(1).and_then(|p| rows.get(p))
            };
            if let Some(&n) = next {
                let id = s.project.claims[n].id.clone();
                self.select(Some(id));
            }
            return;
        }
        let first = self
            .list
            .visible
            .first()
            .map(|&i| s.project.claims[i].id.clone());
        self.select(first);
    }

    pub fn run_command(&mut self, cmd: UiCommand) {
        let selected = self.selected.clone();
        match cmd {
            UiCommand::NewFromArticle => self.after_confirm(AfterConfirm::NewFromArticle(None)),
            UiCommand::NewFromText => self.after_confirm(AfterConfirm::NewFromText),
            UiCommand::Open => self.after_confirm(AfterConfirm::Open(None)),
            UiCommand::Save => {
                self.save();
            }
            UiCommand::SaveAs => {
                self.commit_drafts();
                if self.session.is_some() {
                    self.choose_file(FilePurpose::SaveAs);
                }
            }
            UiCommand::Export => {
                self.commit_drafts();
                if let Some(s) = &self.session {
                    let format = crate::export::Format::Html;
                    self.modal = Modal::Export(Box::new(ExportForm {
                        format,
                        verdicts: Vec::new(),
                        publisher: s.project.publisher.clone().unwrap_or_default(),
                        path: export_path(s.path.as_deref(), format),
                    }));
                }
            }
            UiCommand::Quit => self.after_confirm(AfterConfirm::Quit),
            UiCommand::Undo | UiCommand::Redo if self.jobs.holds_project() => {
                // Undo waits for a running save or merge, like any other edit.
                self.deferred.push(cmd);
            }
            UiCommand::Undo | UiCommand::Redo => {
                self.commit_drafts();
                if let Some(s) = &mut self.session {
                    let label = if cmd == UiCommand::Undo {
                        s.can_undo()
                    } else {
                        s.can_redo()
                    };
                    let done = if cmd == UiCommand::Undo {
                        s.undo()
                    } else {
                        s.redo()
                    };
                    self.status = match (done, label) {
                        (true, Some(l)) => format!("{} {l}", cmd.label()),
                        _ => format!("Nothing to {}", cmd.label().to_lowercase()),
                    };
                    if self
                        .selected
                        .as_ref()
                        .is_some_and(|id| s.project.claim(id).is_none())
                    {
                        self.selected = None;
                    }
                }
                self.detail.reload();
            }
            UiCommand::NextClaim => self.step(true),
            UiCommand::PreviousClaim => self.step(false),
            UiCommand::TagVerified
            | UiCommand::TagAttributedOnly
            | UiCommand::TagDisputed
            | UiCommand::TagUnreviewed => {
                let verdict = match cmd {
                    UiCommand::TagVerified => Verdict::Verified,
                    UiCommand::TagAttributedOnly => Verdict::AttributedOnly,
                    UiCommand::TagDisputed => Verdict::Disputed,
                    _ => Verdict::Unreviewed,
                };
                if let Some(claim) = selected {
                    self.apply(Action::SetVerdict { claim, verdict });
                }
            }
            UiCommand::FocusNote => self.detail.focus_note = true,
            UiCommand::FocusAttributedTo => self.detail.focus_attributed = true,
            UiCommand::NextUnreviewed => {
                let me = self.settings.reviewer.trim().to_string();
                self.jump(
                    |c| !c.verdict_of(&me).is_reviewed(),
                    "No claim left that you have not reviewed",
                );
            }
            UiCommand::NextDisagreement => {
                self.jump(|c| c.is_disagreement(), "No open disagreement");
            }
            UiCommand::ExtendSelectionLeft | UiCommand::ExtendSelectionRight => {
                let Some(s) = &self.session else { return };
                let from = self.selected_claim().map(|c| c.start);
                self.article.extend_selection(
                    &s.project.article.text,
                    from,
                    cmd == UiCommand::ExtendSelectionRight,
                );
            }
            UiCommand::AddEvidence => self.detail.start_evidence(),
            UiCommand::Search => self.list.focus_search = true,
            UiCommand::ClaimFromSelection => match self.article.selected_range() {
                Some(r) => {
                    self.commit_drafts();
                    self.apply(Action::AddClaim {
                        start: r.start,
                        end: r.end,
                    });
                    self.article.selection = None;
                    self.detail.reload();
                }
                None => self.status = "Select some article text first (drag over it)".into(),
            },
            UiCommand::SplitAtCursor => {
                let Some(s) = &self.session else { return };
                let target = self.article.caret.and_then(|at| {
                    s.project
                        .claims
                        .iter()
                        .find(|c| c.kind.is_statement() && c.start < at && at < c.end)
                        .map(|c| (c.id.clone(), at))
                });
                match target {
                    Some((claim, at)) => {
                        self.commit_drafts();
                        self.apply(Action::SplitStatement { claim, at });
                    }
                    None => {
                        self.status =
                            "Click inside a statement where it should be split first".into()
                    }
                }
            }
            UiCommand::MergeWithNext => {
                if let Some(claim) = selected {
                    self.commit_drafts();
                    self.apply(Action::MergeWithNext { claim });
                }
            }
            UiCommand::DeleteClaim => {
                if let Some(claim) = selected {
                    let next = self.session.as_ref().and_then(|s| {
                        let i = s.project.claim_index(&claim)?;
                        s.project
                            .claims
                            .get(i + 1)
                            .or_else(|| i.checked_sub(1).and_then(|j| s.project.claims.get(j)))
                            .map(|c| c.id.clone())
                    });
                    self.apply(Action::DeleteClaim { claim });
                    self.selected = next;
                    self.detail.reload();
                    self.status = "Claim deleted (Ctrl+Z brings it back)".into();
                }
            }
            UiCommand::ShowDisagreements => {
                let f = &mut self.list.filter;
                f.disagreements = !f.disagreements;
                f.verdict = None;
            }
            UiCommand::Agreement => {
                if self.session.is_some() {
                    self.modal = Modal::Agreement;
                }
            }
            UiCommand::MergeReviewerFile => {
                if self.session.is_some() {
                    self.commit_drafts();
                    self.choose_file(FilePurpose::Merge);
                }
            }
            UiCommand::ShortcutSheet => {
                self.modal = Modal::Shortcuts {
                    capturing: None,
                    message: String::new(),
                }
            }
        }
    }

    // ----- frame -------------------------------------------------------------------------

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let keymap = self.settings.keymap.clone();
        let item = |ui: &mut egui::Ui, cmd: UiCommand, out: &mut Vec<UiCommand>| {
            let shortcut = keymap
                .shortcuts(cmd)
                .first()
                .map(super::keymap::format)
                .unwrap_or_default();
            if ui
                .add(egui::Button::new(cmd.label()).shortcut_text(shortcut))
                .clicked()
            {
                out.push(cmd);
                ui.close();
            }
        };
        let mut out = Vec::new();
        let mut open_recent = None;
        let in_menu = |menu: Menu| UiCommand::ALL.into_iter().filter(move |c| c.menu() == menu);
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for cmd in in_menu(Menu::File) {
                    item(ui, cmd, &mut out);
                    if cmd == UiCommand::Open {
                        ui.menu_button("Open recent", |ui| {
                            if self.settings.recent.is_empty() {
                                ui.label("No recent files");
                            }
                            for p in &self.settings.recent {
                                if ui.button(p.display().to_string()).clicked() {
                                    open_recent = Some(p.clone());
                                    ui.close();
                                }
                            }
                        });
                    }
                    if matches!(cmd, UiCommand::MergeReviewerFile | UiCommand::Export) {
                        ui.separator();
                    }
                }
            });
            for (title, menu) in [
                ("Edit", Menu::Edit),
                ("Claim", Menu::Claim),
                ("Review", Menu::Review),
            ] {
                ui.menu_button(title, |ui| {
                    for cmd in in_menu(menu) {
                        item(ui, cmd, &mut out);
                    }
                });
            }
            ui.menu_button("Help", |ui| {
                for cmd in in_menu(Menu::Help) {
                    item(ui, cmd, &mut out);
                }
                if ui.button("Change reviewer name…").clicked() {
                    self.modal = Modal::AskReviewer {
                        name: self.settings.reviewer.clone(),
                    };
                    ui.close();
                }
            });
            ui.menu_button("View", |ui| {
                let mut show_list = !self.settings.hide_list;
                if ui.checkbox(&mut show_list, "Claim list").changed() {
                    self.settings.hide_list = !show_list;
                }
                let mut show_detail = !self.settings.hide_detail;
                if ui.checkbox(&mut show_detail, "Claim detail").changed() {
                    self.settings.hide_detail = !show_detail;
                }
                ui.separator();
                self.layer_menu(ui);
                ui.separator();
                let dark = ui.visuals().dark_mode;
                if ui
                    .button(if dark { "Light theme" } else { "Dark theme" })
                    .clicked()
                {
                    let theme = if dark {
                        egui::Theme::Light
                    } else {
                        egui::Theme::Dark
                    };
                    ui.ctx().set_theme(theme);
                    ui.close();
                }
            });
        });
        self.commands.extend(out);
        if let Some(p) = open_recent {
            self.after_confirm(AfterConfirm::Open(Some(p)));
        }
    }

    /// View → Colour the article by: my verdicts, one reviewer's, final only, or where mine
    /// differs from the final verdict.
    fn layer_menu(&mut self, ui: &mut egui::Ui) {
        use super::article_view::Layer;
        ui.label(RichText::new("Colour the article by").weak());
        let mut layers = vec![Layer::Mine];
        if let Some(s) = &self.session {
            layers.extend(s.project.reviewers.iter().cloned().map(Layer::Reviewer));
        }
        layers.extend([Layer::FinalOnly, Layer::MineVsFinal]);
        let me = self.settings.reviewer.trim().to_string();
        for layer in layers {
            let title = layer.title(&me);
            if ui.radio(self.article.layer == layer, title).clicked() {
                self.article.layer = layer;
                ui.close();
            }
        }
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let name = if self.reviewer().is_empty() {
                "(no name)"
            } else {
                self.reviewer()
            };
            if ui
                .link(format!("Reviewer: {name}"))
                .on_hover_text("Change reviewer name")
                .clicked()
            {
                self.modal = Modal::AskReviewer {
                    name: self.settings.reviewer.clone(),
                };
            }
            ui.separator();
            match &self.session {
                Some(s) => {
                    let file = s
                        .path
                        .as_ref()
                        .map_or("(not saved yet)".to_string(), |p| p.display().to_string());
                    ui.label(file);
                    if s.is_dirty() {
                        ui.label(
                            RichText::new("• unsaved changes")
                                .color(egui::Color32::from_rgb(0xE6, 0x9F, 0x00)),
                        );
                    }
                }
                None => {
                    ui.label("No project open");
                }
            }
            ui.separator();
            if let Some(busy) = &self.busy {
                ui.add(egui::Spinner::new());
                ui.label(busy);
                ui.separator();
            }
            ui.label(&self.status);
        });
    }

    fn article_header(ui: &mut egui::Ui, p: &Project, layer: &str) {
        ui.heading(&p.article.title);
        ui.horizontal_wrapped(|ui| {
            let meta: Vec<&str> = [p.article.outlet.as_str(), p.article.published.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            if !meta.is_empty() {
                ui.label(meta.join(" · "));
            }
            if let Some(u) = crate::export::web_url(&p.article.url) {
                ui.hyperlink_to(&p.article.url, u.as_str());
            } else if !p.article.url.is_empty() {
                ui.label(&p.article.url);
            }
        });
        ui.horizontal_wrapped(|ui| {
            for v in [
                Verdict::Verified,
                Verdict::AttributedOnly,
                Verdict::Disputed,
                Verdict::Unreviewed,
            ] {
                verdict_badge(ui, v);
                ui.label(verdict_title(v));
            }
            ui.label(RichText::new("· underlined: a claim made from a selection").weak());
        });
        ui.label(RichText::new(format!("Colours show {layer} (View menu to change)")).weak());
        ui.separator();
    }

    fn welcome(&mut self, ui: &mut egui::Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading("claimdesk");
            ui.label("Open a project, or start one from an article.");
            ui.add_space(12.0);
            for cmd in [
                UiCommand::Open,
                UiCommand::NewFromArticle,
                UiCommand::NewFromText,
            ] {
                if ui.button(cmd.label()).clicked() {
                    self.commands.push(cmd);
                }
            }
            if !self.settings.recent.is_empty() {
                ui.add_space(12.0);
                ui.label("Recent");
                let mut chosen = None;
                for p in &self.settings.recent {
                    if ui.link(p.display().to_string()).clicked() {
                        chosen = Some(p.clone());
                    }
                }
                if let Some(p) = chosen {
                    self.open_in_background(&p, false);
                }
            }
        });
    }

    fn workspace(&mut self, ui: &mut egui::Ui) {
        let reviewer = self.settings.reviewer.trim().to_string();
        let selected_index = self.selected_index();
        let Some(session) = &self.session else {
            egui::CentralPanel::default().show(ui, |ui| self.welcome(ui));
            return;
        };
        let (project, revision) = (&session.project, session.revision);
        let layer_title = self.article.layer.title(&reviewer);
        let selected = self.selected.clone();
        let mut clicked = None;
        let has_selection = self.article.selected_range().is_some();
        self.list.has_selection = has_selection;
        // Side panels take a share of the width, so the article keeps at least a third of it
        // from 1024 px to 4K and at any zoom; their widths are remembered once dragged.
        let width = ui.available_width();
        let side = (width * 0.28).clamp(150.0, 460.0);
        let range = 140.0..=(width * 0.34).max(150.0);
        if !self.settings.hide_list {
            egui::Panel::left("claims")
                .resizable(true)
                .default_size(side)
                .size_range(range.clone())
                .show(ui, |ui| {
                    clicked = self
                        .list
                        .show(ui, project, revision, &reviewer, selected.as_deref());
                });
        }
        let mut detail_out = None;
        if !self.settings.hide_detail {
            egui::Panel::right("detail")
                .resizable(true)
                .default_size(side)
                .size_range(range)
                .show(ui, |ui| match selected_index {
                    Some(i) => {
                        detail_out = Some(self.detail.show(
                            ui,
                            &project.claims[i],
                            i + 1,
                            &reviewer,
                            &self.settings.keymap,
                        ))
                    }
                    None => {
                        ui.label("Select a claim in the list or the article (J/K to move).");
                    }
                });
        }
        let mut article_out = None;
        let has_selection = self.article.selected_range().is_some();
        let mut make_claim = false;
        egui::CentralPanel::default().show(ui, |ui| {
            Self::article_header(ui, project, &layer_title);
            ui.horizontal_wrapped(|ui| {
                let b = egui::Button::new(format!("{} (C)", UiCommand::ClaimFromSelection.label()));
                make_claim = ui
                    .add_enabled(has_selection, b)
                    .on_disabled_hover_text("Drag over article text to select it first")
                    .clicked();
                ui.label(
                    RichText::new(
                        "Drag to select text · click a claim to select it · right-click for more",
                    )
                    .weak(),
                );
            });
            article_out = Some(
                self.article
                    .show(ui, session, &reviewer, selected.as_deref()),
            );
        });
        if make_claim {
            self.commands.push(UiCommand::ClaimFromSelection);
        }
        if let (Some(orphan), Some(r)) = (self.list.reattach.take(), self.article.selected_range())
        {
            self.actions.push(Action::ReattachOrphan {
                orphan,
                start: r.start,
                end: r.end,
            });
            self.article.selection = None;
        }
        if let Some(d) = detail_out {
            self.actions.extend(d.actions);
            self.commands.extend(d.commands);
        }
        if let Some(a) = article_out {
            self.commands.extend(a.commands);
            if a.select.is_some() {
                clicked = a.select;
            }
        }
        if clicked.is_some() {
            self.select(clicked);
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            match ext.as_str() {
                "ron" => self.after_confirm(AfterConfirm::Open(Some(path))),
                "txt" | "md" => self.after_confirm(AfterConfirm::NewFromArticle(Some(path))),
                _ => {
                    self.status = format!(
                        "{}: drop a .ron project or a .txt/.md article",
                        path.display()
                    )
                }
            }
        }
    }

    fn autosave(&mut self, ctx: &egui::Context) {
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

    fn update_title(&mut self, ctx: &egui::Context) {
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
        self.workspace(ui);
        super::modals::show(self, &ctx);
        if !self.jobs.holds_project() {
            for action in std::mem::take(&mut self.queued) {
                self.apply(action);
            }
        }
        for action in std::mem::take(&mut self.actions) {
            self.apply(action);
        }
        if !self.jobs.holds_project() {
            let deferred = std::mem::take(&mut self.deferred);
            self.commands.splice(0..0, deferred);
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

impl eframe::App for ClaimdeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.exit();
    }
}
