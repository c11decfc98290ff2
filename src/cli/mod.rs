//! The command line: scripts and the desktop app share the core through these commands.
//! Exit codes: 0 success, 1 a user error (one line on stderr), 2 a usage error (from clap).
//! Standard output going away (`| head`) is not an error; see `out` for output failures.

mod claims;
mod desk;
mod export;
mod hints;
pub(crate) mod out;
mod project;
mod search;
mod share;
mod sync;

use crate::store::ProjectLock;
use clap::{Parser, Subcommand};
use out::{Ending, complain};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser, Debug)]
#[command(
    name = "claimdesk",
    version,
    about = "Fact-check annotation workspace: split an article into statements, tag claims, share review files."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Project file to open in the desktop workspace, or a desk (a folder of projects) to
    /// open in the desk view.
    pub project: Option<PathBuf>,
    /// Close the window cleanly after N frames (a test hook for CI).
    #[arg(long, value_name = "N", hide = true)]
    pub quit_after_frames: Option<u64>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Make a project from an article (text, saved web page or http(s) address), split into
    /// statements in its language.
    New(project::NewArgs),
    /// Validate a project file; prints "ok: N claims" or the first problem.
    Check(project::CheckArgs),
    /// Statements, claims per verdict, per reviewer, progress.
    Stats(project::StatsArgs),
    /// One line per claim: number, id, kind, verdict(s), quote.
    List(claims::ListArgs),
    /// Print one statement per line (reads standard input when no FILE is given).
    Segment(project::SegmentArgs),
    /// Record a reviewer's verdict (and attributed-to, note, evidence) on a claim; saves atomically.
    Tag(claims::TagArgs),
    /// Write a report (HTML, Markdown) or a machine format (CSV, W3C Web Annotation, ClaimReview).
    Export(export::ExportArgs),
    /// Bring W3C Web Annotations (as `export --format w3c` writes them) back into a project.
    ImportAnnotations(export::ImportArgs),
    /// Merge reviewers' project files into one; nothing any reviewer wrote is dropped.
    Merge(share::MergeArgs),
    /// Three-way merge for git: `claimdesk merge-driver %O %A %B` writes the result to %A.
    MergeDriver(share::MergeDriverArgs),
    /// How much reviewers agree: percent agreement, Cohen's kappa, Fleiss' kappa, Krippendorff's alpha.
    Agreement(share::AgreementArgs),
    /// Who said it, what kind of claim, how worth checking: hints per statement (--json), or
    /// apply the attribution hints to a reviewer's unreviewed claims (--accept-attributions).
    Hints(hints::HintsArgs),
    /// A desk (a folder of projects, any depth) at a glance: progress, open disagreements,
    /// reviewers, date, outlet, title; files that are not projects are listed with why.
    Desk(desk::DeskArgs),
    /// An HTML report of a desk: progress and verdicts per article, each reviewer's
    /// workload, agreement across articles.
    Report(desk::ReportArgs),
    /// Search a desk's claims: quote words, "phrases", notes, attributed-to, evidence, and
    /// filters by reviewer, verdict, domain, claim type and publication date.
    Search(search::SearchArgs),
    /// Claims in other projects of a desk that say the same as one claim ("checked before"),
    /// with their verdicts, notes and evidence.
    Seen(search::SeenArgs),
    /// Sync a desk that is a git repository: commit your saved projects (nothing else), pull
    /// (merging project files claim by claim) and push.
    Sync(sync::SyncArgs),
}

/// A failure the user can act on: printed as one line, exit code 1.
#[derive(Debug)]
pub struct UserError(pub String);

impl<E: std::fmt::Display> From<E> for UserError {
    fn from(e: E) -> Self {
        UserError(e.to_string())
    }
}

pub type CliResult = Result<(), UserError>;

/// How long a command waits for another claimdesk writing the same project. Tests shorten it
/// with CLAIMDESK_LOCK_WAIT_MS.
fn lock_wait() -> Duration {
    std::env::var("CLAIMDESK_LOCK_WAIT_MS")
        .ok()
        .and_then(|ms| ms.trim().parse().ok())
        .map_or(Duration::from_secs(10), Duration::from_millis)
}

/// Takes the project's write lock for a read-modify-write: hold the returned guard from
/// before loading until after saving, so concurrent commands never lose an update.
pub(crate) fn lock_project(path: &Path) -> Result<ProjectLock, UserError> {
    ProjectLock::acquire(path, lock_wait()).map_err(|e| UserError(e.to_string()))
}

/// The message for a failed save; a read-only file gets told how to go ahead anyway.
pub(crate) fn save_failed(path: &Path, e: &std::io::Error) -> UserError {
    let force = if crate::store::is_read_only_refusal(e) {
        "; pass --force to write it anyway"
    } else {
        ""
    };
    UserError(format!("{}: cannot save: {e}{force}", path.display()))
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap: 0 for --help/--version, 2 for usage errors.
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let result = match cli.command {
        Some(Command::New(a)) => project::new(a),
        Some(Command::Check(a)) => project::check(a),
        Some(Command::Stats(a)) => project::stats(a),
        Some(Command::List(a)) => claims::list(a),
        Some(Command::Segment(a)) => project::segment(a),
        Some(Command::Tag(a)) => claims::tag(a),
        Some(Command::Export(a)) => export::export(a),
        Some(Command::ImportAnnotations(a)) => export::import_annotations(a),
        Some(Command::Merge(a)) => share::merge(a),
        Some(Command::MergeDriver(a)) => share::merge_driver(a),
        Some(Command::Agreement(a)) => share::agreement(a),
        Some(Command::Hints(a)) => hints::hints(a),
        Some(Command::Desk(a)) => desk::desk(a),
        Some(Command::Report(a)) => desk::report(a),
        Some(Command::Search(a)) => search::search(a),
        Some(Command::Seen(a)) => search::seen(a),
        Some(Command::Sync(a)) => sync::sync(a),
        None => project::open(cli.project, cli.quit_after_frames),
    };
    let ending = out::finish();
    match (result, ending) {
        (Err(UserError(msg)), _) => {
            complain!("{msg}");
            ExitCode::from(1)
        }
        (Ok(()), Ending::Printed | Ending::ReaderGone) => ExitCode::SUCCESS,
        (Ok(()), Ending::SavedUnprinted(msg)) => {
            complain!("{msg}");
            ExitCode::SUCCESS
        }
        (Ok(()), Ending::Failed(msg)) => {
            complain!("{msg}");
            ExitCode::from(1)
        }
    }
}
