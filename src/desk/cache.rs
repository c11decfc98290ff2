//! The overview's cache: every project's summary (or why it is broken), keyed by the file's
//! path, size, modification time and inode, so opening a desk reads only files that changed.
//!
//! It lives outside the desk (a desk is shared through git; a cache is this machine's), in
//! `$CLAIMDESK_CACHE_DIR` or `$XDG_CACHE_HOME/claimdesk` or `~/.cache/claimdesk`, under
//! `desks/<first 16 hex of SHA-256 of the desk's canonical path>/`. One JSON file, written
//! atomically; a cache from another version, of another desk or that does not parse is
//! ignored and rebuilt, never an error.

use super::scan::FoundFile;
use super::summary::{ProjectSummary, ReviewFigures};
use crate::text::sha256_hex_bytes;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// Bump when what a summary holds or how it is computed changes.
pub const CACHE_VERSION: u32 = 1;

/// The overview's file in a desk's cache folder (the search index keeps its own files there).
pub const SUMMARIES_FILE: &str = "summaries.json";

/// Overrides the cache base folder (tests, or a machine with a shared cache disk).
pub const CACHE_DIR_ENV: &str = "CLAIMDESK_CACHE_DIR";

/// This machine's cache folder for the desk at `root`.
pub fn desk_cache_dir(root: &Path) -> PathBuf {
    desk_cache_dir_under(None, root)
}

/// The cache folder for the desk at `root` under `base` (this machine's cache folder when
/// `None`).
pub fn desk_cache_dir_under(base: Option<&Path>, root: &Path) -> PathBuf {
    let root = std::fs::canonicalize(root)
        .or_else(|_| std::path::absolute(root))
        .unwrap_or_else(|_| root.to_path_buf());
    let key = sha256_hex_bytes(root.as_os_str().as_bytes());
    base.map_or_else(cache_base, Path::to_path_buf)
        .join("desks")
        .join(&key[..16])
}

fn cache_base() -> PathBuf {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = var(CACHE_DIR_ENV) {
        return dir;
    }
    // The XDG spec says a relative XDG_CACHE_HOME is invalid and to be ignored.
    if let Some(dir) = var("XDG_CACHE_HOME").filter(|d| d.is_absolute()) {
        return dir.join("claimdesk");
    }
    match var("HOME") {
        Some(home) => home.join(".cache").join("claimdesk"),
        None => std::env::temp_dir().join("claimdesk-cache"),
    }
}

/// What the cache knows of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub size: u64,
    pub modified_ns: i64,
    pub inode: u64,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Project(Box<ProjectSummary>),
    /// Loading failed with this message (a file that could not even be read is not cached:
    /// its permissions may change without its modification time).
    Broken(String),
}

impl Entry {
    pub fn fits(&self, f: &FoundFile) -> bool {
        self.size == f.size && self.modified_ns == f.modified_ns && self.inode == f.inode
    }
}

/// An entry as the file holds it: a summary's figures are skipped by its own serde (they are
/// not part of the overview's JSON), so they are kept beside it.
#[derive(Serialize, Deserialize)]
struct Stored {
    size: u64,
    modified_ns: i64,
    inode: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    summary: Option<Box<ProjectSummary>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    figures: Option<ReviewFigures>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl Stored {
    fn of(e: &Entry) -> Stored {
        let (summary, figures, error) = match &e.outcome {
            Outcome::Project(s) => (Some(s.clone()), Some(s.figures.clone()), None),
            Outcome::Broken(why) => (None, None, Some(why.clone())),
        };
        Stored {
            size: e.size,
            modified_ns: e.modified_ns,
            inode: e.inode,
            summary,
            figures,
            error,
        }
    }

    fn entry(self) -> Option<Entry> {
        let outcome = match (self.summary, self.figures, self.error) {
            (Some(mut summary), Some(figures), None) => {
                summary.figures = figures;
                Outcome::Project(summary)
            }
            (None, None, Some(why)) => Outcome::Broken(why),
            _ => return None,
        };
        Some(Entry {
            size: self.size,
            modified_ns: self.modified_ns,
            inode: self.inode,
            outcome,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    cache_version: u32,
    /// The claimdesk that wrote it: another one may read files differently.
    claimdesk: String,
    root: String,
    entries: HashMap<String, Stored>,
}

/// The cached entries for the desk at `root` (canonical), by relative path. Empty when there
/// is no usable cache; the reason is returned for a cache that exists but cannot be used.
pub fn read(dir: &Path, root: &Path) -> (HashMap<String, Entry>, Option<String>) {
    let path = dir.join(SUMMARIES_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (HashMap::new(), None),
        Err(e) => return (HashMap::new(), Some(format!("{}: {e}", path.display()))),
    };
    let why = match serde_json::from_slice::<CacheFile>(&bytes) {
        Ok(c) if c.cache_version != CACHE_VERSION || c.claimdesk != env!("CARGO_PKG_VERSION") => {
            "made by another version".to_string()
        }
        Ok(c) if Path::new(&c.root) != root => format!("made for {}", c.root),
        Ok(c) => {
            let count = c.entries.len();
            let entries: HashMap<String, Entry> = c
                .entries
                .into_iter()
                .filter_map(|(path, stored)| Some((path, stored.entry()?)))
                .collect();
            if entries.len() == count {
                return (entries, None);
            }
            "an entry is neither a summary nor an error".to_string()
        }
        Err(e) => format!("unreadable ({e})"),
    };
    let why = format!("{}: {why}; rebuilt", path.display());
    (HashMap::new(), Some(why))
}

/// Writes the entries for the desk at `root` atomically into `dir` (made if missing).
pub fn write(dir: &Path, root: &Path, entries: &HashMap<String, Entry>) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let file = CacheFile {
        cache_version: CACHE_VERSION,
        claimdesk: env!("CARGO_PKG_VERSION").to_string(),
        root: root.to_string_lossy().into_owned(),
        entries: entries
            .iter()
            .map(|(path, e)| (path.clone(), Stored::of(e)))
            .collect(),
    };
    let text = serde_json::to_vec(&file).map_err(std::io::Error::other)?;
    crate::store::write_atomic(&dir.join(SUMMARIES_FILE), &text)
}
