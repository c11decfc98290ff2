//! Check-worthiness: which signals a statement shows (numbers, comparisons, causes,
//! predictions, legal words, hedges, ...), a 0–1 score from their weights, and the claim type
//! the first matching type rule gives. Every signal names the words that matched it, so a
//! reviewer sees why.

use super::claim_type::ClaimType;
use super::rules::{Compiled, Rules};
use super::tokens::{Kind, Tokens};
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

/// Scores a tokenised statement. `attributed` says whether the attribution hint found a
/// source (the `Attributed` matcher).
pub fn assess(t: &Tokens, rules: &Rules, attributed: Option<&str>) -> (ClaimType, Checkworthy) {
    let mut reasons: Vec<Reason> = Vec::new();
    let mut matched: Vec<&str> = Vec::new();
    let mut score = rules.base;
    let mut word_hits = word_hits(t, rules);
    for (k, signal) in rules.signals.iter().enumerate() {
        let mut found: Vec<String> = std::mem::take(&mut word_hits[k]);
        find(t, &signal.matcher, attributed, &mut found);
        if found.is_empty() {
            continue;
        }
        // A signal listed under several matchers counts once.
        if !matched.contains(&signal.name.as_str()) {
            matched.push(&signal.name);
            score += signal.weight;
        }
        for text in found {
            let n = reasons.iter().filter(|r| r.signal == signal.name).count();
            let dup = reasons
                .iter()
                .any(|r| r.signal == signal.name && r.text.eq_ignore_ascii_case(&text));
            if n < MAX_PER_SIGNAL && !dup {
                reasons.push(Reason {
                    signal: signal.name.clone(),
                    text,
                });
            }
        }
    }
    let claim_type = rules
        .types
        .iter()
        .find(|rule| rule.any.iter().any(|s| matched.contains(&s.as_str())))
        .map_or(ClaimType::Other, |rule| rule.claim_type);
    let score = (score.clamp(0.0, 1.0) * 100.0).round() / 100.0;
    (claim_type, Checkworthy { score, reasons })
}

/// The words of every `Words` signal found in the statement, per signal, in one pass.
fn word_hits(t: &Tokens, rules: &Rules) -> Vec<Vec<String>> {
    let mut hits: Vec<Vec<String>> = vec![Vec::new(); rules.signals.len()];
    let first = words(t).next();
    for i in 0..t.len() {
        let mut taken: Vec<usize> = Vec::new();
        for (tag, len) in rules.signal_words.all_cased(t, i, Some(i) == first) {
            // Longest first; a signal takes one phrase per position.
            if taken.contains(&tag) || hits[tag].len() >= 8 {
                continue;
            }
            taken.push(tag);
            hits[tag].push(t.span_text(i, i + len - 1).to_string());
        }
    }
    hits
}

fn words<'a>(t: &'a Tokens<'_>) -> impl Iterator<Item = usize> + 'a {
    (0..t.len()).filter(|&i| t.is_word(i))
}

/// Collects the matched text of one matcher (up to a few hits; more add nothing).
fn find(t: &Tokens, m: &Compiled, attributed: Option<&str>, out: &mut Vec<String>) {
    const ENOUGH: usize = 8;
    match m {
        // Found for all word lists at once by `word_hits`.
        Compiled::Words(_) => {}
        Compiled::Numbers => out.extend(
            (0..t.len())
                .filter(|&i| t.toks[i].kind == Kind::Number)
                .take(ENOUGH)
                .map(|i| t.text(i).to_string()),
        ),
        Compiled::Years => out.extend(
            (0..t.len())
                .filter(|&i| t.toks[i].kind == Kind::Number && is_year(t.lower(i)))
                .take(ENOUGH)
                .map(|i| t.text(i).to_string()),
        ),
        Compiled::Names => {
            let first = words(t).next();
            out.extend(
                words(t)
                    .filter(|&i| Some(i) != first && t.toks[i].cap && !t.toks[i].acronym)
                    .filter(|&i| i == 0 || !is_opening_mark(t, i - 1))
                    .take(ENOUGH)
                    .map(|i| t.text(i).to_string()),
            )
        }
        Compiled::Acronyms => out.extend(
            words(t)
                .filter(|&i| t.toks[i].acronym)
                .take(ENOUGH)
                .map(|i| t.text(i).to_string()),
        ),
        Compiled::BeforeWord(next) => out.extend(
            (1..t.len())
                .filter(|&i| t.lower(i) == next && t.is_word(i - 1))
                .take(ENOUGH)
                .map(|i| t.span_text(i - 1, i).to_string()),
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
                .map(|i| t.text(i).to_string()),
        ),
        Compiled::Question => {
            let last = (0..t.len())
                .rev()
                .find(|&i| !matches!(t.toks[i].kind, Kind::Close | Kind::Straight));
            if let Some(i) = last.filter(|&i| t.lower(i) == "?") {
                out.push(t.text(i).to_string());
            }
        }
        Compiled::ShortLine(n) => {
            let count = words(t).count();
            if count < *n && !t.truncated {
                out.push(format!("{count} words"));
            }
        }
        Compiled::LineStarts(starts) => {
            // The statement's opening words, lower-cased, compared with each prefix.
            let head: String = t.src.chars().take(48).collect::<String>().to_lowercase();
            let head = head.trim_start();
            if let Some(s) = starts.iter().find(|s| head.starts_with(s.as_str())) {
                out.push(s.trim().to_string());
            }
        }
        Compiled::Attributed => {
            if let Some(cue) = attributed {
                out.push(cue.to_string());
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
