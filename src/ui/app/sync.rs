//! File → Sync: the desk's saved projects committed, the others' work pulled (project files
//! merged claim by claim) and pushed, through git on a thread of its own; the status bar
//! shows each step and a dialog says what came in or what went wrong.

use super::*;
use crate::desk::sync::{SyncError, SyncOptions, SyncReport, SyncStep};

/// A sync running on its own thread.
pub struct SyncRun {
    rx: Receiver<SyncNews>,
}

enum SyncNews {
    Step(SyncStep),
    Done(Box<SyncReport>, Option<SyncError>),
}

impl ClaimdeskApp {
    pub(super) fn is_syncing(&self) -> bool {
        self.sync.is_some()
    }

    /// Starts syncing the open desk. The open project's unsaved changes are not committed:
    /// only what the reviewer saved is.
    pub(super) fn start_sync(&mut self) {
        self.commit_drafts();
        let Some(desk) = &self.desk else {
            self.status = "Open a desk first (File → Open desk…): Sync works on a desk".into();
            return;
        };
        if !desk.is_repository {
            self.modal = Modal::Error {
                title: "Cannot sync".into(),
                message: SyncError::NotARepository(desk.root().to_path_buf()).to_string(),
            };
            return;
        }
        if self.sync.is_some() {
            self.status = "A sync is running already".into();
            return;
        }
        let mut exclude = Vec::new();
        if let Some(s) = &self.session
            && let Some(path) = &s.path
            && self.is_dirty()
        {
            exclude.push(std::path::absolute(path).unwrap_or_else(|_| path.clone()));
        }
        let options = SyncOptions {
            reviewer: self.reviewer().to_string(),
            // The merge driver git runs on a pull is this very program.
            driver_exe: self
                .options
                .driver_exe
                .clone()
                .or_else(|| std::env::current_exe().ok())
                .unwrap_or_default(),
            exclude,
            ..SyncOptions::default()
        };
        let root = desk.root().to_path_buf();
        let (tx, rx) = std::sync::mpsc::channel();
        let waker = self.waker.clone();
        std::thread::spawn(move || {
            let wake = || {
                if let Some(w) = &waker {
                    w();
                }
            };
            let mut report = SyncReport::default();
            let result = crate::desk::sync::sync_into(
                &root,
                &options,
                &mut |step| {
                    let _ = tx.send(SyncNews::Step(step));
                    wake();
                },
                &mut report,
            );
            let _ = tx.send(SyncNews::Done(Box::new(report), result.err()));
            wake();
        });
        self.sync = Some(SyncRun { rx });
        self.status = "Syncing the desk…".into();
    }

    /// Once a frame: the sync's progress and, when it ends, what it did.
    pub(super) fn poll_sync(&mut self) {
        let Some(run) = &self.sync else { return };
        let news: Vec<SyncNews> = run.rx.try_iter().collect();
        for n in news {
            match n {
                SyncNews::Step(step) => self.status = format!("Sync: {}…", step.describe()),
                SyncNews::Done(report, error) => {
                    self.sync = None;
                    self.synced(&report, error);
                }
            }
        }
    }

    /// Waits for a running sync and takes its result (tests).
    pub fn wait_for_sync(&mut self) {
        while let Some(run) = &self.sync {
            match run.rx.recv() {
                Ok(SyncNews::Step(_)) => {}
                Ok(SyncNews::Done(report, error)) => {
                    self.sync = None;
                    self.synced(&report, error);
                }
                Err(_) => self.sync = None,
            }
        }
    }

    fn synced(&mut self, report: &SyncReport, error: Option<SyncError>) {
        let mut lines = report.summary();
        lines.extend(report.warnings.iter().map(|w| format!("Warning: {w}")));
        match error {
            None => {
                self.status = "Sync done".into();
                if lines.is_empty() {
                    lines.push("Nothing to sync: up to date.".into());
                }
                self.modal = Modal::Report {
                    title: "Desk synced".into(),
                    lines,
                };
            }
            Some(e) => {
                self.status = "Sync stopped".into();
                let mut message = e.to_string();
                for l in lines {
                    message.push('\n');
                    message.push_str(&l);
                }
                self.modal = Modal::Error {
                    title: "Sync stopped".into(),
                    message,
                };
            }
        }
        // Pulled projects: the overview, the index and the open file follow.
        if let Some(desk) = &mut self.desk {
            desk.refresh();
        }
        self.file.recheck = true;
    }
}
