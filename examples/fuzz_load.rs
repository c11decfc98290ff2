//! The long fuzz run behind `tests/mutation_props.rs`: many mutated copies of the sample
//! project through `store::load_bytes`, `validate`, the exports, and two- and three-way merges
//! (with the sample and with the previous mutated file that loaded). Every case runs under
//! `catch_unwind`; the first input that panics or breaks a rule is written to a file.
//!
//! ```sh
//! cargo run --release --example fuzz_load -- --iterations 1000000 [--seed N] [--max-seconds S] [--out DIR]
//! ```
//!
//! Prints a progress line every 100,000 iterations and the totals at the end; exits 1 when
//! anything panicked or broke a rule.

#[path = "../tests/mutation/mod.rs"]
mod mutation;

use claimdesk::model::Project;
use claimdesk::store;
use mutation::{KINDS, Op, Tally, check_caught, mutated};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/projects/nato-chief-kyiv.ron");

struct Args {
    iterations: u64,
    seed: u64,
    max: Option<Duration>,
    out: PathBuf,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        iterations: 1_000_000,
        seed: 1,
        max: None,
        out: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target/fuzz")),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--iterations" => a.iterations = value()?.parse().map_err(|e| format!("{e}"))?,
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("{e}"))?,
            "--max-seconds" => {
                a.max = Some(Duration::from_secs(
                    value()?.parse().map_err(|e| format!("{e}"))?,
                ))
            }
            "--out" => a.out = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

/// splitmix64: fast, and the same sequence for the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Where the last panic happened: the hook records it instead of printing every one.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn main() -> ExitCode {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fuzz_load: {e}");
            return ExitCode::from(2);
        }
    };
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(info.to_string());
        }
    }));
    let source = std::fs::read_to_string(SAMPLE).expect("the sample project");
    let sample = store::load_str(&source, "sample").expect("the sample loads");
    let mut rng = Rng(a.seed);
    let mut other: Option<Project> = None;
    let (mut total, mut failures, mut done) = (Tally::default(), 0u64, 0u64);
    let mut first_failure: Option<(u64, String, PathBuf)> = None;
    let started = Instant::now();
    println!(
        "fuzz_load: {} iterations, seed {}, sample {} bytes",
        a.iterations,
        a.seed,
        source.len()
    );
    for i in 0..a.iterations {
        if a.max.is_some_and(|m| started.elapsed() >= m) {
            println!("fuzz_load: stopped after --max-seconds");
            break;
        }
        let ops: Vec<Op> = (0..=rng.next() % 4)
            .map(|_| Op {
                kind: (rng.next() % u64::from(KINDS)) as u8,
                a: rng.next(),
                b: rng.next(),
            })
            .collect();
        let bytes = mutated(&source, &ops);
        match check_caught(&bytes, &sample, other.as_ref()) {
            Ok((t, loaded)) => {
                total += t;
                if loaded.is_some() {
                    other = loaded;
                }
            }
            Err(why) => {
                failures += 1;
                if first_failure.is_none() {
                    let _ = std::fs::create_dir_all(&a.out);
                    let path = a.out.join(format!("failure-{i}.ron"));
                    let _ = std::fs::write(&path, &bytes);
                    let other_path = a.out.join(format!("failure-{i}-other.ron"));
                    if let Some(o) = &other {
                        let _ = std::fs::write(&other_path, store::to_ron_string(o));
                    }
                    let at = LAST_PANIC.lock().ok().and_then(|l| l.clone());
                    let why = match at {
                        Some(at) if why.starts_with("panic") => format!("{why} ({at})"),
                        _ => why,
                    };
                    first_failure = Some((i, why, path));
                }
            }
        }
        done = i + 1;
        if done % 100_000 == 0 {
            println!(
                "  {done} iterations, {:.0} s: {} loaded, {} refused, {} merges, {failures} failures",
                started.elapsed().as_secs_f64(),
                total.loaded,
                total.refused,
                total.merges
            );
        }
    }
    let elapsed = started.elapsed();
    println!(
        "fuzz_load: {done} iterations in {:.1} s ({:.0}/s): {} loaded and valid, {} refused with an error naming the file, {} merges tried, {failures} panics or broken rules",
        elapsed.as_secs_f64(),
        done as f64 / elapsed.as_secs_f64().max(1e-9),
        total.loaded,
        total.refused,
        total.merges
    );
    match first_failure {
        Some((i, why, path)) => {
            println!(
                "fuzz_load: first failure at iteration {i}: {why}; input in {}",
                path.display()
            );
            ExitCode::from(1)
        }
        None => ExitCode::SUCCESS,
    }
}
