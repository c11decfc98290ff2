//! Throughput of statement splitting on ~1.2 MB texts: version 1 (`split_statements`) and
//! version 2 (`split_with`) in English, German and Ukrainian, a paste without line breaks and a
//! hard-wrapped text. Run with `cargo bench --bench split`; targets: at least 40 MB/s for
//! English, 20 MB/s for the other languages.

use std::hint::black_box;
use std::time::{Duration, Instant};

use claimdesk::split::{Segment, split_statements, split_with};

#[allow(dead_code)]
#[path = "../tests/fixtures/split/corpus.rs"]
mod corpus;

const TARGET_BYTES: usize = 1_200_000;
const RUNS: usize = 15;

/// Paragraphs of a fixture article (blank-line separated), each ending in a line break.
fn paragraphs(text: &'static str) -> Vec<&'static str> {
    text.split_inclusive('\n')
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// Repeats `text` until it is about `TARGET_BYTES` long.
fn repeat(text: &str) -> String {
    text.repeat(TARGET_BYTES / text.len() + 1)
}

fn measure(label: &str, text: &str, split: impl Fn(&str) -> Vec<Segment>) {
    let mb = text.len() as f64 / 1_000_000.0;
    let mut statements = 0;
    for _ in 0..3 {
        statements = black_box(split(black_box(text))).len();
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(split(black_box(text)));
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[RUNS / 2].as_secs_f64();
    println!(
        "{label}: {mb:.2} MB, {statements} statements, median {:.1} ms, {:.1} MB/s",
        median * 1000.0,
        mb / median
    );
}

fn main() {
    let article = corpus::article(corpus::BENCH_PARAGRAPHS, TARGET_BYTES);
    measure("split", &article, split_statements);
    measure("split v2 en", &article, |t| split_with(t, "en", 2));

    let de = paragraphs(include_str!("../tests/fixtures/split/news-de.txt"));
    let de = corpus::article(&de, TARGET_BYTES);
    measure("split v2 de", &de, |t| split_with(t, "de", 2));
    let uk = paragraphs(include_str!("../tests/fixtures/split/news-uk.txt"));
    let uk = corpus::article(&uk, TARGET_BYTES);
    measure("split v2 uk", &uk, |t| split_with(t, "uk", 2));

    // The same text as one long line guards against anything quadratic in line length.
    let one_line = article.replace('\n', " ");
    measure("split (no line breaks)", &one_line, split_statements);
    measure("split v2 en (no line breaks)", &one_line, |t| {
        split_with(t, "en", 2)
    });

    // Hard-wrapped text: a licence and a news story wrapped at 72 columns.
    let wrapped = repeat(&format!(
        "{}\n\n{}\n\n",
        include_str!("../tests/fixtures/split/gpl-3.txt"),
        include_str!("../tests/fixtures/split/wrapped-72.txt")
    ));
    measure("split v2 en (hard-wrapped)", &wrapped, |t| {
        split_with(t, "en", 2)
    });

    // Degenerate inputs that could trip a quadratic path in sentencex or in our rules.
    for (label, unit) in PATHOLOGICAL {
        let text = unit.repeat(PATHOLOGICAL_BYTES / unit.len());
        measure(label, &text, split_statements);
        measure(&format!("{label} v2"), &text, |t| split_with(t, "de", 2));
    }
}

const PATHOLOGICAL_BYTES: usize = 300_000;
const PATHOLOGICAL: &[(&str, &str)] = &[
    ("pathological: ellipses", "word. . . . Next "),
    ("pathological: open parens", "(a. B "),
    ("pathological: quotes", "\"A. \" b. “C. ” "),
    ("pathological: list markers", "1. x 2. y a. b. "),
    ("pathological: titles", "Gen. Sen. Dr. St. "),
    ("pathological: dots", "."),
    ("pathological: spaces", "    x.  "),
    ("pathological: bullets", "• a • b 1) c (2) d "),
    ("pathological: dashes", "WORD — Word - WORD – "),
    ("pathological: guillemets", "«a. B» »c. D« „e. F“ "),
];
