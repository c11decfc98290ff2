//! Sync: a desk that is a git repository shares the reviewers' work through its remote.
//!
//! [`sync`] does what a careful reviewer would do at a terminal, through the `git` command
//! line (git is the distributed engine: 2 reviewers or 50 on one shared remote work alike):
//!
//! 1. **Check** that the desk is in a git work tree, on a branch, and not in the middle of a
//!    merge, rebase, cherry-pick or revert.
//! 2. **Install the merge driver** when `git config merge.claimdesk.driver` is missing (in
//!    the repository's own config, pointing at [`SyncOptions::driver_exe`]), and route `*.ron`
//!    files to it in `.git/info/attributes` (local, never committed) unless the repository's
//!    attributes already do, so project files merge claim by claim.
//! 3. **Commit** the reviewer's saved projects: project files (as [`scan`](super::scan)
//!    finds them) under the desk folder that are new or modified and load as projects, minus
//!    [`SyncOptions::exclude`]. Nothing else is ever staged: no notes, no temp or lock files,
//!    no file with conflict markers or that does not load (each named in a warning), no
//!    deletion (a deleted project is named in a warning; sync never deletes a project for
//!    everyone), and nothing the user staged by hand (`git commit --only`).
//! 4. **Pull**: fetch the branch's upstream and merge it (a merge, never a rebase). A branch
//!    without an upstream syncs with the only remote (or `origin` among several) and its
//!    branch of the same name, and the push sets the upstream (`push -u`). Unrelated
//!    histories are merged: reviewers who each committed before anything was on the remote
//!    (each cloned it empty, or ran `git init`) have their projects joined. When the merge
//!    stops on a conflict the driver could not settle (a file that is not a project, a
//!    project about another article...) it is undone with `git merge --abort`, so the files
//!    are as they were, and [`SyncError::Conflict`] names the files.
//! 5. **Push** to the upstream. Rejected because someone pushed meanwhile: pull and push
//!    once more, then [`SyncError::Rejected`].
//!
//! git never waits for a person: no terminal prompt, no askpass program, ssh in batch mode
//! (unless the user set `GIT_SSH_COMMAND`, `GIT_SSH` or `core.sshCommand`), standard input
//! closed, `LC_ALL=C` so its messages can be told apart. A remote that wants a password or a
//! key it does not have is [`SyncError::AuthNeeded`]; one that cannot be reached is
//! [`SyncError::Offline`]. Credential helpers (a stored token) still work. `GIT_DIR`,
//! `GIT_WORK_TREE` and `GIT_INDEX_FILE` are not passed on: the desk folder decides the
//! repository.
//!
//! Each error's `Display` is one line that says what happened and what to do; errors after
//! step 3 leave the commit in place (the next sync pushes it).

mod driver;
mod git;
mod pull;
mod stage;
#[cfg(test)]
mod tests;

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

use super::scan;
use git::Git;

/// Where a sync is, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncStep {
    /// Finding the repository, its branch and remote.
    Checking,
    /// Setting up the claimdesk merge driver (only when it was missing).
    InstallingDriver,
    /// Committing this many saved projects (only when there are some).
    Committing {
        files: usize,
    },
    /// Fetching from the remote.
    Pulling,
    /// Merging what came in (only when something did).
    Merging,
    /// Pushing (only when there is something to push).
    Pushing,
    Done,
}

impl SyncStep {
    /// A short progress line: "committing 2 projects".
    pub fn describe(&self) -> String {
        match self {
            SyncStep::Checking => "checking the repository".into(),
            SyncStep::InstallingDriver => "installing the claimdesk merge driver".into(),
            SyncStep::Committing { files } => format!("committing {}", projects(*files)),
            SyncStep::Pulling => "pulling".into(),
            SyncStep::Merging => "merging".into(),
            SyncStep::Pushing => "pushing".into(),
            SyncStep::Done => "done".into(),
        }
    }
}

/// What to sync and as whom.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncOptions {
    /// The reviewer's name: in the commit message, and the commit's author when git has no
    /// `user.name` (then with an empty e-mail unless git has `user.email`). May be empty when
    /// git knows the user's name.
    pub reviewer: String,
    /// The claimdesk executable the merge driver runs (made absolute when installed). Empty:
    /// `claimdesk` on the `PATH`.
    pub driver_exe: PathBuf,
    /// Project files not to commit (open in the app with unsaved changes): absolute, or
    /// relative to the desk.
    pub exclude: Vec<PathBuf>,
    /// Extra environment for every git command (and so for the merge driver and hooks) —
    /// tests use it to keep git away from the user's own configuration.
    pub git_env: Vec<(String, String)>,
}

impl SyncOptions {
    pub fn new(reviewer: impl Into<String>, driver_exe: impl Into<PathBuf>) -> SyncOptions {
        SyncOptions {
            reviewer: reviewer.into(),
            driver_exe: driver_exe.into(),
            ..SyncOptions::default()
        }
    }
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// The projects committed, relative to the repository's top folder.
    pub committed: Vec<PathBuf>,
    /// The commit made for them (full hash), if any.
    pub commit: Option<String>,
    /// Commits brought in from the remote.
    pub pulled: usize,
    /// Projects changed both here and on the remote, merged claim by claim by the driver.
    pub merged_projects: Vec<PathBuf>,
    /// Whether anything was pushed.
    pub pushed: bool,
    /// Whether this sync set up the merge driver (config or attributes).
    pub driver_installed: bool,
    /// Things the reviewer should know: files not committed and why.
    pub warnings: Vec<String>,
    /// What the merge driver said about each merged project (claims added, orphans...).
    pub merge_notes: Vec<String>,
    /// The branch synced.
    pub branch: String,
    /// The remote and the branch there, as "origin/main".
    pub upstream: Option<String>,
    /// The first push was rejected (someone pushed meanwhile) and was retried after a pull.
    pub push_retried: bool,
}

impl SyncReport {
    /// What happened, one sentence a line, for a person: nothing (an empty list) when the
    /// desk was already in sync. Warnings are not included.
    pub fn summary(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let upstream = self.upstream.as_deref().unwrap_or("the remote");
        if self.driver_installed {
            lines.push("Installed the claimdesk merge driver for this repository".to_string());
        }
        if let Some(c) = &self.commit {
            lines.push(format!(
                "Committed {} ({}): {}",
                projects(self.committed.len()),
                short(c),
                list(&self.committed)
            ));
        }
        if self.pulled > 0 {
            let commits = if self.pulled == 1 {
                "commit"
            } else {
                "commits"
            };
            lines.push(format!("Pulled {} {commits} from {upstream}", self.pulled));
        }
        if !self.merged_projects.is_empty() {
            lines.push(format!(
                "Merged claim by claim: {}",
                list(&self.merged_projects)
            ));
        }
        lines.extend(
            self.merge_notes
                .iter()
                .map(|n| format!("Merge driver: {n}")),
        );
        if self.pushed {
            let again = if self.push_retried {
                " (again, after pulling what someone pushed meanwhile)"
            } else {
                ""
            };
            lines.push(format!("Pushed to {upstream}{again}"));
        }
        lines
    }
}

/// Why a sync stopped. `Display` gives one plain line with what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    /// The desk folder is not inside a git work tree.
    NotARepository(PathBuf),
    /// No `git` program on the PATH.
    GitMissing,
    /// The repository has no remote. The saved projects were committed all the same.
    NoRemote {
        committed: usize,
        commit: Option<String>,
    },
    /// The remote wants a user name and password, a token or an SSH key git does not have.
    AuthNeeded { remote: String, url: String },
    /// A merge the driver could not settle, undone (`git merge --abort`): these files.
    Conflict {
        /// Files that are not projects, or projects the driver could not merge; relative to
        /// the repository's top folder.
        files: Vec<PathBuf>,
        /// What the merge driver said about the projects it could not merge.
        why: Vec<String>,
    },
    /// The remote cannot be reached (no network, host unknown, connection refused).
    Offline {
        remote: String,
        url: String,
        detail: String,
    },
    /// The remote refused the push (again after one retry, or by its own rules).
    Rejected { remote: String, detail: String },
    /// The pull would overwrite changes here that sync does not commit (files that are not
    /// projects, excluded or unreadable projects). Nothing was changed.
    LocalChanges { files: Vec<PathBuf> },
    /// The repository is in the middle of a merge, rebase, cherry-pick or revert.
    InProgress {
        operation: &'static str,
        files: Vec<PathBuf>,
    },
    /// There is something to commit and nobody to commit it as: no reviewer name and no git
    /// `user.name`.
    NoReviewer,
    /// Anything else git refused, at one step ("check", "driver", "commit", "fetch",
    /// "merge", "push").
    Git { step: &'static str, detail: String },
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncError::NotARepository(desk) => write!(
                f,
                "{} is not in a git repository, so there is nothing to sync with; make it one (`git init`, or clone the desk's shared repository)",
                desk.display()
            ),
            SyncError::GitMissing => write!(
                f,
                "git is not installed (no `git` on the PATH); install git to sync the desk"
            ),
            SyncError::NoRemote { committed, commit } => {
                match (committed, commit) {
                    (0, _) | (_, None) => write!(f, "nothing new to commit here, and ")?,
                    (n, Some(c)) => write!(
                        f,
                        "your {} committed here (commit {}), but ",
                        saved_projects_were(*n),
                        short(c)
                    )?,
                }
                write!(
                    f,
                    "the repository has no remote to pull from and push to; add one with `git remote add origin URL`, then sync again"
                )
            }
            SyncError::AuthNeeded { remote, url } => write!(
                f,
                "{} needs you to sign in, and sync cannot ask for a password or key: sign in once in a terminal (`git fetch {remote}`), or set up a credential helper or an SSH key, then sync again",
                remote_name(remote, url)
            ),
            SyncError::Conflict { files, why } => {
                write!(
                    f,
                    "sync stopped: {} changed both here and on the remote and could not be merged",
                    list(files)
                )?;
                // The driver's first clause: the rest of its advice is about a merge that
                // is undone now.
                if let Some(first) = why.first() {
                    write!(f, " ({})", first.split("; ").next().unwrap_or(first))?;
                }
                write!(
                    f,
                    "; the pull was undone and your files are as they were (your saved projects stay committed here). Merge by hand with `git pull` in a terminal, then sync again"
                )
            }
            SyncError::Offline {
                remote,
                url,
                detail,
            } => write!(
                f,
                "cannot reach {} ({detail}); check the network connection and sync again (your saved projects stay committed here)",
                remote_name(remote, url)
            ),
            SyncError::Rejected { remote, detail } => write!(
                f,
                "{remote} refused the push ({detail}); sync again in a moment (your saved projects stay committed here)"
            ),
            SyncError::LocalChanges { files } => write!(
                f,
                "sync stopped before merging: what came in would overwrite changes here that sync does not commit: {}; commit them, or move them out of the way, then sync again",
                list(files)
            ),
            SyncError::InProgress { operation, files } => {
                write!(f, "the repository is in the middle of a {operation}")?;
                if !files.is_empty() {
                    write!(f, " (unmerged: {})", list(files))?;
                }
                let undo = match *operation {
                    "rebase" => "git rebase --abort",
                    "cherry-pick" => "git cherry-pick --abort",
                    "revert" => "git revert --abort",
                    _ => "git merge --abort",
                };
                write!(
                    f,
                    "; finish it or undo it (`{undo}`) in a terminal, then sync again"
                )
            }
            SyncError::NoReviewer => write!(
                f,
                "sync needs a name to commit your projects under: set your reviewer name, or tell git with `git config user.name \"Your Name\"`"
            ),
            SyncError::Git { step, detail } => {
                let doing = match *step {
                    "check" => "checking the repository",
                    "driver" => "installing the merge driver",
                    "commit" => "committing",
                    "fetch" | "pull" => "pulling",
                    "merge" => "merging",
                    "push" => "pushing",
                    other => other,
                };
                write!(f, "sync stopped while {doing}: {detail}")
            }
        }
    }
}

impl std::error::Error for SyncError {}

/// Whether `desk` is inside a git work tree: it or a folder above it holds `.git` (a folder
/// with `HEAD`, or a `gitdir:` file as in worktrees and submodules). Runs no program and
/// reads at most a few small entries per folder level, so the app can ask when a desk opens.
pub fn is_repository(desk: &Path) -> bool {
    let Ok(start) = std::fs::canonicalize(desk) else {
        return false;
    };
    start.ancestors().any(|dir| {
        let dot_git = dir.join(".git");
        match std::fs::metadata(&dot_git) {
            Ok(m) if m.is_dir() => dot_git.join("HEAD").is_file(),
            Ok(m) if m.is_file() => std::fs::read(&dot_git)
                .map(|b| b.starts_with(b"gitdir:"))
                .unwrap_or(false),
            _ => false,
        }
    })
}

/// Syncs the desk: commit the saved projects, pull, push. See the module documentation.
/// `progress` is called at the start of each step.
pub fn sync(
    desk: &Path,
    options: &SyncOptions,
    progress: &mut dyn FnMut(SyncStep),
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    sync_into(desk, options, progress, &mut report)?;
    Ok(report)
}

/// [`sync`], filling in `report` as it goes: when it fails, `report` still says what was
/// done before (the commit made, the warnings about files not committed).
pub fn sync_into(
    desk: &Path,
    options: &SyncOptions,
    progress: &mut dyn FnMut(SyncStep),
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    progress(SyncStep::Checking);
    if !desk.is_dir() {
        let why = if desk.exists() {
            "is not a folder"
        } else {
            "no such folder"
        };
        return Err(SyncError::Git {
            step: "check",
            detail: format!("{}: {why}", desk.display()),
        });
    }
    let mut git = Git::new(desk, &options.git_env);
    let repo = git.open(desk)?;
    git.set_identity(&repo, &options.reviewer);
    report.branch = repo.branch.clone();
    let found = scan::project_files(desk);

    let missing = driver::missing(&git, &repo, &found)?;
    if missing.any() {
        progress(SyncStep::InstallingDriver);
        driver::install(&git, &repo, missing, &options.driver_exe)?;
        report.driver_installed = true;
    }

    let picked = stage::pick(&git, &repo, &found, desk, &options.exclude)?;
    report.warnings.extend(picked.warnings);
    if !picked.files.is_empty() {
        if git.nameless {
            return Err(SyncError::NoReviewer);
        }
        progress(SyncStep::Committing {
            files: picked.files.len(),
        });
        report.commit = stage::commit(&git, &repo, &picked.files, options)?;
        if report.commit.is_some() {
            report.committed = picked.files.iter().map(PathBuf::from).collect();
        }
    }

    let Some(upstream) = pull::upstream(&repo)? else {
        return Err(SyncError::NoRemote {
            committed: report.committed.len(),
            commit: report.commit.clone(),
        });
    };
    git.prepare_network(&repo);
    report.upstream = Some(upstream.display());
    pull::pull_and_push(&git, &repo, &upstream, report, progress)?;
    progress(SyncStep::Done);
    Ok(())
}

/// What `Git::open` found out about the repository once, at the start.
#[derive(Debug, Clone)]
struct Repo {
    /// The work tree's top folder, canonical.
    top: PathBuf,
    /// The desk folder relative to `top` ("" when the desk is the whole repository).
    desk_rel: String,
    /// `.git/info/attributes` (or where it is for this repository).
    info_attributes: PathBuf,
    /// The current branch ("main").
    branch: String,
    /// `git config --list`, later entries winning; keys as git prints them (section and
    /// name lower-case).
    config: Vec<(String, String)>,
}

impl Repo {
    fn config(&self, key: &str) -> Option<&str> {
        self.config
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The configured remotes, in config order.
    fn remotes(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for (k, _) in &self.config {
            if let Some(name) = k
                .strip_prefix("remote.")
                .and_then(|r| r.strip_suffix(".url"))
                && !names.iter().any(|n| n == name)
            {
                names.push(name.to_string());
            }
        }
        names
    }

    /// A path relative to the top folder for a path relative to the desk.
    fn in_repo(&self, desk_path: &str) -> String {
        if self.desk_rel.is_empty() {
            desk_path.to_string()
        } else {
            format!("{}/{desk_path}", self.desk_rel)
        }
    }
}

fn short(hash: &str) -> &str {
    hash.get(..7).unwrap_or(hash)
}

fn projects(n: usize) -> String {
    if n == 1 {
        "1 project".into()
    } else {
        format!("{n} projects")
    }
}

fn saved_projects_were(n: usize) -> String {
    if n == 1 {
        "saved project was".into()
    } else {
        format!("{n} saved projects were")
    }
}

fn remote_name(remote: &str, url: &str) -> String {
    if url.is_empty() || url == remote {
        remote.to_string()
    } else {
        format!("the remote {remote} ({url})")
    }
}

/// "a.ron, b.txt and 3 more".
fn list(files: &[PathBuf]) -> String {
    const SHOWN: usize = 5;
    let mut out = files
        .iter()
        .take(SHOWN)
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if files.len() > SHOWN {
        out.push_str(&format!(" and {} more", files.len() - SHOWN));
    }
    out
}
