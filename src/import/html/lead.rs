//! The standfirst (dek, summary bullets) that many sites put beside the headline, outside the
//! element reader mode picks as the article. Taken when the page marks it as such by class or
//! id (`standfirst`, `dek`, `summary`, `intro`...), when it repeats the page's description, or
//! when it is a subheading or paragraph of six words or more right after the `<h1>`; and only
//! from the headline's own block: the few elements after the `<h1>` under its nearest ancestors.

use super::blocks::{self, Block};
use super::dom;
use dom_query::{Document, NodeRef};

const MARKS: &[&str] = &[
    "standfirst",
    "dek",
    "deck",
    "subtitle",
    "subheadline",
    "subhead",
    "summary",
    "lede",
    "lead",
    "intro",
    "introduction",
    "teaser",
    "description",
    "desc",
    "excerpt",
    "abstract",
    "strapline",
    "sapo",
    "chapo",
    "chapeau",
];

/// How many levels above the `<h1>` the headline's block may reach.
const LEVELS: usize = 3;

/// Blocks of the standfirst, in page order; empty if there is none.
pub fn standfirst(doc: &Document, title: &str, description: &str) -> Vec<Block> {
    let Some(h1) = headline(doc, title) else {
        return Vec::new();
    };
    let description = squash_key(description);
    let mut out = Vec::new();
    let mut taken: Vec<NodeRef> = Vec::new();
    if let Some(next) = h1.next_element_sibling() {
        let kind = dom::name(&next);
        let prose = || {
            dom::squashed_text(&next).split(' ').count() >= 6
                && dom_query::Selection::from(next).select("a").is_empty()
        };
        if kind.is_some_and(|k| matches!(&*k, "p" | "h2" | "h3" | "h4")) && prose() {
            taken.push(next);
        }
    }
    let mut scope = h1;
    for _ in 0..LEVELS {
        let Some(parent) = scope.parent() else { break };
        if dom::name(&parent).is_none_or(|n| matches!(&*n, "body" | "html" | "main")) {
            break;
        }
        // Only what follows the headline's branch: a dek comes after the headline.
        let mut next = scope.next_sibling();
        while let Some(node) = next {
            collect_marked(&node, &description, &mut taken);
            next = node.next_sibling();
        }
        scope = parent;
    }
    for node in taken {
        out.extend(blocks::collect(&node));
    }
    out
}

/// The `<h1>` that shows the title, else the first one.
fn headline<'a>(doc: &'a Document, title: &str) -> Option<NodeRef<'a>> {
    let want = squash_key(title);
    let all = doc.select("h1");
    let nodes = all.nodes();
    nodes
        .iter()
        .find(|h| squash_key(&dom::squashed_text(h)) == want)
        .or(nodes.first())
        .copied()
}

/// `node` if it is marked as a standfirst or repeats the description, else its marked
/// children (a wrapper around the dek); deeper down is the article body or other chrome.
fn collect_marked<'a>(node: &NodeRef<'a>, description: &str, out: &mut Vec<NodeRef<'a>>) {
    let mut take = |n: NodeRef<'a>| {
        if !out.iter().any(|o| o.id == n.id) {
            out.push(n);
        }
    };
    if is_marked(node, description) {
        take(*node);
        return;
    }
    node.children_it(false)
        .filter(|c| is_marked(c, description))
        .for_each(take);
}

fn is_marked(node: &NodeRef, description: &str) -> bool {
    if !node.is_element() {
        return false;
    }
    let names = [
        dom::attr(node, "class"),
        dom::attr(node, "id"),
        dom::attr(node, "itemprop"),
    ];
    let marked = names
        .iter()
        .flatten()
        .flat_map(|v| v.split(|c: char| !c.is_alphanumeric()))
        .any(|w| {
            let w = w.to_ascii_lowercase();
            MARKS.contains(&w.as_str())
        });
    marked || (description.len() >= 40 && squash_key(&dom::squashed_text(node)) == description)
}

fn squash_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str, description: &str) -> Vec<String> {
        let doc = Document::from(format!("<html><body>{body}</body></html>"));
        standfirst(&doc, "Headline", description)
            .into_iter()
            .map(|b| b.text)
            .collect()
    }

    #[test]
    fn marked_or_described_deks_after_the_headline() {
        let page = "<div class=top><p class=intro>Before the headline.</p><h1>Headline</h1><div class=standfirst><ul><li>One</li><li>Two</li></ul></div><p>Plain.</p></div><div class=body><p class=intro>Far away.</p></div>";
        let deep = "<header><h1>Headline</h1><div class=body><div><p class=teaser>Deep down.</p></div></div></header>";
        assert!(texts(deep, "").is_empty());
        assert_eq!(texts(page, ""), ["One", "Two"]);
        let described = "<header><h1>Headline</h1><p>The council voted on Monday to fund the harbour repairs.</p></header>";
        assert_eq!(
            texts(
                described,
                "The council voted on Monday to fund the harbour repairs."
            ),
            ["The council voted on Monday to fund the harbour repairs."]
        );
        assert!(
            texts("<h1>Headline</h1><p class=intro>Top level.</p>", "").is_empty(),
            "the body is no headline block"
        );
    }
}
