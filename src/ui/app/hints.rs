//! Hints for the open project: computed on the worker when a project opens and again when its
//! claims' spans change (`Job::Hints`); the app shows whatever has arrived and never waits.
//! Accepting or dismissing one is an action like any other (undoable, in the audit log).

use super::*;
use crate::hints::{Hint, HintJob, ProjectHints, Rules};
use std::collections::HashSet;

/// The hints the app shows and what they were computed for.
#[derive(Default)]
pub struct HintState {
    /// Loaded once, on the first job.
    rules: Option<Arc<Rules>>,
    /// The latest hints that arrived (they may be a step behind the claims: a claim whose
    /// id is new simply has none until the next ones arrive).
    pub hints: Option<ProjectHints>,
    /// (session number, spans revision) of `hints`.
    computed_for: Option<(u64, u64)>,
    /// What the running or last job was asked for.
    asked_for: Option<(u64, u64)>,
    /// Bumped whenever new hints arrive: views that order or filter by hints cache by it.
    pub generation: u64,
    /// Claims whose hints are dismissed, as of `dismissed_for` (session, revision).
    pub dismissed: HashSet<String>,
    dismissed_for: Option<(u64, u64)>,
    /// Counts the sessions opened, so hints for a project closed meanwhile are dropped.
    session: u64,
}

impl HintState {
    /// A new project replaced the open one: its hints are computed afresh.
    pub fn reset(&mut self) {
        *self = HintState {
            rules: self.rules.take(),
            session: self.session + 1,
            generation: self.generation + 1,
            ..HintState::default()
        };
    }

    /// Counts the projects opened: what was asked for one project is dropped for the next.
    pub fn session(&self) -> u64 {
        self.session
    }

    /// The hint of claim `id`, unless it is dismissed.
    pub fn live(&self, id: &str) -> Option<&Hint> {
        if self.dismissed.contains(id) {
            return None;
        }
        self.hints.as_ref()?.get(id)
    }
}

impl ClaimdeskApp {
    /// Once a frame: asks the worker for hints when the claims' spans changed since the last
    /// ones, and keeps the dismissed set current. Cheap unless something changed.
    pub(super) fn refresh_hints(&mut self) {
        let Some(s) = &self.session else { return };
        let key = (self.hints.session, s.spans_revision);
        if self.hints.computed_for != Some(key)
            && self.hints.asked_for != Some(key)
            && !self.jobs.is_running(JobKind::Hints)
        {
            let rules = match &self.hints.rules {
                Some(r) => Arc::clone(r),
                None => {
                    let r = Rules::load(None).unwrap_or_else(|e| {
                        self.status = format!("Hint rules: {e} (using the shipped rules)");
                        Rules::shipped()
                    });
                    self.hints.rules = Some(Arc::clone(&r));
                    r
                }
            };
            self.jobs.start(Job::Hints {
                job: HintJob::from_project(&s.project),
                rules,
                key,
            });
            self.hints.asked_for = Some(key);
        }
        let now = (self.hints.session, s.revision);
        if self.hints.dismissed_for != Some(now) {
            self.hints.dismissed = crate::hints::dismissed(&s.project)
                .into_iter()
                .map(str::to_string)
                .collect();
            self.hints.dismissed_for = Some(now);
        }
    }

    /// Hints came back from the worker.
    pub(super) fn hints_arrived(&mut self, key: (u64, u64), hints: ProjectHints) {
        let Some(s) = &self.session else { return };
        if key.0 != self.hints.session || !hints.is_current(&s.project) {
            return; // for a project no longer open
        }
        self.hints.hints = Some(hints);
        self.hints.computed_for = Some(key);
        self.hints.generation += 1;
    }

    /// H: fills attributed-to from the selected claim's hint (and attributed-only if the
    /// reviewer had no verdict yet).
    pub(super) fn accept_hint(&mut self, claim: String) {
        let source = match self.hints.hints.as_ref().and_then(|h| h.get(&claim)) {
            None => {
                self.status = "No hints for this claim yet".into();
                return;
            }
            Some(_) if self.hints.dismissed.contains(&claim) => {
                self.status = "This claim's hint is dismissed (X restores it)".into();
                return;
            }
            Some(h) => match &h.attribution {
                Some(a) => a.source.clone(),
                None => {
                    self.status = "No source detected for this claim".into();
                    return;
                }
            },
        };
        self.commit_drafts();
        let said = format!("Attributed to {source} (from the hint; Ctrl+Z takes it back)");
        self.apply_saying(Action::AcceptHint { claim, source }, said);
    }

    /// Applies an action and, if it changed the project now, says `said` in the status bar
    /// (a refusal or a queued edit keeps its own message).
    pub(super) fn apply_saying(&mut self, action: Action, said: String) {
        let before = self.session.as_ref().map(|s| s.revision);
        self.apply(action);
        if self.session.as_ref().map(|s| s.revision) != before {
            self.status = said;
        }
    }

    /// X: dismisses the selected claim's hint, or restores it when it is dismissed.
    pub(super) fn toggle_dismiss_hint(&mut self, claim: String) {
        if self.hints.dismissed.contains(&claim) {
            self.apply_saying(Action::RestoreHint { claim }, "Hint restored".into());
        } else if self
            .hints
            .hints
            .as_ref()
            .and_then(|h| h.get(&claim))
            .is_some()
        {
            let said = "Hint dismissed (X restores it)".to_string();
            self.apply_saying(Action::DismissHint { claim }, said);
        } else {
            self.status = "No hints for this claim yet".into();
        }
    }
}
