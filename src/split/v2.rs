//! Version 2 of the splitter: the article's language and the text's shape.
//!
//! The text is normalised as in version 1 and cut into blocks (`shape`): one line each, or
//! the lines of a hard-wrapped paragraph. Each block is split by sentencex with the rules of
//! the article's language, with list markers hidden from it (`mask`), then quotations are
//! split again (`quotes`) and the breaks corrected: by the English newsroom rules (`rules`)
//! for English, by the newsroom lists (`intl`) for the languages we have them for, and by the
//! rules below for all. Offsets are char offsets of the original text, as in version 1.

use sentencex::languages::{English, Language};

use super::lexicon::{self, Lexicon};
use super::normalise::normalise;
use super::rules::{self, BULLETS};
use super::{CharCursor, Segment, SegmentKind, ends_sentence, intl, mask, quotes, shape};

/// Pieces longer than this (bytes) are prose gone wrong (a quotation or bracket never
/// closed, a paste without line breaks): they are broken at every plausible sentence end.
const LONG_PIECE: usize = 1200;

/// The rules for one language.
pub(super) struct Rules {
    segmenter: Box<dyn Language>,
    english: bool,
    lexicon: Option<&'static Lexicon>,
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
    bullet_cuts(content, &markers, &mut cuts);
    cuts.sort_unstable();
    cuts.dedup();
    refine(content, rules, &mut cuts);
    break_long_pieces(content, rules, &mut cuts);
    openers_start_statements(content, &mut cuts);

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

/// An opening quotation mark belongs to the sentence it opens: sentencex leaves a quotation
/// that runs on into the next paragraph (`... analyst. "Savings are gone.` with no closing
/// mark) hanging at the end of the sentence before, or alone. A mark after a space (or at
/// the start) ending a piece moves to the start of the next one.
fn openers_start_statements(content: &str, cuts: &mut Vec<usize>) {
    let mut changed = false;
    for cut in cuts.iter_mut() {
        let left = content[..*cut].trim_end();
        let Some(mark) = left.chars().next_back() else {
            continue;
        };
        if !matches!(mark, '"' | '“' | '„' | '«') {
            continue;
        }
        let at = left.len() - mark.len_utf8();
        let spaced = content[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let opens = content[*cut..]
            .trim_start()
            .starts_with(|c: char| c.is_alphanumeric());
        if spaced && opens {
            *cut = at;
            changed = true;
        }
    }
    if changed {
        cuts.retain(|&c| c != 0);
        cuts.sort_unstable();
        cuts.dedup();
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
    dateline_cuts(content, cuts);
    rules::merge_bare_markers(content, cuts);
    settle_closers(content, cuts);
    merge_credits(content, cuts);
    keep_agency_dash(content, cuts);
    merge_section_numbers(content, cuts);
}

/// A section number alone (`1.1.`, `2.3.4`) belongs to the text after it, as a list marker
/// does; sentencex reads its last period as a sentence end.
fn merge_section_numbers(content: &str, cuts: &mut Vec<usize>) {
    let mut start = 0;
    cuts.retain(|&cut| {
        let piece = content[start..cut].trim();
        let number = piece.trim_end_matches('.');
        let bare = number.contains('.')
            && number
                .split('.')
                .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
        if !bare {
            start = cut;
        }
        !bare
    });
}

/// Lines longer than `LONG_LINE` (a paste without line breaks; news paragraphs are shorter)
/// are handed to sentencex in pieces of about `CHUNK` bytes: some of its checks grow with
/// the length of the text before a sentence end and with the quotations and brackets on a
/// line, which made such pastes slow.
const LONG_LINE: usize = 2048;
const CHUNK: usize = 160;

/// Byte offsets where sentencex starts a new sentence, as in version 1 but with any
/// language's segmenter, moved past the whitespace after the break. A long line is cut at
/// sure sentence ends (see `Chunker`) into pieces of about `CHUNK` bytes first.
fn sentencex_cuts(
    content: &str,
    quoted: &[(usize, usize)],
    segmenter: &dyn Language,
) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut chunker = Chunker {
        content,
        quoted,
        segmenter,
        scanned: 0,
        depth: 0,
        open_at: 0,
    };
    let mut start = 0;
    while start < content.len() {
        let end = if content.len() <= LONG_LINE || content.len() - start <= CHUNK {
            content.len()
        } else {
            chunker.sure_break(start + CHUNK).unwrap_or(content.len())
        };
        let piece = &content[start..end];
        let base = piece.as_ptr() as usize;
        let mut last = 0;
        for sentence in segmenter.segment(piece) {
            let Some(at) = (sentence.as_ptr() as usize).checked_sub(base) else {
                continue;
            };
            let end = at + sentence.len();
            if end > last && end < piece.len() && piece.is_char_boundary(end) {
                let next = piece[end..].trim_start();
                let at = piece.len() - next.len();
                if at < piece.len() {
                    cuts.push(start + at);
                    last = at;
                }
            }
        }
        if end < content.len() {
            cuts.push(end);
        }
        start = end;
    }
    cuts
}

/// Finds where a long line may be cut before sentencex sees it: sure sentence ends outside
/// quotations and brackets (a piece that starts inside one would pair its marks wrongly).
struct Chunker<'a> {
    content: &'a str,
    /// Byte ranges inside quotation marks, sorted.
    quoted: &'a [(usize, usize)],
    segmenter: &'a dyn Language,
    /// Bracket depth of `content[..scanned]`, and where the outermost open bracket is.
    scanned: usize,
    depth: u32,
    open_at: usize,
}

impl Chunker<'_> {
    /// An unclosed bracket this far back is a stray one (`:(`), not an aside.
    const STRAY: usize = 2048;

    /// The first sure sentence end at or after `from`: a period, `!` or `?` after a
    /// lowercase word of three letters or more that is no abbreviation, then a space and a
    /// capital, outside quotations and brackets. Returns the start of the next sentence;
    /// `None` when there is none. Each byte is looked at once over all calls.
    fn sure_break(&mut self, from: usize) -> Option<usize> {
        let bytes = self.content.as_bytes();
        let limit = bytes.len();
        while self.scanned + 2 < limit {
            let i = self.scanned;
            self.scanned += 1;
            match bytes[i] {
                b'(' => {
                    if self.depth == 0 {
                        self.open_at = i;
                    }
                    self.depth += 1;
                }
                b')' => self.depth = self.depth.saturating_sub(1),
                b'.' | b'!' | b'?' if i >= from && bytes[i + 1] == b' ' => {
                    if self.depth > 0 && i - self.open_at > Self::STRAY {
                        self.depth = 0;
                    }
                    if self.depth == 0 && self.is_sure_end(i) {
                        return Some(i + 2);
                    }
                }
                _ => {}
            }
        }
        None
    }

    fn is_sure_end(&self, at: usize) -> bool {
        let next = &self.content[at + 2..];
        if !next.starts_with(char::is_uppercase) {
            return false;
        }
        let i = self.quoted.partition_point(|&(s, _)| s <= at);
        if i > 0 && at < self.quoted[i - 1].1 {
            return false;
        }
        let word = self.content[..at]
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        word.chars().count() >= 3
            && word.chars().all(char::is_lowercase)
            && !self.segmenter.get_abbreviations().contains(word)
    }
}

/// A bullet after whitespace (`... drones. • Russia ...`) starts a list item: a new statement.
/// `markers` are the blanked markers, bullets among them.
fn bullet_cuts(content: &str, markers: &[(usize, usize)], cuts: &mut Vec<usize>) {
    for &(s, _) in markers {
        if s > 0 && content[s..].starts_with(BULLETS) {
            cuts.push(s);
        }
    }
}

/// A statement never starts with a closing quote or bracket, nor with `,` `;` `:`
/// (`R-Tenn.; Sen. ...`). A closer after a sentence end belongs to that sentence, so the break
/// moves past it; punctuation that continues a clause means there was no break.
fn settle_closers(content: &str, cuts: &mut Vec<usize>) {
    let mut changed = false;
    for cut in cuts.iter_mut() {
        let rest = &content[*cut..];
        if rest.starts_with([',', ';', ':']) {
            *cut = usize::MAX;
            changed = true;
            continue;
        }
        // A closer is followed by whitespace (`ist. » Danach`); glued to a word it opens one
        // (`Minister. »Die`) and the break stays.
        let closers = rest.trim_start_matches(['»', '”', '›', ')', ']', '}']);
        let next = closers.trim_start();
        let closing = closers.len() < rest.len() && (next.is_empty() || next.len() < closers.len());
        if closing && content[..*cut].trim_end().ends_with(is_terminator) {
            *cut = if next.is_empty() {
                usize::MAX
            } else {
                content.len() - next.len()
            };
            changed = true;
        }
    }
    if changed {
        cuts.retain(|&c| c != usize::MAX);
        cuts.sort_unstable();
        cuts.dedup();
    }
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// A dateline inside a line (`... summit WASHINGTON — Gen. ...`, `... KIEW/BERLIN (dpa) -
/// Die ...`) opens a story: in a paste without line breaks it follows a headline that has no
/// final punctuation, and starts a new statement. A dateline is one or more words in
/// capitals (one of at least four letters), optionally a place (`, Ukraine`) and an agency in
/// brackets, then a dash and a capitalised word.
fn dateline_cuts(content: &str, cuts: &mut Vec<usize>) {
    let mut added = false;
    for dash in ['—', '–', '-'] {
        for (at, _) in content.match_indices(dash) {
            let spaced =
                content[..at].ends_with(' ') && content[at + dash.len_utf8()..].starts_with(' ');
            if !spaced {
                continue;
            }
            let at = at - 1;
            // The dateline's first word is at most six words before the dash.
            let before = &content[..at];
            let starts = before
                .char_indices()
                .rev()
                .filter(|&(i, c)| c == ' ' && i + 1 < before.len())
                .map(|(i, _)| i + 1)
                .take(6);
            let first = starts
                .filter(|&p| {
                    let lead = content[..p].trim_end();
                    // `NEW YORK (AP) —`: a start inside a place of several words in
                    // capitals is no start; the place's first word is.
                    let inside_place = lead
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| is_caps_place(w.trim_end_matches(',')));
                    !lead.is_empty()
                        && !lead.ends_with(is_terminator)
                        && !lead.ends_with(':')
                        && !inside_place
                        && is_dateline(&content[p..])
                })
                .last();
            if let Some(p) = first {
                cuts.push(p);
                added = true;
            }
        }
    }
    if added {
        cuts.sort_unstable();
        cuts.dedup();
    }
}

/// Whether `text` starts with a dateline (see `dateline_cuts`).
fn is_dateline(text: &str) -> bool {
    let mut words = text.split(' ').filter(|w| !w.is_empty()).peekable();
    // Places in capitals: `WASHINGTON`, `KIEW/BERLIN`, `NEW YORK`, `КИЇВ`.
    let mut caps = 0;
    let mut long = false;
    while let Some(w) = words.next_if(|w| is_caps_place(w.trim_end_matches(','))) {
        caps += 1;
        long |= w
            .trim_end_matches(',')
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
            >= 4;
        if w.ends_with(',') {
            break;
        }
    }
    if caps == 0 || caps > 3 || !long {
        return false;
    }
    // An optional place and agency: `Ukraine (AP)`, `(dpa)`; at most four words.
    for _ in 0..4 {
        match words.peek() {
            Some(w) if matches!(*w, "—" | "–" | "-") => break,
            Some(w) if w.starts_with(char::is_uppercase) || w.starts_with('(') => {
                words.next();
            }
            _ => return false,
        }
    }
    words.next().is_some_and(|w| matches!(w, "—" | "–" | "-"))
        && words
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
}

fn is_caps_place(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, '/' | '-' | '.'))
}

/// Spanish wire datelines end with the agency, a period and a dash (`MADRID, 5 mar
/// (EFE).- El Gobierno ...`): the dateline stays with the first sentence, as in English.
fn keep_agency_dash(content: &str, cuts: &mut Vec<usize>) {
    cuts.retain(|&cut| {
        let dash = content[cut..].starts_with(['-', '–', '—']);
        !(dash && content[..cut].trim_end().ends_with(")."))
    });
}

/// An agency credit between slashes after a dateline (`МОСКВА, 5 марта. /ТАСС/. ...`)
/// belongs to the dateline, not to a statement of its own.
fn merge_credits(content: &str, cuts: &mut Vec<usize>) {
    if !content.contains('/') {
        return;
    }
    let mut drop = Vec::new();
    for (i, &cut) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).copied().unwrap_or(content.len());
        let piece = content[cut..end].trim_end();
        let inner = piece
            .trim_end_matches(['.', ':'])
            .strip_prefix('/')
            .and_then(|p| p.strip_suffix('/'));
        if inner.is_some_and(|p| !p.is_empty() && p.len() <= 60 && !p.contains('/')) {
            drop.push(cut);
        }
    }
    cuts.retain(|c| drop.binary_search(c).is_err());
}

/// Breaks pieces longer than `LONG_PIECE` at every sentence end the rules accept: after
/// `.`/`!`/`?`/`…` (and closing quotes), before a capitalised word.
fn break_long_pieces(content: &str, rules: &Rules, cuts: &mut Vec<usize>) {
    if content.len() <= LONG_PIECE {
        return;
    }
    let mut added = Vec::new();
    let mut start = 0;
    for end in cuts.iter().copied().chain(std::iter::once(content.len())) {
        if end - start > LONG_PIECE {
            sentence_ends(content, start, end, &mut added);
        }
        start = end;
    }
    if added.is_empty() {
        return;
    }
    let joins = |at: usize| {
        if rules.english {
            rules::joins(content, at)
        } else {
            rules::joins_any_language(content, at)
                || rules
                    .lexicon
                    .is_some_and(|lex| intl_rejects(content, at, lex, rules, cuts))
        }
    };
    added.retain(|&at| !joins(at));
    cuts.extend(added);
    cuts.sort_unstable();
    cuts.dedup();
}

/// Whether the newsroom lists veto a break at `at`.
fn intl_rejects(content: &str, at: usize, lex: &Lexicon, rules: &Rules, cuts: &[usize]) -> bool {
    intl::verdict_at(content, at, lex, rules.segmenter.as_ref(), cuts) == Some(false)
}

/// Candidate breaks in `content[start..end]`: a terminator, optional closing quotes or
/// brackets, whitespace, then a capitalised word (possibly after an opening quote).
fn sentence_ends(content: &str, start: usize, end: usize, out: &mut Vec<usize>) {
    let piece = &content[start..end];
    let mut chars = piece.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if !is_terminator(c) {
            continue;
        }
        while chars
            .next_if(|&(_, n)| is_terminator(n) || "\"'”’»)]".contains(n))
            .is_some()
        {}
        if chars.next_if(|&(_, n)| n.is_whitespace()).is_none() {
            continue;
        }
        while chars.next_if(|&(_, n)| n.is_whitespace()).is_some() {}
        let Some(&(at, _)) = chars.peek() else {
            break;
        };
        let word = piece[at..].trim_start_matches(['"', '“', '„', '«', '(', '\'']);
        if word.starts_with(char::is_uppercase) {
            out.push(start + at);
        }
    }
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
        assert!(is_dateline("WASHINGTON — Gen. Mark Milley"));
        assert!(is_dateline("KYIV, Ukraine (AP) — NATO"));
        assert!(is_dateline("KIEW/BERLIN (dpa) - Die Ukraine"));
        assert!(!is_dateline("NATO — which has 31 members"));
        assert!(!is_dateline("US — The"));
        assert!(!is_dateline("WASHINGTON said — Then"));
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
        assert!(text.len() > LONG_LINE);
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
