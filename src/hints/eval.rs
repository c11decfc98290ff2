//! Scoring attribution hints against hand labels (the JSON shape of
//! `labels/*.attribution.json`: statement openings with the acceptable source strings).
//! Used by the evaluation test and `cargo run --example hints_eval`.

use super::{Rules, hints_for_text};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Labels {
    #[serde(default)]
    pub about: String,
    /// `[statement opening, [acceptable source, ...]]`
    pub attributed: Vec<(String, Vec<String>)>,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// Counts for one article or a whole set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    pub statements: usize,
    /// Labelled attributed.
    pub labelled: usize,
    /// Flagged attributed by the hints.
    pub flagged: usize,
    pub true_positives: usize,
    /// True positives whose detected source contains an acceptable string.
    pub source_right: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.flagged)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.labelled)
    }

    pub fn source_accuracy(&self) -> f64 {
        ratio(self.source_right, self.true_positives)
    }

    pub fn add(&mut self, o: &Score) {
        self.statements += o.statements;
        self.labelled += o.labelled;
        self.flagged += o.flagged;
        self.true_positives += o.true_positives;
        self.source_right += o.source_right;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// One statement's outcome, for printing what went wrong.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub quote: String,
    /// Acceptable sources when labelled attributed.
    pub expected: Option<Vec<String>>,
    pub detected: Option<String>,
}

impl Outcome {
    pub fn source_right(&self) -> bool {
        match (&self.expected, &self.detected) {
            (Some(ok), Some(d)) => {
                let d = d.to_lowercase();
                ok.iter().any(|o| d.contains(&o.to_lowercase()))
            }
            _ => false,
        }
    }
}

fn without_opening_marks(s: &str) -> &str {
    s.trim_start_matches(['"', '“', '„', '«', '\'', '‘', ' '])
}

/// Scores the hints for `text` against `labels`. Fails when a label's opening matches no
/// statement (a label that silently counts for nothing would flatter the figures).
pub fn evaluate(
    text: &str,
    labels: &Labels,
    rules: &Rules,
) -> Result<(Score, Vec<Outcome>), String> {
    let hints = hints_for_text(text, rules);
    let mut used = vec![false; labels.attributed.len()];
    let mut score = Score::default();
    let mut outcomes = Vec::with_capacity(hints.len());
    let chars: Vec<(usize, usize)> = hints.iter().map(|h| (h.start, h.end)).collect();
    let index = crate::text::CharIndex::new(text);
    for (h, (s, e)) in hints.iter().zip(chars) {
        let quote = index.slice(text, s..e).unwrap_or_default();
        // Labels name a statement by its opening words; whether a quotation mark that
        // opens it is counted with it changed with the splitting rules.
        let opening = without_opening_marks(quote);
        let expected = labels
            .attributed
            .iter()
            .position(|(start, _)| opening.starts_with(without_opening_marks(start)))
            .map(|i| {
                used[i] = true;
                labels.attributed[i].1.clone()
            });
        let o = Outcome {
            quote: quote.to_string(),
            expected,
            detected: h.attribution.as_ref().map(|a| a.source.clone()),
        };
        score.statements += 1;
        score.labelled += usize::from(o.expected.is_some());
        score.flagged += usize::from(o.detected.is_some());
        if o.expected.is_some() && o.detected.is_some() {
            score.true_positives += 1;
            score.source_right += usize::from(o.source_right());
        }
        outcomes.push(o);
    }
    if let Some(i) = used.iter().position(|u| !u) {
        return Err(format!(
            "label {:?} matches no statement",
            labels.attributed[i].0
        ));
    }
    Ok((score, outcomes))
}
