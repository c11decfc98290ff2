//! export and import-annotations: thin wrappers around `crate::export`, which the desktop
//! app's File → Export… calls too.

use super::out::{complain, say};
use super::project::load;
use super::{CliResult, UserError};
use crate::export::{self, ExportError, ExportOptions, Format, PublisherField};
use crate::model::{Project, Publisher, Verdict};
use crate::{clock, store};
use clap::Args;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
#[command(after_help = "\
Formats:
  html         one self-contained report page (prints on A4): summary, the article with every claim
               highlighted, the claim table
  markdown     the same report as Markdown
  csv          one row per claim and reviewer; evidence URLs separated by spaces; UTF-8 with a
               byte-order mark (--no-bom to leave it out)
  w3c          W3C Web Annotation collection (JSON-LD); `claimdesk import-annotations` reads it back
  claimreview  schema.org ClaimReview list (JSON-LD) for claims with a settled verdict; needs the
               publisher settings; warnings about Google's rules go to standard error

--publisher, --publisher-url and --review-url are saved to the project file, so later exports
need no flags. Output is written atomically; `-o -` writes to standard output.")]
pub struct ExportArgs {
    /// The project file (.ron).
    pub project: PathBuf,
    /// Output format.
    #[arg(short, long, value_parser = format_parser())]
    pub format: Format,
    /// File to write (replaced atomically if it exists); `-` for standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Only claims with this verdict, final or any reviewer's ("unreviewed": nobody judged it);
    /// repeat for several.
    #[arg(long, value_name = "V", value_parser = parse_verdict)]
    pub verdict: Vec<Verdict>,
    /// Fact-checking organisation's name (ClaimReview author). Saved to the project file.
    #[arg(long, value_name = "NAME")]
    pub publisher: Option<String>,
    /// Organisation's home page, http(s). Saved to the project file.
    #[arg(long, value_name = "URL")]
    pub publisher_url: Option<String>,
    /// Where the fact-check is published, http(s); each claim's ClaimReview url is this plus
    /// `#claim-ID`, the claim's anchor in the HTML report. Saved to the project file.
    #[arg(long, value_name = "URL")]
    pub review_url: Option<String>,
    /// Date of the report (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<String>,
    /// Leave the UTF-8 byte-order mark out of CSV (Excel needs it to read accents correctly).
    #[arg(long)]
    pub no_bom: bool,
}

#[derive(Args, Debug)]
#[command(after_help = "\
Each annotation is matched to a claim by the claim id in its urn:claimdesk id, else by its
TextPositionSelector when the text there is its TextQuoteSelector quote, else by finding the quote
(prefix and suffix choose among repeats); a new selection claim is made when no claim covers exactly
that text. The review is recorded under the annotation's creator, with the audit log. Every
annotation not applied is listed with its reason on standard error, and the exit code is then 1
(the others are still saved).")]
pub struct ImportArgs {
    /// The project to add the reviews to (.ron); saved atomically.
    pub project: PathBuf,
    /// W3C Web Annotations (JSON-LD), e.g. from `claimdesk export --format w3c`.
    pub annotations: PathBuf,
    /// Report what would change without saving.
    #[arg(long)]
    pub dry_run: bool,
}

fn format_parser() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(Format::ALL.map(|f| {
        let v = PossibleValue::new(f.name()).help(f.label());
        match f {
            Format::Markdown => v.alias("md"),
            _ => v,
        }
    }))
    .map(|s| {
        s.parse::<Format>()
            .expect("clap only passes listed formats")
    })
}

fn parse_verdict(s: &str) -> Result<Verdict, String> {
    s.parse()
}

fn parse_date(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s.len() == 10 && clock::is_timestamp(&format!("{s}T00:00:00Z")) {
        Ok(s.to_string())
    } else {
        Err(format!("'{s}' is not a date like 2026-01-31"))
    }
}

fn flag(field: PublisherField) -> &'static str {
    match field {
        PublisherField::Name => "--publisher NAME",
        PublisherField::Url => "--publisher-url URL",
        PublisherField::ReviewUrl => "--review-url URL",
    }
}

/// Applies the --publisher… flags; returns true when the project's settings changed.
fn apply_publisher(p: &mut Project, a: &ExportArgs) -> Result<bool, UserError> {
    if a.publisher.is_none() && a.publisher_url.is_none() && a.review_url.is_none() {
        return Ok(false);
    }
    for (name, value) in [
        ("--publisher-url", &a.publisher_url),
        ("--review-url", &a.review_url),
    ] {
        // Parsed as a browser parses it (WHATWG), as the export itself does.
        if let Some(url) = value
            && !url.trim().is_empty()
            && export::web_url(url).is_none()
        {
            return Err(UserError(format!(
                "{name} {url:?} is not an http:// or https:// address"
            )));
        }
    }
    let mut publ: Publisher = p.publisher.clone().unwrap_or_default();
    if let Some(v) = &a.publisher {
        publ.name = v.trim().to_string();
    }
    if let Some(v) = &a.publisher_url {
        publ.url = v.trim().to_string();
    }
    if let Some(v) = &a.review_url {
        publ.review_url = v.trim().to_string();
    }
    let changed = p.publisher.as_ref() != Some(&publ);
    p.publisher = Some(publ);
    Ok(changed)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

pub fn export(a: ExportArgs) -> CliResult {
    let project_name = a.project.display().to_string();
    let to_stdout = a.output.as_os_str() == "-";
    if !to_stdout && same_file(&a.output, &a.project) {
        return Err(UserError(format!(
            "{}: is the project file itself; choose another output file",
            a.output.display()
        )));
    }
    // The publisher flags are saved to the project: a read-modify-write, so under its lock.
    let saves_publisher =
        a.publisher.is_some() || a.publisher_url.is_some() || a.review_url.is_some();
    let _lock = saves_publisher
        .then(|| super::lock_project(&a.project))
        .transpose()?;
    let mut p = load(&a.project)?;
    let publisher_changed = apply_publisher(&mut p, &a)?;
    let options = ExportOptions {
        verdicts: a.verdict.clone(),
        report_date: a.date.clone().unwrap_or_else(clock::today),
        csv_bom: !a.no_bom,
    };
    let rendered = export::render(&p, a.format, &options).map_err(|e| match &e {
        ExportError::MissingPublisher(fields) => UserError(format!(
            "{project_name}: {e}; pass {} (saved in the project for next time)",
            fields
                .iter()
                .map(|f| flag(*f))
                .collect::<Vec<_>>()
                .join(" ")
        )),
        ExportError::BadPublisherUrl { field, .. } => UserError(format!(
            "{project_name}: {e}; pass {} with an http(s) address",
            flag(*field)
        )),
    })?;
    for w in &rendered.warnings {
        complain!("warning: {w}");
    }
    if to_stdout {
        // A closed pipe (`| head`) is not an error: see `cli::out`.
        super::out::write(rendered.text.as_bytes());
    } else {
        store::write_atomic(&a.output, rendered.text.as_bytes())
            .map_err(|e| UserError(format!("{}: cannot write: {e}", a.output.display())))?;
        super::out::mark_saved();
    }
    if publisher_changed {
        store::save(&a.project, &p)
            .map_err(|e| UserError(format!("{project_name}: cannot save: {e}")))?;
    }
    if !to_stdout {
        say!(
            "{}: {}, {} claim{}{}{}",
            a.output.display(),
            a.format.label(),
            rendered.claims,
            if rendered.claims == 1 { "" } else { "s" },
            match rendered.warnings.len() {
                0 => String::new(),
                1 => ", 1 warning".into(),
                n => format!(", {n} warnings"),
            },
            if publisher_changed {
                format!("; publisher settings saved to {project_name}")
            } else {
                String::new()
            }
        );
    }
    Ok(())
}

pub fn import_annotations(a: ImportArgs) -> CliResult {
    let file = a.annotations.display().to_string();
    // Read-modify-write of the project: held from before loading until after saving.
    let _lock = (!a.dry_run)
        .then(|| super::lock_project(&a.project))
        .transpose()?;
    let mut p = load(&a.project)?;
    let bytes = std::fs::read(&a.annotations)
        .map_err(|e| UserError(format!("{file}: cannot read: {e}")))?;
    let json = String::from_utf8(bytes).map_err(|e| {
        UserError(format!(
            "{file}: is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let summary = export::import_annotations(&mut p, &json, &clock::now())
        .map_err(|e| UserError(format!("{file}:{e}")))?;
    for o in &summary.outcomes {
        match (&o.claim, o.notes.split_first()) {
            (None, Some((reason, rest))) => {
                complain!("{file}: {}: not applied: {reason}", o.describe());
                for n in rest {
                    complain!("{file}: {}: also: {n}", o.describe());
                }
            }
            (Some(_), _) => {
                for n in &o.notes {
                    complain!("{file}: {}: note: {n}", o.describe());
                }
            }
            (None, None) => {}
        }
    }
    let saved = summary.changed() && !a.dry_run;
    if saved {
        store::save(&a.project, &p)
            .map_err(|e| UserError(format!("{}: cannot save: {e}", a.project.display())))?;
        super::out::mark_saved();
    }
    let created = summary.claims_created();
    say!(
        "{}: {} of {} annotation{} applied{}; {}",
        a.project.display(),
        summary.applied(),
        summary.total(),
        if summary.total() == 1 { "" } else { "s" },
        if created > 0 {
            format!(
                " ({created} new selection claim{})",
                if created == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        },
        if saved {
            "saved"
        } else if a.dry_run && summary.changed() {
            "not saved (--dry-run)"
        } else {
            "nothing changed"
        }
    );
    let missed = summary.total() - summary.applied();
    if missed > 0 {
        return Err(UserError(format!(
            "{file}: {missed} of {} annotations not applied (reasons above)",
            summary.total()
        )));
    }
    Ok(())
}
