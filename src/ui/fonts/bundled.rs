//! What egui's bundled fonts draw.

use std::sync::OnceLock;

use eframe::egui;

use super::cmap::Coverage;
use super::tables::coverage_of_bytes;

/// The characters of the fonts egui bundles for proportional text (the article's family), read
/// from egui's own font definitions, with a bitmap of the Basic Multilingual Plane for speed.
pub(super) struct Bundled {
    coverage: Coverage,
    bmp: Box<[u64; 1024]>,
}

impl Bundled {
    pub(super) fn contains(&self, c: char) -> bool {
        let u = c as u32;
        if u < 0x1_0000 {
            self.bmp[(u / 64) as usize] & (1 << (u % 64)) != 0
        } else {
            self.coverage.contains(c)
        }
    }
}

pub(super) fn bundled() -> &'static Bundled {
    static BUNDLED: OnceLock<Bundled> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let definitions = egui::FontDefinitions::default();
        let mut ranges = Vec::new();
        let names = definitions
            .families
            .get(&egui::FontFamily::Proportional)
            .cloned()
            .unwrap_or_default();
        for name in names {
            if let Some(data) = definitions.font_data.get(&name)
                && let Some(coverage) = coverage_of_bytes(data.bytes(), data.index)
            {
                ranges.extend(coverage.ranges);
            }
        }
        let coverage = Coverage::from_ranges(ranges);
        let mut bmp = Box::new([0u64; 1024]);
        for &(start, end) in &coverage.ranges {
            for c in start..=end.min(0xFFFF) {
                bmp[(c / 64) as usize] |= 1 << (c % 64);
            }
        }
        Bundled { coverage, bmp }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_fonts_lack_what_the_system_fonts_are_for() {
        let bundled = bundled();
        assert!(bundled.contains('Ї') && bundled.contains('ß') && bundled.contains('Ω'));
        assert!(!bundled.contains('中') && !bundled.contains('ب') && !bundled.contains('क'));
    }
}
