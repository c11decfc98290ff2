//! The article pane. The text is cut into paragraphs once per project; each paragraph is laid
//! out only when it is on screen and only again when the claims in it change, and only the
//! paragraphs in view are painted. So a 1 MB article with 10k claims scrolls and tags without
//! re-laying the whole text each frame.

use super::theme::{verdict_color, verdict_letter, verdict_tint};
use crate::model::{Claim, ClaimKind, Project};
use crate::session::Session;
use eframe::egui::{
    self, Align2, Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, TextFormat, Vec2,
    text::CCursor, text::LayoutJob,
};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

mod layers;
mod overlays;
use overlays::paint_marks;
mod pointer;

use layers::DIFFERS;
pub use layers::{Layer, display_verdict};

const FONT_SIZE: f32 = 15.0;
const GUTTER: f32 = 30.0;

struct Paragraph {
    chars: Range<usize>,
    bytes: Range<usize>,
}

/// What the paragraph style keys were computed for.
#[derive(Clone, PartialEq)]
struct StyledFor {
    spans_revision: u64,
    looks: (String, bool, Layer),
    revision: u64,
    selected: Option<String>,
}

/// What the reviewer did in the article this frame.
#[derive(Debug, Default)]
pub struct ArticleOutput {
    /// Clicked on a claim.
    pub select: Option<String>,
    /// Commands chosen from the context menu.
    pub commands: Vec<super::command::UiCommand>,
}

#[derive(Default)]
pub struct ArticleView {
    text_sha: String,
    paragraphs: Vec<Paragraph>,
    /// Claim indices overlapping each paragraph, for the revision in `styled_for`.
    claims_in: Vec<Vec<u32>>,
    style_keys: Vec<u64>,
    styled_for: Option<StyledFor>,
    galleys: Vec<Option<(u64, f32, Arc<Galley>)>>,
    heights: Vec<f32>,
    tops: Vec<f32>,
    total_height: f32,
    tops_dirty: bool,
    wrap_width: f32,
    /// Text selected by dragging, as (anchor, head) character offsets.
    pub selection: Option<(usize, usize)>,
    /// Where the reviewer last clicked: "split at cursor" splits here.
    pub caret: Option<usize>,
    drag_anchor: Option<usize>,
    scroll_to: Option<usize>,
    /// Where the article's content began on screen last frame and what of it was visible
    /// (for `screen_pos`).
    content_min: Pos2,
    visible: Option<Rect>,
    /// Whose verdicts colour the text.
    pub layer: Layer,
    /// The visible height of the article last frame (to keep scroll offsets in range).
    viewport_height: f32,
}

impl ArticleView {
    /// Selected text as a character range, if any.
    pub fn selected_range(&self) -> Option<Range<usize>> {
        let (a, b) = self.selection?;
        (a != b).then(|| a.min(b)..a.max(b))
    }

    /// Scroll so the claim starting at `char_offset` is in view on the next frame.
    pub fn scroll_to(&mut self, char_offset: usize) {
        self.scroll_to = Some(char_offset);
    }

    fn cut_paragraphs(&mut self, text: &str) {
        self.paragraphs.clear();
        let (mut char_pos, mut para_start_char, mut para_start_byte) = (0usize, 0usize, 0usize);
        for (b, ch) in text.char_indices() {
            if ch == '\n' {
                self.paragraphs.push(Paragraph {
                    chars: para_start_char..char_pos,
                    bytes: para_start_byte..b,
                });
                para_start_char = char_pos + 1;
                para_start_byte = b + 1;
            }
            char_pos += 1;
        }
        self.paragraphs.push(Paragraph {
            chars: para_start_char..char_pos,
            bytes: para_start_byte..text.len(),
        });
        let n = self.paragraphs.len();
        self.galleys = vec![None; n];
        self.heights = self
            .paragraphs
            .iter()
            .map(|p| estimate_height(p.chars.len(), 600.0))
            .collect();
        self.tops_dirty = true;
        self.styled_for = None;
    }

    fn paragraph_of(&self, char_offset: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.chars.end < char_offset)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// Keeps each paragraph's style key (what its claims look like) up to date. The claims of
    /// each paragraph are re-indexed only when spans change; after a review change only the
    /// paragraphs of the touched claims and of the old and new selection are re-hashed, so a
    /// tag costs nothing like a pass over 10k claims.
    fn restyle(&mut self, s: &Session, reviewer: &str, selected: Option<&str>, dark: bool) {
        let p = &s.project;
        let looks = (reviewer.to_string(), dark, self.layer.clone());
        let full = self
            .styled_for
            .as_ref()
            .is_none_or(|f| f.spans_revision != s.spans_revision || f.looks != looks)
            || self.claims_in.len() != self.paragraphs.len();
        if full {
            for list in &mut self.claims_in {
                list.clear();
            }
            self.claims_in.resize_with(self.paragraphs.len(), Vec::new);
            for (i, c) in p.claims.iter().enumerate() {
                let first = self.paragraph_of(c.start);
                let last = self.paragraph_of(c.end.saturating_sub(1)).max(first);
                for list in &mut self.claims_in[first..=last] {
                    list.push(i as u32);
                }
            }
            self.style_keys = (0..self.paragraphs.len())
                .map(|i| self.style_key(p, i, reviewer, selected, dark))
                .collect();
        } else {
            let StyledFor {
                revision,
                selected: old_selected,
                ..
            } = self.styled_for.clone().expect("not full");
            if revision == s.revision && old_selected.as_deref() == selected {
                return;
            }
            let mut ids: Vec<&str> = selected
                .into_iter()
                .chain(old_selected.as_deref())
                .collect();
            let touched = (revision != s.revision)
                .then(|| s.touched_since(revision))
                .flatten();
            if let Some(touched) = touched {
                ids.extend(touched);
            } else if revision != s.revision {
                // Several changes since the last frame: re-hash everything (still no re-index).
                ids.clear();
                self.style_keys = (0..self.paragraphs.len())
                    .map(|i| self.style_key(p, i, reviewer, selected, dark))
                    .collect();
            }
            for id in ids {
                if let Some(c) = p.claim(id) {
                    let (first, last) = (
                        self.paragraph_of(c.start),
                        self.paragraph_of(c.end.saturating_sub(1)),
                    );
                    for i in first..=last.max(first) {
                        self.style_keys[i] = self.style_key(p, i, reviewer, selected, dark);
                    }
                }
            }
        }
        self.styled_for = Some(StyledFor {
            spans_revision: s.spans_revision,
            looks,
            revision: s.revision,
            selected: selected.map(str::to_string),
        });
    }

    /// True when the incrementally kept style keys equal a full recomputation: the check
    /// that incremental restyling never leaves a stale highlight (used by tests).
    pub fn styles_are_current(
        &self,
        s: &Session,
        reviewer: &str,
        selected: Option<&str>,
        dark: bool,
    ) -> bool {
        let mut fresh = ArticleView {
            layer: self.layer.clone(),
            ..ArticleView::default()
        };
        fresh.cut_paragraphs(&s.project.article.text);
        fresh.restyle(s, reviewer, selected, dark);
        fresh.claims_in == self.claims_in && fresh.style_keys == self.style_keys
    }

    /// How many paragraphs have been laid out so far (the rest are estimated until seen).
    pub fn laid_out_paragraphs(&self) -> usize {
        self.galleys.iter().filter(|g| g.is_some()).count()
    }

    fn style_key(
        &self,
        p: &Project,
        i: usize,
        reviewer: &str,
        selected: Option<&str>,
        dark: bool,
    ) -> u64 {
        let mut h = DefaultHasher::new();
        dark.hash(&mut h);
        for &k in &self.claims_in[i] {
            let c = &p.claims[k as usize];
            let (v, differs) = self.layer.verdict(c, reviewer);
            (c.start, c.end, c.kind as u8, v as u8, differs).hash(&mut h);
            (Some(c.id.as_str()) == selected).hash(&mut h);
        }
        h.finish()
    }

    fn layout(
        &self,
        ctx: &egui::Context,
        p: &Project,
        i: usize,
        reviewer: &str,
        selected: Option<&str>,
        dark: bool,
    ) -> Arc<Galley> {
        let para = &self.paragraphs[i];
        let text = &p.article.text[para.bytes.clone()];
        let base = TextFormat {
            font_id: FontId::proportional(FONT_SIZE),
            color: if dark {
                Color32::from_gray(225)
            } else {
                Color32::from_gray(20)
            },
            line_height: Some(FONT_SIZE * 1.5),
            ..TextFormat::default()
        };
        let claims: Vec<&Claim> = self.claims_in[i]
            .iter()
            .map(|&k| &p.claims[k as usize])
            .collect();
        // Segment the paragraph at every claim edge, then style each piece.
        let len = para.chars.len();
        let mut edges: Vec<usize> = vec![0, len];
        for c in &claims {
            edges.push(c.start.saturating_sub(para.chars.start).min(len));
            edges.push(c.end.saturating_sub(para.chars.start).min(len));
        }
        edges.sort_unstable();
        edges.dedup();
        let byte_at: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        let mut job = LayoutJob::default();
        job.wrap.max_width = self.wrap_width;
        for w in edges.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (abs_a, abs_b) = (para.chars.start + a, para.chars.start + b);
            let covering = claims.iter().filter(|c| c.start <= abs_a && c.end >= abs_b);
            let mut format = base.clone();
            for c in covering {
                let (v, differs) = self.layer.verdict(c, reviewer);
                let is_selected = Some(c.id.as_str()) == selected;
                if c.kind == ClaimKind::Selection {
                    format.underline = Stroke::new(2.0, verdict_color(v));
                } else {
                    format.background = verdict_tint(v, dark);
                }
                if differs {
                    // Mine differs from the final verdict: a thick wavy-free magenta underline.
                    format.underline = Stroke::new(2.5, DIFFERS);
                }
                if is_selected {
                    let sel = if dark {
                        Color32::from_rgb(40, 70, 120)
                    } else {
                        Color32::from_rgb(190, 215, 255)
                    };
                    format.background = sel;
                }
            }
            job.append(&text[byte_at[a]..byte_at[b]], 0.0, format);
        }
        if job.sections.is_empty() {
            job.append("", 0.0, base);
        }
        ctx.fonts_mut(|f| f.layout_job(job))
    }

    fn recompute_tops(&mut self) {
        let gap = FONT_SIZE * 0.6;
        self.tops.clear();
        let mut y = 0.0;
        for h in &self.heights {
            self.tops.push(y);
            y += h + gap;
        }
        self.total_height = y;
        self.tops_dirty = false;
    }

    /// Shows the article; `selected` is the claim outlined in it. `marks` are character
    /// ranges underlined with a dotted line (the selected claim's hinted source): painted
    /// over the laid-out text each frame like the outline, so they never enter the style keys.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        reviewer: &str,
        selected: Option<&str>,
        marks: &[Range<usize>],
    ) -> ArticleOutput {
        let p = &session.project;
        let mut out = ArticleOutput::default();
        if self.text_sha != p.article.text_sha256 || self.paragraphs.is_empty() {
            self.text_sha = p.article.text_sha256.clone();
            self.cut_paragraphs(&p.article.text);
            self.selection = None;
            self.caret = None;
        }
        let dark = ui.visuals().dark_mode;
        self.restyle(session, reviewer, selected, dark);
        // Never wider than what is visible: a wide row above must not push the text under the
        // detail panel.
        let visible = ui.clip_rect().right() - ui.cursor().left();
        let width = (ui.available_width().min(visible) - GUTTER - 16.0).max(120.0);
        if (width - self.wrap_width).abs() > 0.5 {
            self.wrap_width = width;
        }
        if self.tops_dirty || self.tops.len() != self.paragraphs.len() {
            self.recompute_tops();
        }
        let mut area = egui::ScrollArea::vertical()
            .id_salt("article")
            .auto_shrink([false, false]);
        if let Some(target) = self.scroll_to.take() {
            let i = self.paragraph_of(target);
            // Within the scroll range: an offset past the end makes egui spring it back over
            // dozens of frames (each a full repaint, costly on a software renderer).
            let max = (self.total_height - self.viewport_height).max(0.0);
            area = area.vertical_scroll_offset((self.tops[i] - 60.0).clamp(0.0, max));
        }
        let ctx = ui.ctx().clone();
        let ppp = ctx.pixels_per_point();
        area.show_viewport(ui, |ui, viewport| {
            self.viewport_height = viewport.height();
            let (content_rect, response) =
                ui.allocate_exact_size(Vec2::new(ui.available_width(), self.total_height), Sense::click_and_drag());
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Article, true, "Article text"));
            let content_min = content_rect.min;
            self.content_min = content_min;
            self.visible = Some(ui.clip_rect());
            let first = self.tops.partition_point(|&t| t <= viewport.min.y).saturating_sub(1);
            let mut heights_changed = false;
            let painter = ui.painter_at(content_rect);
            for i in first..self.paragraphs.len() {
                if self.tops[i] > viewport.max.y {
                    break;
                }
                let key = self.style_keys[i];
                // A zoom changes pixels per point: text laid out before is stale.
                let fresh = matches!(&self.galleys[i], Some((k, w, g)) if *k == key && (*w - self.wrap_width).abs() < 0.5 && g.pixels_per_point == ppp);
                if !fresh {
                    let g = self.layout(&ctx, p, i, reviewer, selected, dark);
                    let h = g.size().y.max(FONT_SIZE * 1.5);
                    if (h - self.heights[i]).abs() > 0.5 {
                        self.heights[i] = h;
                        heights_changed = true;
                    }
                    self.galleys[i] = Some((key, self.wrap_width, g));
                }
                let origin = content_min + Vec2::new(GUTTER, self.tops[i]);
                let galley = self.galleys[i].as_ref().map(|(_, _, g)| g.clone()).expect("laid out above");
                self.paint_overlays(&painter, p, i, &galley, origin, reviewer, selected, dark);
                paint_marks(&painter, &self.paragraphs[i], &galley, origin, marks, dark);
                painter.galley(origin, galley, Color32::GRAY);
            }
            if heights_changed {
                self.tops_dirty = true;
                ui.ctx().request_repaint();
            }
            self.handle_pointer(&response, content_min, p, &mut out);
            response.context_menu(|ui| {
                use super::command::UiCommand;
                for cmd in [UiCommand::ClaimFromSelection, UiCommand::SplitAtCursor, UiCommand::MergeWithNext] {
                    if ui.button(cmd.label()).clicked() {
                        out.commands.push(cmd);
                        ui.close();
                    }
                }
            });
        });
        out
    }
}

/// The most specific claim at a character: a hand-made claim over the statement around it.
pub fn claim_at(p: &Project, at: usize) -> Option<&Claim> {
    let end = p.claims.partition_point(|c| c.start <= at);
    p.claims[..end]
        .iter()
        .rev()
        .take(64)
        .filter(|c| c.start <= at && at < c.end)
        .min_by_key(|c| (c.kind.is_statement(), c.end - c.start))
}

fn estimate_height(chars: usize, width: f32) -> f32 {
    let per_row = (width / (FONT_SIZE * 0.5)).max(20.0);
    ((chars as f32 / per_row).ceil().max(1.0)) * FONT_SIZE * 1.5
}
