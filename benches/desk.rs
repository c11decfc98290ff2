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
    // The search engineer adds index / re-index / search p95 / seen figures here, on the same
    // desk: `dir` is the desk, `scan.files` its project files (path, size, modified_ns).
    // ---- end of search ----

    show_peak("for the whole run");
}
