//! The app's side of the document life cycle: taking finished jobs (save, open, merge,
//! export, recovery copy, disk check) once a frame, watching the open file, and the answers
//! of native file dialogs. The work itself runs in `session::jobs`, off this thread.

use super::{ClaimdeskApp, SaveMode};
use crate::session::Session;
use crate::session::disk::SaveOutcome;
use crate::session::jobs::{DiskCheck, Done, Job, JobKind};
use crate::session::watch::FileWatch;
use crate::ui::dialogs::Modal;
use eframe::egui;
use std::path::Path;
use std::sync::Arc;

impl ClaimdeskApp {
    /// Takes what finished since the last frame. Never blocks.
    pub(super) fn poll_jobs(&mut self, ctx: &egui::Context) {
        if self.waker.is_none() {
            let ctx = ctx.clone();
            let waker: crate::session::jobs::Waker = Arc::new(move || ctx.request_repaint());
            self.jobs.set_waker(Arc::clone(&waker));
            self.waker = Some(waker);
        }
        if let Some(rx) = &self.dialog
            && let Ok((purpose, picked)) = rx.try_recv()
        {
            self.dialog = None;
            self.dialog_answered(purpose, picked);
        }
        for done in self.jobs.poll() {
            self.take_done(done);
        }
        self.watch_file();
        if !self.jobs.running().is_empty() {
            // Progress in the status bar; the job's waker repaints when it ends.
            let doing: Vec<&str> = self.jobs.running().iter().map(|k| k.doing()).collect();
            self.busy = Some(format!("{}…", doing.join(", ")));
        } else {
            self.busy = None;
        }
    }

    /// Waits for every running job and takes its result (on exit, and in tests).
    pub fn wait_for_jobs(&mut self) {
        for done in self.jobs.wait_all() {
            self.take_done(done);
        }
    }

    pub(super) fn take_done(&mut self, done: Done) {
        match done {
            Done::Saved {
                path,
                serial,
                outcome,
            } => self.saved(&path, serial, outcome),
            Done::Autosaved(Err(e)) => self.status = e,
            Done::Autosaved(Ok(_)) => {}
            Done::Opened { path, result } => match result {
                Ok((project, disk)) => {
                    let mut session = Session::with_disk(project, &path, disk);
                    session.read_only = std::mem::take(&mut self.pending_read_only);
                    let mark = self.file.mark.take();
                    self.opened(&path, session, mark);
                    self.file.mark = self
                        .recovery
                        .as_ref()
                        .and_then(|r| r.mark_open(&path).ok().flatten());
                }
                Err(e) => self.open_failed(&e),
            },
            Done::Merged { path, result } => self.merged(&path, result),
            Done::ArticleRead { from, result } => self.article_read(from, result),
            Done::Created(project) => self.created(project),
            Done::Exported {
                path,
                format,
                result,
            } => match result {
                Ok(r) => {
                    let mut lines =
                        vec![format!("{} claims written to {}", r.claims, path.display())];
                    lines.extend(r.warnings.iter().map(|w| format!("Warning: {w}")));
                    self.status = format!("Exported {}", path.display());
                    self.modal = Modal::Report {
                        title: format!("Exported {}", format.label()),
                        lines,
                    };
                }
                Err(message) => {
                    self.modal = Modal::Error {
                        title: "Could not export".into(),
                        message,
                    }
                }
            },
            Done::DiskChecked {
                path,
                serial,
                check,
            } => self.disk_checked(&path, serial, check),
            Done::Hints { key, hints } => self.hints_arrived(key, hints),
        }
    }

    pub(super) fn saved(&mut self, path: &Path, serial: u64, outcome: SaveOutcome) {
        let Some(s) = &mut self.session else { return };
        let then = self.after_save.take();
        match outcome {
            SaveOutcome::NotProject(e) => {
                self.modal = Modal::ConfirmOverwrite {
                    path: path.to_path_buf(),
                    message: format!(
                        "{e}\n\nThe file on disk is no longer a project claimdesk can read. Overwrite it with your project, or save yours elsewhere?"
                    ),
                };
            }
            SaveOutcome::ReadOnly => {
                self.modal = Modal::ConfirmOverwrite {
                    path: path.to_path_buf(),
                    message: format!(
                        "{} is read-only. Overwrite it anyway, or save elsewhere?",
                        path.display()
                    ),
                };
            }
            outcome => {
                let old = s.path.clone();
                match s.finish_save(path, serial, outcome) {
                    Ok(incoming) => {
                        if old.as_deref() != Some(path)
                            && let Some(store) = &self.recovery
                        {
                            store.remove(old.as_deref());
                        }
                        self.settings.remember(path);
                        self.detail.reload();
                        self.status = format!("Saved {}", path.display());
                        if let Some(inc) = incoming {
                            let lines = inc.describe(path);
                            self.status = format!(
                                "Saved {} with changes from disk merged in",
                                path.display()
                            );
                            self.modal = Modal::Report {
                                title: "Merged changes from disk, then saved".into(),
                                lines,
                            };
                        }
                        self.file.incoming = None;
                        self.file.warning = None;
                        if let Some(then) = then {
                            self.proceed(then);
                        }
                    }
                    Err(message) => {
                        self.modal = Modal::Error {
                            title: "Could not save".into(),
                            message,
                        };
                    }
                }
            }
        }
    }

    pub(super) fn merged(
        &mut self,
        path: &Path,
        result: Result<crate::merge::MergeOutcome, String>,
    ) {
        let Some(s) = &mut self.session else { return };
        match result {
            Ok(outcome) => {
                let lines = outcome.report.lines();
                s.replace_project(outcome.project, "merge reviewer file");
                self.detail.reload();
                self.status = format!("Merged {}", path.display());
                self.modal = Modal::Report {
                    title: format!("Merged {}", path.display()),
                    lines,
                };
            }
            Err(message) => {
                self.modal = Modal::Error {
                    title: "Could not merge".into(),
                    message,
                }
            }
        }
    }

    pub(super) fn disk_checked(&mut self, path: &Path, serial: u64, check: DiskCheck) {
        let no_drafts = self.draft_actions().is_empty();
        let Some(s) = &mut self.session else { return };
        if s.path.as_deref() != Some(path) {
            return; // another project was opened meanwhile
        }
        match check {
            DiskCheck::Unchanged => {}
            DiskCheck::Found { theirs, disk } => {
                // Someone else's version: merge it with ours on the worker.
                let Some(base) = s.disk.as_ref().map(|d| Arc::clone(&d.base)) else {
                    return;
                };
                self.jobs.start(Job::MergeIncoming {
                    path: path.to_path_buf(),
                    base,
                    ours: Arc::clone(&s.project),
                    theirs,
                    disk,
                    serial: s.serial(),
                });
            }
            DiskCheck::Missing => {
                self.file.warning = Some(format!(
                    "{} was removed or renamed on disk. Your work is here; Save writes the file again.",
                    path.display()
                ));
            }
            DiskCheck::NotProject(e) => {
                self.file.warning = Some(format!(
                    "The file on disk is no longer a readable project ({e}). Your work is here; saving will ask before overwriting it."
                ));
            }
            DiskCheck::Failed(e) => self.file.warning = Some(e),
            DiskCheck::Changed(incoming) => {
                self.file.warning = None;
                if serial != s.serial() {
                    self.file.recheck = true; // edited meanwhile: merge again with the new state
                } else if !s.is_dirty() && no_drafts {
                    // Nothing of ours to weigh against theirs: take their version in now.
                    let lines = incoming.describe(path);
                    s.bring_in(*incoming);
                    self.detail.reload();
                    self.status = lines.join(" ");
                } else {
                    self.file.incoming = Some((serial, incoming));
                }
            }
        }
    }

    /// Brings in the changes found on disk (the banner's button), keeping the reviewer's
    /// unsaved edits and undo history.
    pub fn bring_in_from_disk(&mut self) {
        let Some((serial, incoming)) = self.file.incoming.take() else {
            return;
        };
        self.commit_drafts();
        let Some(s) = &mut self.session else { return };
        if serial != s.serial() {
            self.file.recheck = true; // merged against an older state: merge again
            return;
        }
        let path = s.path.clone().unwrap_or_default();
        let lines = incoming.describe(&path);
        s.bring_in(*incoming);
        self.detail.reload();
        self.status = lines.join(" ");
    }

    /// Keeps a watch on the open file and checks it (on the worker) when it changes.
    pub(super) fn watch_file(&mut self) {
        let Some(s) = &self.session else {
            self.file.watch = None;
            return;
        };
        let Some(path) = s.path.clone() else { return };
        if self.file.watch.as_ref().is_none_or(|w| w.path != path)
            && let Some(waker) = &self.waker
        {
            self.file.watch = FileWatch::new(&path, Arc::clone(waker)).ok();
        }
        // Not while a save runs: its own write would look like someone else's.
        if self.jobs.holds_project() || self.jobs.is_running(JobKind::CheckDisk) {
            return;
        }
        let changed = self.file.watch.as_ref().is_some_and(|w| w.take_changed());
        if !(changed || std::mem::take(&mut self.file.recheck)) {
            return;
        }
        let Some(known) = s.disk.clone() else { return };
        self.jobs.start(Job::CheckDisk { path, known });
    }

    /// Save, then do `then` (Save in "Save your changes?").
    pub fn save_then(&mut self, then: crate::ui::dialogs::AfterConfirm) {
        if self.save() {
            self.after_save = Some(then);
        }
    }

    /// Opens a file another window has open: read-only, or anyway (saves merge both).
    pub fn open_elsewhere(&mut self, path: &Path, read_only: bool) {
        self.status = format!("Opening {}…", path.display());
        self.pending_read_only = read_only;
        self.jobs.start(Job::Open {
            path: path.to_path_buf(),
        });
    }

    /// The banner above the article: changes waiting on disk, or a problem with the file.
    pub(super) fn file_banner(&mut self, ui: &mut egui::Ui) {
        if let Some((_, incoming)) = &self.file.incoming {
            let r = &incoming.report;
            let mut bring = false;
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!(
                        "The file changed on disk: {} reviews added, {} updated, {} claims added.",
                        r.reviews_added, r.reviews_updated, r.claims_added
                    ))
                    .strong(),
                );
                bring = ui.button("Bring in changes").clicked();
                ui.label(egui::RichText::new("(Save also merges them)").weak());
            });
            if bring {
                self.bring_in_from_disk();
            }
            ui.separator();
        }
        if let Some(w) = &self.file.warning {
            ui.label(egui::RichText::new(w).color(egui::Color32::from_rgb(0xD5, 0x5E, 0x00)));
            ui.separator();
        }
    }

    /// The reviewer chose to overwrite a read-only or unreadable file.
    pub fn overwrite(&mut self, path: &Path) {
        self.start_save(path, SaveMode::Overwrite);
    }
}
