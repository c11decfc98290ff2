use crate::model::{AuditEntry, Claim, Project};
use std::sync::Arc;

/// What one applied action changed, enough to take it back and to do it again without
/// re-running it (a redone "new claim" keeps its id).
#[derive(Debug, Clone)]
pub struct Edit {
    pub label: &'static str,
    /// The state this edit produced; compared with the saved state to know if there are
    /// unsaved changes.
    pub serial: u64,
    pub change: Change,
}

#[derive(Debug, Clone)]
pub enum Change {
    /// Only the claims it touched are kept, so unlimited undo costs memory in proportion to
    /// the edits, not to the project.
    Claims {
        before: Vec<Claim>,
        after: Vec<Claim>,
        audit_added: Vec<AuditEntry>,
        reviewers_before: Vec<String>,
        reviewers_after: Vec<String>,
        orphans_before: Vec<Claim>,
        orphans_after: Vec<Claim>,
    },
    /// A merge rewrites the whole project (claims, audit order, orphans). The edit keeps the
    /// other state (before the merge while it is applied, after it while undone) and swaps it
    /// with the open project: nothing is copied and the open project is never shared with
    /// the history, so the next edit does not copy the whole project either.
    Whole { other: Arc<Project> },
}

fn replace(p: &mut Project, remove: &[Claim], insert: &[Claim]) {
    p.claims.retain(|c| !remove.iter().any(|r| r.id == c.id));
    p.claims.extend(insert.iter().cloned());
    p.sort_claims();
}

impl Edit {
    /// True when claims appeared, disappeared or changed span (not just their reviews).
    pub fn moves_spans(&self) -> bool {
        match &self.change {
            Change::Whole { .. } => true,
            Change::Claims {
                before,
                after,
                orphans_before,
                orphans_after,
                ..
            } => {
                before.len() != after.len()
                    || orphans_before.len() != orphans_after.len()
                    || before.iter().zip(after).any(|(b, a)| {
                        (b.id.as_str(), b.start, b.end) != (a.id.as_str(), a.start, a.end)
                    })
            }
        }
    }

    /// Ids of the claims this edit touched (empty for a whole-project change).
    pub fn touched(&self) -> Vec<String> {
        match &self.change {
            Change::Whole { .. } => Vec::new(),
            Change::Claims { before, after, .. } => {
                before.iter().chain(after).map(|c| c.id.clone()).collect()
            }
        }
    }

    pub fn undo(&mut self, project: &mut Arc<Project>) {
        match &mut self.change {
            Change::Whole { other } => std::mem::swap(project, other),
            Change::Claims {
                before,
                after,
                audit_added,
                reviewers_before,
                orphans_before,
                ..
            } => {
                let p = Arc::make_mut(project);
                replace(p, after, before);
                let keep = p.audit.len().saturating_sub(audit_added.len());
                p.audit.truncate(keep);
                p.reviewers = reviewers_before.clone();
                p.orphans = orphans_before.clone();
            }
        }
    }

    pub fn redo(&mut self, project: &mut Arc<Project>) {
        match &mut self.change {
            Change::Whole { other } => std::mem::swap(project, other),
            Change::Claims {
                before,
                after,
                audit_added,
                reviewers_after,
                orphans_after,
                ..
            } => {
                let p = Arc::make_mut(project);
                replace(p, before, after);
                p.audit.extend(audit_added.iter().cloned());
                p.reviewers = reviewers_after.clone();
                p.orphans = orphans_after.clone();
            }
        }
    }
}
