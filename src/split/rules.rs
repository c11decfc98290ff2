//! Corrections to sentencex's breaks inside one line, for newsroom English.
//!
//! A "cut" is the byte offset where the next statement starts. Each rule is a general
//! pattern of edited news copy (titles before names, times before weekdays, inline numbered
//! lists, ...), never a particular sentence.

use sentencex::languages::{English, Language};

use super::words::{
    is_month, is_place_prefix, is_time_follower, is_title, joins_before_digit,
    joins_before_non_starter,
};

/// Applies every rule to the sentencex `cuts` of `line` (trimmed, no `\n`). On return the
/// cuts are strictly increasing and strictly inside `line`.
pub(super) fn refine(line: &str, cuts: &mut Vec<usize>) {
    split_mla_ellipsis(line, cuts);
    cuts.retain(|&cut| !joins(line, cut));
    split_inline_list(line, cuts);
    merge_bare_markers(line, cuts);
}

/// Whether the break at `cut` is wrong and the two sides belong to one statement.
pub(super) fn joins(line: &str, cut: usize) -> bool {
    let left = line[..cut].trim_end();
    let right = line[cut..].trim_start();
    if !left.ends_with('.') || right.is_empty() {
        return false;
    }
    // `D-W.Va.`: a break with no space after a period, before a Latin letter or digit, is an
    // abbreviation's inner dot (CJK text, which has no spaces, starts with no ASCII char).
    if left.len() == cut && right.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return true;
    }

    let token = last_word(left);
    let stem = token.strip_suffix('.').unwrap_or(token);
    let next = first_word(right);
    let Some(first) = next.chars().next() else {
        return false;
    };

    // Edited copy starts sentences with a capital: a period before a plain lowercase word
    // is an abbreviation sentencex does not know (`Mass. agreed`). `iPhone`/`eBay` are
    // names that may open a sentence, so words with inner capitals do not join.
    if first.is_lowercase() && !next.chars().any(char::is_uppercase) {
        return true;
    }
    // `Sen. Will Hurd`, `Sgt. First Class`: a title before a name never ends a sentence,
    // even when the name is also a sentence-opening word.
    if first.is_uppercase() && is_title(stem) {
        return true;
    }
    // `St. Louis`, `Mt. Fuji`, `Dr. Fauci`; but `Elm Dr. The ...` (after a capitalised name)
    // is a street that may end the sentence, so that is left to sentencex.
    if first.is_uppercase() && is_place_prefix(stem) && !capitalised(word_before(left)) {
        return true;
    }
    // `Jan. 5`, `No. 10`, `vol. 2`, `approx. 30`.
    if first.is_ascii_digit() && (is_month(stem) || joins_before_digit(stem)) {
        return true;
    }
    // `10 a.m. Tuesday`, `4 p.m. EDT`, `9 a.m. Kyiv time`.
    if is_time_of_day(token) && (is_time_follower(next) || second_word(right) == "time") {
        return true;
    }
    // Abbreviations sentencex lacks (`Seattle, Wash. Gov. Jay Inslee`): like its own list,
    // they end a sentence only before a word that usually opens one.
    joins_before_non_starter(stem) && !is_sentence_starter(next)
}

/// The rules of `joins` that hold in every cased script (version 2, languages other than
/// English): a period with no space after it before a letter or digit is inside a token
/// (`z.B.`, `5.3.2024`, `1.º`), and edited copy never starts a sentence lowercase.
pub(super) fn joins_any_language(line: &str, cut: usize) -> bool {
    let left = line[..cut].trim_end();
    let right = line[cut..].trim_start();
    if !left.ends_with('.') || right.is_empty() {
        return false;
    }
    // `J.-C.`, `c.-à-d.`: a hyphen glued to the period is inside the abbreviation.
    let inner = right.strip_prefix('-').unwrap_or(right);
    if left.len() == cut && inner.starts_with(char::is_alphanumeric) {
        return true;
    }
    let next = first_word(right);
    next.chars().next().is_some_and(char::is_lowercase) && !next.chars().any(char::is_uppercase)
}

/// `a.m.`/`p.m.` in any case.
fn is_time_of_day(token: &str) -> bool {
    token.eq_ignore_ascii_case("a.m.") || token.eq_ignore_ascii_case("p.m.")
}

/// sentencex's list of function words that open sentences (`The`, `He`, `She`, ...).
fn is_sentence_starter(word: &str) -> bool {
    let word = word.trim_end_matches([',', ';', ':']);
    (English {}).get_sentence_starters().contains(word)
}

/// The last whitespace-separated word, without opening quotes/brackets (`(Sen.` → `Sen.`).
pub(super) fn last_word(text: &str) -> &str {
    let word = text.rsplit(char::is_whitespace).next().unwrap_or("");
    word.trim_start_matches(is_opening)
}

/// The word before the last one, if any.
pub(super) fn word_before(text: &str) -> &str {
    let mut words = text.rsplit(char::is_whitespace).filter(|w| !w.is_empty());
    words.next();
    words.next().unwrap_or("")
}

/// The first whitespace-separated word, without opening quotes/brackets.
pub(super) fn first_word(text: &str) -> &str {
    let word = text.split(char::is_whitespace).next().unwrap_or("");
    word.trim_start_matches(is_opening)
}

/// The second whitespace-separated word, without trailing punctuation.
fn second_word(text: &str) -> &str {
    let mut words = text.split(char::is_whitespace).filter(|w| !w.is_empty());
    words.next();
    words
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| c.is_ascii_punctuation())
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '\'' | '“' | '‘' | '«' | '‹' | '—' | '–'
    )
}

fn capitalised(word: &str) -> bool {
    word.trim_start_matches(is_opening)
        .starts_with(char::is_uppercase)
}

/// MLA-style omission after a complete sentence: `compounds. . . . The practice`. The period
/// glued to the word ends the sentence; the spaced `. . .` that follows marks text left out
/// at the start of the next one, so the break moves in front of it. `period . . . . Next`
/// (spaced first dot) is a plain four-dot ending and stays as sentencex had it.
pub(super) fn split_mla_ellipsis(line: &str, cuts: &mut Vec<usize>) {
    const RUN: &str = ". . . .";
    // (first dot, start of the next word): sentencex's break inside that span moves to
    // the second dot.
    let mut moves = Vec::new();
    for (at, _) in line.match_indices(RUN) {
        let glued = line[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let after = &line[at + RUN.len()..];
        let rest = after.trim_start();
        let spaced = rest.len() < after.len();
        if glued && spaced && rest.starts_with(char::is_uppercase) {
            moves.push((at, line.len() - rest.len()));
        }
    }
    if moves.is_empty() {
        return;
    }
    // Both lists are sorted: one merge pass, so many ellipses cannot make this quadratic.
    let mut pending = moves.iter().peekable();
    cuts.retain(|&c| {
        while pending.next_if(|&&(_, next_word)| next_word < c).is_some() {}
        pending
            .peek()
            .is_none_or(|&&(at, next_word)| c <= at || c > next_word)
    });
    cuts.extend(moves.iter().map(|&(at, _)| at + 2));
    cuts.sort_unstable();
    cuts.dedup();
}

/// A list-item marker: `1.`, `2)`, `3.)`, `a.`, `b)`, optionally after a bullet (`• 9.`,
/// `⁃10.`), or a bullet alone. Items of one list share a `Family` and count up by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    /// Byte length of the marker text.
    len: usize,
    family: Family,
    value: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Family {
    bullet: Option<char>,
    label: Label,
    close: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    None,
    Digits,
    Lower,
    Upper,
}

pub(super) const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '■', '□', '●', '○', '⁃', '‣', '⁌', '⁍', '◆', '◇', '★', '☆', '➤', '➢', '▶',
    '▸', '►',
];

/// Parses a marker at the start of `text`; it must be followed by whitespace or the end.
fn parse_marker(text: &str) -> Option<Marker> {
    let mut rest = text;
    let bullet = rest.chars().next().filter(|c| BULLETS.contains(c));
    if let Some(b) = bullet {
        rest = rest[b.len_utf8()..].trim_start_matches(' ');
    }

    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (label, value, label_len) = match rest.as_bytes().first() {
        _ if (1..=3).contains(&digits) => (Label::Digits, rest[..digits].parse().ok()?, digits),
        Some(b) if b.is_ascii_lowercase() => (Label::Lower, u32::from(b - b'a'), 1),
        Some(b) if b.is_ascii_uppercase() => (Label::Upper, u32::from(b - b'A'), 1),
        _ if bullet.is_some() => (Label::None, 0, 0),
        _ => return None,
    };
    rest = &rest[label_len..];

    let close = if label == Label::None {
        ""
    } else if rest.starts_with(".)") {
        ".)"
    } else if rest.starts_with(')') {
        ")"
    } else if rest.starts_with('.') && label != Label::Upper {
        // `A.` is far more often an initial than a list label.
        "."
    } else {
        return None;
    };
    rest = &rest[close.len()..];

    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let family = Family {
        bullet,
        label,
        close,
    };
    Some(Marker {
        len: text.len() - rest.len(),
        family,
        value,
    })
}

/// Whether a line (trimmed) opens with a list marker: one `parse_marker` knows, `(a)`/`(1)`,
/// or a bullet (also `- `, `* `, `+ `, `– `, `— `) before whitespace. Version 2 only.
pub(super) fn starts_with_list_marker(line: &str) -> bool {
    let mut chars = line.chars();
    let bullet = chars
        .next()
        .is_some_and(|c| matches!(c, '-' | '*' | '+' | '–' | '—') || BULLETS.contains(&c))
        && chars.next().is_some_and(char::is_whitespace);
    bullet || parse_marker(line).is_some() || super::mask::marker_len(line).is_some()
}

/// Inline lists: `1.) The first item 2.) The second item`, `a. ... b. ... c. ...`. When a
/// line opens with a marker, each later marker of the same family with the next number
/// (after whitespace) starts a new statement. Requiring the opening marker and the exact
/// count keeps prose like `scored 2. Then` from being cut.
pub(super) fn split_inline_list(line: &str, cuts: &mut Vec<usize>) {
    let Some(first) = parse_marker(line) else {
        return;
    };
    let mut expect = first.value + 1;
    let mut added = false;
    let mut prev_ws = false;
    for (at, c) in line.char_indices().skip_while(|&(at, _)| at < first.len) {
        let word_start = prev_ws && !c.is_whitespace();
        prev_ws = c.is_whitespace();
        if !word_start {
            continue;
        }
        let Some(m) = parse_marker(&line[at..]) else {
            continue;
        };
        let bullet_only = m.family.label == Label::None;
        if m.family == first.family && (bullet_only || m.value == expect) {
            cuts.push(at);
            expect += 1;
            added = true;
        }
    }
    if added {
        cuts.sort_unstable();
        cuts.dedup();
    }
}

/// Numbered lists run into a line (a paste without line breaks: `... agencies) 1. Air
/// defence 2. Shells 3. Vehicles`). Version 2 only. A run starts with `1.`/`a)`/`A)` at the
/// line's start or after a sentence end, and goes on with the next numbers of the same
/// family; each item starts a statement. The item after a marker must start with a capital,
/// and dates like `am 1. Mai ... am 2. Juni` never start a run (no sentence end before them).
pub(super) fn split_numbered_runs(line: &str, cuts: &mut Vec<usize>) {
    // A run has a second item: `2.`, `2)`, `b.`, `b)`, `B)` (fast substring tests).
    let second = ["2.", "2)", "b.", "b)", "B)"];
    if !second.iter().any(|s| line.contains(s)) {
        return;
    }
    // Markers end in `.` or `)` after a short label at a word start: look only there.
    let bytes = line.as_bytes();
    let closes = line
        .match_indices('.')
        .chain(line.match_indices(')'))
        .map(|(at, _)| at);
    let mut markers: Vec<(usize, Marker)> = Vec::new();
    for close in closes {
        let label = bytes[..close]
            .iter()
            .rev()
            .take(4)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let at = close - label;
        let starts_word = at == 0 || bytes[at - 1].is_ascii_whitespace();
        // `1.)` is seen from its `.`; its `)` would find no label.
        if !(1..=3).contains(&label) || !starts_word {
            continue;
        }
        if let Some(m) = parse_marker(&line[at..]) {
            let item = line[at + m.len..].trim_start();
            if item.starts_with(char::is_uppercase) {
                markers.push((at, m));
            }
        }
    }
    if markers.len() < 2 {
        return;
    }
    markers.sort_unstable_by_key(|&(at, _)| at);
    markers.dedup_by_key(|&mut (at, _)| at);
    // Each marker belongs to at most one run, and a run's next item is looked for only
    // within `WINDOW` bytes of the last, so a line full of markers stays linear.
    const WINDOW: usize = 2000;
    let mut used = vec![false; markers.len()];
    let mut added = false;
    for i in 0..markers.len() {
        let (at, first) = markers[i];
        let opens = first.value == u32::from(first.family.label == Label::Digits);
        let before = line[..at].trim_end();
        let after_end = before.is_empty()
            || before.ends_with(['.', '!', '?', '…', ':', ';', ')', '"', '”', '»']);
        if used[i] || !opens || !after_end {
            continue;
        }
        let mut run = vec![i];
        let mut expect = first.value + 1;
        let mut last = at;
        for j in i + 1..markers.len() {
            let (next_at, m) = markers[j];
            if next_at - last > WINDOW {
                break;
            }
            if !used[j] && m.family == first.family && m.value == expect {
                run.push(j);
                expect += 1;
                last = next_at;
            }
        }
        if run.len() >= 2 {
            for &j in &run {
                used[j] = true;
                if markers[j].0 > 0 {
                    cuts.push(markers[j].0);
                }
            }
            added = true;
        }
    }
    if added {
        cuts.sort_unstable();
        cuts.dedup();
    }
}

/// A statement that is only a list marker (`1.`, `⁃9.`) belongs to the item after it;
/// sentencex reads the marker's period as a sentence end.
pub(super) fn merge_bare_markers(line: &str, cuts: &mut Vec<usize>) {
    let mut start = 0;
    cuts.retain(|&cut| {
        let piece = line[start..cut].trim();
        let bare = parse_marker(piece).is_some_and(|m| m.len == piece.len());
        if !bare {
            start = cut;
        }
        !bare
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        let m = parse_marker("1.) The").unwrap();
        assert_eq!((m.len, m.value, m.family.close), (3, 1, ".)"));
        assert_eq!(parse_marker("⁃10. x").unwrap().value, 10);
        assert_eq!(parse_marker("• 9. x").unwrap().family.bullet, Some('•'));
        assert_eq!(parse_marker("b. x").unwrap().value, 1);
        assert!(parse_marker("A. Smith").is_none());
        assert!(parse_marker("3.5 percent").is_none());
        assert!(parse_marker("1.").is_some());
    }

    #[test]
    fn mla_ellipsis_moves_the_break() {
        let line = "It ends here. . . . The next one.";
        let mut cuts = vec![line.find("The").unwrap()];
        split_mla_ellipsis(line, &mut cuts);
        assert_eq!(cuts, vec![line.find(". . .").unwrap() + 2]);
    }
}
