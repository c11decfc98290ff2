//! What reader mode leaves that is not article text, dropped block by block with general rules:
//! the headline and byline repeated, date lines, ad labels, share buttons, "Read more:" teasers
//! and lists of links (related stories), photo credits, newsletter pitches, copyright lines,
//! separators, and headings left with nothing under them.

use super::blocks::{Block, Kind};
use crate::import::PageMeta;
use std::collections::HashMap;

/// The blocks worth keeping, in order.
pub fn finish(blocks: Vec<Block>, meta: &PageMeta) -> Vec<Block> {
    let title_key = key(&meta.title);
    let bylines = byline_names(&meta.byline);
    let linky_lists = linky_lists(&blocks);
    let mut junk_flags = Vec::with_capacity(blocks.len());
    let mut last_kept: Option<&str> = None;
    for b in &blocks {
        // Every text rule is about short lines; long paragraphs skip them (and their cost).
        let short = b.words() <= 40;
        let junk = !b.text.chars().any(char::is_alphanumeric)
            || b.repeats_image_alt
            || (!title_key.is_empty()
                && b.text.len() <= 2 * meta.title.len()
                && key(&b.text) == title_key)
            || matches!(b.kind, Kind::Item(list) if linky_lists.contains(&list))
            // A list is judged whole (above): one linked item among prose items stays.
            || (matches!(b.kind, Kind::Paragraph | Kind::Quote) && b.link_density() >= 0.9)
            || is_teaser(b)
            || short
                && (is_byline(b, &bylines)
                    || is_date_line(b)
                    || is_ad_label(&b.text)
                    || is_page_furniture(&b.text)
                    || is_share_bar(&b.text)
                    || is_credit(&b.text)
                    || is_newsletter_pitch(&b.text)
                    || is_copyright(&b.text))
            || last_kept == Some(b.text.as_str());
        if !junk {
            last_kept = Some(&b.text);
        }
        junk_flags.push(junk);
    }
    // "More games news:" introduced a list of links that went: it goes too.
    for i in 0..blocks.len().saturating_sub(1) {
        let b = &blocks[i];
        if !junk_flags[i] && junk_flags[i + 1] && b.text.ends_with(':') && b.words() <= 10 {
            junk_flags[i] = true;
        }
    }
    let kept = blocks
        .into_iter()
        .zip(junk_flags)
        .filter(|(_, junk)| !junk)
        .map(|(b, _)| b)
        .collect();
    drop_orphan_headings(kept)
}

/// Whether the blocks hold an article: at least 140 characters (reader mode's own minimum) of
/// prose, counted in blocks of five words or more that are mostly not links.
pub fn has_article(blocks: &[Block]) -> bool {
    let prose: usize = blocks
        .iter()
        .filter(|b| !matches!(b.kind, Kind::Heading(_)) && b.words() >= 5 && b.link_density() < 0.5)
        .map(|b| b.text.chars().count().saturating_sub(b.link_bytes))
        .sum();
    prose >= 140
}

/// Lower-case letters and digits only: "Grain ships — leave!" and "grain ships leave" match.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn lower_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn starts_with_any(text: &str, prefixes: &[&str]) -> Option<usize> {
    // The longest label is under 40 characters.
    let lower = text[..text.floor_char_boundary(160)].to_lowercase();
    prefixes
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| p.len())
}

/// Lists in which every item is mostly a link: related stories, topic tags, site menus.
fn linky_lists(blocks: &[Block]) -> Vec<u32> {
    let mut lists: HashMap<u32, bool> = HashMap::new();
    for b in blocks {
        if let Kind::Item(list) = b.kind {
            let linky = b.link_density() >= 0.8;
            lists
                .entry(list)
                .and_modify(|all| *all &= linky)
                .or_insert(linky);
        }
    }
    lists
        .into_iter()
        .filter(|&(_, all)| all)
        .map(|(l, _)| l)
        .collect()
}

/// The names in a byline: "Ann Lee, Bo Chan and Cy Dee" → ["ann lee", "bo chan", "cy dee"];
/// "Martin Untersinger (avec Damien Leloup)" → ["martin untersinger", "damien leloup"].
fn byline_names(byline: &str) -> Vec<String> {
    #[rustfmt::skip]
    const JOINERS: &[&str] = &[
        " and ", " und ", " et ", " y ", " e ", " і ", " и ", " with ", " avec ", " mit ", " con ",
    ];
    let mut parts: Vec<String> = byline
        .to_lowercase()
        .split([',', ';', '&', '(', ')'])
        .map(str::to_string)
        .collect();
    for joiner in JOINERS {
        parts = parts
            .iter()
            .flat_map(|p| p.split(joiner))
            .map(str::to_string)
            .collect();
    }
    parts
        .into_iter()
        .map(|n| n.trim().trim_start_matches("avec ").to_string())
        .filter(|n| n.chars().count() >= 4)
        .collect()
}

/// "By Ann Lee and Bo Chan", "Автор: Ann Lee", "Ann Lee 1 day ago", "Le Monde | 04.05.2015 |
/// Par Ann Lee": a short line naming the byline's people, either after a "by" or with little
/// else but a date around them.
fn is_byline(b: &Block, names: &[String]) -> bool {
    #[rustfmt::skip]
    const MARKERS: &[&str] = &[
        "by ", "von ", "par ", "por ", "di ", "door ", "автор: ", "автор ", "автори: ", "від ",
        "text: ", "text von ",
    ];
    if b.words() > 30 || names.is_empty() || b.text.ends_with(['.', '!', '?']) && b.words() > 6 {
        return false;
    }
    let lower = b.text.to_lowercase();
    let named: Vec<&String> = names
        .iter()
        .filter(|n| lower.contains(n.as_str()))
        .collect();
    let Some(first) = named.first() else {
        return false;
    };
    let marked = starts_with_any(&b.text, MARKERS).is_some()
        || MARKERS
            .iter()
            .any(|m| lower.contains(&format!("{m}{first}")));
    let mut rest = lower.clone();
    for n in &named {
        rest = rest.replace(n.as_str(), " ");
    }
    let rest_words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    let dated = rest.chars().any(|c| c.is_ascii_digit());
    (marked && (b.words() <= 15 || dated)) || rest_words <= 2 || (dated && rest_words <= 6)
}

/// "Updated 6:22 PM UTC, August 16, 2023", "10.42 BST": a short line that is mostly a `<time>`,
/// or opens with a publishing verb and has a number in it but is no sentence.
fn is_date_line(b: &Block) -> bool {
    if b.words() > 20 {
        return false;
    }
    let mostly_time = b.words() <= 12 && b.time_bytes * 10 >= b.bytes() * 6;
    let verb = starts_with_any(
        &b.text,
        &[
            "updated",
            "published",
            "posted",
            "last updated",
            "last modified",
            "first published",
            "aktualisiert",
            "veröffentlicht",
            "stand:",
            "оновлено",
            "опубліковано",
            "обновлено",
            "опубликовано",
            "publié",
            "mis à jour",
            "actualizado",
            "publicado",
        ],
    )
    .is_some();
    let sentence = b.text.ends_with(['.', '!', '?']);
    mostly_time || (verb && !sentence && b.text.chars().any(|c| c.is_ascii_digit()))
}

fn is_ad_label(text: &str) -> bool {
    const LABELS: &[&str] = &[
        "advertisement",
        "advertising",
        "ad",
        "anzeige",
        "werbung",
        "реклама",
        "publicité",
        "publicidad",
        "sponsored",
        "sponsored content",
        "paid content",
        "skip advertisement",
        "continue reading the main story",
    ];
    let lower = text.to_lowercase();
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    LABELS.contains(&bare)
        || (lower.split(' ').count() <= 8
            && (lower.contains("advertisement")
                || lower.contains("continues below")
                || lower.contains("continue reading below")))
}

/// The short lines news sites put around articles on every page: "Supported by", "Reuse this
/// content", "Our Standards: The Thomson Reuters Trust Principles.", "This article is more than
/// 2 years old", "Powered by …", "Listen to this article".
fn is_page_furniture(text: &str) -> bool {
    #[rustfmt::skip]
    const WHOLE: &[&str] = &[
        "supported by", "reuse this content", "read in app", "share full article",
        "send any friend a story", "listen to this article", "gift this article", "save article",
        "explore more on these topics", "view comments", "show comments", "click to expand",
        "toggle caption", "hide caption", "view image in fullscreen", "enlarge this image",
        "image", "video", "play video", "photo", "foto", "фото", "by", "por", "par", "von", "watch video", "most read", "most popular", "most viewed",
        "more stories", "related articles", "related stories", "recommended stories", "trending",
        "top stories", "what to read next", "you might also like", "back to top",
    ];
    #[rustfmt::skip]
    const OPENING: &[&str] = &[
        "our standards:", "this article is more than", "powered by ", "follow us on ",
        "click here to ", "download the app", "download our app", "get the app",
        "listen to this article", "share this article", "share this story", "folgen sie uns",
        "suivez-nous", "síguenos", "підписуйтесь на", "підписуйтеся на", "читайте нас у",
        "читайте нас в", "подписывайтесь на",
    ];
    let lower = text.to_lowercase();
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    WHOLE.contains(&bare)
        || (text.split(' ').count() <= 12 && OPENING.iter().any(|o| lower.starts_with(o)))
}

/// "Share", "Share this article", "Facebook Twitter Email Copy link": nothing but sharing words.
fn is_share_bar(text: &str) -> bool {
    const SHARE: &[&str] = &[
        "share",
        "shares",
        "sharing",
        "tweet",
        "email",
        "e",
        "mail",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "linkedin",
        "telegram",
        "reddit",
        "pinterest",
        "print",
        "copy",
        "copied",
        "link",
        "links",
        "url",
        "bluesky",
        "threads",
        "flipboard",
        "messenger",
        "viber",
        "save",
        "gift",
        "comments",
        "comment",
        "this",
        "article",
        "story",
        "page",
        "post",
        "on",
        "via",
        "the",
        "to",
        "or",
        "teilen",
        "drucken",
        "artikel",
        "diesen",
        "поділитися",
        "поширити",
        "поделиться",
        "partager",
        "compartir",
        "imprimir",
        "copier",
        "le",
        "lien",
        "copiar",
        "enlace",
    ];
    let words = lower_words(text);
    !words.is_empty() && words.len() <= 12 && words.iter().all(|w| SHARE.contains(&w.as_str())) && {
        // "The article" alone is not a share bar: one sharing word must be there.
        words.iter().any(|w| {
            !matches!(
                w.as_str(),
                "this"
                    | "article"
                    | "story"
                    | "page"
                    | "post"
                    | "on"
                    | "via"
                    | "the"
                    | "to"
                    | "or"
                    | "le"
                    | "diesen"
                    | "artikel"
            )
        })
    }
}

/// "Read more: <link>", "Related:", "Lesen Sie auch:", "Читайте також:": a teaser label that is
/// alone or followed mostly by a link.
fn is_teaser(b: &Block) -> bool {
    const LABELS: &[&str] = &[
        "read more",
        "read also",
        "also read",
        "read next",
        "more:",
        "related",
        "see also",
        "recommended",
        "watch:",
        "listen:",
        "further reading",
        "more on this",
        "more from",
        "lesen sie auch",
        "lesen sie mehr",
        "mehr zum thema",
        "auch interessant",
        "das könnte sie auch interessieren",
        "читайте також",
        "читайте также",
        "дивіться також",
        "смотрите также",
        "по темі",
        "по теме",
        "lire aussi",
        "à lire aussi",
        "a lire aussi",
        "voir aussi",
        "lee también",
        "leer más",
        "te puede interesar",
        "ver también",
        "relacionado",
    ];
    let Some(label_len) = starts_with_any(&b.text, LABELS) else {
        return false;
    };
    let rest_bytes = b
        .text
        .get(label_len..)
        .unwrap_or("")
        .bytes()
        .filter(|&c| c != b' ')
        .count();
    let label_only = b.words() <= 3;
    let mostly_link = b.link_bytes > 0 && b.link_bytes * 2 >= rest_bytes;
    label_only || mostly_link
}

/// "Photo: Jane Doe/AP", "(AP Photo/Libkos)", "Foto: dpa": a picture credit on its own line.
fn is_credit(text: &str) -> bool {
    let words = text.split(' ').count();
    let labelled = starts_with_any(
        text,
        &[
            "photo:",
            "photos:",
            "photograph:",
            "foto:",
            "fotos:",
            "фото:",
            "image:",
            "picture:",
            "credit:",
            "bild:",
            "illustration:",
            "quelle:",
        ],
    )
    .is_some();
    let lower = text.to_lowercase();
    let parenthesised = lower.starts_with('(')
        && lower.ends_with(')')
        && [
            "photo", "foto", "фото", "image", "getty", "credit", "reuters", "afp", "/ap",
        ]
        .iter()
        .any(|w| lower.contains(w));
    // "JIM WATSON/AFP/Getty Images": a name and an agency joined by a slash.
    const AGENCIES: &[&str] = &[
        "getty images",
        "/afp",
        "/ap",
        "/reuters",
        "/epa",
        "/dpa",
        "shutterstock",
        "alamy",
        "/bloomberg",
    ];
    let agency = words <= 8 && lower.contains('/') && AGENCIES.iter().any(|a| lower.contains(a));
    (labelled && words <= 20) || (parenthesised && words <= 10) || agency
}

/// "Sign up for our morning newsletter", "Abonnieren Sie unseren Newsletter".
fn is_newsletter_pitch(text: &str) -> bool {
    let lower = text.to_lowercase();
    let about = ["newsletter", "briefing", "розсилк", "рассылк", "infolettre"]
        .iter()
        .any(|w| lower.contains(w));
    let ask = [
        "sign up",
        "signup",
        "subscribe",
        "get our",
        "get the",
        "anmelden",
        "abonnieren",
        "inscri",
        "suscr",
        "підпиш",
        "подпиш",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let inbox = lower.contains("in your inbox") || lower.contains("to your inbox");
    (about && ask || inbox) && text.split(' ').count() <= 30
}

fn is_copyright(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.split(' ').count() <= 20
        && (lower.starts_with('©')
            || lower.starts_with("copyright")
            || lower.contains("all rights reserved")
            || lower.contains("alle rechte vorbehalten"))
}

/// A heading with no text under it before the next heading of its level or higher (or the
/// end) introduced something that was dropped: "Related coverage", "Most read", "Share this:".
fn drop_orphan_headings(blocks: Vec<Block>) -> Vec<Block> {
    let mut keep = vec![true; blocks.len()];
    for (i, b) in blocks.iter().enumerate() {
        let Kind::Heading(level) = b.kind else {
            continue;
        };
        let has_body = blocks[i + 1..]
            .iter()
            .take_while(|n| !matches!(n.kind, Kind::Heading(l) if l <= level))
            .any(|n| !matches!(n.kind, Kind::Heading(_)));
        keep[i] = has_body;
    }
    blocks
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(b, _)| b)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Block {
        Block {
            text: text.into(),
            kind: Kind::Paragraph,
            link_bytes: 0,
            time_bytes: 0,
            repeats_image_alt: false,
        }
    }

    fn linked(text: &str, link: &str) -> Block {
        Block {
            link_bytes: link.bytes().filter(|&b| b != b' ').count(),
            ..p(text)
        }
    }

    #[test]
    fn rules() {
        assert!(is_share_bar("Share this article"));
        assert!(is_share_bar("Facebook Twitter Email Copy link"));
        assert!(!is_share_bar("The article"));
        assert!(!is_share_bar("Share prices fell 3% on Monday."));
        assert!(is_ad_label("ADVERTISEMENT"));
        assert!(is_page_furniture(
            "Our Standards: The Thomson Reuters Trust Principles."
        ));
        assert!(is_page_furniture("Supported by"));
        assert!(is_page_furniture("Photo"));
        assert!(is_page_furniture("Підписуйтесь на наш Telegram-канал"));
        assert!(is_credit("JIM WATSON/AFP/Getty Images"));
        assert!(is_newsletter_pitch(
            "[What you need to know to start the day: Get New York Today in your inbox.]"
        ));
        assert!(is_page_furniture("This article is more than 2 years old"));
        assert!(!is_page_furniture(
            "Powered by wind, the town cut its emissions by half in a decade, the mayor said on Monday."
        ));
        assert!(is_ad_label("Story continues below advertisement"));
        assert!(!is_ad_label(
            "The advertisement campaign cost the party $2 million and ran on every channel for weeks."
        ));
        assert!(is_teaser(&linked(
            "Read more: Russia quits grain deal",
            "Russia quits grain deal"
        )));
        assert!(is_teaser(&p("Related")));
        assert!(!is_teaser(&p(
            "Related talks are expected to resume in Geneva next week, officials said."
        )));
        assert!(is_credit("(AP Photo/Libkos)"));
        assert!(is_credit("Foto: dpa"));
        assert!(!is_credit("(The meeting lasted two hours.)"));
        assert!(is_newsletter_pitch(
            "Sign up for our free morning newsletter."
        ));
        assert!(is_copyright(
            "© 2024 The Harbour Times. All rights reserved."
        ));
        assert!(!is_copyright(
            "Copyright law was changed in 2019 to cover news snippets, the court said, and publishers were given new rights over how search engines display their work."
        ));
        assert!(is_date_line(&p("Updated 6:22 PM UTC, August 16, 2023")));
        assert!(!is_date_line(&p("Updated figures show 12 dead.")));
    }

    #[test]
    fn bylines() {
        let names = byline_names("Hanna Arhirova, Samya Kullab");
        assert!(is_byline(&p("By HANNA ARHIROVA and SAMYA KULLAB"), &names));
        assert!(!is_byline(
            &p("Hanna Arhirova visited the port on Tuesday, where she met the crew."),
            &names
        ));
    }

    #[test]
    fn orphan_headings_go() {
        let h = |t: &str, l| Block {
            kind: Kind::Heading(l),
            ..p(t)
        };
        let kept = drop_orphan_headings(vec![
            h("A", 2),
            h("A.1", 3),
            p("text"),
            h("Related", 2),
            h("More", 3),
        ]);
        let texts: Vec<&str> = kept.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["A", "A.1", "text"]);
    }
}
