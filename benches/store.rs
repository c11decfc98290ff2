//! Load and save of a large project: a generated ~1 MB article with 10,000 claims reviewed by
//! two reviewers. Targets (release): load (parse + full validation) < 150 ms, save < 100 ms.
//! Run: cargo bench --bench store

use claimdesk::{store, synth};

mod common;
use common::{ms, time};

fn main() {
    let project = synth::large_project(1_100_000, 10_000, &["alice", "bob"]);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.ron");
    store::save(&path, &project).expect("save");
    let file_size = std::fs::metadata(&path).expect("saved").len();
    println!(
        "project: article {:.2} MB, {} claims, {} reviewers, file {:.2} MB",
        project.article.text.len() as f64 / 1e6,
        project.claims.len(),
        project.reviewers.len(),
        file_size as f64 / 1e6
    );
    let runs = 15;
    let load = time(runs, || store::load(&path).expect("load"));
    let validate = time(runs, || store::validate(&project).expect("valid"));
    let serialise = time(runs, || store::to_ron_string(&project));
    let save = time(runs, || store::save(&path, &project).expect("save"));
    println!(
        "load (read + parse + validate): median {} over {runs} runs (target < 150 ms)",
        ms(load)
    );
    println!("  of which validate: median {}", ms(validate));
    println!(
        "save (serialise + atomic write + fsync): median {} over {runs} runs (target < 100 ms)",
        ms(save)
    );
    println!("  of which serialise: median {}", ms(serialise));
}
