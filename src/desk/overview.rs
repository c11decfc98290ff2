//! The desk overview: every project's summary and every file that is not a project, reading
//! only the files that changed since the cache was written (a few threads at a time).

use super::cache::{self, Entry, Outcome};
use super::scan::{FoundFile, project_files};
use super::summary::{Broken, ProjectSummary, summarise};
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Read as _;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Files are parsed on at most this many threads: parsing is CPU-bound, and each thread holds
/// one whole project in memory.
const MAX_THREADS: usize = 4;

#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// The desk folder, canonical.
    pub root: PathBuf,
    /// Sorted by path.
    pub projects: Vec<ProjectSummary>,
    /// Files that are not projects claimdesk can open, and folders that could not be read;
    /// sorted by path.
    pub broken: Vec<Broken>,
    /// Files read this time: new or changed ones, and those that could not be read before.
    pub loaded: usize,
    /// Why an existing cache was not used (another version, corrupt): it was rebuilt.
    pub cache_rebuilt: Option<String>,
    /// Why the cache could not be saved; the overview is complete all the same.
    pub cache_unsaved: Option<String>,
}

/// The overview of the desk at `root`, with the cache in `cache_dir` (see
/// `cache::desk_cache_dir`). Fails only when `root` is not a folder that can be read.
pub fn overview(root: &Path, cache_dir: &Path) -> Result<Overview, String> {
    let meta = std::fs::metadata(root).map_err(|e| format!("{}: {e}", root.display()))?;
    if !meta.is_dir() {
        return Err(format!("{}: is not a folder", root.display()));
    }
    let scan = project_files(root);
    if let Some(p) = scan.problems.iter().find(|p| p.path.is_empty()) {
        return Err(format!("{}: {}", root.display(), p.error));
    }
    let (mut known, cache_rebuilt) = cache::read(cache_dir, &scan.root);
    let was_cached = known.len();
    let mut entries: HashMap<String, Entry> = HashMap::with_capacity(scan.files.len());
    let mut to_read = Vec::new();
    for f in &scan.files {
        match known.remove(&f.path) {
            Some(e) if e.fits(f) => {
                entries.insert(f.path.clone(), e);
            }
            _ => to_read.push(f),
        }
    }
    let mut broken: Vec<Broken> = scan
        .problems
        .iter()
        .map(|p| Broken {
            path: p.path.clone(),
            error: format!("{}: {}", p.path, p.error),
        })
        .collect();
    let loaded = to_read.len();
    let mut fresh = 0;
    for (path, read) in read_all(&scan.root, &to_read) {
        match read {
            Read::Entry(e) => {
                fresh += 1;
                entries.insert(path, e);
            }
            Read::Unreadable(error) => broken.push(Broken { path, error }),
            Read::Gone => {}
        }
    }
    // Saved when anything changed: a file read, or one gone since the cache was written.
    let gone = was_cached != entries.len() - fresh;
    let mut cache_unsaved = None;
    if (fresh > 0 || gone || cache_rebuilt.is_some())
        && let Err(e) = cache::write(cache_dir, &scan.root, &entries)
    {
        cache_unsaved = Some(format!(
            "{}: cannot save the cache: {e}",
            cache_dir.display()
        ));
    }
    let mut projects = Vec::with_capacity(entries.len());
    for (path, e) in entries {
        match e.outcome {
            Outcome::Project(s) => projects.push(*s),
            Outcome::Broken(error) => broken.push(Broken { path, error }),
        }
    }
    projects.sort_by(|a, b| a.path.cmp(&b.path));
    broken.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Overview {
        root: scan.root,
        projects,
        broken,
        loaded,
        cache_rebuilt,
        cache_unsaved,
    })
}

enum Read {
    Entry(Entry),
    /// Not cached: the reason may go away without the file changing (permissions).
    Unreadable(String),
    /// Removed since the scan.
    Gone,
}

/// Reads and summarises `files`, several at a time; results in no particular order.
fn read_all(root: &Path, files: &[&FoundFile]) -> Vec<(String, Read)> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_THREADS)
        .min(files.len());
    if threads <= 1 {
        return files
            .iter()
            .map(|f| (f.path.clone(), read_one(root, f)))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let out = Mutex::new(Vec::with_capacity(files.len()));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                while let Some(f) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let read = read_one(root, f);
                    out.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((f.path.clone(), read));
                }
            });
        }
    });
    out.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// Loads one file. Its size, time and inode are taken from the open file, so a change made
/// after the scan is cached under the new stamp (and read again next time if need be).
fn read_one(root: &Path, f: &FoundFile) -> Read {
    let unreadable = |e: std::io::Error| Read::Unreadable(format!("{}: cannot read: {e}", f.path));
    let mut file = match open(&root.join(&f.path)) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Read::Gone,
        Err(e) => return unreadable(e),
    };
    let meta = match file.metadata() {
        Ok(m) if m.is_file() => m,
        Ok(_) => return Read::Gone,
        Err(e) => return unreadable(e),
    };
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    if let Err(e) = file.read_to_end(&mut bytes) {
        return unreadable(e);
    }
    let modified_ns = meta
        .mtime()
        .saturating_mul(1_000_000_000)
        .saturating_add(meta.mtime_nsec());
    let outcome = match crate::store::load_bytes(bytes, &f.path) {
        Ok(p) => Outcome::Project(Box::new(summarise(&f.path, &p, modified_ns))),
        Err(e) => Outcome::Broken(e.to_string()),
    };
    Read::Entry(Entry {
        size: meta.len(),
        modified_ns,
        inode: meta.ino(),
        outcome,
    })
}

/// Opens for reading without waiting: should a fifo take a project's place after the scan,
/// opening it must not block until some writer appears.
fn open(path: &Path) -> std::io::Result<File> {
    // O_NONBLOCK's value on Linux for these architectures (there is no libc dependency); on
    // others the scan's check that this is a regular file has to do.
    #[cfg(all(
        target_os = "linux",
        any(
            target_arch = "x86_64",
            target_arch = "aarch64",
            target_arch = "riscv64"
        )
    ))]
    const O_NONBLOCK: i32 = 0o4000;
    #[cfg(not(all(
        target_os = "linux",
        any(
            target_arch = "x86_64",
            target_arch = "aarch64",
            target_arch = "riscv64"
        )
    )))]
    const O_NONBLOCK: i32 = 0;
    OpenOptions::new()
        .read(true)
        .custom_flags(O_NONBLOCK)
        .open(path)
}
