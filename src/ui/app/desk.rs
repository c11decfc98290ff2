//! The app's side of the desk: opening one (File → Open desk…, `claimdesk DIR`), switching
//! between the desk view and the workspace, opening a project of the desk at a claim, and
//! keeping "checked before" current for the selected claim. The desk's workers do the work.

use super::*;
use crate::ui::claim_detail::CheckedBefore;
use crate::ui::desk::{Desk, DeskCommand};

impl ClaimdeskApp {
    /// Opens the desk at `dir` and shows it. On failure the error is shown.
    pub fn open_desk(&mut self, dir: &Path) -> bool {
        match Desk::open(dir, self.options.cache_dir.as_deref(), self.waker.clone()) {
            Ok(desk) => {
                self.settings.remember_desk(desk.root());
                self.status = format!("Opened the desk {}", desk.root().display());
                self.desk = Some(desk);
                self.show_desk = true;
                true
            }
            Err(message) => {
                self.modal = Modal::Error {
                    title: "Could not open the desk".into(),
                    message,
                };
                false
            }
        }
    }

    /// A project opened on its own inside a desk opened before: that desk comes back (not
    /// shown), so "checked before" works without opening the desk first.
    pub(super) fn find_desk_for(&mut self, path: &Path) {
        if self.desk.is_some() {
            return;
        }
        let Ok(file) = std::fs::canonicalize(path) else {
            return;
        };
        let around = self
            .settings
            .recent_desks
            .iter()
            .find(|d| std::fs::canonicalize(d).is_ok_and(|d| file.starts_with(&d)));
        if let Some(dir) = around.cloned()
            && let Ok(desk) =
                Desk::open(&dir, self.options.cache_dir.as_deref(), self.waker.clone())
        {
            self.desk = Some(desk);
        }
    }

    /// Once a frame: what the desk's workers sent, and the questions the open project and the
    /// selected claim need answered (asked once per state, never per frame).
    pub(super) fn poll_desk(&mut self) {
        let Some(desk) = &mut self.desk else { return };
        desk.poll();
        let Some(s) = &self.session else { return };
        let file = s.path.as_deref();
        desk.ask_flags(file, self.hints.session(), s.spans_revision, &s.project);
        let i = self
            .selected
            .as_deref()
            .and_then(|id| s.project.claim_index_near(id, self.selected_hint.get()));
        if let Some(c) = i.map(|i| &s.project.claims[i]) {
            desk.ask_seen(file, &c.id, &c.quote);
        }
    }

    /// What the detail panel shows under "Checked before" for claim `id`.
    pub(super) fn checked_before(&self, id: &str) -> CheckedBefore<'_> {
        self.desk
            .as_ref()
            .map_or(CheckedBefore::NoDesk, |d| d.checked_before(id))
    }

    /// Draws the desk view and runs what it asked.
    pub(super) fn desk_view(&mut self, ui: &mut egui::Ui) {
        let has_project = self.session.is_some();
        let syncing = self.is_syncing();
        let Some(desk) = &mut self.desk else { return };
        for cmd in desk.show(ui, has_project, syncing) {
            self.run_desk_command(cmd);
        }
    }

    pub(super) fn run_desk_command(&mut self, cmd: DeskCommand) {
        let Some(desk) = &mut self.desk else { return };
        match cmd {
            DeskCommand::Open(rel) => {
                let file = desk.file(&rel);
                self.open_at(&file, None);
            }
            DeskCommand::OpenAt(rel, claim) => {
                let file = desk.file(&rel);
                self.open_at(&file, Some(claim));
            }
            DeskCommand::Refresh => desk.refresh(),
            DeskCommand::Sync => self.start_sync(),
            DeskCommand::BackToProject => self.show_desk = false,
            DeskCommand::CloseDesk => {
                self.desk = None;
                self.show_desk = false;
            }
        }
    }

    /// Opens `file` (unless it is the open project) and selects `claim` once it is open.
    pub(super) fn open_at(&mut self, file: &Path, claim: Option<String>) {
        let same = |a: &Path| std::fs::canonicalize(a).ok() == std::fs::canonicalize(file).ok();
        if self
            .session
            .as_ref()
            .and_then(|s| s.path.as_deref())
            .is_some_and(same)
        {
            self.show_desk = false;
            if claim.is_some() {
                self.select(claim);
            }
            return;
        }
        self.pending_claim = claim.map(|c| (file.to_path_buf(), c));
        self.after_confirm(AfterConfirm::Open(Some(file.to_path_buf())));
    }

    /// A project was opened: leave the desk view, select the claim asked for.
    pub(super) fn opened_from_desk(&mut self, path: &Path) {
        self.show_desk = false;
        if let Some((file, claim)) = self.pending_claim.take()
            && std::fs::canonicalize(&file).ok() == std::fs::canonicalize(path).ok()
        {
            self.select(Some(claim));
        }
        self.find_desk_for(path);
    }

    /// R: copies the best earlier review of the selected claim into the reviewer's own.
    pub(super) fn reuse_review(&mut self) {
        let Some(id) = self.selected.clone() else {
            return;
        };
        let earlier = match self.checked_before(&id) {
            CheckedBefore::NoDesk => {
                self.status = "Open a desk (File → Open desk…) to see claims checked before".into();
                return;
            }
            CheckedBefore::Looking => {
                self.status = "Still looking for this claim in the desk…".into();
                return;
            }
            CheckedBefore::Found(m) => crate::desk::reuse::first_reusable(m),
        };
        let Some(earlier) = earlier else {
            self.status = "No earlier review of this claim to use".into();
            return;
        };
        self.commit_drafts();
        let said = format!(
            "Used {}'s review from {} (claim {}); Ctrl+Z takes it back",
            earlier.reviewer, earlier.path, earlier.number
        );
        self.apply_saying(
            Action::ReuseReview {
                claim: id,
                earlier: Box::new(earlier),
            },
            said,
        );
    }

    /// Ctrl+Shift+D: the desk view, or back to the project.
    pub(super) fn toggle_desk(&mut self) {
        if self.desk.is_none() {
            self.status = "No desk open: File → Open desk…".into();
            return;
        }
        self.show_desk = !self.show_desk || self.session.is_none();
    }

    /// Ctrl+Shift+F: the desk view with the keyboard in its search field.
    pub(super) fn search_desk(&mut self) {
        match &mut self.desk {
            Some(desk) => {
                desk.search.focus = true;
                self.show_desk = true;
            }
            None => self.status = "No desk open: File → Open desk…".into(),
        }
    }
}
