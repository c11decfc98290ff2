//! desk and report: a folder of projects at a glance, and its HTML report.

use super::out::{complain, say};
use super::{CliResult, UserError};
use crate::clock;
use crate::desk::cache::desk_cache_dir;
use crate::desk::order::{SortKey, matches, sort};
use crate::desk::overview::{Overview, overview};
use crate::desk::report::desk_report;
use crate::desk::summary::{Broken, ProjectSummary};
use crate::store;
use clap::Args;
use clap::builder::PossibleValuesParser;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct DeskArgs {
    /// The desk: a folder of project files, searched at any depth.
    pub dir: PathBuf,
    /// Machine-readable output: { root, projects, broken }.
    #[arg(long)]
    pub json: bool,
    /// Order of the projects (default: by path). date and changed: newest first; progress:
    /// least reviewed first; disagreements: most first.
    #[arg(long, value_parser = PossibleValuesParser::new(SortKey::ALL.map(SortKey::name)))]
    pub sort: Option<String>,
    /// Only projects whose title, outlet, path, date, language or reviewers contain every
    /// word of TEXT (ignoring case).
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The desk: a folder of project files, searched at any depth.
    pub dir: PathBuf,
    /// The HTML file to write ("-" for standard output).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Date of the report (default: today, UTC).
    #[arg(long)]
    pub date: Option<String>,
}

fn load(dir: &Path) -> Result<Overview, UserError> {
    if !dir.is_dir() {
        let why = if dir.exists() {
            "is not a folder"
        } else {
            "no such folder"
        };
        return Err(UserError(format!("{}: {why}", dir.display())));
    }
    let ov = overview(dir, &desk_cache_dir(dir)).map_err(UserError)?;
    if let Some(why) = &ov.cache_unsaved {
        complain!("warning: {why}");
    }
    Ok(ov)
}

pub fn desk(a: DeskArgs) -> CliResult {
    let mut ov = load(&a.dir)?;
    if let Some(filter) = &a.filter {
        ov.projects.retain(|p| matches(p, filter));
    }
    let key = a.sort.as_deref().map_or(Ok(SortKey::Path), str::parse)?;
    sort(&mut ov.projects, key);
    if a.json {
        #[derive(Serialize)]
        struct Out<'a> {
            root: &'a Path,
            projects: &'a [ProjectSummary],
            broken: &'a [Broken],
        }
        let out = Out {
            root: &ov.root,
            projects: &ov.projects,
            broken: &ov.broken,
        };
        say!("{}", crate::export::json_for_html(&out)?);
        return Ok(());
    }
    table(&ov.projects);
    if !ov.broken.is_empty() {
        say!("");
        say!("not projects ({}):", ov.broken.len());
        for b in &ov.broken {
            say!("  {}", b.error);
        }
    }
    Ok(())
}

/// One line per project: progress, open disagreements, reviewers, date, outlet, title, path.
fn table(projects: &[ProjectSummary]) {
    if projects.is_empty() {
        say!("no projects");
        return;
    }
    let reviewers: Vec<String> = projects.iter().map(|p| p.reviewers.join(", ")).collect();
    let width = |items: &mut dyn Iterator<Item = &str>, header: &str, max: usize| {
        items
            .map(|s| s.chars().count())
            .chain([header.len()])
            .max()
            .unwrap_or(0)
            .min(max)
    };
    let rw = width(&mut reviewers.iter().map(String::as_str), "reviewers", 32);
    let ow = width(
        &mut projects.iter().map(|p| p.outlet.as_str()),
        "outlet",
        20,
    );
    let tw = width(&mut projects.iter().map(|p| p.title.as_str()), "title", 50);
    say!(
        "progress  disagree  {:rw$}  {:10}  {:ow$}  {:tw$}  file",
        "reviewers",
        "published",
        "outlet",
        "title"
    );
    for (p, r) in projects.iter().zip(&reviewers) {
        say!(
            "{:>7.1}%  {:>8}  {}  {}  {}  {}  {}",
            p.progress_percent,
            p.open_disagreements,
            cell(r, rw),
            cell(&p.published, 10),
            cell(&p.outlet, ow),
            cell(&p.title, tw),
            p.path
        );
    }
    let claims: usize = projects.iter().map(|p| p.claims).sum();
    let reviewed: usize = projects.iter().map(|p| p.reviewed).sum();
    say!(
        "{} project{}, {reviewed} of {claims} claims reviewed",
        projects.len(),
        if projects.len() == 1 { "" } else { "s" }
    );
}

/// `s` on one line, cut with … or padded to `width` characters.
fn cell(s: &str, width: usize) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let n = one_line.chars().count();
    if n > width {
        let mut cut: String = one_line.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    } else {
        format!("{one_line}{}", " ".repeat(width - n))
    }
}

pub fn report(a: ReportArgs) -> CliResult {
    let ov = load(&a.dir)?;
    let date = a.date.clone().unwrap_or_else(clock::today);
    let html = desk_report(&ov, &date);
    if a.output.as_os_str() == "-" {
        super::out::write(html.as_bytes());
        return Ok(());
    }
    store::write_atomic(&a.output, html.as_bytes())
        .map_err(|e| UserError(format!("{}: cannot write: {e}", a.output.display())))?;
    super::out::mark_saved();
    let claims: usize = ov.projects.iter().map(|p| p.claims).sum();
    say!(
        "{}: desk report, {} project{}, {claims} claims, {} not projects",
        a.output.display(),
        ov.projects.len(),
        if ov.projects.len() == 1 { "" } else { "s" },
        ov.broken.len()
    );
    Ok(())
}
