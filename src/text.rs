//! Character offsets over article text. Claims count Unicode scalar values (never bytes or
//! UTF-16 units), so a highlight stays put after emoji and curly quotes; this module turns
//! those offsets into byte ranges in O(1) after one pass over the text.

use sha2::{Digest, Sha256};
use std::ops::Range;

/// Maps character offsets to byte offsets. Built once per text; ASCII text needs no table.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every character plus one past the end; empty when the text is ASCII.
    bytes: Vec<u32>,
    char_len: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                bytes: Vec::new(),
                char_len: text.len(),
            };
        }
        let mut bytes: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        let char_len = bytes.len();
        bytes.push(text.len() as u32);
        CharIndex { bytes, char_len }
    }

    /// Length of the text in characters.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of character offset `c`, or `None` past the end.
    pub fn byte(&self, c: usize) -> Option<usize> {
        if c > self.char_len {
            None
        } else if self.bytes.is_empty() {
            Some(c)
        } else {
            Some(self.bytes[c] as usize)
        }
    }

    /// Byte range of a character range, or `None` when it is reversed or leaves the text.
    pub fn byte_range(&self, chars: Range<usize>) -> Option<Range<usize>> {
        if chars.start > chars.end {
            return None;
        }
        Some(self.byte(chars.start)?..self.byte(chars.end)?)
    }

    /// Character offset of byte offset `b` (which must be a char boundary).
    pub fn char_at_byte(&self, b: usize) -> Option<usize> {
        if self.bytes.is_empty() {
            return (b <= self.char_len).then_some(b);
        }
        self.bytes.binary_search(&(b as u32)).ok()
    }

    /// The text of a character range.
    pub fn slice<'t>(&self, text: &'t str, chars: Range<usize>) -> Option<&'t str> {
        text.get(self.byte_range(chars)?)
    }
}

/// Lower-case hex SHA-256 of the article text.
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// SHA-256 of raw bytes (a page as downloaded) in lower-case hex.
pub fn sha256_hex_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// A claim's quote and the context around it: the text a span covers plus up to
/// `context` characters either side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub prefix: String,
    pub exact: String,
    pub suffix: String,
}

impl Quote {
    /// `None` if the range leaves the text.
    pub fn of(text: &str, index: &CharIndex, chars: Range<usize>, context: usize) -> Option<Quote> {
        let exact = index.slice(text, chars.clone())?;
        let before = chars.start.saturating_sub(context);
        let after = (chars.end + context).min(index.char_len());
        Some(Quote {
            prefix: index.slice(text, before..chars.start)?.to_string(),
            exact: exact.to_string(),
            suffix: index.slice(text, chars.end..after)?.to_string(),
        })
    }
}

/// True if a character offset does not cut through a character as a reader sees it
/// (an emoji with its modifier, a letter with its combining accent, CR LF).
pub fn is_grapheme_boundary(text: &str, byte: usize) -> bool {
    use unicode_segmentation::GraphemeCursor;
    if byte == 0 || byte >= text.len() {
        return byte <= text.len();
    }
    let bytes = text.as_bytes();
    // Fast path: between two ASCII characters other than CR LF there is always a boundary.
    if bytes[byte - 1].is_ascii() && bytes[byte].is_ascii() {
        return !(bytes[byte - 1] == b'\r' && bytes[byte] == b'\n');
    }
    GraphemeCursor::new(byte, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(true)
}

/// How many whitespace characters `s` starts and ends with: a claim's span leaves them out.
pub fn whitespace_edges(s: &str) -> (usize, usize) {
    let lead = s.chars().take_while(|c| c.is_whitespace()).count();
    let trail = s.chars().rev().take_while(|c| c.is_whitespace()).count();
    (lead, trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_chars_to_bytes_after_multibyte_characters() {
        let text = "a’b😀c";
        let idx = CharIndex::new(text);
        assert_eq!(idx.char_len(), 5);
        assert_eq!(idx.slice(text, 1..2), Some("’"));
        assert_eq!(idx.slice(text, 3..5), Some("😀c"));
        assert_eq!(idx.byte(6), None);
        assert_eq!(idx.char_at_byte(4), Some(2));
        assert_eq!(idx.char_at_byte(5), Some(3));
        assert_eq!(idx.char_at_byte(6), None); // inside the emoji
    }

    #[test]
    fn quote_context_is_clipped_at_text_edges() {
        let text = "Hello brave new world";
        let q = Quote::of(text, &CharIndex::new(text), 6..11, 4).unwrap();
        assert_eq!(
            (q.prefix.as_str(), q.exact.as_str(), q.suffix.as_str()),
            ("llo ", "brave", " new")
        );
        let q = Quote::of(text, &CharIndex::new(text), 0..5, 32).unwrap();
        assert_eq!(q.prefix, "");
        assert_eq!(q.suffix, " brave new world");
    }

    #[test]
    fn grapheme_boundaries_refuse_split_emoji_and_accents() {
        let text = "e\u{301}x👍🏽y\r\n";
        assert!(is_grapheme_boundary(text, 0));
        assert!(!is_grapheme_boundary(text, 1)); // between e and its accent
        assert!(is_grapheme_boundary(text, 3));
        assert!(!is_grapheme_boundary(text, 8)); // between thumb and skin tone
        let cr = text.len() - 2;
        assert!(!is_grapheme_boundary(text, cr + 1)); // between CR and LF
        assert!(is_grapheme_boundary(text, text.len()));
    }
}
