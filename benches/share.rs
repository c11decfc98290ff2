//! Merging reviewers' files and re-anchoring claims into an edited text, on a generated ~1 MB
//! article with 10,000 reviewed claims. Targets (release): merge of two 10k-claim files
//! < 200 ms; 10k claims re-anchored < 1 s.
//! Run: cargo bench --bench share

use claimdesk::anchor::{self, Anchored};
use claimdesk::article::{ArticleInfo, new_project};
use claimdesk::model::Project;
use claimdesk::{merge, synth};

mod common;
use common::{ms, time};

/// An edited version of `text`: a paragraph added at the top, a typo fixed every `typo_every`
/// bytes (one letter changed) and a sentence deleted every `delete_every` bytes.
fn edited(text: &str, typo_every: usize, delete_every: usize) -> String {
    let mut out = String::from("EDITOR'S NOTE: This article was updated with new figures.\n");
    let mut next_typo = typo_every;
    let mut next_delete = delete_every;
    let mut skip_to: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if let Some(end) = skip_to {
            if i < end {
                continue;
            }
            skip_to = None;
        }
        if i >= next_delete && c == '.' {
            // Drop the next sentence (up to and including its full stop).
            if let Some(len) = text[i + 1..].find('.') {
                out.push('.');
                skip_to = Some(i + 1 + len + 1);
                next_delete += delete_every;
                continue;
            }
        }
        if i >= next_typo && c.is_ascii_lowercase() {
            out.push(if c == 'e' { 'a' } else { 'e' });
            next_typo += typo_every;
            continue;
        }
        out.push(c);
    }
    out
}

fn project_over(text: String, max_claims: usize) -> Project {
    let mut p = new_project(
        ArticleInfo {
            title: "Generated benchmark article".into(),
            ..ArticleInfo::default()
        },
        text,
    );
    p.claims.truncate(max_claims);
    p
}

fn main() {
    let runs = 9;
    let alice = synth::large_project(1_100_000, 10_000, &["alice"]);
    let bob = synth::large_project(1_100_000, 10_000, &["bob"]);
    println!(
        "projects: article {:.2} MB, {} claims each",
        alice.article.text.len() as f64 / 1e6,
        alice.claims.len()
    );

    let m = time(runs, || merge::merge_refs(&[&alice, &bob]).expect("merge"));
    println!(
        "merge, same text, different reviewers: median {} over {runs} runs (target < 200 ms)",
        ms(m)
    );
    // Both files hold a different version of every one of alice's reviews: the worst case.
    let alice_bob = synth::large_project(1_100_000, 10_000, &["alice", "bob"]);
    let alice_chloe = synth::large_project(1_100_000, 10_000, &["chloe", "alice", "dan"]);
    let outcome = merge::merge_refs(&[&alice_bob, &alice_chloe]).expect("merge");
    let m = time(runs, || {
        merge::merge_refs(&[&alice_bob, &alice_chloe]).expect("merge")
    });
    println!(
        "merge, same text, one reviewer's reviews differing on every claim ({} superseded): median {} over {runs} runs",
        outcome.report.superseded.len(),
        ms(m)
    );

    // Re-anchoring into an edited text.
    let old = &alice.article.text;
    let new = edited(old, 10_000, 100_000);
    let placed = anchor::reanchor_all(&alice.claims, old, &new);
    let count = |f: fn(&Anchored) -> bool| placed.iter().filter(|a| f(a)).count();
    println!(
        "edited text: paragraph added at the top, {} letters changed, {} sentences deleted",
        old.len() / 10_000,
        old.len() / 100_000
    );
    println!(
        "  {} claims: {} exact, {} fuzzy, {} orphaned",
        placed.len(),
        count(|a| matches!(a, Anchored::Exact(_))),
        count(|a| matches!(a, Anchored::Fuzzy(..))),
        count(Anchored::is_orphan)
    );
    let r = time(runs, || anchor::reanchor_all(&alice.claims, old, &new));
    println!(
        "re-anchor {} claims: median {} over {runs} runs (target < 1 s)",
        alice.claims.len(),
        ms(r)
    );
    let target = project_over(new.clone(), 10_000);
    let m = time(runs, || {
        merge::merge_refs(&[&target, &alice]).expect("merge")
    });
    println!(
        "merge into the edited text (10k claims re-anchored, then merged): median {} over {runs} runs",
        ms(m)
    );

    // Harder: a letter changed in nearly every sentence, so most claims need a fuzzy match.
    let rough = edited(old, 90, 100_000);
    let placed = anchor::reanchor_all(&alice.claims, old, &rough);
    println!(
        "heavily edited text (a letter changed every 90 bytes): {} exact, {} fuzzy, {} orphaned",
        count_of(&placed, |a| matches!(a, Anchored::Exact(_))),
        count_of(&placed, |a| matches!(a, Anchored::Fuzzy(..))),
        count_of(&placed, Anchored::is_orphan)
    );
    let r = time(3, || anchor::reanchor_all(&alice.claims, old, &rough));
    println!(
        "re-anchor {} claims into it: median {} over 3 runs",
        alice.claims.len(),
        ms(r)
    );
}

fn count_of(placed: &[Anchored], f: fn(&Anchored) -> bool) -> usize {
    placed.iter().filter(|a| f(a)).count()
}
