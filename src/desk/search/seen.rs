//! "Checked before": claims in other projects of the desk that say the same thing as a given
//! one — the exact quote, the same normalised text, or a near-duplicate (MinHash/LSH
//! candidates confirmed by the true Jaccard similarity of their shingles).
//!
//! The threshold of 0.6 on 5-character shingles of normalised text: one changed word in a
//! ten-word sentence leaves about 0.7, two leave about 0.5, and claims that only share their
//! framing ("X said that …") fall below 0.5; see `minhash`'s tests.

use super::index::DeskIndex;
use super::minhash::BANDS;
use super::prints::{ClaimPrint, ProjectPrints, Settled};
use super::store::stored_claim;
use super::table::{At, PrintsTable};
use super::{minhash, normalise};
use crate::model::{Adjudication, Claim, Project, Review, Verdict};
use serde::Serialize;
use std::collections::BTreeMap;

/// Similarity given to a match of the normalised text (an exact one is 1.0).
pub const NORMALISED_SIMILARITY: f32 = 0.99;
/// Near-duplicate candidates whose Jaccard similarity is checked, most shared bands first
/// (a pair at the threshold shares 4 of 20 bands on average, one at 0.3 about 0.5).
const MAX_VERIFIED: usize = 2000;
/// The same when only the best match is wanted (flagging a whole project).
const MAX_VERIFIED_BEST: usize = 200;

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
    /// Flags only: leave out a best match that says other numbers (another claim in the same
    /// words, not the same claim checked).
    pub same_numbers_only: bool,
}

impl Default for SeenOptions {
    fn default() -> Self {
        SeenOptions {
            threshold: 0.6,
            limit: 20,
            reviewed_only: false,
            same_numbers_only: false,
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
    /// Both say the same numbers (always so for exact and normalised matches): a near
    /// duplicate with other numbers is another claim in the same words.
    pub same_numbers: bool,
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
    /// See `SeenRef::same_numbers`.
    pub same_numbers: bool,
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

impl DeskIndex {
    /// The fingerprints of every indexed project, read on first use (a second or so for a
    /// million claims). A missing or damaged file is rebuilt from the quotes in the index.
    pub fn fingerprints(&self) -> &PrintsTable {
        self.prints.get_or_init(|| self.load_prints())
    }

    fn load_prints(&self) -> PrintsTable {
        let indexed = || {
            self.manifest
                .entries
                .iter()
                .filter(|(_, e)| e.error.is_none())
        };
        let claims = indexed().map(|(_, e)| e.claims as usize).sum();
        // Read one file at a time into the table: never every project's arrays at once.
        let projects = indexed().map(|(path, entry)| {
            let file = super::index::prints_file(&self.dir, path);
            let from_file = std::fs::read(&file)
                .ok()
                .and_then(|b| ProjectPrints::from_bytes(&b).ok())
                .filter(|p| p.sha256 == entry.sha256 && p.len() == entry.claims as usize);
            let prints = from_file.unwrap_or_else(|| {
                let claims = super::store::stored_claims(self, path);
                let p = ProjectPrints::build_from(&claims, entry.sha256);
                let _ = super::binfile::write_replace(&file, &p.to_bytes());
                p
            });
            (path.clone(), prints)
        });
        PrintsTable::new(projects, claims)
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
                    same_numbers: r.same_numbers,
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

    /// Every claim of `project` (at `path` in the desk, or not in it yet) said before in
    /// another project, with its best match (set `options.reviewed_only` for "checked").
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
            let best = self
                .refs(&c.quote, path, &one, MAX_VERIFIED_BEST)
                .into_iter()
                .next()
                .filter(|b| b.same_numbers || !options.same_numbers_only)?;
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
        self.refs(quote, exclude, options, MAX_VERIFIED)
    }

    fn refs(
        &self,
        quote: &str,
        exclude: Option<&str>,
        options: &SeenOptions,
        max_verified: usize,
    ) -> Vec<SeenRef> {
        let table = self.fingerprints();
        let skip = exclude.and_then(|p| table.slot_of_path(p));
        let prints = |a: &At| &table.slot(a.slot).prints;
        let wanted = |a: &At| {
            Some(a.slot) != skip
                && (!options.reviewed_only || prints(a).settled(a.row).is_reviewed())
        };
        let print = ClaimPrint::of(quote);
        let mut found: Vec<(f32, MatchKind, At)> = Vec::new();
        let mut buf = Vec::new();
        table.with_exact(print.exact, &mut buf);
        found.extend(
            buf.drain(..)
                .filter(wanted)
                .map(|a| (1.0, MatchKind::Exact, a)),
        );
        if print.norm != 0 {
            table.with_norm(print.norm, &mut buf);
            found.extend(
                buf.drain(..)
                    .filter(|a| wanted(a) && prints(a).exact(a.row) != print.exact)
                    .map(|a| (NORMALISED_SIMILARITY, MatchKind::Normalised, a)),
            );
            // Near-duplicates rank below those: look only if there is room.
            if found.len() < options.limit {
                let near = self.near(table, &print, &wanted, options.threshold, max_verified);
                found.extend(near);
            }
        }
        // Best first; among equals, reviewed claims, then by place in the desk.
        let reviewed = |a: &At| prints(a).settled(a.row) != Settled::Unreviewed;
        found.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then(reviewed(&b.2).cmp(&reviewed(&a.2)))
                .then(a.2.cmp(&b.2))
        });
        found.truncate(options.limit);
        let numbers = normalise::numbers(&print.normalised);
        found
            .into_iter()
            .map(|(similarity, kind, a)| {
                let slot = table.slot(a.slot);
                SeenRef {
                    path: slot.path.clone(),
                    claim_id: slot.prints.claim_id(a.row).to_string(),
                    number: slot.prints.number(a.row) as usize,
                    similarity,
                    kind,
                    same_numbers: kind != MatchKind::Near
                        || normalise::numbers(slot.prints.normalised(a.row)) == numbers,
                    settled: slot.prints.settled(a.row).as_str().to_string(),
                }
            })
            .collect()
    }

    /// Near-duplicates: claims sharing a band, most shared bands first, kept if their true
    /// Jaccard similarity reaches the threshold.
    fn near(
        &self,
        table: &PrintsTable,
        print: &ClaimPrint,
        wanted: &dyn Fn(&At) -> bool,
        threshold: f32,
        max_verified: usize,
    ) -> Vec<(f32, MatchKind, At)> {
        // Ids from the desk-wide arrays are counted before anything else is looked at: on a
        // desk of similar sentences a band can hold thousands of them.
        let mut gids = Vec::new();
        let mut recent = Vec::new();
        for band in 0..BANDS {
            table.band_gids(band, print.bands[band], &mut gids);
            table.recent_in_band(band, print.bands[band], &mut recent);
        }
        gids.sort_unstable();
        recent.sort_unstable();
        let mut ranked: Vec<(usize, At)> = gids
            .chunk_by(|a, b| a == b)
            .filter_map(|run| Some((run.len(), table.at(run[0])?)))
            .chain(
                recent
                    .chunk_by(|a, b| a == b)
                    .map(|run| (run.len(), run[0])),
            )
            .collect();
        let prints = |a: &At| &table.slot(a.slot).prints;
        ranked.retain(|(_, a)| prints(a).norm(a.row) != print.norm && wanted(a));
        let most_bands_first = |a: &(usize, At), b: &(usize, At)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if ranked.len() > max_verified {
            ranked.select_nth_unstable_by(max_verified, most_bands_first);
            ranked.truncate(max_verified);
        }
        let mut shingles = Vec::new();
        ranked
            .into_iter()
            .filter_map(|(_, a)| {
                minhash::shingles_into(prints(&a).normalised(a.row), &mut shingles);
                let s = minhash::jaccard(&print.shingles, &shingles);
                (s >= threshold).then_some((s, MatchKind::Near, a))
            })
            .collect()
    }
}
