//! Commands about a whole project: new, check, stats, segment, open.

use super::out::say;
use super::{CliResult, UserError, lock_project, out, save_failed};
use crate::article::{decode_article, new_project};
use crate::import;
use crate::store::WriteOptions;
use crate::{split, stats as core_stats, store};
use clap::Args;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct NewArgs {
    /// The article: a UTF-8 text file, a saved web page (.html, .htm, .mhtml) or an http(s)
    /// address to download once.
    pub article: String,
    /// Where to write the project (.ron).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Headline; defaults to the page's title or the article's file name.
    #[arg(long)]
    pub title: Option<String>,
    /// Who published the article; defaults to the page's site name.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Defaults to the page's canonical address.
    #[arg(long)]
    pub url: Option<String>,
    /// Publication date, e.g. 2023-04-20; defaults to the page's.
    #[arg(long)]
    pub published: Option<String>,
    /// Who wrote it; defaults to the page's byline.
    #[arg(long)]
    pub byline: Option<String>,
    /// The article's language (`de`, `uk`, `German`...); detected from the text when omitted.
    #[arg(long)]
    pub lang: Option<String>,
    /// Replace an existing project file (even a read-only one).
    #[arg(long)]
    pub force: bool,
    /// A desk (folder of projects): list the statements already checked in its other
    /// projects, with their verdict and where.
    #[arg(long, value_name = "DIR")]
    pub desk: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    pub project: PathBuf,
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    pub project: PathBuf,
    /// Machine-readable output (documented in the README).
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct SegmentArgs {
    /// Text file to split; standard input when omitted.
    pub file: Option<PathBuf>,
    /// Split as this language (`de`, `uk`...); detected from the text when omitted.
    #[arg(long)]
    pub lang: Option<String>,
    /// Splitting rules version (1 = what projects made before languages used).
    #[arg(long, default_value_t = split::SPLITTER_VERSION)]
    pub rules: u32,
}

pub fn load(path: &Path) -> Result<crate::model::Project, UserError> {
    store::load(path).map_err(|e| UserError(e.to_string()))
}

fn read_article(path: &Path) -> Result<String, UserError> {
    let bytes = std::fs::read(path)
        .map_err(|e| UserError(format!("{}: cannot read: {e}", path.display())))?;
    decode_article(bytes).map_err(|m| UserError(format!("{}: {m}", path.display())))
}

pub fn new(a: NewArgs) -> CliResult {
    // Another command may be writing the file we are about to replace.
    let _lock = lock_project(&a.output)?;
    if a.output.exists() && !a.force {
        return Err(UserError(format!(
            "{} exists already; pass --force to replace it",
            a.output.display()
        )));
    }
    let language = match &a.lang {
        Some(l) => crate::language::parse(l).map_err(|m| UserError(format!("--lang: {m}")))?,
        None => "",
    };
    let (imported, source) = if is_url(&a.article) {
        import::read_url(&a.article, &import::fetch::Limits::default())
    } else {
        import::read_file(Path::new(&a.article))
    }
    .map_err(UserError)?;
    if imported.text.trim().is_empty() {
        return Err(UserError(format!("{}: the article is empty", a.article)));
    }
    let mut info = import::article_info(&imported, source, language);
    // What the user typed wins over what the page says.
    let set = |field: &mut String, given: Option<String>| {
        if let Some(v) = given {
            *field = v;
        }
    };
    set(&mut info.title, a.title);
    set(&mut info.outlet, a.outlet);
    set(&mut info.url, a.url);
    set(&mut info.published, a.published);
    set(&mut info.byline, a.byline);
    let project = new_project(info, imported.text);
    let options = WriteOptions {
        overwrite_read_only: a.force,
    };
    store::save_with(&a.output, &project, &options).map_err(|e| save_failed(&a.output, &e))?;
    out::mark_saved();
    say!(
        "{}: {} statements ({} headings), {}",
        a.output.display(),
        project.claims.len(),
        project
            .claims
            .iter()
            .filter(|c| c.kind == crate::model::ClaimKind::Heading)
            .count(),
        crate::language::name(&project.article.language)
    );
    if let Some(desk) = &a.desk {
        super::search::say_checked_before(desk, &a.output, &project)?;
    }
    Ok(())
}

/// An address to download rather than a file name: `scheme://…`. Other schemes are taken
/// as addresses too, so `ftp://…` gets "only http and https" rather than "no such file".
fn is_url(arg: &str) -> bool {
    arg.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

pub fn check(a: CheckArgs) -> CliResult {
    let p = load(&a.project)?;
    if p.orphans.is_empty() {
        say!("ok: {} claims", p.claims.len());
    } else {
        // Valid, but some claims need a person: say so on the first line, then list them.
        say!(
            "ok: {} claims, {} orphaned (not found in the article text; re-attach them in the app)",
            p.claims.len(),
            p.orphans.len()
        );
        for line in crate::merge::describe_orphans(&p) {
            say!("  {line}");
        }
    }
    Ok(())
}

pub fn stats(a: StatsArgs) -> CliResult {
    let p = load(&a.project)?;
    let s = core_stats::stats(&p);
    if a.json {
        say!("{}", crate::export::json_for_html(&s)?);
        return Ok(());
    }
    say!("{}", p.article.title);
    say!("statements: {}", s.statements);
    say!("claims: {} ({} from selections)", s.claims, s.selections);
    say!(
        "reviewed: {} of {} ({:.1}%)",
        s.reviewed,
        s.claims,
        s.progress_percent
    );
    let v = &s.verdicts;
    say!(
        "verdicts: verified {}, attributed-only {}, disputed {}, disagreement {}, unreviewed {}",
        v.verified,
        v.attributed_only,
        v.disputed,
        v.disagreement,
        v.unreviewed
    );
    for r in &s.reviewers {
        let v = &r.verdicts;
        say!(
            "reviewer {}: {} reviewed (verified {}, attributed-only {}, disputed {}), {} notes, {} evidence",
            r.name,
            r.reviewed,
            v.verified,
            v.attributed_only,
            v.disputed,
            r.notes,
            r.evidence
        );
    }
    Ok(())
}

pub fn segment(a: SegmentArgs) -> CliResult {
    let text = match &a.file {
        Some(path) => read_article(path)?,
        None => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes)?;
            decode_article(bytes).map_err(|m| UserError(format!("standard input {m}")))?
        }
    };
    if a.rules == 0 || a.rules > split::SPLITTER_VERSION {
        return Err(UserError(format!(
            "--rules {}: this claimdesk knows splitting rules 1 to {}",
            a.rules,
            split::SPLITTER_VERSION
        )));
    }
    let asked = match &a.lang {
        Some(l) => crate::language::parse(l).map_err(|m| UserError(format!("--lang: {m}")))?,
        None => "",
    };
    let language = crate::article::language_for(asked, &text);
    let index = crate::text::CharIndex::new(&text);
    let mut text_out = String::with_capacity(text.len() + 64);
    for seg in split::split_with(&text, &language, a.rules) {
        let s = index
            .slice(&text, seg.start..seg.end)
            .expect("the splitter returns spans inside the text");
        // One statement per line: inner line breaks and space runs become single spaces.
        let mut first = true;
        for word in s.split_whitespace() {
            if !first {
                text_out.push(' ');
            }
            text_out.push_str(word);
            first = false;
        }
        text_out.push('\n');
    }
    out::write(text_out.as_bytes());
    Ok(())
}

#[cfg(feature = "gui")]
pub fn open(project: Option<PathBuf>, quit_after_frames: Option<u64>) -> CliResult {
    let options = crate::ui::RunOptions {
        quit_after_frames,
        no_native_dialogs: std::env::var_os("CLAIMDESK_NO_NATIVE_DIALOGS").is_some(),
        debug_repaints: std::env::var_os("CLAIMDESK_DEBUG_REPAINTS").is_some(),
        ..crate::ui::RunOptions::default()
    };
    crate::ui::run(project, options).map_err(UserError)
}

/// Built without the desktop app: say so instead of opening nothing.
#[cfg(not(feature = "gui"))]
pub fn open(_project: Option<PathBuf>, _quit_after_frames: Option<u64>) -> CliResult {
    Err(UserError(
        "this claimdesk was built without the desktop app (cargo feature `gui`); the commands work: see `claimdesk --help`".into(),
    ))
}
