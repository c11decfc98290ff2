//! Quotations of several sentences: one statement per sentence.
//!
//! sentencex never breaks inside quotation marks, which keeps `"Yes." she said` whole but
//! also glues a three-sentence quote into one statement. Each quotation (straight and curly
//! double quotes, German quotes, guillemets, and curly single quotes as British papers use
//! them) is split again on its own, and a break inside it is kept where a
//! capitalised word follows, which is where a reviewer would see a new sentence. The break
//! rules then judge these breaks like any other.

use sentencex::languages::Language;

/// Double quotation marks of a line: byte offset and the mark.
pub(super) type Marks = Vec<(usize, char)>;

/// The double quotation marks of `content` (`"`, `“`, `”`, `„`, `«`, `»`), in order. Most
/// lines hold none, and a vectorisable byte test says so before anything is decoded.
pub(super) fn marks(content: &str) -> Marks {
    let bytes = content.as_bytes();
    // `"` itself, or the last byte of one of the others (E2 80 9C/9D/9E, C2 AB/BB). Single
    // curly quotes count only on a line that opens one: `’` is mostly an apostrophe.
    let single = content.contains('‘');
    if !single && !super::bytes::any_of(bytes, [b'"', 0x9C, 0x9D, 0x9E, 0xAB, 0xBB]) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        let mark = match b {
            b'"' => '"',
            0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0x9C) => '“',
                Some(0x9D) => '”',
                Some(0x9E) => '„',
                Some(0x98) if single => '‘',
                // A closing `’` is not followed by a letter (`Ukraine’s` is no quote).
                Some(0x99)
                    if single
                        && !content[i + 3..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphabetic) =>
                {
                    '’'
                }
                _ => continue,
            },
            0xC2 => match bytes.get(i + 1) {
                Some(0xAB) => '«',
                Some(0xBB) => '»',
                _ => continue,
            },
            _ => continue,
        };
        out.push((i, mark));
    }
    out
}

/// Adds to `cuts` the sentence breaks inside double quotations of `content`; `masked` is
/// `content` as handed to sentencex (same byte offsets), `quoted` the quotations (`spans`).
pub(super) fn inner_cuts(
    content: &str,
    masked: &str,
    quoted: &[(usize, usize)],
    segmenter: &dyn Language,
    cuts: &mut Vec<usize>,
) {
    let before = cuts.len();
    for &(start, end) in quoted {
        let inner = &masked[start..end];
        if !has_inner_sentence_end(inner) {
            continue;
        }
        let base = inner.as_ptr() as usize;
        for sentence in segmenter.segment(inner) {
            let Some(rel) = (sentence.as_ptr() as usize).checked_sub(base) else {
                continue;
            };
            let at = start + rel + sentence.len();
            if at >= end || !content.is_char_boundary(at) {
                continue;
            }
            let next = content[at..].trim_start();
            let at = content.len() - next.len();
            if at < end && opens_sentence(next) {
                cuts.push(at);
            }
        }
    }
    if cuts.len() > before {
        cuts.sort_unstable();
        cuts.dedup();
    }
}

/// A quotation opening after a sentence end starts a new statement (`... sagte der
/// Minister. »Die Lage ist ernst.«`). sentencex sometimes pairs the closing mark before with
/// this opening one (`«, sagte der Minister. »`) and suppresses the break. Not after an
/// abbreviation sentencex or `is_prefix` knows, nor after a single letter.
pub(super) fn opening_quote_cuts(
    content: &str,
    marks: &[(usize, char)],
    segmenter: &dyn Language,
    is_prefix: impl Fn(&str) -> bool,
    cuts: &mut Vec<usize>,
) {
    let mut added = false;
    for &(at, c) in marks {
        if c == '”' || c == '’' {
            continue;
        }
        let before = &content[..at];
        let trimmed = before.trim_end();
        if trimmed.len() == before.len() || !trimmed.ends_with(['.', '!', '?', '…']) {
            continue;
        }
        let after = content[at + c.len_utf8()..].trim_start_matches(' ');
        if !after.starts_with(char::is_uppercase) || cuts.binary_search(&at).is_ok() {
            continue;
        }
        if let Some(stem) = trimmed.strip_suffix('.') {
            let word = stem
                .rsplit(|c: char| c.is_whitespace() || c == '.')
                .next()
                .unwrap_or("");
            let lower = word.to_lowercase();
            if word.chars().count() <= 1
                || segmenter.get_abbreviations().contains(lower.as_str())
                || is_prefix(word)
            {
                continue;
            }
        }
        cuts.push(at);
        added = true;
    }
    if added {
        cuts.sort_unstable();
        cuts.dedup();
    }
}

/// Byte ranges of the text inside double quotation marks (without the marks), in order.
pub(super) fn spans(content: &str, marks: &[(usize, char)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(&[char], usize)> = None;
    for &(at, c) in marks {
        let prev = content[..at].chars().next_back().unwrap_or(' ');
        match open {
            Some((closers, start)) if closers.contains(&c) => {
                // A straight quote closes only at a word's end: `"a "b" c"` pairs the inner two.
                if c != '"' || !prev.is_whitespace() {
                    out.push((start, at));
                    open = None;
                } else {
                    open = Some((closers, at + 1));
                }
            }
            Some(_) => {}
            None => {
                let closers: Option<&[char]> = match c {
                    '"' if prev.is_whitespace() || is_opening_context(prev) => Some(&['"']),
                    '“' => Some(&['”']),
                    '„' => Some(&['“', '”']),
                    '‘' => Some(&['’']),
                    '«' => Some(&['»']),
                    '»' if prev.is_whitespace() || is_opening_context(prev) => Some(&['«']),
                    _ => None,
                };
                if let Some(closers) = closers {
                    open = Some((closers, at + c.len_utf8()));
                }
            }
        }
    }
    out
}

fn is_opening_context(c: char) -> bool {
    matches!(c, '(' | '[' | '—' | '–' | ':')
}

/// Cheap check before splitting: a sentence end followed by a space and a capital.
fn has_inner_sentence_end(inner: &str) -> bool {
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '…') && chars.peek().is_some_and(|c| c.is_whitespace()) {
            let rest = chars.clone().find(|c| !c.is_whitespace());
            if rest.is_some_and(char::is_uppercase) {
                return true;
            }
        }
    }
    false
}

/// A capitalised word, possibly after an opening quote or bracket.
fn opens_sentence(text: &str) -> bool {
    text.trim_start_matches(['"', '“', '„', '«', '‘', '\'', '(', '['])
        .starts_with(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_quotations() {
        let text = r#"He said "one. Two" and „drei. Vier“ and «п'ять. Шість» and “seven.”"#;
        let got: Vec<&str> = spans(text, &marks(text))
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(got, ["one. Two", "drei. Vier", "п'ять. Шість", "seven."]);
    }

    #[test]
    fn unclosed_quotation_is_ignored() {
        let text = "He said \"one. Two and left.";
        assert!(spans(text, &marks(text)).is_empty());
        assert!(marks("No quotes here, only ’ and — and ×.").is_empty());
        let text = "‘We won’t go. Never,’ said Kyiv’s mayor.";
        let got: Vec<&str> = spans(text, &marks(text))
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(got, ["We won’t go. Never,"]);
    }
}
