//! The claim list: one row per claim in article order, filtered and searched. Only the rows in
//! view are built; the filtered list is recomputed when the project or the filter changes,
//! not every frame.

use super::article_view::display_verdict;
use super::theme::{verdict_color, verdict_letter, verdict_title};
use crate::model::{Claim, Project, Verdict};
use eframe::egui::{self, Color32, RichText, Sense, Vec2};

/// Which claims the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ClaimFilter {
    /// Only claims showing this verdict (yours, else the settled one).
    pub verdict: Option<Verdict>,
    /// Only claims where reviewers disagree.
    pub disagreements: bool,
    /// Only claims you have not reviewed.
    pub unreviewed_only: bool,
    /// Words to find in the quote, notes, attributed-to or evidence.
    pub search: String,
}

impl ClaimFilter {
    pub fn accepts(&self, c: &Claim, reviewer: &str, needle: &str) -> bool {
        if self
            .verdict
            .is_some_and(|v| display_verdict(c, reviewer) != v)
        {
            return false;
        }
        if self.disagreements && !c.is_disagreement() {
            return false;
        }
        if self.unreviewed_only && c.verdict_of(reviewer).is_reviewed() {
            return false;
        }
        needle.is_empty() || claim_mentions(c, needle)
    }
}

/// Case-insensitive search over everything a reviewer may remember about a claim.
fn claim_mentions(c: &Claim, needle: &str) -> bool {
    let has = |s: &str| s.to_lowercase().contains(needle);
    has(&c.quote)
        || c.reviews.values().any(|r| {
            has(&r.note)
                || has(&r.attributed_to)
                || r.evidence
                    .iter()
                    .any(|e| has(&e.url) || has(&e.title) || has(&e.excerpt))
        })
}

#[derive(Default)]
pub struct ClaimList {
    pub filter: ClaimFilter,
    /// Indices into `project.claims` that pass the filter, for `computed_for`.
    pub visible: Vec<usize>,
    computed_for: Option<(u64, String, ClaimFilter)>,
    reviewed: usize,
    pub focus_search: bool,
    scroll_to_row: Option<usize>,
    last_view: (f32, f32),
    /// Whether article text is selected (so an orphan can be re-attached to it).
    pub has_selection: bool,
    /// An orphan the reviewer asked to re-attach to the selected text.
    pub reattach: Option<String>,
}

const ROW_HEIGHT: f32 = 22.0;

impl ClaimList {
    /// Rebuilds the filtered list if the project, reviewer or filter changed. Returns true
    /// when the filter itself changed.
    pub fn refresh(&mut self, p: &Project, revision: u64, reviewer: &str) -> bool {
        // Compared in place: this runs every frame, and only a change should allocate.
        if self
            .computed_for
            .as_ref()
            .is_some_and(|(r, who, f)| *r == revision && who == reviewer && *f == self.filter)
        {
            return false;
        }
        let key = (revision, reviewer.to_string(), self.filter.clone());
        let filter_changed = self
            .computed_for
            .as_ref()
            .is_some_and(|(_, _, f)| *f != self.filter);
        let needle = self.filter.search.trim().to_lowercase();
        self.visible = (0..p.claims.len())
            .filter(|&i| self.filter.accepts(&p.claims[i], reviewer, &needle))
            .collect();
        self.reviewed = p
            .claims
            .iter()
            .filter(|c| c.verdict_of(reviewer).is_reviewed())
            .count();
        self.computed_for = Some(key);
        filter_changed
    }

    /// Makes the row of claim index `i` visible on the next frame.
    pub fn reveal(&mut self, claim_index: usize) {
        if let Ok(row) = self.visible.binary_search(&claim_index) {
            let y = row as f32 * ROW_HEIGHT;
            let (top, height) = self.last_view;
            if y < top || y + ROW_HEIGHT > top + height {
                self.scroll_to_row = Some(row);
            }
        }
    }

    /// Shows filter controls, progress and the rows. Returns the claim id clicked.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        p: &Project,
        revision: u64,
        reviewer: &str,
        selected: Option<&str>,
    ) -> Option<String> {
        self.show_filters(ui);
        let mut clicked = None;
        if self.refresh(p, revision, reviewer) {
            // A new filter that hides the selected claim selects the first claim it shows,
            // so Ctrl+D or a search lands on something to work on.
            let shown = selected
                .and_then(|id| p.claim_index(id))
                .is_some_and(|i| self.visible.binary_search(&i).is_ok());
            if !shown && let Some(&first) = self.visible.first() {
                clicked = Some(p.claims[first].id.clone());
            }
        }
        let total = p.claims.len();
        ui.add(
            egui::ProgressBar::new(if total == 0 {
                0.0
            } else {
                self.reviewed as f32 / total as f32
            })
            .text(format!("{} of {} reviewed", self.reviewed, total)),
        );
        if self.visible.len() != total {
            ui.label(format!(
                "Showing {} of {} claims",
                self.visible.len(),
                total
            ));
        }
        if !p.orphans.is_empty() {
            self.show_orphans(ui, p);
        }
        ui.separator();
        let mut area = egui::ScrollArea::vertical()
            .id_salt("claim-list")
            .auto_shrink([false, false]);
        if let Some(row) = self.scroll_to_row.take() {
            let (_, height) = self.last_view;
            // Kept in range, or egui springs it back over dozens of frames.
            let max = (self.visible.len() as f32 * ROW_HEIGHT - height).max(0.0);
            area = area
                .vertical_scroll_offset((row as f32 * ROW_HEIGHT - height / 2.0).clamp(0.0, max));
        }
        let out = area.show_rows(ui, ROW_HEIGHT, self.visible.len(), |ui, rows| {
            for row in rows {
                let i = self.visible[row];
                let c = &p.claims[i];
                if claim_row(ui, i + 1, c, reviewer, Some(c.id.as_str()) == selected) {
                    clicked = Some(c.id.clone());
                }
            }
        });
        self.last_view = (out.state.clamped_offset().y, out.inner_rect.height());
        clicked
    }

    /// Claims a merge could not place in this text: kept with their reviews until re-attached.
    fn show_orphans(&mut self, ui: &mut egui::Ui, p: &Project) {
        egui::CollapsingHeader::new(format!("Orphaned claims ({})", p.orphans.len()))
            .default_open(true)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(
                        "Not found in this article's text. Select the right text, then re-attach.",
                    )
                    .weak(),
                );
                for o in &p.orphans {
                    ui.horizontal(|ui| {
                        let b = ui.add_enabled(
                            self.has_selection,
                            egui::Button::new("Re-attach to selection"),
                        );
                        if b.clicked() {
                            self.reattach = Some(o.id.clone());
                        }
                        let words: String = o
                            .quote
                            .split_whitespace()
                            .take(10)
                            .collect::<Vec<_>>()
                            .join(" ");
                        ui.add(egui::Label::new(format!("“{words}”")).truncate());
                    });
                }
            });
        ui.separator();
    }

    fn show_filters(&mut self, ui: &mut egui::Ui) {
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
        });
    }
}

/// A verdict badge: the letter on the verdict's colour, so it reads without colour too.
pub fn verdict_badge(ui: &mut egui::Ui, v: Verdict) {
    let text = RichText::new(verdict_letter(v))
        .monospace()
        .strong()
        .color(Color32::WHITE);
    let frame = egui::Frame::new()
        .fill(verdict_color(v))
        .corner_radius(3.0)
        .inner_margin(Vec2::new(4.0, 0.0));
    frame
        .show(ui, |ui| ui.label(text))
        .response
        .on_hover_text(verdict_title(v));
}

fn claim_row(ui: &mut egui::Ui, number: usize, c: &Claim, reviewer: &str, selected: bool) -> bool {
    let v = display_verdict(c, reviewer);
    let own = c.review(reviewer);
    // The start of the quote; a row too narrow for it ends in "…" (egui's truncation), and so
    // does a long quote cut here, so a row never looks like a whole sentence when it is not.
    let words = row_text(&c.quote);
    let response = ui
        .horizontal(|ui| {
            ui.set_min_height(ROW_HEIGHT - 4.0);
            ui.label(RichText::new(format!("{number:>4}")).monospace().weak());
            verdict_badge(ui, v);
            if c.is_disagreement() {
                ui.label(
                    RichText::new("≠")
                        .strong()
                        .color(Color32::from_rgb(0xCC, 0x79, 0xA7)),
                )
                .on_hover_text("Reviewers disagree");
            }
            if own.is_some_and(|r| !r.note.is_empty()) {
                ui.label("¶").on_hover_text("Has a note");
            }
            if let Some(n) = own.map(|r| r.evidence.len()).filter(|&n| n > 0) {
                ui.label(format!("§{n}")).on_hover_text("Evidence sources");
            }
            if let Some(who) = own
                .map(|r| r.attributed_to.as_str())
                .filter(|s| !s.is_empty())
            {
                ui.label(RichText::new(format!("[{who}]")).italics());
            }
            ui.add(egui::Label::new(words).truncate());
        })
        .response;
    let response = ui.interact(
        response.rect,
        ui.scope_id().with(("claim-row", number)),
        Sense::click(),
    );
    if selected {
        ui.painter().rect_filled(
            response.rect,
            2.0,
            ui.visuals().selection.bg_fill.gamma_multiply(0.35),
        );
    }
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::ListBoxOption,
            true,
            selected,
            format!("Claim {number}: {}", c.quote),
        )
    });
    response.clicked()
}

/// The first 160 characters of a quote on one line, with "…" when there is more.
fn row_text(quote: &str) -> String {
    const MAX: usize = 160;
    let flat: String = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", flat[..cut].trim_end()),
        None => flat,
    }
}

#[cfg(test)]
mod tests {
    use super::row_text;

    #[test]
    fn long_quotes_end_in_an_ellipsis_short_ones_stay_whole() {
        assert_eq!(row_text("A  short\nline."), "A short line.");
        let long = "word ".repeat(60);
        let row = row_text(&long);
        assert!(row.ends_with('…'));
        assert_eq!(row.chars().count(), 160);
    }
}
