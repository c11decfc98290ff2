//! Text shapes (version 2): hard-wrapped text is joined into paragraphs (and only
//! hard-wrapped text), lines that start with bullets or numbers split like any other text, a
//! paste without line breaks splits into sentences, and no input makes the splitter panic.

use claimdesk::split::{Segment, SegmentKind, split_statements, split_with};

#[allow(dead_code)]
mod corpus {
    include!("../fixtures/split/corpus.rs");
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/split/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// (text, kind) of each statement, inner whitespace runs collapsed to one space so that a
/// wrapped paragraph compares equal to its one-line source.
fn statements(text: &str, language: &str) -> Vec<(String, SegmentKind)> {
    let chars: Vec<char> = text.chars().collect();
    split_with(text, language, 2)
        .iter()
        .map(|s| {
            let t: String = chars[s.start..s.end].iter().collect();
            (t.split_whitespace().collect::<Vec<_>>().join(" "), s.kind)
        })
        .collect()
}

fn count(segments: &[Segment], kind: SegmentKind) -> usize {
    segments.iter().filter(|s| s.kind == kind).count()
}

fn spans_line_break(text: &str, s: &Segment) -> bool {
    text.chars()
        .skip(s.start)
        .take(s.end - s.start)
        .any(|c| c == '\n')
}

#[test]
fn hard_wrapped_text_splits_like_its_source() {
    let source = statements(&fixture("wrapped-source.txt"), "en");
    for name in ["wrapped-72.txt", "wrapped-80.txt"] {
        assert_eq!(statements(&fixture(name), "en"), source, "{name}");
    }
    // The same for news in other languages, wrapped at 60, 72 and 80 columns.
    for code in ["de", "uk", "ru", "es", "fr", "en"] {
        let text = fixture(&format!("news-{code}.txt"));
        let source = statements(&text, code);
        for width in [60, 72, 80] {
            let wrapped = corpus::wrap(&text, width);
            assert_eq!(
                statements(&wrapped, code),
                source,
                "news-{code}.txt wrapped at {width}"
            );
        }
    }
}

/// The GPL wrapped at ~72 columns: version 1 makes 631 line fragments, 366 of them false
/// headings; version 2 makes sentences, and only the real headings stay.
#[test]
fn gpl_paragraphs_are_joined() {
    let text = fixture("gpl-3.txt");
    let v1 = split_statements(&text);
    assert_eq!((v1.len(), count(&v1, SegmentKind::Heading)), (631, 366));
    let v2 = split_with(&text, "en", 2);
    let headings: Vec<String> = statements(&text, "en")
        .into_iter()
        .filter(|(_, k)| *k == SegmentKind::Heading)
        .map(|(t, _)| t)
        .collect();
    println!(
        "GPL-3: version 1 {} statements, {} headings; version 2 {} statements, {} headings",
        v1.len(),
        count(&v1, SegmentKind::Heading),
        v2.len(),
        headings.len()
    );
    assert_eq!(
        headings,
        [
            "GNU GENERAL PUBLIC LICENSE",
            "Version 3, 29 June 2007",
            "Preamble",
            "TERMS AND CONDITIONS",
            "END OF TERMS AND CONDITIONS",
            "How to Apply These Terms to Your New Programs",
            "<one line to give the program's name and a brief idea of what it does.> Copyright (C) <year> <name of author>",
            "<program> Copyright (C) <year> <name of author>",
        ]
    );
    assert!((190..=230).contains(&v2.len()), "{}", v2.len());
    // No sentence is a fragment that starts in the middle of one.
    for (t, _) in statements(&text, "en") {
        let list_item = t.chars().nth(1) == Some(')');
        assert!(!t.starts_with(char::is_lowercase) || list_item, "{t}");
    }
}

/// Hanging indents, numbered definitions and underlined titles (the MPL 2.0 as distributed).
#[test]
fn mpl_definitions_keep_their_headings() {
    let text = fixture("mpl-2.0.txt");
    let got = statements(&text, "en");
    let heading = |t: &str| {
        got.iter()
            .any(|(s, k)| s == t && *k == SegmentKind::Heading)
    };
    assert!(heading("Mozilla Public License Version 2.0"));
    assert!(heading("1.1. \"Contributor\""));
    assert!(got.contains(&(
        "means each individual or legal entity that creates, contributes to the creation of, or owns Covered Software.".to_string(),
        SegmentKind::Sentence
    )));
    // Version 1 read every wrapped line as a statement of its own.
    assert!(split_statements(&text).len() > got.len() * 3 / 2);
}

/// Ordinary copy is never joined: one paragraph per line (with or without blank lines
/// between), verse, lists, headline lists, short lines, CRLF.
#[test]
fn other_shapes_are_not_hard_wrapped() {
    let mut texts: Vec<(String, String)> = Vec::new();
    for code in ["en", "de", "uk", "ru", "es", "fr"] {
        let text = fixture(&format!("news-{code}.txt"));
        texts.push((code.into(), text.replace("\n\n", "\n")));
        texts.push((code.into(), text.replace('\n', "\r\n")));
        texts.push((code.into(), text));
    }
    texts.push((
        "en".into(),
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/nato-chief-kyiv.txt"
        ))
        .unwrap(),
    ));
    let verse = "Shall I compare thee to a summer's day?\nThou art more lovely and more temperate:\nRough winds do shake the darling buds of May,\nAnd summer's lease hath all too short a date;\nSometime too hot the eye of heaven shines,\nAnd often is his gold complexion dimm'd;\nAnd every fair from fair sometime declines,\nBy chance or nature's changing course untrimm'd;\n";
    texts.push(("en".into(), verse.into()));
    let headlines = "Russia launches biggest drone attack on Kyiv since the start of the war\nZelenskyy says Ukraine needs more air defence systems before the winter\nNATO allies agree to send more Patriot batteries to Ukraine this month\nGerman chancellor promises further military aid during visit to Kyiv\nGrain corridor reopens as insurers return to the Black Sea shipping lanes\nEU leaders approve new sanctions package targeting Russian energy exports\n";
    texts.push(("en".into(), headlines.into()));
    let list = "What we know so far:\n- Russia launched 30 drones overnight and two missiles\n- Ukraine says it shot down 26 of the drones over the capital\n- Power was cut in several towns in the Kharkiv region\n- No casualties have been reported by local officials so far\n";
    texts.push(("en".into(), list.into()));
    let short = "Kyiv\nMonday\nBy Jane Doe\nPhoto: Reuters\nRead more\nShare this article\n";
    texts.push(("en".into(), short.into()));
    for (code, text) in &texts {
        for s in split_with(text, code, 2) {
            assert!(
                !spans_line_break(text, &s),
                "{code}: a statement spans a line break in {:?}",
                &text[..text.len().min(80)]
            );
        }
    }
}

/// Headings and list items inside hard-wrapped text stay statements of their own.
#[test]
fn wrapped_text_keeps_headings_and_list_items() {
    let got = statements(&fixture("wrapped-72.txt"), "en");
    let find = |prefix: &str| {
        got.iter()
            .find(|(t, _)| t.starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix}"))
            .clone()
    };
    assert_eq!(
        find("What happens"),
        ("What happens next".into(), SegmentKind::Heading)
    );
    assert_eq!(find("By JANE").1, SegmentKind::Heading);
    assert_eq!(
        find("- Ships"),
        (
            "- Ships must sail in convoys escorted by the Ukrainian navy and report their position every hour to the joint centre in Istanbul.".into(),
            SegmentKind::Sentence
        )
    );
    assert!(find("- Crews").0.ends_with("loading."));
}

#[test]
fn lines_with_list_markers_split_like_any_text() {
    for (text, expected) in [
        (
            "• Russia launched drones. The minister left. He came back.",
            &[
                "• Russia launched drones.",
                "The minister left.",
                "He came back.",
            ][..],
        ),
        (
            "- Russia launched drones. The minister left. He came back.",
            &[
                "- Russia launched drones.",
                "The minister left.",
                "He came back.",
            ],
        ),
        (
            "1. Russia launched drones. The minister left.",
            &["1. Russia launched drones.", "The minister left."],
        ),
        (
            "a) Russia launched drones. The minister left.",
            &["a) Russia launched drones.", "The minister left."],
        ),
        (
            "(1) Russia launched drones. The minister left. (2) He came back.",
            &[
                "(1) Russia launched drones.",
                "The minister left.",
                "(2) He came back.",
            ],
        ),
    ] {
        let got: Vec<String> = statements(text, "en").into_iter().map(|(t, _)| t).collect();
        assert_eq!(got, expected, "{text}");
    }
    // Version 1 kept a bullet line whole: its statement ids must not change.
    assert_eq!(
        split_statements("• Russia launched drones. The minister left. He came back.").len(),
        1
    );
    // A list item without final punctuation is a statement (it may hold a claim), not a
    // headline; a line without a marker and without final punctuation stays a heading.
    let kinds: Vec<SegmentKind> = statements(
        "• 26 drones shot down\n- Power cut in Kharkiv\nWhat we know",
        "en",
    )
    .into_iter()
    .map(|(_, k)| k)
    .collect();
    assert_eq!(
        kinds,
        [
            SegmentKind::Sentence,
            SegmentKind::Sentence,
            SegmentKind::Heading
        ]
    );
}

/// The benchmark's article with its line breaks replaced by spaces gives about as many
/// statements: what is lost is headlines glued to the sentence after them (nothing marks
/// where a headline ends), and no statement is longer than prose allows.
#[test]
fn one_line_paste_splits_into_sentences() {
    let text = corpus::article(corpus::BENCH_PARAGRAPHS, 120_000);
    let one_line = text.replace(['\n', '\r'], " ");
    let lines = split_with(&text, "en", 2);
    let pasted = split_with(&one_line, "en", 2);
    let headings = count(&lines, SegmentKind::Heading);
    println!(
        "bench article: {} statements with line breaks ({headings} headings), {} without (version 1: {})",
        lines.len(),
        pasted.len(),
        split_statements(&one_line).len()
    );
    assert!(
        pasted.len() * 100 >= lines.len() * 95,
        "{} of {}",
        pasted.len(),
        lines.len()
    );
    assert!(pasted.len() + headings >= lines.len());
    let longest = pasted.iter().map(|s| s.end - s.start).max().unwrap();
    assert!(longest <= 300, "longest statement {longest} chars");

    // The same for news in every language: only headings get lost.
    for code in ["en", "de", "uk", "ru", "es", "fr"] {
        let text = fixture(&format!("news-{code}.txt"));
        let lines = split_with(&text, code, 2);
        let pasted = split_with(&text.replace('\n', " "), code, 2);
        assert!(
            pasted.len() + count(&lines, SegmentKind::Heading) >= lines.len(),
            "{code}: {} of {}",
            pasted.len(),
            lines.len()
        );
    }
}

/// Huge, empty and hostile inputs: no panic, and the statements tile the text.
#[test]
fn bad_input_never_panics() {
    let sentence =
        "Russia launched 26 drones, Ukraine said. “Most were shot down,” officials added. ";
    let mut inputs: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\n\n\n".into(),
        " \t\r\n\u{a0}\u{2028}\u{3000}".into(),
        ".".into(),
        "....!!!???…… . . . . ".into(),
        "• • • - - - 1. 2. 3. (1) (2) a) b)".into(),
        "«»„“”\"\"''()[]{}".into(),
        "Україна. Deutschland. 日本語の文。Ελλάδα. עברית. العربية؟ हिन्दी। Ok.".into(),
        "\u{1}\u{2}\u{7f}\u{200b}\u{feff}\u{fffd}".into(),
        // A few MB on one line: sentences, and text without a single sentence end.
        sentence.repeat(2_000_000 / sentence.len()),
        "word ".repeat(400_000),
        // Long hard-wrapped text.
        corpus::wrap(&sentence.repeat(20_000), 72),
    ];
    let mut mix = corpus::Mix::new(7);
    inputs.push(
        (0..20_000)
            .map(|_| char::from_u32(mix.below(0x3000) as u32).unwrap_or(' '))
            .collect(),
    );
    for text in &inputs {
        for code in ["en", "de", "uk", "ru", "es", "fr", "ja", "xx"] {
            let segments = split_with(text, code, 2);
            let chars: Vec<char> = text.chars().collect();
            let mut prev = 0;
            for s in &segments {
                assert!(prev <= s.start && s.start < s.end && s.end <= chars.len());
                assert!(chars[prev..s.start].iter().all(|c| c.is_whitespace()));
                prev = s.end;
            }
            assert!(chars[prev..].iter().all(|c| c.is_whitespace()));
            if code != "en" && text.len() > 100_000 {
                break; // one language is enough for the huge ones in a debug build
            }
        }
    }
}
