//! The selected claim: verdict buttons, attributed-to, note, evidence, the other reviewers'
//! reviews (read-only), kind and exact quote. Text the reviewer types is kept as a draft and
//! becomes one undoable action when they leave the field (Enter, Esc, clicking elsewhere,
//! switching claims, saving).

use super::claim_list::verdict_badge;
use super::command::UiCommand;
use super::theme::verdict_title;
use crate::clock;
use crate::hints::{Hint, Via};
use crate::model::{Claim, Evidence, Verdict};
use crate::session::Action;
use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, RichText};

mod checked_before;
mod others;
pub use checked_before::CheckedBefore;
use checked_before::show_checked_before;
use others::show_hint;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvidenceForm {
    /// `None` adds new evidence; `Some(i)` edits the reviewer's evidence `i`.
    pub index: Option<usize>,
    pub evidence: Evidence,
}

#[derive(Default)]
pub struct ClaimDetail {
    /// The claim the drafts belong to.
    claim: Option<String>,
    pub attributed_to: String,
    pub note: String,
    pub evidence_form: Option<EvidenceForm>,
    pub focus_note: bool,
    /// Give the attributed-to field the keyboard next frame (A).
    pub focus_attributed: bool,
    focus_evidence: bool,
}

/// What the detail panel asks the app to do.
#[derive(Debug, Default)]
pub struct DetailOutput {
    pub actions: Vec<Action>,
    pub commands: Vec<UiCommand>,
    /// Open this project of the desk (path in the desk) at this claim.
    pub open_at: Option<(String, String)>,
}

/// What the panel shows beside the claim's own review: the first pass's hint (and whether it
/// is dismissed) and what the desk checked before.
#[derive(Debug, Clone, Copy, Default)]
pub struct Aside<'a> {
    pub hint: Option<(&'a Hint, bool)>,
    pub checked: CheckedBefore<'a>,
}

impl ClaimDetail {
    /// Loads the drafts for `claim` when the selection moved to another claim.
    fn sync(&mut self, claim: &Claim, reviewer: &str) {
        if self.claim.as_deref() == Some(claim.id.as_str()) {
            return;
        }
        let review = claim.review(reviewer);
        self.claim = Some(claim.id.clone());
        self.attributed_to = review.map(|r| r.attributed_to.clone()).unwrap_or_default();
        self.note = review.map(|r| r.note.clone()).unwrap_or_default();
        self.evidence_form = None;
    }

    /// Forgets the drafts so they are reloaded from the project (after undo, redo, open).
    pub fn reload(&mut self) {
        self.claim = None;
    }

    /// Turns unsaved drafts into actions: called before anything that must see them.
    pub fn commit(&self, claim: Option<&Claim>, reviewer: &str) -> Vec<Action> {
        let Some(c) = claim.filter(|c| self.claim.as_deref() == Some(c.id.as_str())) else {
            return Vec::new();
        };
        let review = c.review(reviewer);
        let mut actions = Vec::new();
        if review.map_or("", |r| r.note.as_str()) != self.note {
            actions.push(Action::SetNote {
                claim: c.id.clone(),
                text: self.note.clone(),
            });
        }
        if review.map_or("", |r| r.attributed_to.as_str()) != self.attributed_to.trim() {
            actions.push(Action::SetAttributedTo {
                claim: c.id.clone(),
                text: self.attributed_to.clone(),
            });
        }
        actions
    }

    pub fn start_evidence(&mut self) {
        self.evidence_form = Some(EvidenceForm {
            index: None,
            evidence: Evidence {
                accessed: clock::today(),
                ..Evidence::default()
            },
        });
        self.focus_evidence = true;
    }

    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        claim: &Claim,
        number: usize,
        reviewer: &str,
        keymap: &super::keymap::Keymap,
        aside: Aside<'_>,
    ) -> DetailOutput {
        self.sync(claim, reviewer);
        let mut out = DetailOutput::default();
        let own = claim.verdict_of(reviewer);
        ui.horizontal(|ui| {
            ui.heading(format!("Claim {number}"));
            ui.label(RichText::new(claim.kind.as_str()).weak());
            ui.label(RichText::new(&claim.id).monospace().weak());
        });
        egui::ScrollArea::vertical()
            .id_salt("detail")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.add(
                    egui::Label::new(RichText::new(format!("“{}”", claim.quote)).italics()).wrap(),
                );
                ui.add_space(6.0);
                ui.horizontal_wrapped(|ui| {
                    for (v, cmd) in [
                        (Verdict::Verified, UiCommand::TagVerified),
                        (Verdict::AttributedOnly, UiCommand::TagAttributedOnly),
                        (Verdict::Disputed, UiCommand::TagDisputed),
                        (Verdict::Unreviewed, UiCommand::TagUnreviewed),
                    ] {
                        let key = keymap
                            .shortcuts(cmd)
                            .first()
                            .map(super::keymap::format)
                            .unwrap_or_default();
                        let b =
                            ui.selectable_label(own == v, format!("{} ({key})", verdict_title(v)));
                        if b.clicked() && own != v {
                            out.actions.push(Action::SetVerdict {
                                claim: claim.id.clone(),
                                verdict: v,
                            });
                        }
                    }
                });
                // Where reviewers disagree, an editor settles it: their reviews come first.
                let disputed = claim.is_disagreement();
                if disputed {
                    ui.add_space(6.0);
                    self.show_others(ui, claim, reviewer, &mut out);
                }
                if let Some((hint, dismissed)) = aside.hint {
                    ui.add_space(6.0);
                    show_hint(ui, hint, dismissed, keymap, &mut out);
                }
                ui.add_space(4.0);
                ui.label("Attributed to");
                let attr = ui.add(
                    egui::TextEdit::singleline(&mut self.attributed_to)
                        .hint_text("who the article says made the claim")
                        .desired_width(f32::INFINITY),
                );
                attr.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Attributed to")
                });
                if self.focus_attributed {
                    attr.request_focus();
                    self.focus_attributed = false;
                }
                if attr.lost_focus() {
                    out.actions.extend(self.commit(Some(claim), reviewer));
                }
                ui.label("Note  (Enter leaves the field, Shift+Enter starts a new line)");
                let note = ui.add(
                    egui::TextEdit::multiline(&mut self.note)
                        .id_salt("note")
                        .desired_rows(4)
                        .desired_width(f32::INFINITY)
                        .return_key(KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter)),
                );
                note.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Note"));
                if self.focus_note {
                    note.request_focus();
                    self.focus_note = false;
                }
                if note.has_focus() && ui.input(|i| i.key_pressed(Key::Enter) && !i.modifiers.shift)
                {
                    note.surrender_focus();
                }
                if note.lost_focus() {
                    out.actions.extend(self.commit(Some(claim), reviewer));
                }
                ui.add_space(6.0);
                self.show_evidence(ui, claim, reviewer, &mut out);
                if !disputed {
                    ui.add_space(6.0);
                    self.show_others(ui, claim, reviewer, &mut out);
                }
                show_checked_before(ui, claim, aside.checked, keymap, &mut out);
                ui.add_space(6.0);
                ui.horizontal_wrapped(|ui| {
                    for cmd in [
                        UiCommand::SplitAtCursor,
                        UiCommand::MergeWithNext,
                        UiCommand::DeleteClaim,
                    ] {
                        if ui.button(cmd.label()).clicked() {
                            out.commands.push(cmd);
                        }
                    }
                });
            });
        out
    }

    fn show_evidence(
        &mut self,
        ui: &mut egui::Ui,
        claim: &Claim,
        reviewer: &str,
        out: &mut DetailOutput,
    ) {
        ui.horizontal(|ui| {
            ui.strong("Evidence");
            if ui.button("Add evidence (E)").clicked() {
                self.start_evidence();
            }
        });
        let evidence = claim
            .review(reviewer)
            .map(|r| r.evidence.as_slice())
            .unwrap_or_default();
        for (i, e) in evidence.iter().enumerate() {
            ui.group(|ui| {
                ui.horizontal_wrapped(|ui| {
                    let title = if e.title.is_empty() {
                        e.url.as_str()
                    } else {
                        e.title.as_str()
                    };
                    evidence_link(ui, title, &e.url);
                    if !e.accessed.is_empty() {
                        ui.label(RichText::new(format!("accessed {}", e.accessed)).weak());
                    }
                    if ui.small_button("Edit").clicked() {
                        self.evidence_form = Some(EvidenceForm {
                            index: Some(i),
                            evidence: e.clone(),
                        });
                        self.focus_evidence = true;
                    }
                    if ui.small_button("Remove").clicked() {
                        out.actions.push(Action::RemoveEvidence {
                            claim: claim.id.clone(),
                            index: i,
                        });
                    }
                });
                if !e.excerpt.is_empty() {
                    ui.label(RichText::new(format!("“{}”", e.excerpt)).italics());
                }
            });
        }
        let mut close = false;
        if let Some(form) = &mut self.evidence_form {
            ui.group(|ui| {
                let fields: [(&str, &mut String); 4] = [
                    ("URL", &mut form.evidence.url),
                    ("Title", &mut form.evidence.title),
                    ("Excerpt", &mut form.evidence.excerpt),
                    ("Date accessed", &mut form.evidence.accessed),
                ];
                let mut entered = false;
                for (label, value) in fields {
                    ui.horizontal(|ui| {
                        ui.label(label);
                        let r =
                            ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY));
                        r.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::TextInput,
                                true,
                                format!("Evidence {label}"),
                            )
                        });
                        if label == "URL" && self.focus_evidence {
                            r.request_focus();
                            self.focus_evidence = false;
                        }
                        // Enter in any field adds the evidence, as in any form.
                        entered |= r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    });
                }
                ui.horizontal(|ui| {
                    let ok = !form.evidence.url.trim().is_empty();
                    let verb = if form.index.is_some() {
                        "Save evidence"
                    } else {
                        "Add"
                    };
                    if ui.add_enabled(ok, egui::Button::new(verb)).clicked() || (ok && entered) {
                        let evidence = form.evidence.clone();
                        out.actions.push(match form.index {
                            Some(index) => Action::UpdateEvidence {
                                claim: claim.id.clone(),
                                index,
                                evidence,
                            },
                            None => Action::AddEvidence {
                                claim: claim.id.clone(),
                                evidence,
                            },
                        });
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
        }
        if close {
            self.evidence_form = None;
        }
    }
}

/// Evidence as a link when the address is a web address as a browser reads it (the WHATWG
/// parser decides, as in reports), else as text; the hover shows where it goes.
fn evidence_link(ui: &mut egui::Ui, title: &str, url: &str) {
    match crate::export::web_url(url) {
        Some(u) => {
            ui.hyperlink_to(title, u.as_str()).on_hover_text(u.as_str());
        }
        None => {
            ui.label(title);
        }
    }
}
