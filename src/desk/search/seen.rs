//! "Checked before": claims in other projects of the desk that say the same thing as a given
//! one — the exact quote, the same normalised text, or a near-duplicate (MinHash/LSH
//! candidates confirmed by the true Jaccard similarity of their shingles).
//!
//! The threshold of 0.6 on 5-character shingles of normalised text: one changed word in a
//! ten-word sentence leaves about 0.7, two leave about 0.5, and claims that only share their
//! framing ("X said that …") fall below 0.5; see `minhash`'s tests.

use super::index::DeskIndex;
use super::minhash;
use super::prints::{ClaimPrint, ProjectPrints, Settled};
use super::store::stored_claim;
use crate::model::{Adjudication, Claim, Project, Review, Verdict};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Similarity given to a match of the normalised text (an exact one is 1.0).
pub const NORMALISED_SIMILARITY: f32 = 0.99;
/// Near-duplicate candidates whose Jaccard similarity is checked, most shared bands first.
const MAX_VERIFIED: usize = 4000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    Exact,
    Normalised,
    Near,
}

impl MatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Normalised => "normalised",
            MatchKind::Near => "near",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeenOptions {
    /// Least Jaccard similarity of a near-duplicate.
    pub threshold: f32,
    /// Most matches returned.
    pub limit: usize,
    /// Only claims someone reviewed (what "already checked" means for flags).
    pub reviewed_only: bool,
}

impl Default for SeenOptions {
    fn default() -> Self {
        SeenOptions {
            threshold: 0.6,
            limit: 20,
            reviewed_only: false,
        }
    }
}

/// A claim elsewhere in the desk, as found (without its reviews).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeenRef {
    pub path: String,
    pub claim_id: String,
    pub number: usize,
    pub similarity: f32,
    pub kind: MatchKind,
    /// The settled verdict, `disagreement` or `unreviewed`.
    pub settled: String,
}

/// A claim checked before, with everything its reviewers wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub path: String,
    pub claim_id: String,
    pub number: usize,
    pub quote: String,
    pub title: String,
    pub similarity: f32,
    pub kind: MatchKind,
    /// Reviewer → their review (verdict, attributed-to, note, evidence).
    pub reviews: BTreeMap<String, Review>,
    pub final_verdict: Option<Adjudication>,
    pub settled: Option<Verdict>,
}

/// A claim of a project that was checked before elsewhere, with the best such match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeenFlag {
    pub claim_id: String,
    pub number: usize,
    pub best: SeenRef,
}

/// Where a candidate is: index into the projects list, row in that project.
type Row = (u32, u32);

impl DeskIndex {
    /// The fingerprints of every indexed project, read on first use. A missing or damaged
    /// file is rebuilt from the quotes stored in the index.
    pub fn fingerprints(&self) -> &BTreeMap<String, ProjectPrints> {
        self.prints.get_or_init(|| self.load_prints())
    }

    fn load_prints(&self) -> BTreeMap<String, ProjectPrints> {
        let mut map = BTreeMap::new();
        for (path, entry) in &self.manifest.entries {
            if entry.error.is_some() {
                continue;
            }
            let file = super::index::prints_file(&self.dir, path);
            let from_file = std::fs::read(&file)
                .ok()
                .and_then(|b| ProjectPrints::from_bytes(&b).ok())
                .filter(|p| p.sha256 == entry.sha256 && p.len() == entry.claims as usize);
            let prints = match from_file {
                Some(p) => p,
                None => {
                    let p = self.prints_from_index(path, entry.sha256);
                    let _ = super::binfile::write_replace(&file, &p.to_bytes());
                    p
                }
            };
            map.insert(path.clone(), prints);
        }
        map
    }

    /// A project's fingerprints made again from its claims as the index stores them.
    fn prints_from_index(&self, path: &str, sha256: [u8; 32]) -> ProjectPrints {
        ProjectPrints::build_from(&super::store::stored_claims(self, path), sha256)
    }

    /// Claims in other projects that say what `quote` says, best first: exact, normalised,
    /// then near-duplicates by similarity. `exclude` is the asking claim's project (relative
    /// path), left out.
    pub fn seen(&self, quote: &str, exclude: Option<&str>, options: &SeenOptions) -> Vec<Match> {
        let refs = self.seen_refs(quote, exclude, options);
        refs.into_iter()
            .filter_map(|r| {
                let stored = stored_claim(self, &r.path, &r.claim_id)?;
                Some(Match {
                    path: r.path,
                    claim_id: r.claim_id,
                    number: r.number,
                    quote: stored.quote,
                    title: stored.title,
                    similarity: r.similarity,
                    kind: r.kind,
                    settled: stored.claim.settled_verdict(),
                    reviews: stored.claim.reviews,
                    final_verdict: stored.claim.final_verdict,
                })
            })
            .collect()
    }

    /// `seen` for a claim of the project at `path`.
    pub fn seen_claim(&self, path: &str, claim: &Claim, options: &SeenOptions) -> Vec<Match> {
        self.seen(&claim.quote, Some(path), options)
    }

    /// Every claim of `project` (at `path` in the desk, or not in it yet) that was checked
    /// before in another project, with its best match. Only reviewed matches count unless
    /// `options.reviewed_only` is off.
    pub fn seen_in_project(
        &self,
        path: Option<&str>,
        project: &Project,
        options: &SeenOptions,
    ) -> Vec<SeenFlag> {
        let one = SeenOptions {
            limit: 1,
            ..*options
        };
        let flag = |(i, c): (usize, &Claim)| {
            let best = self.seen_refs(&c.quote, path, &one).into_iter().next()?;
            Some(SeenFlag {
                claim_id: c.id.clone(),
                number: i + 1,
                best,
            })
        };
        let claims: Vec<(usize, &Claim)> = project.claims.iter().enumerate().collect();
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        if workers < 2 || claims.len() < 64 {
            return claims.into_iter().filter_map(flag).collect();
        }
        self.fingerprints();
        let chunk = claims.len().div_ceil(workers);
        std::thread::scope(|s| {
            let handles: Vec<_> = claims
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || part.iter().copied().filter_map(flag).collect::<Vec<_>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    /// The matches of `seen` without reading their reviews from the index.
    pub fn seen_refs(
        &self,
        quote: &str,
        exclude: Option<&str>,
        options: &SeenOptions,
    ) -> Vec<SeenRef> {
        let all = self.fingerprints();
        let projects: Vec<(&String, &ProjectPrints)> = all
            .iter()
            .filter(|(p, _)| Some(p.as_str()) != exclude)
            .collect();
        let print = ClaimPrint::of(quote);
        let wanted =
            |p: &ProjectPrints, row: u32| !options.reviewed_only || p.settled(row).is_reviewed();
        let mut found: Vec<(f32, MatchKind, Row)> = Vec::new();
        let mut candidates: HashMap<Row, u8> = HashMap::new();
        for (i, (_, p)) in projects.iter().enumerate() {
            let i = i as u32;
            for row in p.with_exact(print.exact).filter(|r| wanted(p, *r)) {
                found.push((1.0, MatchKind::Exact, (i, row)));
            }
            if print.norm == 0 {
                continue;
            }
            for row in p.with_norm(print.norm).filter(|r| wanted(p, *r)) {
                if p.exact(row) != print.exact {
                    found.push((NORMALISED_SIMILARITY, MatchKind::Normalised, (i, row)));
                }
            }
            for (band, key) in print.bands.iter().enumerate() {
                for row in p.in_band(band, *key) {
                    if p.norm(row) != print.norm && wanted(p, row) {
                        *candidates.entry((i, row)).or_default() += 1;
                    }
                }
            }
        }
        let mut ranked: Vec<(u8, Row)> = candidates.into_iter().map(|(r, n)| (n, r)).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        ranked.truncate(MAX_VERIFIED);
        for (_, (i, row)) in ranked {
            let p = projects[i as usize].1;
            let s = minhash::jaccard(&print.shingles, &minhash::shingles(p.normalised(row)));
            if s >= options.threshold {
                found.push((s, MatchKind::Near, (i, row)));
            }
        }
        let reference = |(similarity, kind, (i, row)): (f32, MatchKind, Row)| {
            let (path, p) = projects[i as usize];
            SeenRef {
                path: path.clone(),
                claim_id: p.claim_id(row).to_string(),
                number: p.number(row) as usize,
                similarity,
                kind,
                settled: p.settled(row).as_str().to_string(),
            }
        };
        // Best first; among equals, reviewed claims, then by place in the desk.
        let reviewed = |(i, row): Row| projects[i as usize].1.settled(row) != Settled::Unreviewed;
        found.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then(reviewed(b.2).cmp(&reviewed(a.2)))
                .then(a.2.cmp(&b.2))
        });
        found.truncate(options.limit);
        found.into_iter().map(reference).collect()
    }
}
