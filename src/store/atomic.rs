//! Atomic writes that treat the target the way its owner set it up: through symlinks, onto
//! devices, keeping mode and owner, refusing read-only files, leaving no temp files behind.
//!
//! Errors keep their `io::ErrorKind`; their message says what failed but not the path given,
//! which every caller already puts in front ("p.ron: cannot save: …"). Any other file
//! involved (a link's target, the folder) is named.

use super::resolve::{file_name_text, final_target, folder_of};
use super::temp::{self, Temp};
use std::fmt;
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Replace a file that has no write permission for its owner (0444). Off by default: a
    /// read-only project is someone's way of saying "do not change this".
    pub overwrite_read_only: bool,
}

/// The payload of the error for a refused read-only file; see `is_read_only_refusal`.
#[derive(Debug)]
struct ReadOnly {
    mode: u32,
}

impl fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the file is read-only (mode {:04o}); it was not changed",
            self.mode & 0o7777
        )
    }
}

impl std::error::Error for ReadOnly {}

/// True when `write_atomic_with` refused because the target is read-only (so a caller can
/// offer `--force` or ask the user).
pub fn is_read_only_refusal(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<ReadOnly>())
}

/// `write_atomic_with` with the default options (read-only files are refused).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, &WriteOptions::default())
}

/// Writes `bytes` to `path` so that a crash at any moment leaves either the old file or the
/// new one, never half of one: write a temporary file in the same folder, fsync it, rename it
/// over the target, then fsync the folder so the rename itself survives a power cut.
///
/// - A symlink is followed: its final target is written, the link stays.
/// - A target that is not a regular file (device, fifo, `/dev/stdout`) is written in place.
/// - A replaced file keeps its mode and, where permitted, owner and group; a new file gets
///   0666 minus the umask.
/// - Stale temp files of writers that are no longer running are removed first.
pub fn write_atomic_with(path: &Path, bytes: &[u8], options: &WriteOptions) -> io::Result<()> {
    // Asked of the kernel first: it also follows links such as /dev/stdout → /proc/self/fd/1
    // → "pipe:[…]", whose text names no file we could resolve ourselves.
    if let Ok(m) = std::fs::metadata(path)
        && !m.is_file()
    {
        return write_in_place(path, bytes);
    }
    let target = final_target(path)?;
    let via_link = |e: io::Error| {
        if target == path {
            e
        } else {
            let what = format!("{e} (writing {}, where the link points)", target.display());
            io::Error::new(e.kind(), what)
        }
    };
    let old = match std::fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(via_link(e)),
    };
    match &old {
        Some(m) if !m.is_file() => write_in_place(&target, bytes).map_err(via_link),
        Some(m) if m.permissions().mode() & 0o200 == 0 && !options.overwrite_read_only => {
            Err(via_link(io::Error::new(
                io::ErrorKind::PermissionDenied,
                ReadOnly {
                    mode: m.permissions().mode(),
                },
            )))
        }
        _ => replace(&target, bytes, old.as_ref()).map_err(via_link),
    }
}

/// Devices, fifos and the like: there is nothing to replace, only something to write to.
fn write_in_place(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = OpenOptions::new().write(true).open(target)?;
    f.write_all(bytes)?;
    f.flush()
}

fn replace(target: &Path, bytes: &[u8], old: Option<&Metadata>) -> io::Result<()> {
    let dir = folder_of(target);
    let name = file_name_text(target);
    temp::remove_stale(dir, &name);
    let mut tmp = Temp::create(dir, &name).map_err(|e| {
        let hint = match e.kind() {
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                " (is the folder read-only?)"
            }
            _ => "",
        };
        io::Error::new(
            e.kind(),
            format!(
                "cannot create a file in the folder {}: {e}{hint}; the old file is unchanged",
                dir.display()
            ),
        )
    })?;
    let unchanged = |e: io::Error| {
        io::Error::new(
            e.kind(),
            format!("cannot write the new version: {e}; the old file is unchanged"),
        )
    };
    tmp.file.write_all(bytes).map_err(unchanged)?;
    if let Some(m) = old {
        keep_owner_and_mode(&tmp.file, m)?;
    }
    tmp.file.sync_all().map_err(unchanged)?;
    std::fs::rename(&tmp.path, target).map_err(unchanged)?;
    tmp.keep();
    // The rename is done; a folder that cannot be synced (some network file systems) does
    // not make the save fail.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Owner first: chown clears set-user-id bits, chmod then puts the mode back exactly.
fn keep_owner_and_mode(file: &File, old: &Metadata) -> io::Result<()> {
    if file.metadata()?.uid() != old.uid() || file.metadata()?.gid() != old.gid() {
        // Only root (or a member of the group) may; a plain user's save makes the file theirs.
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    file.set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o7777))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_only_file_is_refused_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
        let e = write_atomic(&p, b"new").unwrap_err();
        assert!(is_read_only_refusal(&e), "{e}");
        assert!(e.to_string().contains("read-only (mode 0444)"), "{e}");
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        let force = WriteOptions {
            overwrite_read_only: true,
        };
        write_atomic_with(&p, b"new", &force).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o444);
    }

    #[test]
    fn a_symlink_stays_and_its_target_is_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/p.ron");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink("real/p.ron", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn a_device_is_written_to_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("null");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        write_atomic(&link, b"gone").unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
    }

    #[test]
    fn leftovers_of_a_dead_writer_go_and_a_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        // Pid numbers wrap below 2^22 on Linux, so this one never runs.
        let dead = dir
            .path()
            .join(".p.ron.4194999.0123456789abcdef.claimdesk-tmp");
        let live = dir.path().join(format!(
            ".p.ron.{}.0123456789abcdef.claimdesk-tmp",
            std::process::id()
        ));
        std::fs::write(&dead, "x").unwrap();
        std::fs::write(&live, "x").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert!(!dead.exists());
        assert!(live.exists());
    }
}
