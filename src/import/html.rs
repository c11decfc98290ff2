//! Reader-mode extraction of a saved web page: what the page says about itself (`meta`), the
//! page chrome removed by general rules (`junk`), the article found by `dom_smoothie` (a port of
//! Firefox's reader mode), and its DOM turned into one line per block (`blocks`).

mod blocks;
mod clean;
mod date;
mod dom;
mod jsonld;
mod junk;
mod lead;
mod meta;

use super::Imported;
use dom_query::Document;

/// Pages above this are refused before any parsing. The largest real news pages (liveblogs,
/// pages saved with their scripts inline) stay well under 10 MB; a page of 20 MB already takes
/// about a second in release. Images inlined as `data:` URIs are why saved pages grow past
/// that, and the article never is: MHTML archives are not limited by this, only their HTML part.
pub const MAX_PAGE_BYTES: usize = 20 * 1024 * 1024;

/// Extracts the article from the bytes of an HTML page. `charset` is the HTTP Content-Type
/// header's charset, if any; `base` the URL the page was fetched from, if any (used for
/// canonical URL fallback).
pub fn extract(
    bytes: &[u8],
    charset: Option<&str>,
    base: Option<&url::Url>,
) -> Result<Imported, String> {
    check_size(bytes.len())?;
    if !super::decode::looks_like_html(bytes) {
        return Err("is not a web page (no HTML markup found)".into());
    }
    let html = super::decode::decode_html(bytes, charset)?;
    extract_str(&html, base)
}

/// `extract` for a page already decoded to text.
pub fn extract_str(html: &str, base: Option<&url::Url>) -> Result<Imported, String> {
    check_size(html.len())?;
    let doc = Document::from(html);
    let meta = meta::page_meta(&doc, html, base);
    let description = meta::description(&doc);
    junk::remove_chrome(&doc);
    let lead = lead::standfirst(&doc, &meta.title, &description);
    let blocks = clean::finish(with_lead(lead, article_blocks(doc)?), &meta);
    if !clean::has_article(&blocks) {
        return Err(NO_ARTICLE.into());
    }
    let text = blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(Imported { text, meta })
}

const NO_ARTICLE: &str = "has no article text (the page holds only navigation or is empty)";

/// The standfirst's blocks that reader mode left out, then the article's.
fn with_lead(lead: Vec<blocks::Block>, article: Vec<blocks::Block>) -> Vec<blocks::Block> {
    let mut all: Vec<blocks::Block> = lead
        .into_iter()
        .filter(|l| !article.iter().any(|a| a.text == l.text))
        .collect();
    all.extend(article);
    all
}

fn check_size(len: usize) -> Result<(), String> {
    if len > MAX_PAGE_BYTES {
        return Err(format!(
            "is {:.1} MB; pages over {} MB are not imported",
            len as f64 / 1_000_000.0,
            MAX_PAGE_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
}

/// Runs reader mode on the cleaned page and reads its article's DOM as blocks.
fn article_blocks(doc: Document) -> Result<Vec<blocks::Block>, String> {
    let config = dom_smoothie::Config {
        // Metadata comes from `meta`, which reads JSON-LD `@graph`s and references too.
        disable_json_ld: true,
        ..dom_smoothie::Config::default()
    };
    let mut reader = dom_smoothie::Readability::with_document(doc, None, Some(config))
        .map_err(|e| format!("cannot read the page ({e})"))?;
    match reader.parse() {
        Ok(_) => {}
        Err(dom_smoothie::ReadabilityError::GrabFailed) => return Err(NO_ARTICLE.into()),
        Err(e) => return Err(format!("cannot read the page ({e})")),
    }
    let root = reader.doc.select_single("#readability-page-1");
    let Some(node) = root.nodes().first() else {
        return Err(NO_ARTICLE.into());
    };
    Ok(blocks::collect(node))
}
