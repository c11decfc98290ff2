//! Handing long lines to sentencex in pieces: some of its checks grow with the text before
//! a sentence end and with the quotations and brackets on a line, which made pastes without
//! line breaks slow. Pieces are cut only at sure sentence ends.

use sentencex::languages::Language;

/// Lines longer than `LONG_LINE` (a paste without line breaks; news paragraphs are shorter)
/// are handed to sentencex in pieces of about `CHUNK` bytes: some of its checks grow with
/// the length of the text before a sentence end and with the quotations and brackets on a
/// line, which made such pastes slow.
pub(super) const LONG_LINE: usize = 2048;
const CHUNK: usize = 160;

/// Byte offsets where sentencex starts a new sentence, as in version 1 but with any
/// language's segmenter, moved past the whitespace after the break. A long line is cut at
/// sure sentence ends (see `Chunker`) into pieces of about `CHUNK` bytes first.
pub(super) fn sentencex_cuts(
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
