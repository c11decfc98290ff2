//! What is painted over the laid-out text: verdict letters in the margin, the selected claim's
//! outline, the drag selection and the hint's source underline.

use super::*;

impl ArticleView {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn paint_overlays(
        &self,
        painter: &egui::Painter,
        p: &Project,
        i: usize,
        galley: &Galley,
        origin: Pos2,
        reviewer: &str,
        selected: Option<&str>,
        dark: bool,
    ) {
        let para = &self.paragraphs[i];
        let mut per_row_x: Vec<(f32, f32)> = Vec::new();
        for &k in &self.claims_in[i] {
            let c = &p.claims[k as usize];
            if c.start >= para.chars.start && c.start <= para.chars.end {
                // Verdict letter in the margin, so verdicts read without colour; "≠" where
                // mine differs from the final verdict.
                let (v, differs) = self.layer.verdict(c, reviewer);
                let y = galley
                    .pos_from_cursor(CCursor::new(c.start - para.chars.start))
                    .min
                    .y;
                let slot = per_row_x.iter_mut().find(|(ry, _)| (*ry - y).abs() < 1.0);
                let x = match slot {
                    Some((_, x)) => {
                        *x += 9.0;
                        *x
                    }
                    None => {
                        per_row_x.push((y, 2.0));
                        2.0
                    }
                };
                if x < GUTTER - 6.0 {
                    painter.text(
                        Pos2::new(origin.x - GUTTER + x, origin.y + y + 2.0),
                        Align2::LEFT_TOP,
                        if differs { "≠" } else { verdict_letter(v) },
                        FontId::monospace(11.0),
                        if differs { DIFFERS } else { verdict_color(v) },
                    );
                }
            }
            if Some(c.id.as_str()) == selected {
                let stroke = Stroke::new(
                    1.5,
                    if dark {
                        Color32::from_rgb(120, 170, 255)
                    } else {
                        Color32::from_rgb(30, 90, 200)
                    },
                );
                for r in range_rects(galley, para, c.start..c.end) {
                    painter.rect_stroke(
                        r.translate(origin.to_vec2()).expand(1.0),
                        2.0,
                        stroke,
                        egui::StrokeKind::Outside,
                    );
                }
            }
        }
        if let Some(sel) = self.selected_range() {
            let fill = if dark {
                Color32::from_rgba_unmultiplied(90, 140, 255, 90)
            } else {
                Color32::from_rgba_unmultiplied(60, 120, 255, 70)
            };
            for r in range_rects(galley, para, sel) {
                painter.rect_filled(r.translate(origin.to_vec2()), 0.0, fill);
            }
        }
    }
}

/// Dotted underlines in a neutral colour under `marks` (the parts inside this paragraph).
pub(super) fn paint_marks(
    painter: &egui::Painter,
    para: &Paragraph,
    galley: &Galley,
    origin: Pos2,
    marks: &[Range<usize>],
    dark: bool,
) {
    let colour = if dark {
        Color32::from_gray(175)
    } else {
        Color32::from_gray(80)
    };
    for m in marks {
        for r in range_rects(galley, para, m.clone()) {
            let r = r.translate(origin.to_vec2());
            let y = r.max.y - 2.0;
            painter.extend(egui::Shape::dotted_line(
                &[Pos2::new(r.min.x, y), Pos2::new(r.max.x, y)],
                colour,
                3.0,
                0.9,
            ));
        }
    }
}

/// Rectangles (galley coordinates) covering the part of `range` inside one paragraph.
pub(super) fn range_rects(galley: &Galley, para: &Paragraph, range: Range<usize>) -> Vec<Rect> {
    let a = range.start.max(para.chars.start);
    let b = range.end.min(para.chars.end);
    if a >= b {
        return Vec::new();
    }
    let pa = galley.pos_from_cursor(CCursor::new(a - para.chars.start));
    let pb = galley.pos_from_cursor(CCursor::new(b - para.chars.start));
    galley
        .rows
        .iter()
        .map(|row| row.rect())
        .filter(|r| r.max.y > pa.min.y + 0.5 && r.min.y < pb.max.y - 0.5)
        .map(|r| {
            let left = if r.min.y <= pa.center().y && pa.center().y <= r.max.y {
                pa.min.x
            } else {
                r.min.x
            };
            let right = if r.min.y <= pb.center().y && pb.center().y <= r.max.y {
                pb.min.x
            } else {
                r.max.x
            };
            Rect::from_min_max(
                Pos2::new(left, r.min.y),
                Pos2::new(right.max(left), r.max.y),
            )
        })
        .collect()
}
