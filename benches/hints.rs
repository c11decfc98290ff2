//! Hints for a 1 MB article: `cargo bench --bench hints`. Target: < 100 ms (release), so the
//! app can recompute them on a worker after every edit of the text.
//!
//! `HINTS_DUMP=FILE cargo bench --bench hints` also writes every hint (Debug form) for the
//! bench inputs and every text fixture, with some selections, so a speed change can be
//! checked to give byte-identical hints.

mod common;

use claimdesk::hints::{self, HintJob, Rules, Target};
use claimdesk::synth;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const RUNS: usize = 15;

/// Median, fastest and slowest of `RUNS` calls after one warm-up call.
fn time<T>(mut f: impl FnMut() -> T) -> String {
    std::hint::black_box(f());
    let runs: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    let (lo, hi) = (runs.iter().min().copied(), runs.iter().max().copied());
    format!(
        "median {} (range {} – {})",
        common::ms(common::median(runs)),
        common::ms(lo.unwrap_or_default()),
        common::ms(hi.unwrap_or_default())
    )
}

fn main() {
    let rules = Rules::shipped();
    let text = synth::article_text(1_100_000, 7);
    let mb = text.len() as f64 / 1_000_000.0;
    let project = synth::large_project(1_100_000, 10_000, &["alice", "bob"]);
    if let Some(path) = std::env::var_os("HINTS_DUMP") {
        dump(&path, &text, &project, &rules);
    }
    let n = hints::hints_for_text(&text, &rules).len();
    let t = time(|| hints::hints_for_text(&text, &rules));
    println!("hints for a {mb:.2} MB article ({n} statements, splitting included): {t}");
    let job = HintJob::from_project(&project);
    let t = time(|| job.run(&rules));
    println!(
        "hints for the {:.2} MB project's {} claims (HintJob::run, no splitting): {t}",
        project.article.text.len() as f64 / 1_000_000.0,
        project.claims.len(),
    );
    let t = time(|| HintJob::from_project(&project));
    println!("HintJob::from_project (on the UI thread): {t}");
}

/// Every hint for the bench inputs and the text fixtures, with a selection inside every third
/// statement, in Debug form.
fn dump(path: &std::ffi::OsStr, text: &str, project: &claimdesk::model::Project, rules: &Rules) {
    let mut out = String::new();
    let mut texts: Vec<(String, String)> = vec![("synth".into(), text.to_string())];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut stack = vec![root];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    for p in files {
        if let Ok(s) = std::fs::read_to_string(&p) {
            texts.push((p.display().to_string(), s));
        }
    }
    for (name, text) in &texts {
        let h = hints::hints_for_text(text, rules);
        let _ = writeln!(out, "== {name}: {} statements", h.len());
        lines(&mut out, &h);
        let mut targets = Vec::new();
        for (i, h) in h.iter().enumerate() {
            targets.push(Target {
                id: h.id.clone(),
                start: h.start,
                end: h.end,
                selection: false,
            });
            if i % 3 == 0 && h.end > h.start + 4 {
                targets.push(Target {
                    id: format!("sel{i}"),
                    start: h.start + 2,
                    end: h.end - 1,
                    selection: true,
                });
            }
        }
        let with_selections = hints::analyse(text, &targets, rules);
        let _ = writeln!(out, "== {name} with selections");
        lines(&mut out, &with_selections);
    }
    let job = HintJob::from_project(project).run(rules);
    let _ = writeln!(out, "== project");
    lines(&mut out, &job.hints);
    std::fs::write(path, out).expect("the dump is written");
}

fn lines(out: &mut String, hints: &[hints::Hint]) {
    for h in hints {
        let _ = writeln!(out, "{h:?}");
    }
}
