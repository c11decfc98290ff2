//! Fonts for the scripts egui's bundled fonts cannot draw.
//!
//! egui bundles Ubuntu-Light (proportional) and Hack (monospace), which cover Latin, Greek and
//! Cyrillic; an article in Chinese, Arabic, Hebrew or Hindi would show boxes ("tofu"). This
//! module finds out which scripts of a text the bundled fonts lack ([`missing_scripts`], decided
//! from the fonts' real character maps), looks for system fonts that have them
//! ([`find_system_fonts`], meant for a worker thread: it reads font files), adds what it found
//! to egui as fallbacks behind the bundled fonts ([`install`]), and words the plain sentence the
//! article header shows about what still cannot be shown properly ([`notice`]): egui has no
//! bidirectional layout, so right-to-left text is never shown as it should be.
//!
//! The font files are read by a small character-map reader of our own (a few table lookups,
//! bounds-checked, never panicking on a corrupt file), so scanning a fonts folder reads only each
//! file's table directory and `cmap`; a font is read whole only once it is known to cover a
//! script that is needed, and is then checked by egui's own font loader before it is offered.

mod bundled;
mod check;
mod cmap;
mod folders;
mod notice;
mod order;
mod script;
mod search;
mod tables;
#[cfg(test)]
mod testing;

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;

use bundled::bundled;
use script::scripts_in_mask;
use search::{Limits, search};

pub use folders::system_font_dirs;
pub use notice::notice;
pub use script::Script;
pub use search::{FontSearch, FoundFont};

/// The scripts of `text` that egui's bundled fonts cannot draw, each once, in [`Script::ALL`]
/// order. Text in English, German, French, Spanish, Ukrainian, Russian, Greek… gives none
/// (Vietnamese gives [`Script::Latin`]). One pass over the text, ASCII skipped at once (about
/// 1 ms for 1 MB of Cyrillic in a release build); meant to run once per article, not per frame.
pub fn missing_scripts(text: &str) -> Vec<Script> {
    if text.is_ascii() {
        return Vec::new();
    }
    let bundled = bundled();
    let mut found = 0u32;
    let mut previous = '\0';
    for c in text.chars() {
        if c.is_ascii() || c == previous {
            continue;
        }
        previous = c;
        if bundled.contains(c) || needs_no_glyph(c) {
            continue;
        }
        found |= 1 << Script::of(c) as u32;
    }
    scripts_in_mask(found)
}

/// Characters that egui draws as nothing (or as a space) whatever the font: never "missing".
fn needs_no_glyph(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(
            c as u32,
            0x00AD // soft hyphen
                | 0x034F // combining grapheme joiner
                | 0x200B..=0x200F // zero-width space/joiners, direction marks
                | 0x202A..=0x202E // direction embeddings and overrides
                | 0x2060..=0x206F // word joiner, invisible operators, direction isolates
                | 0xFE00..=0xFE0F // variation selectors
                | 0xFEFF // byte order mark
                | 0xE0000..=0xE0FFF // tags, variation selectors supplement
        )
}

/// Looks in the system's font folders ([`system_font_dirs`]) for fonts that draw `scripts`.
/// Reads files: run it on a worker thread. Bounded in time (a few seconds at most on a cold
/// disk with thousands of fonts; well under a second on a usual system).
pub fn find_system_fonts(scripts: &[Script]) -> FontSearch {
    find_in(&system_font_dirs(), scripts)
}

/// [`find_system_fonts`] in the given folders (and their subfolders).
pub fn find_in(dirs: &[PathBuf], scripts: &[Script]) -> FontSearch {
    search(dirs, scripts, &Limits::default())
}

/// Adds the fonts found to egui as the last fallbacks of the proportional and monospace
/// families, after the bundled fonts, so Latin, Greek and Cyrillic look as before and only
/// characters the bundled fonts lack come from them. Takes effect from the next frame; adding
/// the same search again changes nothing.
pub fn install(ctx: &egui::Context, found: &FontSearch) {
    for font in &found.fonts {
        let data = egui::FontData::from_blob(
            Arc::clone(&font.bytes) as egui::epaint::text::Blob,
            font.index,
        );
        let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
            .into_iter()
            .map(|family| egui::epaint::text::InsertFontFamily {
                family,
                priority: egui::epaint::text::FontPriority::Lowest,
            })
            .collect();
        ctx.add_font(egui::FontInsert::new(&font.name, data, families));
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use egui_kittest::kittest::Queryable as _;

    use super::testing::{DEJAVU, DROID, context_with, layout, search_in, temp_dir_with};
    use super::*;

    // --- Which scripts the bundled fonts lack -------------------------------------------

    #[test]
    fn latin_cyrillic_and_greek_need_no_other_font() {
        for text in [
            "Київ, Україна — «Ми готові», сказав він. Обʼєкт № 5 коштує 300 ₴; ґанок, їжак, є.",
            "Москва — «Ёжик» в тумане… Щука, эхо, ъ.",
            "Ein „Zitat“ über Straße und Ärger – 5 € pro Öl.",
            "« Déjà vu » à l’été ; ¿Qué pasó? ¡Año nuevo! Çà, œuvre, naïve.",
            "Αθήνα, Ελλάδα — «Καλημέρα».",
            "Zażółć gęślą jaźń; Dvořák; İstanbul’da ağaç; Đorđević; Ærøskøbing.",
            "Tabs\tand\u{00A0}no-break\u{2009}thin\u{202F}spaces, soft\u{00AD}hyphen, \u{200B}zero\u{200D}width, \u{FEFF}bom.",
            "plain ASCII only",
            "",
        ] {
            assert_eq!(missing_scripts(text), Vec::<Script>::new(), "{text}");
            assert_eq!(notice(text, &missing_scripts(text)), None, "{text}");
        }
    }

    #[test]
    fn other_scripts_are_missing_from_the_bundled_fonts() {
        for (text, script) in [
            ("Tiếng Việt có dấu", Script::Latin),
            ("Аԥсуа бызшәа", Script::Cyrillic),
            ("北京市今天宣布", Script::Cjk),
            ("東京で会議が開かれた。", Script::Cjk),
            ("カタカナ", Script::Cjk),
            ("서울에서 회의가", Script::Hangul),
            ("قال الوزير إن", Script::Arabic),
            ("אמר השר כי", Script::Hebrew),
            ("मंत्री ने कहा", Script::Devanagari),
            ("বাংলা", Script::Bengali),
            ("ภาษาไทย", Script::Thai),
            ("ქართული", Script::Georgian),
            ("Հայերեն", Script::Armenian),
            ("አማርኛ", Script::Ethiopic),
            ("ok 😀", Script::Symbols),
        ] {
            assert_eq!(missing_scripts(text), vec![script], "{text}");
        }
    }

    #[test]
    fn a_mixed_text_names_each_missing_script_once_in_order() {
        let text = "Reuters: «Київ» — אמר; 北京 قال 北京 אמר मंत्री";
        assert_eq!(
            missing_scripts(text),
            vec![
                Script::Cjk,
                Script::Arabic,
                Script::Hebrew,
                Script::Devanagari
            ]
        );
    }

    #[test]
    fn a_megabyte_of_cyrillic_is_scanned_to_the_end() {
        let mut text = "Київ, Україна — «Ми готові», сказав він. ".repeat(14_000);
        assert!(text.len() > 1_000_000);
        let started = Instant::now();
        assert_eq!(missing_scripts(&text), Vec::<Script>::new());
        text.push('ש');
        assert_eq!(missing_scripts(&text), vec![Script::Hebrew]);
        // Far less in a release build; generous for an unoptimised test build on a busy machine.
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
    }

    // --- Installing -------------------------------------------------------------------------

    #[test]
    fn installed_fonts_draw_cjk_after_the_bundled_fonts() {
        let dir = temp_dir_with(&[DROID, DEJAVU]);
        let found = search_in(dir.path(), &[Script::Cjk, Script::Hebrew]);
        assert_eq!(found.fonts.len(), 2);

        // Without: the box ("tofu") of a character no font has.
        let ctx = context_with(&FontSearch::default());
        let tofu = layout(&ctx, "\u{0378}")[0].uv_rect;
        assert_eq!(
            layout(&ctx, "中")[0].uv_rect,
            tofu,
            "CJK drawn without a font?"
        );
        assert_eq!(
            layout(&ctx, "ש")[0].uv_rect,
            tofu,
            "Hebrew drawn without a font?"
        );

        let ctx = context_with(&found);
        let tofu = layout(&ctx, "\u{0378}")[0].uv_rect;
        let zhong = layout(&ctx, "中")[0].uv_rect;
        assert!(!zhong.is_nothing());
        assert_ne!(zhong, tofu);
        assert_ne!(layout(&ctx, "文")[0].uv_rect, zhong);
        assert_ne!(layout(&ctx, "ש")[0].uv_rect, tofu);
        let glyphs = layout(&ctx, "中文 Київ");
        let droid = "system:DroidSansFallbackFull.ttf".to_owned();
        let dejavu = "system:DejaVuSans.ttf".to_owned();
        let builtin = egui::FontDefinitions::builtin_font_names();
        ctx.fonts_mut(|f| {
            for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
                let chars = f.characters(&family);
                assert_eq!(chars.get(&'中'), Some(&vec![droid.clone()]), "{family:?}");
                assert_eq!(chars.get(&'ש'), Some(&vec![dejavu.clone()]), "{family:?}");
                // Latin and Cyrillic still come from the bundled fonts first; ours come last.
                for c in ['a', 'Ї'] {
                    let fonts = &chars[&c];
                    assert!(
                        builtin.contains(&fonts[0].as_str()),
                        "{family:?} {c}: {fonts:?}"
                    );
                    assert_eq!(fonts.last(), Some(&dejavu), "{family:?} {c}: {fonts:?}");
                }
            }
        });
        // Installing again changes nothing.
        install(&ctx, &found);
        let again = layout(&ctx, "中文 Київ");
        assert_eq!(again[0].uv_rect, glyphs[0].uv_rect);
    }

    #[test]
    fn installed_fonts_work_in_a_kittest_harness() {
        let dir = temp_dir_with(&[DROID, DEJAVU]);
        let found = search_in(dir.path(), &[Script::Cjk, Script::Hebrew]);
        // kittest panics on a character no font has; installing in the first frame, before any
        // text is laid out, takes effect at once.
        let mut harness = egui_kittest::Harness::new_ui(|ui| {
            install(ui.ctx(), &found);
            ui.label("北京 — Київ — שלום");
        });
        harness.run();
        harness.get_by_label("北京 — Київ — שלום");
        let font_id = egui::FontId::proportional(14.0);
        harness.ctx.fonts_mut(|f| {
            assert!(f.has_glyphs(&font_id, "北京 — Київ — שלום"));
        });
    }
}
