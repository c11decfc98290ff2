//! An advisory lock around read-modify-write of one project file, so two commands (or a
//! command and the app) writing at the same moment never lose each other's update.
//!
//! The project file itself is replaced by a rename on every save, so it cannot carry the lock:
//! a sidecar `.<file name>.claimdesk-lock` in the same folder does. The sidecar is never
//! deleted: removing a lock file while another process waits on it would let two writers in.

use super::resolve::{canonical_name, file_name_text, folder_of};
use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Suffix of lock files; `.*.claimdesk-lock` in `.gitignore` keeps them out of commits.
pub const LOCK_SUFFIX: &str = ".claimdesk-lock";

/// Held while one process reads, changes and writes a project; released on drop.
#[derive(Debug)]
pub struct ProjectLock {
    // Closing the file releases the lock. None for a device or fifo: nothing is replaced
    // there, so there is nothing to guard (and no lock file belongs in /dev).
    _file: Option<File>,
    lock_file: PathBuf,
}

#[derive(Debug)]
pub enum LockError {
    /// Another process held the lock for the whole wait.
    Busy { project: PathBuf, waited: Duration },
    /// The lock file could not be opened or locked.
    Io {
        project: PathBuf,
        lock_file: PathBuf,
        error: io::Error,
    },
}

impl ProjectLock {
    /// Waits up to `wait` for the lock on `project` (which need not exist yet).
    pub fn acquire(project: &Path, wait: Duration) -> Result<ProjectLock, LockError> {
        let start = Instant::now();
        let mut pause = Duration::from_millis(2);
        loop {
            if let Some(lock) = Self::try_acquire(project)? {
                return Ok(lock);
            }
            let waited = start.elapsed();
            if waited >= wait {
                return Err(LockError::Busy {
                    project: project.to_path_buf(),
                    waited: wait,
                });
            }
            std::thread::sleep(pause.min(wait - waited));
            pause = (pause * 2).min(Duration::from_millis(25));
        }
    }

    /// Takes the lock if nobody holds it; `Ok(None)` when someone does.
    pub fn try_acquire(project: &Path) -> Result<Option<ProjectLock>, LockError> {
        if std::fs::metadata(project).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            return Ok(Some(ProjectLock {
                _file: None,
                lock_file: PathBuf::new(),
            }));
        }
        let lock_file = Self::lock_file_for(project).map_err(|error| LockError::Io {
            project: project.to_path_buf(),
            lock_file: project.to_path_buf(),
            error,
        })?;
        let io_error = |error| LockError::Io {
            project: project.to_path_buf(),
            lock_file: lock_file.clone(),
            error,
        };
        let file = open_lock_file(&lock_file).map_err(io_error)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(ProjectLock {
                _file: Some(file),
                lock_file,
            })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(io_error(e)),
        }
    }

    /// The sidecar file that carries the lock for `project`: symlinks and `..` resolved, so
    /// every name of one file maps to one lock.
    pub fn lock_file_for(project: &Path) -> io::Result<PathBuf> {
        let target = canonical_name(project)?;
        let name = format!(".{}{LOCK_SUFFIX}", file_name_text(&target));
        Ok(folder_of(&target).join(name))
    }

    /// The sidecar file held (empty for a device, which is not locked).
    pub fn lock_file(&self) -> &Path {
        &self.lock_file
    }
}

/// Read-write where we may create it; read-only is enough to lock a lock file someone else
/// created without giving us write permission.
fn open_lock_file(path: &Path) -> io::Result<File> {
    match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o666)
        .open(path)
    {
        Ok(f) => Ok(f),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => File::open(path).map_err(|_| e),
        Err(e) => Err(e),
    }
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::Busy { project, waited } => write!(
                f,
                "{}: another claimdesk is writing this project (waited {}); try again",
                project.display(),
                seconds(*waited)
            ),
            LockError::Io {
                project,
                lock_file,
                error,
            } => write!(
                f,
                "{}: cannot lock the project for writing ({}): {error}",
                project.display(),
                lock_file.display()
            ),
        }
    }
}

impl std::error::Error for LockError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LockError::Busy { .. } => None,
            LockError::Io { error, .. } => Some(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_file_waits_then_fails_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        let held = ProjectLock::acquire(&p, Duration::ZERO).unwrap();
        assert!(ProjectLock::try_acquire(&p).unwrap().is_none());
        let e = ProjectLock::acquire(&p, Duration::from_millis(60)).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("p.ron: another claimdesk is writing this project (waited 0.1 s)"),
            "{msg}"
        );
        drop(held);
        assert!(ProjectLock::try_acquire(&p).unwrap().is_some());
        assert!(dir.path().join(".p.ron.claimdesk-lock").exists());
    }

    #[test]
    fn a_symlink_and_its_target_share_one_lock() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        std::fs::write(&real, "x").unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink("real.ron", &link).unwrap();
        let _held = ProjectLock::try_acquire(&real).unwrap().unwrap();
        assert!(ProjectLock::try_acquire(&link).unwrap().is_none());
        let dotted = dir.path().join("sub").join("..").join("real.ron");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(ProjectLock::try_acquire(&dotted).unwrap().is_none());
    }
}
