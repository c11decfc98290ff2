//! Finding an attribution cue and its source inside one statement, on words outside any
//! quotation: "X said Y", "Y, X said", "Y, said X", "according to X", passive "X was quoted as
//! saying", "with X claiming", a colon before a quotation, "X says Y" headlines. The source is
//! the noun phrase the cue governs; whether it is a pronoun or a short reference is decided
//! later (`sources`).

use super::rules::Rules;
use super::tokens::{Kind, Tokens};

/// A cue and its source, as token ranges `[start, end)` of the statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub cue: (usize, usize),
    pub source: (usize, usize),
}

/// Longest source phrase, in tokens (a relative clause may make it longer).
const MAX_NP: usize = 12;
const MAX_NP_RELATIVE: usize = 22;
const MAX_APPOSITIVE: usize = 16;
/// An appositive this short is kept in the source ("Ukrenergo, the national grid operator").
const KEEP_APPOSITIVE: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Verb,
    ThatVerb,
    Finding,
    Participle,
}

/// The first attribution in the statement, if any. `quoted[i]` is true for tokens inside a
/// quotation; cues there belong to the quoted speaker, not to the article.
pub fn detect(t: &Tokens, quoted: &[bool], rules: &Rules) -> Option<Found> {
    let c = &rules.cues;
    let n = t.len();
    let outside = |i: usize| !quoted.get(i).copied().unwrap_or(false);
    // "according to X", "as reported by X"
    for i in (0..n).filter(|&i| outside(i) && t.is_word(i)) {
        if let Some(len) = c.source_after.match_at(t, i)
            && let Some(src) = phrase_after(t, i + len, rules)
        {
            return Some(Found {
                cue: (i, i + len),
                source: src,
            });
        }
    }
    // "X was quoted as saying"
    for i in (0..n).filter(|&i| outside(i) && t.is_word(i)) {
        if let Some(len) = c.source_before.match_at(t, i)
            && let Some(src) = source_before(t, i, rules)
        {
            return Some(Found {
                cue: (i, i + len),
                source: src,
            });
        }
    }
    for i in (0..n).filter(|&i| outside(i) && t.is_word(i)) {
        let class = if c.verbs.has(t, i) {
            Class::Verb
        } else if c.finding_verbs.has(t, i) {
            Class::Finding
        } else if c.that_verbs.has(t, i) {
            Class::ThatVerb
        } else if c.participles.has(t, i) {
            Class::Participle
        } else {
            continue;
        };
        if blocked(t, i, rules) {
            continue;
        }
        if let Some(src) = verb_source(t, i, class, rules) {
            return Some(Found {
                cue: (i, i + 1),
                source: src,
            });
        }
    }
    // A colon before a quotation: `The ministry: “...”`
    for i in (1..n.saturating_sub(1)).filter(|&i| outside(i)) {
        if t.lower(i) == ":"
            && matches!(t.toks[i + 1].kind, Kind::Open | Kind::Straight)
            && let Some(src) = source_before(t, i, rules)
        {
            return Some(Found {
                cue: (i, i + 1),
                source: src,
            });
        }
    }
    None
}

/// Where a reporting verb's source is, by the order the sentence uses.
fn verb_source(t: &Tokens, i: usize, class: Class, rules: &Rules) -> Option<(usize, usize)> {
    let before = source_before(t, i, rules);
    match class {
        Class::Participle => {
            // Only "with X claiming ...": the noun right before the participle.
            let src = before?;
            (src.1 == i).then_some(src)
        }
        Class::Finding => {
            let src = before.or_else(|| clause_subject(t, i, rules))?;
            let doc = (src.0..src.1).any(|k| rules.cues.document_words.has_base(t, k));
            doc.then_some(src)
        }
        Class::ThatVerb => {
            let src = before?;
            (postposed(t, src, i, rules) || clause_follows(t, i)).then_some(src)
        }
        Class::Verb => before
            .or_else(|| inverted(t, i, rules))
            .or_else(|| clause_subject(t, i, rules)),
    }
}

/// "Y, X vowed." — the source follows a comma or quotation and nothing but punctuation or
/// an adjunct ("on Friday", "in a statement") follows the verb.
fn postposed(t: &Tokens, src: (usize, usize), verb: usize, rules: &Rules) -> bool {
    let after_boundary = src.0 > 0 && !t.is_word(src.0 - 1);
    let next = verb + 1;
    let ends = next >= t.len()
        || !t.is_word(next)
        || rules.cues.prepositions.has(t, next) && t.lower(next) != "to";
    after_boundary && ends
}

/// A that-clause, whether-clause, colon or quotation within a few words after the verb
/// ("warned on Thursday that", "told reporters that").
fn clause_follows(t: &Tokens, i: usize) -> bool {
    for k in i + 1..t.len().min(i + 6) {
        match t.toks[k].kind {
            Kind::Open | Kind::Straight => return true,
            Kind::Punct if t.lower(k) == ":" => return true,
            Kind::Punct if matches!(t.lower(k), "." | ";" | ",") => return false,
            _ if matches!(t.lower(k), "that" | "whether" | "if") => return true,
            _ => {}
        }
    }
    false
}

/// True when the word before the verb (past adverbs and auxiliaries) makes it something else:
/// an infinitive, a negation, a passive, a noun after a determiner; or the word after it
/// does ("claimed the lives").
fn blocked(t: &Tokens, i: usize, rules: &Rules) -> bool {
    let c = &rules.cues;
    let mut j = i;
    while j > 0 && t.is_word(j - 1) && c.skip_before_verb.has(t, j - 1) {
        j -= 1;
    }
    if j > 0 && c.blocked_before.has(t, j - 1) {
        return true;
    }
    // "have not said": the skipped auxiliaries may hide a negation or passive before them.
    if j < i && j > 0 && matches!(t.lower(j - 1), "not" | "n't" | "never") {
        return true;
    }
    let next = i + 1;
    next < t.len()
        && c.blocked_after
            .get(t.lower(i))
            .is_some_and(|words| words.contains(t.lower(next)))
}

/// A "." inside a statement follows an abbreviation ("Adm. John"), unless it ends the text.
fn inner_dot(t: &Tokens, k: usize) -> bool {
    t.lower(k) == "." && k + 1 < t.len() && t.is_word(k + 1) && k > 0 && t.is_word(k - 1)
}

/// The noun phrase ending right before token `i` (past adverbs and auxiliaries), reaching back
/// to a punctuation mark or a word that opens a clause; with an appositive between commas
/// ("Mark Juelfs, the fire chief, said") the name before it.
pub fn source_before(t: &Tokens, i: usize, rules: &Rules) -> Option<(usize, usize)> {
    let c = &rules.cues;
    let mut end = i;
    while end > 0 && t.is_word(end - 1) && c.skip_before_verb.has(t, end - 1) {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    if t.lower(end - 1) == "," {
        return appositive(t, end - 1, rules);
    }
    let start = phrase_start(t, end, rules)?;
    valid_source(t, start, end, rules).then_some((start, end))
}

/// Where the noun phrase ending at `end` begins, or `None` when it runs too long.
fn phrase_start(t: &Tokens, end: usize, rules: &Rules) -> Option<usize> {
    let c = &rules.cues;
    let mut k = end;
    let mut relative = false;
    while k > 0 {
        let p = k - 1;
        if !t.is_word(p) && !inner_dot(t, p) && !matches!(t.lower(p), "&" | "'") {
            break;
        }
        let w = t.lower(p);
        if matches!(w, "who" | "whose") {
            relative = true;
        }
        // "The U.S. and Britain said": "and" between names belongs to the source.
        let joins_names =
            w == "and" && p > 0 && t.toks[p - 1].cap && p + 1 < t.len() && t.toks[p + 1].cap;
        if c.clause_openers.has(t, p) && !joins_names {
            break;
        }
        k -= 1;
        let limit = if relative { MAX_NP_RELATIVE } else { MAX_NP };
        if end - k > limit {
            return None;
        }
    }
    Some(k)
}

/// `X, APPOSITIVE, verb`: the source is X, with the appositive when it is short.
fn appositive(t: &Tokens, comma: usize, rules: &Rules) -> Option<(usize, usize)> {
    let mut k = comma;
    while k > 0 && comma - k <= MAX_APPOSITIVE {
        let p = k - 1;
        if t.lower(p) == "," {
            let inner = comma - p - 1;
            let start = phrase_start(t, p, rules)?;
            if !valid_source(t, start, p, rules) || inner == 0 {
                return None;
            }
            let end = if inner <= KEEP_APPOSITIVE { comma } else { p };
            return Some((start, end));
        }
        if !t.is_word(p) && !inner_dot(t, p) && t.lower(p) != "'" {
            return None;
        }
        k -= 1;
    }
    None
}

/// Whether tokens `[a, b)` can be a source: words only, not too long, no finite verb or
/// subordinator (before a relative "who"), not ending on a determiner, preposition or
/// possessive, not starting with a preposition.
fn valid_source(t: &Tokens, a: usize, b: usize, rules: &Rules) -> bool {
    let c = &rules.cues;
    if a >= b || !t.is_word(a) || !t.is_word(b - 1) {
        return false;
    }
    if c.prepositions.has(t, a) {
        return false;
    }
    let last = b - 1;
    if c.blocked_before.has(t, last) || c.prepositions.has(t, last) || t.is_possessive(last) {
        return false;
    }
    for k in a..b {
        let w = t.lower(k);
        if matches!(w, "who" | "whose") {
            return k > a;
        }
        if c.not_in_source.has(t, k) && !t.toks[k].acronym {
            return false;
        }
    }
    true
}

/// Inverted order after a comma or closing quote: `“...,” said Mark Juelfs, chief of ...`.
fn inverted(t: &Tokens, i: usize, rules: &Rules) -> Option<(usize, usize)> {
    let c = &rules.cues;
    if i == 0 || t.is_word(i - 1) {
        return None;
    }
    let start = i + 1;
    if start >= t.len() || !t.is_word(start) {
        return None;
    }
    let first = t.lower(start);
    if c.prepositions.has(t, start) || c.not_in_source.has(t, start) {
        return None;
    }
    // A name or a title must come early: "said lead author Mingyang Song", "said the ministry".
    let named_early = (start..t.len().min(start + 4)).any(|k| t.toks[k].cap)
        || matches!(first, "the" | "a" | "an");
    if !named_early {
        return None;
    }
    let mut end = start;
    while end < t.len() && end - start < 20 {
        let w = t.lower(end);
        if end > start && matches!(w, "who" | "which" | "whose" | "that") {
            break;
        }
        if t.is_word(end) && c.not_in_source.has(t, end) && !t.toks[end].acronym {
            // "said the death toll was ...": a clause, not a speaker.
            return None;
        }
        if t.is_word(end) || inner_dot(t, end) || matches!(w, "'" | "-" | "&") {
            end += 1;
            continue;
        }
        // ", chief of ..." continues the source; ", who ..." / ", adding ..." does not.
        if w == ","
            && end + 1 < t.len()
            && t.is_word(end + 1)
            && !c.clause_openers.has(t, end + 1)
            && !c.participles.has(t, end + 1)
            && !matches!(t.lower(end + 1), "who" | "which" | "adding" | "according")
        {
            end += 1;
            continue;
        }
        break;
    }
    while end > start && !t.is_word(end - 1) {
        end -= 1;
    }
    (end > start).then_some((start, end))
}

/// The subject of the clause a verb ends up in when the words right before it are not one:
/// "The Bank of England kept rates ... and said", "Bank of England holds rates, warns ...".
/// Names and role words from the start of the clause.
fn clause_subject(t: &Tokens, i: usize, rules: &Rules) -> Option<(usize, usize)> {
    let prev = (0..i).rev().find(|&k| t.is_word(k))?;
    let joined = matches!(t.lower(prev), "and" | "but") || t.lower(i - 1) == ",";
    if !joined {
        return None;
    }
    // The clause starts after the last dash, quote, bracket or semicolon before the verb.
    let start = (0..i)
        .rev()
        .find(|&k| {
            matches!(t.toks[k].kind, Kind::Open | Kind::Close | Kind::Straight)
                || matches!(t.lower(k), "—" | "–" | "-" | ";" | "(" | ")" | ":")
        })
        .map_or(0, |k| k + 1);
    let s = &rules.sources;
    let mut end = start;
    while end < i {
        let w = t.base(end);
        let fits = t.toks[end].cap
            || matches!(w, "the" | "a" | "an" | "of" | "for")
            || s.org_words.has_base(t, end)
            || s.person_words.has_base(t, end)
            || inner_dot(t, end);
        if !fits {
            break;
        }
        end += 1;
    }
    while end > start && (!t.is_word(end - 1) || matches!(t.lower(end - 1), "of" | "for" | "the")) {
        end -= 1;
    }
    let has_name = (start..end).any(|k| t.toks[k].cap && !s.not_names.has(t, k))
        || (start..end).any(|k| s.org_words.has_base(t, k));
    (end > start && has_name && valid_source(t, start, end, rules)).then_some((start, end))
}

/// The source after "according to": up to the next punctuation or clause word.
fn phrase_after(t: &Tokens, i: usize, rules: &Rules) -> Option<(usize, usize)> {
    let c = &rules.cues;
    let mut end = i;
    while end < t.len() && end - i < 14 {
        let w = t.lower(end);
        if !(t.is_word(end) || inner_dot(t, end) || matches!(w, "'" | "&" | "-")) {
            break;
        }
        if matches!(w, "that" | "which" | "who") || (end > i && c.clause_openers.has(t, end)) {
            break;
        }
        end += 1;
    }
    (end > i && !c.prepositions.has(t, i)).then_some((i, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(s: &str) -> Option<(String, String)> {
        let rules = Rules::shipped();
        let t = Tokens::read(s, usize::MAX, &rules);
        let quoted = vec![false; t.len()];
        detect(&t, &quoted, &rules).map(|f| {
            (
                t.span_text(f.cue.0, f.cue.1 - 1).to_string(),
                t.span_text(f.source.0, f.source.1 - 1).to_string(),
            )
        })
    }

    #[test]
    fn finds_the_common_orders() {
        assert_eq!(
            find("The ministry said 12 people died."),
            Some(("said".into(), "The ministry".into()))
        );
        assert_eq!(
            find("Twelve people died, the ministry said on Friday."),
            Some(("said".into(), "the ministry".into()))
        );
        assert_eq!(find("There were also reported casualties."), None);
    }
}
