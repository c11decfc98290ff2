//! The list's filter row (search, verdict, claim type, unreviewed only, most check-worthy first)
//! and the hint marker of a row.

use super::*;

impl ClaimList {
    pub(super) fn show_filters(&mut self, ui: &mut egui::Ui) {
        // Wrapped, so a narrow panel stacks the controls instead of cutting them off.
        ui.horizontal_wrapped(|ui| {
            let search = ui.add(
                egui::TextEdit::singleline(&mut self.filter.search)
                    .hint_text("Search quote, note, source…")
                    .desired_width(180.0),
            );
            search.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search claims")
            });
            if self.focus_search {
                search.request_focus();
                self.focus_search = false;
            }
            let current = match (self.filter.disagreements, self.filter.verdict) {
                (true, _) => "Disagreements",
                (false, Some(v)) => verdict_title(v),
                (false, None) => "All verdicts",
            };
            egui::ComboBox::from_label("Verdict")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(
                            self.filter.verdict.is_none() && !self.filter.disagreements,
                            "All verdicts",
                        )
                        .clicked()
                    {
                        self.filter.verdict = None;
                        self.filter.disagreements = false;
                    }
                    for v in Verdict::ALL {
                        if ui
                            .selectable_label(self.filter.verdict == Some(v), verdict_title(v))
                            .clicked()
                        {
                            self.filter.verdict = Some(v);
                            self.filter.disagreements = false;
                        }
                    }
                    if ui
                        .selectable_label(self.filter.disagreements, "Disagreements")
                        .clicked()
                    {
                        self.filter.verdict = None;
                        self.filter.disagreements = true;
                    }
                });
            ui.checkbox(&mut self.filter.unreviewed_only, "Unreviewed only");
            egui::ComboBox::from_label("Claim type")
                .selected_text(self.filter.claim_type.map_or("All types", ClaimType::label))
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(self.filter.claim_type.is_none(), "All types")
                        .clicked()
                    {
                        self.filter.claim_type = None;
                    }
                    for t in ClaimType::ALL {
                        if ui
                            .selectable_label(self.filter.claim_type == Some(t), t.label())
                            .clicked()
                        {
                            self.filter.claim_type = Some(t);
                        }
                    }
                });
            ui.checkbox(
                &mut self.filter.checkworthy_first,
                "Most check-worthy first",
            )
            .on_hover_text("Order by the hints' check-worthiness score");
        });
    }
}

/// A hint in a list row: a small bar filled as far as the claim is check-worthy, with a dot
/// on top when a source was detected; the hover says what the hint found.
pub(super) fn hint_marker(ui: &mut egui::Ui, h: &Hint) {
    let (rect, response) = ui.allocate_exact_size(Vec2::new(7.0, 14.0), Sense::hover());
    let colour = ui.visuals().weak_text_color();
    let painter = ui.painter();
    let bar = egui::Rect::from_min_max(rect.min + Vec2::new(1.0, 4.0), rect.max);
    painter.rect_stroke(bar, 1.0, (1.0, colour), egui::StrokeKind::Inside);
    let filled = bar.height() * h.checkworthy.score.clamp(0.0, 1.0) as f32;
    painter.rect_filled(
        egui::Rect::from_min_max(egui::pos2(bar.min.x, bar.max.y - filled), bar.max),
        1.0,
        colour,
    );
    if h.attribution.is_some() {
        painter.circle_filled(egui::pos2(rect.center().x, rect.min.y + 1.5), 1.5, colour);
    }
    let summary = hint_summary(h);
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Image, true, format!("Hint: {summary}"))
    });
    response.on_hover_text(summary);
}
