//! Searching the desk: the words and filters, and the hits as key-words-in-context lines that
//! open the article at the claim.

use super::{Desk, DeskCommand};
use crate::desk::search::Hit;
use crate::hints::ClaimType;
use crate::model::Verdict;
use crate::ui::theme::verdict_title;
use eframe::egui::{self, RichText, Sense};

impl Desk {
    pub(super) fn show_search(&mut self, ui: &mut egui::Ui, out: &mut Vec<DeskCommand>) {
        ui.heading("Search the desk");
        let s = &mut self.search;
        let before = (s.verdict, s.claim_type);
        let mut typed = false;
        let words = ui.add(
            egui::TextEdit::singleline(&mut s.text)
                .hint_text("words, \"a phrase\", note:…, url:…")
                .desired_width(f32::INFINITY),
        );
        words.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search the desk")
        });
        typed |= words.changed();
        if s.focus {
            words.request_focus();
            s.focus = false;
        }
        egui::Grid::new("desk-search-filters")
            .num_columns(2)
            .show(ui, |ui| {
                ui.label("Verdict");
                egui::ComboBox::from_id_salt("desk-search-verdict")
                    .selected_text(s.verdict.map_or("Any verdict", verdict_title))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut s.verdict, None, "Any verdict");
                        for v in Verdict::ALL {
                            ui.selectable_value(&mut s.verdict, Some(v), verdict_title(v));
                        }
                    });
                ui.end_row();
                ui.label("Claim type");
                egui::ComboBox::from_id_salt("desk-search-claim-type")
                    .selected_text(s.claim_type.map_or("Any type", ClaimType::label))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut s.claim_type, None, "Any type");
                        for t in ClaimType::ALL {
                            ui.selectable_value(&mut s.claim_type, Some(t), t.label());
                        }
                    });
                ui.end_row();
                for (label, value, hint) in [
                    ("Reviewer", &mut s.reviewer, "name"),
                    ("Attributed to", &mut s.attributed_to, "who made the claim"),
                    ("Evidence domain", &mut s.domain, "example.org"),
                    ("Published from", &mut s.from, "YYYY, YYYY-MM or YYYY-MM-DD"),
                    ("Published to", &mut s.to, "YYYY, YYYY-MM or YYYY-MM-DD"),
                ] {
                    ui.label(label);
                    let r = ui.add(
                        egui::TextEdit::singleline(value)
                            .hint_text(hint)
                            .desired_width(f32::INFINITY),
                    );
                    typed |= r.changed();
                    r.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::TextInput,
                            true,
                            format!("Search {}", label.to_lowercase()),
                        )
                    });
                    ui.end_row();
                }
            });
        // Sent only when the search changed (or a re-index dropped the answer); the index
        // answers on its own thread. Nothing is built on frames where nothing changed.
        if typed || before != (s.verdict, s.claim_type) || s.sent.is_none() {
            self.send_search();
        }
        let s = &self.search;
        ui.horizontal(|ui| {
            if s.waiting {
                ui.add(egui::Spinner::new());
                ui.label("Searching…");
            } else if let Some(e) = &s.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            } else if s.asked {
                ui.label(match s.hits.len() {
                    0 => "No claims found".to_string(),
                    1 => "1 claim".to_string(),
                    n => format!("{n} claims"),
                });
            }
        });
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("desk-hits")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for hit in &self.search.hits {
                    if hit_row(ui, hit) {
                        out.push(DeskCommand::OpenAt(hit.path.clone(), hit.claim_id.clone()));
                    }
                }
            });
    }
}

/// One hit: where it is, its verdicts, and the words in context; true when clicked.
fn hit_row(ui: &mut egui::Ui, hit: &Hit) -> bool {
    let title = if hit.title.is_empty() {
        &hit.path
    } else {
        &hit.title
    };
    let response = ui
        .vertical(|ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.strong(title);
                ui.label(RichText::new(format!("claim {}", hit.number)).weak());
                ui.label(RichText::new(verdicts(hit)).small());
            });
            ui.add(egui::Label::new(kwic_job(ui, &hit.kwic)).wrap());
            ui.label(RichText::new(&hit.path).small().weak());
            ui.separator();
        })
        .response;
    let response = ui.interact(
        response.rect,
        ui.scope_id().with(("desk-hit", &hit.path, &hit.claim_id)),
        Sense::click(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            format!("Open claim {} of {title}: {}", hit.number, hit.quote),
        )
    });
    response
        .on_hover_text("Open the article at this claim")
        .clicked()
}

/// "final: verified" or "alice: verified · bob: disputed" or "unreviewed".
fn verdicts(hit: &Hit) -> String {
    if let Some(f) = hit.final_verdict {
        return format!("final: {}", verdict_title(f));
    }
    if hit.verdicts.is_empty() {
        return "unreviewed".into();
    }
    hit.verdicts
        .iter()
        .map(|(who, v)| format!("{who}: {}", verdict_title(*v)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The words in context with the matched words (`[[so]]`) in bold.
fn kwic_job(ui: &egui::Ui, kwic: &str) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    let style = ui.style();
    let mut rest = kwic;
    while !rest.is_empty() {
        let (plain, marked, after) = match rest.find("[[") {
            Some(i) => match rest[i + 2..].find("]]") {
                Some(j) => (&rest[..i], &rest[i + 2..i + 2 + j], &rest[i + 4 + j..]),
                None => (rest, "", ""),
            },
            None => (rest, "", ""),
        };
        for (text, strong) in [(plain, false), (marked, true)] {
            if text.is_empty() {
                continue;
            }
            let t = if strong {
                RichText::new(text).strong().underline()
            } else {
                RichText::new(text)
            };
            t.append_to(
                &mut job,
                style,
                egui::FontSelection::Default,
                egui::Align::Center,
            );
        }
        rest = after;
    }
    job
}
