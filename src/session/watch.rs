//! Watching the open project's file, so changes saved by someone else (a `git pull`, a
//! `claimdesk tag`, another window) are noticed while the project is open. The folder is
//! watched, not the file: a save replaces the file by rename, which ends a watch on the file
//! itself.

use notify::{EventKind, RecursiveMode, Watcher};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub struct FileWatch {
    _watcher: notify::RecommendedWatcher,
    changed: Arc<AtomicBool>,
    pub path: PathBuf,
}

impl FileWatch {
    /// Starts watching `path`; `wake` is called (from the watcher's thread) on every change.
    pub fn new(path: &Path, wake: Arc<dyn Fn() + Send + Sync>) -> notify::Result<Self> {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        // A symlinked project is saved through to its target: watch where the bytes live.
        let real = std::fs::canonicalize(&abs).unwrap_or(abs);
        let dir = real
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let name: OsString = real.file_name().map(OsString::from).unwrap_or_default();
        let changed = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&changed);
        let mut watcher =
            notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
                let Ok(event) = res else { return };
                if matches!(event.kind, EventKind::Access(_)) {
                    return;
                }
                if event
                    .paths
                    .iter()
                    .any(|p| p.file_name() == Some(name.as_os_str()))
                {
                    flag.store(true, Ordering::SeqCst);
                    wake();
                }
            })?;
        watcher.watch(&dir, RecursiveMode::NonRecursive)?;
        Ok(FileWatch {
            _watcher: watcher,
            changed,
            path: path.to_path_buf(),
        })
    }

    /// True once after the file changed (our own saves included: the caller compares
    /// fingerprints to tell).
    pub fn take_changed(&self) -> bool {
        self.changed.swap(false, Ordering::SeqCst)
    }
}

/// Watching a whole desk, so the overview and the search index follow projects saved,
/// pulled or deleted while it is open. Only project files (`.ron`, not hidden) count.
pub struct DeskWatch {
    _watcher: notify::RecommendedWatcher,
    changed: Arc<AtomicBool>,
}

impl DeskWatch {
    pub fn new(root: &Path, wake: Arc<dyn Fn() + Send + Sync>) -> notify::Result<Self> {
        let changed = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&changed);
        let base = root.to_path_buf();
        let mut watcher =
            notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
                let Ok(event) = res else { return };
                if matches!(event.kind, EventKind::Access(_)) {
                    return;
                }
                if event.paths.iter().any(|p| is_project_path(&base, p)) {
                    // Wake the frame only for the first change of a burst (a pull writes many).
                    if !flag.swap(true, Ordering::SeqCst) {
                        wake();
                    }
                }
            })?;
        watcher.watch(root, RecursiveMode::Recursive)?;
        Ok(DeskWatch {
            _watcher: watcher,
            changed,
        })
    }

    /// True once after project files changed.
    pub fn take_changed(&self) -> bool {
        self.changed.swap(false, Ordering::SeqCst)
    }
}

/// A `.ron` file under `root` whose path has no hidden part (`.git`, temp and lock files).
fn is_project_path(root: &Path, p: &Path) -> bool {
    let Ok(rel) = p.strip_prefix(root) else {
        return false;
    };
    p.extension().is_some_and(|e| e == "ron")
        && !rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_visible_project_files_count() {
        let root = Path::new("/desk");
        assert!(is_project_path(root, Path::new("/desk/2026/a.ron")));
        assert!(!is_project_path(root, Path::new("/desk/.git/x.ron")));
        assert!(!is_project_path(root, Path::new("/desk/a.txt")));
        assert!(!is_project_path(root, Path::new("/elsewhere/a.ron")));
    }

    #[test]
    fn a_saved_project_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let tx = std::sync::Mutex::new(tx);
        let watch = DeskWatch::new(
            &root,
            Arc::new(move || {
                let _ = tx.lock().unwrap().send(());
            }),
        )
        .unwrap();
        std::fs::write(root.join("notes.txt"), "x").unwrap();
        std::fs::create_dir(root.join("nov")).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::fs::write(root.join("nov/a.ron"), "x").unwrap();
        rx.recv_timeout(std::time::Duration::from_secs(10))
            .expect("the watcher saw the project file");
        assert!(watch.take_changed());
        assert!(!watch.take_changed());
    }
}
