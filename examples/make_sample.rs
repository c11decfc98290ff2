//! Rebuilds `projects/nato-chief-kyiv.ron`, the sample project a new user opens first: the seed
//! article reviewed by two fact-checkers the way a desk would, through the same operations the
//! app and the command line use.
//!
//! Run: cargo run --example make_sample

use claimdesk::article::{ArticleInfo, new_project};
use claimdesk::model::{Evidence, Project, Verdict};
use claimdesk::{ops, store};
use std::path::Path;

const ANA: &str = "Ana Kovač";
const BEN: &str = "Ben Okafor";

fn find(p: &Project, starts_with: &str) -> String {
    p.claims
        .iter()
        .find(|c| c.quote.starts_with(starts_with))
        .unwrap_or_else(|| panic!("no statement starts with {starts_with:?}"))
        .id
        .clone()
}

fn evidence(url: &str, title: &str, excerpt: &str, accessed: &str) -> Evidence {
    Evidence {
        url: url.into(),
        title: title.into(),
        excerpt: excerpt.into(),
        accessed: accessed.into(),
    }
}

struct Review<'a> {
    claim: &'a str,
    reviewer: &'a str,
    verdict: Verdict,
    attributed_to: &'a str,
    note: &'a str,
    evidence: Vec<Evidence>,
    at: &'a str,
}

fn apply(p: &mut Project, r: Review) -> Result<(), ops::OpError> {
    ops::set_verdict(p, r.claim, r.reviewer, r.verdict, r.at)?;
    if !r.attributed_to.is_empty() {
        ops::set_attributed_to(p, r.claim, r.reviewer, r.attributed_to, r.at)?;
    }
    if !r.note.is_empty() {
        ops::set_note(p, r.claim, r.reviewer, r.note, r.at)?;
    }
    for e in r.evidence {
        ops::add_evidence(p, r.claim, r.reviewer, e, r.at)?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string("tests/fixtures/nato-chief-kyiv.txt")?;
    let mut p = new_project(
        ArticleInfo {
            title: "NATO chief Jens Stoltenberg makes surprise visit to Kyiv".into(),
            outlet: String::new(),
            url: String::new(),
            published: "2023-04-20".into(),
            ..Default::default()
        },
        text,
    );
    let visit = find(&p, "Russia-Ukraine war: As the situation");
    let respects = find(&p, "According to media reports");
    let bakhmut = find(&p, "The visit of the North Atlantic");
    let members = find(&p, "The 31-member NATO");
    let promise = find(&p, "NATO leaders said in 2008");
    let drones = find(&p, "During the last 24 hours");
    let assaults = find(&p, "Moreover, Ukraine claimed");

    let newsroom = || {
        evidence(
            "https://www.nato.int/cps/en/natohq/news.htm",
            "NATO Newsroom",
            "",
            "2023-04-21",
        )
    };
    let reviews = vec![
        Review {
            claim: &visit,
            reviewer: ANA,
            verdict: Verdict::Verified,
            attributed_to: "",
            note: "The visit on Thursday 20 April 2023 was announced by NATO and shown in pictures of Stoltenberg in Kyiv; first visit since the full-scale invasion.",
            evidence: vec![newsroom()],
            at: "2023-04-21T08:12:00Z",
        },
        Review {
            claim: &visit,
            reviewer: BEN,
            verdict: Verdict::Verified,
            attributed_to: "",
            note: "",
            evidence: vec![newsroom()],
            at: "2023-04-21T09:40:00Z",
        },
        Review {
            claim: &respects,
            reviewer: ANA,
            verdict: Verdict::AttributedOnly,
            attributed_to: "unnamed media reports",
            note: "The article gives no source beyond \"media reports\".",
            evidence: vec![],
            at: "2023-04-21T08:15:00Z",
        },
        Review {
            claim: &respects,
            reviewer: BEN,
            verdict: Verdict::Verified,
            attributed_to: "unnamed media reports",
            note: "NATO published photos of the wreath-laying at the Wall of Remembrance.",
            evidence: vec![newsroom()],
            at: "2023-04-21T09:44:00Z",
        },
        Review {
            claim: &bakhmut,
            reviewer: ANA,
            verdict: Verdict::Disputed,
            attributed_to: "",
            note: "By late April 2023 Russian forces held most of Bakhmut, which fell in May; \"proved unsuccessful\" is the outlet's own characterisation.",
            evidence: vec![evidence(
                "https://en.wikipedia.org/wiki/Battle_of_Bakhmut",
                "Battle of Bakhmut",
                "",
                "2023-04-21",
            )],
            at: "2023-04-21T08:24:00Z",
        },
        Review {
            claim: &members,
            reviewer: ANA,
            verdict: Verdict::Verified,
            attributed_to: "",
            note: "Finland joined on 4 April 2023, making 31 members at the time of the visit.",
            evidence: vec![evidence(
                "https://www.nato.int/cps/en/natohq/topics_52044.htm",
                "NATO member countries",
                "",
                "2023-04-21",
            )],
            at: "2023-04-21T08:30:00Z",
        },
        Review {
            claim: &members,
            reviewer: BEN,
            verdict: Verdict::Verified,
            attributed_to: "",
            note: "",
            evidence: vec![],
            at: "2023-04-21T09:47:00Z",
        },
        Review {
            claim: &promise,
            reviewer: ANA,
            verdict: Verdict::Verified,
            attributed_to: "NATO leaders (Bucharest Summit, 2008)",
            note: "Paragraph 23 of the Bucharest Summit Declaration.",
            evidence: vec![evidence(
                "https://www.nato.int/cps/en/natolive/official_texts_8443.htm",
                "Bucharest Summit Declaration",
                "We agreed today that these countries will become members of NATO.",
                "2023-04-21",
            )],
            at: "2023-04-21T08:41:00Z",
        },
        Review {
            claim: &drones,
            reviewer: ANA,
            verdict: Verdict::AttributedOnly,
            attributed_to: "Ukraine's general staff",
            note: "Figures come only from the General Staff's daily update; no independent count of drones launched or shot down.",
            evidence: vec![],
            at: "2023-04-21T08:50:00Z",
        },
        Review {
            claim: &drones,
            reviewer: BEN,
            verdict: Verdict::AttributedOnly,
            attributed_to: "Ukraine's general staff",
            note: "",
            evidence: vec![],
            at: "2023-04-21T09:52:00Z",
        },
        Review {
            claim: &assaults,
            reviewer: ANA,
            verdict: Verdict::AttributedOnly,
            attributed_to: "Ukraine (armed forces)",
            note: "\"Ukraine claimed\": no second source for the 55 assaults.",
            evidence: vec![],
            at: "2023-04-21T08:55:00Z",
        },
    ];
    for r in reviews {
        apply(&mut p, r)?;
    }

    // One sentence holds two claims: the drone count is its own claim, made from a selection.
    let drones_claim = p.claim(&drones).expect("statement").clone();
    let half = "of which Ukrainian air defences shot down 21";
    let offset = drones_claim.quote.find(half).expect("half-sentence");
    let start = drones_claim.start + drones_claim.quote[..offset].chars().count();
    let shot_down = ops::add_claim(&mut p, start..start + half.chars().count(), ANA)?;
    apply(
        &mut p,
        Review {
            claim: &shot_down,
            reviewer: ANA,
            verdict: Verdict::AttributedOnly,
            attributed_to: "Ukraine's general staff",
            note: "Air-defence tallies are not independently verifiable.",
            evidence: vec![],
            at: "2023-04-21T08:58:00Z",
        },
    )?;

    let out = Path::new("projects/nato-chief-kyiv.ron");
    store::save(out, &p)?;
    println!(
        "{}: {} claims, reviewers {:?}",
        out.display(),
        p.claims.len(),
        p.reviewers
    );
    Ok(())
}
