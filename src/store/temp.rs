//! Temporary files for atomic saves: `.<file name>.<pid>.<random>.claimdesk-tmp` in the
//! target's folder. The pid in the name lets a later write remove the leftovers of a writer
//! that was killed (kill -9, power cut) without touching those of one still running.

use std::collections::hash_map::RandomState;
use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Suffix of temporary files; `.*.claimdesk-tmp` in `.gitignore` keeps them out of commits.
pub const TEMP_SUFFIX: &str = ".claimdesk-tmp";

/// Long names are cut so the temp name stays under the usual 255-byte limit.
const MAX_STEM: usize = 150;

fn stem(name: &str) -> &str {
    let mut end = name.len().min(MAX_STEM);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// A temp file that removes itself unless `keep` is called (after the rename).
pub struct Temp {
    pub file: File,
    pub path: PathBuf,
    armed: bool,
}

impl Temp {
    /// Creates a new temp file for `name` in `dir`. Mode 0o666 lets the kernel apply the
    /// process umask, as for any file a program creates.
    pub fn create(dir: &Path, name: &str) -> io::Result<Temp> {
        let mut tries = 0;
        loop {
            let path = dir.join(format!(
                ".{}.{}.{:016x}{TEMP_SUFFIX}",
                stem(name),
                std::process::id(),
                random()
            ));
            match OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o666)
                .open(&path)
            {
                Ok(file) => {
                    return Ok(Temp {
                        file,
                        path,
                        armed: true,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 100 => tries += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// The temp file has been renamed into place: nothing to clean up.
    pub fn keep(mut self) {
        self.armed = false;
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if self.armed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn random() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    h.finish()
}

/// The pid in a temp file name made for target `name`, or None when `file` is not one.
pub fn writer_pid(file: &str, name: &str) -> Option<u32> {
    let middle = file
        .strip_prefix('.')?
        .strip_prefix(stem(name))?
        .strip_prefix('.')?
        .strip_suffix(TEMP_SUFFIX)?;
    let (pid, rand) = middle.split_once('.')?;
    let hex = !rand.is_empty() && rand.bytes().all(|b| b.is_ascii_hexdigit());
    if hex { pid.parse().ok() } else { None }
}

/// Whether a process with this pid runs. None where we cannot tell (no /proc): then nothing
/// is removed.
fn alive(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return None;
    }
    Some(pid == std::process::id() || proc.join(pid.to_string()).exists())
}

/// Removes temp files for `name` in `dir` whose writer is gone. Best effort: a folder we
/// cannot list or a file we cannot remove is left for the next time.
pub fn remove_stale(dir: &Path, name: &str) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(pid) = file.to_str().and_then(|f| writer_pid(f, name)) else {
            continue;
        };
        if alive(pid) == Some(false) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_carry_the_writer_pid_and_match_only_their_target() {
        assert_eq!(
            writer_pid(".p.ron.123.00ff00ff00ff00ff.claimdesk-tmp", "p.ron"),
            Some(123)
        );
        // A temp file of `p.ron.1` is not one of `p.ron`'s.
        assert_eq!(writer_pid(".p.ron.1.123.00ff.claimdesk-tmp", "p.ron"), None);
        assert_eq!(writer_pid(".p.ron.claimdesk-lock", "p.ron"), None);
        assert_eq!(writer_pid("p.ron", "p.ron"), None);
    }

    #[test]
    fn a_dropped_temp_file_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let t = Temp::create(dir.path(), "p.ron").unwrap();
        let path = t.path.clone();
        assert!(path.exists());
        assert_eq!(
            writer_pid(path.file_name().unwrap().to_str().unwrap(), "p.ron"),
            Some(std::process::id())
        );
        drop(t);
        assert!(!path.exists());
    }
}
