//! The article a page describes in its JSON-LD (`<script type="application/ld+json">`): a
//! `NewsArticle` (or another article type) on its own, in an array, in a `@graph` or as a
//! `mainEntity`, with `author` and `publisher` given inline or as `@id` references.

use dom_query::Document;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// What the JSON-LD says about the article. Empty where it says nothing.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LdArticle {
    pub headline: String,
    /// The node's `name`, where it differs from `headline` (on Wikipedia the headline is a
    /// description and the name the title).
    pub name: String,
    pub authors: Vec<String>,
    pub publisher: String,
    pub published: String,
    /// `dateCreated` or `uploadDate`: weaker than the page's own publication meta tags.
    pub created: String,
    pub url: String,
    pub language: String,
    /// The `WebSite` node's name, an outlet name of last resort.
    pub website: String,
}

/// Reads every JSON-LD block of the page and describes its best article node.
pub fn article(doc: &Document) -> LdArticle {
    let mut roots = Vec::new();
    for script in doc.select("script[type]").iter() {
        let is_ld = script
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if is_ld && let Some(v) = parse(&script.text()) {
            roots.push(v);
        }
    }
    let mut nodes = Vec::new();
    for root in &roots {
        flatten(root, &mut nodes, 0);
    }
    let ids: HashMap<&str, &Map<String, Value>> = nodes
        .iter()
        .filter_map(|n| Some((n.get("@id")?.as_str()?, *n)))
        .collect();
    let website = nodes
        .iter()
        .find(|n| types(n).any(|t| t == "WebSite"))
        .map(|n| string(n.get("name")))
        .unwrap_or_default();
    let best = nodes
        .iter()
        .filter_map(|n| Some((article_rank(n)?, *n)))
        .fold(
            None::<(u8, &Map<String, Value>)>,
            |best, (rank, n)| match best {
                Some((r, _)) if r >= rank => best,
                _ => Some((rank, n)),
            },
        );
    let Some((_, node)) = best else {
        return LdArticle {
            website,
            ..LdArticle::default()
        };
    };
    let field = |keys: &[&str]| {
        keys.iter()
            .map(|k| string(node.get(*k)))
            .find(|s| !s.is_empty())
            .unwrap_or_default()
    };
    let mut authors = Vec::new();
    for key in ["author", "creator"] {
        if authors.is_empty()
            && let Some(v) = node.get(key)
        {
            names(v, &ids, &mut authors, 0);
        }
    }
    let mut publisher = Vec::new();
    if let Some(v) = node
        .get("publisher")
        .or_else(|| node.get("sourceOrganization"))
    {
        names(v, &ids, &mut publisher, 0);
    }
    LdArticle {
        headline: field(&["headline", "name", "alternativeHeadline"]),
        name: field(&["name"]),
        authors,
        publisher: publisher.into_iter().next().unwrap_or_default(),
        published: field(&["datePublished"]),
        created: field(&["dateCreated", "uploadDate"]),
        url: [node.get("url"), node.get("mainEntityOfPage")]
            .into_iter()
            .flatten()
            .map(link)
            .find(|u| u.starts_with("http://") || u.starts_with("https://"))
            .unwrap_or_default(),
        language: node.get("inLanguage").map(language).unwrap_or_default(),
        website,
    }
}

/// A JSON-LD block's value. Real pages wrap it in comments or CDATA and put raw newlines or
/// tabs inside strings; those are forgiven, anything worse skips the block.
fn parse(text: &str) -> Option<Value> {
    let mut s = text.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
    ] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.trim_end().strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    serde_json::from_str(s).ok().or_else(|| {
        let cleaned: String = s
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        serde_json::from_str(&cleaned).ok()
    })
}

/// Every object in `v` that can describe something: array members, `@graph` members and
/// `mainEntity` values, depth-limited.
fn flatten<'v>(v: &'v Value, out: &mut Vec<&'v Map<String, Value>>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| flatten(i, out, depth + 1)),
        Value::Object(map) => {
            out.push(map);
            for key in ["@graph", "mainEntity"] {
                if let Some(inner) = map.get(key) {
                    flatten(inner, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// The node's `@type`s without a schema.org prefix.
fn types(node: &Map<String, Value>) -> impl Iterator<Item = &str> {
    let t = node.get("@type");
    let list: Vec<&str> = match t {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    list.into_iter()
        .map(|t| t.rsplit(['/', ':']).next().unwrap_or(t))
}

/// How good an article node this is: news articles first, then other articles and blog
/// posts; `None` if it is no article.
fn article_rank(node: &Map<String, Value>) -> Option<u8> {
    types(node)
        .filter_map(|t| match t {
            _ if t.ends_with("NewsArticle") => Some(3),
            "Article" | "LiveBlogPosting" | "BlogPosting" | "Report" => Some(2),
            _ if t.ends_with("Article") => Some(1),
            _ => None,
        })
        .max()
}

/// People or organisations named by `v`: a string, an object with a `name` (or given and
/// family names), a reference to one by `@id`, or an array of those.
fn names(v: &Value, ids: &HashMap<&str, &Map<String, Value>>, out: &mut Vec<String>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::String(s) => push_name(out, s),
        Value::Array(items) => items.iter().for_each(|i| names(i, ids, out, depth + 1)),
        Value::Object(map) => {
            let map = match (map.get("name"), map.get("@id").and_then(Value::as_str)) {
                (None, Some(id)) => ids.get(id).copied().unwrap_or(map),
                _ => map,
            };
            match map.get("name") {
                Some(name) if !matches!(name, Value::Object(_)) => names(name, ids, out, depth + 1),
                _ => {
                    let given = [map.get("givenName"), map.get("familyName")].map(string);
                    push_name(out, given.join(" ").trim());
                }
            }
        }
        _ => {}
    }
}

fn push_name(out: &mut Vec<String>, raw: &str) {
    let name = clean(raw);
    let name = strip_by(&name);
    let is_url =
        name.starts_with("http://") || name.starts_with("https://") || name.starts_with('/');
    if !name.is_empty() && !is_url && !out.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        out.push(name.to_string());
    }
}

/// "By Jane Doe" → "Jane Doe".
pub fn strip_by(name: &str) -> &str {
    for prefix in [
        "By ", "by ", "BY ", "Von ", "von ", "Par ", "par ", "Por ", "por ",
    ] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return rest.trim();
        }
    }
    name
}

/// A string value, entities decoded and whitespace collapsed; "" for anything else.
fn string(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => clean(s),
        Some(Value::Array(a)) => a
            .iter()
            .find_map(|i| i.as_str().map(clean))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// A URL given as a string or as an object's `@id` or `url`.
fn link(v: &Value) -> String {
    match v {
        Value::Object(m) => string(m.get("@id").or_else(|| m.get("url"))),
        other => string(Some(other)),
    }
}

/// `inLanguage` as a string or a `Language` object.
fn language(v: &Value) -> String {
    match v {
        Value::Object(m) => string(m.get("alternateName").or_else(|| m.get("name"))),
        other => string(Some(other)),
    }
}

/// Whitespace collapsed and the entities CMSs leave in JSON-LD strings decoded.
pub fn clean(s: &str) -> String {
    let decoded = if s.contains('&') {
        decode_entities(s)
    } else {
        s.to_string()
    };
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Character references decoded by the HTML parser itself (all 2,231 named ones), with `<`
/// escaped first so that nothing in the string can become markup.
fn decode_entities(s: &str) -> String {
    Document::fragment(s.replace('<', "&lt;"))
        .root()
        .text()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ld(json: &str) -> LdArticle {
        article(&Document::from(format!(
            "<html><head><script type=\"application/ld+json\">{json}</script></head><body></body></html>"
        )))
    }

    #[test]
    fn a_graph_with_references() {
        let a = ld(r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"https://x.example/#website","name":"X Times"},
            {"@type":"Organization","@id":"https://x.example/#org","name":"X Media Group"},
            {"@type":"Person","@id":"https://x.example/#/schema/person/1","name":"Ann Lee"},
            {"@type":["NewsArticle"],"headline":"Port reopens &amp; ships leave","author":{"@id":"https://x.example/#/schema/person/1"},
             "publisher":{"@id":"https://x.example/#org"},"datePublished":"2024-03-05T08:30:00+00:00",
             "mainEntityOfPage":{"@id":"https://x.example/port"},"inLanguage":"en-GB"}]}"#);
        assert_eq!(a.headline, "Port reopens & ships leave");
        assert_eq!(a.authors, ["Ann Lee"]);
        assert_eq!(a.publisher, "X Media Group");
        assert_eq!(a.published, "2024-03-05T08:30:00+00:00");
        assert_eq!(a.url, "https://x.example/port");
        assert_eq!(a.language, "en-GB");
        assert_eq!(a.website, "X Times");
    }

    #[test]
    fn arrays_strings_and_news_first() {
        let a = ld(r#"[{"@type":"BreadcrumbList","name":"Home"},
            {"@type":"WebPage","name":"Page","mainEntity":{"@type":"http://schema.org/ReportageNewsArticle","headline":"Inner",
              "author":["By Jo Bloggs",{"@type":"Person","givenName":"Kim","familyName":"Park"},"https://x.example/author/jo"]}},
            {"@type":"Article","headline":"Outer"}]"#);
        assert_eq!(a.headline, "Inner");
        assert_eq!(a.authors, ["Jo Bloggs", "Kim Park"]);
    }

    #[test]
    fn broken_json_is_forgiven_or_skipped() {
        let a = ld("<!--{\"@type\":\"NewsArticle\",\"headline\":\"Line\nbreak\"}-->");
        assert_eq!(a.headline, "Line break");
        assert_eq!(ld("{\"@type\":\"NewsArticle\",").headline, "");
        assert_eq!(
            ld("[[[[[[[[[[[[[[{\"@type\":\"NewsArticle\",\"headline\":\"deep\"}]]]]]]]]]]]]]]")
                .headline,
            ""
        );
    }

    #[test]
    fn entities() {
        assert_eq!(
            clean("Rock &#038; roll&#x2019;s &pound;5 &bogus; & <b>more</b>"),
            "Rock & roll’s £5 &bogus; & <b>more</b>"
        );
    }
}
