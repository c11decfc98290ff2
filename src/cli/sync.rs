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
    let lines = report.summary();
    if lines.is_empty() {
        say!("Up to date: nothing to commit, pull or push");
    }
    for line in lines {
        say!("{line}");
    }
    Ok(())
}
