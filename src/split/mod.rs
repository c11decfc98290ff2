//! Statement splitting: an article becomes the list of statements reviewers tag.
//!
//! Statement ids derive from the output, so the rules are versioned and a project records the
//! version (and language) it was split with. Version 1 (`split_statements`) is frozen: English
//! rules, sentencex run one line at a time because a line break always ends a statement in
//! news copy, and `rules` correcting the breaks sentencex gets wrong in newsroom English.
//! Version 2 (`v2`) adds the article's language (sentencex's rules for it, plus the newsroom
//! lists in `lexicon`/`intl`) and the text's shape: hard-wrapped paragraphs are joined
//! (`shape`), list markers no longer hide sentences (`mask`), quotations of several sentences
//! and pastes without line breaks are split into sentences.
//!
//! Either way, offsets are char offsets into the caller's text, and the result tiles it: only
//! whitespace is ever left out. In version 2 a statement of a hard-wrapped paragraph may span
//! its line breaks; it never spans a blank line.

mod bytes;
mod chunks;
mod datelines;
mod fixes;
mod intl;
mod lexicon;
mod lines;
mod long;
mod mask;
mod normalise;
mod quotes;
mod rules;
mod shape;
mod v2;
mod words;

use lines::split_line;

/// What produced a statement: a sentence inside running text, or a whole line that is
/// not a sentence (headline, dateline, "ALSO READ:" teaser, credit line; in version 1 also a
/// list item without final punctuation, which version 2 counts as a sentence since it may hold
/// a claim).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum SegmentKind {
    Sentence,
    Heading,
}

/// One statement: `start..end` in chars (Unicode scalar values) of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub kind: SegmentKind,
}

/// The newest rules; new projects are split with them. Existing projects keep the version
/// they record.
pub const SPLITTER_VERSION: u32 = 2;

/// Splits `text` with the rules of `version` for `language` (ISO 639-1 code). Version 1
/// ignores the language and is exactly `split_statements`: every project made before
/// languages existed was split with it, and its statement ids depend on it never changing.
/// Version 2 (and, defensively, anything newer) adds languages and text shapes.
pub fn split_with(text: &str, language: &str, version: u32) -> Vec<Segment> {
    match version {
        0 | 1 => split_statements(text),
        _ => v2::split(text, language),
    }
}

/// Splits `text` into statements with the version 1 rules (English, a line break always ends a
/// statement). Lossless: segments are in order, non-overlapping, non-empty, neither start nor
/// end with whitespace, and everything between/around them is whitespace only.
pub fn split_statements(text: &str) -> Vec<Segment> {
    let norm = normalise::normalise(text);
    let norm: &str = &norm;
    let mut out = Vec::with_capacity(norm.len() / 100 + 1);
    let mut chars = CharCursor::default();
    let mut pieces = Vec::new();
    let mut line_start = 0;
    for line in norm.split('\n') {
        split_line(line, &mut pieces);
        let kind = match pieces.as_slice() {
            [(s, e)] if !ends_sentence(&line[*s..*e]) => SegmentKind::Heading,
            _ => SegmentKind::Sentence,
        };
        for &(s, e) in &pieces {
            let start = chars.advance(norm, line_start + s);
            let end = chars.advance(norm, line_start + e);
            out.push(Segment { start, end, kind });
        }
        line_start += line.len() + 1;
    }
    out
}

/// Convenience for the `claimdesk segment` command: the statement texts (inner newlines/whitespace runs
/// collapsed to single spaces is done by the caller, not here) as &str slices of `text`.
pub fn statement_slices(text: &str) -> Vec<&str> {
    let mut bytes = CharCursor::default();
    split_statements(text)
        .into_iter()
        .map(|seg| {
            let start = bytes.byte_of(text, seg.start);
            let end = bytes.byte_of(text, seg.end);
            &text[start..end]
        })
        .collect()
}

/// Converts increasing byte offsets of one string to char offsets, counting each char once
/// (counting from the start for every segment would make long articles quadratic).
#[derive(Default)]
struct CharCursor {
    byte: usize,
    char: usize,
}

impl CharCursor {
    fn advance(&mut self, text: &str, byte: usize) -> usize {
        debug_assert!(byte >= self.byte);
        self.char += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.char
    }

    /// The reverse walk: the byte offset of char index `target` (not below the last one asked).
    fn byte_of(&mut self, text: &str, target: usize) -> usize {
        debug_assert!(target >= self.char);
        let rest = &text[self.byte..];
        let skip = target.saturating_sub(self.char);
        self.byte += rest.char_indices().nth(skip).map_or(rest.len(), |(b, _)| b);
        self.char = target;
        self.byte
    }
}

/// Whether a one-statement line reads as a sentence: it ends with `.`, `!`, `?` or `…` (or
/// another script's full stop), possibly followed by closing quotes or brackets. Lines that
/// do not are headlines, datelines, teasers or credits.
fn ends_sentence(statement: &str) -> bool {
    let core = statement.trim_end_matches(['"', '\'', '”', '’', '»', '›', ')', ']', '}', '*', '_']);
    core.ends_with([
        '.', '!', '?', '…', '。', '！', '？', '؟', '।', '‼', '⁇', '⁈', '⁉', '۔',
    ])
}
