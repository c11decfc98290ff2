//! Articles from outside: text files, saved web pages (HTML, MHTML) and URLs, turned into the
//! plain text a project holds plus what the page says about itself (title, byline, date...).

pub mod decode;
pub mod fetch;
pub mod html;
pub mod mhtml;

/// What a page says about itself, from its meta tags and JSON-LD. Empty strings where unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: String,
    pub byline: String,
    /// Site or outlet name ("Associated Press").
    pub outlet: String,
    /// Canonical URL of the article.
    pub url: String,
    /// ISO 8601 date (`2023-04-20`) where the page gives one.
    pub published: String,
    /// Primary language subtag in lower case (`en`, `uk`), from `<html lang>` or meta tags.
    pub language: String,
}

/// An extracted article: `text` has one block (heading, paragraph, list item, block quote)
/// per line, blocks separated by a blank line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub text: String,
    pub meta: PageMeta,
}

use crate::model::{ArticleSource, SourceKind};
use crate::text::sha256_hex_bytes;
use std::path::Path;

/// What a file holds, by its name first and its bytes second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Text,
    Html,
    Mhtml,
}

/// Tells a saved page from a text file: `.html`/`.htm`/`.xhtml` and `.mht`/`.mhtml` by name;
/// any other file that opens like HTML (a `.txt` someone saved from a browser) is a page too.
pub fn file_kind(path: &Path, bytes: &[u8]) -> FileKind {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "shtml" => FileKind::Html,
        "mht" | "mhtml" => FileKind::Mhtml,
        _ if looks_like_mhtml(bytes) => FileKind::Mhtml,
        _ if opens_like_html(bytes) => FileKind::Html,
        _ => FileKind::Text,
    }
}

/// An MHTML archive opens with MIME headers naming a multipart/related body.
fn looks_like_mhtml(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    head.trim_start().starts_with("from:") && head.contains("multipart/related")
        || head.trim_start().starts_with("mime-version:") && head.contains("multipart/related")
}

/// A file whose first bytes are an HTML doctype or `<html>`/`<head>` tag, whatever its name.
fn opens_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start();
    ["<!doctype html", "<html", "<head", "<?xml"]
        .iter()
        .any(|t| head.starts_with(t))
        && head.contains("html")
}

/// Reads an article from a text file or a saved web page. Errors start with the file's path.
pub fn read_file(path: &Path) -> Result<(Imported, ArticleSource), String> {
    let name = path.display();
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let kind = file_kind(path, &bytes);
    let from = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = |kind| ArticleSource {
        kind,
        sha256: sha256_hex_bytes(&bytes),
        from: from.clone(),
    };
    let imported = match kind {
        FileKind::Text => {
            let text = crate::article::decode_article(bytes.clone())
                .map_err(|m| format!("{name}: {m}"))?;
            let title = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Imported {
                text,
                meta: PageMeta {
                    title,
                    ..PageMeta::default()
                },
            }
        }
        FileKind::Html => html::extract(&bytes, None, None).map_err(|m| format!("{name}: {m}"))?,
        FileKind::Mhtml => mhtml::extract(&bytes).map_err(|m| format!("{name}: {m}"))?,
    };
    let imported = match kind {
        FileKind::Text => imported,
        FileKind::Html | FileKind::Mhtml => with_headline(imported),
    };
    let kind = match kind {
        FileKind::Text => SourceKind::Text,
        FileKind::Html | FileKind::Mhtml => SourceKind::Html,
    };
    Ok((imported, source(kind)))
}

/// Downloads a page and extracts its article. Errors start with the URL.
pub fn read_url(input: &str, limits: &fetch::Limits) -> Result<(Imported, ArticleSource), String> {
    let url = fetch::parse_url(input)?;
    let page = fetch::fetch(&url, limits)?;
    if !page.is_html() {
        return Err(format!(
            "{url}: is not a web page (the server says {})",
            page.content_type
        ));
    }
    let mut imported = html::extract(&page.bytes, page.charset(), Some(&page.url))
        .map(with_headline)
        .map_err(|m| format!("{url}: {m}"))?;
    if imported.meta.url.is_empty() {
        imported.meta.url = page.url.to_string();
    }
    let source = ArticleSource {
        kind: SourceKind::Url,
        sha256: sha256_hex_bytes(&page.bytes),
        from: url.to_string(),
    };
    Ok((imported, source))
}

/// Reader mode leaves the headline out of the body, but a headline is a claim like any other
/// ("Water rates to rise 18%") and the first thing a fact-checker reads: it becomes the text's
/// first line, as in a text file, unless the body already opens with it.
fn with_headline(mut imported: Imported) -> Imported {
    let title = imported.meta.title.trim();
    let opening: String = imported
        .text
        .chars()
        .take(title.chars().count() + 40)
        .collect();
    if !title.is_empty() && !opening.contains(title) {
        imported.text = format!("{title}\n\n{}", imported.text);
    }
    imported
}

/// The project-making details of an imported article. `language` is what the user asked
/// for; empty means the text's own language, and only when the text is too short to tell,
/// the page's declared one (sites often declare one language for every page).
pub fn article_info(
    imported: &Imported,
    source: ArticleSource,
    language: &str,
) -> crate::article::ArticleInfo {
    let m = &imported.meta;
    let language = if !language.is_empty() {
        language.to_string()
    } else if crate::language::detect(&imported.text).is_some() {
        String::new()
    } else {
        crate::language::parse(&m.language)
            .map(str::to_string)
            .unwrap_or_default()
    };
    crate::article::ArticleInfo {
        title: m.title.clone(),
        outlet: m.outlet.clone(),
        url: m.url.clone(),
        published: m.published.clone(),
        byline: m.byline.clone(),
        language,
        source: Some(source),
    }
}
