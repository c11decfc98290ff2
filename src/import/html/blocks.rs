//! The article's DOM as blocks: each heading, paragraph, list item, block quote (and table
//! row) becomes one line of text with its whitespace collapsed. Each block remembers how much
//! of it was link text and `<time>` text, which `clean` uses to drop teasers and date lines.

use super::dom;
use dom_query::NodeRef;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Paragraph,
    /// `h1`..`h6`, with its level.
    Heading(u8),
    /// A list item; the number tells its list apart from other lists.
    Item(u32),
    Quote,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    pub kind: Kind,
    /// Non-space bytes of the text inside links, and inside `<time>` elements.
    pub link_bytes: usize,
    pub time_bytes: usize,
    /// The text repeats the alt text of an image just before it: a caption outside any
    /// `<figcaption>`.
    pub repeats_image_alt: bool,
}

impl Block {
    /// Non-space bytes of the text.
    pub fn bytes(&self) -> usize {
        self.text.bytes().filter(|&b| b != b' ').count()
    }

    pub fn link_density(&self) -> f64 {
        self.link_bytes as f64 / self.bytes().max(1) as f64
    }

    /// Words, counting each Chinese, Japanese or Korean character as one (those scripts put no
    /// spaces between words).
    pub fn words(&self) -> usize {
        self.text.split(' ').count() + self.text.chars().filter(|&c| is_cjk(c)).count()
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

fn words_of(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether two texts say nearly the same (captions copy an image's alt text, give or take a
/// typo or a credit): four in five words of each are in the other.
fn same_words(a: &[String], b: &[String]) -> bool {
    let covered =
        |x: &[String], y: &[String]| x.iter().filter(|w| y.contains(w)).count() * 5 >= x.len() * 4;
    a.len() >= 3 && covered(a, b) && covered(b, a)
}

/// Elements whose content is not text (or not article text).
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "canvas",
    "iframe",
    "object",
    "embed",
    "img",
    "video",
    "audio",
    "source",
    "track",
    "map",
    "button",
    "input",
    "select",
    "textarea",
    "option",
    "figcaption",
    "head",
    "title",
];

/// Elements that start and end a block.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figure",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "address",
    "details",
    "summary",
    "center",
    "fieldset",
    "legend",
    "hgroup",
    "menu",
    "form",
    "hr",
    "br",
];

/// Reads the blocks of `root` (itself included) in document order.
pub fn collect(root: &NodeRef) -> Vec<Block> {
    let mut c = Collector::default();
    if !c.enter(root) {
        return Vec::new();
    }
    dom::walk(root, &mut |node: &NodeRef, enter: bool| {
        if enter {
            c.enter(node)
        } else {
            c.leave(node);
            true
        }
    });
    c.leave(root);
    c.flush();
    c.blocks
}

#[derive(Default)]
struct Collector {
    blocks: Vec<Block>,
    text: String,
    space_pending: bool,
    link_bytes: usize,
    time_bytes: usize,
    /// Open `a` and `time` elements.
    in_link: usize,
    in_time: usize,
    /// What the open headings, list items and quotes make of text (innermost last).
    context: Vec<Kind>,
    /// Open lists, by number.
    lists: Vec<u32>,
    next_list: u32,
    /// Alt texts (as lower-case words) of the last images, with the number of blocks
    /// there were when each was seen.
    alts: Vec<(usize, Vec<String>)>,
}

impl Collector {
    fn enter(&mut self, node: &NodeRef) -> bool {
        if let Some(()) = dom::with_text(node, |t| self.push_text(t)) {
            return false;
        }
        let Some(name) = dom::name(node) else {
            return false;
        };
        let name: &str = &name;
        if SKIP.contains(&name) {
            if name == "img"
                && let Some(alt) = dom::attr(node, "alt")
            {
                let words = words_of(&alt);
                if words.len() >= 3 {
                    self.alts.push((self.blocks.len(), words));
                }
            }
            return false;
        }
        match name {
            "a" => self.in_link += 1,
            "time" => self.in_time += 1,
            "td" | "th" if !self.text.is_empty() => {
                self.text.push_str(" |");
                self.space_pending = true;
            }
            _ if BLOCK.contains(&name) => {
                self.flush();
                match name {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        self.context.push(Kind::Heading(name.as_bytes()[1] - b'0'))
                    }
                    "blockquote" => self.context.push(Kind::Quote),
                    "ul" | "ol" | "menu" | "dl" => {
                        self.next_list += 1;
                        self.lists.push(self.next_list);
                    }
                    "li" | "dt" | "dd" => self
                        .context
                        .push(Kind::Item(self.lists.last().copied().unwrap_or(0))),
                    _ => {}
                }
            }
            _ => {}
        }
        true
    }

    fn leave(&mut self, node: &NodeRef) {
        let Some(name) = dom::name(node) else { return };
        let name: &str = &name;
        match name {
            "a" => self.in_link = self.in_link.saturating_sub(1),
            "time" => self.in_time = self.in_time.saturating_sub(1),
            _ if SKIP.contains(&name) => {}
            _ if BLOCK.contains(&name) => {
                self.flush();
                match name {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "li" | "dt" | "dd" => {
                        self.context.pop();
                    }
                    "ul" | "ol" | "menu" | "dl" => {
                        self.lists.pop();
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// Appends text with whitespace runs collapsed; drops invisible characters that would
    /// split or glue words unseen (soft hyphens, zero-width spaces, BOMs, word joiners).
    fn push_text(&mut self, t: &str) {
        for c in t.chars() {
            if c.is_whitespace() {
                self.space_pending = !self.text.is_empty();
                continue;
            }
            if matches!(c, '\u{AD}' | '\u{200B}' | '\u{FEFF}' | '\u{2060}') || (c.is_control()) {
                continue;
            }
            if self.space_pending {
                self.text.push(' ');
                self.space_pending = false;
            }
            self.text.push(c);
            let n = c.len_utf8();
            if self.in_link > 0 {
                self.link_bytes += n;
            }
            if self.in_time > 0 {
                self.time_bytes += n;
            }
        }
    }

    fn flush(&mut self) {
        let text = self
            .text
            .trim_end_matches([' ', '|'])
            .trim_start_matches(['|', ' ']);
        if !text.is_empty() {
            let kind = self.context.last().copied().unwrap_or(Kind::Paragraph);
            // An image's caption comes within a block or two of it.
            let recent = |&&(at, _): &&(usize, Vec<String>)| at + 2 >= self.blocks.len();
            let repeats_image_alt = text.len() < 600 && {
                let words = words_of(text);
                self.alts
                    .iter()
                    .rev()
                    .take_while(recent)
                    .any(|(_, alt)| same_words(&words, alt))
            };
            self.blocks.push(Block {
                text: text.to_string(),
                kind,
                link_bytes: self.link_bytes,
                time_bytes: self.time_bytes,
                repeats_image_alt,
            });
        }
        self.text.clear();
        self.space_pending = false;
        self.link_bytes = 0;
        self.time_bytes = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn blocks(body: &str) -> Vec<Block> {
        let doc = Document::from(format!(
            "<html><body><div id=root>{body}</div></body></html>"
        ));
        let root = doc.select_single("#root");
        collect(root.nodes().first().unwrap())
    }

    fn texts(body: &str) -> Vec<String> {
        blocks(body).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn one_block_per_element_whitespace_collapsed() {
        assert_eq!(
            texts(
                "<h2>Head\n line</h2><p>One  <b>two</b>\t&amp; three&nbsp;four</p><ul><li>a<ul><li>b</li></ul></li></ul><blockquote><p>q1</p><p>q2</p></blockquote>"
            ),
            ["Head line", "One two & three four", "a", "b", "q1", "q2"]
        );
    }

    #[test]
    fn kinds_links_and_times() {
        let b = blocks(
            "<h3>H</h3><ul><li><a href=x>link</a> text</li></ul><ol><li>z</li></ol><blockquote>Q</blockquote><p><time>May 1</time></p>",
        );
        assert_eq!(b[0].kind, Kind::Heading(3));
        assert_eq!(b[1].kind, Kind::Item(1));
        assert_eq!(b[1].link_bytes, 4);
        assert_eq!(b[2].kind, Kind::Item(2));
        assert_eq!(b[3].kind, Kind::Quote);
        assert_eq!(b[4].time_bytes, 4);
    }

    #[test]
    fn invisible_characters_and_breaks() {
        assert_eq!(
            texts("<p>Bundes\u{AD}tag zero\u{200B}width</p><p>line<br>break</p>"),
            ["Bundestag zerowidth", "line", "break"]
        );
    }

    #[test]
    fn text_repeating_an_image_alt_is_marked() {
        let b = blocks(
            "<picture><img alt='Hori Parata, at his farm.'></picture><ul><li><p>Hori Parata at his farm</p></li></ul><p>Hori Parata at his farm</p><p>x</p><p>y</p><p>Hori Parata at his farm</p>",
        );
        let marks: Vec<bool> = b.iter().map(|b| b.repeats_image_alt).collect();
        assert_eq!(marks, [true, true, false, false, false]);
        let typo = blocks(
            "<img alt='Kauri (Tekaurinui Robert) Parata, watched by his father Hori Parata, carves a design'><p>Kauri (Te Kaurinui Robert) Parata, watched by his father, Hori Parata, carves a design.</p>",
        );
        assert!(typo[0].repeats_image_alt);
        let unlike = blocks(
            "<img alt='Hori Parata at his farm'><p>Hori Parata was born at his farm in 1948, and has worked it since he was seven years old.</p>",
        );
        assert!(!unlike[0].repeats_image_alt);
    }

    #[test]
    fn table_rows() {
        assert_eq!(
            texts(
                "<table><tr><th>Party</th><th>Seats</th></tr><tr><td>A</td><td>12</td></tr></table>"
            ),
            ["Party | Seats", "A | 12"]
        );
        assert_eq!(
            texts("<table><tr><td><p>Layout para one.</p><p>Two.</p></td></tr></table>"),
            ["Layout para one.", "Two."]
        );
    }
}
