//! Property tests: whatever the input and whatever the language, both splitter versions never
//! panic and their segments tile the text exactly (only whitespace is left between and around
//! them), in char offsets. Version 1 never puts a line break inside a statement; version 2 may
//! (a hard-wrapped paragraph), but never a blank line.

use claimdesk::split::{
    SPLITTER_VERSION, Segment, SegmentKind, split_statements, split_with, statement_slices,
};
use proptest::prelude::*;

/// Languages the properties are checked in: the ones with newsroom rules, some with only
/// sentencex's rules, and codes nobody knows.
const LANGUAGES: &[&str] = &[
    "en", "de", "uk", "ru", "es", "fr", "it", "pl", "ja", "ar", "zh", "xx", "",
];

/// Chars that break a line in the original text (before normalisation).
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Checks every promise of the API for `text`, with both versions in every language, and
/// returns a description of the first broken one.
fn check_tiling(text: &str) -> Result<(), TestCaseError> {
    check_segments(text, &split_statements(text), 1)?;
    for language in LANGUAGES {
        prop_assert_eq!(split_with(text, language, 1), split_statements(text));
        check_segments(text, &split_with(text, language, SPLITTER_VERSION), 2)?;
    }
    Ok(())
}

/// Whether `body` holds two line breaks with only whitespace between them (a blank line).
fn spans_blank_line(body: &[char]) -> bool {
    let mut seen_break = false;
    for &c in body {
        if is_line_break(c) {
            if seen_break {
                return true;
            }
            seen_break = true;
        } else if !c.is_whitespace() {
            seen_break = false;
        }
    }
    false
}

fn check_segments(text: &str, segments: &[Segment], version: u32) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut rebuilt = String::with_capacity(text.len());
    let mut prev_end = 0;
    for (i, &Segment { start, end, kind }) in segments.iter().enumerate() {
        prop_assert!(start < end, "segment {i} empty: {start}..{end}");
        prop_assert!(prev_end <= start, "segment {i} overlaps or goes back");
        prop_assert!(end <= chars.len(), "segment {i} out of range");
        let gap = &chars[prev_end..start];
        prop_assert!(
            gap.iter().all(|c| c.is_whitespace()),
            "non-whitespace gap before segment {i}: {gap:?}"
        );
        let body = &chars[start..end];
        prop_assert!(
            !body[0].is_whitespace(),
            "segment {i} starts with whitespace"
        );
        prop_assert!(
            !body[body.len() - 1].is_whitespace(),
            "segment {i} ends with whitespace"
        );
        if version == 1 {
            prop_assert!(
                !body.iter().copied().any(is_line_break),
                "segment {i} spans a line break: {body:?}"
            );
        } else {
            // `\r\n` is one break; normalised it is " \n", so count it once.
            let collapsed: Vec<char> = body
                .iter()
                .collect::<String>()
                .replace("\r\n", "\n")
                .chars()
                .collect();
            prop_assert!(
                !spans_blank_line(&collapsed),
                "segment {i} spans a blank line: {body:?}"
            );
        }
        if kind == SegmentKind::Heading {
            // A heading is a whole line: only whitespace up to the line breaks around it.
            let before = chars[..start]
                .iter()
                .rev()
                .take_while(|c| !is_line_break(**c));
            let after = chars[end..].iter().take_while(|c| !is_line_break(**c));
            prop_assert!(
                before.chain(after).all(|c| c.is_whitespace()),
                "heading {i} shares its line"
            );
        }
        rebuilt.extend(gap);
        rebuilt.extend(body);
        prev_end = end;
    }
    let tail = &chars[prev_end..];
    prop_assert!(
        tail.iter().all(|c| c.is_whitespace()),
        "non-whitespace after the last segment: {tail:?}"
    );
    rebuilt.extend(tail);
    prop_assert_eq!(&rebuilt, text);
    if version != 1 {
        return Ok(());
    }

    let slices = statement_slices(text);
    prop_assert_eq!(slices.len(), segments.len());
    for (slice, seg) in slices.iter().zip(segments) {
        let expected: String = chars[seg.start..seg.end].iter().collect();
        prop_assert_eq!(*slice, expected.as_str());
    }
    Ok(())
}

/// Pieces that stress the splitter: terminators, quotes, brackets, list markers, every kind
/// of whitespace and line break, multi-byte and multi-scalar chars.
fn tricky_piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        ".",
        "!",
        "?",
        "…",
        "...",
        ". . .",
        " . . . .",
        "!?",
        "\"",
        "'",
        "“",
        "”",
        "‘",
        "’",
        "(",
        ")",
        "[",
        "]",
        "«",
        "»",
        "•",
        "⁃",
        "1.",
        "2)",
        "3.)",
        "a.",
        "b.",
        "A.",
        "U.S.",
        "a.m.",
        "Gen.",
        "No.",
        "Jan.",
        "St.",
        "e.g.",
        " ",
        "  ",
        "\t",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\r\r\n",
        "\u{a0}",
        "\u{2028}",
        "\u{2029}",
        "\u{3000}",
        "\u{202f}",
        "\u{200b}",
        "\u{feff}",
        "\u{85}",
        "\u{0B}",
        "\u{0C}",
        "😀",
        "👍🏽",
        "👨‍👩‍👧",
        "é",
        "e\u{301}",
        "日本語",
        "。",
        "？",
        "؟",
        "।",
        "Ω",
        "@",
        "https://example.com/a.b?c=d.",
        "x@y.org",
        "$2.5",
        "3.14",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        3 => fixed,
        2 => "[A-Za-z]{1,8}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_piece(), 0..120).prop_map(|v| v.concat())
}

/// Words and punctuation assembled like news copy: headlines, sentences with newsroom
/// abbreviations, quotes, lists, line endings of every style.
fn article_text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "The",
        "NATO",
        "chief",
        "said",
        "Gen.",
        "Sen.",
        "Mark",
        "Milley",
        "U.S.",
        "Jan.",
        "5",
        "$2.5",
        "billion",
        "a.m.",
        "p.m.",
        "Tuesday",
        "No.",
        "10",
        "St.",
        "Louis",
        "Ariz.",
        "Wash.",
        "J.R.R.",
        "Tolkien",
        "George",
        "W.",
        "Bush",
        "I.",
        "Kyiv",
        "Zelenskyy’s",
        "“We",
        "won’t",
        "back",
        "down,”",
        "he",
        "said.",
        "(AP)",
        "—",
        "Co.",
        "Inc.",
        "etc.",
        "ALSO",
        "READ:",
        "1.",
        "2.",
        "a)",
        "b)",
        "•",
        "iPhone",
        "über",
        "Straße",
        "naïve",
        "😀",
        "日本",
        "https://nato.int/x.html",
        "e-mail@host.com",
        "...",
        "…",
        ". . .",
        "Nr.",
        "z.",
        "B.",
        "am",
        "3.",
        "Weltkrieg",
        "„Wir",
        "sagte“",
        "Київ",
        "вул.",
        "т.",
        "зв.",
        "р.",
        "грн.",
        "«Ми»",
        "В.",
        "M.",
        "Sra.",
        "EE.",
        "UU.",
        "¿Qué?",
        "1.º",
        "/ТАСС/.",
        "KYIV,",
        "(dpa)",
        "-",
        "•",
    ]);
    let sep = prop::sample::select(vec![
        " ", " ", " ", " ", ". ", ", ", "! ", "? ", ".\" ", ".” ", "\n", "\r\n", "\n\n",
        "\r\n\r\n", " \u{a0}", "\u{2029}", ".\n", "\t",
    ]);
    prop::collection::vec((word, sep), 0..80).prop_map(|pairs| {
        let mut text = String::new();
        for (w, s) in pairs {
            text.push_str(w);
            text.push_str(s);
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_tile(text in any::<String>()) {
        check_tiling(&text)?;
    }

    #[test]
    fn tricky_strings_tile(text in tricky_text()) {
        check_tiling(&text)?;
    }

    #[test]
    fn article_like_text_tiles(text in article_text()) {
        check_tiling(&text)?;
    }

    /// CRLF and odd spaces change nothing but the offsets' meaning stays the same: the
    /// statements of a CRLF/NBSP text are those of its LF/space twin.
    #[test]
    fn line_endings_and_odd_spaces_do_not_change_statements(
        text in article_text(),
        language in prop::sample::select(LANGUAGES),
    ) {
        let twin = text.replace("\r\n", " \n").replace('\u{a0}', " ").replace('\u{2029}', "\n");
        prop_assert_eq!(twin.chars().count(), text.chars().count());
        prop_assert_eq!(split_statements(&text), split_statements(&twin));
        prop_assert_eq!(split_with(&text, language, 2), split_with(&twin, language, 2));
    }

    /// Hard-wrapped article text tiles too, in every language.
    #[test]
    fn wrapped_text_tiles(text in article_text(), width in 50usize..120) {
        let mut wrapped = String::new();
        let mut column = 0;
        for word in text.split(' ') {
            if column > 0 && column + word.chars().count() > width {
                wrapped.push('\n');
                column = 0;
            } else if column > 0 {
                wrapped.push(' ');
                column += 1;
            }
            wrapped.push_str(word);
            column += word.chars().count();
        }
        check_tiling(&wrapped)?;
    }
}

#[test]
fn edge_cases_tile() {
    for text in [
        "",
        " ",
        "\n",
        "\r\n\r\n",
        ".",
        "...",
        "\u{feff}",
        "a",
        " a ",
        "\u{a0}Hello.\u{2028}World\u{3000}",
        "1.",
        "• ",
        "⁃9.",
        "a. b. c.",
        "1) 2) 3)",
        "“”",
        "\"",
        "\r",
        "x\ry\r\nz",
        "日本語の文。次の文。",
    ] {
        check_tiling(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}
