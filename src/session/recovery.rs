//! Crash recovery: a copy of the open project written to the app's data folder shortly after
//! every change (never over the user's file), found again on the next start after a crash and
//! removed on a clean exit.
//!
//! Every window (process) has its own copies, named by the file and by the window, and holds a
//! lock on an owner file while it runs: a copy is offered back only when its owner's lock is
//! free, that is when the window that wrote it is gone. Two windows never touch each other's
//! copy. A window also marks the project files it has open, so a second window on the same
//! file can say so.

use crate::model::Project;
use crate::store::{self, LoadError};
use crate::text::sha256_hex;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What a recovery file holds: the project and where it belongs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryCopy {
    /// The project file it is a copy of; `None` for a project never saved.
    pub file: Option<PathBuf>,
    /// RFC 3339 UTC.
    pub written: String,
    pub project: Project,
}

/// The same fields, borrowed, so writing a copy never clones the project.
#[derive(Serialize)]
struct CopyRef<'a> {
    file: &'a Option<PathBuf>,
    written: &'a str,
    project: &'a Project,
}

/// The folder of recovery copies, and this window's name in it.
#[derive(Debug, Clone)]
pub struct RecoveryStore {
    dir: PathBuf,
    /// This window: process id and start time, unique on the machine.
    instance: String,
    /// The owner lock, taken on the first write and held until the process ends.
    owner: Arc<Mutex<Option<File>>>,
}

/// A window's mark on a project file it has open: a lock released when dropped. The lock
/// file stays (deleting lock files races with a window taking it).
#[derive(Debug)]
pub struct OpenMark {
    _file: File,
}

impl RecoveryStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        RecoveryStore {
            dir: dir.into(),
            instance: format!("{}-{nanos:x}", std::process::id()),
            owner: Arc::new(Mutex::new(None)),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn instance(&self) -> &str {
        &self.instance
    }

    fn key(file: Option<&Path>) -> String {
        match file {
            Some(f) => {
                let abs = std::path::absolute(f).unwrap_or_else(|_| f.to_path_buf());
                let abs = std::fs::canonicalize(&abs).unwrap_or(abs);
                sha256_hex(&abs.to_string_lossy())[..16].to_string()
            }
            None => "untitled".to_string(),
        }
    }

    /// Where this window's copy of `file` goes.
    pub fn path_for(&self, file: Option<&Path>) -> PathBuf {
        self.dir
            .join(format!("{}.{}.ron", Self::key(file), self.instance))
    }

    fn owner_path(&self, instance: &str) -> PathBuf {
        self.dir.join(format!("{instance}.owner"))
    }

    /// Takes this window's owner lock (once).
    fn hold_owner(&self) -> std::io::Result<()> {
        let mut owner = self.owner.lock().unwrap_or_else(|e| e.into_inner());
        if owner.is_none() {
            std::fs::create_dir_all(&self.dir)?;
            let f = File::create(self.owner_path(&self.instance))?;
            f.lock()?;
            *owner = Some(f);
        }
        Ok(())
    }

    /// Writes this window's copy atomically. Returns its path.
    pub fn write(&self, copy: &RecoveryCopy) -> std::io::Result<PathBuf> {
        self.write_parts(copy.file.as_deref(), &copy.written, &copy.project)
    }

    /// Writes a copy of `project` without cloning it.
    pub fn write_parts(
        &self,
        file: Option<&Path>,
        written: &str,
        project: &Project,
    ) -> std::io::Result<PathBuf> {
        self.hold_owner()?;
        let path = self.path_for(file);
        let config = ron::ser::PrettyConfig::new()
            .indentor("  ")
            .struct_names(false);
        let file = file.map(Path::to_path_buf);
        let copy = CopyRef {
            file: &file,
            written,
            project,
        };
        let text = ron::ser::to_string_pretty(&copy, config).map_err(std::io::Error::other)?;
        store::write_atomic(&path, text.as_bytes())?;
        Ok(path)
    }

    /// Removes this window's copy of `file`.
    pub fn remove(&self, file: Option<&Path>) {
        let _ = std::fs::remove_file(self.path_for(file));
    }

    /// Removes a left-over copy once it was restored or discarded, and its owner file when the
    /// owner has no copies left.
    pub fn remove_leftover(&self, copy: &Path) {
        let _ = std::fs::remove_file(copy);
        if let Some(instance) = instance_of(copy)
            && instance != self.instance
            && !self
                .copies()
                .iter()
                .any(|p| instance_of(p) == Some(instance.clone()))
        {
            let _ = std::fs::remove_file(self.owner_path(&instance));
        }
    }

    fn copies(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect()
    }

    /// True when the window that wrote the copy is still running (its owner lock is held).
    fn writer_alive(&self, copy: &Path) -> bool {
        let Some(instance) = instance_of(copy) else {
            return false; // a copy from before copies had owners
        };
        if instance == self.instance {
            return true;
        }
        match File::open(self.owner_path(&instance)) {
            Ok(f) => match f.try_lock() {
                Ok(()) => {
                    let _ = f.unlock();
                    false
                }
                Err(_) => true,
            },
            Err(_) => false,
        }
    }

    /// Every recovery copy whose writer is gone, each loaded and fully checked (or the reason
    /// it could not be), oldest first. Copies of running windows are not touched.
    pub fn leftovers(&self) -> Vec<(PathBuf, Result<RecoveryCopy, LoadError>)> {
        let mut found: Vec<(PathBuf, Result<RecoveryCopy, LoadError>)> = self
            .copies()
            .into_iter()
            .filter(|p| !self.writer_alive(p))
            .map(|p| {
                let copy = read(&p);
                (p, copy)
            })
            .collect();
        found.sort_by(|a, b| {
            let w = |r: &Result<RecoveryCopy, LoadError>| {
                r.as_ref().map(|c| c.written.clone()).unwrap_or_default()
            };
            w(&a.1).cmp(&w(&b.1))
        });
        found
    }

    /// Marks `file` as open in this window. `Ok(None)` when another running window has it
    /// open.
    pub fn mark_open(&self, file: &Path) -> std::io::Result<Option<OpenMark>> {
        let dir = self.dir.join("open");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{}.lock", Self::key(Some(file))));
        let f = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        match f.try_lock() {
            Ok(()) => Ok(Some(OpenMark { _file: f })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }
}

/// The window a copy's name says wrote it: `<file key>.<instance>.ron`.
fn instance_of(copy: &Path) -> Option<String> {
    let name = copy.file_stem()?.to_str()?;
    let (_, instance) = name.split_once('.')?;
    Some(instance.to_string())
}

/// Reads and checks a recovery copy.
pub fn read(path: &Path) -> Result<RecoveryCopy, LoadError> {
    let file = path.display().to_string();
    let src = std::fs::read_to_string(path).map_err(|e| LoadError::io(&file, &e))?;
    let copy: RecoveryCopy = ron::from_str(&src).map_err(|e| LoadError::syntax(&file, &e))?;
    store::validate(&copy.project).map_err(|p| LoadError::problem(&file, p))?;
    Ok(copy)
}
