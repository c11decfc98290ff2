//! Deep nesting, which real pages never have and hostile or badly broken ones do (tens of
//! thousands of unclosed `<div>`s): the HTML parser and reader mode both slow down with the
//! square of the depth, so a page that opens too many elements without closing them is refused
//! before parsing, and whatever is still deeper than reader mode copes with is flattened.

use super::dom::walk;
use dom_query::NodeRef;

/// Container elements never closed implicitly: a run of them left open nests the page.
const CONTAINERS: &[&str] = &[
    "div",
    "span",
    "section",
    "article",
    "main",
    "aside",
    "nav",
    "header",
    "footer",
    "blockquote",
    "font",
    "center",
    "ul",
    "ol",
    "table",
    "form",
    "figure",
    "details",
    "fieldset",
    "b",
    "i",
    "em",
    "strong",
    "small",
    "u",
    "s",
    "sub",
    "sup",
    "label",
    "a",
];

/// The most container elements open at once, counting tags in the raw markup (an upper bound
/// of sorts: it does not know about implied end tags or scripts, which is fine for a limit).
pub fn open_containers(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let len = bytes[start..]
            .iter()
            .take(12)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = &bytes[start..start + len];
        let is_container = (1..=10).contains(&len)
            && bytes
                .get(start + len)
                .is_none_or(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
            && CONTAINERS
                .iter()
                .any(|c| c.len() == len && c.as_bytes().eq_ignore_ascii_case(name));
        if !is_container {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Unwraps every element nested deeper than `max` (its children take its place), except
/// paragraphs and line breaks, which keep the text's blocks apart. Real pages stay far below
/// any such depth; hostile or badly broken ones (tens of thousands of unclosed `<div>`s)
/// would make reader mode quadratic. Returns the greatest depth left.
pub fn flatten_deep(root: &NodeRef, max: usize) -> usize {
    let mut depth = 0usize;
    let mut doomed = Vec::new();
    walk(root, &mut |n: &NodeRef, enter: bool| {
        if !n.is_element() {
            return false;
        }
        if enter {
            depth += 1;
            if depth > max && !(n.has_name("p") || n.has_name("br")) {
                doomed.push(*n);
            }
        } else {
            depth -= 1;
        }
        true
    });
    for n in doomed {
        if let Some(first) = n.first_child() {
            n.insert_siblings_before(&first);
        }
        n.remove_from_parent();
    }
    let (mut depth, mut deepest) = (0usize, 0usize);
    walk(root, &mut |n: &NodeRef, enter: bool| {
        if !n.is_element() {
            return false;
        }
        if enter {
            depth += 1;
            deepest = deepest.max(depth);
        } else {
            depth -= 1;
        }
        true
    });
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    #[test]
    fn open_containers_counts_unclosed_runs() {
        assert_eq!(
            open_containers("<div><p>x</p></div><div><span>y</span></div>"),
            2
        );
        assert_eq!(open_containers(&"<div>".repeat(50)), 50);
        assert_eq!(open_containers("<divx><DIV class=a><br></Div></div>"), 1);
        assert_eq!(open_containers("a < b and <"), 0);
    }

    #[test]
    fn deep_nesting_is_flattened_text_kept() {
        let html = format!(
            "<html><body>{}<p>one</p><p>two</p>{}</body></html>",
            "<div>".repeat(400),
            "</div>".repeat(400)
        );
        let doc = Document::from(html);
        let deepest = flatten_deep(&doc.root(), 100);
        assert!(deepest <= 101, "{deepest}");
        assert_eq!(doc.select("p").length(), 2);
        assert_eq!(doc.select("body").text().trim(), "onetwo");
    }
}
