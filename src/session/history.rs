use crate::model::{AuditEntry, Claim, Project};

/// What one applied action changed, enough to take it back and to do it again without
/// re-running it (a redone "new claim" keeps its id). Only the claims it touched are kept,
/// so unlimited undo costs memory in proportion to the edits, not to the project.
#[derive(Debug, Clone)]
pub struct Edit {
    pub label: &'static str,
    /// The state this edit produced; compared with the saved state to know if there are
    /// unsaved changes.
    pub serial: u64,
    pub before: Vec<Claim>,
    pub after: Vec<Claim>,
    pub audit_added: Vec<AuditEntry>,
    pub reviewers_before: Vec<String>,
    pub reviewers_after: Vec<String>,
}

fn replace(p: &mut Project, remove: &[Claim], insert: &[Claim]) {
    p.claims.retain(|c| !remove.iter().any(|r| r.id == c.id));
    p.claims.extend(insert.iter().cloned());
    p.sort_claims();
}

impl Edit {
    /// True when claims appeared, disappeared or changed span (not just their reviews).
    pub fn moves_spans(&self) -> bool {
        self.before.len() != self.after.len()
            || self
                .before
                .iter()
                .zip(&self.after)
                .any(|(b, a)| (b.id.as_str(), b.start, b.end) != (a.id.as_str(), a.start, a.end))
    }

    pub fn undo(&self, p: &mut Project) {
        replace(p, &self.after, &self.before);
        let keep = p.audit.len().saturating_sub(self.audit_added.len());
        p.audit.truncate(keep);
        p.reviewers = self.reviewers_before.clone();
    }

    pub fn redo(&self, p: &mut Project) {
        replace(p, &self.before, &self.after);
        p.audit.extend(self.audit_added.iter().cloned());
        p.reviewers = self.reviewers_after.clone();
    }
}
