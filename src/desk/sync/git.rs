//! Running `git` so that it never waits for a person, and reading what it says.

use super::{Repo, SyncError};
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What `GIT_SSH_COMMAND` becomes unless the user chose an ssh command: fail at once rather
/// than ask for a passphrase or a host key, and give up on a host that does not answer.
pub(super) const SSH_BATCH: &str = "ssh -o BatchMode=yes -o ConnectTimeout=30";

/// Variables that would point git at another repository than the desk's.
const REPOSITORY_ENV: [&str; 7] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_PREFIX",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_NAMESPACE",
];

/// The git command line, run in one folder with one environment.
pub(super) struct Git {
    cwd: PathBuf,
    env: Vec<(String, String)>,
    ssh: Option<&'static str>,
    /// `-c name=value` pairs put before every command (the fallback identity).
    config: Vec<String>,
    /// Neither git nor the options give a name to commit as.
    pub nameless: bool,
}

/// A finished git command.
pub(super) struct Out {
    pub ok: bool,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Out {
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Standard output, then standard error (git writes some messages to either).
    pub fn all_text(&self) -> String {
        format!("{}\n{}", self.stdout_text(), self.stderr)
    }
}

impl Git {
    pub fn new(cwd: &Path, env: &[(String, String)]) -> Git {
        Git {
            cwd: cwd.to_path_buf(),
            env: env.to_vec(),
            ssh: None,
            config: Vec::new(),
            nameless: false,
        }
    }

    fn command<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        let mut c = Command::new("git");
        for setting in &self.config {
            c.arg("-c").arg(setting);
        }
        c.args(args)
            .current_dir(&self.cwd)
            .stdin(Stdio::null())
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_ASKPASS", "")
            .env("SSH_ASKPASS", "")
            .env("SSH_ASKPASS_REQUIRE", "never")
            .env("GCM_INTERACTIVE", "never")
            .env("GIT_EDITOR", ":")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env("GIT_LITERAL_PATHSPECS", "1")
            .env("LC_ALL", "C")
            .env_remove("LANGUAGE");
        for var in REPOSITORY_ENV {
            c.env_remove(var);
        }
        if let Some(ssh) = self.ssh {
            c.env("GIT_SSH_COMMAND", ssh);
        }
        for (k, v) in &self.env {
            c.env(k, v);
        }
        c
    }

    /// Runs git; a failing git is an `Out` with `ok == false`, only a git that cannot be
    /// started is an error.
    pub fn run<S: AsRef<OsStr>>(&self, step: &'static str, args: &[S]) -> Result<Out, SyncError> {
        self.run_with_input(step, args, None)
    }

    /// `run`, writing `input` to git's standard input.
    pub fn run_with_input<S: AsRef<OsStr>>(
        &self,
        step: &'static str,
        args: &[S],
        input: Option<&[u8]>,
    ) -> Result<Out, SyncError> {
        let mut c = self.command(args);
        c.stdout(Stdio::piped()).stderr(Stdio::piped());
        if input.is_some() {
            c.stdin(Stdio::piped());
        }
        let mut child = c.spawn().map_err(|e| spawn_failed(step, &e))?;
        let output = std::thread::scope(|s| {
            if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
                // A git that stops reading early says why on stderr: the write error is moot.
                s.spawn(move || {
                    let _ = stdin.write_all(input);
                });
            }
            child.wait_with_output()
        })
        .map_err(|e| SyncError::Git {
            step,
            detail: format!("cannot run git: {e}"),
        })?;
        Ok(Out {
            ok: output.status.success(),
            stdout: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }

    /// Runs git and wants success; its standard output.
    pub fn ok<S: AsRef<OsStr>>(
        &self,
        step: &'static str,
        args: &[S],
    ) -> Result<Vec<u8>, SyncError> {
        let out = self.run(step, args)?;
        if out.ok {
            Ok(out.stdout)
        } else {
            Err(failed(step, &out))
        }
    }

    /// `ok` with the output as trimmed text.
    pub fn text<S: AsRef<OsStr>>(
        &self,
        step: &'static str,
        args: &[S],
    ) -> Result<String, SyncError> {
        Ok(String::from_utf8_lossy(&self.ok(step, args)?)
            .trim_end()
            .to_string())
    }

    /// Finds the repository around `desk` and what sync needs to know about it; from then
    /// on git runs in the repository's top folder.
    pub fn open(&mut self, desk: &Path) -> Result<Repo, SyncError> {
        const STATE: [(&str, &str); 5] = [
            ("MERGE_HEAD", "merge"),
            ("rebase-merge", "rebase"),
            ("rebase-apply", "rebase"),
            ("CHERRY_PICK_HEAD", "cherry-pick"),
            ("REVERT_HEAD", "revert"),
        ];
        let mut args = vec![
            "rev-parse",
            "--show-toplevel",
            "--git-path",
            "info/attributes",
        ];
        for (path, _) in STATE {
            args.extend(["--git-path", path]);
        }
        let out = self.run("check", &args)?;
        if !out.ok {
            let err = &out.stderr;
            if err.contains("not a git repository") || err.contains("must be run in a work tree") {
                return Err(SyncError::NotARepository(desk.to_path_buf()));
            }
            return Err(failed("check", &out));
        }
        let text = out.stdout_text();
        let mut lines = text.lines();
        let top = lines.next().unwrap_or_default();
        let at_desk = |p: Option<&str>| desk.join(p.unwrap_or_default());
        let info_attributes = at_desk(lines.next());
        let states: Vec<(PathBuf, &'static str)> = STATE
            .iter()
            .map(|(_, operation)| (at_desk(lines.next()), *operation))
            .collect();

        let top = std::fs::canonicalize(top).map_err(|e| SyncError::Git {
            step: "check",
            detail: format!("{top}: {e}"),
        })?;
        let desk_real = std::fs::canonicalize(desk).unwrap_or_else(|_| desk.to_path_buf());
        let desk_rel = match desk_real.strip_prefix(&top) {
            Ok(rel) => rel.to_string_lossy().into_owned(),
            Err(_) => {
                return Err(SyncError::Git {
                    step: "check",
                    detail: format!(
                        "{} is not inside the repository's folder {}",
                        desk.display(),
                        top.display()
                    ),
                });
            }
        };
        self.cwd = top.clone();

        for (path, operation) in states {
            if path.exists() {
                let files = self.unmerged()?;
                return Err(SyncError::InProgress { operation, files });
            }
        }
        let head = self.run("check", &["symbolic-ref", "-q", "HEAD"])?;
        let head = head.stdout_text();
        let Some(branch) = head.trim().strip_prefix("refs/heads/") else {
            return Err(SyncError::Git {
                step: "check",
                detail: "the repository is not on a branch (a detached HEAD); switch to the desk's branch in a terminal (`git switch main`), then sync again".into(),
            });
        };
        let config = parse_config(&self.ok("check", &["config", "-z", "--list"])?);
        Ok(Repo {
            top,
            desk_rel,
            info_attributes,
            branch: branch.to_string(),
            config,
        })
    }

    /// Files with unmerged entries in the index, relative to the top folder.
    pub fn unmerged(&self) -> Result<Vec<PathBuf>, SyncError> {
        let out = self.ok(
            "merge",
            &[
                "diff",
                "--name-only",
                "-z",
                "--diff-filter=U",
                "--no-renames",
            ],
        )?;
        let mut files: Vec<PathBuf> = nul_separated(&out).into_iter().map(PathBuf::from).collect();
        files.dedup();
        Ok(files)
    }

    /// Commits (and merge commits) are made as git's `user.name` and `user.email`; where git
    /// has none, as `reviewer` with an empty e-mail (no made-up address: "Name <>").
    pub fn set_identity(&mut self, repo: &Repo, reviewer: &str) {
        let known = |key: &str| repo.config(key).is_some_and(|v| !v.trim().is_empty());
        let env_set = |var: &str| {
            std::env::var_os(var).is_some_and(|v| !v.is_empty())
                || self.env.iter().any(|(k, v)| k == var && !v.is_empty())
        };
        let reviewer = reviewer.trim();
        let name_known =
            known("user.name") || (env_set("GIT_AUTHOR_NAME") && env_set("GIT_COMMITTER_NAME"));
        if !name_known {
            if reviewer.is_empty() {
                self.nameless = true;
            } else {
                self.config.push(format!("user.name={reviewer}"));
            }
        }
        if !known("user.email") && !env_set("EMAIL") {
            self.config.push("user.email=".into());
        }
    }

    /// From now on nothing waits for ever on the network: ssh never asks (unless the user
    /// chose their own ssh command) and gives up on a host that does not answer in 30 s;
    /// over http(s), a transfer with no byte for 60 s stops (unless the user set
    /// `http.lowSpeedLimit` or `http.lowSpeedTime`).
    pub fn prepare_network(&mut self, repo: &Repo) {
        let user_chose = ["GIT_SSH_COMMAND", "GIT_SSH"]
            .iter()
            .any(|v| std::env::var_os(v).is_some() || self.env.iter().any(|(k, _)| k == v))
            || repo.config("core.sshcommand").is_some();
        self.ssh = (!user_chose).then_some(SSH_BATCH);
        if repo.config("http.lowspeedlimit").is_none() && repo.config("http.lowspeedtime").is_none()
        {
            self.config.push("http.lowSpeedLimit=1".into());
            self.config.push("http.lowSpeedTime=60".into());
        }
    }
}

fn spawn_failed(step: &'static str, e: &std::io::Error) -> SyncError {
    if e.kind() == std::io::ErrorKind::NotFound {
        SyncError::GitMissing
    } else {
        SyncError::Git {
            step,
            detail: format!("cannot run git: {e}"),
        }
    }
}

/// A failed command as an error at `step`, with git's own words.
pub(super) fn failed(step: &'static str, out: &Out) -> SyncError {
    SyncError::Git {
        step,
        detail: summary(&out.all_text()),
    }
}

/// `git config -z --list`: `key\nvalue\0` per entry (`key\0` for a bare boolean).
pub(super) fn parse_config(bytes: &[u8]) -> Vec<(String, String)> {
    nul_separated(bytes)
        .into_iter()
        .map(|entry| match entry.split_once('\n') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (entry, "true".to_string()),
        })
        .collect()
}

/// NUL-separated names (git's `-z` output), empty ones dropped.
pub(super) fn nul_separated(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|b| *b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect()
}

/// Git's message in one line: its `fatal:` and `error:` lines (else its last line), with any
/// password in an address taken out.
pub(super) fn summary(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut picked: Vec<&str> = lines
        .iter()
        .filter_map(|l| {
            l.strip_prefix("fatal: ")
                .or_else(|| l.strip_prefix("error: "))
        })
        .collect();
    if picked.is_empty() {
        picked.extend(lines.last());
    }
    let mut out = redact(&picked.join("; "));
    if out.is_empty() {
        out = "git gave no reason".into();
    }
    const MAX: usize = 400;
    if out.chars().count() > MAX {
        out = out.chars().take(MAX).collect::<String>() + "…";
    }
    out
}

/// Text with the passwords of `scheme://user:password@host` addresses removed.
pub(super) fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        let end = after
            .find(|c: char| c == '/' || c.is_whitespace() || c == '\'' || c == '"')
            .unwrap_or(after.len());
        let authority = &after[..end];
        match authority.rfind('@') {
            Some(at) => {
                let user = authority[..at].split(':').next().unwrap_or_default();
                out.push_str(user);
                out.push_str(&authority[at..]);
            }
            None => out.push_str(authority),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// What a failed fetch or push says about the remote.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Trouble {
    /// It wants credentials git does not have.
    Auth,
    /// It cannot be reached; the line that says so.
    Offline(String),
    /// Its SSH host key is unknown or changed.
    HostKey,
    /// Something else.
    Other,
}

pub(super) fn trouble(stderr: &str) -> Trouble {
    const AUTH: [&str; 11] = [
        "could not read Username",
        "could not read Password",
        "Authentication failed",
        "Permission denied (publickey",
        "Permission denied, please try again",
        "HTTP Basic: Access denied",
        "The requested URL returned error: 401",
        "The requested URL returned error: 403",
        "terminal prompts disabled",
        "Invalid username or password",
        "Permission denied (keyboard-interactive",
    ];
    const OFFLINE: [&str; 15] = [
        "Could not resolve host",
        "Could not resolve hostname",
        "Temporary failure in name resolution",
        "Name or service not known",
        "nodename nor servname provided",
        "Connection refused",
        "Connection timed out",
        "Operation timed out",
        "Network is unreachable",
        "No route to host",
        "Failed to connect to",
        "Couldn't connect to server",
        "Connection reset by peer",
        "Resolving timed out",
        "Operation too slow",
    ];
    if stderr.contains("Host key verification failed")
        || stderr.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
    {
        return Trouble::HostKey;
    }
    if AUTH.iter().any(|p| stderr.contains(p)) {
        return Trouble::Auth;
    }
    if let Some(line) = stderr
        .lines()
        .find(|l| OFFLINE.iter().any(|p| l.contains(p)))
    {
        let line = line.trim();
        let line = line
            .strip_prefix("fatal: ")
            .or_else(|| line.strip_prefix("ssh: "))
            .unwrap_or(line);
        return Trouble::Offline(redact(line));
    }
    Trouble::Other
}
