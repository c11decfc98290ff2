//! Hints for a 1 MB article: `cargo bench --bench hints`. Target: < 100 ms (release), so the
//! app can recompute them on a worker after every edit of the text.

mod common;

use claimdesk::hints::{self, HintJob, Rules};
use claimdesk::synth;

const RUNS: usize = 15;

fn main() {
    let rules = Rules::shipped();
    let text = synth::article_text(1_100_000, 7);
    let mb = text.len() as f64 / 1_000_000.0;
    let n = hints::hints_for_text(&text, &rules).len();
    let t = common::time(RUNS, || hints::hints_for_text(&text, &rules));
    println!(
        "hints for a {mb:.2} MB article ({n} statements, splitting included): median {}",
        common::ms(t)
    );
    let project = synth::large_project(1_100_000, 10_000, &["alice", "bob"]);
    let job = HintJob::from_project(&project);
    let t = common::time(RUNS, || job.run(&rules));
    println!(
        "hints for the {:.2} MB project's {} claims (HintJob::run, no splitting): median {}",
        project.article.text.len() as f64 / 1_000_000.0,
        project.claims.len(),
        common::ms(t)
    );
    let t = common::time(RUNS, || HintJob::from_project(&project));
    println!(
        "HintJob::from_project (on the UI thread): median {}",
        common::ms(t)
    );
}
