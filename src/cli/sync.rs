//! sync: commit a desk's saved projects, pull, push (see `desk::sync`).

use super::out::{complain, say};
use super::{CliResult, UserError};
use crate::desk::sync::{self as core, SyncOptions, SyncReport};
use crate::export::json_for_html;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct SyncArgs {
    /// The desk: a folder of project files in a git repository (or a folder inside one).
    pub dir: PathBuf,
    /// Your name, for the commit message; also the commit's author when git has no
    /// user.name. Default: git's user.name.
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
    /// Print what was done as JSON: { committed, commit, pulled, merged_projects, pushed,
    /// driver_installed, warnings, merge_notes, branch, upstream, push_retried }.
    #[arg(long)]
    pub json: bool,
}

pub fn sync(a: SyncArgs) -> CliResult {
    if !a.dir.is_dir() {
        let why = if a.dir.exists() {
            "is not a folder"
        } else {
            "no such folder"
        };
        return Err(UserError(format!("{}: {why}", a.dir.display())));
    }
    let options = SyncOptions {
        reviewer: a.reviewer.unwrap_or_default(),
        // The driver git runs on a pull is this very program.
        driver_exe: std::env::current_exe().unwrap_or_default(),
        ..SyncOptions::default()
    };
    let mut report = SyncReport::default();
    let result = core::sync_into(
        &a.dir,
        &options,
        &mut |step| complain!("sync: {}", step.describe()),
        &mut report,
    );
    for w in &report.warnings {
        complain!("warning: {w}");
    }
    result?;
    if report.commit.is_some() || report.pulled > 0 {
        super::out::mark_saved();
    }
    if a.json {
        say!("{}", json_for_html(&report)?);
        return Ok(());
    }
    for line in summary(&report) {
        say!("{line}");
    }
    Ok(())
}

fn summary(r: &SyncReport) -> Vec<String> {
    let mut lines = Vec::new();
    let upstream = r.upstream.as_deref().unwrap_or("the remote");
    if r.driver_installed {
        lines.push("installed the claimdesk merge driver for this repository".to_string());
    }
    match &r.commit {
        Some(c) => lines.push(format!(
            "committed {} {} as {}: {}",
            r.committed.len(),
            if r.committed.len() == 1 {
                "project"
            } else {
                "projects"
            },
            c.get(..7).unwrap_or(c),
            r.committed
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => lines.push("nothing new to commit".to_string()),
    }
    if r.pulled == 0 {
        lines.push(format!("nothing new on {upstream}"));
    } else {
        lines.push(format!(
            "pulled {} {} from {upstream}",
            r.pulled,
            if r.pulled == 1 { "commit" } else { "commits" }
        ));
    }
    if !r.merged_projects.is_empty() {
        lines.push(format!(
            "merged claim by claim: {}",
            r.merged_projects
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for note in &r.merge_notes {
        lines.push(format!("  {note}"));
    }
    if r.pushed {
        let again = if r.push_retried {
            " (after pulling what someone pushed meanwhile)"
        } else {
            ""
        };
        lines.push(format!("pushed to {upstream}{again}"));
    } else {
        lines.push(format!("nothing to push; {upstream} is up to date"));
    }
    lines
}
