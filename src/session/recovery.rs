//! Crash recovery: a copy of the open project written to the app's data folder shortly after
//! every change (never over the user's file), found again on the next start after a crash and
//! removed on a clean exit.

use crate::model::Project;
use crate::store::{self, LoadError};
use crate::text::sha256_hex;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

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

/// The folder of recovery copies, one per open project file.
#[derive(Debug, Clone)]
pub struct RecoveryStore {
    dir: PathBuf,
}

impl RecoveryStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        RecoveryStore { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the copy of `file` goes: named by a hash of its path, so two open projects never
    /// share one; unsaved projects share "untitled".
    pub fn path_for(&self, file: Option<&Path>) -> PathBuf {
        let name = match file {
            Some(f) => {
                let abs = std::path::absolute(f).unwrap_or_else(|_| f.to_path_buf());
                format!("{}.ron", &sha256_hex(&abs.to_string_lossy())[..16])
            }
            None => "untitled.ron".to_string(),
        };
        self.dir.join(name)
    }

    /// Writes the copy atomically. Returns its path.
    pub fn write(&self, copy: &RecoveryCopy) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.path_for(copy.file.as_deref());
        let config = ron::ser::PrettyConfig::new()
            .indentor("  ")
            .struct_names(false);
        let text = ron::ser::to_string_pretty(copy, config).map_err(std::io::Error::other)?;
        store::write_atomic(&path, text.as_bytes())?;
        Ok(path)
    }

    pub fn remove(&self, file: Option<&Path>) {
        let _ = std::fs::remove_file(self.path_for(file));
    }

    /// Every recovery copy left behind, each loaded and fully checked (or the reason it
    /// could not be), oldest first.
    pub fn leftovers(&self) -> Vec<(PathBuf, Result<RecoveryCopy, LoadError>)> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<(PathBuf, Result<RecoveryCopy, LoadError>)> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
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
}

fn read(path: &Path) -> Result<RecoveryCopy, LoadError> {
    let file = path.display().to_string();
    let src = std::fs::read_to_string(path).map_err(|e| LoadError::io(&file, &e))?;
    let copy: RecoveryCopy = ron::from_str(&src).map_err(|e| LoadError::syntax(&file, &e))?;
    store::validate(&copy.project).map_err(|p| LoadError::problem(&file, p))?;
    Ok(copy)
}
