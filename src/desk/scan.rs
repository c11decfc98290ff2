//! Finding a desk's project files: every `.ron` file at any depth, without reading one.
//!
//! Skipped: hidden files and folders (`.git`, claimdesk's own `.NAME.*.claimdesk-tmp` and
//! `.NAME.claimdesk-lock` files all start with a dot), `target` folders (Rust builds), crash
//! recovery copies (`<16 hex>.<pid>-<hex>.ron`, should one be copied into a desk), and
//! anything that is not a regular file (reading a fifo named `x.ron` would hang the desk).
//!
//! Symbolic links are followed, each folder at most once: every folder is known by its
//! (device, inode), so a link loop ends and a linked folder inside the desk is listed under
//! its real path only (real folders are walked before linked ones).

use std::collections::HashSet;
use std::fs::{self, FileType, Metadata};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// What a walk of the desk found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// The desk folder, canonical.
    pub root: PathBuf,
    /// Candidate project files, sorted by path.
    pub files: Vec<FoundFile>,
    /// Folders that could not be listed and links that lead nowhere, sorted by path.
    pub problems: Vec<ScanProblem>,
}

/// A `.ron` file in the desk, with what tells whether it changed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FoundFile {
    /// Relative to the desk, `/` between folders.
    pub path: String,
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub modified_ns: i64,
    /// Atomic saves replace the file, so a new inode also tells of a change.
    pub inode: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanProblem {
    /// Relative to the desk; "" for the desk itself.
    pub path: String,
    pub error: String,
}

/// Walks `root` (canonicalised first) at any depth. Never reads a file; never fails: what
/// cannot be listed is a problem in the result.
pub fn project_files(root: &Path) -> Scan {
    let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut walk = Walk {
        root: root.clone(),
        seen_dirs: HashSet::new(),
        seen_files: HashSet::new(),
        real: Vec::new(),
        linked: Vec::new(),
        linked_files: Vec::new(),
        files: Vec::new(),
        problems: Vec::new(),
    };
    match fs::metadata(&root) {
        Ok(m) if m.is_dir() => {
            walk.seen_dirs.insert((m.dev(), m.ino()));
            walk.real.push(String::new());
        }
        Ok(_) => walk.problem("", "is not a folder".into()),
        Err(e) => walk.problem("", format!("cannot read: {e}")),
    }
    // Real folders first, so that a folder also reachable through a link keeps its own path.
    while let Some(dir) = walk.real.pop().or_else(|| walk.linked.pop()) {
        walk.list(&dir);
    }
    for (path, m) in std::mem::take(&mut walk.linked_files) {
        walk.add_file(path, &m);
    }
    let Walk {
        mut files,
        mut problems,
        ..
    } = walk;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    Scan {
        root,
        files,
        problems,
    }
}

struct Walk {
    root: PathBuf,
    seen_dirs: HashSet<(u64, u64)>,
    /// Files by (device, inode): a project linked twice is listed once.
    seen_files: HashSet<(u64, u64)>,
    /// Folders to list, relative to the root.
    real: Vec<String>,
    linked: Vec<String>,
    /// Links to files, taken last so a file in the desk keeps its own path.
    linked_files: Vec<(String, Metadata)>,
    files: Vec<FoundFile>,
    problems: Vec<ScanProblem>,
}

impl Walk {
    fn problem(&mut self, path: &str, error: String) {
        self.problems.push(ScanProblem {
            path: path.to_string(),
            error,
        });
    }

    fn list(&mut self, dir: &str) {
        let entries = match fs::read_dir(self.root.join(dir)) {
            Ok(entries) => entries,
            Err(e) => return self.problem(dir, format!("cannot read the folder: {e}")),
        };
        let mut links = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => return self.problem(dir, format!("cannot read the folder: {e}")),
            };
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                let shown = name.to_string_lossy().into_owned();
                if shown.ends_with(".ron") || entry.file_type().is_ok_and(|t| t.is_dir()) {
                    let path = join(dir, &shown);
                    self.problem(&path, "the name is not UTF-8; rename it to open it".into());
                }
                continue;
            };
            if skipped_name(name) {
                continue;
            }
            let path = join(dir, name);
            match entry.file_type() {
                Ok(t) if t.is_symlink() => links.push(path),
                // Only folders and projects need a stat: a repository's other files do not.
                Ok(t) if !t.is_dir() && !name.ends_with(".ron") => {}
                Ok(t) => match entry.metadata() {
                    Ok(m) => self.take(path, name, t, &m, false),
                    Err(e) => self.problem(&path, format!("cannot read: {e}")),
                },
                Err(e) => self.problem(&path, format!("cannot read: {e}")),
            }
        }
        links.sort();
        for path in links {
            let name = path.rsplit('/').next().unwrap_or(&path).to_string();
            match fs::metadata(self.root.join(&path)) {
                Ok(m) => self.take(path, &name, m.file_type(), &m, true),
                // A dangling link is worth a word only where it claims to be a project.
                Err(e) if name.ends_with(".ron") => {
                    self.problem(&path, format!("the link leads nowhere: {e}"))
                }
                Err(_) => {}
            }
        }
    }

    fn take(&mut self, path: String, name: &str, t: FileType, m: &Metadata, linked: bool) {
        if t.is_dir() {
            if name == "target" || !self.seen_dirs.insert((m.dev(), m.ino())) {
                return;
            }
            if linked {
                self.linked.push(path);
            } else {
                self.real.push(path);
            }
        } else if t.is_file() && name.ends_with(".ron") && !is_recovery_copy(name) {
            if linked {
                self.linked_files.push((path, m.clone()));
            } else {
                self.add_file(path, m);
            }
        }
    }

    fn add_file(&mut self, path: String, m: &Metadata) {
        if self.seen_files.insert((m.dev(), m.ino())) {
            self.files.push(FoundFile {
                path,
                size: m.len(),
                modified_ns: m
                    .mtime()
                    .saturating_mul(1_000_000_000)
                    .saturating_add(m.mtime_nsec()),
                inode: m.ino(),
            });
        }
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// Hidden names (`.git`, temp and lock files, editors' swap files) are never projects.
fn skipped_name(name: &str) -> bool {
    name.starts_with('.')
}

/// A crash-recovery copy as `session::recovery` names them: `<16 hex>.<pid>-<hex>.ron`.
fn is_recovery_copy(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".ron") else {
        return false;
    };
    let Some((key, instance)) = stem.split_once('.') else {
        return false;
    };
    let Some((pid, stamp)) = instance.split_once('-') else {
        return false;
    };
    key.len() == 16
        && key.bytes().all(|b| b.is_ascii_hexdigit())
        && !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && !stamp.is_empty()
        && stamp.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_copies_are_told_from_projects() {
        assert!(is_recovery_copy("0123456789abcdef.4242-18c3f0a1b2.ron"));
        assert!(!is_recovery_copy("0123456789abcdef.ron"));
        assert!(!is_recovery_copy("kyiv-2023.04-20.ron"));
        assert!(!is_recovery_copy("0123456789abcdef.42-x.ron"));
    }
}
