//! Key words in context: a hit's text with the words the query matched marked `[[like
//! this]]`, cut to a short window around the first match.

use std::collections::HashSet;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

/// About how many characters of text a line shows (the marks not counted).
pub const WIDTH: usize = 120;
/// How much of the window goes before the first match.
const LEAD: usize = 40;

/// Byte spans of the words of `text` whose token (as `analyzer` makes it) is one of `terms`.
pub fn matches(
    text: &str,
    analyzer: &mut TextAnalyzer,
    terms: &HashSet<String>,
) -> Vec<(usize, usize)> {
    if terms.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        if terms.contains(&t.text) {
            found.push((t.offset_from, t.offset_to));
        }
    }
    found
}

/// `text` with `spans` marked, trimmed to about `WIDTH` characters starting a little before
/// the first span; `…` where text was cut. Whitespace runs become one space.
pub fn kwic(text: &str, spans: &[(usize, usize)]) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let char_at = |byte: usize| chars.partition_point(|(b, _)| *b < byte);
    let first = spans.first().map_or(0, |s| char_at(s.0));
    let mut start = first.saturating_sub(LEAD);
    let mut end = (start + WIDTH).min(chars.len());
    if end - start < WIDTH {
        start = end.saturating_sub(WIDTH);
    }
    // Cut between words, not inside one.
    while start > 0 && start < first && !chars[start - 1].1.is_whitespace() {
        start += 1;
    }
    while end < chars.len() && end > first && !chars[end].1.is_whitespace() {
        end -= 1;
    }
    let byte = |c: usize| chars.get(c).map_or(text.len(), |(b, _)| *b);
    let (from, to) = (byte(start), byte(end));
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut pos = from;
    for &(a, b) in spans {
        if b <= pos || a >= to {
            continue;
        }
        let a = a.max(pos);
        let b = b.min(to);
        out.push_str(&text[pos..a]);
        out.push_str("[[");
        out.push_str(&text[a..b]);
        out.push_str("]]");
        pos = b;
    }
    out.push_str(&text[pos..to]);
    if end < chars.len() {
        out.push('…');
    }
    let mut tidy = String::with_capacity(out.len());
    for word in out.split_whitespace() {
        if !tidy.is_empty() {
            tidy.push(' ');
        }
        tidy.push_str(word);
    }
    tidy
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer};

    fn stemmer() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build()
    }

    #[test]
    fn marks_stemmed_matches() {
        let terms: HashSet<String> = ["drone".to_string()].into();
        let text = "Two Drones were shot down; the drone maker said so.";
        let spans = matches(text, &mut stemmer(), &terms);
        assert_eq!(
            kwic(text, &spans),
            "Two [[Drones]] were shot down; the [[drone]] maker said so."
        );
    }

    #[test]
    fn long_text_is_cut_around_the_first_match() {
        let text = format!("{} needle {}", "word ".repeat(50), "tail ".repeat(50));
        let terms: HashSet<String> = ["needl".to_string()].into();
        let spans = matches(&text, &mut stemmer(), &terms);
        let line = kwic(&text, &spans);
        assert!(line.starts_with("…word"), "{line}");
        assert!(
            line.ends_with("tail …") || line.ends_with("tail…"),
            "{line}"
        );
        assert!(line.contains("[[needle]]"));
        let shown = line.replace("[[", "").replace("]]", "");
        assert!(
            shown.chars().count() <= WIDTH + 2,
            "{}",
            shown.chars().count()
        );
        let before = shown.split("needle").next().unwrap_or("");
        assert!(before.chars().count() <= LEAD + 2, "{before}");
    }

    #[test]
    fn no_match_shows_the_start() {
        assert_eq!(kwic("short   text\nhere", &[]), "short text here");
        let long = "a ".repeat(200);
        assert!(kwic(&long, &[]).ends_with('…'));
    }
}
