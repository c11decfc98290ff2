//! Check-worthiness: which signals a statement shows (numbers, comparisons, causes,
//! predictions, legal words, hedges, ...), a 0–1 score from their weights, and the claim type
//! the first matching type rule gives. Every signal names the words that matched it, so a
//! reviewer sees why.

use super::claim_type::ClaimType;
use super::rules::{Compiled, Rules};
use super::tokens::{Kind, Tokens, with_lower_head};
use serde::Serialize;

/// One reason: a signal and the words in the statement that showed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub signal: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checkworthy {
    /// 0 (filler) to 1 (check this first), two decimals.
    pub score: f64,
    pub reasons: Vec<Reason>,
}

/// At most this many reasons per signal: a table of figures need not list every one.
const MAX_PER_SIGNAL: usize = 3;

/// The words that showed a signal: tokens `[a, b]` of the statement, or text of their own.
enum Piece {
    Span(usize, usize),
    Owned(String),
}

impl Piece {
    fn text<'a>(&'a self, t: &Tokens<'a>) -> &'a str {
        match self {
            Piece::Span(a, b) => t.span_text(*a, *b),
            Piece::Owned(s) => s,
        }
    }

    fn into_string(self, t: &Tokens) -> String {
        match self {
            Piece::Span(a, b) => t.span_text(a, b).to_string(),
            Piece::Owned(s) => s,
        }
    }
}

/// Buffers `assess` reuses from one statement to the next, so matches that end up in no
/// reason cost no allocation.
#[derive(Default)]
pub struct Scratch {
    /// Per signal: the token spans its word list matched.
    hits: Vec<Vec<(usize, usize)>>,
    /// Signals that took a phrase at the current token.
    taken: Vec<usize>,
    /// What the current signal found.
    found: Vec<Piece>,
    /// By signal name (`Signal::name_id`): matched in this statement.
    matched: Vec<bool>,
    /// The reasons to give, in order: the signal's index and its words.
    kept: Vec<(usize, Piece)>,
}

/// Scores a tokenised statement. `attributed` says whether the attribution hint found a
/// source (the `Attributed` matcher).
pub fn assess(
    t: &Tokens,
    rules: &Rules,
    attributed: Option<&str>,
    scratch: &mut Scratch,
) -> (ClaimType, Checkworthy) {
    let mut score = rules.base;
    word_hits(t, rules, scratch);
    let Scratch {
        hits,
        found,
        matched,
        kept,
        ..
    } = scratch;
    matched.clear();
    matched.resize(rules.signals.len(), false);
    kept.clear();
    for (k, signal) in rules.signals.iter().enumerate() {
        found.clear();
        found.extend(hits[k].iter().map(|&(a, b)| Piece::Span(a, b)));
        find(t, &signal.matcher, attributed, found);
        if found.is_empty() {
            continue;
        }
        // A signal listed under several matchers counts once.
        if !matched[signal.name_id] {
            matched[signal.name_id] = true;
            score += signal.weight;
        }
        for piece in found.drain(..) {
            let text = piece.text(t);
            let same_signal = || {
                kept.iter()
                    .filter(|(s, _)| rules.signals[*s].name_id == signal.name_id)
            };
            let n = same_signal().count();
            let dup = same_signal().any(|(_, p)| p.text(t).eq_ignore_ascii_case(text));
            if n < MAX_PER_SIGNAL && !dup {
                kept.push((k, piece));
            }
        }
    }
    let reasons = kept
        .drain(..)
        .map(|(k, piece)| Reason {
            signal: rules.signals[k].name.clone(),
            text: piece.into_string(t),
        })
        .collect();
    let claim_type = rules
        .types
        .iter()
        .zip(&rules.type_signals)
        .find(|(_, names)| names.iter().any(|&id| matched[id]))
        .map_or(ClaimType::Other, |(rule, _)| rule.claim_type);
    let score = (score.clamp(0.0, 1.0) * 100.0).round() / 100.0;
    (claim_type, Checkworthy { score, reasons })
}

/// The words of every `Words` signal found in the statement, per signal, in one pass.
fn word_hits(t: &Tokens, rules: &Rules, scratch: &mut Scratch) {
    let hits = &mut scratch.hits;
    hits.truncate(rules.signals.len());
    hits.iter_mut().for_each(Vec::clear);
    hits.resize_with(rules.signals.len(), Vec::new);
    let taken = &mut scratch.taken;
    let first = words(t).next();
    for i in 0..t.len() {
        taken.clear();
        for (tag, len) in rules.signal_words.all_cased(t, i, Some(i) == first) {
            // Longest first; a signal takes one phrase per position.
            if taken.contains(&tag) || hits[tag].len() >= 8 {
                continue;
            }
            taken.push(tag);
            hits[tag].push((i, i + len - 1));
        }
    }
}

fn words<'a>(t: &'a Tokens<'_>) -> impl Iterator<Item = usize> + 'a {
    (0..t.len()).filter(|&i| t.is_word(i))
}

/// Collects the matched text of one matcher (up to a few hits; more add nothing).
fn find(t: &Tokens, m: &Compiled, attributed: Option<&str>, out: &mut Vec<Piece>) {
    const ENOUGH: usize = 8;
    let one = |i: usize| Piece::Span(i, i);
    match m {
        // Found for all word lists at once by `word_hits`.
        Compiled::Words(_) => {}
        Compiled::Numbers => out.extend(
            (0..t.len())
                .filter(|&i| t.toks[i].kind == Kind::Number)
                .take(ENOUGH)
                .map(one),
        ),
        Compiled::Years => out.extend(
            (0..t.len())
                .filter(|&i| t.toks[i].kind == Kind::Number && is_year(t.lower(i)))
                .take(ENOUGH)
                .map(one),
        ),
        Compiled::Names => {
            let first = words(t).next();
            out.extend(
                words(t)
                    .filter(|&i| Some(i) != first && t.toks[i].cap && !t.toks[i].acronym)
                    .filter(|&i| i == 0 || !is_opening_mark(t, i - 1))
                    .take(ENOUGH)
                    .map(one),
            )
        }
        Compiled::Acronyms => out.extend(
            words(t)
                .filter(|&i| t.toks[i].acronym)
                .take(ENOUGH)
                .map(one),
        ),
        Compiled::BeforeWord(next) => out.extend(
            (1..t.len())
                .filter(|&i| t.lower(i) == next && t.is_word(i - 1))
                .take(ENOUGH)
                .map(|i| Piece::Span(i - 1, i)),
        ),
        Compiled::Suffix {
            ends,
            min_len,
            except,
        } => out.extend(
            words(t)
                .filter(|&i| {
                    let w = t.lower(i);
                    w.chars().count() >= *min_len
                        && ends.iter().any(|e| w.ends_with(e.as_str()))
                        && !except.contains(w)
                        && !t.toks[i].cap
                })
                .take(ENOUGH)
                .map(one),
        ),
        Compiled::Question => {
            let last = (0..t.len())
                .rev()
                .find(|&i| !matches!(t.toks[i].kind, Kind::Close | Kind::Straight));
            if let Some(i) = last.filter(|&i| t.lower(i) == "?") {
                out.push(one(i));
            }
        }
        Compiled::ShortLine(n) => {
            let count = words(t).count();
            if count < *n && !t.truncated {
                out.push(Piece::Owned(format!("{count} words")));
            }
        }
        Compiled::LineStarts(starts) => {
            // The statement's opening words, lower-cased, compared with each prefix.
            let start = with_lower_head(t.src, 48, |head| {
                let head = head.trim_start();
                starts.iter().find(|s| head.starts_with(s.as_str()))
            });
            if let Some(s) = start {
                out.push(Piece::Owned(s.trim().to_string()));
            }
        }
        Compiled::Attributed => {
            if let Some(cue) = attributed {
                out.push(Piece::Owned(cue.to_string()));
            }
        }
    }
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..=2099).contains(&y))
}

fn is_opening_mark(t: &Tokens, i: usize) -> bool {
    matches!(t.toks[i].kind, Kind::Open | Kind::Straight) || t.lower(i) == "("
}
