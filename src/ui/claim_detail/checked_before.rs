//! "Checked before": claims in other projects of the desk that say what the selected claim
//! says, with their verdicts, notes and evidence, and a button (or one key) to copy an earlier
//! review into the reviewer's own.

use super::*;
use crate::desk::reuse::{earlier_review, review_of};
use crate::desk::search::Match;

/// What the desk knows of the selected claim.
#[derive(Debug, Clone, Copy, Default)]
pub enum CheckedBefore<'a> {
    /// No desk around the project.
    #[default]
    NoDesk,
    /// Asked; the index has not answered yet.
    Looking,
    Found(&'a [Match]),
}

pub(super) fn show_checked_before(
    ui: &mut egui::Ui,
    claim: &Claim,
    checked: CheckedBefore<'_>,
    keymap: &crate::ui::keymap::Keymap,
    out: &mut DetailOutput,
) {
    if !matches!(checked, CheckedBefore::NoDesk) {
        ui.add_space(6.0);
    }
    let matches = match checked {
        CheckedBefore::NoDesk => return,
        CheckedBefore::Looking => {
            ui.horizontal(|ui| {
                ui.strong("Checked before");
                ui.add(egui::Spinner::new());
            });
            return;
        }
        CheckedBefore::Found(m) => m,
    };
    let key = keymap
        .shortcuts(UiCommand::ReuseReview)
        .first()
        .map(crate::ui::keymap::format)
        .unwrap_or_default();
    egui::CollapsingHeader::new(format!("Checked before ({})", matches.len()))
        .id_salt("checked-before")
        .default_open(true)
        .show(ui, |ui| {
            if matches.is_empty() {
                ui.label(RichText::new("No other project of the desk has this claim.").weak());
                return;
            }
            for (i, m) in matches.iter().enumerate() {
                ui.group(|ui| {
                    ui.set_width(ui.available_width());
                    show_match(ui, claim, m, i == 0, &key, out);
                });
            }
        });
}

fn show_match(
    ui: &mut egui::Ui,
    claim: &Claim,
    m: &Match,
    first: bool,
    key: &str,
    out: &mut DetailOutput,
) {
    let how = match m.kind {
        crate::desk::search::MatchKind::Exact => "same words".to_string(),
        crate::desk::search::MatchKind::Normalised => "same words, written differently".into(),
        crate::desk::search::MatchKind::Near => {
            format!("{:.0}% alike", m.similarity * 100.0)
        }
    };
    ui.horizontal_wrapped(|ui| {
        if let Some(v) = m.settled {
            verdict_badge(ui, v);
        }
        let title = if m.title.is_empty() {
            &m.path
        } else {
            &m.title
        };
        if ui
            .link(format!("{title}, claim {}", m.number))
            .on_hover_text(format!("Open {} at this claim", m.path))
            .clicked()
        {
            out.open_at = Some((m.path.clone(), m.claim_id.clone()));
        }
        ui.label(RichText::new(how).weak());
    });
    if !m.same_numbers {
        ui.label(
            RichText::new("Other numbers: this may be another claim in the same words.")
                .color(egui::Color32::from_rgb(0xE6, 0x9F, 0x00)),
        );
    }
    if m.quote != claim.quote {
        ui.add(egui::Label::new(RichText::new(format!("“{}”", m.quote)).italics()).wrap());
    }
    let best = earlier_review(m).filter(|_| m.same_numbers);
    for (name, r) in m.reviews.iter().filter(|(_, r)| !r.is_blank()) {
        ui.horizontal_wrapped(|ui| {
            verdict_badge(ui, r.verdict);
            ui.strong(name);
            ui.label(verdict_title(r.verdict));
            let day = r.changed.get(..10).unwrap_or(&r.changed);
            ui.label(RichText::new(day).weak().small());
            if let Some(earlier) = review_of(m, name) {
                let is_best = first && best.as_ref().is_some_and(|b| b.reviewer == *name);
                let label = if is_best {
                    format!("Use this review ({key})")
                } else {
                    "Use this review".to_string()
                };
                let b = ui.small_button(label).on_hover_text(
                    "Copy its verdict, note and evidence into your review (undoable)",
                );
                if b.clicked() {
                    out.actions.push(Action::ReuseReview {
                        claim: claim.id.clone(),
                        earlier: Box::new(earlier),
                    });
                }
            }
        });
        if !r.note.is_empty() {
            ui.add(egui::Label::new(&r.note).wrap());
        }
        for e in &r.evidence {
            let title = if e.title.is_empty() { &e.url } else { &e.title };
            super::evidence_link(ui, title, &e.url);
        }
    }
    if let Some(f) = &m.final_verdict {
        ui.label(format!(
            "Final verdict: {} (by {})",
            verdict_title(f.verdict),
            f.by
        ));
    }
}
