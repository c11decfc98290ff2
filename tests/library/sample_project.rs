//! The sample project a new user opens first stays loadable and looks like real review work.

use claimdesk::article::{ArticleInfo, new_project};
use claimdesk::model::{ClaimKind, Verdict};
use claimdesk::store;
use std::path::Path;

#[test]
fn sample_project_loads_and_holds_reviewed_claims() {
    let p = store::load(Path::new("projects/nato-chief-kyiv.ron")).expect("sample loads");
    assert_eq!(p.reviewers.len(), 2);
    assert_eq!(p.statement_count(), 20);
    let reviewed: Vec<_> = p.claims.iter().filter(|c| c.is_reviewed()).collect();
    assert!(
        reviewed.len() >= 5,
        "only {} reviewed claims",
        reviewed.len()
    );
    let reviews = || p.claims.iter().flat_map(|c| c.reviews.values());
    assert!(reviews().any(|r| !r.note.is_empty()));
    assert!(reviews().any(|r| !r.evidence.is_empty() && !r.evidence[0].title.is_empty()));
    assert!(
        reviews().any(|r| r.verdict == Verdict::AttributedOnly
            && r.attributed_to == "Ukraine's general staff")
    );
    assert!(p.claims.iter().any(|c| c.kind == ClaimKind::Selection));
    assert!(
        p.claims.iter().any(|c| c.is_disagreement()),
        "the sample shows a disagreement"
    );
    assert_eq!(
        p.audit.len(),
        reviews().filter(|r| r.verdict.is_reviewed()).count()
    );
}

#[test]
fn sample_statements_have_the_ids_a_fresh_split_gives() {
    let p = store::load(Path::new("projects/nato-chief-kyiv.ron")).unwrap();
    let text = std::fs::read_to_string("tests/fixtures/nato-chief-kyiv.txt").unwrap();
    let fresh = new_project(ArticleInfo::default(), text);
    assert_eq!(fresh.article.text_sha256, p.article.text_sha256);
    let sample_ids: Vec<&str> = p
        .claims
        .iter()
        .filter(|c| c.kind.is_statement())
        .map(|c| c.id.as_str())
        .collect();
    let fresh_ids: Vec<&str> = fresh.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(sample_ids, fresh_ids);
}

#[test]
fn the_article_fixture_is_the_seed_article() {
    // When the shared seed article sits beside the repository (as on the desk's machines),
    // the test copy must be identical to it.
    let shared = Path::new("../shared/articles/nato-chief-kyiv.txt");
    if let Ok(seed) = std::fs::read(shared) {
        assert_eq!(
            seed,
            std::fs::read("tests/fixtures/nato-chief-kyiv.txt").unwrap()
        );
    }
}
