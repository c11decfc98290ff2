//! The selected claim, the one place actions are applied, moving between claims and running
//! the workspace's commands.

use super::*;
use crate::ui::dialogs::DialogCommand;

impl ClaimdeskApp {
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
        if self.jobs.holds_project() || self.session.as_ref().is_some_and(|s| s.is_shared()) {
            // A save or merge is about to replace the project, or a job is copying it: the
            // edit waits for it (a frame or two) rather than copy 10k claims in this frame.
            self.queued.push(action);
            return;
        }
        let reviewer = self.settings.reviewer.trim().to_string();
        // Accepting a hint writes attributed-to: the field shows it, not the old draft.
        let rewrites_fields = matches!(
            action,
            Action::AcceptHint { .. } | Action::ReuseReview { .. }
        );
        let Some(s) = &mut self.session else { return };
        match s.apply(action, &reviewer) {
            Ok(Some(id)) if s.project.claim(&id).is_some() => {
                if rewrites_fields || self.selected.as_deref() != Some(id.as_str()) {
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
    pub(super) fn jump(&mut self, wanted: impl Fn(&crate::model::Claim) -> bool, none: &str) {
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

    pub(super) fn step(&mut self, forward: bool) {
        let Some(s) = &self.session else { return };
        if let Some(id) = &self.selected
            && let Some(i) = s.project.claim_index(id)
        {
            self.list.refresh(
                &s.project,
                s.revision,
                self.settings.reviewer.trim(),
                &self.hints,
            );
            let next = self.list.neighbour(i, forward);
            if let Some(n) = next {
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
            UiCommand::NewFromUrl => self.after_confirm(AfterConfirm::NewFromUrl),
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
            UiCommand::Undo | UiCommand::Redo
                if self.jobs.holds_project()
                    || self.session.as_ref().is_some_and(|s| s.is_shared()) =>
            {
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
            UiCommand::AcceptHint => {
                if let Some(claim) = selected {
                    self.accept_hint(claim);
                }
            }
            UiCommand::DismissHint => {
                if let Some(claim) = selected {
                    self.toggle_dismiss_hint(claim);
                }
            }
            UiCommand::OpenDesk => self.choose_file(FilePurpose::OpenDesk),
            UiCommand::ShowDesk => self.toggle_desk(),
            UiCommand::SearchDesk => self.search_desk(),
            UiCommand::ReuseReview => self.reuse_review(),
            UiCommand::Sync => self.start_sync(),
            UiCommand::ShowDisagreements => {
                let f = &mut self.list.filter;
                f.disagreements = !f.disagreements;
                f.verdict = None;
            }
            UiCommand::Agreement => {
                if let Some(s) = &self.session {
                    // Computed once when opened, not every frame the panel is shown.
                    let figures = crate::agreement::agreement(&s.project);
                    self.modal = Modal::Agreement(Box::new(figures));
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

    /// Runs what a dialog's button asked for.
    pub(super) fn run_dialog_command(&mut self, cmd: DialogCommand) {
        match cmd {
            DialogCommand::SetReviewer(name) => {
                self.status = format!("Reviewing as {name}");
                self.settings.reviewer = name;
            }
            DialogCommand::FileChosen(purpose, path) => self.file_chosen(purpose, &path),
            DialogCommand::SaveThen(then) => self.save_then(then),
            DialogCommand::DiscardThen(then) => {
                self.discard_changes();
                self.proceed(then);
            }
            DialogCommand::CreateProject(info, text) => self.create_project(info, text),
            DialogCommand::FetchUrl(url) => self.start_new_from_url(&url),
            DialogCommand::Restore(offer) => self.restore(&offer),
            DialogCommand::DiscardRecovery(copy) => {
                if let Some(store) = &self.recovery {
                    store.remove_leftover(&copy);
                }
            }
            DialogCommand::Rebind(cmd, shortcut) => {
                let said = match self.settings.keymap.rebind(cmd, shortcut) {
                    Ok(()) => format!(
                        "“{}” is now {}",
                        cmd.label(),
                        crate::ui::keymap::format(&shortcut)
                    ),
                    Err(e) => format!("Not changed: {e}"),
                };
                if let Modal::Shortcuts { message, .. } = &mut self.modal {
                    *message = said;
                }
            }
            DialogCommand::ResetKeys(cmd) => self.settings.keymap.reset(cmd),
            DialogCommand::ChooseExportPath(format) => self.choose_export_path(format),
            DialogCommand::Export(form) => {
                self.export(&form);
            }
            DialogCommand::Overwrite(path) => self.overwrite(&path),
            DialogCommand::OpenElsewhere(path, read_only) => self.open_elsewhere(&path, read_only),
            DialogCommand::Run(cmd) => self.run_command(cmd),
        }
    }
}
