//! Small read-only helpers over `dom_query`'s tree: names, attributes, text, and a walk that
//! keeps no recursion (hostile pages nest tens of thousands of elements).

use dom_query::{LocalName, NodeData, NodeRef};

/// The element's local name (`p`, `div`), `None` for text and other nodes.
pub fn name(node: &NodeRef) -> Option<LocalName> {
    node.query_or(None, |n| match &n.data {
        NodeData::Element(el) => Some(el.name.local.clone()),
        _ => None,
    })
}

/// Runs `f` on a text node's contents; `None` for other nodes.
pub fn with_text<R>(node: &NodeRef, f: impl FnOnce(&str) -> R) -> Option<R> {
    node.query_or(None, |n| match &n.data {
        NodeData::Text { contents } => Some(f(contents)),
        _ => None,
    })
}

/// An attribute's value, if the element has it.
pub fn attr(node: &NodeRef, name: &str) -> Option<String> {
    node.query_or(None, |n| match &n.data {
        NodeData::Element(el) => el
            .attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.to_string()),
        _ => None,
    })
}

/// Readable text under `node` (the node itself included), in non-whitespace bytes: all of it,
/// and the part inside paragraphs. Scripts, styles and other invisible elements do not count.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextLen {
    pub all: usize,
    pub in_paragraphs: usize,
}

pub fn text_len(node: &NodeRef) -> TextLen {
    let mut len = TextLen {
        all: with_text(node, non_space_len).unwrap_or(0),
        in_paragraphs: 0,
    };
    let mut in_p = usize::from(node.has_name("p"));
    walk(node, &mut |n: &NodeRef, enter: bool| {
        let Some(name) = name(n) else {
            if enter {
                let l = with_text(n, non_space_len).unwrap_or(0);
                len.all += l;
                if in_p > 0 {
                    len.in_paragraphs += l;
                }
            }
            return false;
        };
        if INVISIBLE.contains(&&*name) {
            return false;
        }
        if &*name == "p" {
            if enter {
                in_p += 1;
            } else {
                in_p -= 1;
            }
        }
        true
    });
    len
}

/// Elements whose text is never shown.
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "title",
];

fn non_space_len(s: &str) -> usize {
    s.bytes().filter(|b| !b.is_ascii_whitespace()).count()
}

/// The text under `node` with whitespace runs collapsed to single spaces, trimmed.
pub fn squashed_text(node: &NodeRef) -> String {
    let mut out = String::new();
    let mut push = |s: &str| {
        for word in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    };
    with_text(node, &mut push);
    walk(node, &mut |n: &NodeRef, enter: bool| {
        if enter {
            with_text(n, &mut push);
        }
        true
    });
    out
}

/// Pre-order walk of the descendants of `root` (not `root` itself) without recursion. `visit`
/// is called with `true` on entering a node, and returns whether to go into its children;
/// then with `false` on leaving it (also for nodes whose children were skipped).
pub fn walk<'a>(root: &NodeRef<'a>, visit: &mut impl FnMut(&NodeRef<'a>, bool) -> bool) {
    let Some(mut node) = root.first_child() else {
        return;
    };
    loop {
        if visit(&node, true)
            && let Some(child) = node.first_child()
        {
            node = child;
            continue;
        }
        visit(&node, false);
        loop {
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) if parent.id != root.id => {
                    node = parent;
                    visit(&node, false);
                }
                _ => return,
            }
        }
    }
}

/// The nearest ancestor of `node` (itself excluded) for which `pred` holds.
pub fn ancestor_where<'a>(
    node: &NodeRef<'a>,
    mut pred: impl FnMut(&NodeRef<'a>) -> bool,
) -> Option<NodeRef<'a>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if pred(&n) {
            return Some(n);
        }
        cur = n.parent();
    }
    None
}

/// `squashed_text` of a selection's first node, "" if it is empty.
pub fn squashed_text_of(sel: &dom_query::Selection) -> String {
    sel.nodes().first().map(squashed_text).unwrap_or_default()
}
