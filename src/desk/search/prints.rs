//! Fingerprints of one project's claims for "checked before": the exact quote's hash, the
//! normalised text's hash, the LSH band keys and the normalised text itself (for the true
//! Jaccard check), with sorted arrays so a lookup is a binary search. One small file per
//! project in the cache, so a changed project rewrites only its own.

use super::binfile::{Corrupt, In, Out};
use super::minhash::{self, BANDS};
use super::normalise::{NORMALISE_VERSION, normalise};
use crate::model::{Claim, Project, Verdict};

const MAGIC: &[u8; 8] = b"CDPRINTS";
const VERSION: u32 = 2_000_000 + NORMALISE_VERSION * 1000 + minhash::MINHASH_VERSION % 1000;

/// What a claim's reviewers settled on, in one byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    Unreviewed,
    Verdict(Verdict),
    /// Reviewers gave different verdicts and nobody adjudicated.
    Disagreement,
}

impl Settled {
    pub fn of(claim: &Claim) -> Settled {
        match claim.settled_verdict() {
            Some(v) => Settled::Verdict(v),
            None if claim.is_disagreement() => Settled::Disagreement,
            None => Settled::Unreviewed,
        }
    }

    pub fn is_reviewed(self) -> bool {
        self != Settled::Unreviewed
    }

    /// The settled verdict, if there is one.
    pub fn verdict(self) -> Option<Verdict> {
        match self {
            Settled::Verdict(v) => Some(v),
            _ => None,
        }
    }

    /// The name search filters and JSON use.
    pub fn as_str(self) -> &'static str {
        match self {
            Settled::Unreviewed => "unreviewed",
            Settled::Verdict(v) => v.as_str(),
            Settled::Disagreement => "disagreement",
        }
    }

    fn code(self) -> u8 {
        match self {
            Settled::Unreviewed => 0,
            Settled::Verdict(v) => 1 + Verdict::ALL.iter().position(|x| *x == v).unwrap_or(0) as u8,
            Settled::Disagreement => 9,
        }
    }

    fn from_code(code: u8) -> Settled {
        match code {
            9 => Settled::Disagreement,
            0 => Settled::Unreviewed,
            n => Verdict::ALL
                .get(usize::from(n - 1))
                .map_or(Settled::Unreviewed, |v| Settled::Verdict(*v)),
        }
    }
}

/// A claim's fingerprints, computed from its quote alone.
pub struct ClaimPrint {
    pub exact: u64,
    /// 0 when the normalised text is empty (punctuation only): such claims match nothing.
    pub norm: u64,
    pub shingles: Vec<u64>,
    pub bands: [u32; BANDS],
    pub normalised: String,
}

impl ClaimPrint {
    pub fn of(quote: &str) -> ClaimPrint {
        let normalised = normalise(quote);
        let shingles = minhash::shingles(&normalised);
        let bands = minhash::band_keys(&minhash::signature(&shingles));
        let norm = if normalised.is_empty() {
            0
        } else {
            minhash::hash_bytes(normalised.as_bytes()).max(1)
        };
        ClaimPrint {
            exact: minhash::hash_bytes(quote.as_bytes()),
            norm,
            shingles,
            bands,
            normalised,
        }
    }
}

/// Strings one after another, with where each ends.
#[derive(Default)]
struct Arena {
    text: String,
    ends: Vec<u32>,
}

impl Arena {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    fn check(&self, n: usize) -> Result<(), Corrupt> {
        let bad = self.ends.len() != n
            || !self.ends.is_sorted()
            || self
                .ends
                .last()
                .is_some_and(|e| *e as usize != self.text.len())
            || self
                .ends
                .iter()
                .any(|e| !self.text.is_char_boundary(*e as usize));
        if bad {
            Err(Corrupt("bad text table".into()))
        } else {
            Ok(())
        }
    }
}

/// The fingerprints of every claim of one project, in article order (row `r` is claim number
/// `r + 1`).
pub struct ProjectPrints {
    pub sha256: [u8; 32],
    settled: Vec<u8>,
    exact: Vec<u64>,
    norm: Vec<u64>,
    /// Rows ordered by `exact`, and by `norm`; empty once `drop_lookups` was called.
    by_exact: Vec<u32>,
    by_norm: Vec<u32>,
    /// `BANDS` runs of `len()` entries, `key << 32 | row`, each run sorted; empty likewise.
    bands: Vec<u64>,
    ids: Arena,
    texts: Arena,
}

impl ProjectPrints {
    pub fn build(project: &Project, sha256: [u8; 32]) -> ProjectPrints {
        Self::build_from(&project.claims, sha256)
    }

    /// From claims in article order.
    pub fn build_from(claims: &[Claim], sha256: [u8; 32]) -> ProjectPrints {
        let n = claims.len();
        let mut p = ProjectPrints {
            sha256,
            settled: Vec::with_capacity(n),
            exact: Vec::with_capacity(n),
            norm: Vec::with_capacity(n),
            by_exact: Vec::new(),
            by_norm: Vec::new(),
            bands: vec![0; n * BANDS],
            ids: Arena::default(),
            texts: Arena::default(),
        };
        for (row, claim) in claims.iter().enumerate() {
            let print = ClaimPrint::of(&claim.quote);
            p.settled.push(Settled::of(claim).code());
            p.exact.push(print.exact);
            p.norm.push(print.norm);
            for (band, key) in print.bands.iter().enumerate() {
                p.bands[band * n + row] = u64::from(*key) << 32 | row as u64;
            }
            p.ids.push(&claim.id);
            p.texts.push(&print.normalised);
        }
        p.sort();
        p
    }

    fn sort(&mut self) {
        let n = self.len();
        self.by_exact = (0..n as u32).collect();
        self.by_exact.sort_by_key(|r| self.exact[*r as usize]);
        self.by_norm = (0..n as u32).collect();
        self.by_norm.sort_by_key(|r| self.norm[*r as usize]);
        if n > 0 {
            for run in self.bands.chunks_exact_mut(n) {
                run.sort_unstable();
            }
        }
    }

    pub fn len(&self) -> usize {
        self.settled.len()
    }

    pub fn is_empty(&self) -> bool {
        self.settled.is_empty()
    }

    /// The band entries of every row: `BANDS` sorted runs of `len()` entries `key << 32 | row`.
    pub fn band_entries(&self) -> &[u64] {
        &self.bands
    }

    /// Frees the per-project look-up arrays once a desk-wide table covers this project.
    pub fn drop_lookups(&mut self) {
        self.by_exact = Vec::new();
        self.by_norm = Vec::new();
        self.bands = Vec::new();
    }

    pub fn claim_id(&self, row: u32) -> &str {
        self.ids.get(row as usize)
    }

    pub fn number(&self, row: u32) -> u32 {
        row + 1
    }

    pub fn settled(&self, row: u32) -> Settled {
        Settled::from_code(self.settled[row as usize])
    }

    pub fn exact(&self, row: u32) -> u64 {
        self.exact[row as usize]
    }

    pub fn norm(&self, row: u32) -> u64 {
        self.norm[row as usize]
    }

    pub fn normalised(&self, row: u32) -> &str {
        self.texts.get(row as usize)
    }

    /// Rows whose quote is exactly the one hashed.
    pub fn with_exact(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        equal_run(&self.by_exact, |r| self.exact[r as usize], hash)
    }

    /// Rows whose normalised text is the one hashed.
    pub fn with_norm(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        equal_run(&self.by_norm, |r| self.norm[r as usize], hash)
    }

    /// Rows sharing band `band`'s key.
    pub fn in_band(&self, band: usize, key: u32) -> impl Iterator<Item = u32> + '_ {
        let n = self.len();
        let run = &self.bands[band * n..(band + 1) * n];
        let lo = u64::from(key) << 32;
        let start = run.partition_point(|e| *e < lo);
        run[start..]
            .iter()
            .take_while(move |e| (*e >> 32) as u32 == key)
            .map(|e| *e as u32)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Out::new(MAGIC, VERSION);
        out.bytes(&self.sha256);
        out.bytes(&self.settled);
        out.u64s(&self.exact);
        out.u64s(&self.norm);
        out.u32s(&self.by_exact);
        out.u32s(&self.by_norm);
        out.u64s(&self.bands);
        out.str(&self.ids.text);
        out.u32s(&self.ids.ends);
        out.str(&self.texts.text);
        out.u32s(&self.texts.ends);
        out.finish()
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<ProjectPrints, Corrupt> {
        let mut input = In::open(bytes, MAGIC, VERSION)?;
        let sha256 = input
            .bytes()?
            .try_into()
            .map_err(|_| Corrupt("bad hash".into()))?;
        let p = ProjectPrints {
            sha256,
            settled: input.bytes()?.to_vec(),
            exact: input.u64s()?,
            norm: input.u64s()?,
            by_exact: input.u32s()?,
            by_norm: input.u32s()?,
            bands: input.u64s()?,
            ids: Arena {
                text: input.string()?,
                ends: input.u32s()?,
            },
            texts: Arena {
                text: input.string()?,
                ends: input.u32s()?,
            },
        };
        input.end()?;
        let n = p.len();
        let rows_ok = |v: &[u32]| v.len() == n && v.iter().all(|r| (*r as usize) < n);
        let consistent = [p.exact.len(), p.norm.len()].iter().all(|len| *len == n)
            && rows_ok(&p.by_exact)
            && rows_ok(&p.by_norm)
            && p.bands.len() == n * BANDS
            && p.bands.iter().all(|e| ((*e as u32) as usize) < n);
        if !consistent {
            return Err(Corrupt("tables of different lengths".into()));
        }
        p.ids.check(n)?;
        p.texts.check(n)?;
        Ok(p)
    }
}

/// The entries of `order` whose key equals `wanted` (`order` is sorted by key).
fn equal_run<'a>(
    order: &'a [u32],
    key: impl Fn(u32) -> u64 + 'a,
    wanted: u64,
) -> impl Iterator<Item = u32> + 'a {
    let start = order.partition_point(|r| key(*r) < wanted);
    order[start..]
        .iter()
        .copied()
        .take_while(move |r| key(*r) == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ArticleInfo, new_project};

    fn project(text: &str) -> Project {
        new_project(ArticleInfo::default(), text.to_string())
    }

    #[test]
    fn lookups_find_rows_and_survive_a_round_trip() {
        let p = project("Five million people voted. The sky is blue. 5 million people voted.");
        let prints = ProjectPrints::build(&p, [7; 32]);
        assert_eq!(prints.len(), 3);
        let first = ClaimPrint::of(&p.claims[0].quote);
        assert_eq!(prints.with_exact(first.exact).collect::<Vec<_>>(), vec![0]);
        let mut norm: Vec<u32> = prints.with_norm(first.norm).collect();
        norm.sort();
        assert_eq!(norm, vec![0, 2]);
        assert!(prints.in_band(3, first.bands[3]).any(|r| r == 0));

        let back = ProjectPrints::from_bytes(&prints.to_bytes()).unwrap();
        assert_eq!(back.sha256, [7; 32]);
        assert_eq!(back.claim_id(1), p.claims[1].id);
        assert_eq!(back.normalised(0), "5000000 people voted");
        assert_eq!(back.number(2), 3);
        assert_eq!(back.settled(0), Settled::Unreviewed);
        assert_eq!(back.with_norm(first.norm).count(), 2);
    }

    #[test]
    fn settled_codes_round_trip() {
        for s in [
            Settled::Unreviewed,
            Settled::Disagreement,
            Settled::Verdict(Verdict::Verified),
            Settled::Verdict(Verdict::AttributedOnly),
            Settled::Verdict(Verdict::Disputed),
        ] {
            assert_eq!(Settled::from_code(s.code()), s);
        }
    }

    #[test]
    fn damaged_files_are_refused() {
        let prints = ProjectPrints::build(&project("One claim here. And another."), [0; 32]);
        let bytes = prints.to_bytes();
        for cut in [0, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(ProjectPrints::from_bytes(&bytes[..cut]).is_err());
        }
        let empty = ProjectPrints::build(&project(""), [0; 32]);
        assert!(
            ProjectPrints::from_bytes(&empty.to_bytes())
                .unwrap()
                .is_empty()
        );
    }
}
