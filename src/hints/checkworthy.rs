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

/// The words that showed a signal: the statement's own, or a text of their own ("4 words").
enum Piece<'a> {
    Text(&'a str),
    Owned(String),
}

impl Piece<'_> {
    fn text(&self) -> &str {
        match self {
            Piece::Text(s) => s,
            Piece::Owned(s) => s,
        }
    }
}

/// Where `Signals::show` put a statement's words, for `Signals::assess`.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    start: usize,
    end: usize,
}

/// The signals of an article's statements: read with each statement (`show`, every matcher
/// but `Attributed`) and scored once its attribution is known (`assess`, which may come from
/// a later statement's quotation). Keeps only the words found, not the statement's tokens,
/// and reuses its buffers from statement to statement.
#[derive(Default)]
pub struct Signals<'a> {
    /// The signals' words of every statement shown, each statement's in signal order: the
    /// signal's index and the words.
    pieces: Vec<(usize, Piece<'a>)>,
    /// Per signal: the token spans its word list matched in the current statement.
    hits: Vec<Vec<(usize, usize)>>,
    /// Signals that took a phrase at the current token.
    taken: Vec<usize>,
    /// By signal name (`Signal::name_id`): matched in the statement being scored.
    matched: Vec<bool>,
    /// The reasons to give, in order: the signal's index and its words (an index into the
    /// statement's pieces, or `CUE`).
    kept: Vec<(usize, usize)>,
}

/// In `Signals::kept`: the attribution's cue, the `Attributed` matcher's words.
const CUE: usize = usize::MAX;

impl<'a> Signals<'a> {
    /// Finds what a tokenised statement shows, but for its attribution.
    pub fn show(&mut self, t: &Tokens<'a>, rules: &'a Rules) -> Shown {
        let start = self.pieces.len();
        word_hits(t, rules, &mut self.hits, &mut self.taken);
        for (k, signal) in rules.signals.iter().enumerate() {
            let hits = &self.hits[k];
            self.pieces.extend(
                hits.iter()
                    .map(|&(a, b)| (k, Piece::Text(t.span_text(a, b)))),
            );
            find(t, k, &signal.matcher, &mut self.pieces);
        }
        Shown {
            start,
            end: self.pieces.len(),
        }
    }

    /// Scores a statement `show` read. `attributed`: the cue of the statement's attribution,
    /// if the attribution hint found a source (the `Attributed` matcher).
    pub fn assess(
        &mut self,
        shown: Shown,
        rules: &Rules,
        attributed: Option<&str>,
    ) -> (ClaimType, Checkworthy) {
        let Signals {
            pieces,
            matched,
            kept,
            ..
        } = self;
        let pieces = &pieces[shown.start..shown.end];
        let text = |i: usize| {
            if i == CUE {
                attributed.unwrap_or_default()
            } else {
                pieces[i].1.text()
            }
        };
        let mut score = rules.base;
        matched.clear();
        matched.resize(rules.signals.len(), false);
        kept.clear();
        let mut next = 0;
        for (k, signal) in rules.signals.iter().enumerate() {
            let first = next;
            while next < pieces.len() && pieces[next].0 == k {
                next += 1;
            }
            let cue = matches!(signal.matcher, Compiled::Attributed) && attributed.is_some();
            if first == next && !cue {
                continue;
            }
            // A signal listed under several matchers counts once.
            if !matched[signal.name_id] {
                matched[signal.name_id] = true;
                score += signal.weight;
            }
            for i in (first..next).chain(cue.then_some(CUE)) {
                let same_signal = || {
                    kept.iter()
                        .filter(|(s, _)| rules.signals[*s].name_id == signal.name_id)
                };
                let n = same_signal().count();
                let dup = same_signal().any(|&(_, j)| text(j).eq_ignore_ascii_case(text(i)));
                if n < MAX_PER_SIGNAL && !dup {
                    kept.push((k, i));
                }
            }
        }
        let reasons = kept
            .iter()
            .map(|&(k, i)| Reason {
                signal: rules.signals[k].name.clone(),
                text: text(i).to_string(),
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
}

/// The words of every `Words` signal found in the statement, per signal, in one pass.
fn word_hits(
    t: &Tokens,
    rules: &Rules,
    hits: &mut Vec<Vec<(usize, usize)>>,
    taken: &mut Vec<usize>,
) {
    hits.truncate(rules.signals.len());
    hits.iter_mut().for_each(Vec::clear);
    hits.resize_with(rules.signals.len(), Vec::new);
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

/// Collects the matched text of signal `k`'s matcher (up to a few hits; more add nothing).
fn find<'a>(t: &Tokens<'a>, k: usize, m: &'a Compiled, out: &mut Vec<(usize, Piece<'a>)>) {
    const ENOUGH: usize = 8;
    let one = |i: usize| (k, Piece::Text(t.text(i)));
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
                .map(|i| (k, Piece::Text(t.span_text(i - 1, i)))),
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
                out.push((k, Piece::Owned(format!("{count} words"))));
            }
        }
        Compiled::LineStarts(starts) => {
            // The statement's opening words, lower-cased, compared with each prefix.
            let start = with_lower_head(t.src, 48, |head| {
                let head = head.trim_start();
                starts.iter().find(|s| head.starts_with(s.as_str()))
            });
            if let Some(s) = start {
                out.push((k, Piece::Text(s.trim())));
            }
        }
        // Known only once the attribution is: added by `Signals::assess`.
        Compiled::Attributed => {}
    }
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..=2099).contains(&y))
}

fn is_opening_mark(t: &Tokens, i: usize) -> bool {
    matches!(t.toks[i].kind, Kind::Open | Kind::Straight) || t.lower(i) == "("
}
