//! merge, merge-driver and agreement: sharing review files between reviewers.

use super::out::{complain, say};
use super::project::load;
use super::{CliResult, UserError};
use crate::agreement::{Agreement, CATEGORIES, agreement as agreement_of};
use crate::export::json_for_html;
use crate::merge::{self, MergeError, MergeOptions, MergeOutcome, describe_orphan, short};
use crate::model::Project;
use crate::store::{self, LoadError};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// Project files to merge, two or more; the first one's article text is kept and the
    /// others' claims are re-anchored into it if their text differs.
    #[arg(required = true, num_args = 2..)]
    pub projects: Vec<PathBuf>,
    /// Where to write the merged project. May be one of the inputs (nothing in it is lost).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Replace OUTPUT when it exists and is not one of the inputs.
    #[arg(long)]
    pub force: bool,
    /// Print what the merge did as JSON (documented in the README).
    #[arg(long)]
    pub json: bool,
    /// Merge even a file about another article (most of its claims become orphans).
    #[arg(long)]
    pub allow_different_article: bool,
}

#[derive(Args, Debug)]
pub struct MergeDriverArgs {
    /// %O: the common ancestor's version (an empty file when there is none).
    pub base: PathBuf,
    /// %A: our version; the merged project is written here.
    pub ours: PathBuf,
    /// %B: their version.
    pub theirs: PathBuf,
    /// %P: the file's path in the repository, used in messages (and for the
    /// `%P.theirs-article.txt` written when both sides changed the article text).
    pub path: Option<String>,
    /// Merge even when a side is about another article.
    #[arg(long)]
    pub allow_different_article: bool,
}

#[derive(Args, Debug)]
pub struct AgreementArgs {
    pub project: PathBuf,
    /// Machine-readable output (documented in the README).
    #[arg(long)]
    pub json: bool,
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn merge_failed(e: MergeError, names: &[String]) -> UserError {
    match e {
        MergeError::Invalid { input, problem } => {
            let file = names.get(input).map_or("?", String::as_str);
            UserError(LoadError::problem(file, problem).to_string())
        }
        MergeError::DifferentArticle { input, .. } => UserError(format!(
            "{} {}; pass --allow-different-article to merge it anyway",
            names.get(input).map_or("?", String::as_str),
            e.different_article()
        )),
        other => UserError(other.to_string()),
    }
}

fn options(allow_different_article: bool) -> MergeOptions {
    MergeOptions {
        allow_different_article,
    }
}

pub fn merge(a: MergeArgs) -> CliResult {
    // OUT may be one of the inputs or a file someone else writes: held from before anything
    // is read until the result is saved, so a concurrent `tag` is never overwritten.
    let _lock = super::lock_project(&a.output)?;
    let output_is_input = a.projects.iter().any(|p| same_file(p, &a.output));
    if a.output.exists() && !a.force && !output_is_input {
        return Err(UserError(format!(
            "{} exists already and is not one of the files merged; pass --force to replace it",
            a.output.display()
        )));
    }
    let projects: Vec<Project> = a
        .projects
        .iter()
        .map(|p| load(p))
        .collect::<Result<_, _>>()?;
    let names: Vec<String> = a.projects.iter().map(|p| p.display().to_string()).collect();
    let refs: Vec<&Project> = projects.iter().collect();
    let outcome = merge::merge_with(&refs, options(a.allow_different_article))
        .map_err(|e| merge_failed(e, &names))?;
    store::save(&a.output, &outcome.project)
        .map_err(|e| UserError(format!("{}: cannot write: {e}", a.output.display())))?;
    super::out::mark_saved();
    if a.json {
        say!("{}", json_for_html(&outcome.report)?);
        return Ok(());
    }
    say!(
        "merged {} files into {}: {}",
        projects.len(),
        a.output.display(),
        outcome.report.summary()
    );
    for line in details(&outcome, &names) {
        say!("{line}");
    }
    Ok(())
}

/// The lines after the summary: everything a person should look at.
fn details(outcome: &MergeOutcome, names: &[String]) -> Vec<String> {
    let (p, r) = (&outcome.project, &outcome.report);
    let quote = |id: &str| {
        p.claim(id)
            .or_else(|| p.orphans.iter().find(|o| o.id == id))
            .map_or(String::new(), |c| short(&c.quote))
    };
    let mut lines = Vec::new();
    for f in &r.fuzzy {
        lines.push(format!(
            "placed approximately (score {:.3}) from {}: {} \"{}\"",
            f.score,
            names.get(f.file).map_or("?", String::as_str),
            f.claim,
            quote(&f.claim)
        ));
    }
    for o in p.orphans.iter().filter(|o| r.orphaned.contains(&o.id)) {
        lines.push(format!(
            "{}: not found in the text; kept, re-attach it in the app",
            describe_orphan(o)
        ));
    }
    for s in &r.superseded {
        let whose = if s.adjudication {
            format!("final verdict by {}", s.reviewer)
        } else {
            format!("{}'s review", s.reviewer)
        };
        lines.push(format!(
            "earlier version kept in the audit log and note: {whose} on {} from {} (the one from {} wins)",
            s.claim, s.superseded, s.kept
        ));
    }
    for s in &r.same_span {
        lines.push(format!(
            "same span: claim {} joined into {} \"{}\"",
            s.merged,
            s.kept,
            quote(&s.kept)
        ));
    }
    for id in &r.demoted {
        lines.push(format!(
            "kept as a selection (it overlaps other statements): {id} \"{}\"",
            quote(id)
        ));
    }
    for t in &r.texts_set_aside {
        lines.push(format!(
            "the article text of {} ({} characters, SHA-256 {}) is not the merged text: its claims were re-anchored into the text of {}",
            names.get(t.file).map_or("?", String::as_str),
            t.chars,
            t.sha256,
            names.first().map_or("?", String::as_str)
        ));
    }
    lines
}

/// Git gives temporary file names; messages name the file in the repository instead.
fn load_side(path: &Path, name: &str, side: &str) -> Result<Project, UserError> {
    store::load(path).map_err(|e| {
        UserError(
            LoadError {
                file: format!("{name} ({side})"),
                ..e
            }
            .to_string(),
        )
    })
}

pub fn merge_driver(a: MergeDriverArgs) -> CliResult {
    let name = a
        .path
        .clone()
        .unwrap_or_else(|| a.ours.display().to_string());
    let ours = load_side(&a.ours, &name, "ours")?;
    let theirs = load_side(&a.theirs, &name, "theirs")?;
    let base = match std::fs::metadata(&a.base) {
        Ok(m) if m.len() == 0 => None,
        _ => match load_side(&a.base, &name, "common ancestor") {
            Ok(b) => Some(b),
            Err(UserError(e)) => {
                complain!("{e}; merging the two versions without it");
                None
            }
        },
    };
    let names = [
        format!("{name} (common ancestor)"),
        format!("{name} (ours)"),
        format!("{name} (theirs)"),
    ];
    let opts = options(a.allow_different_article);
    let outcome = match &base {
        Some(b) => merge::merge3_with(b, &ours, &theirs, opts).map_err(|e| merge_failed(e, &names)),
        None => {
            merge::merge_with(&[&ours, &theirs], opts).map_err(|e| merge_failed(e, &names[1..]))
        }
    }?;
    // Both sides changed the article text: ours is the text, theirs goes beside the file
    // before anything is written, so it is never lost.
    let set_aside = if outcome.report.texts_set_aside.is_empty() {
        None
    } else {
        let side = theirs_text_path(a.path.as_deref(), &a.ours);
        store::write_atomic(&side, theirs.article.text.as_bytes()).map_err(|e| {
            UserError(format!(
                "{name}: both sides changed the article text, and their text cannot be kept in {}: {e}; nothing merged",
                side.display()
            ))
        })?;
        Some(side)
    };
    store::save(&a.ours, &outcome.project)
        .map_err(|e| UserError(format!("{name}: cannot write the merged project: {e}")))?;
    eprintln!(
        "claimdesk merge-driver: {name}: {}",
        outcome.report.summary()
    );
    let (p, r) = (&outcome.project, &outcome.report);
    for o in p.orphans.iter().filter(|o| r.orphaned.contains(&o.id)) {
        eprintln!("claimdesk merge-driver: {name}: {}", describe_orphan(o));
    }
    match set_aside {
        // Exit 1: git marks the file conflicted, so nobody commits a merge that silently
        // lacks one side's text edit. The file itself is a complete, valid merge.
        Some(side) => Err(UserError(format!(
            "{name}: both sides changed the article text differently; the merged file keeps ours, with their claims and reviews re-anchored into it; their text is saved in {}. Compare the two texts, correct the article if needed, then `git add {name}` to finish the merge",
            side.display()
        ))),
        None => Ok(()),
    }
}

/// Where the driver keeps theirs' article text: beside the file in the work tree (git runs
/// drivers at the top of the work tree, where %P is relative to).
fn theirs_text_path(repo_path: Option<&str>, ours: &Path) -> PathBuf {
    let mut name = match repo_path {
        Some(p) => PathBuf::from(p).into_os_string(),
        None => ours.as_os_str().to_owned(),
    };
    name.push(".theirs-article.txt");
    PathBuf::from(name)
}

fn figure(v: Option<f64>) -> String {
    v.map_or("undefined".to_string(), |v| format!("{v:.3}"))
}

pub fn agreement(a: AgreementArgs) -> CliResult {
    let p = load(&a.project)?;
    let ag = agreement_of(&p);
    if a.json {
        say!("{}", json_for_html(&ag)?);
        return Ok(());
    }
    for line in agreement_lines(&p, &ag) {
        say!("{line}");
    }
    Ok(())
}

fn agreement_lines(p: &Project, ag: &Agreement) -> Vec<String> {
    let mut out = vec![
        p.article.title.clone(),
        format!(
            "{} claims, {} reviewers: {}",
            ag.claims,
            ag.reviewers.len(),
            ag.reviewers.join(", ")
        ),
    ];
    if ag.reviewers.len() < 2 {
        out.push("agreement needs at least two reviewers".into());
        return out;
    }
    let names: Vec<&str> = CATEGORIES.iter().map(|c| c.as_str()).collect();
    let width = names.iter().map(|n| n.len()).max().unwrap_or(0);
    for pair in &ag.pairs {
        out.push(format!(
            "{} and {}: {} claims judged by both, {} left out (unreviewed or judged by only one of them)",
            pair.a, pair.b, pair.items, pair.left_out
        ));
        match pair.percent {
            Some(pct) => out.push(format!(
                "  percent agreement {:.1}%, Cohen's kappa {}",
                pct * 100.0,
                figure(pair.cohen_kappa)
            )),
            None => out.push("  no claims to compare".into()),
        }
        out.push(format!("  verdicts (rows {}, columns {}):", pair.a, pair.b));
        out.push(format!(
            "    {:width$}  {}",
            "",
            names
                .iter()
                .map(|n| format!("{n:>width$}"))
                .collect::<Vec<_>>()
                .join("  ")
        ));
        for (i, row) in pair.confusion.iter().enumerate() {
            out.push(format!(
                "    {:width$}  {}",
                names[i],
                row.iter()
                    .map(|n| format!("{n:>width$}"))
                    .collect::<Vec<_>>()
                    .join("  ")
            ));
        }
    }
    let f = &ag.fleiss_kappa;
    out.push(format!(
        "Fleiss' kappa {} over {} claims every reviewer judged, {} left out",
        figure(f.value),
        f.items,
        f.left_out
    ));
    let k = &ag.krippendorff_alpha;
    out.push(format!(
        "Krippendorff's alpha (nominal) {} over {} claims judged by two or more, {} left out",
        figure(k.value),
        k.items,
        k.left_out
    ));
    out.push(format!("open disagreements: {}", ag.open_disagreements));
    out
}
