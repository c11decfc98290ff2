//! One line of (normalised) text to its statements: sentencex proposes breaks, `rules` corrects
//! them, and the pieces between breaks are trimmed. Because pieces are cut from the line and
//! only trimmed, the result tiles the line whatever the break positions are.

use sentencex::languages::{English, Language};

use super::rules;

/// Fills `pieces` with the statements of `line` (no `\n` inside) as trimmed, non-empty byte
/// ranges of `line`, in order.
pub(super) fn split_line(line: &str, pieces: &mut Vec<(usize, usize)>) {
    pieces.clear();
    let content = line.trim_start();
    let offset = line.len() - content.len();
    let content = content.trim_end();
    if content.is_empty() {
        return;
    }

    let mut cuts = sentencex_cuts(content);
    rules::refine(content, &mut cuts);

    let mut start = 0;
    for end in cuts.into_iter().chain(std::iter::once(content.len())) {
        push_trimmed(content, start, end, offset, pieces);
        start = end;
    }
}

/// Byte offsets inside `content` where sentencex starts a new sentence, strictly increasing,
/// on char boundaries and strictly inside the text. sentencex returns slices of its input; we
/// locate them by address and drop anything that does not fit, so a surprise in its output
/// can cost a break but never the tiling.
fn sentencex_cuts(content: &str) -> Vec<usize> {
    let base = content.as_ptr() as usize;
    let mut cuts = Vec::new();
    let mut last = 0;
    for sentence in (English {}).segment(content) {
        let Some(start) = (sentence.as_ptr() as usize).checked_sub(base) else {
            continue;
        };
        let end = start + sentence.len();
        if end > last && end < content.len() && content.is_char_boundary(end) {
            cuts.push(end);
            last = end;
        }
    }
    cuts
}

/// Pushes `content[start..end]` trimmed, shifted by `offset`, unless it is only whitespace.
fn push_trimmed(
    content: &str,
    start: usize,
    end: usize,
    offset: usize,
    pieces: &mut Vec<(usize, usize)>,
) {
    let piece = &content[start..end];
    let trimmed = piece.trim_start();
    let s = start + (piece.len() - trimmed.len());
    let e = s + trimmed.trim_end().len();
    if s < e {
        pieces.push((offset + s, offset + e));
    }
}
