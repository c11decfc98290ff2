//! Corrections to the breaks that hold in every language (version 2): list items, closing
//! punctuation, agency credits, section numbers and opening quotation marks.

use super::rules::BULLETS;

/// A bullet after whitespace (`... drones. • Russia ...`) starts a list item: a new statement.
/// `markers` are the blanked markers, bullets among them.
pub(super) fn bullet_cuts(content: &str, markers: &[(usize, usize)], cuts: &mut Vec<usize>) {
    for &(s, _) in markers {
        if s > 0 && content[s..].starts_with(BULLETS) {
            cuts.push(s);
        }
    }
}

/// A statement never starts with a closing quote or bracket, nor with `,` `;` `:`
/// (`R-Tenn.; Sen. ...`). A closer after a sentence end belongs to that sentence, so the break
/// moves past it; punctuation that continues a clause means there was no break.
pub(super) fn settle_closers(content: &str, cuts: &mut Vec<usize>) {
    let mut changed = false;
    for cut in cuts.iter_mut() {
        let rest = &content[*cut..];
        if rest.starts_with([',', ';', ':']) {
            *cut = usize::MAX;
            changed = true;
            continue;
        }
        // A closer is followed by whitespace (`ist. » Danach`); glued to a word it opens one
        // (`Minister. »Die`) and the break stays.
        let closers = rest.trim_start_matches(['»', '”', '›', ')', ']', '}']);
        let next = closers.trim_start();
        let closing = closers.len() < rest.len() && (next.is_empty() || next.len() < closers.len());
        if closing && content[..*cut].trim_end().ends_with(is_terminator) {
            *cut = if next.is_empty() {
                usize::MAX
            } else {
                content.len() - next.len()
            };
            changed = true;
        }
    }
    if changed {
        cuts.retain(|&c| c != usize::MAX);
        cuts.sort_unstable();
        cuts.dedup();
    }
}

/// A char that ends a sentence in the scripts the corrections look at.
pub(super) fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Spanish wire datelines end with the agency, a period and a dash (`MADRID, 5 mar
/// (EFE).- El Gobierno ...`): the dateline stays with the first sentence, as in English.
pub(super) fn keep_agency_dash(content: &str, cuts: &mut Vec<usize>) {
    cuts.retain(|&cut| {
        let dash = content[cut..].starts_with(['-', '–', '—']);
        !(dash && content[..cut].trim_end().ends_with(")."))
    });
}

/// An agency credit between slashes after a dateline (`МОСКВА, 5 марта. /ТАСС/. ...`)
/// belongs to the dateline, not to a statement of its own.
pub(super) fn merge_credits(content: &str, cuts: &mut Vec<usize>) {
    if !content.contains('/') {
        return;
    }
    let mut drop = Vec::new();
    for (i, &cut) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).copied().unwrap_or(content.len());
        let piece = content[cut..end].trim_end();
        let inner = piece
            .trim_end_matches(['.', ':'])
            .strip_prefix('/')
            .and_then(|p| p.strip_suffix('/'));
        if inner.is_some_and(|p| !p.is_empty() && p.len() <= 60 && !p.contains('/')) {
            drop.push(cut);
        }
    }
    cuts.retain(|c| drop.binary_search(c).is_err());
}

/// An opening quotation mark belongs to the sentence it opens: sentencex leaves a quotation
/// that runs on into the next paragraph (`... analyst. "Savings are gone.` with no closing
/// mark) hanging at the end of the sentence before, or alone. A mark after a space (or at
/// the start) ending a piece moves to the start of the next one.
pub(super) fn openers_start_statements(content: &str, cuts: &mut Vec<usize>) {
    let mut changed = false;
    for cut in cuts.iter_mut() {
        let left = content[..*cut].trim_end();
        let Some(mark) = left.chars().next_back() else {
            continue;
        };
        if !matches!(mark, '"' | '“' | '„' | '«') {
            continue;
        }
        let at = left.len() - mark.len_utf8();
        let spaced = content[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let opens = content[*cut..]
            .trim_start()
            .starts_with(|c: char| c.is_alphanumeric());
        if spaced && opens {
            *cut = at;
            changed = true;
        }
    }
    if changed {
        cuts.retain(|&c| c != 0);
        cuts.sort_unstable();
        cuts.dedup();
    }
}

/// A section number alone (`1.1.`, `2.3.4`) belongs to the text after it, as a list marker
/// does; sentencex reads its last period as a sentence end.
pub(super) fn merge_section_numbers(content: &str, cuts: &mut Vec<usize>) {
    let mut start = 0;
    cuts.retain(|&cut| {
        let piece = content[start..cut].trim();
        let number = piece.trim_end_matches('.');
        let bare = number.contains('.')
            && number
                .split('.')
                .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
        if !bare {
            start = cut;
        }
        !bare
    });
}
