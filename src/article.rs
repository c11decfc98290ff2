//! Making a new project from an article: split it into statements and anchor each one.

use crate::ids;
use crate::model::{
    Article, ArticleSource, CONTEXT_CHARS, Claim, ClaimKind, FORMAT_VERSION, Project,
};
use crate::split::{SPLITTER_VERSION, SegmentKind, split_with};
use crate::text::{CharIndex, Quote, sha256_hex};
use std::collections::BTreeMap;

/// What the reviewer knows about the article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleInfo {
    pub title: String,
    pub outlet: String,
    pub url: String,
    pub published: String,
    pub byline: String,
    /// ISO 639-1 code to split the text as; empty to detect it from the text.
    pub language: String,
    /// Where the text was read from, if claimdesk read it.
    pub source: Option<ArticleSource>,
}

/// The language a new project is split as: the one asked for, else the text's own, else
/// English (too little text to tell is usually a headline or a test).
pub fn language_for(asked: &str, text: &str) -> String {
    if !asked.is_empty() {
        return asked.to_string();
    }
    crate::language::detect(text).unwrap_or("en").to_string()
}

/// A fresh project: the article split into statements with the newest rules for its
/// language, nobody has reviewed anything yet. The same text, language and rules always yield
/// the same statement ids, so reviewers' copies can be merged; both are recorded in the file.
pub fn new_project(info: ArticleInfo, text: String) -> Project {
    let language = language_for(&info.language, &text);
    let claims = statements(&text, &language, SPLITTER_VERSION);
    Project {
        format_version: FORMAT_VERSION,
        article: Article {
            title: info.title,
            outlet: info.outlet,
            url: info.url,
            published: info.published,
            byline: info.byline,
            language,
            splitter: SPLITTER_VERSION,
            source: info.source,
            text_sha256: sha256_hex(&text),
            text,
        },
        reviewers: Vec::new(),
        claims,
        audit: Vec::new(),
        orphans: Vec::new(),
        publisher: None,
    }
}

/// The statements of `text` as the given rules split it, anchored and with their ids.
pub fn statements(text: &str, language: &str, splitter: u32) -> Vec<Claim> {
    let index = CharIndex::new(text);
    split_with(text, language, splitter)
        .into_iter()
        .map(|seg| {
            let q = Quote::of(text, &index, seg.start..seg.end, CONTEXT_CHARS)
                .expect("the splitter returns spans inside the text");
            Claim {
                id: ids::statement_id(seg.start, seg.end, &q.exact),
                kind: match seg.kind {
                    SegmentKind::Sentence => ClaimKind::Statement,
                    SegmentKind::Heading => ClaimKind::Heading,
                },
                start: seg.start,
                end: seg.end,
                quote: q.exact,
                prefix: q.prefix,
                suffix: q.suffix,
                reviews: BTreeMap::new(),
                final_verdict: None,
            }
        })
        .collect()
}

/// Decodes an article file: UTF-8 only (a leading byte-order mark is dropped), with a
/// message that says where the first bad byte is. UTF-16 and UTF-32 (with or without a
/// byte-order mark) and text holding NUL characters are refused by name: such bytes can be
/// valid UTF-8 (English UTF-16 is ASCII with a NUL between letters) and would otherwise come
/// in as garbage. Offsets count bytes from the start of the file.
pub fn decode_article(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(problem) = wide_encoding(&bytes) {
        return Err(problem);
    }
    let (skipped, bytes) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest.to_vec()),
        None => (0, bytes),
    };
    String::from_utf8(bytes).map_err(|e| {
        let at = skipped + e.utf8_error().valid_up_to();
        format!("is not UTF-8 text (invalid byte at offset {at}); save it as UTF-8 and try again")
    })
}

const SAVE_AS_UTF8: &str = "save it as UTF-8 and try again";

/// Names the encoding of text that is UTF-16 or UTF-32 (by byte-order mark or by where its NUL
/// bytes fall), or points at a stray NUL; `None` for bytes without NULs or BOMs of those.
fn wide_encoding(bytes: &[u8]) -> Option<String> {
    let bom = [
        (&b"\xFF\xFE\x00\x00"[..], "UTF-32LE", "FF FE 00 00"),
        (&b"\x00\x00\xFE\xFF"[..], "UTF-32BE", "00 00 FE FF"),
        (&b"\xFF\xFE"[..], "UTF-16LE", "FF FE"),
        (&b"\xFE\xFF"[..], "UTF-16BE", "FE FF"),
    ];
    if let Some((_, name, mark)) = bom.iter().find(|(b, _, _)| bytes.starts_with(b)) {
        return Some(format!(
            "is {name} text, not UTF-8 (byte-order mark {mark} at offset 0); {SAVE_AS_UTF8}"
        ));
    }
    let first = bytes.iter().position(|&b| b == 0)?;
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, _) in bytes.iter().enumerate().filter(|(_, b)| **b == 0) {
        if i % 2 == 0 {
            even += 1;
        } else {
            odd += 1;
        }
    }
    let nuls = even + odd;
    // UTF-16 puts a NUL beside every ASCII character, always on the same side of it; a few
    // stray NULs in UTF-8 text do neither.
    let heavy = nuls * 10 > bytes.len();
    let one_sided = nuls >= 4 && (even == 0 || odd == 0);
    if heavy || one_sided {
        let (name, side) = if odd > even {
            ("UTF-16LE", "odd")
        } else {
            ("UTF-16BE", "even")
        };
        return Some(format!(
            "looks like {name} text without a byte-order mark, not UTF-8 ({nuls} NUL bytes, most at {side} offsets, the first at offset {first}); {SAVE_AS_UTF8}"
        ));
    }
    Some(format!(
        "contains a NUL character at offset {first}, which text never holds; {SAVE_AS_UTF8}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16_is_refused_by_name() {
        let text = "NATO chief visits Kyiv.";
        let be = decode_article(utf16(text, true)).unwrap_err();
        assert!(be.contains("UTF-16BE") && be.contains("offset 0"), "{be}");
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16(text, false));
        let le = decode_article(le).unwrap_err();
        assert!(le.contains("UTF-16LE") && le.contains("FF FE"), "{le}");
        let bare_le = decode_article(utf16(text, false)).unwrap_err();
        assert!(
            bare_le.contains("UTF-16LE") && bare_le.contains("offset 1"),
            "{bare_le}"
        );
    }

    #[test]
    fn a_stray_nul_is_refused_with_its_offset() {
        let e = decode_article(b"Kyiv.\0 More text here.".to_vec()).unwrap_err();
        assert!(e.contains("NUL character at offset 5"), "{e}");
        assert_eq!(decode_article("\u{FEFF}Zürich".into()).unwrap(), "Zürich");
    }

    #[test]
    fn offsets_count_from_the_start_of_the_file() {
        let e = decode_article(b"\xEF\xBB\xBFab\xFFc".to_vec()).unwrap_err();
        assert!(e.contains("offset 5"), "{e}");
    }
}
