//! Scores the attribution hints against the hand-labelled wire-style set in
//! tests/fixtures/hints/ (and, separately, the NATO development article):
//! `cargo run --example hints_eval [-- --verbose]` prints precision, recall and source
//! accuracy per article and in total; `--verbose` lists every miss.

use claimdesk::hints::Rules;
use claimdesk::hints::eval::{Labels, Score, evaluate};
use std::path::{Path, PathBuf};

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose" || a == "-v");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = match Rules::load(None) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("hints_eval: {e}");
            std::process::exit(1);
        }
    };
    let mut articles: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/hints"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    articles.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    articles.sort();
    println!(
        "{:<28} {:>5} {:>5} {:>5} {:>4} {:>6}  {:>9} {:>6} {:>6}",
        "article", "stmts", "label", "flag", "tp", "src ok", "precision", "recall", "source"
    );
    let mut total = Score::default();
    for path in &articles {
        let score = run(path, &rules, verbose);
        total.add(&score);
    }
    row("TOTAL (wire-style set)", &total);
    println!();
    let mut held = Score::default();
    let dir = root.join("tests/fixtures/hints/heldout");
    let mut heldout: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    heldout.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    heldout.sort();
    for path in &heldout {
        held.add(&run(path, &rules, verbose));
    }
    row("TOTAL (held-out)", &held);
    let nato = root.join("tests/fixtures/nato-chief-kyiv.txt");
    let nato_labels = root.join("tests/fixtures/hints/dev/nato-chief-kyiv.attribution.json");
    if nato_labels.exists() {
        println!();
        let s = run_with(&nato, &nato_labels, &rules, verbose);
        row("dev: nato-chief-kyiv", &s);
    }
}

fn run(path: &Path, rules: &Rules, verbose: bool) -> Score {
    let labels = path.with_extension("attribution.json");
    run_with(path, &labels, rules, verbose)
}

fn run_with(text: &Path, labels: &Path, rules: &Rules, verbose: bool) -> Score {
    let name = text
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let body = std::fs::read_to_string(text).unwrap_or_else(|e| fail(text, &e.to_string()));
    let labels: Labels = std::fs::read_to_string(labels)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
        .unwrap_or_else(|e| fail(labels, &e));
    let (score, outcomes) = evaluate(&body, &labels, rules).unwrap_or_else(|e| fail(text, &e));
    row(&name, &score);
    if verbose {
        for o in &outcomes {
            let mark = match (&o.expected, &o.detected) {
                (Some(_), None) => "MISS",
                (None, Some(_)) => "FALSE",
                (Some(_), Some(_)) if !o.source_right() => "SOURCE",
                _ => continue,
            };
            let quote: String = o.quote.chars().take(90).collect();
            println!(
                "    {mark:<6} {quote:?}\n           expected {:?}, detected {:?}",
                o.expected, o.detected
            );
        }
    }
    score
}

fn row(name: &str, s: &Score) {
    println!(
        "{:<28} {:>5} {:>5} {:>5} {:>4} {:>6}  {:>9.3} {:>6.3} {:>6.3}",
        name,
        s.statements,
        s.labelled,
        s.flagged,
        s.true_positives,
        s.source_right,
        s.precision(),
        s.recall(),
        s.source_accuracy()
    );
}

fn fail(path: &Path, msg: &str) -> ! {
    eprintln!("hints_eval: {}: {msg}", path.display());
    std::process::exit(1);
}
