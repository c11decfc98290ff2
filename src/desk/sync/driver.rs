//! Setting up `claimdesk merge-driver` for the repository, so that a pull merges project
//! files claim by claim instead of line by line.

use super::git::{Git, nul_separated};
use super::{Repo, SyncError};
use crate::desk::scan::Scan;
use std::io::Write;
use std::path::Path;

/// The line sync adds to `.git/info/attributes`.
pub(super) const ATTRIBUTES_LINE: &str = "*.ron merge=claimdesk";

/// What is missing of the driver's setup.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Missing {
    /// `merge.claimdesk.driver` is not set (in any of git's config files).
    pub config: bool,
    /// Some project file (or a new one in the desk) does not have `merge=claimdesk`.
    pub attributes: bool,
}

impl Missing {
    pub fn any(self) -> bool {
        self.config || self.attributes
    }
}

pub(super) fn missing(git: &Git, repo: &Repo, scan: &Scan) -> Result<Missing, SyncError> {
    let config = repo
        .config("merge.claimdesk.driver")
        .is_none_or(|d| d.trim().is_empty());
    // Every project file and a new one at the desk's top: a `.gitattributes` in a subfolder
    // can route some files elsewhere.
    let mut input = Vec::new();
    for path in scan
        .files
        .iter()
        .map(|f| repo.in_repo(&f.path))
        .chain([repo.in_repo("claimdesk-sync-probe.ron")])
    {
        input.extend_from_slice(path.as_bytes());
        input.push(0);
    }
    let out = git.run_with_input(
        "driver",
        &["check-attr", "-z", "--stdin", "merge"],
        Some(&input),
    )?;
    if !out.ok {
        return Err(super::git::failed("driver", &out));
    }
    // path, attribute, value: three fields per file.
    let fields = nul_separated(&out.stdout);
    let attributes = fields
        .chunks(3)
        .any(|f| f.get(2).map(String::as_str) != Some("claimdesk"));
    Ok(Missing { config, attributes })
}

pub(super) fn install(
    git: &Git,
    repo: &Repo,
    missing: Missing,
    exe: &Path,
) -> Result<(), SyncError> {
    if missing.config {
        git.ok(
            "driver",
            &[
                "config",
                "--local",
                "merge.claimdesk.name",
                "claimdesk project merge",
            ],
        )?;
        git.ok(
            "driver",
            &[
                "config",
                "--local",
                "merge.claimdesk.driver",
                &driver_command(exe),
            ],
        )?;
    }
    if missing.attributes {
        add_attributes_line(&repo.info_attributes).map_err(|e| SyncError::Git {
            step: "driver",
            detail: format!("{}: cannot write: {e}", repo.info_attributes.display()),
        })?;
    }
    Ok(())
}

/// `'/path/to/claimdesk' merge-driver %O %A %B %P`, for git to run through the shell (git
/// quotes `%P` itself). An empty `exe` is `claimdesk` on the PATH; a relative one is made
/// absolute, since git runs drivers in the repository's top folder.
pub(super) fn driver_command(exe: &Path) -> String {
    let exe = if exe.as_os_str().is_empty() {
        Path::new("claimdesk").to_path_buf()
    } else if exe.is_relative() && exe.components().count() > 1 {
        std::fs::canonicalize(exe).unwrap_or_else(|_| exe.to_path_buf())
    } else {
        exe.to_path_buf()
    };
    format!(
        "{} merge-driver %O %A %B %P",
        shell_quote(&exe.to_string_lossy())
    )
}

/// A word for `sh`: as it is when it is made of safe characters, else in single quotes.
pub(super) fn shell_quote(word: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._+-,:@=".contains(c);
    if !word.is_empty() && word.chars().all(safe) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Appends the attributes line (git's local attributes file wins over every
/// `.gitattributes`, and is never committed).
fn add_attributes_line(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let old = match std::fs::read(path) {
        Ok(old) => old,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    let mut add = String::new();
    if !old.is_empty() && !old.ends_with(b"\n") {
        add.push('\n');
    }
    add.push_str("# claimdesk sync: project files merge claim by claim\n");
    add.push_str(ATTRIBUTES_LINE);
    add.push('\n');
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.write_all(add.as_bytes())
}
