//! Splitting in other languages (version 2): newsroom cases written in the style of wire copy
//! in German, Ukrainian, Russian, Spanish and French (and English cases that only version 2
//! passes), read from `tests/fixtures/split/newsroom/<language>.txt`; language detection on
//! whole articles; and the language codes `split_with` accepts.

use claimdesk::language;
use claimdesk::split::{SPLITTER_VERSION, split_statements, split_with};

#[allow(dead_code)]
mod cases {
    include!("../fixtures/split/cases.rs");
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/split/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn texts(text: &str, language: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    split_with(text, language, SPLITTER_VERSION)
        .iter()
        .map(|s| chars[s.start..s.end].iter().collect())
        .collect()
}

/// Runs every case of a language's file; all must pass, and there must be at least `min`.
fn run_cases(language: &str, min: usize) {
    let cases = cases::parse_cases(&fixture(&format!("newsroom/{language}.txt")));
    assert!(cases.len() >= min, "{language}: only {} cases", cases.len());
    let mut failures = Vec::new();
    for (input, expected) in &cases {
        let got = texts(input, language);
        if &got != expected {
            failures.push(format!(
                "input:    {input}\nexpected: {expected:#?}\ngot:      {got:#?}"
            ));
        }
    }
    println!(
        "{language}: {}/{} newsroom cases pass",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn german_newsroom_cases() {
    run_cases("de", 12);
}

#[test]
fn ukrainian_newsroom_cases() {
    run_cases("uk", 12);
}

#[test]
fn russian_newsroom_cases() {
    run_cases("ru", 12);
}

#[test]
fn spanish_newsroom_cases() {
    run_cases("es", 12);
}

#[test]
fn french_newsroom_cases() {
    run_cases("fr", 12);
}

#[test]
fn english_version_2_cases() {
    run_cases("en", 12);
}

/// Each fixture article is detected as its language, and splits into whole sentences (no
/// statement starts lowercase, none is a bare abbreviation).
#[test]
fn fixture_articles_are_detected_and_split() {
    for code in ["en", "de", "uk", "ru", "es", "fr"] {
        let text = fixture(&format!("news-{code}.txt"));
        assert_eq!(language::detect(&text), Some(code), "news-{code}.txt");
        for statement in texts(&text, code) {
            let first = statement.chars().next().unwrap();
            assert!(
                !first.is_lowercase(),
                "{code}: statement starts lowercase: {statement:?}"
            );
            assert!(
                statement.chars().count() > 12,
                "{code}: fragment {statement:?}"
            );
        }
    }
}

/// Each language's rules stay with it: German ordinals are not English, English times are not
/// German.
#[test]
fn rules_stay_with_their_language() {
    // In English a number then a capital ends a sentence; in German it is an ordinal.
    assert_eq!(
        texts("The score was 2. Then it rained.", "en"),
        ["The score was 2.", "Then it rained."]
    );
    assert_eq!(
        texts("Das war der 2. Weltkrieg.", "de"),
        ["Das war der 2. Weltkrieg."]
    );
    // `a.m.` before a weekday is an English rule.
    assert_eq!(
        texts("It began at 10 a.m. Tuesday in Kyiv.", "en"),
        ["It began at 10 a.m. Tuesday in Kyiv."]
    );
}

/// Codes are read leniently (case, region tags); unknown languages get sentencex's fallback
/// rules or English, and never panic; version 1 ignores the language.
#[test]
fn language_codes() {
    let text = "Der 2. Weltkrieg endete 1945. Im 21. Jahrhundert ist das anders.";
    let de = texts(text, "de");
    assert_eq!(de.len(), 2);
    assert_eq!(texts(text, "DE"), de);
    assert_eq!(texts(text, "de-AT"), de);
    for code in [
        "", "xx", "zh", "ja", "ar", "he", "pt", "it", "pl", "nl", "bg", "kk", "tlh",
    ] {
        let got = texts("First sentence here. Second one follows.", code);
        assert!(!got.is_empty(), "{code}");
    }
    for code in ["en", "de", "uk", "xx"] {
        assert_eq!(split_with(text, code, 1), split_statements(text), "{code}");
    }
}

/// A version newer than this build knows splits with the newest rules rather than panicking.
#[test]
fn unknown_versions_fall_back_to_the_newest() {
    let text = "• One sentence. Another one.";
    assert_eq!(split_with(text, "en", 99), split_with(text, "en", 2));
    assert_eq!(split_with(text, "en", 0), split_statements(text));
}

/// The language list the app offers names every language the splitter has newsroom rules for.
#[test]
fn choices_cover_the_newsroom_languages() {
    for code in ["en", "de", "uk", "ru", "es", "fr"] {
        assert!(
            language::choices().iter().any(|(c, _)| *c == code),
            "{code}"
        );
        assert_eq!(language::parse(language::name(code)), Ok(code));
    }
}
