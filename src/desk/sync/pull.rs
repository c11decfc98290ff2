//! Fetching and merging the upstream, and pushing back.

use super::git::{Git, Out, Trouble, failed, nul_separated, redact, summary, trouble};
use super::{Repo, SyncError, SyncReport, SyncStep};
use crate::desk::scan;
use std::collections::HashSet;
use std::path::PathBuf;

/// Where the branch syncs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Upstream {
    pub remote: String,
    /// The remote's address as configured, without any password.
    pub url: String,
    /// The branch there: "refs/heads/main".
    pub merge_ref: String,
    /// The branch has no upstream yet: the push sets it (`push -u`).
    pub set: bool,
}

impl Upstream {
    /// "origin/main".
    pub fn display(&self) -> String {
        let branch = self
            .merge_ref
            .strip_prefix("refs/heads/")
            .unwrap_or(&self.merge_ref);
        format!("{}/{branch}", self.remote)
    }
}

/// The branch's upstream; without one, the only remote's (or `origin`'s) branch of the same
/// name. None when the repository has no remote.
pub(super) fn upstream(repo: &Repo) -> Result<Option<Upstream>, SyncError> {
    let remotes = repo.remotes();
    let url = |remote: &str| {
        redact(
            repo.config(&format!("remote.{remote}.url"))
                .unwrap_or(remote),
        )
    };
    let b = &repo.branch;
    let configured = (
        repo.config(&format!("branch.{b}.remote")),
        repo.config(&format!("branch.{b}.merge")),
    );
    if let (Some(remote), Some(merge_ref)) = configured
        && (remote == "." || remotes.iter().any(|r| r == remote))
    {
        return Ok(Some(Upstream {
            remote: remote.to_string(),
            url: url(remote),
            merge_ref: merge_ref.to_string(),
            set: false,
        }));
    }
    let remote = match remotes.as_slice() {
        [] => return Ok(None),
        [only] => only.clone(),
        several if several.iter().any(|r| r == "origin") => "origin".to_string(),
        several => {
            return Err(SyncError::Git {
                step: "pull",
                detail: format!(
                    "the branch {b} has no upstream and the repository has several remotes ({}); choose one once in a terminal (`git push -u {} {b}`), then sync again",
                    several.join(", "),
                    several[0]
                ),
            });
        }
    };
    Ok(Some(Upstream {
        url: url(&remote),
        remote,
        merge_ref: format!("refs/heads/{b}"),
        set: true,
    }))
}

/// Fetch, merge what came in, push; once more if the push was rejected because someone
/// pushed meanwhile.
pub(super) fn pull_and_push(
    git: &Git,
    repo: &Repo,
    up: &Upstream,
    report: &mut SyncReport,
    progress: &mut dyn FnMut(SyncStep),
) -> Result<(), SyncError> {
    loop {
        progress(SyncStep::Pulling);
        let incoming = fetch(git, up)?;
        if let Some(theirs) = &incoming {
            let head = head(git)?;
            let count = match &head {
                Some(h) => count(git, &format!("{h}..{theirs}"))?,
                None => count(git, theirs)?,
            };
            if count > 0 {
                progress(SyncStep::Merging);
                merge(git, repo, head.as_deref(), theirs, report)?;
                report.pulled += count;
            }
        }
        let Some(_) = head(git)? else {
            // Nothing here at all, nothing committed: nothing to push.
            return Ok(());
        };
        let ahead = match &incoming {
            Some(theirs) => count(git, &format!("{theirs}..HEAD"))?,
            None => 1,
        };
        if ahead == 0 && !up.set {
            return Ok(());
        }
        progress(SyncStep::Pushing);
        match push(git, repo, up)? {
            Pushed::Done(changed) => {
                report.pushed |= changed;
                return Ok(());
            }
            Pushed::Stale(_) if !report.push_retried => report.push_retried = true,
            Pushed::Stale(detail) => {
                return Err(SyncError::Rejected {
                    remote: up.remote.clone(),
                    detail,
                });
            }
        }
    }
}

fn head(git: &Git) -> Result<Option<String>, SyncError> {
    let out = git.run("merge", &["rev-parse", "-q", "--verify", "HEAD^{commit}"])?;
    Ok(out.ok.then(|| out.stdout_text().trim().to_string()))
}

fn count(git: &Git, range: &str) -> Result<usize, SyncError> {
    let n = git.text("merge", &["rev-list", "--count", range])?;
    n.parse().map_err(|_| SyncError::Git {
        step: "merge",
        detail: format!("git rev-list --count {range} said {n:?}"),
    })
}

/// Fetches the upstream branch; its commit, or None when the remote has no such branch
/// (an empty remote, a branch not pushed yet).
fn fetch(git: &Git, up: &Upstream) -> Result<Option<String>, SyncError> {
    let out = git.run("fetch", &["fetch", &up.remote, &up.merge_ref])?;
    if !out.ok {
        if out.stderr.contains("couldn't find remote ref") {
            return Ok(None);
        }
        return Err(remote_failed("fetch", &out, up));
    }
    Ok(Some(git.text(
        "fetch",
        &["rev-parse", "--verify", "FETCH_HEAD^{commit}"],
    )?))
}

/// A failed fetch or push, told apart: sign-in needed, unreachable, or something else.
pub(super) fn remote_failed(step: &'static str, out: &Out, up: &Upstream) -> SyncError {
    let (remote, url) = (up.remote.clone(), up.url.clone());
    match trouble(&out.stderr) {
        Trouble::Auth => SyncError::AuthNeeded { remote, url },
        Trouble::Offline(detail) => SyncError::Offline {
            remote,
            url,
            detail,
        },
        Trouble::HostKey => SyncError::Git {
            step,
            detail: format!(
                "the SSH host key of the server of {remote} ({url}) is not known here, or has changed; connect once in a terminal (`git fetch {remote}`) to check and accept it, then sync again"
            ),
        },
        Trouble::Other => SyncError::Git {
            step,
            detail: format!("{remote} ({url}): {}", summary(&out.all_text())),
        },
    }
}

/// Merges `theirs` (just fetched, in FETCH_HEAD) into the branch. A conflict is undone.
fn merge(
    git: &Git,
    repo: &Repo,
    head: Option<&str>,
    theirs: &str,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    if let Some(head) = head
        && git.nameless
        && count(git, &format!("{theirs}..{head}"))? > 0
    {
        // Not a fast-forward: the merge makes a commit, and nobody to make it as.
        return Err(SyncError::NoReviewer);
    }
    let both = changed_on_both_sides(git, head, theirs)?;
    let set_aside = |f: &str| repo.top.join(format!("{f}.theirs-article.txt"));
    let aside_before: HashSet<String> = both
        .iter()
        .filter(|f| set_aside(f).exists())
        .cloned()
        .collect();
    // Unrelated histories: reviewers who each committed before anything was on the remote
    // (each cloned it empty, or ran `git init`). Their projects are joined, not refused.
    let args = [
        "merge",
        "--no-edit",
        "--ff",
        "--no-stat",
        "--allow-unrelated-histories",
        "FETCH_HEAD",
    ];
    let out = git.run("merge", &args)?;
    let text = out.all_text();
    report.merge_notes.extend(
        text.lines()
            .filter_map(|l| l.strip_prefix("claimdesk merge-driver: "))
            .map(str::to_string),
    );
    if out.ok {
        let projects: HashSet<String> = scan::project_files(&repo.top.join(&repo.desk_rel))
            .files
            .into_iter()
            .map(|f| repo.in_repo(&f.path))
            .collect();
        report.merged_projects.extend(
            both.into_iter()
                .filter(|f| projects.contains(f))
                .map(PathBuf::from),
        );
        return Ok(());
    }
    if text.contains("would be overwritten by merge") {
        return Err(SyncError::LocalChanges {
            files: indented_paths(&text),
        });
    }
    if text.contains("you have unmerged files") {
        return Err(SyncError::InProgress {
            operation: "merge",
            files: git.unmerged()?,
        });
    }
    let files = git.unmerged()?;
    let why: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("claimdesk: "))
        .map(str::to_string)
        .collect();
    let merging = git.run("merge", &["rev-parse", "-q", "--verify", "MERGE_HEAD"])?;
    if merging.ok {
        let abort = git.run("merge", &["merge", "--abort"])?;
        if !abort.ok {
            return Err(SyncError::Git {
                step: "merge",
                detail: format!(
                    "the merge stopped on a conflict ({}) and could not be undone: {}; settle it in a terminal",
                    files
                        .iter()
                        .map(|f| f.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                    summary(&abort.all_text())
                ),
            });
        }
        // The driver's copy of their article text belongs to the merge just undone.
        for f in &files {
            let f = f.to_string_lossy();
            if !aside_before.contains(f.as_ref()) {
                let _ = std::fs::remove_file(set_aside(&f));
            }
        }
    }
    if files.is_empty() {
        return Err(failed("merge", &out));
    }
    Err(SyncError::Conflict { files, why })
}

/// Files changed both on our side and theirs since the common ancestor (with no common
/// ancestor: files on both sides that differ), relative to the top folder.
fn changed_on_both_sides(
    git: &Git,
    head: Option<&str>,
    theirs: &str,
) -> Result<Vec<String>, SyncError> {
    let Some(head) = head else {
        return Ok(Vec::new());
    };
    let names = |args: &[&str]| -> Result<Vec<String>, SyncError> {
        let mut all = vec!["diff", "--name-only", "-z", "--no-renames"];
        all.extend_from_slice(args);
        Ok(nul_separated(&git.ok("merge", &all)?))
    };
    let base = git.run("merge", &["merge-base", head, theirs])?;
    if !base.ok {
        return names(&["--diff-filter=M", head, theirs]);
    }
    let base = base.stdout_text();
    let base = base.trim();
    let ours: HashSet<String> = names(&[base, head])?.into_iter().collect();
    Ok(names(&[base, theirs])?
        .into_iter()
        .filter(|f| ours.contains(f))
        .collect())
}

/// The tab-indented file names git lists under "... would be overwritten by merge:".
fn indented_paths(text: &str) -> Vec<PathBuf> {
    text.lines()
        .filter_map(|l| l.strip_prefix('\t'))
        .map(|l| PathBuf::from(l.trim()))
        .collect()
}

enum Pushed {
    /// Pushed; whether anything changed there.
    Done(bool),
    /// Rejected: the remote has commits we have not merged.
    Stale(String),
}

fn push(git: &Git, repo: &Repo, up: &Upstream) -> Result<Pushed, SyncError> {
    let refspec = format!("refs/heads/{}:{}", repo.branch, up.merge_ref);
    let mut args = vec!["push", "--porcelain"];
    if up.set {
        args.push("-u");
    }
    args.extend([up.remote.as_str(), refspec.as_str()]);
    let out = git.run("push", &args)?;
    // --porcelain: "FLAG\tFROM:TO\tSUMMARY" per ref.
    let stdout = out.stdout_text();
    let refs: Vec<(char, &str)> = stdout
        .lines()
        .filter_map(|l| {
            let mut fields = l.split('\t');
            let flag = fields.next()?.chars().next()?;
            let _refs = fields.next()?;
            Some((flag, fields.next().unwrap_or_default()))
        })
        .collect();
    if out.ok {
        return Ok(Pushed::Done(refs.iter().any(|(f, _)| " *+-".contains(*f))));
    }
    let rejected: Vec<&str> = refs
        .iter()
        .filter(|(f, _)| *f == '!')
        .map(|(_, s)| *s)
        .collect();
    if rejected
        .iter()
        .any(|s| s.contains("fetch first") || s.contains("non-fast-forward"))
    {
        return Ok(Pushed::Stale(format!(
            "someone else pushed to {} at the same time, twice",
            up.display()
        )));
    }
    if !rejected.is_empty() {
        let mut detail = rejected.join("; ");
        let said: Vec<&str> = out
            .stderr
            .lines()
            .filter_map(|l| l.strip_prefix("remote: "))
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(3)
            .collect();
        if !said.is_empty() {
            detail.push_str(&format!(": {}", said.join(" ")));
        }
        return Err(SyncError::Rejected {
            remote: up.remote.clone(),
            detail: redact(&detail),
        });
    }
    Err(remote_failed("push", &out, up))
}
