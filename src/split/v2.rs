//! Version 2 of the splitter: the article's language and the text's shape.
//!
//! The text is normalised as in version 1 and cut into blocks (`shape`): one line each, or
//! the lines of a hard-wrapped paragraph. Each block is split by sentencex with the rules of
//! the article's language, with list markers hidden from it (`mask`), then quotations are
//! split again (`quotes`) and the breaks corrected: by the English newsroom rules (`rules`)
//! for English, by the newsroom lists (`intl`) for the languages we have them for, and by the
//! rules below for all. Offsets are char offsets of the original text, as in version 1.

use sentencex::languages::{English, Language};

use super::chunks::sentencex_cuts;
use super::lexicon::{self, Lexicon};
use super::normalise::normalise;
use super::{CharCursor, Segment, SegmentKind, datelines, ends_sentence, fixes, intl, long};
use super::{mask, quotes, rules, shape};

/// The rules for one language.
pub(super) struct Rules {
    pub(super) segmenter: Box<dyn Language>,
    pub(super) english: bool,
    pub(super) lexicon: Option<&'static Lexicon>,
}

impl Rules {
    pub(super) fn new(language: &str) -> Self {
        let code = language.trim().to_ascii_lowercase();
        let code = code.split(['-', '_']).next().unwrap_or("");
        let english = code == "en" || code.is_empty();
        Rules {
            segmenter: if english {
                Box::new(English {})
            } else {
                sentencex::language_factory(code)
            },
            english,
            lexicon: lexicon::for_language(code),
        }
    }
}

pub(super) fn split(text: &str, language: &str) -> Vec<Segment> {
    let rules = Rules::new(language);
    let norm = normalise(text);
    let norm: &str = &norm;
    let mut out = Vec::with_capacity(norm.len() / 100 + 1);
    let mut chars = CharCursor::default();
    let mut pieces = Vec::new();
    let mut flat = String::new();
    for block in shape::blocks(norm) {
        let raw = &norm[block.start..block.end];
        // A block of wrapped lines is split as one line: the breaks become spaces (one byte
        // for one byte, so offsets hold).
        let line = if block.lines > 1 {
            flat.clear();
            for (i, part) in raw.split('\n').enumerate() {
                if i > 0 {
                    flat.push(' ');
                }
                flat.push_str(part);
            }
            flat.as_str()
        } else {
            raw
        };
        split_line(line, &rules, &mut pieces);
        let kind = match pieces.as_slice() {
            [(s, e)] if is_heading(&line[*s..*e], block.lines) => SegmentKind::Heading,
            _ => SegmentKind::Sentence,
        };
        for &(s, e) in &pieces {
            let start = chars.advance(norm, block.start + s);
            let end = chars.advance(norm, block.start + e);
            out.push(Segment { start, end, kind });
        }
    }
    out
}

/// Whether a block that is one statement is a heading: it has no final punctuation, as in
/// version 1 (which missed the German and reversed closing quotes `“`, `«`, `‘`), but a list
/// item may hold a claim, a colon, semicolon or comma goes on into what follows, and a
/// paragraph of more than two wrapped lines is no headline.
fn is_heading(statement: &str, lines: usize) -> bool {
    let core = statement.trim_end_matches(['“', '«', '‘']);
    !ends_sentence(statement)
        && !ends_sentence(core)
        && !statement.ends_with([':', ';', ','])
        && !rules::starts_with_list_marker(statement)
        && lines <= 2
}

/// Fills `pieces` with the statements of `line` (no `\n`) as trimmed byte ranges.
fn split_line(line: &str, rules: &Rules, pieces: &mut Vec<(usize, usize)>) {
    pieces.clear();
    let content = line.trim_start();
    let offset = line.len() - content.len();
    let content = content.trim_end();
    if content.is_empty() {
        return;
    }

    let (masked, markers) = mask::list_markers(content);
    let marks = quotes::marks(content);
    let quoted = quotes::spans(content, &marks);
    let mut cuts = sentencex_cuts(&masked, &quoted, rules.segmenter.as_ref());
    mask::settle(content, &markers, &mut cuts);
    cuts.sort_unstable();
    cuts.dedup();
    quotes::inner_cuts(
        content,
        &masked,
        &quoted,
        rules.segmenter.as_ref(),
        &mut cuts,
    );
    let is_prefix = |word: &str| {
        rules
            .lexicon
            .is_some_and(|lex| lex.class(word) == Some(lexicon::Class::Prefix))
    };
    quotes::opening_quote_cuts(
        content,
        &marks,
        rules.segmenter.as_ref(),
        is_prefix,
        &mut cuts,
    );
    fixes::bullet_cuts(content, &markers, &mut cuts);
    cuts.sort_unstable();
    cuts.dedup();
    refine(content, rules, &mut cuts);
    long::break_long_pieces(content, rules, &mut cuts);
    fixes::openers_start_statements(content, &mut cuts);

    let mut start = 0;
    for end in cuts.into_iter().chain(std::iter::once(content.len())) {
        let piece = &content[start..end];
        let s = start + (piece.len() - piece.trim_start().len());
        let e = start + piece.trim_end().len();
        if s < e {
            pieces.push((offset + s, offset + e));
        }
        start = end;
    }
}

/// Corrections to the breaks: the language's, then the shared ones.
fn refine(content: &str, rules: &Rules, cuts: &mut Vec<usize>) {
    if rules.english {
        rules::refine(content, cuts);
    } else {
        rules::split_mla_ellipsis(content, cuts);
        if let Some(lex) = rules.lexicon {
            intl::apply_lexicon(content, lex, rules.segmenter.as_ref(), cuts);
        }
        cuts.retain(|&cut| !rules::joins_any_language(content, cut));
        rules::split_inline_list(content, cuts);
        rules::merge_bare_markers(content, cuts);
    }
    rules::split_numbered_runs(content, cuts);
    datelines::dateline_cuts(content, cuts);
    rules::merge_bare_markers(content, cuts);
    fixes::settle_closers(content, cuts);
    fixes::merge_credits(content, cuts);
    fixes::keep_agency_dash(content, cuts);
    fixes::merge_section_numbers(content, cuts);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, language: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        split(text, language)
            .iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn bullets_split_like_any_text() {
        assert_eq!(
            texts(
                "• Russia launched drones. The minister left. He came back.",
                "en"
            ),
            [
                "• Russia launched drones.",
                "The minister left.",
                "He came back."
            ]
        );
    }

    #[test]
    fn credits_stay_with_the_dateline() {
        assert_eq!(
            texts("МОСКВА, 5 марта. /ТАСС/. Президент провел совещание.", "ru"),
            ["МОСКВА, 5 марта. /ТАСС/.", "Президент провел совещание."]
        );
    }

    #[test]
    fn datelines() {
        assert!(datelines::is_dateline("WASHINGTON — Gen. Mark Milley"));
        assert!(datelines::is_dateline("KYIV, Ukraine (AP) — NATO"));
        assert!(datelines::is_dateline("KIEW/BERLIN (dpa) - Die Ukraine"));
        assert!(!datelines::is_dateline("NATO — which has 31 members"));
        assert!(!datelines::is_dateline("US — The"));
        assert!(!datelines::is_dateline("WASHINGTON said — Then"));
    }

    #[test]
    fn an_opening_quotation_mark_starts_its_statement() {
        assert_eq!(
            texts(
                "\"We ran out,\" said Ann Lee, an analyst. \"Savings are gone. Debt is up.",
                "en"
            ),
            [
                "\"We ran out,\" said Ann Lee, an analyst.",
                "\"Savings are gone.",
                "Debt is up."
            ]
        );
        assert_eq!(
            texts("“Curly one,” she said. “Savings are gone.", "en"),
            ["“Curly one,” she said.", "“Savings are gone."]
        );
    }

    #[test]
    fn places_of_several_words_stay_whole() {
        for place in ["NEW YORK (AP)", "LOS ANGELES", "RIO DE JANEIRO (Reuters)"] {
            let text = format!("{place} — Floods hit the city. Officials said so.");
            assert_eq!(
                texts(&text, "en"),
                [
                    format!("{place} — Floods hit the city."),
                    "Officials said so.".into()
                ]
            );
        }
        // After a headline without final punctuation, the dateline opens the story.
        assert_eq!(
            texts(
                "Fed holds rates NEW YORK (AP) — The Fed held. It said so.",
                "en"
            ),
            [
                "Fed holds rates",
                "NEW YORK (AP) — The Fed held.",
                "It said so."
            ]
        );
    }

    #[test]
    fn long_lines_are_split_in_pieces_at_sure_ends() {
        let sentence = "The minister said the talks would go on. ";
        let text = sentence.repeat(500);
        assert!(text.len() > super::super::chunks::LONG_LINE);
        let rules = Rules::new("en");
        let cuts = sentencex_cuts(&text, &[], rules.segmenter.as_ref());
        let expected: Vec<usize> = (1..500).map(|i| i * sentence.len()).collect();
        assert_eq!(cuts, expected);
    }

    #[test]
    fn long_pieces_break() {
        let text = format!("“{}", "The war goes on. ".repeat(200));
        let longest = texts(&text, "en").iter().map(String::len).max().unwrap();
        assert!(longest < 100, "{longest}");
    }
}
