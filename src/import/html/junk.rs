//! Page chrome removed before reader mode runs, by general rules: elements that are never
//! article text (forms, buttons, captions, dialogs), landmarks of navigation, and elements
//! whose class or id names a kind of chrome (cookie consent, share bar, related stories,
//! newsletter box, ads...). A guard keeps any such element that holds half the page's text or
//! the marked article body, so a stray class word never removes the article itself.

use super::dom;
use dom_query::{Document, NodeRef};

/// Elements whose text is never article text.
#[rustfmt::skip]
const NEVER_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "button", "input", "select", "textarea", "label", "figcaption",
];

/// Landmarks of page chrome (by tag or ARIA role), removed under the size guard. Dialogs too:
/// cookie and newsletter pop-ups are small, while some sites show the article itself in one.
const CHROME_TAGS: &[&str] = &["nav", "footer", "aside", "form", "menu", "dialog"];
#[rustfmt::skip]
const CHROME_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
    "menu", "menubar",
];

/// Class/id fragments of chrome, matched inside the lower-cased class or id with `-`/`_`
/// removed (so `jp-relatedposts`, `MostRead`, `onetrust-banner-sdk` and `c-share__bar` match).
#[rustfmt::skip]
const CHROME_FRAGMENTS: &[&str] = &[
    "cookie", "consent", "gdpr", "onetrust", "didomi", "usercentrics", "cmpbox", "newsletter",
    "related", "recommend", "outbrain", "taboola", "breadcrumb", "mostread", "mostpopular",
    "mostviewed", "morestories", "share", "sharing", "social", "sponsor", "advert", "caption",
    "sidebar", "popup", "comments", "reactions", "disqus", "trending", "promo", "footer",
    "navbar", "navigation", "skiplink", "subnav", "megamenu", "signup",
];

/// Whole class/id words of chrome (after splitting at `-`, `_` and case changes).
#[rustfmt::skip]
const CHROME_WORDS: &[&str] = &[
    "ad", "ads", "adslot", "adunit", "dfp", "gpt", "cmp", "nav", "menu", "tags", "topics",
    "toolbar", "rss", "widget", "widgets", "donate", "login", "subscribe", "print",
];

/// Whole class/id words of small page furniture (bylines, dates, credits, action bars):
/// removed only when short, since article wrappers sometimes carry such words too.
#[rustfmt::skip]
const SMALL_WORDS: &[&str] = &[
    "byline", "author", "authors", "timestamp", "date", "published", "updated", "credit",
    "credits", "actions", "tools", "follow", "meta",
];
const SMALL_MAX_TEXT: usize = 200;

/// Removes page chrome from `doc` in place.
pub fn remove_chrome(doc: &Document) {
    let Some(body) = doc.body() else { return };
    let body_text = dom::text_len(&body);
    let article_body = doc
        .select_single("[itemprop=articleBody]")
        .nodes()
        .first()
        .copied();
    let mut doomed: Vec<NodeRef> = Vec::new();
    dom::walk(&body, &mut |node: &NodeRef, enter: bool| {
        if !enter {
            return true;
        }
        let Some(name) = dom::name(node) else {
            return false;
        };
        let verdict = judge(node, &name);
        let remove = match verdict {
            Verdict::Keep => false,
            Verdict::Always => true,
            Verdict::Guarded(max_text) => {
                let protected = matches!(&*name, "html" | "body" | "main" | "article")
                    || article_body.is_some_and(|a| a.id == node.id || is_ancestor(node, &a));
                let text = dom::text_len(node);
                // What holds half the page's text, or half its paragraphs, is the article or
                // holds it (unless it is too short to be one: a cookie notice on an error page).
                let holds_half = |part: usize, whole: usize| part > 500 && part * 2 > whole;
                !protected
                    && text.all <= max_text
                    && !holds_half(text.all, body_text.all)
                    && !holds_half(text.in_paragraphs, body_text.in_paragraphs)
            }
        };
        if remove {
            doomed.push(*node);
        }
        !remove
    });
    remove_newsletter_boxes(doc, &mut doomed);
    for node in doomed {
        node.remove_from_parent();
    }
}

enum Verdict {
    Keep,
    Always,
    /// Remove if its text is at most this long (and under half the page's).
    Guarded(usize),
}

fn judge(node: &NodeRef, name: &str) -> Verdict {
    if NEVER_TEXT.contains(&name) {
        return Verdict::Always;
    }
    let attr = |a: &str| dom::attr(node, a).unwrap_or_default();
    // Dialogs are guarded too: some sites show the article itself in one.
    let role = attr("role").to_ascii_lowercase();
    let modal = attr("aria-modal") == "true";
    if modal || CHROME_TAGS.contains(&name) || CHROME_ROLES.contains(&role.as_str()) {
        return Verdict::Guarded(usize::MAX);
    }
    let (class, id) = (attr("class"), attr("id"));
    if class.is_empty() && id.is_empty() || in_running_text(node, name) {
        return Verdict::Keep;
    }
    let mut small = false;
    let values = class.split_whitespace().chain(id.split_whitespace());
    for value in values.filter(|v| !is_heading_slug(v)) {
        let squashed: String = value
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if CHROME_FRAGMENTS.iter().any(|f| squashed.contains(f)) {
            return Verdict::Guarded(usize::MAX);
        }
        for word in words(value) {
            if CHROME_WORDS.contains(&word.as_str()) {
                return Verdict::Guarded(usize::MAX);
            }
            small |= SMALL_WORDS.contains(&word.as_str());
        }
    }
    if small {
        Verdict::Guarded(SMALL_MAX_TEXT)
    } else {
        Verdict::Keep
    }
}

/// Phrasing elements inside a paragraph or beside text (`<a class="popup">` in a sentence):
/// removing them would cut sentences, whatever their class says.
fn in_running_text(node: &NodeRef, name: &str) -> bool {
    #[rustfmt::skip]
    const INLINE: &[&str] = &[
        "a", "span", "b", "i", "em", "strong", "small", "abbr", "cite", "q", "time", "sup", "sub",
        "u", "s", "mark", "code", "font", "dfn", "kbd", "var",
    ];
    #[rustfmt::skip]
    const TEXT_BLOCKS: &[&str] = &[
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt", "td", "th", "pre",
    ];
    if !INLINE.contains(&name) {
        return false;
    }
    let in_block = node
        .parent()
        .and_then(|p| dom::name(&p))
        .is_some_and(|p| TEXT_BLOCKS.contains(&&*p));
    let beside_text = [node.prev_sibling(), node.next_sibling()]
        .into_iter()
        .flatten()
        .any(|s| dom::with_text(&s, |t| !t.trim().is_empty()).unwrap_or(false));
    in_block || beside_text
}

/// An id or class made from a heading (`sharing-with-a-single-developer`): four or more words
/// with a small word among them. Its words say what the section is about, not what it is.
fn is_heading_slug(value: &str) -> bool {
    #[rustfmt::skip]
    const SMALL: &[&str] = &[
        "a", "an", "the", "with", "of", "to", "and", "in", "for", "on", "is", "how", "what", "why",
    ];
    let parts: Vec<&str> = value.split(['-', '_']).filter(|p| !p.is_empty()).collect();
    parts.len() >= 4
        && parts
            .iter()
            .any(|p| SMALL.contains(&p.to_ascii_lowercase().as_str()))
}

/// `Page-dateModified` → `page`, `date`, `modified`; `ad_slot2` → `ad`, `slot2`.
fn words(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_alphanumeric() {
            prev_lower = false;
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_ancestor(candidate: &NodeRef, node: &NodeRef) -> bool {
    dom::ancestor_where(node, |a| a.id == candidate.id).is_some()
}

/// A newsletter or sign-up box is the small container around an e-mail field: its text ("Get
/// our morning briefing...") goes with the form. Climbs from each e-mail input while the
/// container stays under 400 characters of text.
fn remove_newsletter_boxes<'a>(doc: &'a Document, doomed: &mut Vec<NodeRef<'a>>) {
    for input in doc.select("input[type=email]").nodes() {
        let mut box_node = None;
        let mut cur = input.parent();
        while let Some(n) = cur {
            let stop = dom::name(&n)
                .is_none_or(|name| matches!(&*name, "body" | "html" | "main" | "article"));
            if stop || dom::text_len(&n).all > 400 {
                break;
            }
            box_node = Some(n);
            cur = n.parent();
        }
        if let Some(b) = box_node {
            doomed.push(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(body: &str) -> String {
        let doc = Document::from(format!("<html><body>{body}</body></html>"));
        remove_chrome(&doc);
        dom::squashed_text_of(&doc.select_single("body"))
    }

    #[test]
    fn slugs_and_running_text_are_no_chrome() {
        assert!(is_heading_slug("sharing-with-a-single-developer"));
        assert!(!is_heading_slug("taboola-below-article-thumbnails"));
        assert!(!is_heading_slug("social-share"));
        let long = "Long article text goes on here. ".repeat(20);
        let page = format!(
            "<section id=sharing-with-a-single-developer><p>{long}</p></section>\
             <p>It is <a class=popup href=#>the easiest way</a> of life.</p>"
        );
        let text = cleaned(&page);
        assert!(
            text.contains("Long article text") && text.contains("It is the easiest way of life."),
            "{text}"
        );
    }

    #[test]
    fn class_words() {
        assert_eq!(words("Page-dateModified"), ["page", "date", "modified"]);
        assert_eq!(words("ad_slot2 x"), ["ad", "slot2", "x"]);
        assert_eq!(
            words("RichTextStoryBody"),
            ["rich", "text", "story", "body"]
        );
    }

    #[test]
    fn chrome_goes_article_stays() {
        let long = "Long article text goes on here. ".repeat(20);
        let page = format!(
            "<div id=onetrust-banner-sdk>We use cookies</div><nav>Home World</nav>\
             <div class='ActionBar SocialShare'>Share Tweet</div>\
             <div class='article-body share-tools-enabled'><p>{long}</p>\
             <figure><img src=a.jpg><figcaption>A caption</figcaption></figure>\
             <p class=byline>By Someone</p><div class=date>May 1</div></div>\
             <section class=jp-relatedposts>Related story</section><footer>Copyright</footer>"
        );
        let text = cleaned(&page);
        assert!(text.contains("Long article text"));
        for gone in [
            "cookies",
            "Home World",
            "Tweet",
            "caption",
            "Someone",
            "May 1",
            "Related story",
            "Copyright",
        ] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
    }

    #[test]
    fn the_guard_keeps_a_whole_page_form_and_marked_bodies() {
        let long = "Article sentence of some length. ".repeat(20);
        let page = format!(
            "<form id=aspnetForm><div class=related itemprop=articleBody><p>{long}</p></div></form><div>x</div>"
        );
        assert!(cleaned(&page).contains("Article sentence"));
    }

    #[test]
    fn newsletter_box_around_an_email_field() {
        let long = "Article sentence of some length. ".repeat(20);
        let page = format!(
            "<article><p>{long}</p><div class=nl-box><h3>Morning briefing</h3><p>Get it daily.</p><div><input type=email><b>Go</b></div></div></article>"
        );
        let text = cleaned(&page);
        assert!(
            text.contains("Article sentence")
                && !text.contains("briefing")
                && !text.contains("daily"),
            "{text}"
        );
    }
}
