//! The desk at scale: a generated desk of 1,000 projects / 1,000,000 claims in nested folders
//! (`desk::synth::generate_desk`). Targets (release): overview with a warm cache < 1 s,
//! memory < 1 GB. Prints figures; run: cargo bench --bench desk
//!
//! Generating the desk takes a while and about 1 GB of disk. Set CLAIMDESK_BENCH_DESK=/some/dir
//! to keep it there and reuse it on the next run (it is made there if missing or made with
//! other parameters). CLAIMDESK_BENCH_PROJECTS and CLAIMDESK_BENCH_CLAIMS (per project) change
//! the size, for a quick look.

use claimdesk::desk::cache::desk_cache_dir;
use claimdesk::desk::overview::overview;
use claimdesk::desk::report::desk_report;
use claimdesk::desk::scan::project_files;
use claimdesk::desk::synth::generate_desk;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;
use common::{median, ms, time};

const SEED: u64 = 0xDE5C;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Peak resident memory of this process so far, from /proc (Linux).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Starts counting the peak again (writing 5 to clear_refs resets VmHWM), so generating the
/// desk does not count towards the overview's memory.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn show_peak(what: &str) {
    match peak_mb() {
        Some(mb) => println!("peak memory {what}: {mb:.0} MB (VmHWM; target < 1 GB)"),
        None => println!("peak memory {what}: not available (no /proc)"),
    }
}

/// The desk folder: CLAIMDESK_BENCH_DESK reused when it was made with these parameters,
/// else a fresh one (in a temp folder removed at the end unless the variable names it).
fn desk(projects: usize, claims: usize) -> (PathBuf, Option<tempfile::TempDir>) {
    let (dir, temp) = match std::env::var_os("CLAIMDESK_BENCH_DESK") {
        Some(d) => (PathBuf::from(d), None),
        None => {
            let t = tempfile::tempdir().expect("temp dir");
            (t.path().to_path_buf(), Some(t))
        }
    };
    // Hidden, so the desk's own scan skips it.
    let marker = dir.join(".claimdesk-bench-desk");
    let wanted = format!("{projects} projects, {claims} claims each, seed {SEED:#x}\n");
    if std::fs::read_to_string(&marker).is_ok_and(|m| m == wanted) {
        println!("reusing the desk in {}", dir.display());
        return (dir, temp);
    }
    if dir.exists() && std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some()) {
        assert!(
            marker.exists() || temp.is_some(),
            "{} is not empty and not a bench desk; choose another CLAIMDESK_BENCH_DESK",
            dir.display()
        );
        std::fs::remove_dir_all(&dir).expect("remove the old bench desk");
    }
    std::fs::create_dir_all(&dir).expect("desk folder");
    let t = Instant::now();
    let made = generate_desk(&dir, projects, claims, SEED).expect("generate the desk");
    std::fs::write(&marker, wanted).expect("marker");
    println!(
        "generated {} projects, {} claims ({} from the shared pool) in {:.1} s into {}",
        made.files.len(),
        made.claims,
        made.repeated,
        t.elapsed().as_secs_f64(),
        dir.display()
    );
    (dir, temp)
}

fn folder_size(dir: &Path) -> u64 {
    project_files(dir).files.iter().map(|f| f.size).sum()
}

fn main() {
    let projects = env_number("CLAIMDESK_BENCH_PROJECTS", 1000);
    let claims = env_number("CLAIMDESK_BENCH_CLAIMS", 1000);
    let (dir, _temp) = desk(projects, claims);
    reset_peak();
    println!(
        "desk: {:.2} GB of project files",
        folder_size(&dir) as f64 / 1e9
    );

    // ---- Overview (src/desk/scan, summary, cache, overview) ----
    let scan_time = time(9, || project_files(&dir));
    let scan = project_files(&dir);
    println!(
        "scan ({} files, no file read): median {}",
        scan.files.len(),
        ms(scan_time)
    );
    let cache = tempfile::tempdir().expect("cache dir");
    let cache_dir = cache.path().join("desk");
    let t = Instant::now();
    let cold = overview(&dir, &cache_dir).expect("overview");
    let cold_time = t.elapsed();
    let total_claims: usize = cold.projects.iter().map(|p| p.claims).sum();
    println!(
        "first overview, cold cache (reads and parses every file; OS file cache warm): {:.2} s, \
         {} projects, {total_claims} claims, {} broken",
        cold_time.as_secs_f64(),
        cold.projects.len(),
        cold.broken.len()
    );
    assert!(cold.broken.is_empty(), "{:?}", cold.broken.first());
    let cache_bytes = std::fs::metadata(cache_dir.join("summaries.json")).map_or(0, |m| m.len());
    println!("  cache file: {:.2} MB", cache_bytes as f64 / 1e6);
    let warm = time(9, || {
        let ov = overview(&dir, &cache_dir).expect("overview");
        assert_eq!(ov.loaded, 0);
        ov
    });
    println!(
        "overview, warm cache (scan + read cache, nothing parsed): median {} (target < 1 s)",
        ms(warm)
    );
    let changed: Vec<Duration> = scan
        .files
        .iter()
        .step_by((scan.files.len() / 7).max(1))
        .take(7)
        .enumerate()
        .map(|(i, f)| {
            let path = dir.join(&f.path);
            let file = std::fs::File::options()
                .write(true)
                .open(&path)
                .expect("open");
            let m = file.metadata().expect("stat").modified().expect("mtime");
            file.set_modified(m + Duration::from_secs(1 + i as u64))
                .expect("touch");
            let t = Instant::now();
            let ov = overview(&dir, &cache_dir).expect("overview");
            let took = t.elapsed();
            assert_eq!(ov.loaded, 1);
            took
        })
        .collect();
    println!(
        "overview after one project changed (reads that one, saves the cache): median {} over {} runs",
        ms(median(changed.clone())),
        changed.len()
    );
    let ov = overview(&dir, &cache_dir).expect("overview");
    let report_time = time(3, || desk_report(&ov, "2026-01-01"));
    let page = desk_report(&ov, "2026-01-01");
    println!(
        "desk report from the overview (totals, pooled agreement, HTML): median {}, {:.2} MB",
        ms(report_time),
        page.len() as f64 / 1e6
    );
    println!(
        "  (the real cache folder for this desk would be {})",
        desk_cache_dir(&dir).display()
    );
    show_peak("after the overview figures");

    // ---- Search and "checked before" (src/desk/search*) ----
    mod search_figures {
        //! Index, re-index, search and "checked before" on the same desk. Targets: first
        //! index < 60 s, re-index after one project changes < 200 ms, search p95 < 50 ms,
        //! "checked before" p95 < 30 ms.

        use crate::common::ms;
        use claimdesk::desk::scan::FoundFile;
        use claimdesk::desk::search::{DeskIndex, FileStamp, Query, SeenOptions};
        use claimdesk::model::{Project, Verdict};
        use claimdesk::synth::Rng;
        use std::path::Path;
        use std::time::{Duration, Instant};

        const QUERIES: usize = 200;
        const SEEN_CLAIMS: usize = 200;
        const CHANGES: usize = 10;

        pub fn run(desk: &Path, found: &[FoundFile]) {
            let files: Vec<FileStamp> = found
                .iter()
                .map(|f| FileStamp {
                    path: f.path.clone(),
                    size: f.size,
                    modified_ns: f.modified_ns,
                })
                .collect();
            let cache = tempfile::tempdir().expect("temp dir");
            let t = Instant::now();
            let mut index = DeskIndex::open(cache.path()).expect("open");
            let report = index.update(desk, &files).expect("index");
            println!(
                "search index, first (reads, parses and indexes every project): {:.1} s for {} projects, {} claims (target < 60 s)",
                t.elapsed().as_secs_f64(),
                report.added.len(),
                index.claims()
            );
            super::show_peak("after the first search index");
            drop(index);

            let t = Instant::now();
            let mut index = DeskIndex::open(cache.path()).expect("reopen");
            let report = index.update(desk, &files).expect("update");
            assert!(!report.changed_anything());
            println!(
                "search index opened, nothing changed (what every command pays): {}",
                ms(t.elapsed())
            );
            let t = Instant::now();
            index.fingerprints();
            println!(
                "\"checked before\" table loaded (once a session): {}",
                ms(t.elapsed())
            );
            searches(&index);
            let sample = sample_claims(desk, &files);
            seen(&index, &sample);
            let (path, project) = &sample[0];
            let t = Instant::now();
            let reviewed = SeenOptions {
                reviewed_only: true,
                ..SeenOptions::default()
            };
            let flags = index.seen_in_project(Some(path), project, &reviewed);
            println!(
                "seen_in_project, one project of {} claims: {} ({} flagged as checked elsewhere)",
                project.claims.len(),
                ms(t.elapsed()),
                flags.len()
            );
            reindex(&mut index, desk, &files);
        }

        fn percentile(mut runs: Vec<Duration>, p: f64) -> Duration {
            runs.sort();
            let i = ((runs.len() as f64 - 1.0) * p).round() as usize;
            runs[i]
        }

        /// 200 searches of every kind a user makes: words, phrases, OR, fields, filters.
        fn queries() -> Vec<Query> {
            const WORDS: &[&str] = &[
                "drones",
                "evacuated",
                "unemployment",
                "budget",
                "bridge",
                "schools",
                "passengers",
                "civilians",
                "assaults",
                "prices",
                "Kharkiv",
                "Odesa",
                "Zürich",
                "Gdańsk",
                "Vienna",
                "IAEA",
                "alliance",
                "satellite",
                "wire",
                "governor",
                "ministry",
                "reopened",
                "strike",
            ];
            const PHRASES: &[&str] = &[
                "\"shot down\"",
                "\"ground assaults were repelled\"",
                "\"last train\"",
                "\"member states\"",
                "\"not independently confirmed\"",
                "\"ahead of schedule\"",
            ];
            const REVIEWERS: &[&str] = &["Ana Kovač", "Ben Okafor", "Chen Wei", "Lucía Ortega"];
            const DOMAINS: &[&str] = &["reuters.com", "nato.int", "iaea.org", "europa.eu"];
            let mut rng = Rng(99);
            let mut pick = |items: &[&'static str]| items[rng.below(items.len() as u64) as usize];
            let mut out = Vec::with_capacity(QUERIES);
            for i in 0..QUERIES {
                let mut q = Query::default();
                match i % 10 {
                    0 | 1 => q.text = pick(WORDS).to_string(),
                    2 => q.text = format!("{} {}", pick(WORDS), pick(WORDS)),
                    3 => q.text = pick(PHRASES).to_string(),
                    4 => q.text = format!("{} OR {}", pick(WORDS), pick(WORDS)),
                    5 => {
                        q.text = pick(WORDS).to_string();
                        q.verdict = Some(Verdict::Disputed);
                    }
                    6 => {
                        q.text = pick(WORDS).to_string();
                        q.reviewer = Some(pick(REVIEWERS).to_string());
                    }
                    7 => {
                        q.domain = Some(pick(DOMAINS).to_string());
                        q.text = pick(WORDS).to_string();
                    }
                    8 => {
                        q.text = pick(WORDS).to_string();
                        q.published_from = Some("2024-03".into());
                        q.published_to = Some("2024-06".into());
                    }
                    _ => {
                        q.text = format!(
                            "note:{} AND quote:{}",
                            pick(&["satellite", "figures", "source"]),
                            pick(WORDS)
                        );
                    }
                }
                out.push(q);
            }
            out
        }

        fn searches(index: &DeskIndex) {
            let queries = queries();
            let mut runs = Vec::with_capacity(queries.len());
            let mut hits = 0;
            for q in &queries {
                let t = Instant::now();
                hits += index.search(q).expect("search").len();
                runs.push(t.elapsed());
            }
            let worst = runs.iter().max().copied().unwrap_or_default();
            println!(
                "{} searches (20 hits each at most, {hits} in all): median {}, p95 {} (target < 50 ms), worst {}",
                queries.len(),
                ms(percentile(runs.clone(), 0.5)),
                ms(percentile(runs, 0.95)),
                ms(worst)
            );
        }

        /// 200 claims from 20 projects spread over the desk.
        fn sample_claims(desk: &Path, files: &[FileStamp]) -> Vec<(String, Project)> {
            let step = (files.len() / 20).max(1);
            files
                .iter()
                .step_by(step)
                .take(20)
                .map(|f| {
                    let p = claimdesk::store::load(&desk.join(&f.path)).expect("load a project");
                    (f.path.clone(), p)
                })
                .collect()
        }

        fn seen(index: &DeskIndex, sample: &[(String, Project)]) {
            let mut rng = Rng(5);
            let mut runs = Vec::with_capacity(SEEN_CLAIMS);
            let (mut found, mut near) = (0, 0);
            for i in 0..SEEN_CLAIMS {
                let (path, p) = &sample[i % sample.len()];
                let claim = &p.claims[rng.below(p.claims.len() as u64) as usize];
                let t = Instant::now();
                let matches = index.seen_claim(path, claim, &SeenOptions::default());
                runs.push(t.elapsed());
                found += matches.len();
                near += matches.iter().filter(|m| m.similarity < 0.99).count();
            }
            let worst = runs.iter().max().copied().unwrap_or_default();
            println!(
                "{SEEN_CLAIMS} \"checked before\" look-ups (20 matches at most, with their reviews; {found} found, {near} near): median {}, p95 {} (target < 30 ms), worst {}",
                ms(percentile(runs.clone(), 0.5)),
                ms(percentile(runs, 0.95)),
                ms(worst)
            );
        }

        /// Changes one project at a time (a new note, saved as the app saves) and updates.
        fn reindex(index: &mut DeskIndex, desk: &Path, files: &[FileStamp]) {
            let mut runs = Vec::with_capacity(CHANGES);
            for i in 0..CHANGES {
                let f = &files[(i * 97 + 13) % files.len()];
                let file = desk.join(&f.path);
                let mut p = claimdesk::store::load(&file).expect("load");
                let id = p.claims[0].id.clone();
                // Unique to this run: the desk is reused, and an unchanged file is not re-indexed.
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                let word = format!("zqx{i}r{nanos}");
                let note = format!("benchmark note {word}");
                claimdesk::ops::set_note(&mut p, &id, "Ana Kovač", &note, "2026-01-02T10:00:00Z")
                    .expect("note");
                claimdesk::store::save(&file, &p).expect("save");
                let stamps: Vec<FileStamp> = files
                    .iter()
                    .map(|s| {
                        if s.path == f.path {
                            FileStamp::of(desk, &s.path).expect("stat")
                        } else {
                            s.clone()
                        }
                    })
                    .collect();
                let t = Instant::now();
                let report = index.update(desk, &stamps).expect("update");
                runs.push(t.elapsed());
                assert_eq!(report.changed, vec![f.path.clone()]);
                let hits = index.search(&Query::text(&word)).expect("search");
                assert_eq!(hits.len(), 1, "the new note is found");
            }
            let worst = runs.iter().max().copied().unwrap_or_default();
            println!(
                "re-index after one project of {} changes: median {} (target < 200 ms), worst {}",
                files.len(),
                ms(percentile(runs, 0.5)),
                ms(worst)
            );
        }
    }
    search_figures::run(&dir, &scan.files);
    show_peak("after the search figures");
    // ---- end of search ----

    show_peak("for the whole run");
}
