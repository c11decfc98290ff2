//! Every project's fingerprints in one desk-wide table, so "checked before" costs a few binary
//! searches whatever the number of projects: each claim has a global id (`gid`), and the
//! exact hashes, normalised hashes and each band's keys are sorted arrays over all claims.
//!
//! A project changed during a session gets new ids and is searched on its own (`recent`)
//! until the arrays are rebuilt; its old ids are dead and skipped.

use super::minhash::BANDS;
use super::prints::ProjectPrints;
use std::collections::BTreeMap;

/// Past this many projects searched on their own, the desk-wide arrays are rebuilt.
const MAX_RECENT: usize = 128;

pub struct Slot {
    pub path: String,
    pub prints: ProjectPrints,
    base: u32,
    live: bool,
}

#[derive(Default)]
pub struct PrintsTable {
    slots: Vec<Slot>,
    by_path: BTreeMap<String, usize>,
    /// Slot of every id (ids of a slot are `base..base + len`).
    slot_of: Vec<u32>,
    /// Sorted hash of every claim in the arrays, with its id alongside.
    exact: Vec<u64>,
    exact_gid: Vec<u32>,
    norm: Vec<u64>,
    norm_gid: Vec<u32>,
    /// Per band, every covered claim's entry `key << 32 | gid`, sorted.
    bands: Vec<Vec<u64>>,
    /// Slots not in the arrays, searched project by project.
    recent: Vec<usize>,
}

/// A claim found by a look-up: its slot and row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct At {
    pub slot: u32,
    pub row: u32,
}

impl PrintsTable {
    /// A table of `projects`, arrays built. Each project's own look-up arrays are moved into
    /// the desk-wide ones as it comes, so the two never take memory at the same time.
    /// `claims` is how many there are in all (the arrays are sized once: grown by doubling
    /// they would take up to twice the memory).
    pub fn new(
        projects: impl IntoIterator<Item = (String, ProjectPrints)>,
        claims: usize,
    ) -> PrintsTable {
        let mut b = Builder::with_capacity(claims);
        for (path, prints) in projects {
            b.add(path, prints, true);
        }
        b.finish()
    }

    fn push(&mut self, path: String, prints: ProjectPrints) -> usize {
        let slot = self.slots.len();
        let base = self.slot_of.len() as u32;
        self.slot_of
            .extend(std::iter::repeat_n(slot as u32, prints.len()));
        if let Some(old) = self.by_path.insert(path.clone(), slot) {
            self.slots[old].live = false;
        }
        self.slots.push(Slot {
            path,
            prints,
            base,
            live: true,
        });
        slot
    }

    /// Puts a project's new fingerprints in (replacing its old ones).
    pub fn insert(&mut self, path: String, prints: ProjectPrints) {
        let slot = self.push(path, prints);
        self.recent.push(slot);
        self.recent.retain(|s| self.slots[*s].live);
        if self.recent.len() > MAX_RECENT {
            self.rebuild();
        }
    }

    pub fn remove(&mut self, path: &str) {
        if let Some(slot) = self.by_path.remove(path) {
            self.slots[slot].live = false;
            self.recent.retain(|s| *s != slot);
        }
    }

    /// Drops dead slots, gives every claim a new id and sorts the arrays again. Band entries
    /// come from the old arrays and the recent projects' own (the others dropped theirs).
    fn rebuild(&mut self) {
        let old = std::mem::take(self);
        let mut remap = vec![u32::MAX; old.slot_of.len()];
        let mut b = Builder::with_capacity(old.slot_of.len());
        for (i, s) in old.slots.into_iter().enumerate() {
            if !s.live {
                continue;
            }
            let old_base = s.base;
            let len = s.prints.len() as u32;
            let new_base = b.add(s.path, s.prints, old.recent.contains(&i));
            for row in 0..len {
                remap[(old_base + row) as usize] = new_base + row;
            }
        }
        for (band, run) in old.bands.iter().enumerate() {
            b.bands[band].extend(run.iter().filter_map(|e| {
                let gid = *remap.get(*e as u32 as usize)?;
                (gid != u32::MAX).then_some((e & !0xFFFF_FFFF) | u64::from(gid))
            }));
        }
        *self = b.finish();
    }

    pub fn slot(&self, slot: u32) -> &Slot {
        &self.slots[slot as usize]
    }

    pub fn slot_of_path(&self, path: &str) -> Option<u32> {
        self.by_path.get(path).map(|s| *s as u32)
    }

    pub fn prints(&self, path: &str) -> Option<&ProjectPrints> {
        self.by_path.get(path).map(|s| &self.slots[*s].prints)
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.by_path.keys().map(String::as_str)
    }

    /// Claims whose quote has this exact hash.
    pub fn with_exact(&self, hash: u64, out: &mut Vec<At>) {
        let start = self.exact.partition_point(|h| *h < hash);
        let end = start + self.exact[start..].partition_point(|h| *h == hash);
        out.extend(
            self.exact_gid[start..end]
                .iter()
                .filter_map(|g| self.at(*g)),
        );
        for &slot in &self.recent {
            let p = &self.slots[slot].prints;
            out.extend(p.with_exact(hash).map(|row| At {
                slot: slot as u32,
                row,
            }));
        }
    }

    /// Claims whose normalised text has this hash (never 0).
    pub fn with_norm(&self, hash: u64, out: &mut Vec<At>) {
        let start = self.norm.partition_point(|h| *h < hash);
        let end = start + self.norm[start..].partition_point(|h| *h == hash);
        out.extend(self.norm_gid[start..end].iter().filter_map(|g| self.at(*g)));
        for &slot in &self.recent {
            let p = &self.slots[slot].prints;
            out.extend(p.with_norm(hash).map(|row| At {
                slot: slot as u32,
                row,
            }));
        }
    }

    /// Claims sharing band `band`'s key.
    pub fn in_band(&self, band: usize, key: u32, out: &mut Vec<At>) {
        let mut gids = Vec::new();
        self.band_gids(band, key, &mut gids);
        out.extend(gids.into_iter().filter_map(|g| self.at(g)));
        self.recent_in_band(band, key, out);
    }

    /// The ids in the desk-wide arrays sharing band `band`'s key, dead ones included (callers
    /// count them first and resolve only what they keep, with `at`).
    pub fn band_gids(&self, band: usize, key: u32, out: &mut Vec<u32>) {
        let Some(run) = self.bands.get(band) else {
            return;
        };
        let lo = u64::from(key) << 32;
        let start = run.partition_point(|e| *e < lo);
        let same = run[start..].partition_point(|e| (*e >> 32) as u32 == key);
        out.extend(run[start..start + same].iter().map(|e| *e as u32));
    }

    /// Claims of the recent projects sharing band `band`'s key.
    pub fn recent_in_band(&self, band: usize, key: u32, out: &mut Vec<At>) {
        for &slot in &self.recent {
            let p = &self.slots[slot].prints;
            out.extend(p.in_band(band, key).map(|row| At {
                slot: slot as u32,
                row,
            }));
        }
    }

    /// Where a claim id is, unless its project changed or left since.
    pub fn at(&self, gid: u32) -> Option<At> {
        let slot = *self.slot_of.get(gid as usize)?;
        let s = &self.slots[slot as usize];
        s.live.then_some(At {
            slot,
            row: gid - s.base,
        })
    }
}

/// Collects the desk-wide arrays while slots are added.
struct Builder {
    table: PrintsTable,
    exact: Vec<(u64, u32)>,
    norm: Vec<(u64, u32)>,
    bands: Vec<Vec<u64>>,
}

impl Builder {
    fn with_capacity(claims: usize) -> Builder {
        Builder {
            table: PrintsTable::default(),
            exact: Vec::with_capacity(claims),
            norm: Vec::with_capacity(claims),
            bands: (0..BANDS).map(|_| Vec::with_capacity(claims)).collect(),
        }
    }

    /// Adds a slot; its band entries come from its own arrays when `own_bands`, else the
    /// caller adds them. Returns the slot's first id.
    fn add(&mut self, path: String, prints: ProjectPrints, own_bands: bool) -> u32 {
        let slot = self.table.push(path, prints);
        let s = &mut self.table.slots[slot];
        let len = s.prints.len();
        for row in 0..len as u32 {
            self.exact.push((s.prints.exact(row), s.base + row));
            let h = s.prints.norm(row);
            if h != 0 {
                self.norm.push((h, s.base + row));
            }
        }
        if own_bands {
            let entries = s.prints.band_entries();
            for (band, out) in self.bands.iter_mut().enumerate() {
                let run = &entries[band * len..(band + 1) * len];
                out.extend(
                    run.iter()
                        .map(|e| (e & !0xFFFF_FFFF) | u64::from(s.base + *e as u32)),
                );
            }
        }
        s.prints.drop_lookups();
        s.base
    }

    fn finish(self) -> PrintsTable {
        let Builder {
            mut table,
            mut exact,
            mut norm,
            mut bands,
        } = self;
        exact.sort_unstable();
        norm.sort_unstable();
        (table.exact, table.exact_gid) = exact.into_iter().unzip();
        (table.norm, table.norm_gid) = norm.into_iter().unzip();
        let mut scratch = Vec::new();
        for run in &mut bands {
            radix_sort_by_high_half(run, &mut scratch);
        }
        table.bands = bands;
        table.recent.clear();
        table
    }
}

/// Sorts by the high 32 bits only, stably (two passes of 16 bits): entries made in id order
/// end up ordered by key, then id.
fn radix_sort_by_high_half(v: &mut [u64], scratch: &mut Vec<u64>) {
    scratch.clear();
    scratch.resize(v.len(), 0);
    for shift in [32u32, 48] {
        let mut counts = vec![0usize; 1 << 16];
        for e in v.iter() {
            counts[((e >> shift) & 0xFFFF) as usize] += 1;
        }
        let mut sum = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = sum;
            sum += n;
        }
        for e in v.iter() {
            let d = ((e >> shift) & 0xFFFF) as usize;
            scratch[counts[d]] = *e;
            counts[d] += 1;
        }
        v.copy_from_slice(scratch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ArticleInfo, new_project};
    use crate::desk::search::prints::ClaimPrint;

    fn prints(text: &str) -> ProjectPrints {
        ProjectPrints::build(
            &new_project(ArticleInfo::default(), text.to_string()),
            [0; 32],
        )
    }

    #[test]
    fn radix_sort_orders_by_key_then_id() {
        let mut v: Vec<u64> = vec![
            (5 << 32) | 1,
            (3 << 32) | 2,
            5 << 32,
            (0x1_0007 << 32) | 9,
            3 << 32,
        ];
        let mut want = v.clone();
        want.sort_by_key(|e| e >> 32);
        radix_sort_by_high_half(&mut v, &mut Vec::new());
        assert_eq!(v, want);
    }

    #[test]
    fn look_ups_follow_inserts_and_removals() {
        let mut t = PrintsTable::new(
            vec![
                ("a.ron".into(), prints("The sky is blue. Grass is green.")),
                ("b.ron".into(), prints("Grass is green. Water is wet.")),
            ],
            4,
        );
        let grass = ClaimPrint::of("Grass is green.");
        let found = |t: &PrintsTable| {
            let mut out = Vec::new();
            t.with_exact(grass.exact, &mut out);
            let mut paths: Vec<String> = out.iter().map(|a| t.slot(a.slot).path.clone()).collect();
            paths.sort();
            paths
        };
        assert_eq!(found(&t), vec!["a.ron", "b.ron"]);
        let mut band = Vec::new();
        t.in_band(0, grass.bands[0], &mut band);
        assert_eq!(band.len(), 2);

        t.insert("b.ron".into(), prints("Water is wet."));
        assert_eq!(found(&t), vec!["a.ron"]);
        t.insert("c.ron".into(), prints("grass is GREEN"));
        let mut norm = Vec::new();
        t.with_norm(grass.norm, &mut norm);
        assert_eq!(norm.len(), 2);
        t.remove("a.ron");
        assert!(found(&t).is_empty());
        t.rebuild();
        let mut band = Vec::new();
        t.in_band(0, grass.bands[0], &mut band);
        // Only c.ron says it now (in other case: the same normalised text, the same bands).
        assert_eq!(band.len(), 1);
        assert_eq!(t.slot(band[0].slot).path, "c.ron");
        let water = ClaimPrint::of("Water is wet.");
        let mut band = Vec::new();
        t.in_band(1, water.bands[1], &mut band);
        assert_eq!(band.len(), 1, "b.ron's new claim moved into the arrays");
        let mut norm = Vec::new();
        t.with_norm(grass.norm, &mut norm);
        assert_eq!(norm.len(), 1);
        assert_eq!(t.slot(norm[0].slot).path, "c.ron");
        assert_eq!(t.paths().collect::<Vec<_>>(), vec!["b.ron", "c.ron"]);
    }
}
