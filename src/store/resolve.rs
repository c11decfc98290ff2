//! Which file a path really names. A save through a symlink must update the file the link
//! points to (and leave the link alone), and a lock must be shared by every name of one file.

use std::io;
use std::path::{Path, PathBuf};

/// Linux gives up after 40 links; so do we, rather than loop on a cycle.
const MAX_LINKS: usize = 40;

/// Follows symlinks in the last component of `path` until it reaches something that is not a
/// link (or does not exist yet: a dangling link names the file it would create).
pub fn final_target(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            Ok(_) => return Ok(current),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row (a cycle?)"
    )))
}

/// The folder holding `path` ("." for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// One name for one file, whatever link or `..` led to it: the folder made canonical, plus the
/// final target's file name. Works for files that do not exist yet.
pub fn canonical_name(path: &Path) -> io::Result<PathBuf> {
    let target = final_target(path)?;
    let dir = folder_of(&target).canonicalize()?;
    match target.file_name() {
        Some(name) => Ok(dir.join(name)),
        None => Ok(dir),
    }
}

/// The file name as text, for naming companion files (`.<name>.…`).
pub fn file_name_text(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "claimdesk".into())
}
