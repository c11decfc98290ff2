//! Whether egui itself draws a font: the last check before a font is offered.

use std::sync::Arc;

use eframe::egui;

/// Whether egui itself loads the font, finds glyphs for all of `chars` in it, and draws
/// something when it lays them out. egui panics on a configured font it cannot parse, so nothing is installed that
/// this has not passed. The font is offered here the way a font provider would, which egui
/// parses without panicking; a panic from deeper in (a corrupt glyph table) is caught too.
pub(super) fn egui_draws(name: &str, bytes: &Arc<Vec<u8>>, index: u32, chars: &str) -> bool {
    use egui::epaint::text::{Fonts, TextOptions};
    let data = egui::FontData::from_blob(Arc::clone(bytes) as egui::epaint::text::Blob, index);
    let name = name.to_owned();
    let provider = move |_: &egui::FallbackRequest<'_>| {
        Some(egui::FontInsert::new(&name, data.clone(), Vec::new()))
    };
    let check = || {
        let mut fonts = Fonts::new(TextOptions::default(), egui::FontDefinitions::default())
            .with_font_providers(vec![Arc::new(provider)]);
        let font_id = egui::FontId::proportional(14.0);
        if !chars.chars().all(|c| fonts.has_glyph(&font_id, c)) {
            return false;
        }
        let galley = fonts.with_pixels_per_point(1.0).layout_no_wrap(
            chars.to_owned(),
            font_id,
            egui::Color32::WHITE,
        );
        // Outlines that draw nothing (a font gutted or broken past its character map) are no use.
        galley
            .rows
            .iter()
            .flat_map(|row| &row.row.glyphs)
            .any(|glyph| !glyph.uv_rect.is_nothing())
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::fonts::Script;
    use crate::ui::fonts::tables::read_face;
    use crate::ui::fonts::testing::{DROID, gutted, system_font};

    #[test]
    fn a_font_egui_draws_nothing_from_is_refused() {
        let droid = std::fs::read(system_font(DROID)).unwrap();
        let samples = Script::Cjk.samples();
        assert!(egui_draws("droid", &Arc::new(droid.clone()), 0, samples));
        let gutted = gutted(&droid);
        // Our reader sees the characters; egui's loader finds nothing to draw.
        let face = read_face(&mut gutted.as_slice(), 0).unwrap();
        assert!(face.outlines && face.coverage.has_all(samples));
        assert!(!egui_draws("droid", &Arc::new(gutted), 0, samples));
        // A truncated file is refused from its table directory, before it is read whole.
        let half = &droid[..droid.len() / 2];
        assert!(read_face(&mut &droid[..], 0).is_some());
        assert!(read_face(&mut &half[..], 0).is_none());
        // Not a font at all: egui's loader refuses it without a panic.
        assert!(!egui_draws("junk", &Arc::new(vec![0; 100]), 0, samples));
        assert!(!egui_draws(
            "half",
            &Arc::new(droid[..droid.len() / 2].to_vec()),
            0,
            samples
        ));
    }
}
