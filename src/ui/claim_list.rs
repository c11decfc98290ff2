//! The claim list: one row per claim in article order, filtered and searched. Only the rows in
//! view are built; the filtered list is recomputed when the project or the filter changes,
//! not every frame.

use super::app::HintState;
use super::article_view::display_verdict;
use super::theme::{verdict_color, verdict_letter, verdict_title};
use crate::hints::{ClaimType, Hint};
use crate::model::{Claim, Project, Verdict};
use eframe::egui::{self, Color32, RichText, Sense, Vec2};
use std::collections::HashMap;

mod filters;
use filters::hint_marker;

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
    /// Only claims the hints give this claim type (none until hints arrive).
    pub claim_type: Option<ClaimType>,
    /// Order by the hints' check-worthiness score, highest first (else article order).
    pub checkworthy_first: bool,
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
    /// Indices into `project.claims` that pass the filter, for `computed_for`: in article
    /// order unless `ordered` (most check-worthy first).
    pub visible: Vec<usize>,
    ordered: bool,
    /// (revision, hints generation, reviewer, filter) `visible` was computed for.
    computed_for: Option<(u64, u64, String, ClaimFilter)>,
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
    /// Rebuilds the filtered list if the project, hints, reviewer or filter changed. Returns
    /// true when the filter itself changed.
    pub fn refresh(
        &mut self,
        p: &Project,
        revision: u64,
        reviewer: &str,
        hints: &HintState,
    ) -> bool {
        // Compared in place: this runs every frame, and only a change should allocate.
        if self.computed_for.as_ref().is_some_and(|(r, g, who, f)| {
            *r == revision && *g == hints.generation && who == reviewer && *f == self.filter
        }) {
            return false;
        }
        let key = (
            revision,
            hints.generation,
            reviewer.to_string(),
            self.filter.clone(),
        );
        let filter_changed = self
            .computed_for
            .as_ref()
            .is_some_and(|(_, _, _, f)| *f != self.filter);
        let needle = self.filter.search.trim().to_lowercase();
        let project_hints = hints.hints.as_ref();
        let accepts = |i: usize| {
            let c = &p.claims[i];
            self.filter.accepts(c, reviewer, &needle)
                && self.filter.claim_type.is_none_or(|t| {
                    project_hints
                        .and_then(|h| h.get(&c.id))
                        .is_some_and(|h| h.claim_type == t)
                })
        };
        self.ordered = self.filter.checkworthy_first && project_hints.is_some();
        self.visible = match project_hints.filter(|_| self.ordered) {
            Some(h) => {
                // Hinted claims by score, then any claim newer than the hints in article order.
                let index: HashMap<&str, usize> = p
                    .claims
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c.id.as_str(), i))
                    .collect();
                let mut seen = vec![false; p.claims.len()];
                let mut order: Vec<usize> = h
                    .most_checkworthy_first()
                    .into_iter()
                    .filter_map(|id| index.get(id).copied())
                    .inspect(|&i| seen[i] = true)
                    .collect();
                order.extend((0..p.claims.len()).filter(|&i| !seen[i]));
                order.into_iter().filter(|&i| accepts(i)).collect()
            }
            None => (0..p.claims.len()).filter(|&i| accepts(i)).collect(),
        };
        self.reviewed = p
            .claims
            .iter()
            .filter(|c| c.verdict_of(reviewer).is_reviewed())
            .count();
        self.computed_for = Some(key);
        filter_changed
    }

    /// The row showing claim index `i`, if it is shown.
    fn row_of(&self, claim_index: usize) -> Option<usize> {
        if self.ordered {
            self.visible.iter().position(|&r| r == claim_index)
        } else {
            self.visible.binary_search(&claim_index).ok()
        }
    }

    /// The claim index of the row after (or before) claim `i` in the list as shown; for a
    /// claim the list does not show, the next one after it in the article (or the first row
    /// when the list is ordered by score).
    pub fn neighbour(&self, i: usize, forward: bool) -> Option<usize> {
        let rows = &self.visible;
        if self.ordered {
            return match rows.iter().position(|&r| r == i) {
                Some(pos) if forward => rows.get(pos + 1).copied(),
                Some(pos) => pos.checked_sub(1).and_then(|p| rows.get(p)).copied(),
                None => rows.first().copied(),
            };
        }
        let pos = rows.partition_point(|&r| r < i);
        if forward {
            rows.get(if rows.get(pos) == Some(&i) {
                pos + 1
            } else {
                pos
            })
            .copied()
        } else {
            pos.checked_sub(1).and_then(|p| rows.get(p)).copied()
        }
    }

    /// Makes the row of claim index `i` visible on the next frame.
    pub fn reveal(&mut self, claim_index: usize) {
        if let Some(row) = self.row_of(claim_index) {
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
        (hints, checked): (&HintState, Option<&HashMap<String, String>>),
    ) -> Option<String> {
        self.show_filters(ui);
        let mut clicked = None;
        if self.refresh(p, revision, reviewer, hints) {
            // A new filter that hides the selected claim selects the first claim it shows,
            // so Ctrl+D or a search lands on something to work on.
            let shown = selected
                .and_then(|id| p.claim_index(id))
                .is_some_and(|i| self.row_of(i).is_some());
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
        if hints.hints.is_none()
            && (self.filter.claim_type.is_some() || self.filter.checkworthy_first)
        {
            ui.label(RichText::new("Hints are still being worked out…").weak());
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
                let marks = RowMarks {
                    hint: hints.live(&c.id),
                    checked: checked.and_then(|f| f.get(&c.id)).map(String::as_str),
                };
                if claim_row(
                    ui,
                    i + 1,
                    c,
                    reviewer,
                    Some(c.id.as_str()) == selected,
                    marks,
                ) {
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

/// What a hint says in one line: "attributed to Ukraine's general staff · quantity · 0.72".
pub fn hint_summary(h: &Hint) -> String {
    let mut parts = Vec::new();
    if let Some(a) = &h.attribution {
        parts.push(format!("attributed to {}", a.source));
    }
    parts.push(h.claim_type.as_str().to_string());
    parts.push(format!("{:.2}", h.checkworthy.score));
    parts.join(" · ")
}

/// What a row shows beside the claim: its hint and where it was checked before.
struct RowMarks<'a> {
    hint: Option<&'a Hint>,
    checked: Option<&'a str>,
}

fn claim_row(
    ui: &mut egui::Ui,
    number: usize,
    c: &Claim,
    reviewer: &str,
    selected: bool,
    marks: RowMarks<'_>,
) -> bool {
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
            if let Some(h) = marks.hint {
                hint_marker(ui, h);
            }
            if let Some(said) = marks.checked {
                ui.label(RichText::new("≈").strong()).on_hover_text(said);
            }
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
            // Attributed-to and the quote share one label, so a narrow row ends in "…"
            // instead of cutting either off.
            let mut job = egui::text::LayoutJob::default();
            let style = ui.style().clone();
            if let Some(who) = own
                .map(|r| r.attributed_to.as_str())
                .filter(|s| !s.is_empty())
            {
                RichText::new(format!("[{who}] ")).italics().append_to(
                    &mut job,
                    &style,
                    egui::FontSelection::Default,
                    egui::Align::Center,
                );
            }
            RichText::new(words).append_to(
                &mut job,
                &style,
                egui::FontSelection::Default,
                egui::Align::Center,
            );
            ui.add(egui::Label::new(job).truncate());
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
