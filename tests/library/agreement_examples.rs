//! Agreement figures (issue 5) checked to three decimals against published worked examples:
//! Krippendorff's own reliability data with missing values, Wikipedia's Cohen's κ and Fleiss' κ
//! examples — through the rating-matrix functions, which take any number of categories — and
//! then through projects tagged with the three real verdicts. Also: every figure says how many
//! claims it left out, and a project without overlapping reviews gets no coefficient, never a
//! perfect one.

use claimdesk::adjudication::adjudicate;
use claimdesk::agreement::{
    self, CATEGORIES, agreement, cohen, fleiss_from_counts, fleiss_matrix, krippendorff_matrix,
    krippendorff_nominal,
};
use claimdesk::article::{ArticleInfo, new_project};
use claimdesk::model::{Project, Verdict};
use claimdesk::ops;

const AT: &str = "2026-03-01T09:00:00Z";

fn assert_3dp(got: Option<f64>, want: f64, what: &str) {
    let got = got.unwrap_or_else(|| panic!("{what}: no value, expected {want:.3}"));
    assert!(
        (got - want).abs() < 0.0005,
        "{what}: got {got:.6}, expected {want:.3}"
    );
}

/// A project over an article of `n` plain sentences: one statement each.
fn project_with(n: usize) -> Project {
    let text: Vec<String> = (1..=n)
        .map(|i| format!("Reviewers checked sentence number {i} here."))
        .collect();
    let p = new_project(
        ArticleInfo {
            title: "agreement".into(),
            ..ArticleInfo::default()
        },
        text.join(" "),
    );
    assert_eq!(p.claims.len(), n, "one statement per sentence");
    p
}

/// Tags claim `i` with each reviewer's verdict (`None`: that reviewer did not judge it).
fn tag(p: &mut Project, i: usize, verdicts: &[(&str, Option<Verdict>)]) {
    let id = p.claims[i].id.clone();
    for (name, v) in verdicts {
        if let Some(v) = v {
            ops::set_verdict(p, &id, name, *v, AT).unwrap();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Krippendorff's α
// ---------------------------------------------------------------------------------------------

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
/// twelve units, values 1–5, missing values. Nominal α = 0.743 (unit 12 has a single value and
/// is not pairable; 40 pairable values remain).
#[test]
fn krippendorff_alpha_on_krippendorffs_reliability_data_with_missing_values() {
    // Observers A–D, units 1–12; 0 = missing (the paper's "."), else the value 1–5.
    #[rustfmt::skip]
    let observers: [[usize; 12]; 4] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
        [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
    ];
    // ratings[unit][observer], values 1–5 as category indices 0–4.
    let ratings: Vec<Vec<Option<usize>>> = (0..12)
        .map(|u| observers.iter().map(|o| o[u].checked_sub(1)).collect())
        .collect();
    let alpha = krippendorff_matrix::<5>(&ratings);
    assert_3dp(alpha.value, 0.743, "Krippendorff's alpha, nominal");
    assert_eq!(
        (alpha.items, alpha.left_out),
        (11, 1),
        "unit 12 is left out"
    );

    // The same from the units' values directly.
    let units: Vec<Vec<usize>> = ratings
        .iter()
        .map(|r| r.iter().flatten().copied().collect::<Vec<_>>())
        .filter(|v| v.len() >= 2)
        .collect();
    assert_eq!(units.iter().map(Vec::len).sum::<usize>(), 40);
    assert_3dp(krippendorff_nominal::<5>(&units), 0.743, "from units");
    // A unit with one value adds nothing: keeping it in does not move α.
    let mut with_single = units.clone();
    with_single.push(vec![2]);
    assert_3dp(
        krippendorff_nominal::<5>(&with_single),
        0.743,
        "with a lone value",
    );
}

/// Krippendorff (2011), sections A and B: two observers, no missing data.
#[test]
fn krippendorff_alpha_on_the_two_observer_examples() {
    // A. Binary data, ten units: α = 0.095.
    let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    let binary: Vec<Vec<Option<usize>>> = (0..10).map(|u| vec![Some(a[u]), Some(b[u])]).collect();
    assert_3dp(krippendorff_matrix::<2>(&binary).value, 0.095, "binary");

    // B. Nominal data, twelve units, values a–e: α = 0.692.
    let a_obs = "aabbdcccedda".as_bytes();
    let b_obs = "babbbccceddd".as_bytes();
    let nominal: Vec<Vec<Option<usize>>> = (0..12)
        .map(|u| {
            vec![
                Some(usize::from(a_obs[u] - b'a')),
                Some(usize::from(b_obs[u] - b'a')),
            ]
        })
        .collect();
    assert_3dp(krippendorff_matrix::<5>(&nominal).value, 0.692, "nominal");
}

/// Example A through a project: 0 = verified, 1 = disputed.
#[test]
fn krippendorff_binary_example_through_a_project() {
    let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    let v = |x: usize| Some([Verdict::Verified, Verdict::Disputed][x]);
    let mut p = project_with(10);
    for u in 0..10 {
        tag(&mut p, u, &[("Ana", v(a[u])), ("Ben", v(b[u]))]);
    }
    let ag = agreement(&p);
    assert_3dp(
        ag.krippendorff_alpha.value,
        0.095,
        "alpha through a project",
    );
    assert_eq!(
        (ag.krippendorff_alpha.items, ag.krippendorff_alpha.left_out),
        (10, 0)
    );
}

// ---------------------------------------------------------------------------------------------
// Cohen's κ
// ---------------------------------------------------------------------------------------------

/// Wikipedia, "Cohen's kappa", simple example: 50 proposals; both yes 20, A yes B no 5, A no B
/// yes 10, both no 15: p_o = 0.7, p_e = 0.5, κ = 0.4.
#[test]
fn cohen_kappa_on_wikipedias_two_by_two_table() {
    let (po, kappa) = cohen(&[[20, 5], [10, 15]]);
    assert_3dp(po, 0.700, "observed agreement");
    assert_3dp(kappa, 0.400, "Cohen's kappa");
}

/// The same table through a project: yes = verified, no = disputed. The confusion matrix is in
/// `CATEGORIES` order (verified, attributed-only, disputed), rows Ana, columns Ben.
#[test]
fn cohen_kappa_example_through_a_project_with_two_verdicts() {
    let (yes, no) = (Some(Verdict::Verified), Some(Verdict::Disputed));
    let mut p = project_with(50);
    let cells = [(20, yes, yes), (5, yes, no), (10, no, yes), (15, no, no)];
    let mut i = 0;
    for (n, ana, ben) in cells {
        for _ in 0..n {
            tag(&mut p, i, &[("Ana", ana), ("Ben", ben)]);
            i += 1;
        }
    }
    let ag = agreement(&p);
    assert_eq!(ag.reviewers, ["Ana", "Ben"]);
    assert_eq!(ag.claims, 50);
    assert_eq!(ag.pairs.len(), 1);
    let pair = &ag.pairs[0];
    assert_eq!((pair.a.as_str(), pair.b.as_str()), ("Ana", "Ben"));
    assert_eq!((pair.items, pair.left_out), (50, 0));
    assert_3dp(pair.percent, 0.700, "percent agreement");
    assert_3dp(pair.cohen_kappa, 0.400, "Cohen's kappa");
    assert_eq!(CATEGORIES[0], Verdict::Verified);
    assert_eq!(CATEGORIES[2], Verdict::Disputed);
    assert_eq!(pair.confusion, [[20, 0, 5], [0, 0, 0], [10, 0, 15]]);
    // With two raters Fleiss' κ is Scott's π: (0.7 − 0.505) / (1 − 0.505); α is 1 − 99·30/4950.
    assert_3dp(ag.fleiss_kappa.value, 0.394, "Fleiss' kappa, two raters");
    assert_3dp(ag.krippendorff_alpha.value, 0.400, "Krippendorff's alpha");
    assert_eq!(ag.open_disagreements, 15);
}

// ---------------------------------------------------------------------------------------------
// Fleiss' κ
// ---------------------------------------------------------------------------------------------

/// Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories; P̄ = 0.378,
/// P̄e = 0.213, κ = 0.210.
const FLEISS_WIKIPEDIA: [[usize; 5]; 10] = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
];

#[test]
fn fleiss_kappa_on_wikipedias_worked_example() {
    assert_3dp(
        fleiss_from_counts(&FLEISS_WIKIPEDIA),
        0.210,
        "Fleiss' kappa from counts",
    );
    // The same as a rating matrix: 14 ratings per subject.
    let ratings: Vec<Vec<Option<usize>>> = FLEISS_WIKIPEDIA
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .flat_map(|(k, &n)| std::iter::repeat_n(Some(k), n))
                .collect()
        })
        .collect();
    assert!(ratings.iter().all(|r| r.len() == 14));
    let f = fleiss_matrix::<5>(&ratings, 14);
    assert_3dp(f.value, 0.210, "Fleiss' kappa from ratings");
    assert_eq!((f.items, f.left_out), (10, 0));
    // One rating missing: that subject is left out, and said so.
    let mut gap = ratings.clone();
    gap[3][0] = None;
    let f = fleiss_matrix::<5>(&gap, 14);
    assert_eq!((f.items, f.left_out), (9, 1));
    assert!(
        (f.value.unwrap() - 0.210).abs() > 0.001,
        "a different figure"
    );
}

// ---------------------------------------------------------------------------------------------
// All three through a project with the three verdicts, and what is left out
// ---------------------------------------------------------------------------------------------

/// Three reviewers, all three verdicts, missing reviews. Expected figures computed
/// independently (by hand with the textbook formulas).
#[test]
fn three_reviewers_three_verdicts_and_missing_reviews() {
    use Verdict::{AttributedOnly as A, Disputed as D, Verified as V};
    let rows: [[Option<Verdict>; 3]; 14] = [
        [Some(V), Some(V), Some(V)],
        [Some(V), Some(V), Some(A)],
        [Some(A), Some(A), Some(A)],
        [Some(D), Some(D), Some(D)],
        [Some(D), Some(A), Some(D)],
        [Some(V), Some(D), Some(V)],
        [Some(A), Some(A), Some(V)],
        [Some(D), Some(D), Some(D)],
        [Some(V), Some(V), None],
        [Some(A), Some(D), None],
        [None, Some(V), Some(V)],
        [Some(D), None, None],
        [None, None, None],
        [None, None, None],
    ];
    let mut p = project_with(14);
    for (i, r) in rows.iter().enumerate() {
        tag(&mut p, i, &[("Ana", r[0]), ("Ben", r[1]), ("Chloé", r[2])]);
    }
    // Chloé wrote a note without a verdict on claim 12: still missing, not a judgement.
    let id = p.claims[12].id.clone();
    ops::set_note(&mut p, &id, "Chloé", "Could not find the source.", AT).unwrap();

    let ag = agreement(&p);
    assert_eq!(ag.reviewers, ["Ana", "Ben", "Chloé"]);
    assert_eq!(ag.claims, 14);
    let pairs: Vec<(&str, &str, usize, usize)> = ag
        .pairs
        .iter()
        .map(|x| (x.a.as_str(), x.b.as_str(), x.items, x.left_out))
        .collect();
    assert_eq!(
        pairs,
        [
            ("Ana", "Ben", 10, 4),
            ("Ana", "Chloé", 8, 6),
            ("Ben", "Chloé", 9, 5)
        ]
    );
    let want = [(0.700, 0.552), (0.750, 0.619), (0.556, 0.333)];
    for (pair, (pct, kappa)) in ag.pairs.iter().zip(want) {
        assert_3dp(
            pair.percent,
            pct,
            &format!("{} / {} percent", pair.a, pair.b),
        );
        assert_3dp(
            pair.cohen_kappa,
            kappa,
            &format!("{} / {} kappa", pair.a, pair.b),
        );
        assert_eq!(
            pair.confusion.iter().flatten().sum::<usize>(),
            pair.items,
            "the matrix counts exactly the compared claims"
        );
    }
    assert_eq!(ag.pairs[0].confusion, [[3, 0, 1], [0, 2, 1], [0, 1, 2]]);
    // Fleiss: the 8 claims all three judged; α: the 11 judged by two or more.
    assert_3dp(ag.fleiss_kappa.value, 0.497, "Fleiss' kappa");
    assert_eq!((ag.fleiss_kappa.items, ag.fleiss_kappa.left_out), (8, 6));
    assert_3dp(ag.krippendorff_alpha.value, 0.510, "Krippendorff's alpha");
    assert_eq!(
        (ag.krippendorff_alpha.items, ag.krippendorff_alpha.left_out),
        (11, 3)
    );
    // Open disagreements: rows 2, 5, 6, 7 and 10; settling one takes it off the list.
    assert_eq!(ag.open_disagreements, 5);
    let id = p.claims[4].id.clone();
    adjudicate(&mut p, &id, "Editor", Some(D), AT).unwrap();
    let settled = agreement(&p);
    assert_eq!(settled.open_disagreements, 4);
    // A final verdict is not a reviewer's judgement: the figures do not move.
    assert_eq!(settled.pairs, ag.pairs);
    assert_eq!(settled.krippendorff_alpha, ag.krippendorff_alpha);
}

#[test]
fn claims_nobody_or_only_one_reviewer_judged_are_counted_not_hidden() {
    let mut p = project_with(6);
    // Both agree on two claims; Ana alone judged two more; two are unreviewed.
    let v = Some(Verdict::Verified);
    let d = Some(Verdict::Disputed);
    tag(&mut p, 0, &[("Ana", v), ("Ben", v)]);
    tag(&mut p, 1, &[("Ana", d), ("Ben", d)]);
    tag(&mut p, 2, &[("Ana", v)]);
    tag(&mut p, 3, &[("Ana", d)]);
    let ag = agreement(&p);
    let pair = &ag.pairs[0];
    assert_eq!((pair.items, pair.left_out), (2, 4));
    assert_3dp(pair.percent, 1.0, "percent");
    assert_3dp(pair.cohen_kappa, 1.0, "kappa");
    assert_eq!((ag.fleiss_kappa.items, ag.fleiss_kappa.left_out), (2, 4));
    assert_eq!(
        (ag.krippendorff_alpha.items, ag.krippendorff_alpha.left_out),
        (2, 4)
    );
    // Every claim is accounted for in every figure.
    for (items, left_out) in [
        (pair.items, pair.left_out),
        (ag.fleiss_kappa.items, ag.fleiss_kappa.left_out),
        (ag.krippendorff_alpha.items, ag.krippendorff_alpha.left_out),
    ] {
        assert_eq!(items + left_out, ag.claims);
    }
}

#[test]
fn no_overlapping_reviews_gives_no_coefficient_rather_than_a_perfect_score() {
    let mut p = project_with(6);
    let v = Some(Verdict::Verified);
    let d = Some(Verdict::Disputed);
    // Ana judged the first three claims, Ben the last three: nothing to compare.
    tag(&mut p, 0, &[("Ana", v)]);
    tag(&mut p, 1, &[("Ana", d)]);
    tag(&mut p, 2, &[("Ana", v)]);
    tag(&mut p, 3, &[("Ben", v)]);
    tag(&mut p, 4, &[("Ben", d)]);
    tag(&mut p, 5, &[("Ben", d)]);
    let ag = agreement(&p);
    let pair = &ag.pairs[0];
    assert_eq!((pair.items, pair.left_out), (0, 6));
    assert_eq!((pair.percent, pair.cohen_kappa), (None, None));
    assert_eq!(pair.confusion, [[0; 3]; 3]);
    assert_eq!(ag.fleiss_kappa.value, None);
    assert_eq!(ag.krippendorff_alpha.value, None);
    assert_eq!(
        (ag.krippendorff_alpha.items, ag.krippendorff_alpha.left_out),
        (0, 6)
    );
    assert_eq!(ag.open_disagreements, 0);

    // Agreement on a single verdict only: the share agreeing is 1, but chance agreement is 1
    // too, so κ and α are undefined, not perfect.
    let mut p = project_with(3);
    for i in 0..3 {
        tag(&mut p, i, &[("Ana", v), ("Ben", v)]);
    }
    let ag = agreement(&p);
    assert_3dp(ag.pairs[0].percent, 1.0, "percent");
    assert_eq!(ag.pairs[0].cohen_kappa, None);
    assert_eq!(ag.fleiss_kappa.value, None);
    assert_eq!(ag.krippendorff_alpha.value, None);

    // One reviewer, or none: no pairs and no group figure.
    let mut p = project_with(2);
    tag(&mut p, 0, &[("Ana", v)]);
    let ag = agreement(&p);
    assert!(ag.pairs.is_empty());
    assert_eq!(ag.fleiss_kappa.value, None);
    assert_eq!(ag.krippendorff_alpha.value, None);
    assert_eq!(agreement(&project_with(2)).krippendorff_alpha.left_out, 2);
}

/// The three-category functions are the `K` = 3 case of the general ones.
#[test]
fn the_verdict_functions_are_the_general_ones_with_three_categories() {
    let ratings: Vec<Vec<Option<usize>>> = vec![
        vec![Some(0), Some(0), Some(1)],
        vec![Some(2), Some(2), Some(2)],
        vec![Some(1), None, Some(1)],
        vec![Some(0), Some(2), Some(0)],
        vec![None, None, Some(0)],
    ];
    assert_eq!(
        agreement::fleiss(&ratings, 3),
        fleiss_matrix::<3>(&ratings, 3)
    );
    assert_eq!(
        agreement::krippendorff(&ratings),
        krippendorff_matrix::<3>(&ratings)
    );
    assert!(agreement::krippendorff(&ratings).value.is_some());
    assert_eq!(agreement::fleiss(&ratings, 3).items, 3);
}
