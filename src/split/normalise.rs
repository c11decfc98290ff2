//! A normalised copy of the article in which every char is replaced by exactly one char, so a
//! char index means the same position in both copies and offsets found in the copy are valid
//! for the original.

use std::borrow::Cow;

/// Line-ending and odd-space normalisation, one char in, one char out.
///
/// `"\r\n"` becomes `" \n"` (one line break, not two), a lone `\r`, vertical tab, form feed,
/// NEL and U+2028/U+2029 become `\n`, and every other Unicode whitespace (NBSP, U+2000–U+200A,
/// U+202F, U+205F, U+3000, tab, ...) becomes a plain space. Non-whitespace is untouched and
/// whitespace stays whitespace, so trimming either copy gives the same char positions.
/// Borrows when nothing needs changing, which is the common case.
pub(crate) fn normalise(text: &str) -> Cow<'_, str> {
    let Some(first) = next_change(text, 0) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = first;
    loop {
        // Everything before `at` needs no change; copy it in one go.
        out.push_str(&text[copied..at]);
        let c = text[at..].chars().next().expect("`at` is inside the text");
        let len = c.len_utf8();
        out.push(match c {
            '\r' if text[at + 1..].starts_with('\n') => ' ',
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => '\n',
            _ => ' ',
        });
        copied = at + len;
        match next_change(text, copied) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Byte offset of the first char at or after `from` that `normalise` rewrites. Only a few
/// bytes can start one (ASCII controls and the lead bytes of U+0085, U+00A0, U+1680,
/// U+2000–U+205F, U+3000), so the scan looks at bytes and decodes only at those.
fn next_change(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'\t' | 0x0B | 0x0C | b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            // `i` starts a char: it is `from` or follows a whole char we skipped.
            let c = text[i..].chars().next().expect("char boundary");
            if needs_change(c) {
                return Some(i);
            }
            i += c.len_utf8();
        } else {
            i += 1;
        }
    }
    None
}

/// True for chars `normalise` rewrites; plain spaces and `\n` are already normal.
fn needs_change(c: char) -> bool {
    c != ' ' && c != '\n' && c.is_whitespace()
}

#[cfg(test)]
mod tests {
    use super::{needs_change, next_change, normalise};

    #[test]
    fn keeps_char_count_and_maps_breaks() {
        let text = "a\r\nb\rc\u{2028}d\u{a0}e\u{3000}f\u{202f}g\th";
        let norm = normalise(text);
        assert_eq!(norm, "a \nb\nc\nd e f g h");
        assert_eq!(norm.chars().count(), text.chars().count());
    }

    /// Every whitespace char Unicode knows is found by the byte scan.
    #[test]
    fn byte_scan_finds_every_whitespace() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("ab{c}cd");
            assert_eq!(next_change(&text, 0).is_some(), needs_change(c), "{c:?}");
        }
    }

    #[test]
    fn borrows_clean_text() {
        assert!(matches!(
            normalise("Plain text.\nNext."),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
