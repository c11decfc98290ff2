//! What a page says about itself: JSON-LD first, then Open Graph and other meta tags, then the
//! page's own elements (`<title>`, `<time>`, byline). Read before any cleaning touches the DOM.

use super::date;
use super::dom;
use super::jsonld::{self, LdArticle};
use crate::import::PageMeta;
use dom_query::Document;
use std::collections::HashMap;
use url::Url;

/// The page's metadata, and its description (`og:description` or `description`), with which
/// `lead` recognises a standfirst.
pub fn page_meta(doc: &Document, html: &str, base: Option<&Url>) -> (PageMeta, String) {
    let ld = jsonld::article(doc);
    let tags = meta_tags(doc);
    let tag = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| tags.get(*k))
            .cloned()
            .unwrap_or_default()
    };
    let outlet = first(&[
        &|| ld.publisher.clone(),
        &|| tag(&["og:site_name", "application-name", "al:android:app_name"]),
        &|| ld.website.clone(),
        &|| site_in_title(&page_title(doc)),
    ]);
    let title = title(doc, &ld, &tag, &outlet);
    let byline = first(&[&|| ld.authors.join(", "), &|| author_tag(&tag), &|| {
        byline_element(doc)
    }]);
    let published = first(&[
        &|| ld.published.clone(),
        &|| tag(PUBLISHED_KEYS),
        &|| ld.created.clone(),
        &|| time_element(doc),
    ]);
    let meta = PageMeta {
        title,
        byline,
        outlet,
        url: canonical_url(doc, html, base, &tag, &ld),
        published: date::normalise(&published),
        language: language(doc, &tag, &ld),
    };
    (
        meta,
        tag(&["og:description", "description", "twitter:description"]),
    )
}

const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publish-date",
    "publishdate",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
];

/// The first candidate that is not blank; later ones are not computed.
fn first(candidates: &[&dyn Fn() -> String]) -> String {
    candidates
        .iter()
        .map(|c| c())
        .find(|s| !s.trim().is_empty())
        .unwrap_or_default()
}

fn page_title(doc: &Document) -> String {
    dom::squashed_text_of(&doc.select_single("title"))
}

/// `<meta>` values by lower-case `property`, `name`, `itemprop` or `http-equiv`; the first of
/// each wins, whitespace collapsed.
fn meta_tags(doc: &Document) -> HashMap<String, String> {
    let mut tags = HashMap::new();
    for m in doc.select("meta[content]").iter() {
        let Some(content) = m.attr("content") else {
            continue;
        };
        let content = jsonld::clean(&content);
        if content.is_empty() {
            continue;
        }
        for key_attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = m.attr(key_attr) {
                // `property` may hold several space-separated names (RDFa).
                for key in key.split_whitespace() {
                    tags.entry(key.to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
    }
    tags
}

/// JSON-LD headline, else Open Graph / Twitter title, else `<title>` without its site name,
/// else the first `<h1>`.
fn title(doc: &Document, ld: &LdArticle, tag: &impl Fn(&[&str]) -> String, outlet: &str) -> String {
    let social = tag(&[
        "og:title",
        "twitter:title",
        "dc.title",
        "dc:title",
        "dcterms.title",
        "dcterms:title",
        "parsely-title",
    ]);
    let page_title = page_title(doc);
    let site_names: Vec<String> = [
        outlet.to_string(),
        tag(&["og:site_name", "application-name"]),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    let mut headline = ld.headline.clone();
    // A `name` that differs from the headline wins when it is closer to the page's title.
    if !ld.name.is_empty() && ld.name != headline {
        let shown = if page_title.is_empty() {
            &social
        } else {
            &page_title
        };
        if similarity(&ld.name, shown) > similarity(&headline, shown) {
            headline = ld.name.clone();
        }
    }
    // Headlines cut to Google's 110 characters end with an ellipsis; a fuller title wins.
    let cut = headline.trim_end_matches(['…', '.']).trim_end();
    if cut.len() < headline.len() {
        let fuller = [&social, &page_title]
            .into_iter()
            .map(|t| strip_site(t, &site_names, false))
            .find(|t| t.len() > cut.len() && t.starts_with(cut));
        if let Some(f) = fuller {
            headline = f;
        }
    }
    let from_tags = || strip_site(&social, &site_names, false);
    let from_title = || strip_site(&page_title, &site_names, true);
    let from_h1 = || dom::squashed_text_of(&doc.select_single("h1"));
    [headline, from_tags(), from_title(), from_h1()]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_default()
}

const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", " / ", " — ",
];

/// Removes a site name before or after a separator. For `<title>` (`guess`), also a short last
/// part after a dash and every part but the longest around pipes, where the site is unnamed.
fn strip_site(title: &str, site_names: &[String], guess: bool) -> String {
    let title = title.trim();
    let lower = title.to_lowercase();
    for name in site_names {
        let name = name.to_lowercase();
        for sep in TITLE_SEPARATORS {
            if let Some(rest) = lower.strip_suffix(&format!("{sep}{name}")) {
                return title[..rest.len()].trim().to_string();
            }
            if lower.starts_with(&format!("{name}{sep}")) {
                return title[name.len() + sep.len()..].trim().to_string();
            }
        }
    }
    if !guess {
        return title.to_string();
    }
    if title.contains(" | ") {
        let longest = title
            .split(" | ")
            .max_by_key(|p| p.chars().count())
            .unwrap_or(title);
        return longest.trim().to_string();
    }
    for sep in [" - ", " – ", " — ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && tail.split_whitespace().count() <= 3
            && head.split_whitespace().count() >= 3
        {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

/// The site name a `<title>` ends with, where the page names its site nowhere else: the last
/// part after a pipe, or a short capitalised last part after a dash ("… - Nordkurier Online").
fn site_in_title(title: &str) -> String {
    let tail = if let Some((_, tail)) = title.rsplit_once(" | ") {
        tail
    } else {
        let Some((head, tail)) = [" - ", " – ", " — "]
            .iter()
            .find_map(|sep| title.rsplit_once(sep))
        else {
            return String::new();
        };
        let capitalised = tail
            .split_whitespace()
            .all(|w| !w.starts_with(char::is_lowercase));
        if head.split_whitespace().count() < 3
            || tail.split_whitespace().count() > 3
            || !capitalised
        {
            return String::new();
        }
        tail
    };
    tail.trim().to_string()
}

/// Author meta tags that name people (not profile URLs).
fn author_tag(tag: &impl Fn(&[&str]) -> String) -> String {
    #[rustfmt::skip]
    const KEYS: &[&str] = &[
        "dc.creator", "dc:creator", "dcterms.creator", "dcterm:creator", "author", "article:author",
        "parsely-author", "sailthru.author", "byl",
    ];
    for key in KEYS {
        let v = tag(&[key]);
        if !v.is_empty() && !v.starts_with("http://") && !v.starts_with("https://") {
            return jsonld::strip_by(&v).to_string();
        }
    }
    String::new()
}

/// How much of `shown` (share of its words) `candidate` covers, case-insensitively.
fn similarity(candidate: &str, shown: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (candidate, shown) = (words(candidate), words(shown));
    if shown.is_empty() {
        return 0.0;
    }
    shown.iter().filter(|w| candidate.contains(w)).count() as f64 / shown.len() as f64
}

/// A byline element's text without the date and time that often share it: cut at the first
/// digit, then trailing month or weekday names and separators ("Ann Lee Monday, March 3, 2016
/// @ 11:10" → "Ann Lee").
fn byline_without_date(text: &str) -> String {
    #[rustfmt::skip]
    const TRAILING: &[&str] = &[
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "updated", "published", "posted", "last", "on", "at", "am", "pm",
    ];
    if !text.contains(|c: char| c.is_ascii_digit()) {
        // No date here: "Theresa May" keeps her name.
        return text.to_string();
    }
    let mut s = text
        .split(|c: char| c.is_ascii_digit())
        .next()
        .unwrap_or("")
        .trim_end();
    loop {
        let trimmed = s.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')');
        let last = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
        let word = last.to_lowercase();
        if !last.is_empty() && TRAILING.contains(&word.trim_end_matches('.')) {
            s = trimmed[..trimmed.len() - last.len()].trim_end();
        } else {
            return trimmed.to_string();
        }
    }
}

/// A byline written in the page: `itemprop=author` names (or the author element's own text),
/// `rel=author` links, or a short element whose class says byline or author.
fn byline_element(doc: &Document) -> String {
    let texts = |sel: &str| -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for n in doc.select(sel).iter() {
            let text = byline_without_date(jsonld::strip_by(&dom::squashed_text_of(&n)));
            if !text.is_empty() && text.len() <= 100 && !names.contains(&text) && names.len() < 6 {
                names.push(text);
            }
        }
        names
    };
    #[rustfmt::skip]
    const SOURCES: &[&str] = &[
        "[itemprop~=author] [itemprop=name]", "[itemprop~=author]", "[rel~=author]",
        "[class*=byline], [class*=Byline]",
        "[class*=author], [class*=Author], [class*=auteur], [class*=autor]",
    ];
    for sel in SOURCES {
        let names = texts(sel);
        if sel.starts_with("[class") {
            // One element: the first that is short enough to be a byline.
            if let Some(first) = names.into_iter().find(|n| n.len() <= 80) {
                return first;
            }
        } else if !names.is_empty() {
            return names.join(", ");
        }
    }
    String::new()
}

/// The article's `<time datetime>`: one marked as the publication date, else the first in
/// the article, else the first outside navigation and asides.
fn time_element(doc: &Document) -> String {
    let attr_of = |sel: &str| {
        doc.select(sel).iter().find_map(|t| {
            let node = t.nodes().first().copied()?;
            let in_chrome = dom::ancestor_where(&node, |a| {
                dom::name(a).is_some_and(|n| matches!(&*n, "nav" | "aside" | "footer"))
            })
            .is_some();
            if in_chrome {
                return None;
            }
            ["datetime", "content"]
                .iter()
                .find_map(|a| dom::attr(&node, a))
                .filter(|v| !v.trim().is_empty())
        })
    };
    [
        "time[pubdate][datetime]",
        "[itemprop=datePublished][datetime], [itemprop=datePublished][content]",
        "article time[datetime]",
        "main time[datetime]",
        "time[datetime]",
    ]
    .into_iter()
    .find_map(attr_of)
    .unwrap_or_default()
}

/// Canonical link, else `og:url`, else the JSON-LD url, else where the page came from (the
/// caller's URL, or the "saved from" note browsers write at the top of saved pages); relative
/// links made absolute, http(s) only.
fn canonical_url(
    doc: &Document,
    html: &str,
    base: Option<&Url>,
    tag: &impl Fn(&[&str]) -> String,
    ld: &LdArticle,
) -> String {
    let saved_from = saved_from_url(html);
    let base_tag = doc
        .select_single("base[href]")
        .attr("href")
        .and_then(|h| Url::parse(&h).ok());
    let og = Url::parse(&tag(&["og:url"])).ok();
    let resolve_base = base
        .cloned()
        .or(base_tag)
        .or_else(|| saved_from.clone())
        .or_else(|| og.clone());
    let absolute = |href: &str| -> Option<Url> {
        let href = href.trim();
        if href.is_empty() {
            return None;
        }
        Url::parse(href)
            .ok()
            .or_else(|| resolve_base.as_ref()?.join(href).ok())
    };
    let canonical = doc
        .select("link[rel][href]")
        .iter()
        .find(|l| {
            l.attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|l| l.attr("href"))
        .and_then(|h| absolute(&h));
    [
        canonical,
        absolute(&tag(&["og:url"])),
        absolute(&ld.url),
        base.cloned(),
        saved_from,
    ]
    .into_iter()
    .flatten()
    .find(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
    .map(String::from)
    .unwrap_or_default()
}

/// `<!-- saved from url=(0042)https://… -->` (Chrome, Internet Explorer) or SingleFile's
/// `url: https://…` note at the top of a saved page.
fn saved_from_url(html: &str) -> Option<Url> {
    let head = &html[..html.floor_char_boundary(4096)];
    let after = if let Some(i) = head.find("saved from url=(") {
        let rest = &head[i + "saved from url=(".len()..];
        &rest[rest.find(')')? + 1..]
    } else if head.contains("saved with SingleFile") {
        let i = head.find(" url: ")?;
        &head[i + " url: ".len()..]
    } else {
        return None;
    };
    let url = after
        .split(|c: char| c.is_whitespace() || c == '<')
        .next()?;
    Url::parse(url.trim_end_matches("-->")).ok()
}

/// Primary language subtag, lower case, from `<html lang>`, `og:locale`, a Content-Language
/// meta or the JSON-LD `inLanguage`.
fn language(doc: &Document, tag: &impl Fn(&[&str]) -> String, ld: &LdArticle) -> String {
    let html_lang = doc
        .select_single("html")
        .attr("lang")
        .map(|l| l.to_string())
        .unwrap_or_default();
    [
        html_lang,
        tag(&["og:locale"]),
        tag(&["content-language", "language", "dc.language"]),
        ld.language.clone(),
    ]
    .into_iter()
    .find_map(|l| primary_subtag(&l))
    .unwrap_or_default()
}

fn primary_subtag(tag: &str) -> Option<String> {
    let first = tag.trim().split([',', ';']).next()?.trim();
    let primary = first.split(['-', '_']).next()?;
    let ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    ok.then(|| primary.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn site_names_come_off_titles() {
        let site = names(&["AP News"]);
        assert_eq!(
            strip_site("Grain ships leave Odesa | AP News", &site, true),
            "Grain ships leave Odesa"
        );
        assert_eq!(
            strip_site("AP News - Grain ships leave Odesa", &site, true),
            "Grain ships leave Odesa"
        );
        assert_eq!(
            strip_site("Grain ships leave Odesa | World | Daily", &[], true),
            "Grain ships leave Odesa"
        );
        assert_eq!(
            strip_site("Haushalt 2024: Bundestag stimmt zu - Tagesblatt", &[], true),
            "Haushalt 2024: Bundestag stimmt zu"
        );
        assert_eq!(
            strip_site("Covid - what we know so far", &[], true),
            "Covid - what we know so far"
        );
        assert_eq!(
            strip_site("Grain ships leave Odesa | AP News", &[], false),
            "Grain ships leave Odesa | AP News"
        );
    }

    #[test]
    fn site_names_in_titles() {
        assert_eq!(
            site_in_title("Streik legt Hamburger Hafen lahm - Nordkurier Online"),
            "Nordkurier Online"
        );
        assert_eq!(site_in_title("Headline | World | The Daily"), "The Daily");
        assert_eq!(site_in_title("Three men arrested in Leeds - update"), "");
        assert_eq!(site_in_title("Covid - What We Know So Far"), "");
        assert_eq!(site_in_title("Plain headline"), "");
    }

    #[test]
    fn dates_come_off_byline_elements() {
        assert_eq!(
            byline_without_date("Joe Wee Monday, February 29, 2016 @ 11:10 PM UTC"),
            "Joe Wee"
        );
        assert_eq!(
            byline_without_date("Lucas Nolan 22 Dec 2016 651"),
            "Lucas Nolan"
        );
        assert_eq!(
            byline_without_date("Nathan Willis March 25, 2015"),
            "Nathan Willis"
        );
        assert_eq!(
            byline_without_date("Richard (R.J.) Eskow"),
            "Richard (R.J.) Eskow"
        );
        assert_eq!(byline_without_date("May Lee"), "May Lee");
        assert_eq!(byline_without_date("Theresa May"), "Theresa May");
        assert_eq!(byline_without_date("Last Updated: January 7, 2025"), "");
    }

    #[test]
    fn language_subtags() {
        assert_eq!(primary_subtag("en-US").as_deref(), Some("en"));
        assert_eq!(primary_subtag("de_DE").as_deref(), Some("de"));
        assert_eq!(primary_subtag("UK").as_deref(), Some("uk"));
        assert_eq!(primary_subtag("x-default"), None);
        assert_eq!(primary_subtag(""), None);
    }

    #[test]
    fn saved_from_notes() {
        let chrome =
            "<!DOCTYPE html>\n<!-- saved from url=(0028)https://news.example/a?b=1 -->\n<html>";
        assert_eq!(
            saved_from_url(chrome).unwrap().as_str(),
            "https://news.example/a?b=1"
        );
        let single = "<!DOCTYPE html> <html><!--\n Page saved with SingleFile \n url: https://news.example/x \n saved date: Mon -->";
        assert_eq!(
            saved_from_url(single).unwrap().as_str(),
            "https://news.example/x"
        );
        assert_eq!(saved_from_url("<html>"), None);
    }
}
