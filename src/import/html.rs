//! Reader-mode extraction of a saved web page: what the page says about itself (`meta`), the
//! page chrome removed by general rules (`junk`), the article found by `dom_smoothie` (a port of
//! Firefox's reader mode), and its DOM turned into one line per block (`blocks`).

mod blocks;
mod clean;
mod date;
mod depth;
mod dom;
mod inline_data;
mod jsonld;
mod junk;
mod lead;
mod meta;

use super::Imported;
use dom_query::Document;
use std::borrow::Cow;

/// Pages with more markup than this are refused before any parsing. The largest real news
/// pages (long liveblogs, pages saved with their scripts inline) stay under 10 MB; at about
/// 30 MB/s (release: the 2 MB page of `benches/import.rs` takes ~60 ms), 20 MB is under a
/// second and several times that in a debug build. What makes saved pages bigger is images
/// inlined as `data:` URIs ("Save as… complete", SingleFile), and those are taken out first.
pub const MAX_PAGE_BYTES: usize = 20 * 1024 * 1024;
/// Files above this are refused without a look: even with its images taken out, such a page
/// would be over `MAX_PAGE_BYTES` or nearly all inlined data.
pub const MAX_FILE_BYTES: usize = 100 * 1024 * 1024;

/// Elements nested deeper than this are unwrapped before reading (see `depth::flatten_deep`).
const MAX_DEPTH: usize = 256;
/// Pages that leave more containers open at once are refused before parsing: the parser's
/// cost grows with the square of the depth (5,000 open `<div>`s take about 150 ms, 20,000 over 2 s).
const MAX_OPEN_CONTAINERS: usize = 5_000;

/// Extracts the article from the bytes of an HTML page. `charset` is the HTTP Content-Type
/// header's charset, if any; `base` the URL the page was fetched from, if any (used for
/// canonical URL fallback).
pub fn extract(
    bytes: &[u8],
    charset: Option<&str>,
    base: Option<&url::Url>,
) -> Result<Imported, String> {
    let megabytes = |n: usize| n as f64 / 1_000_000.0;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "is {:.1} MB; pages over {} MB are not imported",
            megabytes(bytes.len()),
            MAX_FILE_BYTES >> 20
        ));
    }
    let light = if bytes.len() > MAX_PAGE_BYTES {
        inline_data::strip_data_uris(bytes)
    } else {
        Cow::Borrowed(bytes)
    };
    if light.len() > MAX_PAGE_BYTES {
        return Err(format!(
            "is {:.1} MB; pages over {} MB are not imported (images inlined as data: URIs do not count)",
            megabytes(light.len()),
            MAX_PAGE_BYTES >> 20
        ));
    }
    if !super::decode::looks_like_html(&light) {
        return Err("is not a web page (no HTML markup found)".into());
    }
    let html = super::decode::decode_html(&light, charset)?;
    read_page(&html, base)
}

/// The article and metadata of a page decoded to text.
fn read_page(html: &str, base: Option<&url::Url>) -> Result<Imported, String> {
    let open = depth::open_containers(html);
    if open > MAX_OPEN_CONTAINERS {
        return Err(format!(
            "is nested too deeply to read ({open} elements open at once)"
        ));
    }
    let doc = Document::from(html);
    let deepest = depth::flatten_deep(&doc.root(), MAX_DEPTH);
    if deepest > 2 * MAX_DEPTH {
        return Err(format!(
            "is nested too deeply to read ({deepest} levels of elements)"
        ));
    }
    let (meta, description) = meta::page_meta(&doc, html, base);
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

/// Runs reader mode on the cleaned page and reads its article's DOM as blocks.
fn article_blocks(doc: Document) -> Result<Vec<blocks::Block>, String> {
    // Reader mode, when the page's meta tags name no author, removes the first short element
    // whose class says byline, author or dateline: often the "CAIRO —" that opens the first
    // paragraph. Bylines are `junk`'s and `clean`'s job, so it is given one to skip that search.
    if let Some(head) = doc.head() {
        head.append_html(r#"<meta name="author" content="(read by claimdesk)">"#);
    }
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
