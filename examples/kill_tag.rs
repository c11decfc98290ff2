//! kill -9 harness: kills `claimdesk tag` at random moments on a 10k-claim project and checks
//! after every kill that the file is byte for byte the version before that tag or the one the
//! tag writes, and that temp files of killed writers do not pile up.
//!
//! Not part of the test suite (it runs for minutes). Build once, then run:
//!
//!   cargo build --release --example kill_tag --bin claimdesk
//!   target/release/examples/kill_tag --rounds 1000
//!
//! Options: --rounds N (1000), --claims N (10000), --bin PATH (target/release/claimdesk),
//! --dir PATH (a new temp folder), --seed N.

use claimdesk::model::{Project, Verdict};
use claimdesk::store::{self, TEMP_SUFFIX};
use claimdesk::synth::Rng;
use claimdesk::{ops, synth};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

struct Options {
    rounds: usize,
    claims: usize,
    bin: PathBuf,
    dir: Option<PathBuf>,
    seed: u64,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        rounds: 1000,
        claims: 10_000,
        bin: PathBuf::from("target/release/claimdesk"),
        dir: None,
        seed: 0x6b69_6c6c,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<u64>()
                .map_err(|e| format!("{flag} {value}: {e}"))
        };
        match flag.as_str() {
            "--rounds" => o.rounds = number()? as usize,
            "--claims" => o.claims = number()? as usize,
            "--seed" => o.seed = number()?,
            "--bin" => o.bin = PathBuf::from(&value),
            "--dir" => o.dir = Some(PathBuf::from(&value)),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(o)
}

const REVIEWER: &str = "alice";

fn tag(bin: &Path, project: &Path, claim: &str, verdict: Verdict) -> Command {
    let mut cmd = Command::new(bin);
    cmd.arg("tag")
        .arg(project)
        .args([claim, verdict.as_str(), "--reviewer", REVIEWER])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn temp_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(TEMP_SUFFIX))
            .count()
    })
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Found {
    Old,
    New,
    Corrupt,
}

/// Whether the file now holds `before` or exactly what the tag writes: the tag's change
/// applied to `before` at the time it recorded, serialised as `save` does.
fn classify(path: &Path, before: &[u8], old: &Project, claim: &str, verdict: Verdict) -> Found {
    let Ok(now) = std::fs::read(path) else {
        return Found::Corrupt;
    };
    if now == before {
        return Found::Old;
    }
    let Ok(loaded) = store::load_bytes(now.clone(), &path.display().to_string()) else {
        return Found::Corrupt;
    };
    // The tag's time is in the audit entry it appended (its review may be gone: a review
    // set back to unreviewed with nothing else in it is removed).
    let Some(at) = loaded.audit.last().map(|e| e.at.clone()) else {
        return Found::Corrupt;
    };
    let mut expected = old.clone();
    if ops::set_verdict(&mut expected, claim, REVIEWER, verdict, &at).is_err() {
        return Found::Corrupt;
    }
    if store::to_ron_string(&expected).as_bytes() == now.as_slice() {
        Found::New
    } else {
        Found::Corrupt
    }
}

/// Runs one tag to completion on a random claim; its wall time, or None if it failed.
fn whole_tag(bin: &Path, path: &Path, project: &Project, rng: &mut Rng) -> Option<Duration> {
    let c = &project.claims[rng.below(project.claims.len() as u64) as usize];
    let verdict = if c.verdict_of(REVIEWER) == Verdict::Disputed {
        Verdict::Verified
    } else {
        Verdict::Disputed
    };
    let t = Instant::now();
    let ok = tag(bin, path, &c.id, verdict)
        .status()
        .is_ok_and(|s| s.success());
    ok.then(|| t.elapsed())
}

/// Median of the last five runs.
fn recent_median(runs: &[Duration]) -> Duration {
    let mut last: Vec<Duration> = runs.iter().rev().take(5).copied().collect();
    last.sort();
    last[last.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("kill_tag: {e}");
            return ExitCode::from(2);
        }
    };
    if !o.bin.exists() {
        eprintln!(
            "kill_tag: {} not found; build it first: cargo build --release --example kill_tag --bin claimdesk",
            o.bin.display()
        );
        return ExitCode::from(2);
    }
    let scratch = tempfile::tempdir().expect("a temp folder");
    let dir = o
        .dir
        .clone()
        .unwrap_or_else(|| scratch.path().to_path_buf());
    let path = dir.join("big.ron");
    let mut project = synth::large_project(1_100_000, o.claims, &["alice", "bob"]);
    if let Err(e) = store::save(&path, &project) {
        eprintln!("kill_tag: {}: {e}", path.display());
        return ExitCode::from(1);
    }
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!(
        "project: {} claims, {:.1} MB, {}",
        project.claims.len(),
        size as f64 / 1e6,
        path.display()
    );

    let mut rng = Rng(o.seed | 1);
    // How long a whole tag takes (kills are spread over 0..that), re-measured every
    // `EVERY` rounds as the machine's load changes; each of these runs is also the "next
    // successful write" after which no temp file may remain.
    const EVERY: usize = 20;
    let mut runs = Vec::new();
    let mut whole_runs = 0;
    let mut temps_after_write = 0;
    for _ in 0..3 {
        match whole_tag(&o.bin, &path, &project, &mut rng) {
            Some(d) => runs.push(d),
            None => {
                eprintln!("kill_tag: a tag run failed before any kill");
                return ExitCode::from(1);
            }
        }
        project = store::load(&path).expect("the project after a whole tag");
    }
    let mut full = recent_median(&runs);
    println!("a whole tag takes {} (median of 3)", ms(full));

    const BUCKETS: usize = 10;
    let mut hist = [[0usize; 3]; BUCKETS];
    let (mut killed, mut finished_first) = (0, 0);
    let (mut old, mut new, mut corrupt) = (0, 0, 0);
    let (mut temps_after_kill, mut max_temps) = (0, 0);
    let started = Instant::now();
    for round in 0..o.rounds {
        if round > 0 && round % EVERY == 0 {
            match whole_tag(&o.bin, &path, &project, &mut rng) {
                Some(d) => runs.push(d),
                None => {
                    eprintln!("kill_tag: round {round}: a tag left to finish failed");
                    return ExitCode::from(1);
                }
            }
            whole_runs += 1;
            temps_after_write += temp_files(&dir);
            project = store::load(&path).expect("the project after a whole tag");
            full = recent_median(&runs);
        }
        let before = std::fs::read(&path).expect("the project file");
        let claim = project.claims[rng.below(project.claims.len() as u64) as usize]
            .id
            .clone();
        let current = project
            .claim(&claim)
            .map_or(Verdict::Unreviewed, |c| c.verdict_of(REVIEWER));
        let choices: Vec<Verdict> = Verdict::ALL.into_iter().filter(|v| *v != current).collect();
        let verdict = choices[rng.below(choices.len() as u64) as usize];
        let delay = full.mul_f64(rng.below(10_000) as f64 / 10_000.0);
        let mut child = match tag(&o.bin, &path, &claim, verdict).spawn() {
            Ok(c) => c,
            Err(e) => {
                eprintln!("kill_tag: cannot start {}: {e}", o.bin.display());
                return ExitCode::from(1);
            }
        };
        std::thread::sleep(delay);
        if matches!(child.try_wait(), Ok(Some(_))) {
            finished_first += 1;
        } else {
            killed += 1;
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let found = classify(&path, &before, &project, &claim, verdict);
        let bucket = ((delay.as_secs_f64() / full.as_secs_f64()) * BUCKETS as f64) as usize;
        hist[bucket.min(BUCKETS - 1)][found as usize] += 1;
        match found {
            Found::Old => old += 1,
            Found::New => {
                new += 1;
                project = store::load(&path).expect("classified as the new version");
            }
            Found::Corrupt => {
                corrupt += 1;
                eprintln!("round {round}: the file is neither the old nor the new version");
                match store::load(&path) {
                    Ok(p) => project = p,
                    Err(e) => {
                        eprintln!("kill_tag: {e}");
                        return ExitCode::from(1);
                    }
                }
            }
        }
        let temps = temp_files(&dir);
        temps_after_kill += temps;
        max_temps = max_temps.max(temps);
    }
    let elapsed = started.elapsed();

    // The next write that completes cleans up after every killed writer.
    let ok = whole_tag(&o.bin, &path, &project, &mut rng).is_some();
    let left = temp_files(&dir);
    temps_after_write += left;
    whole_runs += 1;

    println!("rounds: {} in {:.1} s", o.rounds, elapsed.as_secs_f64());
    println!("kills while tag ran: {killed}; tag had already finished: {finished_first}");
    println!("file afterwards: old {old}, new {new}, corrupt {corrupt}");
    println!(
        "temp files right after a kill: {temps_after_kill} in total, at most {max_temps} at once"
    );
    println!(
        "temp files after the last successful write: {left} (that write {}); after all {whole_runs} whole tags between kills: {temps_after_write}",
        if ok { "succeeded" } else { "FAILED" }
    );
    let mut sorted = runs.clone();
    sorted.sort();
    println!(
        "a whole tag took {} to {} (median {}, {} runs)",
        ms(sorted[0]),
        ms(sorted[sorted.len() - 1]),
        ms(sorted[sorted.len() / 2]),
        sorted.len()
    );
    println!(
        "kill time as a share of a whole tag (measured every {EVERY} rounds): old / new / corrupt"
    );
    for (i, [o_, n, c]) in hist.iter().enumerate() {
        println!(
            "  {:>3}-{:>3}%  {o_:>5} {n:>5} {c:>5}",
            i * 100 / BUCKETS,
            (i + 1) * 100 / BUCKETS
        );
    }
    if corrupt == 0 && temps_after_write == 0 && ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
