//! Making a new project from an article: split it into statements and anchor each one.

use crate::ids;
use crate::model::{Article, CONTEXT_CHARS, Claim, ClaimKind, FORMAT_VERSION, Project};
use crate::split::{SegmentKind, split_statements};
use crate::text::{CharIndex, Quote, sha256_hex};
use std::collections::BTreeMap;

/// What the reviewer knows about the article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleInfo {
    pub title: String,
    pub outlet: String,
    pub url: String,
    pub published: String,
}

/// A fresh project: the article split into statements, nobody has reviewed anything yet.
/// The same text always yields the same statement ids, so reviewers' copies can be merged.
pub fn new_project(info: ArticleInfo, text: String) -> Project {
    let index = CharIndex::new(&text);
    let claims = split_statements(&text)
        .into_iter()
        .map(|seg| {
            let q = Quote::of(&text, &index, seg.start..seg.end, CONTEXT_CHARS)
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
        .collect();
    Project {
        format_version: FORMAT_VERSION,
        article: Article {
            title: info.title,
            outlet: info.outlet,
            url: info.url,
            published: info.published,
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

/// Decodes an article file: UTF-8 only (a leading byte-order mark is dropped), with a
/// message that says where the first bad byte is.
pub fn decode_article(bytes: Vec<u8>) -> Result<String, String> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("is not UTF-8 text (invalid byte at offset {at}); save it as UTF-8 and try again")
    })
}
