//! Opening a desk's search cache and bringing it up to date: the one way the CLI's `search`
//! and `seen` and the app's desk worker do it.

use super::cache::desk_cache_dir;
use super::scan::{Scan, project_files};
use super::search::{DeskIndex, FileStamp, IndexError, UpdateReport};
use std::path::{Path, PathBuf};

/// The desk's project files as its scan lists them (the same list the overview reads).
pub fn stamps(scan: &Scan) -> Vec<FileStamp> {
    scan.files
        .iter()
        .map(|f| FileStamp {
            path: f.path.clone(),
            size: f.size,
            modified_ns: f.modified_ns,
        })
        .collect()
}

/// A desk's index, up to date, and what it took.
pub struct Opened {
    /// The desk folder, canonical.
    pub root: PathBuf,
    pub index: DeskIndex,
    pub report: UpdateReport,
    /// Why the cache could not be used and was started afresh.
    pub rebuilt: Option<String>,
    /// Folders that could not be read (path, error).
    pub unreadable: Vec<(String, String)>,
}

/// Opens the search cache of the desk at `dir` and indexes what changed since last time.
pub fn open_index(dir: &Path) -> Result<Opened, IndexError> {
    open_index_in(dir, None)
}

/// `open_index` with the desk's cache folder given (see `cache::desk_cache_dir_under`).
pub fn open_index_in(dir: &Path, desk_cache: Option<&Path>) -> Result<Opened, IndexError> {
    let root = std::fs::canonicalize(dir)
        .map_err(|e| IndexError(format!("{}: cannot open the desk: {e}", dir.display())))?;
    if !root.is_dir() {
        return Err(IndexError(format!("{}: is not a folder", dir.display())));
    }
    let cache = desk_cache.map_or_else(|| desk_cache_dir(&root), Path::to_path_buf);
    let mut index = DeskIndex::open(&cache.join("search"))?;
    let rebuilt = index.rebuilt().map(str::to_string);
    let (report, unreadable) = update(&mut index, &root)?;
    Ok(Opened {
        root,
        index,
        report,
        rebuilt,
        unreadable,
    })
}

/// Scans the desk at `root` (canonical) again and indexes what changed.
pub fn update(
    index: &mut DeskIndex,
    root: &Path,
) -> Result<(UpdateReport, Vec<(String, String)>), IndexError> {
    let scan = project_files(root);
    let unreadable = scan
        .problems
        .iter()
        .map(|p| (p.path.clone(), p.error.clone()))
        .collect();
    let report = index.update(root, &stamps(&scan))?;
    Ok((report, unreadable))
}

/// `file`'s path inside the desk at `root` (canonical), `/` between folders, as the desk's
/// overview and index name projects; `None` when the file is not in the desk.
pub fn path_in_desk(root: &Path, file: &Path) -> Option<String> {
    let real = std::fs::canonicalize(file).ok()?;
    let rel = real.strip_prefix(root).ok()?;
    Some(
        rel.to_string_lossy()
            .replace(std::path::MAIN_SEPARATOR, "/"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_is_named_by_its_path_in_the_desk() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join("2026/nov")).unwrap();
        let file = root.join("2026/nov/a.ron");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(
            path_in_desk(&root, &file).as_deref(),
            Some("2026/nov/a.ron")
        );
        let outside = tempfile::tempdir().unwrap();
        let other = outside.path().join("b.ron");
        std::fs::write(&other, "x").unwrap();
        assert_eq!(path_in_desk(&root, &other), None);
    }
}
