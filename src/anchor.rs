//! Finding a claim again after the article text changed (a reviewer fixed a typo, or reloaded a
//! longer version of the article), from the quote and context every claim stores.
//!
//! The approach is the one Hypothesis' client uses for its annotations:
//!
//! 1. the quote word for word where the claim is expected (its old offset, shifted by how far
//!    the text before it grew or shrank);
//! 2. the quote word for word anywhere else, preferring the occurrence whose context matches
//!    and that is nearest the expected place;
//! 3. a fuzzy match (Myers' bit-parallel edit-distance scan, up to one error in two characters
//!    of the quote) in a window around the expected place, scored by how alike the quote is
//!    (weight 50), the context before and after (20 each) and the position (2, a tie-breaker).
//!
//! A claim whose best place scores below [`MIN_SCORE`] is an [`Anchored::Orphan`]: a wrong
//! place would put a reviewer's verdict on words they never judged.

use crate::model::{CONTEXT_CHARS, Claim};
use crate::text::{CharIndex, Quote, is_grapheme_boundary};
use std::collections::HashMap;
use std::ops::Range;

/// Where a claim lands in the new text (character offsets).
#[derive(Debug, Clone, PartialEq)]
pub enum Anchored {
    /// The quote was found word for word.
    Exact(Range<usize>),
    /// The quote was found with differences; the score (0–1, 1 = quote and context unchanged)
    /// says how sure the match is.
    Fuzzy(Range<usize>, f64),
    /// No place is good enough: keep the claim as an orphan.
    Orphan,
}

impl Anchored {
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Anchored::Exact(r) | Anchored::Fuzzy(r, _) => Some(r.clone()),
            Anchored::Orphan => None,
        }
    }

    pub fn is_orphan(&self) -> bool {
        matches!(self, Anchored::Orphan)
    }
}

/// Weights of the match score, as Hypothesis' client uses them: quote most, then the context,
/// position last.
const QUOTE_WEIGHT: f64 = 50.0;
const PREFIX_WEIGHT: f64 = 20.0;
const SUFFIX_WEIGHT: f64 = 20.0;
const POSITION_WEIGHT: f64 = 2.0;
const TOTAL_WEIGHT: f64 = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/// The lowest score a place may have. A quote with a typo fixed and its context intact scores
/// about 0.99; the same quote with both neighbouring sentences rewritten about 0.77; a
/// different sentence of similar shape ("X said that 26 drones …") about 0.6.
pub const MIN_SCORE: f64 = 0.7;
/// An exact quote this long is the claim wherever it is; a shorter one (a number, a name)
/// needs its context too.
const DISTINCT_QUOTE: usize = 16;
/// An exact match near the expected place scoring this much is taken without looking further.
const NEAR_ENOUGH: f64 = 0.8;
/// Characters searched either side of the expected place.
const WINDOW: usize = 2048;
/// Fuzzy matching allows one error per two quote characters, at most this many.
const MAX_ERRORS: usize = 256;
const MAX_EXACT_CANDIDATES: usize = 1000;
const MAX_FUZZY_CANDIDATES: usize = 8;

/// Re-anchors one claim made on `old_text` into `new_text`. For many claims use [`Anchorer`],
/// which indexes the new text once and learns how far claims moved as it goes.
pub fn reanchor(claim: &Claim, old_text: &str, new_text: &str) -> Anchored {
    let index = CharIndex::new(new_text);
    Anchorer::new(Some(old_text), new_text, &index).anchor(claim)
}

/// Re-anchors every claim of a project made on `old_text` (in article order).
pub fn reanchor_all(claims: &[Claim], old_text: &str, new_text: &str) -> Vec<Anchored> {
    let index = CharIndex::new(new_text);
    let mut a = Anchorer::new(Some(old_text), new_text, &index);
    claims.iter().map(|c| a.anchor(c)).collect()
}

/// Re-anchors claims into one new text. Feed it claims in article order: each placed claim
/// tells where the next is expected.
pub struct Anchorer<'t> {
    text: &'t str,
    index: &'t CharIndex,
    len: usize,
    /// Length of the old text in characters, when it is known.
    old_len: Option<usize>,
    /// Characters at the start and end the old and new text share.
    same_prefix: usize,
    same_suffix: usize,
    /// How far the last claim placed moved (new start − old start).
    drift: isize,
    /// Where every run of `GRAM` bytes of the new text starts, by hash: finds a quote anywhere
    /// without scanning the whole text. Built on first use.
    grams: std::cell::OnceCell<Vec<(u64, u32)>>,
}

impl<'t> Anchorer<'t> {
    /// `old_text` is the text the claims were made on (`None` when it is not at hand, e.g. for
    /// orphans); `index` must be `CharIndex::new(new_text)`.
    pub fn new(old_text: Option<&str>, new_text: &'t str, index: &'t CharIndex) -> Self {
        let (old_len, same_prefix, same_suffix) = match old_text {
            Some(old) => {
                let (p, s) = shared_ends(old, new_text);
                (
                    Some(old.chars().count()),
                    old[..p].chars().count(),
                    old[old.len() - s..].chars().count(),
                )
            }
            None => (None, 0, 0),
        };
        Anchorer {
            text: new_text,
            index,
            len: index.char_len(),
            old_len,
            same_prefix,
            same_suffix,
            drift: 0,
            grams: std::cell::OnceCell::new(),
        }
    }

    /// Where a claim that started at `old_start` is expected in the new text.
    fn expected(&self, old_start: usize) -> usize {
        let at = match self.old_len {
            Some(_) if old_start <= self.same_prefix => old_start as isize,
            Some(old_len) if old_start + self.same_suffix >= old_len => {
                old_start as isize + self.len as isize - old_len as isize
            }
            _ => old_start as isize + self.drift,
        };
        at.clamp(0, self.len as isize) as usize
    }

    pub fn anchor(&mut self, claim: &Claim) -> Anchored {
        let m = claim.quote.chars().count();
        if m == 0 {
            return Anchored::Orphan;
        }
        let hint = self.expected(claim.start);
        let Some((found, score)) = self.find(claim, m, hint) else {
            return Anchored::Orphan;
        };
        // Learn how far claims moved from places near the expected one, or sure ones: a
        // repeated sentence found far away says nothing about where the next claim is.
        if let Some(r) = found.range()
            && (r.start.abs_diff(hint) <= WINDOW || score >= NEAR_ENOUGH)
        {
            self.drift = r.start as isize - claim.start as isize;
        }
        found
    }

    fn find(&self, claim: &Claim, m: usize, hint: usize) -> Option<(Anchored, f64)> {
        let quote = claim.quote.as_str();
        // 1. Word for word where it is expected: most claims, after a typo fix elsewhere.
        let here = hint..hint + m;
        if self.slice(here.clone()) == Some(quote) && self.on_boundaries(&here) {
            return Some((Anchored::Exact(here), 1.0));
        }
        // 2. Word for word near there, with its context.
        let near = self.window(hint, m, WINDOW);
        if let Some((score, r)) = self.best_exact(claim, m, hint, near)
            && score >= NEAR_ENOUGH
        {
            return Some((Anchored::Exact(r), score));
        }
        // 3. The best of: word for word anywhere (moved paragraphs, long insertions), and
        //    approximately near the expected place (a typo fixed in the quote).
        let exact = self
            .best_exact(claim, m, hint, 0..self.len)
            .filter(|(score, _)| *score >= MIN_SCORE || m >= DISTINCT_QUOTE);
        let fuzzy = self
            .best_fuzzy(claim, m, hint)
            .filter(|(score, _)| *score >= MIN_SCORE);
        match (exact, fuzzy) {
            (Some((e, r)), fuzzy) if fuzzy.as_ref().is_none_or(|(f, _)| e >= *f) => {
                Some((Anchored::Exact(r), e))
            }
            (_, Some((f, r))) => Some((Anchored::Fuzzy(r, round3(f)), f)),
            _ => None,
        }
    }

    fn slice(&self, r: Range<usize>) -> Option<&'t str> {
        self.index.slice(self.text, r)
    }

    fn byte(&self, c: usize) -> usize {
        self.index.byte(c.min(self.len)).unwrap_or(self.text.len())
    }

    fn on_boundaries(&self, r: &Range<usize>) -> bool {
        r.end <= self.len
            && is_grapheme_boundary(self.text, self.byte(r.start))
            && is_grapheme_boundary(self.text, self.byte(r.end))
    }

    fn window(&self, hint: usize, m: usize, radius: usize) -> Range<usize> {
        hint.saturating_sub(radius)..(hint + m + radius).min(self.len)
    }

    /// Every word-for-word occurrence of the quote inside `chars`, scored; the best one.
    fn best_exact(
        &self,
        claim: &Claim,
        m: usize,
        hint: usize,
        chars: Range<usize>,
    ) -> Option<(f64, Range<usize>)> {
        let quote = claim.quote.as_str();
        let (lo, hi) = (self.byte(chars.start), self.byte(chars.end));
        let mut best: Option<(f64, Range<usize>)> = None;
        let mut consider = |b: usize| {
            let Some(start) = self.index.char_at_byte(b) else {
                return;
            };
            let r = start..start + m;
            if !self.on_boundaries(&r) {
                return;
            }
            let score = self.score(claim, &r, 1.0, hint);
            if better(score, &r, best.as_ref(), hint) {
                best = Some((score, r));
            }
        };
        if quote.len() >= GRAM && hi - lo > 4 * WINDOW {
            // Look the quote's first bytes up instead of scanning a long stretch.
            let grams = self.grams.get_or_init(|| gram_index(self.text));
            let key = gram_hash(&quote.as_bytes()[..GRAM]);
            let from = grams.partition_point(|&(h, _)| h < key);
            let hits = grams[from..].iter().take_while(|&&(h, _)| h == key);
            for &(_, b) in hits.take(MAX_EXACT_CANDIDATES) {
                let b = b as usize;
                if (lo..hi).contains(&b)
                    && b + quote.len() <= hi
                    && self.text.as_bytes()[b..].starts_with(quote.as_bytes())
                {
                    consider(b);
                }
            }
            return best;
        }
        let hay = &self.text[lo..hi];
        let step = quote.chars().next().map_or(1, char::len_utf8);
        let (mut from, mut seen) = (0, 0);
        while let Some(i) = hay[from..].find(quote) {
            consider(lo + from + i);
            from += i + step;
            seen += 1;
            if seen >= MAX_EXACT_CANDIDATES || from >= hay.len() {
                break;
            }
        }
        best
    }

    /// The best approximate place within a window around `hint`.
    fn best_fuzzy(&self, claim: &Claim, m: usize, hint: usize) -> Option<(f64, Range<usize>)> {
        let max_errors = (m / 2).min(MAX_ERRORS);
        if max_errors == 0 {
            return None;
        }
        let win = self.window(hint, m, WINDOW + max_errors);
        let hay: Vec<char> = self.slice(win.clone())?.chars().collect();
        let pattern: Vec<char> = claim.quote.chars().collect();
        let mut ends = Vec::with_capacity(hay.len());
        Peq::new(&pattern).scan(&hay, false, &mut ends);
        // Match ends: local minima of the distance within the error budget.
        let mut candidates: Vec<(u32, usize)> = (0..ends.len())
            .filter(|&j| {
                let d = ends[j];
                d as usize <= max_errors
                    && (j == 0 || d <= ends[j - 1])
                    && (j + 1 == ends.len() || d < ends[j + 1])
            })
            .map(|j| (ends[j], j))
            .collect();
        let expected_end = (hint + m).saturating_sub(win.start);
        candidates.sort_by_key(|&(d, j)| (d, j.abs_diff(expected_end)));
        candidates.truncate(MAX_FUZZY_CANDIDATES);
        let reversed: Vec<char> = pattern.iter().rev().copied().collect();
        let back = Peq::new(&reversed);
        let mut best: Option<(f64, Range<usize>)> = None;
        let mut column = Vec::new();
        for (errors, end) in candidates {
            // The start: run the reversed quote backwards from the end, anchored there.
            let reach = (m + max_errors).min(end + 1);
            let rev_hay: Vec<char> = hay[end + 1 - reach..=end].iter().rev().copied().collect();
            column.clear();
            back.scan(&rev_hay, true, &mut column);
            let Some(taken) = (1..=column.len())
                .min_by_key(|&t| (column[t - 1], t.abs_diff(m)))
                .filter(|&t| column[t - 1] <= errors)
            else {
                continue;
            };
            let raw = win.start + end + 1 - taken..win.start + end + 1;
            let Some(r) = self.tidy(raw, &claim.quote) else {
                continue;
            };
            let found = self.slice(r.clone()).unwrap_or_default();
            let quote_score = similarity(&claim.quote, found);
            let score = self.score(claim, &r, quote_score, hint);
            if better(score, &r, best.as_ref(), hint) {
                best = Some((score, r));
            }
        }
        best
    }

    /// Widens a range to whole characters as a reader sees them and trims whitespace the quote
    /// did not have at its edges.
    fn tidy(&self, r: Range<usize>, quote: &str) -> Option<Range<usize>> {
        let (mut s, mut e) = (r.start, r.end.min(self.len));
        while s > 0 && !is_grapheme_boundary(self.text, self.byte(s)) {
            s -= 1;
        }
        while e < self.len && !is_grapheme_boundary(self.text, self.byte(e)) {
            e += 1;
        }
        let char_at = |c: usize| self.text[self.byte(c)..].chars().next();
        if !quote.starts_with(char::is_whitespace) {
            while s < e && char_at(s).is_some_and(char::is_whitespace) {
                s += 1;
            }
        }
        if !quote.ends_with(char::is_whitespace) {
            while e > s && char_at(e - 1).is_some_and(char::is_whitespace) {
                e -= 1;
            }
        }
        (s < e && self.on_boundaries(&(s..e))).then_some(s..e)
    }

    /// Hypothesis' score: quote likeness most, then the context either side, position last.
    fn score(&self, claim: &Claim, r: &Range<usize>, quote_score: f64, hint: usize) -> f64 {
        let prefix = if claim.prefix.is_empty() {
            1.0
        } else {
            let n = claim.prefix.chars().count();
            let before = self
                .slice(r.start.saturating_sub(n)..r.start)
                .unwrap_or_default();
            similarity(&claim.prefix, before)
        };
        let suffix = if claim.suffix.is_empty() {
            1.0
        } else {
            let n = claim.suffix.chars().count();
            let after = self
                .slice(r.end..(r.end + n).min(self.len))
                .unwrap_or_default();
            similarity(&claim.suffix, after)
        };
        let position = 1.0 - r.start.abs_diff(hint) as f64 / self.len.max(1) as f64;
        (QUOTE_WEIGHT * quote_score
            + PREFIX_WEIGHT * prefix
            + SUFFIX_WEIGHT * suffix
            + POSITION_WEIGHT * position)
            / TOTAL_WEIGHT
    }
}

/// Bytes hashed per entry of the quote index.
const GRAM: usize = 16;

fn gram_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |h, &b| {
        h.wrapping_mul(0x100_0000_01B3)
            .wrapping_add(u64::from(b) + 1)
    })
}

/// (hash of the `GRAM` bytes starting there, byte offset) for every character start, sorted.
fn gram_index(text: &str) -> Vec<(u64, u32)> {
    let bytes = text.as_bytes();
    if bytes.len() < GRAM {
        return Vec::new();
    }
    const B: u64 = 0x100_0000_01B3;
    let top = (1..GRAM).fold(1u64, |p, _| p.wrapping_mul(B));
    let mut h = gram_hash(&bytes[..GRAM]);
    let mut out = Vec::with_capacity(bytes.len());
    for i in 0..=bytes.len() - GRAM {
        if i > 0 {
            let gone = u64::from(bytes[i - 1]) + 1;
            let new = u64::from(bytes[i + GRAM - 1]) + 1;
            h = h
                .wrapping_sub(gone.wrapping_mul(top))
                .wrapping_mul(B)
                .wrapping_add(new);
        }
        if text.is_char_boundary(i) {
            out.push((h, i as u32));
        }
    }
    out.sort_unstable();
    out
}

fn better(score: f64, r: &Range<usize>, best: Option<&(f64, Range<usize>)>, hint: usize) -> bool {
    match best {
        None => true,
        Some((s, b)) => {
            score > *s + 1e-12
                || ((score - s).abs() <= 1e-12 && r.start.abs_diff(hint) < b.start.abs_diff(hint))
        }
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Bytes the two texts share at the start and at the end (on character boundaries, not
/// overlapping).
fn shared_ends(old: &str, new: &str) -> (usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !old.is_char_boundary(p) {
        p -= 1;
    }
    let room = a.len().min(b.len()) - p;
    let mut s = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    while !old.is_char_boundary(old.len() - s) {
        s -= 1;
    }
    (p, s)
}

/// 1 − edit distance / length of the longer string: 1 for equal strings, 0 for nothing alike.
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let d = if a.len() <= 64 {
        levenshtein(&a, &b)
    } else {
        // Long strings: the bit-parallel distance, anchored at both ends.
        let mut col = Vec::with_capacity(b.len());
        Peq::new(&a).scan(&b, true, &mut col);
        col.last().map_or(a.len(), |&d| d as usize)
    };
    1.0 - d as f64 / longest as f64
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != cb)).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    row[b.len()]
}

/// Pattern bit masks for Myers' bit-parallel edit distance (with Hyyrö's blocks, so any
/// pattern length works): for each character of the pattern, a bit per position it occurs at.
struct Peq {
    m: usize,
    blocks: usize,
    last_bit: u64,
    /// Index into `masks` (+1) for ASCII characters; 0 = not in the pattern.
    ascii: [u32; 128],
    other: HashMap<char, u32>,
    masks: Vec<u64>,
    none: Vec<u64>,
}

impl Peq {
    fn new(pattern: &[char]) -> Peq {
        let m = pattern.len();
        let blocks = m.div_ceil(64).max(1);
        let mut peq = Peq {
            m,
            blocks,
            last_bit: 1u64 << ((m.max(1) - 1) % 64),
            ascii: [0; 128],
            other: HashMap::new(),
            masks: Vec::new(),
            none: vec![0; blocks],
        };
        for (i, &c) in pattern.iter().enumerate() {
            let slot = match peq.slot(c) {
                Some(s) => s,
                None => {
                    let s = peq.masks.len() / blocks;
                    peq.masks.extend(std::iter::repeat_n(0, blocks));
                    if (c as u32) < 128 {
                        peq.ascii[c as usize] = s as u32 + 1;
                    } else {
                        peq.other.insert(c, s as u32 + 1);
                    }
                    s
                }
            };
            peq.masks[slot * blocks + i / 64] |= 1 << (i % 64);
        }
        peq
    }

    fn slot(&self, c: char) -> Option<usize> {
        let s = if (c as u32) < 128 {
            self.ascii[c as usize]
        } else {
            self.other.get(&c).copied().unwrap_or(0)
        };
        (s > 0).then(|| s as usize - 1)
    }

    fn eq(&self, c: char) -> &[u64] {
        match self.slot(c) {
            Some(s) => &self.masks[s * self.blocks..(s + 1) * self.blocks],
            None => &self.none,
        }
    }

    /// Pushes, for each text position j, the edit distance between the whole pattern and the
    /// best text substring ending at j (`anchored` = false), or the text from its start to j
    /// (`anchored` = true).
    fn scan(&self, text: &[char], anchored: bool, out: &mut Vec<u32>) {
        const HIGH: u64 = 1 << 63;
        let mut pv = vec![!0u64; self.blocks];
        let mut mv = vec![0u64; self.blocks];
        let mut score = self.m as i64;
        for &c in text {
            let eq = self.eq(c);
            let mut h = i32::from(anchored);
            for b in 0..self.blocks {
                let bit = if b + 1 == self.blocks {
                    self.last_bit
                } else {
                    HIGH
                };
                h = advance_block(&mut pv[b], &mut mv[b], eq[b], h, bit);
            }
            score += i64::from(h);
            out.push(score.max(0) as u32);
        }
    }
}

/// One 64-row block of one column of Myers' algorithm (as in Hyyrö 2003 and edlib): takes the
/// horizontal difference coming in at the top (`hin`), returns the one going out at `out_bit`.
#[inline]
fn advance_block(pv: &mut u64, mv: &mut u64, eq: u64, hin: i32, out_bit: u64) -> i32 {
    let neg = u64::from(hin < 0);
    let xv = eq | *mv;
    let eq = eq | neg;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let hout = if ph & out_bit != 0 {
        1
    } else if mh & out_bit != 0 {
        -1
    } else {
        0
    };
    ph <<= 1;
    mh <<= 1;
    mh |= neg;
    ph |= u64::from(hin > 0);
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// Moves a claim onto `range` of `text`, taking its quote and context from there.
pub fn place(claim: &mut Claim, text: &str, index: &CharIndex, range: Range<usize>) {
    let q = Quote::of(text, index, range.clone(), CONTEXT_CHARS)
        .expect("the range was found in this text");
    claim.start = range.start;
    claim.end = range.end;
    claim.quote = q.exact;
    claim.prefix = q.prefix;
    claim.suffix = q.suffix;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClaimKind;
    use std::collections::BTreeMap;

    fn naive_ends(p: &[char], t: &[char], anchored: bool) -> Vec<u32> {
        // D[i][j]: distance of p[..i] and the best (or anchored) substring of t ending at j.
        let mut prev: Vec<usize> = (0..=p.len()).collect();
        let mut out = Vec::new();
        for (j, &tc) in t.iter().enumerate() {
            let mut cur = vec![if anchored { j + 1 } else { 0 }; p.len() + 1];
            for i in 1..=p.len() {
                cur[i] = (prev[i - 1] + usize::from(p[i - 1] != tc))
                    .min(prev[i] + 1)
                    .min(cur[i - 1] + 1);
            }
            out.push(cur[p.len()] as u32);
            prev = cur;
        }
        out
    }

    #[test]
    fn bit_parallel_distance_equals_the_textbook_table() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let alphabet: Vec<char> = "abcé😀 ".chars().collect();
        for round in 0..300 {
            let m = 1 + (next() % 150) as usize;
            let n = (next() % 200) as usize;
            let p: Vec<char> = (0..m)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let t: Vec<char> = (0..n)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            for anchored in [false, true] {
                let mut got = Vec::new();
                Peq::new(&p).scan(&t, anchored, &mut got);
                assert_eq!(
                    got,
                    naive_ends(&p, &t, anchored),
                    "round {round}, m {m}, anchored {anchored}"
                );
            }
        }
    }

    fn claim_on(text: &str, range: Range<usize>) -> Claim {
        let index = CharIndex::new(text);
        let mut c = Claim {
            id: "c-test".into(),
            kind: ClaimKind::Selection,
            start: 0,
            end: 0,
            quote: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            reviews: BTreeMap::new(),
            final_verdict: None,
        };
        place(&mut c, text, &index, range);
        c
    }

    const OLD: &str = "Officials said the bridge reopened on Monday. The work cost 42 million euros, according to the transport office. Critics say the repairs ran two months late.";

    fn find(new: &str, what: &str) -> Range<usize> {
        let b = new.find(what).unwrap();
        let s = new[..b].chars().count();
        s..s + what.chars().count()
    }

    #[test]
    fn a_typo_fixed_elsewhere_moves_claims_exactly() {
        let quote = "Critics say the repairs ran two months late.";
        let c = claim_on(OLD, find(OLD, quote));
        let new = OLD.replace("Officials said", "Officials have said");
        assert_eq!(reanchor(&c, OLD, &new), Anchored::Exact(find(&new, quote)));
    }

    #[test]
    fn a_typo_fixed_inside_the_quote_is_a_fuzzy_match() {
        let old = OLD.replace("transport office", "transprot office");
        let c = claim_on(
            &old,
            find(
                &old,
                "The work cost 42 million euros, according to the transprot office.",
            ),
        );
        let want = find(
            OLD,
            "The work cost 42 million euros, according to the transport office.",
        );
        match reanchor(&c, &old, OLD) {
            Anchored::Fuzzy(r, score) => {
                assert_eq!(r, want);
                assert!(score > 0.95, "{score}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_longer_version_of_the_article_keeps_every_claim() {
        let quote = "The work cost 42 million euros";
        let c = claim_on(OLD, find(OLD, quote));
        let new = format!(
            "UPDATED 10:42\nA new first paragraph was added here.\n\n{OLD} More text at the end."
        );
        assert_eq!(reanchor(&c, OLD, &new), Anchored::Exact(find(&new, quote)));
    }

    #[test]
    fn a_deleted_sentence_becomes_an_orphan() {
        let quote = "The work cost 42 million euros, according to the transport office.";
        let c = claim_on(OLD, find(OLD, quote));
        let new = OLD.replace(quote, "The mayor thanked the workers for their patience.");
        assert_eq!(reanchor(&c, OLD, &new), Anchored::Orphan);
    }

    #[test]
    fn a_short_quote_needs_its_context() {
        // "42" also occurs elsewhere in the new text, in another sentence.
        let c = claim_on(OLD, find(OLD, "42"));
        let new = "Routes 42 and 7 were closed. Critics say the repairs ran two months late.";
        assert_eq!(reanchor(&c, OLD, new), Anchored::Orphan);
    }

    #[test]
    fn context_picks_among_repeated_quotes_and_position_breaks_ties() {
        let text = "ALSO READ: Markets steady\nFirst story here.\nALSO READ: Markets steady\nSecond story here.\n";
        let second = {
            let b = text.rfind("ALSO READ").unwrap();
            b..b + "ALSO READ: Markets steady".len()
        };
        let c = claim_on(text, second.clone());
        let new = format!("Breaking.\n{text}");
        let shifted = second.start + 10..second.end + 10;
        assert_eq!(reanchor(&c, text, &new), Anchored::Exact(shifted));
    }

    #[test]
    fn non_ascii_offsets_count_characters() {
        let old = "Café owners 👍🏽 said prices rose. Gen. Smith denied it.";
        let c = claim_on(old, find(old, "Gen. Smith denied it."));
        let new = old.replace("Café", "Le café");
        assert_eq!(
            reanchor(&c, old, &new),
            Anchored::Exact(find(&new, "Gen. Smith denied it."))
        );
        let new = old.replace("denied", "dneied");
        match reanchor(&c, old, &new) {
            Anchored::Fuzzy(r, _) => assert_eq!(r, find(&new, "Gen. Smith dneied it.")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_quote_index_finds_what_a_scan_finds() {
        let text = "ab😀cdefghijklmnopqrstuvwxyz ".repeat(300);
        let grams = gram_index(&text);
        let q = "cdefghijklmnopqrstu";
        let key = gram_hash(&q.as_bytes()[..GRAM]);
        let mut found: Vec<usize> = grams
            .iter()
            .filter(|(h, b)| *h == key && text[*b as usize..].starts_with(q))
            .map(|(_, b)| *b as usize)
            .collect();
        found.sort();
        let scanned: Vec<usize> = text.match_indices(q).map(|(b, _)| b).collect();
        assert_eq!(found, scanned);
        // A claim far from where it was expected is found through the index.
        let old = format!("{text}Unique closing words.");
        let c = claim_on(&old, find(&old, "Unique closing words."));
        let new = format!("Unique closing words. {text}");
        assert_eq!(
            reanchor(&c, &old, &new),
            Anchored::Exact(find(&new, "Unique closing words."))
        );
    }

    #[test]
    fn similarity_is_one_for_equal_and_falls_with_edits() {
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert_eq!(similarity("", ""), 1.0);
        assert!((similarity("abcd", "abxd") - 0.75).abs() < 1e-9);
        let long_a = "x".repeat(100);
        let long_b = format!("{}y", "x".repeat(99));
        assert!((similarity(&long_a, &long_b) - 0.99).abs() < 1e-9);
    }
}
