//! How consistently reviewers judge the same claims: percent agreement and Cohen's κ for each
//! pair, Fleiss' κ and Krippendorff's α (nominal) for everyone, the confusion matrix, and
//! always how many claims each figure left out, so a perfect score never hides claims only
//! one reviewer judged.
//!
//! Items are claims; categories are the three verdicts; "unreviewed" is a missing value.

use crate::model::{Project, Verdict};
use serde::Serialize;

/// The verdicts that count as judgements, in matrix order.
pub const CATEGORIES: [Verdict; 3] = [
    Verdict::Verified,
    Verdict::AttributedOnly,
    Verdict::Disputed,
];

fn category(v: Verdict) -> Option<usize> {
    CATEGORIES.iter().position(|&c| c == v)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairAgreement {
    pub a: String,
    pub b: String,
    /// Claims both reviewers judged: what the figures are computed on.
    pub items: usize,
    /// Claims left out because one or both did not judge them.
    pub left_out: usize,
    /// Share of `items` where both gave the same verdict (0–1); `None` when `items` is 0.
    pub percent: Option<f64>,
    /// `None` when undefined (no items, or chance agreement is 1).
    pub cohen_kappa: Option<f64>,
    /// `confusion[i][j]`: claims `a` judged `CATEGORIES[i]` and `b` judged `CATEGORIES[j]`.
    pub confusion: [[usize; 3]; 3],
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFigure {
    pub value: Option<f64>,
    /// Claims the figure used.
    pub items: usize,
    /// Claims it left out, and why (see the field's doc on `Agreement`).
    pub left_out: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub reviewers: Vec<String>,
    pub claims: usize,
    pub pairs: Vec<PairAgreement>,
    /// Over claims every reviewer judged (Fleiss needs the same number of ratings per item).
    pub fleiss_kappa: GroupFigure,
    /// Over claims at least two reviewers judged (α handles missing reviews).
    pub krippendorff_alpha: GroupFigure,
    /// Claims where reviewers differ and no final verdict was chosen.
    pub open_disagreements: usize,
}

/// Agreement among every reviewer of the project.
pub fn agreement(p: &Project) -> Agreement {
    let names = &p.reviewers;
    // ratings[item][reviewer]: category index or None.
    let ratings: Vec<Vec<Option<usize>>> = p
        .claims
        .iter()
        .map(|c| names.iter().map(|n| category(c.verdict_of(n))).collect())
        .collect();
    let mut pairs = Vec::new();
    for i in 0..names.len() {
        for j in i + 1..names.len() {
            pairs.push(pair(
                &names[i],
                &names[j],
                ratings.iter().map(|r| (r[i], r[j])),
            ));
        }
    }
    Agreement {
        reviewers: names.clone(),
        claims: p.claims.len(),
        pairs,
        fleiss_kappa: fleiss(&ratings, names.len()),
        krippendorff_alpha: krippendorff(&ratings),
        open_disagreements: p.claims.iter().filter(|c| c.is_disagreement()).count(),
    }
}

/// Percent agreement, Cohen's κ and the confusion matrix of two raters over paired ratings.
pub fn pair(
    a: &str,
    b: &str,
    ratings: impl Iterator<Item = (Option<usize>, Option<usize>)>,
) -> PairAgreement {
    let mut confusion = [[0usize; 3]; 3];
    let (mut items, mut total) = (0, 0);
    for (x, y) in ratings {
        total += 1;
        if let (Some(x), Some(y)) = (x, y) {
            confusion[x][y] += 1;
            items += 1;
        }
    }
    let (percent, cohen_kappa) = cohen(&confusion);
    PairAgreement {
        a: a.into(),
        b: b.into(),
        items,
        left_out: total - items,
        percent,
        cohen_kappa,
        confusion,
    }
}

/// Observed agreement and Cohen's κ from a square confusion matrix of counts.
pub fn cohen<const K: usize>(m: &[[usize; K]; K]) -> (Option<f64>, Option<f64>) {
    let n: usize = m.iter().flatten().sum();
    if n == 0 {
        return (None, None);
    }
    let n = n as f64;
    let po = (0..K).map(|k| m[k][k]).sum::<usize>() as f64 / n;
    let pe: f64 = (0..K)
        .map(|k| {
            let row: usize = m[k].iter().sum();
            let col: usize = m.iter().map(|r| r[k]).sum();
            (row as f64 / n) * (col as f64 / n)
        })
        .sum();
    let kappa = ((1.0 - pe).abs() > 1e-12).then(|| (po - pe) / (1.0 - pe));
    (Some(po), kappa)
}

/// Fleiss' κ over the items rated by all `raters` (others are left out), for the three
/// verdict categories.
pub fn fleiss(ratings: &[Vec<Option<usize>>], raters: usize) -> GroupFigure {
    fleiss_matrix::<3>(ratings, raters)
}

/// Fleiss' κ over a rating matrix with `K` categories: `ratings[item][rater]` is a category
/// index below `K` or `None` (not rated). Items not rated by all `raters` are left out.
///
/// # Panics
/// If a category index is `K` or more.
pub fn fleiss_matrix<const K: usize>(ratings: &[Vec<Option<usize>>], raters: usize) -> GroupFigure {
    let full: Vec<&Vec<Option<usize>>> = ratings
        .iter()
        .filter(|r| raters >= 2 && r.iter().all(Option::is_some))
        .collect();
    let left_out = ratings.len() - full.len();
    let counts: Vec<[usize; K]> = full
        .iter()
        .map(|r| {
            let mut c = [0usize; K];
            for k in r.iter().flatten() {
                c[*k] += 1;
            }
            c
        })
        .collect();
    GroupFigure {
        value: fleiss_from_counts(&counts),
        items: full.len(),
        left_out,
    }
}

/// Fleiss' κ from per-item category counts (every item with the same number of ratings).
pub fn fleiss_from_counts<const K: usize>(counts: &[[usize; K]]) -> Option<f64> {
    let n_items = counts.len();
    let m: usize = counts.first()?.iter().sum();
    if m < 2 {
        return None;
    }
    let (n_f, m_f) = (n_items as f64, m as f64);
    let p_bar = counts
        .iter()
        .map(|c| (c.iter().map(|&x| x * x).sum::<usize>() as f64 - m_f) / (m_f * (m_f - 1.0)))
        .sum::<f64>()
        / n_f;
    let pe: f64 = (0..K)
        .map(|k| {
            let pk = counts.iter().map(|c| c[k]).sum::<usize>() as f64 / (n_f * m_f);
            pk * pk
        })
        .sum();
    ((1.0 - pe).abs() > 1e-12).then(|| (p_bar - pe) / (1.0 - pe))
}

/// Krippendorff's α (nominal) over items with at least two ratings (others are left out), for
/// the three verdict categories.
pub fn krippendorff(ratings: &[Vec<Option<usize>>]) -> GroupFigure {
    krippendorff_matrix::<3>(ratings)
}

/// Krippendorff's α (nominal) over a rating matrix with `K` categories: `ratings[item][rater]`
/// is a category index below `K` or `None` (missing). Items with fewer than two ratings are
/// left out.
///
/// # Panics
/// If a category index is `K` or more.
pub fn krippendorff_matrix<const K: usize>(ratings: &[Vec<Option<usize>>]) -> GroupFigure {
    let units: Vec<Vec<usize>> = ratings
        .iter()
        .map(|r| r.iter().flatten().copied().collect::<Vec<_>>())
        .filter(|v| v.len() >= 2)
        .collect();
    let left_out = ratings.len() - units.len();
    GroupFigure {
        value: krippendorff_nominal::<K>(&units),
        items: units.len(),
        left_out,
    }
}

/// Nominal α from the values of each unit (only units with two or more values).
pub fn krippendorff_nominal<const K: usize>(units: &[Vec<usize>]) -> Option<f64> {
    // Coincidence matrix: each ordered pair of values within a unit, weighted 1/(m_u - 1).
    let mut o = [[0f64; K]; K];
    for u in units {
        let m = u.len() as f64;
        for (i, &a) in u.iter().enumerate() {
            for (j, &b) in u.iter().enumerate() {
                if i != j {
                    o[a][b] += 1.0 / (m - 1.0);
                }
            }
        }
    }
    let n_c: Vec<f64> = (0..K).map(|c| o[c].iter().sum()).collect();
    let n: f64 = n_c.iter().sum();
    if n <= 1.0 {
        return None;
    }
    let d_o: f64 = (0..K)
        .flat_map(|a| (0..K).map(move |b| (a, b)))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| o[a][b])
        .sum();
    let d_e: f64 = (0..K)
        .flat_map(|a| (0..K).map(move |b| (a, b)))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| n_c[a] * n_c[b])
        .sum::<f64>()
        / (n - 1.0);
    (d_e > 1e-12).then(|| 1.0 - d_o / d_e)
}
