//! Every reviewer's review side by side (the disagreement view) with the final verdict, and the
//! hint group: what the first pass found, to accept or dismiss.

use super::*;

impl ClaimDetail {
    /// Every reviewer's review of this claim side by side (the disagreement view), then the
    /// final verdict an editor can choose.
    pub(super) fn show_others(
        &self,
        ui: &mut egui::Ui,
        claim: &Claim,
        reviewer: &str,
        out: &mut DetailOutput,
    ) {
        let others = claim
            .reviews
            .keys()
            .filter(|name| name.as_str() != reviewer)
            .count();
        if others == 0 && claim.final_verdict.is_none() {
            return;
        }
        ui.horizontal(|ui| {
            ui.strong("Reviews side by side");
            if claim.is_disagreement() {
                ui.label(
                    RichText::new("reviewers disagree")
                        .color(egui::Color32::from_rgb(0xCC, 0x79, 0xA7)),
                );
            }
        });
        // One block per reviewer, one under the other: every reviewer is seen at any panel
        // width (columns side by side showed one and a half and hid the dissent).
        for (name, r) in &claim.reviews {
            ui.group(|ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    verdict_badge(ui, r.verdict);
                    let who = if name == reviewer {
                        format!("{name} (you)")
                    } else {
                        name.clone()
                    };
                    ui.strong(who);
                    ui.label(verdict_title(r.verdict));
                    // The day is enough beside the name; the time is on hover.
                    let day = r.changed.get(..10).unwrap_or(&r.changed);
                    ui.label(RichText::new(day).weak().small())
                        .on_hover_text(&r.changed);
                });
                if !r.attributed_to.is_empty() {
                    ui.label(format!("Attributed to: {}", r.attributed_to));
                }
                if !r.note.is_empty() {
                    ui.add(egui::Label::new(&r.note).wrap());
                }
                ui.horizontal_wrapped(|ui| {
                    for e in &r.evidence {
                        let title = if e.title.is_empty() { &e.url } else { &e.title };
                        evidence_link(ui, title, &e.url);
                    }
                });
            });
        }
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label("Final verdict:");
            let current = claim.final_verdict.as_ref().map(|f| f.verdict);
            for v in [
                Verdict::Verified,
                Verdict::AttributedOnly,
                Verdict::Disputed,
            ] {
                if ui
                    .selectable_label(current == Some(v), verdict_title(v))
                    .clicked()
                    && current != Some(v)
                {
                    out.actions.push(Action::Adjudicate {
                        claim: claim.id.clone(),
                        verdict: Some(v),
                    });
                }
            }
            if current.is_some() && ui.button("Clear final verdict").clicked() {
                out.actions.push(Action::Adjudicate {
                    claim: claim.id.clone(),
                    verdict: None,
                });
            }
        });
        if let Some(f) = &claim.final_verdict {
            ui.label(RichText::new(format!("decided by {} at {}", f.by, f.at)).weak());
        }
    }
}

/// The claim's hint: the detected source and cue, the claim type, the check-worthiness score
/// and its reasons as chips, with Accept and Dismiss (or Restore).
pub(super) fn show_hint(
    ui: &mut egui::Ui,
    hint: &Hint,
    dismissed: bool,
    keymap: &crate::ui::keymap::Keymap,
    out: &mut DetailOutput,
) {
    let key = |cmd: UiCommand| {
        keymap
            .shortcuts(cmd)
            .first()
            .map(crate::ui::keymap::format)
            .unwrap_or_default()
    };
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.strong("Hint");
            if dismissed {
                ui.label(RichText::new("dismissed").weak());
                if ui
                    .button(format!("Restore ({})", key(UiCommand::DismissHint)))
                    .clicked()
                {
                    out.commands.push(UiCommand::DismissHint);
                }
            } else {
                ui.label(hint.claim_type.label());
                ui.label(
                    RichText::new(format!(
                        "check-worthiness {:.2}",
                        hint.checkworthy.score
                    ))
                    .weak(),
                );
            }
        });
        if dismissed {
            return;
        }
        match &hint.attribution {
            Some(a) => {
                ui.horizontal_wrapped(|ui| {
                    ui.label("Source:");
                    ui.strong(&a.source);
                    let how = match a.via {
                        Via::Cue => String::new(),
                        Via::Reference => a
                            .mention
                            .as_ref()
                            .map_or(String::new(), |m| format!(", “{}” refers to it", m.text)),
                        Via::Quotation => ", inside their quotation".to_string(),
                    };
                    ui.label(RichText::new(format!("cue “{}”{how}", a.cue)).weak());
                });
            }
            None => {
                ui.label(RichText::new("No source detected").weak());
            }
        }
        if !hint.checkworthy.reasons.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                for r in &hint.checkworthy.reasons {
                    chip(ui, &format!("{}: {}", r.signal, r.text));
                }
            });
        }
        ui.horizontal_wrapped(|ui| {
            let accept = egui::Button::new(format!("Accept ({})", key(UiCommand::AcceptHint)));
            if ui
                .add_enabled(hint.attribution.is_some(), accept)
                .on_hover_text("Fill attributed-to with the source (and attributed-only if you have no verdict yet)")
                .on_disabled_hover_text("No source to accept")
                .clicked()
            {
                out.commands.push(UiCommand::AcceptHint);
            }
            if ui
                .button(format!("Dismiss ({})", key(UiCommand::DismissHint)))
                .clicked()
            {
                out.commands.push(UiCommand::DismissHint);
            }
        });
    });
}

/// A reason as a small highlighted label.
pub(super) fn chip(ui: &mut egui::Ui, text: &str) {
    // Text with a background, not a framed box: in a wrapped row egui moves a label that does
    // not fit to the next line, but not a frame, which pushed the panel wider than the window.
    let short: String = if text.chars().count() > 36 {
        text.chars().take(35).chain(['…']).collect()
    } else {
        text.to_string()
    };
    // Whole: a chip that does not fit moves to the next row instead of breaking in two.
    ui.add(
        egui::Label::new(
            RichText::new(format!("\u{2009}{short}\u{2009}"))
                .small()
                .background_color(ui.visuals().faint_bg_color),
        )
        .extend(),
    )
    .on_hover_text(text);
}
