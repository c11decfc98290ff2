//! The text's shape: which lines belong together before splitting.
//!
//! News copy has one paragraph per line, so a line break ends a statement. Hard-wrapped text
//! (e-mail, plain-text licences, wire copy, text copied from a PDF) breaks lines at a fairly
//! constant width instead, and each of its lines is a fragment. Greedy wrapping leaves a
//! fingerprint: a wrapped line is long, and the next line's first word would not have fitted
//! after it. When most adjacent line pairs carry that fingerprint, the pairs that do are joined
//! into one block (the lines of a paragraph); short lines (headings, the last line of a
//! paragraph, verse), blank lines and list items still end a block.

use super::rules::starts_with_list_marker;

/// A run of lines split as one text: a byte range of the normalised text (no trailing `\n`)
/// and how many lines it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Block {
    pub start: usize,
    pub end: usize,
    pub lines: usize,
}

/// Narrowest and widest wrap widths we recognise, in chars. Below ~50 the lines are verse,
/// lyrics or lists; above ~150 nobody wraps by hand and the "lines" are paragraphs.
const MIN_WIDTH: usize = 50;
const MAX_WIDTH: usize = 150;
/// How far a wrapped line may stay below the width (plus the next word), or run past it, in
/// tenths of the width: widths are estimated, editors refill by hand, some leave a margin.
const SLACK_TENTHS: usize = 1;
/// Share of adjacent line pairs that must look wrapped.
const MIN_WRAPPED_SHARE: f64 = 0.6;
/// Share of those whose second line goes on in lowercase: wrapped prose breaks mid-sentence
/// all the time; a list of headlines or capitalised verse of even length never does.
const MIN_LOWERCASE_SHARE: f64 = 0.2;
const MIN_WRAPPED_PAIRS: usize = 3;

/// One line: byte range in the text, its length in chars without trailing spaces, and the
/// length in chars of its first word.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    width: usize,
    first_word: usize,
    blank: bool,
    /// Opens with a list marker: a bullet, `(1)`, `a)`, `1.` ...
    marker: bool,
    /// ... and the marker is a number and a period, which may also be a date or ordinal that
    /// wrapping put at the start of a line (`... seit dem\n24. Februar 2022 ...`).
    number: bool,
    /// Ends mid-sentence: with a letter, digit or comma.
    open_end: bool,
    lowercase: bool,
    /// Only punctuation or symbols: a rule (`-----`, `=====`, `* * *`) under or between text.
    rule: bool,
}

/// The blocks of `norm` (normalised: `\n` is the only line break), in order, covering every
/// line. Without hard wrapping each line is a block of its own, exactly as version 1 split.
pub(super) fn blocks(norm: &str) -> Vec<Block> {
    // First only the widths: most texts are not wrapped, and that is decided from them alone.
    let spans = line_spans(norm);
    let mut widths: Vec<usize> = spans.iter().filter(|l| l.2 > 0).map(|l| l.2).collect();
    let one_per_line = || {
        spans
            .iter()
            .map(|&(start, end, _)| Block {
                start,
                end,
                lines: 1,
            })
            .collect()
    };
    let Some(width) = plausible_width(&mut widths) else {
        return one_per_line();
    };
    let lines = measure(norm, &spans);
    if !is_wrapped(&lines, width) {
        return one_per_line();
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let first = lines[i];
        let mut last = i;
        while last + 1 < lines.len() && joins(&lines[last], &lines[last + 1], width) {
            last += 1;
        }
        out.push(Block {
            start: first.start,
            end: lines[last].end,
            lines: last - i + 1,
        });
        i = last + 1;
    }
    out
}

/// Byte range of each line and its width in chars without surrounding whitespace (0 for a
/// blank line).
fn line_spans(norm: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::with_capacity(norm.len() / 60 + 1);
    let mut start = 0;
    for raw in norm.split('\n') {
        let end = start + raw.len();
        let trimmed = raw.trim_end();
        let width = if trimmed.trim_start().is_empty() {
            0
        } else if trimmed.is_ascii() {
            trimmed.len()
        } else {
            trimmed.chars().count()
        };
        out.push((start, end, width));
        start = end + 1;
    }
    out
}

fn measure(norm: &str, spans: &[(usize, usize, usize)]) -> Vec<Line> {
    spans
        .iter()
        .map(|&(start, end, width)| {
            let trimmed = norm[start..end].trim_end();
            let content = trimmed.trim_start();
            let word = content.split(char::is_whitespace).next().unwrap_or("");
            Line {
                start,
                end,
                width,
                first_word: word.chars().count(),
                blank: content.is_empty(),
                marker: starts_with_list_marker(content),
                number: {
                    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
                    digits > 0 && content[digits..].starts_with(". ")
                },
                open_end: trimmed.ends_with(|c: char| c.is_alphanumeric() || c == ','),
                lowercase: content.starts_with(char::is_lowercase),
                rule: !content.is_empty() && !content.chars().any(char::is_alphanumeric),
            }
        })
        .collect()
}

/// Whether line `b` continues line `a` in a text wrapped at `width` chars: `a` is long and
/// the first word of `b` would not have fitted after it, or `b` goes on in lowercase.
fn joins(a: &Line, b: &Line, width: usize) -> bool {
    let slack = (width * SLACK_TENTHS / 10).max(3);
    // A numbered item after a line that stops mid-sentence is a wrapped date or ordinal.
    let item = b.marker && !(b.number && a.open_end);
    !a.blank
        && !b.blank
        && !item
        && !a.rule
        && !b.rule
        && a.width <= width + slack
        && (a.width + 1 + b.first_word + slack > width || (b.lowercase && a.width * 2 >= width))
}

/// The width a hard-wrapped text would be wrapped at (the 95th percentile of line widths, as
/// a few lines may run long: a URL, a table row), if it is one wrapping could produce.
fn plausible_width(widths: &mut [usize]) -> Option<usize> {
    if widths.len() < MIN_WRAPPED_PAIRS + 1 {
        return None;
    }
    let at = (widths.len() - 1) * 95 / 100;
    let (_, &mut width, _) = widths.select_nth_unstable(at);
    (MIN_WIDTH..=MAX_WIDTH).contains(&width).then_some(width)
}

/// Whether most adjacent line pairs look wrapped at `width`, and enough of them go on in
/// lowercase.
fn is_wrapped(lines: &[Line], width: usize) -> bool {
    let (mut pairs, mut wrapped, mut lowercase) = (0usize, 0usize, 0usize);
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.blank || b.blank || b.marker || a.rule || b.rule {
            continue;
        }
        pairs += 1;
        if joins(a, b, width) {
            wrapped += 1;
            lowercase += usize::from(b.lowercase);
        }
    }
    let share = wrapped as f64 / pairs.max(1) as f64;
    let lower_share = lowercase as f64 / wrapped.max(1) as f64;
    wrapped >= MIN_WRAPPED_PAIRS && share >= MIN_WRAPPED_SHARE && lower_share >= MIN_LOWERCASE_SHARE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(text: &str, width: usize) -> String {
        let mut out = String::new();
        for para in text.split("\n\n") {
            let mut line = String::new();
            for word in para.split_whitespace() {
                if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                    out.push_str(&line);
                    out.push('\n');
                    line.clear();
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            out.push_str(&line);
            out.push_str("\n\n");
        }
        out
    }

    const PROSE: &str = "The committee met on Tuesday to discuss the budget for the coming year, which includes new spending on roads, schools and hospitals across the region. Members of the opposition said the plan was unaffordable and would leave the next government with a large deficit.\n\nThe finance minister rejected the criticism and said the figures had been checked by independent auditors. She added that the economy was growing faster than expected and that tax receipts would rise accordingly over the next three years.";

    #[test]
    fn wrapped_prose_joins_paragraph_lines() {
        for width in [60, 72, 80] {
            let text = wrap(PROSE, width);
            let blocks = blocks(&text);
            let multi: Vec<&Block> = blocks.iter().filter(|b| b.lines > 1).collect();
            assert_eq!(multi.len(), 2, "width {width}: {blocks:?}");
        }
    }

    #[test]
    fn one_paragraph_per_line_is_not_wrapped() {
        let text = PROSE.replace("\n\n", "\n");
        assert!(blocks(&text).iter().all(|b| b.lines == 1));
        assert!(blocks(PROSE).iter().all(|b| b.lines == 1));
    }
}
