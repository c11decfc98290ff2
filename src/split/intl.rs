//! Break rules for languages other than English (version 2), from the newsroom lists in
//! `lexicon`: abbreviations before names never end a sentence (`Dr. Müller`, `вул. Хрещатик`),
//! abbreviations that may end one do so before a sentence opener (`1,2 Mio. Die Regierung`),
//! initials in any script stay with the name (`В. Зеленський`), German ordinals stay with
//! their noun (`der 2. Weltkrieg`), and Cyrillic units and years end a sentence before a
//! capitalised word unless the number opens the sentence (`У 2023 р. Україна ...`).
//!
//! Each rule looks at one period followed by whitespace and a capitalised word, wherever
//! sentencex put its breaks, and says "break", "no break" or "no opinion".

use sentencex::languages::Language;

use super::lexicon::{Class, Lexicon, same_word};
use super::rules::{first_word, last_word, word_before};

/// Applies the lexicon's verdicts to the breaks after periods in `line`: adds the breaks
/// sentencex missed and removes the ones it should not have made. `cuts` stay sorted.
pub(super) fn apply_lexicon(
    line: &str,
    lex: &Lexicon,
    segmenter: &dyn Language,
    cuts: &mut Vec<usize>,
) {
    let bytes = line.as_bytes();
    let mut verdicts: Vec<(usize, bool)> = Vec::new();
    let mut from = 0;
    while let Some(rel) = bytes[from..].iter().position(|&b| b == b'.') {
        let dot = from + rel;
        from = dot + 1;
        // Runs of periods are ellipses: sentencex's business.
        if bytes.get(dot + 1) == Some(&b'.') || (dot > 0 && bytes[dot - 1] == b'.') {
            continue;
        }
        let after = &line[dot + 1..];
        let rest = after.trim_start();
        if rest.len() == after.len() || rest.is_empty() {
            continue;
        }
        let at = line.len() - rest.len();
        if let Some(verdict) = judge(line, dot, at, lex, segmenter, cuts) {
            verdicts.push((at, verdict));
        }
    }
    if verdicts.is_empty() {
        return;
    }
    // Verdicts come in text order: a binary search keeps this linear-ish on huge lines.
    cuts.retain(|c| {
        verdicts
            .binary_search_by_key(c, |&(at, _)| at)
            .map_or(true, |i| verdicts[i].1)
    });
    cuts.extend(
        verdicts
            .iter()
            .filter(|&&(_, keep)| keep)
            .map(|&(at, _)| at),
    );
    cuts.sort_unstable();
    cuts.dedup();
}

/// The lexicon's verdict on a break at `at` (a word start after whitespace): `Some(false)`
/// when it must not be there, `Some(true)` when it must, `None` for no opinion. `cuts` are the
/// other breaks, sorted.
pub(super) fn verdict_at(
    line: &str,
    at: usize,
    lex: &Lexicon,
    segmenter: &dyn Language,
    cuts: &[usize],
) -> Option<bool> {
    let before = line[..at].trim_end();
    if before.len() == at || !before.ends_with('.') || before.ends_with("..") {
        return None;
    }
    judge(line, before.len() - 1, at, lex, segmenter, cuts)
}

/// The verdict on a break at `at` (start of the next word) after the period at `dot`.
fn judge(
    line: &str,
    dot: usize,
    at: usize,
    lex: &Lexicon,
    segmenter: &dyn Language,
    cuts: &[usize],
) -> Option<bool> {
    let left = &line[..=dot];
    let token = last_word(left);
    let stem = token.strip_suffix('.').unwrap_or(token);
    // French and Italian elide articles into the word: `l'art.` is `art.`.
    let stem = stem.rsplit(['\'', '’']).next().unwrap_or(stem);
    if stem.is_empty() {
        return None;
    }
    let next = first_word(&line[at..]);
    let first = next.chars().next()?;
    if first.is_ascii_digit() {
        // `ст. 83`, `l'art. 49.3`: an abbreviation written before numbers goes on.
        let prefix = lex.class(stem) == Some(Class::Prefix)
            || matches!(
                multi_part(left, &line[at..], lex),
                Some(MultiAt::End(Class::Prefix) | MultiAt::Inside)
            );
        if prefix {
            return Some(false);
        }
        // `... geboren. 30 Jahre später ...`: after a plain word a number starts a sentence
        // (sentencex's German reads any digit as going on, for dates like `am 5. 6. Mai`).
        let plain = stem.chars().count() >= 4
            && stem.chars().all(char::is_alphabetic)
            && lex.class(stem).is_none()
            && !is_sentencex_abbreviation(segmenter, stem);
        return plain.then_some(true);
    }
    if !first.is_uppercase() {
        // Lowercase continues (a shared rule); symbols are sentencex's call.
        return None;
    }
    let starter = lex.is_starter(next.trim_end_matches([',', ';', ':'])) && !next.ends_with('.');
    // `р/р`, `m/s`: a compound of slashes is no abbreviation we list; like a word, it ends a
    // sentence before a capital (German: before an opener).
    if stem.contains('/') {
        return Some(starter || (!lex.capitalised_nouns && !is_acronym(next)));
    }

    if let Some(class) = multi_part(left, &line[at..], lex) {
        return Some(match class {
            MultiAt::Inside | MultiAt::End(Class::Prefix) => false,
            MultiAt::End(Class::Suffix) => starter,
            MultiAt::End(Class::Ender) => true,
        });
    }
    if !lex.ordinal_nouns.is_empty() && is_ordinal(stem) && !starter {
        let before = word_before(left);
        if lex.ordinal_before.iter().any(|w| same_word(w, before))
            || lex.ordinal_nouns.iter().any(|w| same_word(w, next))
        {
            return Some(false);
        }
    }
    if lex.is_unit(stem) && is_number(word_before(left)) {
        if starter {
            return Some(true);
        }
        if is_acronym(next) || opens_piece(line, dot, cuts, lex) {
            return Some(false);
        }
        return Some(true);
    }
    let mut letters = stem.chars();
    let single = match (letters.next(), letters.next()) {
        (Some(c), None) if c.is_alphabetic() => Some(c),
        _ => None,
    };
    let class = lex.class(stem);
    // An initial (`В. Зеленський`, `J. R. R. Tolkien`): a new sentence only before an
    // opener. Listed titles (French `M.`) never end one.
    if single.is_some_and(char::is_uppercase) && class != Some(Class::Prefix) {
        return Some(starter);
    }
    match class {
        Some(Class::Prefix) => return Some(false),
        Some(Class::Ender) => return Some(true),
        // `28 Mrd. Euro` in German; `Харківській обл. Постраждалих` elsewhere.
        Some(Class::Suffix) if lex.capitalised_nouns => return Some(starter),
        Some(Class::Suffix) => return Some(starter || !is_acronym(next)),
        None => {}
    }
    // One part of a spaced abbreviation we do not list.
    if single.is_some() && !starter {
        return Some(false);
    }
    // An abbreviation sentencex knows: like its English override, a sentence opener after
    // it starts a new sentence.
    if starter && is_sentencex_abbreviation(segmenter, stem) {
        return Some(true);
    }
    None
}

enum MultiAt {
    /// The period ends a full spaced abbreviation (`z. B.`) of this class.
    End(Class),
    /// The period is inside one (`z. | B.`).
    Inside,
}

/// Whether the period ending `left` ends or is inside a spaced abbreviation (`z. B.`,
/// `т. зв.`, `EE. UU.`), also written without spaces (`z.B.`).
fn multi_part(left: &str, right: &str, lex: &Lexicon) -> Option<MultiAt> {
    // Parts are one to three letters: a longer word before the period rules all out.
    let last = left
        .strip_suffix('.')
        .unwrap_or(left)
        .rsplit([' ', '.'])
        .next()
        .unwrap_or("");
    if lex.multi.is_empty() || last.chars().count() > 3 {
        return None;
    }
    // The last few period-ended parts on the left (nearest last) and the first ones on the
    // right, at most four each, without allocating.
    let mut before = [""; 4];
    let mut nb = 0;
    'words: for word in left.rsplit(char::is_whitespace).take(3) {
        let word = word.trim_start_matches(is_opening);
        let Some(stem) = word.strip_suffix('.') else {
            break;
        };
        for part in stem.rsplit('.') {
            if nb == before.len() {
                break 'words;
            }
            before[nb] = part;
            nb += 1;
        }
    }
    before[..nb].reverse();
    let before = &before[..nb];
    let mut after = [""; 3];
    let mut na = 0;
    for word in right.split(char::is_whitespace).take(3) {
        let Some(part) = word.strip_suffix('.') else {
            break;
        };
        after[na] = part;
        na += 1;
    }
    let after = &after[..na];
    for (parts, class) in lex.multi {
        let n = parts.len();
        // Ends here: the last n parts before the period are the abbreviation.
        if before.len() >= n
            && before[before.len() - n..]
                .iter()
                .zip(parts.iter())
                .all(|(w, p)| same_word(p, w))
        {
            return Some(MultiAt::End(*class));
        }
        // Inside: some leading parts before, the rest after.
        for k in 1..n {
            if before.len() >= k
                && after.len() >= n - k
                && before[before.len() - k..]
                    .iter()
                    .chain(after[..n - k].iter())
                    .zip(parts.iter())
                    .all(|(w, p)| same_word(p, w))
            {
                return Some(MultiAt::Inside);
            }
        }
    }
    None
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '\'' | '“' | '‘' | '«' | '‹' | '„' | '—' | '–'
    )
}

/// `5`, `19`, `100`: a German ordinal's number.
fn is_ordinal(stem: &str) -> bool {
    (1..=3).contains(&stem.len()) && stem.bytes().all(|b| b.is_ascii_digit())
}

/// A number as written before a unit: `2024`, `2,5`, `1.200`, `400`, a Roman numeral
/// (`XX ст.`), or a number word that is itself a unit (`2,5 млрд грн.`).
fn is_number(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',']);
    let roman = !word.is_empty() && word.chars().all(|c| "IVXLCDM".contains(c));
    roman
        || (word.starts_with(|c: char| c.is_ascii_digit())
            && word
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '–')))
        || matches!(
            word,
            "тис" | "млн" | "млрд" | "трлн" | "тыс" | "тис." | "тыс." | "млн." | "млрд."
        )
}

/// `ВВП`, `ЗСУ`, `NATO`: an all-capitals word of two letters or more.
fn is_acronym(word: &str) -> bool {
    let letters = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    letters.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !letters.chars().any(char::is_lowercase)
}

/// Whether the number phrase ending at `dot` opens its statement or clause, so that the
/// capitalised word after it is its subject, not a new sentence: `У 2023 р. Україна ...`,
/// `..., що у 2024 р. Україна ...`. The phrase must come within the first words of the
/// statement (which starts with a preposition or other opener) or of a clause after a comma.
/// `Встреча прошла в 2023 г. Путин ...` and `... 2024 р. Документ ...` end at the period.
fn opens_piece(line: &str, dot: usize, cuts: &[usize], lex: &Lexicon) -> bool {
    let i = cuts.partition_point(|&c| c <= dot);
    let start = if i > 0 { cuts[i - 1] } else { 0 };
    let piece = &line[start..dot];
    if let Some(comma) = piece.rfind([',', ';', ':']) {
        return piece[comma + 1..].split_whitespace().count() <= 5;
    }
    let mut words = piece.split_whitespace();
    let first = words.next().unwrap_or("");
    lex.is_starter(first) && words.count() < 6
}

fn is_sentencex_abbreviation(segmenter: &dyn Language, stem: &str) -> bool {
    let abbreviations = segmenter.get_abbreviations();
    if stem.chars().any(char::is_uppercase) {
        abbreviations.contains(stem.to_lowercase().as_str())
    } else {
        abbreviations.contains(stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::lexicon::for_language;

    fn lex(code: &str) -> &'static Lexicon {
        for_language(code).unwrap()
    }

    #[test]
    fn spaced_abbreviations() {
        let de = lex("de");
        assert!(matches!(
            multi_part("man werde z. B.", "Flugabwehr", de),
            Some(MultiAt::End(Class::Prefix))
        ));
        assert!(matches!(
            multi_part("man werde z.", "B. Flugabwehr", de),
            Some(MultiAt::Inside)
        ));
        assert!(matches!(
            multi_part("man werde z.B.", "Flugabwehr", de),
            Some(MultiAt::End(Class::Prefix))
        ));
        assert!(multi_part("Er kam am 5.", "Mai", de).is_none());
        let uk = lex("uk");
        assert!(matches!(
            multi_part("Там були МЗС, СБУ і т. д.", "Рішення", uk),
            Some(MultiAt::End(Class::Ender))
        ));
    }

    #[test]
    fn numbers_and_acronyms() {
        assert!(is_number("2024") && is_number("2,5") && is_number("млрд"));
        assert!(!is_number("року"));
        assert!(
            is_acronym("ВВП") && is_acronym("NATO,") && !is_acronym("Київ") && !is_acronym("В")
        );
    }
}
