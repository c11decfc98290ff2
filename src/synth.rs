//! Generated large projects for benchmarks: a news-like article of any size with thousands of
//! reviewed claims. Deterministic, so figures compare across runs.

use crate::article::{ArticleInfo, new_project};
use crate::model::{AuditEntry, Evidence, Project, Review, Verdict};

/// A small deterministic generator (xorshift64*): no dependency, same sequence everywhere.
/// Also drives the kill harness's reproducible kill times.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next_u64() % items.len() as u64) as usize]
    }
}

const SUBJECTS: &[&str] = &[
    "The ministry",
    "Gen. Mark Milley",
    "Ukraine’s general staff",
    "Sen. Lindsey Graham",
    "A spokesperson for the café owners’ association",
    "NATO Secretary-General Jens Stoltenberg",
    "Officials in St. Louis",
    "The U.S. Department of Defense",
    "Residents of Zürich",
    "Dr. Amélie Dupont",
];
const VERBS: &[&str] = &[
    "said on Thursday that",
    "claimed that",
    "confirmed that",
    "denied reports that",
    "told reporters that",
    "wrote on social media that",
];
const CLAIMS: &[&str] = &[
    "26 drones were shot down overnight",
    "the budget rose by $2.5 billion in Jan. 2023",
    "talks would resume at 10 a.m. on Monday",
    "55 ground assaults were repelled near Bakhmut",
    "the alliance now has 31 members",
    "prices fell 4.2% compared with last year 📉",
    "the bridge at No. 10 Downing St. was closed",
    "no civilians were harmed in the strike",
];
const HEADLINES: &[&str] = &[
    "Russia launches series of attacks in Ukraine",
    "Stoltenberg invites Zelenskyy to attend NATO summit",
    "ALSO READ: Markets steady as talks resume",
];

/// An article of at least `bytes` bytes: paragraphs of news sentences with a headline line now
/// and then, some non-ASCII characters (curly quotes, accents, emoji) and newsroom abbreviations.
pub fn article_text(bytes: usize, seed: u64) -> String {
    let mut rng = Rng(seed | 1);
    let mut text = String::with_capacity(bytes + 256);
    let mut in_paragraph = 0;
    while text.len() < bytes {
        if in_paragraph == 0 && rng.next_u64().is_multiple_of(4) {
            text.push_str(rng.pick(HEADLINES));
            text.push('\n');
        }
        text.push_str(rng.pick(SUBJECTS));
        text.push(' ');
        text.push_str(rng.pick(VERBS));
        text.push(' ');
        text.push_str(rng.pick(CLAIMS));
        text.push('.');
        in_paragraph += 1;
        if in_paragraph == 4 {
            text.push('\n');
            in_paragraph = 0;
        } else {
            text.push(' ');
        }
    }
    text
}

/// A project over a generated article of about `bytes` bytes, cut to at most `max_claims`
/// claims, each reviewed by every reviewer (verdicts, attributed-to, notes, evidence and an
/// audit entry per verdict, as real review produces).
pub fn large_project(bytes: usize, max_claims: usize, reviewers: &[&str]) -> Project {
    let mut p = new_project(
        ArticleInfo {
            title: "Generated benchmark article".into(),
            outlet: "claimdesk synth".into(),
            url: "https://example.org/generated".into(),
            published: "2026-01-01".into(),
            ..Default::default()
        },
        article_text(bytes, 0x5EED),
    );
    p.claims.truncate(max_claims);
    let mut rng = Rng(0xC1A1);
    let at = "2026-01-02T10:00:00Z".to_string();
    for name in reviewers {
        p.ensure_reviewer(name);
    }
    for claim in &mut p.claims {
        for name in reviewers {
            let verdict = Verdict::ALL[(rng.next_u64() % 4) as usize];
            let mut review = Review {
                verdict,
                changed: at.clone(),
                ..Review::default()
            };
            if rng.next_u64().is_multiple_of(3) {
                review.attributed_to = rng.pick(SUBJECTS).to_string();
            }
            if rng.next_u64().is_multiple_of(4) {
                review.note = "Checked against the ministry’s statement; figures match.".into();
            }
            if rng.next_u64().is_multiple_of(5) {
                review.evidence.push(Evidence {
                    url: format!("https://example.org/source/{}", rng.next_u64() % 100_000),
                    title: "Official statement".into(),
                    excerpt: "We confirm the figures given above.".into(),
                    accessed: "2026-01-02".into(),
                });
            }
            if verdict.is_reviewed() {
                p.audit.push(AuditEntry::verdict_change(
                    &at,
                    name,
                    &claim.id,
                    Verdict::Unreviewed,
                    verdict,
                ));
            }
            claim.reviews.insert(name.to_string(), review);
        }
    }
    p
}
