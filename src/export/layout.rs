//! Lays claims over the article text as properly nested marks, paragraph by paragraph.
//!
//! Claims may overlap: a hand-made selection usually sits inside a statement, but it may
//! also cross a statement boundary or a line break. Markup must nest, so a claim that crosses
//! the end of an enclosing one (or a paragraph break) is cut into fragments; the first
//! fragment carries the claim's marker, the last one ends it. Every character of the text is
//! emitted exactly once, in order.

use crate::text::CharIndex;
use std::cmp::Reverse;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node<'t> {
    Text(&'t str),
    Mark {
        /// Index into the spans given to `paragraphs`.
        span: usize,
        /// The claim starts in this fragment.
        first: bool,
        /// The claim ends in this fragment.
        last: bool,
        children: Vec<Node<'t>>,
    },
}

struct Frame<'t> {
    span: usize,
    end: usize,
    first: bool,
    children: Vec<Node<'t>>,
}

/// Splits `text` into paragraphs at line breaks (each line break stays at the end of its
/// paragraph) and marks the character ranges `spans` inside them.
pub(crate) fn paragraphs<'t>(text: &'t str, spans: &[(usize, usize)]) -> Vec<Vec<Node<'t>>> {
    let index = CharIndex::new(text);
    let len = text.len();
    // Byte ranges; spans outside the text (never in a validated project) are dropped.
    let bytes: Vec<Option<(usize, usize)>> = spans
        .iter()
        .map(|&(s, e)| index.byte_range(s..e).map(|r| (r.start, r.end)))
        .collect();
    let mut order: Vec<usize> = (0..spans.len())
        .filter(|&i| bytes[i].is_some_and(|(s, e)| s < e))
        .collect();
    order.sort_by_key(|&i| {
        let (s, e) = bytes[i].unwrap_or_default();
        (s, Reverse(e), i)
    });
    let span_at = |i: usize| bytes[i].unwrap_or_default();
    let breaks: Vec<usize> = text
        .match_indices('\n')
        .map(|(b, _)| b + 1)
        .filter(|&b| b < len)
        .collect();

    let mut paras = Vec::new();
    let mut root: Vec<Node<'t>> = Vec::new();
    let mut frames: Vec<Frame<'t>> = Vec::new();
    let (mut next_open, mut next_break) = (0usize, 0usize);
    let mut pos = 0usize;
    loop {
        let at_break = breaks.get(next_break) == Some(&pos);
        if at_break {
            next_break += 1;
        }
        // Close the claims ending here, and everything opened inside them; at a paragraph
        // break close everything. Whatever goes on is reopened below.
        let deepest = if at_break && !frames.is_empty() {
            Some(0)
        } else {
            frames.iter().position(|f| f.end == pos)
        };
        let mut reopen = Vec::new();
        if let Some(k) = deepest {
            while frames.len() > k {
                let f = frames.pop().expect("frames above k");
                let last = f.end == pos;
                let node = Node::Mark {
                    span: f.span,
                    first: f.first,
                    last,
                    children: f.children,
                };
                match frames.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root.push(node),
                }
                if !last {
                    reopen.push((f.span, f.end, false));
                }
            }
        }
        if at_break {
            paras.push(std::mem::take(&mut root));
        }
        while let Some(&i) = order.get(next_open) {
            let (s, e) = span_at(i);
            if s != pos {
                break;
            }
            reopen.push((i, e, true));
            next_open += 1;
        }
        // Longer claims outside, so fewer of them are cut.
        reopen.sort_by_key(|&(i, e, first)| (Reverse(e), !first, i));
        for (span, end, first) in reopen {
            frames.push(Frame {
                span,
                end,
                first,
                children: Vec::new(),
            });
        }
        if pos >= len {
            break;
        }
        let mut next = len;
        if let Some(&i) = order.get(next_open) {
            next = next.min(span_at(i).0);
        }
        if let Some(&b) = breaks.get(next_break) {
            next = next.min(b);
        }
        if let Some(e) = frames.iter().map(|f| f.end).min() {
            next = next.min(e);
        }
        let piece = Node::Text(&text[pos..next]);
        match frames.last_mut() {
            Some(f) => f.children.push(piece),
            None => root.push(piece),
        }
        pos = next;
    }
    if !root.is_empty() {
        paras.push(root);
    }
    paras
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text a reader sees, with [n and n] where marks open and close.
    fn flat(paras: &[Vec<Node>]) -> String {
        fn walk(out: &mut String, nodes: &[Node]) {
            for n in nodes {
                match n {
                    Node::Text(t) => out.push_str(t),
                    Node::Mark {
                        span,
                        first,
                        last,
                        children,
                    } => {
                        out.push_str(&format!("[{span}{}", if *first { "" } else { "'" }));
                        walk(out, children);
                        out.push_str(&format!("{}{span}]", if *last { "" } else { "'" }));
                    }
                }
            }
        }
        let mut out = String::new();
        for p in paras {
            out.push('|');
            walk(&mut out, p);
        }
        out
    }

    fn plain(paras: &[Vec<Node>]) -> String {
        fn walk(out: &mut String, nodes: &[Node]) {
            for n in nodes {
                match n {
                    Node::Text(t) => out.push_str(t),
                    Node::Mark { children, .. } => walk(out, children),
                }
            }
        }
        let mut out = String::new();
        for p in paras {
            walk(&mut out, p);
        }
        out
    }

    #[test]
    fn nested_claims_nest() {
        let text = "abc def ghi";
        let p = paragraphs(text, &[(0, 11), (4, 7)]);
        assert_eq!(flat(&p), "|[0abc [1def1] ghi0]");
        assert_eq!(plain(&p), text);
    }

    #[test]
    fn crossing_claims_are_cut_and_keep_every_character() {
        let text = "one two three four";
        let p = paragraphs(text, &[(0, 7), (4, 13), (8, 18)]);
        assert_eq!(plain(&p), text);
        assert_eq!(flat(&p), "|[0one [1two'1]0][1' [2three'2]1][2' four2]");
    }

    #[test]
    fn paragraph_breaks_cut_marks_and_stay_in_the_text() {
        let text = "Head\nBody one.\n\nBody two.\n";
        let p = paragraphs(text, &[(0, 4), (5, 25)]);
        assert_eq!(p.len(), 4);
        assert_eq!(plain(&p), text);
        assert_eq!(
            flat(&p),
            "|[0Head0]\n|[1Body one.\n'1]|[1'\n'1]|[1'Body two.1]\n"
        );
    }

    #[test]
    fn same_span_twice_and_multibyte_text() {
        let text = "Zürich 📉 fell.";
        let p = paragraphs(text, &[(0, 6), (0, 6), (7, 8)]);
        assert_eq!(plain(&p), text);
        assert_eq!(flat(&p), "|[0[1Zürich1]0] [2📉2] fell.");
    }
}
