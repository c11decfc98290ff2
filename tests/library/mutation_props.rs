//! Loader and merge robustness (issue 8): the sample project's file, damaged the ways files
//! get damaged (see `mutation`), never makes `store::load_*`, `validate`, the exports or the
//! merges panic; a file that is refused is refused with an error naming it, and a file that
//! loads is valid, saves back to itself and merges (with the sample and with another damaged
//! file, two- and three-way) into a valid project or a clear error.
//!
//! Bounded for CI (a few seconds in a debug build); `examples/fuzz_load.rs` runs the same
//! mutations a million times.

use crate::mutation;

use claimdesk::model::Project;
use claimdesk::store;
use mutation::{KINDS, Op, Tally, check_caught, mutated};
use proptest::prelude::*;
use std::sync::OnceLock;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/projects/nato-chief-kyiv.ron");

fn source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| std::fs::read_to_string(SAMPLE).expect("the sample project"))
}

fn sample() -> &'static Project {
    static SAMPLE_PROJECT: OnceLock<Project> = OnceLock::new();
    SAMPLE_PROJECT.get_or_init(|| store::load_str(source(), "sample").expect("the sample loads"))
}

fn op() -> impl Strategy<Value = Op> {
    (0..KINDS, any::<u64>(), any::<u64>()).prop_map(|(kind, a, b)| Op { kind, a, b })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 192,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn damaged_files_are_refused_by_name_or_load_valid_and_merge(
        first in prop::collection::vec(op(), 1..4),
        second in prop::collection::vec(op(), 1..3),
    ) {
        let a = mutated(source(), &first);
        let (_, loaded) = check_caught(&a, sample(), None).map_err(TestCaseError::fail)?;
        // A second damaged file, merged with the first when both load.
        let b = mutated(source(), &second);
        check_caught(&b, sample(), loaded.as_ref()).map_err(TestCaseError::fail)?;
    }
}

/// The mutations are not all refused: a fair share of damaged files still load (a changed
/// note, a swapped timestamp, a duplicated review line), so the merges above are exercised.
#[test]
fn the_mutations_reach_the_merges() {
    let mut total = Tally::default();
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = || {
        // splitmix64: a fixed sequence, so this count never flickers.
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for _ in 0..300 {
        let op = Op {
            kind: (next() % u64::from(KINDS)) as u8,
            a: next(),
            b: next(),
        };
        let (t, _) = check_caught(&mutated(source(), &[op]), sample(), Some(sample()))
            .unwrap_or_else(|e| panic!("{op:?}: {e}"));
        total += t;
    }
    eprintln!("300 single mutations: {total:?}");
    assert_eq!(total.loaded + total.refused, 300);
    assert!(total.loaded >= 30, "{total:?}");
    assert!(total.refused >= 30, "{total:?}");
    assert!(total.merges >= 6 * 30, "{total:?}");
}
