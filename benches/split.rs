//! Throughput of `claimdesk::split::split_statements` on a ~1.2 MB news article.
//! Run with `cargo bench --bench split`; the target is at least 40 MB/s.

use std::hint::black_box;
use std::time::{Duration, Instant};

use claimdesk::split::split_statements;

/// Varied news paragraphs: headlines, datelines, teasers, titles and abbreviations, quotes,
/// lists, URLs, non-ASCII names and punctuation, CRLF and NBSP.
const PARAGRAPHS: &[&str] = &[
    "Stoltenberg invites Zelenskyy to attend NATO summit\n",
    "KYIV, Ukraine (AP) — NATO Secretary-General Jens Stoltenberg paid a surprise visit to Kyiv on Thursday. He met President Volodymyr Zelenskyy, who has asked for more air defences. “Ukraine’s rightful place is in the Euro-Atlantic family,” Stoltenberg said.\n",
    "WASHINGTON — Gen. Mark Milley, Sen. Will Hurd and Gov. Gavin Newsom spoke on Jan. 5 at 10 a.m. Tuesday. Lt. Col. Alexander Vindman testified later. The U.S. pledged $2.5 billion in aid, officials said. No. 10 declined to comment.\n",
    "ALSO READ: 'Biggest risk if Putin wins Russia-Ukraine war': NATO Chief Jens Stoltenberg at Munich Conference\n",
    "Officials in St. Louis, Mo., Phoenix, Ariz., and Seattle, Wash. Gov. Jay Inslee's office disagreed. Brig. Gen. Pat Ryder said Maj. Gen. John Smith, Capt. Jane Roe and Adm. John Aquilino were briefed. “It is not over …,” he said. J.R.R. Tolkien fans and George W. Bush were not consulted.\r\n",
    "The report is at https://www.nato.int/cps/en/natohq/news_213.htm. It was published at 4 p.m. EDT on Friday. Revenue fell 3.4% to €1.2bn; the firm, Smith & Co., said it expects a rebound in Q3.\u{a0}Analysts were not convinced.\n",
    "1. Air defence systems 2. Artillery shells 3. Armoured vehicles\n",
    "• Ukraine’s army repelled 55 assaults near Bakhmut. • Russia launched 26 Shahed-136 drones; 21 were shot down.\n",
    "Украина заявила, что отразила атаки. Die Nato-Partner sagten: „Wir stehen zusammen.“ Le président a répondu : « Nous verrons. »\n",
    "During the last 24 hours, Russia launched a series of attacks against targets in Ukraine, including the town of Bakhmut. Moreover, Ukraine claimed to have repelled ground assaults in the Donetsk region! Was it enough? Analysts doubt it... They said so on Sept. 30.\n\n",
    "(With inputs from agencies)\n\n",
];

const TARGET_BYTES: usize = 1_200_000;
const RUNS: usize = 15;

fn build_article() -> String {
    let mut text = String::with_capacity(TARGET_BYTES + 4096);
    let mut i = 0usize;
    while text.len() < TARGET_BYTES {
        // Vary the order so chunks are not byte-identical.
        text.push_str(PARAGRAPHS[(i * 7 + i / PARAGRAPHS.len()) % PARAGRAPHS.len()]);
        i += 1;
    }
    text
}

fn measure(label: &str, text: &str) {
    let mb = text.len() as f64 / 1_000_000.0;
    let mut statements = 0;
    for _ in 0..3 {
        statements = black_box(split_statements(black_box(text))).len();
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(split_statements(black_box(text)));
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
    let article = build_article();
    measure("split", &article);
    // The same text as one long line per paragraph-free block guards against anything
    // quadratic in line length.
    let one_line = article.replace('\n', " ");
    measure("split (no line breaks)", &one_line);
    // Degenerate inputs that could trip a quadratic path in sentencex or in our rules.
    for (label, unit) in PATHOLOGICAL {
        measure(label, &unit.repeat(PATHOLOGICAL_BYTES / unit.len()));
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
];
