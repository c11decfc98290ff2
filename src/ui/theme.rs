//! Verdict colours and marks. The palette is Okabe–Ito (safe for the common colour-vision
//! deficiencies) and every verdict also has a letter, so nothing depends on colour alone.

use crate::model::Verdict;
use eframe::egui::Color32;

pub fn verdict_color(v: Verdict) -> Color32 {
    match v {
        Verdict::Unreviewed => Color32::from_rgb(0x99, 0x99, 0x99),
        Verdict::Verified => Color32::from_rgb(0x00, 0x9E, 0x73), // bluish green
        Verdict::AttributedOnly => Color32::from_rgb(0xE6, 0x9F, 0x00), // orange
        Verdict::Disputed => Color32::from_rgb(0xD5, 0x5E, 0x00), // vermillion
    }
}

/// The letter shown on badges and in the article's margin.
pub fn verdict_letter(v: Verdict) -> &'static str {
    match v {
        Verdict::Unreviewed => "·",
        Verdict::Verified => "V",
        Verdict::AttributedOnly => "A",
        Verdict::Disputed => "D",
    }
}

pub fn verdict_title(v: Verdict) -> &'static str {
    match v {
        Verdict::Unreviewed => "Unreviewed",
        Verdict::Verified => "Verified",
        Verdict::AttributedOnly => "Attributed only",
        Verdict::Disputed => "Disputed",
    }
}

/// A translucent tint for highlighting text, readable in light and dark mode.
pub fn verdict_tint(v: Verdict, dark: bool) -> Color32 {
    if v == Verdict::Unreviewed {
        return Color32::TRANSPARENT;
    }
    let c = verdict_color(v);
    let alpha = if dark { 70 } else { 60 };
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), alpha)
}

/// Every symbol the workspace draws, so a test can prove the bundled fonts have them all
/// (a missing glyph would show as an empty box).
pub const SYMBOLS: &[char] = &['•', '≠', '·', '“', '”', '’', '…', '¶', '§'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_draw_every_symbol_the_ui_uses() {
        let ctx = eframe::egui::Context::default();
        let mut out = ctx.run_ui(Default::default(), |_| {});
        out.textures_delta.clear();
        let missing: Vec<char> = SYMBOLS
            .iter()
            .copied()
            .filter(|&c| {
                !ctx.fonts_mut(|f| f.has_glyph(&eframe::egui::FontId::proportional(14.0), c))
            })
            .collect();
        assert!(missing.is_empty(), "no glyph for {missing:?}");
    }
}
