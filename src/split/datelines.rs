//! Datelines inside a line: in a paste without line breaks a dateline follows a headline
//! that has no final punctuation, and opens a new statement.

use super::fixes::is_terminator;

/// A dateline inside a line (`... summit WASHINGTON — Gen. ...`, `... KIEW/BERLIN (dpa) -
/// Die ...`) opens a story: in a paste without line breaks it follows a headline that has no
/// final punctuation, and starts a new statement. A dateline is one or more words in
/// capitals (one of at least four letters), optionally a place (`, Ukraine`) and an agency in
/// brackets, then a dash and a capitalised word.
pub(super) fn dateline_cuts(content: &str, cuts: &mut Vec<usize>) {
    let mut added = false;
    for dash in ['—', '–', '-'] {
        for (at, _) in content.match_indices(dash) {
            let spaced =
                content[..at].ends_with(' ') && content[at + dash.len_utf8()..].starts_with(' ');
            if !spaced {
                continue;
            }
            let at = at - 1;
            // The dateline's first word is at most six words before the dash.
            let before = &content[..at];
            let starts = before
                .char_indices()
                .rev()
                .filter(|&(i, c)| c == ' ' && i + 1 < before.len())
                .map(|(i, _)| i + 1)
                .take(6);
            let first = starts
                .filter(|&p| {
                    let lead = content[..p].trim_end();
                    // `NEW YORK (AP) —`: a start inside a place of several words in
                    // capitals is no start; the place's first word is.
                    let inside_place = lead
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| is_caps_place(w.trim_end_matches(',')));
                    !lead.is_empty()
                        && !lead.ends_with(is_terminator)
                        && !lead.ends_with(':')
                        && !inside_place
                        && is_dateline(&content[p..])
                })
                .last();
            if let Some(p) = first {
                cuts.push(p);
                added = true;
            }
        }
    }
    if added {
        cuts.sort_unstable();
        cuts.dedup();
    }
}

/// Whether `text` starts with a dateline (see `dateline_cuts`).
pub(super) fn is_dateline(text: &str) -> bool {
    let mut words = text.split(' ').filter(|w| !w.is_empty()).peekable();
    // Places in capitals: `WASHINGTON`, `KIEW/BERLIN`, `NEW YORK`, `КИЇВ`.
    let mut caps = 0;
    let mut long = false;
    while let Some(w) = words.next_if(|w| is_caps_place(w.trim_end_matches(','))) {
        caps += 1;
        long |= w
            .trim_end_matches(',')
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
            >= 4;
        if w.ends_with(',') {
            break;
        }
    }
    if caps == 0 || caps > 3 || !long {
        return false;
    }
    // An optional place and agency: `Ukraine (AP)`, `(dpa)`; at most four words.
    for _ in 0..4 {
        match words.peek() {
            Some(w) if matches!(*w, "—" | "–" | "-") => break,
            Some(w) if w.starts_with(char::is_uppercase) || w.starts_with('(') => {
                words.next();
            }
            _ => return false,
        }
    }
    words.next().is_some_and(|w| matches!(w, "—" | "–" | "-"))
        && words
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
}

fn is_caps_place(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, '/' | '-' | '.'))
}
