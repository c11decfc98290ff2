//! An open project as the desktop app edits it: actions applied through the core's
//! operations, unlimited undo and redo, whether there are unsaved changes, and when a crash
//! recovery copy is due. Knows no screen, so tests drive it directly.

mod action;
mod history;
pub mod recovery;

pub use action::Action;
pub use history::{Change, Edit};

use crate::model::{Claim, Project};
use crate::ops::{self, OpError};
use crate::{adjudication, clock, store};
use std::path::{Path, PathBuf};

pub struct Session {
    pub project: Project,
    /// Where the project is saved; `None` for a new project not yet saved.
    pub path: Option<PathBuf>,
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
}

impl Session {
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        Session {
            project,
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            next_serial: 1,
            saved_serial: 0,
            revision: 0,
            spans_revision: 0,
            last_touched: Vec::new(),
        }
    }

    pub fn open(path: &Path) -> Result<Self, store::LoadError> {
        Ok(Session::new(store::load(path)?, Some(path.to_path_buf())))
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

    pub fn save(&mut self) -> std::io::Result<()> {
        let path = self
            .path
            .clone()
            .ok_or_else(|| std::io::Error::other("the project has no file yet; use Save As"))?;
        self.save_as(&path)
    }

    pub fn save_as(&mut self, path: &Path) -> std::io::Result<()> {
        store::save(path, &self.project)?;
        self.path = Some(path.to_path_buf());
        self.saved_serial = self.current_serial();
        Ok(())
    }

    pub fn can_undo(&self) -> Option<&'static str> {
        self.undo.last().map(|e| e.label)
    }

    pub fn can_redo(&self) -> Option<&'static str> {
        self.redo.last().map(|e| e.label)
    }

    pub fn undo(&mut self) -> bool {
        let Some(edit) = self.undo.pop() else {
            return false;
        };
        edit.undo(&mut self.project);
        self.changed(&edit);
        self.redo.push(edit);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(edit) = self.redo.pop() else {
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
    }

    /// Applies one action for `reviewer`. Returns the claim to select afterwards (the new
    /// claim, the first half of a split, the merged statement), if any. On error nothing
    /// changed.
    pub fn apply(&mut self, action: Action, reviewer: &str) -> Result<Option<String>, OpError> {
        let at = clock::now();
        let p = &mut self.project;
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
        let before = Box::new(std::mem::replace(&mut self.project, project));
        let change = Change::Whole {
            before,
            after: Box::new(self.project.clone()),
        };
        self.record(label, change);
    }

    /// Changes the publisher settings (for ClaimReview) as one undoable step.
    pub fn set_publisher(&mut self, publisher: Option<crate::model::Publisher>) {
        if self.project.publisher == publisher {
            return;
        }
        let mut next = self.project.clone();
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
        | Action::Adjudicate { claim, .. } => vec![claim.clone()],
        Action::ReattachOrphan { .. } => Vec::new(),
        Action::MergeWithNext { claim } => {
            let mut ids = vec![claim.clone()];
            ids.extend(ops::next_statement(p, claim).map(|c| c.id.clone()));
            ids
        }
        Action::AddClaim { .. } => Vec::new(),
    }
}
