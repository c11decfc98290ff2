//! The plain sentences the article header shows when a text cannot all be shown properly.

use super::script::{Script, scripts_in_mask};

/// The plain sentence(s) the article header shows when the text cannot all be shown properly:
/// right-to-left scripts in `text` (always: egui lays lines out left to right), and the scripts
/// no font was found for (`missing_after_search`, i.e. [`FontSearch::missing`]). `None` when
/// all is well, e.g. for Latin, Greek and Cyrillic text.
///
/// [`FontSearch::missing`]: super::FontSearch::missing
pub fn notice(text: &str, missing_after_search: &[Script]) -> Option<String> {
    let mut sentences = Vec::new();
    let rtl = rtl_scripts(text);
    if !rtl.is_empty() {
        sentences.push(format!(
            "Right-to-left text ({}) is shown with its words in left-to-right order, so its \
             lines read backwards: claimdesk cannot lay out right-to-left scripts yet. Check \
             quotations against the original.",
            list(rtl.iter().map(|s| s.name()))
        ));
    }
    let mut missing = missing_after_search.to_vec();
    missing.sort_unstable();
    missing.dedup();
    let (scripts, rest): (Vec<Script>, Vec<Script>) = missing
        .into_iter()
        .partition(|s| !matches!(s, Script::Symbols | Script::Other));
    if !scripts.is_empty() {
        let mut suggestions: Vec<&str> =
            scripts.iter().filter_map(|s| s.suggested_font()).collect();
        suggestions.dedup();
        sentences.push(format!(
            "No font on this computer draws {}; install one (e.g. {}) to read this article.",
            list_or(scripts.iter().map(|s| s.name())),
            list_or(suggestions.into_iter())
        ));
    }
    if rest.contains(&Script::Symbols) {
        sentences.push(
            "Some emoji and symbols have no font on this computer and show as boxes (e.g. \
             install Noto Emoji)."
                .to_owned(),
        );
    }
    if rest.contains(&Script::Other) {
        sentences
            .push("Some characters have no font on this computer and show as boxes.".to_owned());
    }
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

/// "A", "A, B", "A, B, C".
fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// "A", "A or B", "A, B or C".
fn list_or<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The right-to-left scripts in `text`, whatever the fonts.
fn rtl_scripts(text: &str) -> Vec<Script> {
    let mut found = 0u32;
    for c in text.chars() {
        // Every right-to-left block we name starts at U+0590 or later.
        if (c as u32) < 0x0590 {
            continue;
        }
        let script = Script::of(c);
        if script.is_rtl() {
            found |= 1 << script as u32;
        }
    }
    scripts_in_mask(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::fonts::testing::{DEJAVU, context_with, layout, search_in, temp_dir_with};

    /// What the notice says about right-to-left text is what egui does: each word is shaped
    /// right to left, but the words of a line are put left to right. When egui learns
    /// bidirectional layout this fails: then change the notice.
    #[test]
    fn egui_lays_right_to_left_words_out_left_to_right() {
        let dir = temp_dir_with(&[DEJAVU]);
        let ctx = context_with(&search_in(dir.path(), &[Script::Arabic]));
        // "سلام" then "عليكم".
        let glyphs = layout(&ctx, "سلام عليكم");
        let x = |c: char, nth: usize| {
            glyphs
                .iter()
                .filter(|g| g.chr == c)
                .nth(nth)
                .unwrap_or_else(|| panic!("no glyph {nth} for {c:?}"))
                .pos
                .x
        };
        // Within the first word, its first letter is right of its last: right to left.
        assert!(x('س', 0) > x('م', 0));
        // But the second word is right of the first: the line runs left to right.
        assert!(x('ع', 0) > x('س', 0));
        assert!(x('ع', 0) > x('م', 0));
    }

    #[test]
    fn the_notice_says_right_to_left_text_is_not_laid_out() {
        let text = "Заголовок. قال الوزير إن الاتفاق «تاريخي».";
        assert_eq!(
            notice(text, &[]).as_deref(),
            Some(
                "Right-to-left text (Arabic) is shown with its words in left-to-right order, so \
                 its lines read backwards: claimdesk cannot lay out right-to-left scripts yet. \
                 Check quotations against the original."
            )
        );
        let both = notice("אמר השר ... قال", &[]).unwrap();
        assert!(
            both.starts_with("Right-to-left text (Arabic, Hebrew) "),
            "{both}"
        );
        // Said even when a font was found for it, and whatever else is missing.
        let with_missing = notice("שלום", &[Script::Hebrew]).unwrap();
        assert!(
            with_missing.starts_with("Right-to-left text (Hebrew) "),
            "{with_missing}"
        );
        assert!(
            with_missing.contains("No font on this computer draws Hebrew"),
            "{with_missing}"
        );
    }

    #[test]
    fn the_notice_names_scripts_without_a_font() {
        assert_eq!(
            notice("मंत्री ने कहा", &[Script::Devanagari]).as_deref(),
            Some(
                "No font on this computer draws Devanagari; install one (e.g. Noto Sans \
                 Devanagari) to read this article."
            )
        );
        assert_eq!(
            notice(
                "北京 서울 ภาษาไทย",
                &[Script::Thai, Script::Hangul, Script::Cjk, Script::Cjk]
            )
            .as_deref(),
            Some(
                "No font on this computer draws Chinese/Japanese, Korean or Thai; install one \
                 (e.g. Noto Sans CJK or Noto Sans Thai) to read this article."
            )
        );
        assert_eq!(
            notice("ok 😀 \u{13A0}", &[Script::Symbols, Script::Other]).as_deref(),
            Some(
                "Some emoji and symbols have no font on this computer and show as boxes (e.g. \
                 install Noto Emoji). Some characters have no font on this computer and show as \
                 boxes."
            )
        );
        // Found fonts for everything, left-to-right scripts: nothing to say.
        assert_eq!(notice("北京 मंत्री", &[]), None);
        assert_eq!(notice("Київ", &[]), None);
    }
}
