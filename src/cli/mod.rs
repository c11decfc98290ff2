//! The command line: scripts and the desktop app share the core through these commands.
//! Exit codes: 0 success, 1 a user error (one line on stderr), 2 a usage error (from clap).

mod claims;
mod export;
mod project;
mod share;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "claimdesk",
    version,
    about = "Fact-check annotation workspace: split an article into statements, tag claims, share review files."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Project file to open in the desktop workspace.
    pub project: Option<PathBuf>,
    /// Close the window cleanly after N frames (a test hook for CI).
    #[arg(long, value_name = "N", hide = true)]
    pub quit_after_frames: Option<u64>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Make a project from an article (UTF-8 .txt or .md), split into statements.
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
        None => project::open(cli.project, cli.quit_after_frames),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(UserError(msg)) => {
            eprintln!("claimdesk: {msg}");
            ExitCode::from(1)
        }
    }
}
