//! What the open project's file looked like when we last read or wrote it, and the one
//! safe way to write it again: under the project lock, after comparing with the disk, merging
//! (three-way, base / ours / disk) whatever someone else saved there meanwhile.

use crate::merge::{self, MergeReport};
use crate::model::Project;
use crate::store::{self, LoadError};
use crate::text::hex;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// A file's identity as far as "did someone change it?" goes: size and modification time
/// answer quickly; the SHA-256 of the bytes decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub sha256: String,
}

impl Fingerprint {
    pub fn of(bytes: &[u8], meta: Option<&std::fs::Metadata>) -> Self {
        Fingerprint {
            len: bytes.len() as u64,
            modified: meta.and_then(|m| m.modified().ok()),
            sha256: hex(&Sha256::digest(bytes)),
        }
    }
}

/// The file as this session knows it: its fingerprint and the project text it held (the
/// base of a three-way merge). Kept as text, not as a `Project`, so the open project is not
/// shared with it and edits never copy the whole project.
#[derive(Debug, Clone)]
pub struct DiskState {
    pub fingerprint: Fingerprint,
    pub base: Arc<String>,
}

/// What is on disk now, compared with what we know.
#[derive(Debug)]
pub enum OnDisk {
    /// The same bytes as we last read or wrote.
    Unchanged,
    /// The file is gone: writing recreates it.
    Missing,
    /// Someone saved another version of the project.
    Changed {
        project: Box<Project>,
        state: DiskState,
    },
    /// The file is there but no longer a readable project: never overwritten without asking.
    NotProject(LoadError),
}

/// Reads the file and the project in it, remembering it as the base.
pub fn read(path: &Path) -> Result<(Project, DiskState), LoadError> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| LoadError::io(&file, &e))?;
    let bytes = std::fs::read(path).map_err(|e| LoadError::io(&file, &e))?;
    let fingerprint = Fingerprint::of(&bytes, Some(&meta));
    let project = store::load_bytes(bytes.clone(), &file)?;
    let text = String::from_utf8(bytes).unwrap_or_default();
    Ok((
        project,
        DiskState {
            fingerprint,
            base: Arc::new(text),
        },
    ))
}

/// Compares the file with `known`. Size and time equal means unchanged without reading it
/// (a save by another program always changes one of them or the bytes we hash).
pub fn compare(path: &Path, known: &Fingerprint) -> OnDisk {
    let file = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return OnDisk::Missing,
        Err(e) => return OnDisk::NotProject(LoadError::io(&file, &e)),
    };
    if meta.len() == known.len && meta.modified().ok() == known.modified && known.modified.is_some()
    {
        return OnDisk::Unchanged;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return OnDisk::Missing,
        Err(e) => return OnDisk::NotProject(LoadError::io(&file, &e)),
    };
    let fingerprint = Fingerprint::of(&bytes, Some(&meta));
    if fingerprint.sha256 == known.sha256 {
        return OnDisk::Unchanged;
    }
    match store::load_bytes(bytes.clone(), &file) {
        Ok(project) => OnDisk::Changed {
            project: Box::new(project),
            state: DiskState {
                fingerprint,
                base: Arc::new(String::from_utf8(bytes).unwrap_or_default()),
            },
        },
        Err(e) => OnDisk::NotProject(e),
    }
}

/// What came in from the disk and how it was merged into ours.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// base / ours / disk merged: the project to continue with.
    pub merged: Project,
    pub report: MergeReport,
    /// The file as it is now (the next base).
    pub disk: DiskState,
}

impl Incoming {
    /// Lines for the user: what the other version brought.
    pub fn describe(&self, path: &Path) -> Vec<String> {
        let mut lines = vec![format!(
            "{} was changed on disk by someone else; their changes are merged with yours.",
            path.display()
        )];
        lines.extend(self.report.lines());
        lines
    }
}

/// Three-way merges what is on disk into ours. `base` is the text we last read or wrote.
pub fn merge_incoming(
    path: &Path,
    base: &str,
    ours: &Project,
    theirs: Project,
    disk: DiskState,
) -> Result<Incoming, String> {
    let file = path.display().to_string();
    // A base we cannot read back (it was never a project) merges as a two-way merge.
    let outcome = match store::load_str(base, &file) {
        Ok(base) => merge::merge3(&base, ours, &theirs),
        Err(_) => merge::merge_refs(&[ours, &theirs]),
    }
    .map_err(|e| format!("{file}: cannot merge the version on disk: {e}"))?;
    Ok(Incoming {
        merged: outcome.project,
        report: outcome.report,
        disk,
    })
}

/// A save request: everything the writer needs, owned, so it can run on a worker thread.
#[derive(Debug, Clone)]
pub struct SaveRequest {
    pub path: std::path::PathBuf,
    pub project: Arc<Project>,
    /// What we know of the file; `None` writes without comparing (Save As, a new file).
    pub known: Option<DiskState>,
    /// Overwrite a file that is no longer a readable project (the user said so).
    pub overwrite_unreadable: bool,
    /// Overwrite a read-only file (the user said so).
    pub overwrite_read_only: bool,
    /// How long to wait for another claimdesk writing the same file.
    pub lock_wait: Duration,
}

#[derive(Debug)]
pub enum SaveOutcome {
    /// Written. `incoming` is set when the disk held someone else's changes, merged in first:
    /// `written` is then that merge, not the request's project.
    Saved {
        written: Arc<Project>,
        disk: DiskState,
        incoming: Option<Box<Incoming>>,
    },
    /// The file became unreadable or is not a project: nothing written; ask the user.
    NotProject(LoadError),
    /// The file is read-only: nothing written; ask the user.
    ReadOnly,
    Failed(String),
}

/// Writes a project safely (see the module comment). Runs anywhere: worker, CLI, tests.
pub fn save(req: SaveRequest) -> SaveOutcome {
    let path = req.path.as_path();
    let _lock = match store::ProjectLock::acquire(path, req.lock_wait) {
        Ok(l) => l,
        Err(e) => return SaveOutcome::Failed(e.to_string()),
    };
    if !req.overwrite_read_only
        && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().readonly())
    {
        return SaveOutcome::ReadOnly;
    }
    let mut project = req.project;
    let mut incoming = None;
    if let Some(known) = &req.known {
        match compare(path, &known.fingerprint) {
            OnDisk::Unchanged | OnDisk::Missing => {}
            OnDisk::Changed {
                project: theirs,
                state,
            } => match merge_incoming(path, &known.base, &project, *theirs, state) {
                Ok(inc) => {
                    project = Arc::new(inc.merged.clone());
                    incoming = Some(Box::new(inc));
                }
                Err(e) => return SaveOutcome::Failed(e),
            },
            OnDisk::NotProject(e) if !req.overwrite_unreadable => {
                return SaveOutcome::NotProject(e);
            }
            OnDisk::NotProject(_) => {}
        }
    }
    let text = store::to_ron_string(&project);
    let options = store::WriteOptions {
        overwrite_read_only: req.overwrite_read_only,
    };
    if let Err(e) = store::write_atomic_with(path, text.as_bytes(), &options) {
        return SaveOutcome::Failed(format!("{}: cannot save: {e}", path.display()));
    }
    let meta = std::fs::metadata(path).ok();
    let disk = DiskState {
        fingerprint: Fingerprint::of(text.as_bytes(), meta.as_ref()),
        base: Arc::new(text),
    };
    SaveOutcome::Saved {
        written: project,
        disk,
        incoming,
    }
}
