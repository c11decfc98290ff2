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
    let Some(first) = text.find(needs_change) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut chars = text[first..].chars().peekable();
    while let Some(c) = chars.next() {
        out.push(match c {
            '\r' if chars.peek() == Some(&'\n') => ' ',
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => '\n',
            ' ' => ' ',
            c if c.is_whitespace() => ' ',
            c => c,
        });
    }
    Cow::Owned(out)
}

/// True for chars `normalise` rewrites; plain spaces and `\n` are already normal.
fn needs_change(c: char) -> bool {
    c != ' ' && c != '\n' && c.is_whitespace()
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn keeps_char_count_and_maps_breaks() {
        let text = "a\r\nb\rc\u{2028}d\u{a0}e\u{3000}f\u{202f}g\th";
        let norm = normalise(text);
        assert_eq!(norm, "a \nb\nc\nd e f g h");
        assert_eq!(norm.chars().count(), text.chars().count());
    }

    #[test]
    fn borrows_clean_text() {
        assert!(matches!(
            normalise("Plain text.\nNext."),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
