//! The last resort against statements that are too long for prose: an unclosed quotation or
//! bracket, or a paste without line breaks, can leave sentencex with nothing to break.

use super::fixes::is_terminator;
use super::intl;
use super::lexicon::Lexicon;
use super::rules;
use super::v2::Rules;

/// Pieces longer than this (bytes) are prose gone wrong (a quotation or bracket never
/// closed, a paste without line breaks): they are broken at every plausible sentence end.
const LONG_PIECE: usize = 1200;

/// Breaks pieces longer than `LONG_PIECE` at every sentence end the rules accept: after
/// `.`/`!`/`?`/`…` (and closing quotes), before a capitalised word.
pub(super) fn break_long_pieces(content: &str, rules: &Rules, cuts: &mut Vec<usize>) {
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
