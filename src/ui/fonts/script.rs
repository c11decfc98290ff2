//! The writing systems egui's bundled fonts may lack, and which one a character is in.

/// A writing system that egui's bundled fonts may lack. They have Latin, Greek and Cyrillic,
/// but not all of it: [`Script::Latin`] and [`Script::Cyrillic`] stand for the letters of those
/// scripts that they lack (Vietnamese letters, Cyrillic of minority languages), Greek ones count
/// as [`Script::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    /// Latin letters the bundled fonts lack, e.g. Vietnamese `ế`.
    Latin,
    /// Cyrillic letters the bundled fonts lack, e.g. Abkhaz `ԥ`.
    Cyrillic,
    /// Han ideographs, kana, bopomofo, and the CJK symbols and full-width forms.
    Cjk,
    Hangul,
    Arabic,
    Hebrew,
    Syriac,
    Thaana,
    Nko,
    Devanagari,
    Bengali,
    Gurmukhi,
    Gujarati,
    Oriya,
    Tamil,
    Telugu,
    Kannada,
    Malayalam,
    Sinhala,
    Thai,
    Lao,
    Tibetan,
    Myanmar,
    Khmer,
    Georgian,
    Armenian,
    Ethiopic,
    /// Emoji, pictographs, dingbats and other symbols.
    Symbols,
    /// Anything else the bundled fonts lack.
    Other,
}

impl Script {
    /// Every script, in the order they are named in notices.
    pub const ALL: [Script; 29] = [
        Script::Latin,
        Script::Cyrillic,
        Script::Cjk,
        Script::Hangul,
        Script::Arabic,
        Script::Hebrew,
        Script::Syriac,
        Script::Thaana,
        Script::Nko,
        Script::Devanagari,
        Script::Bengali,
        Script::Gurmukhi,
        Script::Gujarati,
        Script::Oriya,
        Script::Tamil,
        Script::Telugu,
        Script::Kannada,
        Script::Malayalam,
        Script::Sinhala,
        Script::Thai,
        Script::Lao,
        Script::Tibetan,
        Script::Myanmar,
        Script::Khmer,
        Script::Georgian,
        Script::Armenian,
        Script::Ethiopic,
        Script::Symbols,
        Script::Other,
    ];

    /// The script's name as a reader knows it.
    pub fn name(self) -> &'static str {
        match self {
            Script::Latin => "accented Latin letters (as in Vietnamese)",
            Script::Cyrillic => "extended Cyrillic letters",
            Script::Cjk => "Chinese/Japanese",
            Script::Hangul => "Korean",
            Script::Arabic => "Arabic",
            Script::Hebrew => "Hebrew",
            Script::Syriac => "Syriac",
            Script::Thaana => "Thaana",
            Script::Nko => "N'Ko",
            Script::Devanagari => "Devanagari",
            Script::Bengali => "Bengali",
            Script::Gurmukhi => "Gurmukhi",
            Script::Gujarati => "Gujarati",
            Script::Oriya => "Odia",
            Script::Tamil => "Tamil",
            Script::Telugu => "Telugu",
            Script::Kannada => "Kannada",
            Script::Malayalam => "Malayalam",
            Script::Sinhala => "Sinhala",
            Script::Thai => "Thai",
            Script::Lao => "Lao",
            Script::Tibetan => "Tibetan",
            Script::Myanmar => "Myanmar",
            Script::Khmer => "Khmer",
            Script::Georgian => "Georgian",
            Script::Armenian => "Armenian",
            Script::Ethiopic => "Ethiopic",
            Script::Symbols => "emoji and symbols",
            Script::Other => "other characters",
        }
    }

    /// Written right to left (egui lays every line out left to right).
    pub fn is_rtl(self) -> bool {
        matches!(
            self,
            Script::Arabic | Script::Hebrew | Script::Syriac | Script::Thaana | Script::Nko
        )
    }

    /// A freely available font family to suggest installing.
    pub fn suggested_font(self) -> Option<&'static str> {
        Some(match self {
            Script::Latin | Script::Cyrillic => "Noto Sans",
            Script::Cjk | Script::Hangul => "Noto Sans CJK",
            Script::Arabic => "Noto Sans Arabic",
            Script::Hebrew => "Noto Sans Hebrew",
            Script::Syriac => "Noto Sans Syriac",
            Script::Thaana => "Noto Sans Thaana",
            Script::Nko => "Noto Sans NKo",
            Script::Devanagari => "Noto Sans Devanagari",
            Script::Bengali => "Noto Sans Bengali",
            Script::Gurmukhi => "Noto Sans Gurmukhi",
            Script::Gujarati => "Noto Sans Gujarati",
            Script::Oriya => "Noto Sans Oriya",
            Script::Tamil => "Noto Sans Tamil",
            Script::Telugu => "Noto Sans Telugu",
            Script::Kannada => "Noto Sans Kannada",
            Script::Malayalam => "Noto Sans Malayalam",
            Script::Sinhala => "Noto Sans Sinhala",
            Script::Thai => "Noto Sans Thai",
            Script::Lao => "Noto Sans Lao",
            Script::Tibetan => "Noto Serif Tibetan",
            Script::Myanmar => "Noto Sans Myanmar",
            Script::Khmer => "Noto Sans Khmer",
            Script::Georgian => "Noto Sans Georgian",
            Script::Armenian => "Noto Sans Armenian",
            Script::Ethiopic => "Noto Sans Ethiopic",
            Script::Symbols => "Noto Emoji",
            Script::Other => return None,
        })
    }

    /// Characters a font must all have to count as drawing this script (empty: no font is
    /// looked for).
    pub(super) fn samples(self) -> &'static str {
        match self {
            Script::Latin => "ếệấữỳ",
            Script::Cyrillic => "ԁԑԥ",
            Script::Cjk => "中文日本語のア",
            Script::Hangul => "한국어",
            Script::Arabic => "العربية",
            Script::Hebrew => "עברית",
            Script::Syriac => "ܠܫܢܐ",
            Script::Thaana => "ދިވެހި",
            Script::Nko => "ߒߞߏ",
            Script::Devanagari => "हिन्दी",
            Script::Bengali => "বাংলা",
            Script::Gurmukhi => "ਪੰਜਾਬੀ",
            Script::Gujarati => "ગુજરાતી",
            Script::Oriya => "ଓଡ଼ିଆ",
            Script::Tamil => "தமிழ்",
            Script::Telugu => "తెలుగు",
            Script::Kannada => "ಕನ್ನಡ",
            Script::Malayalam => "മലയാളം",
            Script::Sinhala => "සිංහල",
            Script::Thai => "ภาษาไทย",
            Script::Lao => "ພາສາລາວ",
            Script::Tibetan => "བོད་ཡིག",
            Script::Myanmar => "မြန်မာ",
            Script::Khmer => "ខ្មែរ",
            Script::Georgian => "ქართული",
            Script::Armenian => "Հայերեն",
            Script::Ethiopic => "አማርኛ",
            Script::Symbols => "😀👍",
            Script::Other => "",
        }
    }

    /// The script of a character, by Unicode block ([`Script::Other`] for the rest).
    pub fn of(c: char) -> Script {
        match c as u32 {
            0x0041..=0x005A
            | 0x0061..=0x007A
            | 0x00C0..=0x02AF
            | 0x1D00..=0x1DBF
            | 0x1E00..=0x1EFF
            | 0x2C60..=0x2C7F
            | 0xA720..=0xA7FF
            | 0xAB30..=0xAB6F => Script::Latin,
            0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => {
                Script::Cyrillic
            }
            0x0530..=0x058F | 0xFB13..=0xFB17 => Script::Armenian,
            0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x0870..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFE
            | 0x10EC0..=0x10EFF
            | 0x1EE00..=0x1EEFF => Script::Arabic,
            0x0700..=0x074F | 0x0860..=0x086F => Script::Syriac,
            0x0780..=0x07BF => Script::Thaana,
            0x07C0..=0x07FF => Script::Nko,
            0x0900..=0x097F | 0xA8E0..=0xA8FF | 0x11B00..=0x11B5F => Script::Devanagari,
            0x0980..=0x09FF => Script::Bengali,
            0x0A00..=0x0A7F => Script::Gurmukhi,
            0x0A80..=0x0AFF => Script::Gujarati,
            0x0B00..=0x0B7F => Script::Oriya,
            0x0B80..=0x0BFF | 0x11FC0..=0x11FFF => Script::Tamil,
            0x0C00..=0x0C7F => Script::Telugu,
            0x0C80..=0x0CFF => Script::Kannada,
            0x0D00..=0x0D7F => Script::Malayalam,
            0x0D80..=0x0DFF | 0x111E0..=0x111FF => Script::Sinhala,
            0x0E00..=0x0E7F => Script::Thai,
            0x0E80..=0x0EFF => Script::Lao,
            0x0F00..=0x0FFF => Script::Tibetan,
            0x1000..=0x109F | 0xA9E0..=0xA9FF | 0xAA60..=0xAA7F => Script::Myanmar,
            0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => Script::Georgian,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF => Script::Hangul,
            0x1200..=0x139F | 0x2D80..=0x2DDF | 0xAB00..=0xAB2F | 0x1E7E0..=0x1E7FF => {
                Script::Ethiopic
            }
            0x1780..=0x17FF | 0x19E0..=0x19FF => Script::Khmer,
            0x2E80..=0x312F
            | 0x3190..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF
            | 0x1AFF0..=0x1B16F
            | 0x20000..=0x3FFFF => Script::Cjk,
            0x2190..=0x21FF
            | 0x2300..=0x23FF
            | 0x2460..=0x27BF
            | 0x2900..=0x2BFF
            | 0x1F000..=0x1FAFF => Script::Symbols,
            _ => Script::Other,
        }
    }
}

/// The scripts whose bits (`1 << script as u32`) are set in `mask`, in [`Script::ALL`] order.
pub(super) fn scripts_in_mask(mask: u32) -> Vec<Script> {
    Script::ALL
        .into_iter()
        .filter(|&s| mask & (1 << s as u32) != 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_told_apart_by_their_unicode_blocks() {
        assert_eq!(Script::of('a'), Script::Latin);
        assert_eq!(Script::of('ế'), Script::Latin);
        assert_eq!(Script::of('ї'), Script::Cyrillic);
        assert_eq!(Script::of('1'), Script::Other);
        assert_eq!(Script::of('Ω'), Script::Other);
        assert_eq!(Script::of('中'), Script::Cjk);
        assert_eq!(Script::of('。'), Script::Cjk);
        assert_eq!(Script::of('한'), Script::Hangul);
        assert_eq!(Script::of('ب'), Script::Arabic);
        assert_eq!(Script::of('\u{FEFC}'), Script::Arabic); // lam-alef presentation form
        assert_eq!(Script::of('ש'), Script::Hebrew);
        assert_eq!(Script::of('ܐ'), Script::Syriac);
        assert_eq!(Script::of('ހ'), Script::Thaana);
        assert_eq!(Script::of('ߒ'), Script::Nko);
        assert_eq!(Script::of('क'), Script::Devanagari);
        assert_eq!(Script::of('😀'), Script::Symbols);
        for script in Script::ALL {
            for c in script.samples().chars() {
                assert_eq!(Script::of(c), script, "{c:?} in the samples of {script:?}");
            }
            assert_eq!(
                script.is_rtl(),
                matches!(
                    script,
                    Script::Arabic | Script::Hebrew | Script::Syriac | Script::Thaana | Script::Nko
                )
            );
            assert!(!script.name().is_empty());
        }
        assert_eq!(Script::ALL.len(), Script::Other as usize + 1);
    }
}
