//! Near-duplicate claims: character shingles of the normalised text, MinHash signatures and
//! LSH banding to find candidates, and the true Jaccard similarity of the shingle sets to
//! decide.
//!
//! Parameters: 5-character shingles; 60 hash functions in 20 bands of 3 rows. A pair with
//! Jaccard similarity s shares at least one band with probability 1 − (1 − s³)²⁰: 0.99 at
//! s = 0.6 (the threshold), 0.93 at 0.5, 0.15 at 0.2, 0.02 at 0.1, so at the threshold almost
//! nothing is missed while unrelated sentences (s ≈ 0.05) seldom become candidates.
//! Every hash is fixed (no random seed): signatures are stored on disk.

/// Characters per shingle.
pub const SHINGLE: usize = 5;
pub const BANDS: usize = 20;
pub const ROWS: usize = 3;
pub const HASHES: usize = BANDS * ROWS;

/// Part of every cache file's header: other parameters mean other signatures.
pub const MINHASH_VERSION: u32 = (SHINGLE * 10_000 + BANDS * 100 + ROWS) as u32;

/// splitmix64's finaliser: spreads every input bit over the whole word.
pub const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A stable 64-bit hash of bytes (FNV-1a, then mixed).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// Multipliers and offsets of the hash functions h_i(x) = high 32 bits of (a_i·x + b_i).
const COEFFICIENTS: [(u64, u64); HASHES] = {
    let mut table = [(0u64, 0u64); HASHES];
    let mut i = 0;
    while i < HASHES {
        let a = mix(0x5EED_0000 + 2 * i as u64) | 1;
        let b = mix(0x5EED_0000 + 2 * i as u64 + 1);
        table[i] = (a, b);
        i += 1;
    }
    table
};

/// The set of shingle hashes of a normalised text, sorted and without repeats. A text shorter
/// than a shingle is one shingle; an empty text has none.
pub fn shingles(text: &str) -> Vec<u64> {
    let mut set = Vec::new();
    shingles_into(text, &mut set);
    set
}

/// `shingles` into a buffer the caller reuses (checking thousands of candidates).
pub fn shingles_into(text: &str, set: &mut Vec<u64>) {
    set.clear();
    let bytes = text.as_bytes();
    if text.is_ascii() {
        // One byte a character: the windows are byte windows.
        match bytes.len() {
            0 => {}
            n if n < SHINGLE => set.push(hash_bytes(bytes)),
            _ => set.extend(bytes.windows(SHINGLE).map(hash_bytes)),
        }
    } else {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let chars = bounds.len() - 1;
        if chars < SHINGLE {
            set.push(hash_bytes(bytes));
        } else {
            set.extend(
                (0..=chars - SHINGLE).map(|i| hash_bytes(&bytes[bounds[i]..bounds[i + SHINGLE]])),
            );
        }
    }
    set.sort_unstable();
    set.dedup();
}

/// The MinHash signature of a shingle set (all `u32::MAX` for an empty set).
pub fn signature(shingles: &[u64]) -> [u32; HASHES] {
    let mut mins = [u32::MAX; HASHES];
    for &x in shingles {
        for (m, (a, b)) in mins.iter_mut().zip(COEFFICIENTS.iter()) {
            let h = (x.wrapping_mul(*a).wrapping_add(*b) >> 32) as u32;
            *m = (*m).min(h);
        }
    }
    mins
}

/// One key per band: claims sharing any band's key are candidates.
pub fn band_keys(signature: &[u32; HASHES]) -> [u32; BANDS] {
    let mut keys = [0u32; BANDS];
    for (key, rows) in keys.iter_mut().zip(signature.chunks_exact(ROWS)) {
        let mut h = 0u64;
        for &r in rows {
            h = mix(h ^ u64::from(r));
        }
        *key = (h >> 32) as u32;
    }
    keys
}

/// |a ∩ b| / |a ∪ b| of two sorted sets without repeats; 0 when both are empty.
pub fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f32 / (a.len() + b.len() - common) as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::search::normalise::normalise;

    fn sim(a: &str, b: &str) -> f32 {
        jaccard(&shingles(&normalise(a)), &shingles(&normalise(b)))
    }

    #[test]
    fn shingles_of_short_and_empty_texts() {
        assert!(shingles("").is_empty());
        assert_eq!(shingles("abc").len(), 1);
        assert_eq!(shingles("abcde").len(), 1);
        assert_eq!(shingles("abcdef").len(), 2);
        assert_eq!(shingles("aaaaaaaa").len(), 1);
        assert_eq!(shingles("zürich ok").len(), 5);
    }

    #[test]
    fn jaccard_of_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(jaccard(&[1, 2], &[3, 4]), 0.0);
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }

    /// Where the threshold of 0.6 falls: one changed word in a sentence stays above it, a
    /// different claim in the same words around it falls below.
    #[test]
    fn threshold_separates_edits_from_other_claims() {
        let base = "Ukraine's general staff said 26 drones were shot down overnight near Kyiv";
        let edited = "Ukraine's general staff said 26 drones were shot down overnight near Kharkiv";
        let other = "Ukraine's general staff said 55 ground assaults were repelled near Bakhmut";
        assert!(sim(base, edited) > 0.6, "{}", sim(base, edited));
        assert!(sim(base, other) < 0.6, "{}", sim(base, other));
    }

    #[test]
    fn similar_sets_share_a_band_and_different_ones_mostly_do_not() {
        let a = normalise("the alliance now has 31 members after Finland joined in April");
        let b = normalise("the alliance now has 31 members after Finland joined in May");
        let c = normalise("no civilians were harmed in the strike on the power plant");
        let keys = |t: &str| band_keys(&signature(&shingles(t)));
        let shared =
            |x: [u32; BANDS], y: [u32; BANDS]| x.iter().zip(y).filter(|(p, q)| **p == *q).count();
        assert!(shared(keys(&a), keys(&b)) > 0);
        assert_eq!(shared(keys(&a), keys(&c)), 0);
        assert_eq!(shared(keys(&a), keys(&a)), BANDS);
    }
}
