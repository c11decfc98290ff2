//! Choosing what to commit (the reviewer's saved projects, nothing else) and committing it.

use super::git::{Git, failed};
use super::{Repo, SyncError, SyncOptions, projects};
use crate::desk::scan::Scan;
use crate::store;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The projects to commit, relative to the top folder, and why others are not.
#[derive(Debug, Default)]
pub(super) struct Picked {
    pub files: Vec<String>,
    pub warnings: Vec<String>,
}

/// One line of `git status --porcelain -z`.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Change {
    /// Index and work tree status letters ("??" untracked, " M" modified...).
    pub xy: [u8; 2],
    pub path: String,
}

impl Change {
    fn unmerged(&self) -> bool {
        matches!(&self.xy, b"DD" | b"AA") || self.xy.contains(&b'U')
    }

    fn deleted(&self) -> bool {
        self.xy.contains(&b'D')
    }
}

pub(super) fn parse_status(bytes: &[u8]) -> Vec<Change> {
    bytes
        .split(|b| *b == 0)
        .filter(|e| e.len() > 3 && e[2] == b' ')
        .map(|e| Change {
            xy: [e[0], e[1]],
            path: String::from_utf8_lossy(&e[3..]).into_owned(),
        })
        .collect()
}

/// The desk's project files that are new or changed, load as projects and are not
/// excluded. The rest of what changed is left alone; the projects among it are named in
/// warnings.
pub(super) fn pick(
    git: &Git,
    repo: &Repo,
    scan: &Scan,
    desk: &Path,
    exclude: &[PathBuf],
) -> Result<Picked, SyncError> {
    let mut args = vec![
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--no-renames",
        "--ignore-submodules=all",
    ];
    if !repo.desk_rel.is_empty() {
        args.extend(["--", &repo.desk_rel]);
    }
    let changes = parse_status(&git.ok("commit", &args)?);
    let unmerged: Vec<PathBuf> = changes
        .iter()
        .filter(|c| c.unmerged())
        .map(|c| PathBuf::from(&c.path))
        .collect();
    if !unmerged.is_empty() {
        return Err(SyncError::InProgress {
            operation: "merge",
            files: unmerged,
        });
    }

    let found: HashSet<String> = scan.files.iter().map(|f| repo.in_repo(&f.path)).collect();
    let excluded = excluded(repo, desk, exclude);
    let mut picked = Picked::default();
    for change in changes {
        let deleted = change.deleted();
        let path = change.path;
        if deleted {
            if path.ends_with(".ron") && !path.split('/').any(|c| c.starts_with('.')) {
                picked.warnings.push(format!(
                    "{path}: deleted here but not committed (sync never deletes a project for everyone); `git rm {path}` to delete it, or `git checkout -- {path}` to bring it back"
                ));
            }
            continue;
        }
        if !found.contains(&path) {
            continue;
        }
        if excluded.contains(&path) {
            picked.warnings.push(format!(
                "{path}: not committed: it has unsaved changes; save it and sync again"
            ));
            continue;
        }
        match loads(&repo.top.join(&path), &path) {
            Ok(()) => picked.files.push(path),
            Err(why) => picked
                .warnings
                .push(format!("{path}: not committed: {why}")),
        }
    }
    picked.files.sort();
    Ok(picked)
}

/// The excluded files, relative to the top folder (through links, as git sees them, and as
/// given).
fn excluded(repo: &Repo, desk: &Path, exclude: &[PathBuf]) -> HashSet<String> {
    let mut out = HashSet::new();
    let desk_real = std::fs::canonicalize(desk).unwrap_or_else(|_| desk.to_path_buf());
    for e in exclude {
        let given = if e.is_absolute() {
            e.clone()
        } else {
            desk_real.join(e)
        };
        let real = std::fs::canonicalize(&given).unwrap_or_else(|_| given.clone());
        for p in [given, real] {
            if let Ok(rel) = p.strip_prefix(&repo.top) {
                out.insert(rel.to_string_lossy().into_owned());
            }
        }
    }
    out
}

/// Whether the file is a whole, valid project; else why not.
fn loads(path: &Path, name: &str) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
    // Only a file that does not load is checked for markers: an article may quote anything.
    let markers = has_conflict_markers(&bytes);
    store::load_bytes(bytes, name).map(|_| ()).map_err(|e| {
        if markers {
            "it has conflict markers (<<<<<<< … >>>>>>>) from an unfinished merge; settle the conflict (or open the file in the app), then sync again".into()
        } else {
            format!("it does not load as a project ({e}); fix it and sync again")
        }
    })
}

pub(super) fn has_conflict_markers(bytes: &[u8]) -> bool {
    let mut lines = bytes.split(|b| *b == b'\n');
    let mut open = false;
    lines.any(|l| {
        if l.starts_with(b"<<<<<<<") {
            open = true;
        }
        open && l.starts_with(b">>>>>>>")
    })
}

/// Commits exactly `files` (added first, so new ones are known), whatever else is staged;
/// the new commit's hash, or None when git found nothing to commit after all.
pub(super) fn commit(
    git: &Git,
    repo: &Repo,
    files: &[String],
    options: &SyncOptions,
) -> Result<Option<String>, SyncError> {
    let mut list = Vec::new();
    for f in files {
        list.extend_from_slice(f.as_bytes());
        list.push(0);
    }
    let add = git.run_with_input(
        "commit",
        &["add", "--pathspec-from-file=-", "--pathspec-file-nul"],
        Some(&list),
    )?;
    if !add.ok {
        return Err(failed("commit", &add));
    }

    if git.nameless {
        return Err(SyncError::NoReviewer);
    }
    let reviewer = options.reviewer.trim();
    let name = if reviewer.is_empty() {
        repo.config("user.name").unwrap_or_default().trim()
    } else {
        reviewer
    };
    let mut message = format!("claimdesk sync: {}", projects(files.len()));
    if !name.is_empty() {
        message.push_str(&format!(" ({name})"));
    }
    message.push_str("\n\n");
    for f in files {
        message.push_str(f);
        message.push('\n');
    }
    let args = [
        "commit",
        "--only",
        "--quiet",
        "--cleanup=verbatim",
        "-m",
        &message,
        "--pathspec-from-file=-",
        "--pathspec-file-nul",
    ];
    let out = git.run_with_input("commit", &args, Some(&list))?;
    if !out.ok {
        if out.all_text().contains("nothing to commit")
            || out.all_text().contains("no changes added to commit")
        {
            return Ok(None);
        }
        return Err(failed("commit", &out));
    }
    Ok(Some(git.text("commit", &["rev-parse", "HEAD"])?))
}
