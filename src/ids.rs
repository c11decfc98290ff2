//! Claim ids. Statements found by splitting get ids derived from the article text, so two
//! reviewers who each create a project from the same article get the same ids and can merge.
//! Claims made by hand get ids no other reviewer will produce.

use crate::text::hex;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Derived from the span and its text only: the same article always yields the same id.
pub fn statement_id(start: usize, end: usize, quote: &str) -> String {
    let mut h = Sha256::new();
    h.update(format!("{start}:{end}:").as_bytes());
    h.update(quote.as_bytes());
    format!("s-{}", &hex(&h.finalize())[..12])
}

/// Unique across reviewers and machines: mixes the reviewer, the clock, the process and a
/// counter, so two people selecting the same span at the same second still differ.
pub fn hand_claim_id(reviewer: &str, start: usize, end: usize) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut h = Sha256::new();
    h.update(reviewer.as_bytes());
    h.update(format!(
        ":{start}:{end}:{nanos}:{}:{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    format!("c-{}", &hex(&h.finalize())[..12])
}

/// Ids are written into files and typed on the command line: keep them to a safe alphabet.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_ids_depend_only_on_span_and_text() {
        assert_eq!(statement_id(0, 5, "Hello"), statement_id(0, 5, "Hello"));
        assert_ne!(statement_id(0, 5, "Hello"), statement_id(6, 11, "Hello"));
        assert!(is_valid_id(&statement_id(0, 5, "Hello")));
    }

    #[test]
    fn hand_claim_ids_differ_for_the_same_span() {
        let a = hand_claim_id("alice", 3, 9);
        let b = hand_claim_id("alice", 3, 9);
        let c = hand_claim_id("bob", 3, 9);
        assert!(a != b && a != c && b != c);
        assert!(is_valid_id(&a));
    }
}
