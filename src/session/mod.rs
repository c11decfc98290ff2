//! An open project as the desktop app edits it: actions applied through the core's
//! operations, unlimited undo and redo, whether there are unsaved changes, and when a crash
//! recovery copy is due. Knows no screen, so tests drive it directly.

mod action;
pub mod desk;
pub mod disk;
mod history;
pub mod jobs;
pub mod recovery;
pub mod watch;

pub use action::Action;
pub use history::{Change, Edit};

use crate::model::{Claim, Project};
use crate::ops::{self, OpError};
use crate::{adjudication, clock, store};
use disk::{DiskState, Incoming, SaveOutcome, SaveRequest};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// How many changes `touched_since` remembers.
const TOUCH_LOG: usize = 256;

/// How long a save waits for another claimdesk writing the same file.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

pub struct Session {
    /// Shared so a save or recovery copy can take a snapshot without copying; an edit copies
    /// only while such a snapshot is still being written.
    pub project: Arc<Project>,
    /// Where the project is saved; `None` for a new project not yet saved.
    pub path: Option<PathBuf>,
    /// The file as last read or written: compared before every write.
    pub disk: Option<DiskState>,
    /// Opened read-only (the file is open in another window): edits are refused.
    pub read_only: bool,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    next_serial: u64,
    /// Serial of the state last written to `path`.
    saved_serial: u64,
    /// Bumped on every change (apply, undo, redo, load): views cache by it.
    pub revision: u64,
    /// The revision at which claim spans last changed (claims added, split, merged, deleted);
    /// views that index claims by position rebuild only then.
    pub spans_revision: u64,
    /// Ids of the claims the latest change touched, so views can update just those.
    pub last_touched: Vec<String>,
    /// (revision, claims touched) of the latest changes, so a view that missed several (edits
    /// queued behind a save apply together) still updates only those claims.
    touch_log: std::collections::VecDeque<(u64, Vec<String>)>,
}

impl Session {
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        Session {
            project: Arc::new(project),
            path,
            disk: None,
            read_only: false,
            undo: Vec::new(),
            redo: Vec::new(),
            next_serial: 1,
            saved_serial: 0,
            revision: 0,
            spans_revision: 0,
            last_touched: Vec::new(),
            touch_log: std::collections::VecDeque::new(),
        }
    }

    pub fn open(path: &Path) -> Result<Self, store::LoadError> {
        let (project, disk) = disk::read(path)?;
        Ok(Session::with_disk(project, path, disk))
    }

    /// A session on a file already read (by a worker).
    pub fn with_disk(project: Project, path: &Path, disk: DiskState) -> Self {
        let mut s = Session::new(project, Some(path.to_path_buf()));
        s.disk = Some(disk);
        s
    }

    /// True while a snapshot of the open project is held elsewhere (a job writing it): an
    /// edit now would copy the whole project, so the app waits the moment until it is let go.
    pub fn is_shared(&self) -> bool {
        Arc::strong_count(&self.project) > 1
    }

    /// The serial of the current state, to tell later whether it changed.
    pub fn serial(&self) -> u64 {
        self.current_serial()
    }

    fn current_serial(&self) -> u64 {
        self.undo.last().map_or(0, |e| e.serial)
    }

    /// True when the project differs from what was last saved (undoing back to the saved
    /// state makes it clean again).
    pub fn is_dirty(&self) -> bool {
        self.current_serial() != self.saved_serial || (self.path.is_none() && !self.undo.is_empty())
    }

    /// Treats the current state as unsaved (e.g. a project restored from a recovery copy).
    pub fn mark_dirty(&mut self) {
        self.saved_serial = u64::MAX;
    }

    /// Saves to the project's file, first merging in whatever someone else saved there since
    /// we read it (then the result says what came in). Runs on the calling thread: the app
    /// runs the same steps on a worker through [`Session::save_request`].
    pub fn save(&mut self) -> Result<Option<Incoming>, String> {
        let path = self
            .path
            .clone()
            .ok_or_else(|| "the project has no file yet; use Save As".to_string())?;
        let req = self.save_request(&path, false);
        let serial = self.serial();
        self.finish_save(&path, serial, disk::save(req))
    }

    /// Writes to another file, replacing what is there (the user chose it).
    pub fn save_as(&mut self, path: &Path) -> Result<(), String> {
        let req = self.save_request(path, true);
        let serial = self.serial();
        self.finish_save(path, serial, disk::save(req)).map(|_| ())
    }

    /// What a writer needs to save the current state to `path`. `replace` writes without
    /// comparing with the disk (Save As).
    pub fn save_request(&self, path: &Path, replace: bool) -> SaveRequest {
        let same_file = self.path.as_deref() == Some(path);
        SaveRequest {
            path: path.to_path_buf(),
            project: Arc::clone(&self.project),
            known: if replace || !same_file {
                None
            } else {
                self.disk.clone()
            },
            overwrite_unreadable: false,
            overwrite_read_only: false,
            lock_wait: LOCK_WAIT,
        }
    }

    /// Takes a finished save of the state at `serial`. When the disk held someone else's
    /// changes they were merged in before writing: that merge becomes one undoable step (the
    /// reviewer's own edits and undo history stay). Edits made since `serial` must not exist
    /// (the app queues them while a save runs).
    pub fn finish_save(
        &mut self,
        path: &Path,
        serial: u64,
        outcome: SaveOutcome,
    ) -> Result<Option<Incoming>, String> {
        match outcome {
            SaveOutcome::Saved {
                written,
                disk,
                incoming,
            } => {
                if incoming.is_some() {
                    self.replace_project_arc(written, "changes from disk");
                    self.saved_serial = self.current_serial();
                } else {
                    self.saved_serial = serial;
                }
                self.path = Some(path.to_path_buf());
                self.disk = Some(disk);
                self.read_only = false;
                Ok(incoming.map(|b| *b))
            }
            SaveOutcome::ReadOnly => Err(format!("{}: the file is read-only", path.display())),
            SaveOutcome::NotProject(e) => Err(format!(
                "{e}\nThe file on disk is no longer a project claimdesk can read; it was not overwritten."
            )),
            SaveOutcome::Failed(e) => Err(e),
        }
    }

    /// Brings in changes saved on disk by someone else (merged on a worker), as one undoable
    /// step; a session with no unsaved work stays clean.
    pub fn bring_in(&mut self, incoming: Incoming) {
        let was_clean = !self.is_dirty();
        self.replace_project(incoming.merged, "changes from disk");
        self.disk = Some(incoming.disk);
        if was_clean {
            self.saved_serial = self.current_serial();
        }
    }

    pub fn can_undo(&self) -> Option<&'static str> {
        self.undo.last().map(|e| e.label)
    }

    pub fn can_redo(&self) -> Option<&'static str> {
        self.redo.last().map(|e| e.label)
    }

    pub fn undo(&mut self) -> bool {
        let Some(mut edit) = self.undo.pop() else {
            return false;
        };
        edit.undo(&mut self.project);
        self.changed(&edit);
        self.redo.push(edit);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(mut edit) = self.redo.pop() else {
            return false;
        };
        edit.redo(&mut self.project);
        self.changed(&edit);
        self.undo.push(edit);
        true
    }

    /// Records what an edit (applied, undone or redone) touched.
    fn changed(&mut self, edit: &Edit) {
        self.revision += 1;
        if edit.moves_spans() {
            self.spans_revision = self.revision;
        }
        self.last_touched = edit.touched();
        if self.touch_log.len() == TOUCH_LOG {
            self.touch_log.pop_front();
        }
        self.touch_log
            .push_back((self.revision, self.last_touched.clone()));
    }

    /// The claims touched by the changes after `revision`, if they are all still known and
    /// none of them moved spans (then a view must rebuild anyway).
    pub fn touched_since(&self, revision: u64) -> Option<Vec<&str>> {
        if self.spans_revision > revision {
            return None;
        }
        let first = self.touch_log.front()?.0;
        if first > revision + 1 {
            return None;
        }
        Some(
            self.touch_log
                .iter()
                .filter(|(r, _)| *r > revision)
                .flat_map(|(_, ids)| ids.iter().map(String::as_str))
                .collect(),
        )
    }

    /// Applies one action for `reviewer`. Returns the claim to select afterwards (the new
    /// claim, the first half of a split, the merged statement), if any. On error nothing
    /// changed.
    pub fn apply(&mut self, action: Action, reviewer: &str) -> Result<Option<String>, OpError> {
        if self.read_only {
            return Err(OpError(
                "this project is open read-only (it is open in another window); use Save As to keep your own copy".into(),
            ));
        }
        let at = clock::now();
        let p = Arc::make_mut(&mut self.project);
        let touched = touched_before(p, &action);
        let before: Vec<Claim> = touched
            .iter()
            .filter_map(|id| p.claim(id).cloned())
            .collect();
        let audit_len = p.audit.len();
        let reviewers_before = p.reviewers.clone();
        let orphans_before = p.orphans.clone();
        let label = action.label();
        let (after_ids, select): (Vec<String>, Option<String>) = match action {
            Action::SetVerdict { claim, verdict } => {
                if !ops::set_verdict(p, &claim, reviewer, verdict, &at)? {
                    return Ok(Some(claim)); // already that verdict: nothing to undo
                }
                (vec![claim.clone()], Some(claim))
            }
            Action::SetAttributedTo { claim, text } => {
                ops::set_attributed_to(p, &claim, reviewer, &text, &at)?;
                (vec![claim.clone()], Some(claim))
            }
            Action::SetNote { claim, text } => {
                ops::set_note(p, &claim, reviewer, &text, &at)?;
                (vec![claim.clone()], Some(claim))
            }
            Action::AddEvidence { claim, evidence } => {
                ops::add_evidence(p, &claim, reviewer, evidence, &at)?;
                (vec![claim.clone()], Some(claim))
            }
            Action::UpdateEvidence {
                claim,
                index,
                evidence,
            } => {
                ops::update_evidence(p, &claim, reviewer, index, evidence, &at)?;
                (vec![claim.clone()], Some(claim))
            }
            Action::RemoveEvidence { claim, index } => {
                ops::remove_evidence(p, &claim, reviewer, index, &at)?;
                (vec![claim.clone()], Some(claim))
            }
            Action::AddClaim { start, end } => {
                let id = ops::add_claim(p, start..end, reviewer)?;
                (vec![id.clone()], Some(id))
            }
            Action::SplitStatement { claim, at: offset } => {
                let (a, b) = ops::split_statement(p, &claim, offset)?;
                (vec![a.clone(), b], Some(a))
            }
            Action::MergeWithNext { claim } => {
                let id = ops::merge_with_next(p, &claim, &at)?;
                (vec![id.clone()], Some(id))
            }
            Action::DeleteClaim { claim } => {
                ops::delete_claim(p, &claim)?;
                (Vec::new(), None)
            }
            Action::Adjudicate { claim, verdict } => {
                adjudication::adjudicate(p, &claim, reviewer, verdict, &at)?;
                (vec![claim.clone()], Some(claim))
            }
            Action::ReattachOrphan { orphan, start, end } => {
                adjudication::reattach_orphan(p, &orphan, start..end)?;
                (vec![orphan.clone()], Some(orphan))
            }
            Action::AcceptHint { claim, source } => {
                ops::accept_attribution(p, &claim, reviewer, &source, &at)?;
                (vec![claim.clone()], Some(claim))
            }
            Action::ReuseReview { claim, earlier } => {
                ops::reuse_review(p, &claim, reviewer, &earlier, &at)?;
                (vec![claim.clone()], Some(claim))
            }
            Action::DismissHint { claim } => {
                if !ops::dismiss_hint(p, &claim, reviewer, &at)? {
                    return Ok(Some(claim)); // dismissed already: nothing to undo
                }
                (vec![claim.clone()], Some(claim))
            }
            Action::RestoreHint { claim } => {
                if !ops::undismiss_hint(p, &claim, reviewer, &at)? {
                    return Ok(Some(claim));
                }
                (vec![claim.clone()], Some(claim))
            }
        };
        let after = after_ids
            .iter()
            .filter_map(|id| p.claim(id).cloned())
            .collect();
        let change = Change::Claims {
            before,
            after,
            audit_added: p.audit[audit_len..].to_vec(),
            reviewers_before,
            reviewers_after: p.reviewers.clone(),
            orphans_before,
            orphans_after: p.orphans.clone(),
        };
        self.record(label, change);
        Ok(select)
    }

    /// Replaces the whole project (a merge of a reviewer's file) as one undoable step.
    pub fn replace_project(&mut self, project: Project, label: &'static str) {
        self.replace_project_arc(Arc::new(project), label);
    }

    fn replace_project_arc(&mut self, project: Arc<Project>, label: &'static str) {
        let before = std::mem::replace(&mut self.project, project);
        let change = Change::Whole { other: before };
        self.record(label, change);
    }

    /// Changes the publisher settings (for ClaimReview) as one undoable step.
    pub fn set_publisher(&mut self, publisher: Option<crate::model::Publisher>) {
        if self.project.publisher == publisher {
            return;
        }
        let mut next = (*self.project).clone();
        next.publisher = publisher;
        self.replace_project(next, "publisher settings");
    }

    fn record(&mut self, label: &'static str, change: Change) {
        let edit = Edit {
            label,
            serial: self.next_serial,
            change,
        };
        self.next_serial += 1;
        self.changed(&edit);
        self.undo.push(edit);
        self.redo.clear();
    }
}

/// The claims an action may change or remove, found before it runs.
fn touched_before(p: &Project, action: &Action) -> Vec<String> {
    match action {
        Action::SetVerdict { claim, .. }
        | Action::SetAttributedTo { claim, .. }
        | Action::SetNote { claim, .. }
        | Action::AddEvidence { claim, .. }
        | Action::UpdateEvidence { claim, .. }
        | Action::RemoveEvidence { claim, .. }
        | Action::SplitStatement { claim, .. }
        | Action::DeleteClaim { claim }
        | Action::Adjudicate { claim, .. }
        | Action::AcceptHint { claim, .. }
        | Action::ReuseReview { claim, .. }
        | Action::DismissHint { claim }
        | Action::RestoreHint { claim } => vec![claim.clone()],
        Action::ReattachOrphan { .. } => Vec::new(),
        Action::MergeWithNext { claim } => {
            let mut ids = vec![claim.clone()];
            ids.extend(ops::next_statement(p, claim).map(|c| c.id.clone()));
            ids
        }
        Action::AddClaim { .. } => Vec::new(),
    }
}
