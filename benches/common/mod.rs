//! Timing helpers shared by the bench binaries (each bench is its own crate, so this module is
//! included with `mod common;`; not every bench uses every helper).
#![allow(dead_code)]

use std::time::{Duration, Instant};

pub fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// Median wall time of `runs` calls after one warm-up call.
pub fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    std::hint::black_box(f());
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
