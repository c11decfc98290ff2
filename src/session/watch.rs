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
