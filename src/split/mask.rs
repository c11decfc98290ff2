//! Hiding list markers from sentencex.
//!
//! sentencex treats a line that opens with a bullet, or holds two markers like `1)`/`(a)`, as a
//! list and never breaks inside an item: `• Russia launched drones. The minister left.` stays
//! one statement, and in a one-line paste everything after the first `•` does. We hand it a
//! copy with such markers blanked out (same byte length, so offsets hold) and do list items
//! ourselves (`rules::split_inline_list`, bullet breaks in `v2`).

use std::borrow::Cow;

use super::rules::BULLETS;

/// `content` with list markers replaced by spaces, and the byte ranges blanked (sorted).
pub(super) fn list_markers(content: &str) -> (Cow<'_, str>, Vec<(usize, usize)>) {
    let mut spans = Vec::new();
    // Every marker we blank is a bullet (they all start with byte 0xE2) or ends with `)`.
    for at in bullets(content) {
        let len = content[at..].chars().next().map_or(0, char::len_utf8);
        spans.push((at, at + len));
    }
    for (close, _) in content.match_indices(')') {
        // The marker is the whole word ending at this `)`: at most `(iv.)`, five bytes.
        let word_start = content[..close]
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |ws| ws + 1);
        if close - word_start <= 5
            && marker_len(&content[word_start..]).is_some_and(|len| word_start + len == close + 1)
        {
            spans.push((word_start, close + 1));
        }
    }
    if spans.is_empty() {
        return (Cow::Borrowed(content), spans);
    }
    spans.sort_unstable();
    let mut masked = String::with_capacity(content.len());
    let mut last = 0;
    for &(s, e) in &spans {
        masked.push_str(&content[last..s]);
        masked.extend(std::iter::repeat_n(' ', e - s));
        last = e;
    }
    masked.push_str(&content[last..]);
    (Cow::Owned(masked), spans)
}

/// Byte offsets of list bullets in `content`: a bullet char at the start or after whitespace,
/// and before whitespace or the end.
pub(super) fn bullets(content: &str) -> Vec<usize> {
    let bytes = content.as_bytes();
    let mut out = Vec::new();
    // Bullets are E2 80 A2/A3 (`•`, `‣`) or E2 81/96/97/98/9E xx; punctuation is E2 80 xx.
    let maybe = content.contains('•')
        || content.contains('‣')
        || super::bytes::any_of(bytes, [0x81, 0x96, 0x97, 0x98, 0x9E]);
    if !maybe {
        return out;
    }
    let mut i = 0;
    while let Some(rel) = bytes[i..].iter().position(|&b| b == 0xE2) {
        let at = i + rel;
        i = at + 1;
        // Most E2 chars are punctuation (E2 80 xx: quotes, dashes, ellipsis); of those only
        // `•` (A2) and `‣` (A3) are bullets.
        if bytes.get(at + 1) == Some(&0x80) && !matches!(bytes.get(at + 2), Some(0xA2 | 0xA3)) {
            continue;
        }
        let Some(c) = content[at..].chars().next() else {
            break;
        };
        let after = &content[at + c.len_utf8()..];
        if BULLETS.contains(&c)
            && content[..at]
                .chars()
                .next_back()
                .is_none_or(char::is_whitespace)
            && after.chars().next().is_none_or(char::is_whitespace)
        {
            out.push(at);
        }
    }
    out
}

/// Byte length of a marker at the start of `word` that sentencex would take for a list item:
/// `(1)`/`(a)`/`(iv)`, or `1)`/`1.)`/`a)`/`iv.)`, followed by whitespace or the end.
pub(super) fn marker_len(word: &str) -> Option<usize> {
    let (open, rest) = match word.strip_prefix('(') {
        Some(rest) => (1, rest),
        None => (0, word),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let label = if digits > 0 {
        digits
    } else if rest.bytes().take_while(u8::is_ascii_alphabetic).count() == 1 {
        1
    } else {
        rest.bytes().take_while(|b| is_roman(*b)).count()
    };
    // sentencex takes `(12)` and `123)` but not `(1990)`.
    if label == 0 || label > 4 || (digits > 0 && digits > 3 - open) {
        return None;
    }
    let after = &rest[label..];
    let close = if after.starts_with(')') {
        1
    } else if open == 0 && after.starts_with(".)") {
        2
    } else {
        return None;
    };
    let len = open + label + close;
    let next = word[len..].chars().next();
    next.is_none_or(char::is_whitespace).then_some(len)
}

fn is_roman(b: u8) -> bool {
    matches!(
        b.to_ascii_lowercase(),
        b'i' | b'v' | b'x' | b'l' | b'c' | b'd' | b'm'
    )
}

/// sentencex puts a break after the whitespace that follows a sentence end, which for a
/// blanked marker is after the marker: move such breaks back to the marker's start.
pub(super) fn settle(content: &str, spans: &[(usize, usize)], cuts: &mut [usize]) {
    if spans.is_empty() {
        return;
    }
    for cut in cuts.iter_mut() {
        let mut at = *cut;
        // Walk back over whitespace and blanked markers as long as a marker is found.
        // Spans are sorted and disjoint, so their ends are sorted too.
        loop {
            let before = content[..at].trim_end();
            match spans.binary_search_by_key(&before.len(), |&(_, e)| e) {
                Ok(i) => at = spans[i].0,
                Err(_) => {
                    // A break inside a marker goes to its start.
                    let i = spans.partition_point(|&(s, _)| s < at);
                    if i > 0 && at < spans[i - 1].1 {
                        at = spans[i - 1].0;
                    }
                    break;
                }
            }
        }
        *cut = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_markers_only() {
        let (m, spans) = list_markers("• One. (2) Two 3) three a.) four (1990) x) 10%)");
        let expected = [
            "   ",
            " One. ",
            "   ",
            " Two ",
            "  ",
            " three ",
            "   ",
            " four (1990) ",
            "  ",
            " 10%)",
        ];
        assert_eq!(m, expected.concat());
        assert_eq!(spans.len(), 5);
        let (m, spans) = list_markers("No markers (here) at all.");
        assert!(matches!(m, Cow::Borrowed(_)) && spans.is_empty());
    }

    #[test]
    fn breaks_move_to_the_marker() {
        let content = "One. • Two.";
        let (_, spans) = list_markers(content);
        let mut cuts = [content.find("Two").unwrap()];
        settle(content, &spans, &mut cuts);
        assert_eq!(cuts, [content.find('•').unwrap()]);
    }
}
