//! Whose verdicts colour the article: mine, one reviewer's, final only, or mine against the
//! final verdict.

use crate::model::{Claim, Verdict};
use eframe::egui::Color32;

/// Marks disagreement everywhere in the app (Okabe–Ito reddish purple).
pub(super) const DIFFERS: Color32 = Color32::from_rgb(0xCC, 0x79, 0xA7);

/// Whose verdicts colour the article (View → Colour by).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Layer {
    /// My verdict, else the settled one.
    #[default]
    Mine,
    /// One reviewer's verdicts.
    Reviewer(String),
    /// Adjudicated final verdicts only.
    FinalOnly,
    /// The final verdict, and a mark where mine differs from it.
    MineVsFinal,
}

impl Layer {
    pub fn title(&self, me: &str) -> String {
        match self {
            Layer::Mine => "my verdicts".into(),
            Layer::Reviewer(n) if n == me => "my verdicts only".into(),
            Layer::Reviewer(n) => format!("{n}'s verdicts"),
            Layer::FinalOnly => "final verdicts only".into(),
            Layer::MineVsFinal => "where I differ from the final verdict".into(),
        }
    }

    /// The verdict a claim is painted with under this layer, and whether it is marked as
    /// differing (mine against the final one).
    pub fn verdict(&self, c: &Claim, me: &str) -> (Verdict, bool) {
        let fin = c.final_verdict.as_ref().map(|f| f.verdict);
        match self {
            Layer::Mine => (display_verdict(c, me), false),
            Layer::Reviewer(n) => (c.verdict_of(n), false),
            Layer::FinalOnly => (fin.unwrap_or(Verdict::Unreviewed), false),
            Layer::MineVsFinal => {
                let mine = c.verdict_of(me);
                let differs = fin.is_some_and(|f| mine.is_reviewed() && mine != f);
                (fin.unwrap_or(Verdict::Unreviewed), differs)
            }
        }
    }
}

/// The verdict a claim is painted with: the reviewer's own, else the settled one.
pub fn display_verdict(c: &Claim, reviewer: &str) -> Verdict {
    let own = c.verdict_of(reviewer);
    if own.is_reviewed() {
        own
    } else {
        c.settled_verdict().unwrap_or(Verdict::Unreviewed)
    }
}
