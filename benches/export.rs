//! Export of a large project in every format: a generated ~1.1 MB article with 10,000 claims
//! reviewed by two reviewers. Target (release): each format < 200 ms.
//! Also times importing the W3C export back into a fresh copy of the article.
//! Run: cargo bench --bench export

use claimdesk::article::{ArticleInfo, new_project};
use claimdesk::export::{self, ExportOptions, Format};
use claimdesk::model::Publisher;
use claimdesk::synth;

mod common;
use common::{ms, time};

fn main() {
    let mut project = synth::large_project(1_100_000, 10_000, &["alice", "bob"]);
    project.publisher = Some(Publisher {
        name: "Example Fact Check".into(),
        url: "https://factcheck.example.org".into(),
        review_url: "https://factcheck.example.org/generated".into(),
    });
    println!(
        "project: article {:.2} MB, {} claims, {} reviewers",
        project.article.text.len() as f64 / 1e6,
        project.claims.len(),
        project.reviewers.len()
    );
    let options = ExportOptions::new("2026-01-31");
    let runs = 11;
    for format in Format::ALL {
        let out = export::render(&project, format, &options).expect("renders");
        let t = time(runs, || {
            export::render(&project, format, &options).expect("renders")
        });
        println!(
            "{:<12} median {:>8} over {runs} runs (target < 200 ms); {:.1} MB, {} claims, {} warnings",
            format.name(),
            ms(t),
            out.text.len() as f64 / 1e6,
            out.claims,
            out.warnings.len()
        );
    }
    let json = export::render(&project, Format::W3c, &options)
        .expect("renders")
        .text;
    let fresh = new_project(ArticleInfo::default(), project.article.text.clone());
    let t = time(5, || {
        let mut p = fresh.clone();
        export::import_annotations(&mut p, &json, "2026-02-01T00:00:00Z").expect("imports")
    });
    println!("import w3c   median {:>8} over 5 runs (no target)", ms(t));
}
