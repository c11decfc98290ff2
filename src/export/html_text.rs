//! Project text in the HTML report: isolated and breakable.
//!
//! - **Isolated.** Every string a user typed (names, notes, titles, quotes, evidence) sits in
//!   its own bidi isolate (`<bdi>`, or `dir="auto"` on a block), so a right-to-left override
//!   (U+202E) in one reviewer's name reverses that name only, never the text around it.
//! - **Breakable.** A long run without spaces (a 1 MB note of one "word", a long URL) gets a
//!   `<wbr>` every [`RUN`] characters, so the browser finds ordinary line-break opportunities
//!   instead of searching one enormous word for an emergency break (which took Chromium
//!   minutes). The CSS `overflow-wrap: anywhere` stays as a second guard. `<wbr>` adds no
//!   character: copied text is unchanged.
//! - **Printable.** Control characters and noncharacters (which HTML parsers report as errors
//!   and no reader can see) are shown as U+FFFD, so the page always parses cleanly.

use maud::{Markup, html};
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;

/// Longest run of non-space characters (grapheme clusters) written without a break
/// opportunity.
pub(super) const RUN: usize = 40;

/// `s` in a `<bdi>`, breakable.
pub(crate) fn iso(s: &str) -> Markup {
    html! { bdi { (breakable(s)) } }
}

/// `s` escaped, with a `<wbr>` inside every run of more than [`RUN`] non-space characters.
/// Breaks fall between grapheme clusters, so no accent or emoji is split.
pub(super) fn breakable(s: &str) -> Markup {
    let s = printable(s);
    if s.len() <= RUN {
        return html! { (s) };
    }
    let mut pieces = Vec::new();
    let (mut from, mut run) = (0, 0);
    for (at, g) in s.grapheme_indices(true) {
        if g.chars().all(char::is_whitespace) {
            run = 0;
            continue;
        }
        if run == RUN {
            pieces.push(&s[from..at]);
            from = at;
            run = 0;
        }
        run += 1;
    }
    pieces.push(&s[from..]);
    html! {
        @for (i, piece) in pieces.iter().enumerate() {
            @if i > 0 { wbr; }
            (piece)
        }
    }
}

/// `s` with every character an HTML parser rejects in text replaced by U+FFFD.
pub(crate) fn printable(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| !rejected(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if rejected(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// NUL, controls other than ASCII whitespace, and noncharacters.
fn rejected(c: char) -> bool {
    let n = u32::from(c);
    (c.is_control() && !matches!(c, '\t' | '\n' | '\u{C}' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || (n & 0xFFFE) == 0xFFFE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_runs_get_break_opportunities_and_short_text_is_untouched() {
        assert_eq!(breakable("a <b> c").into_string(), "a &lt;b&gt; c");
        let word = "é".repeat(100);
        let out = breakable(&word).into_string();
        assert_eq!(out.matches("<wbr>").count(), 2);
        assert_eq!(out.replace("<wbr>", ""), word);
        let spaced = "word ".repeat(40);
        assert!(!breakable(&spaced).into_string().contains("<wbr>"));
        assert_eq!(iso("x").into_string(), "<bdi>x</bdi>");
        assert_eq!(
            printable("a\u{1}b\0\u{FFFF}\tc"),
            "a\u{FFFD}b\u{FFFD}\u{FFFD}\tc"
        );
    }
}
