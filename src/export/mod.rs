//! Reports and interchange formats, built from the core so the command line and the desktop
//! app produce the same files:
//!
//! - **HTML**: one self-contained page (inline CSS, no scripts, fonts or images) that prints
//!   on A4: header, summary with a bar chart and agreement figures, the article with every
//!   claim highlighted, and the claim table.
//! - **Markdown**: the same content, readable as plain text and renderable on a code host.
//! - **CSV**: one row per claim and reviewer, for spreadsheets.
//! - **W3C Web Annotation** (JSON-LD `AnnotationCollection`), which [`import_annotations`]
//!   reads back.
//! - **schema.org ClaimReview** (JSON-LD list) for search engines, validated against Google's
//!   rules before it is written.
//!
//! Everything is rendered into a string; callers write it (atomically, with
//! `store::write_atomic`). Nothing here reads the clock: the report date is passed in, so the
//! same project and options always give the same bytes.

mod claimreview;
pub(crate) mod html;
pub(crate) mod html_text;
mod import;
mod json;
mod layout;
mod links;
mod markdown;
pub(crate) mod report;
mod table;
mod w3c;

pub use claimreview::CLAIM_REVIEWED_MAX;
pub use import::{ImportError, ImportSummary, Outcome, import_annotations};
pub(crate) use json::plain_json;
pub use json::{escape_for_html, json_for_html};
pub(crate) use links::same_site;
pub use links::{is_web_url, web_host, web_url};
pub use table::COLUMNS as CSV_COLUMNS;

use crate::model::{Claim, Project, Verdict};
use std::fmt;
use std::str::FromStr;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Html,
    Markdown,
    Csv,
    W3c,
    ClaimReview,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Html,
        Format::Markdown,
        Format::Csv,
        Format::W3c,
        Format::ClaimReview,
    ];

    /// The name on the command line (`--format NAME`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::W3c => "w3c",
            Format::ClaimReview => "claimreview",
        }
    }

    /// What a menu or file dialog shows.
    pub fn label(self) -> &'static str {
        match self {
            Format::Html => "HTML report",
            Format::Markdown => "Markdown report",
            Format::Csv => "CSV table (one row per claim and reviewer)",
            Format::W3c => "W3C Web Annotations (JSON-LD)",
            Format::ClaimReview => "schema.org ClaimReview (JSON-LD)",
        }
    }

    /// File name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::W3c | Format::ClaimReview => "json",
        }
    }

    /// Media type of the output.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8",
            Format::W3c => "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"",
            Format::ClaimReview => "application/ld+json",
        }
    }

    /// True when the format needs the project's publisher settings.
    pub fn needs_publisher(self) -> bool {
        self == Format::ClaimReview
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        let alias = match wanted.as_str() {
            "md" => "markdown",
            "htm" => "html",
            "claim-review" => "claimreview",
            "web-annotation" | "webannotation" => "w3c",
            other => other,
        };
        Format::ALL
            .into_iter()
            .find(|f| f.name() == alias)
            .ok_or_else(|| {
                format!(
                    "unknown format '{s}' (expected one of: {})",
                    Format::ALL.map(Format::name).join(", ")
                )
            })
    }
}

/// What to export and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Only claims with one of these verdicts (final or any reviewer's, see
    /// `Claim::has_verdict`); empty means every claim.
    pub verdicts: Vec<Verdict>,
    /// The report's date (ISO 8601, `2026-01-31`): shown in reports, ClaimReview's
    /// `datePublished`. Passed in so output is reproducible.
    pub report_date: String,
    /// Start CSV output with a UTF-8 byte-order mark, so Excel reads accents correctly.
    pub csv_bom: bool,
}

impl ExportOptions {
    pub fn new(report_date: impl Into<String>) -> Self {
        ExportOptions {
            verdicts: Vec::new(),
            report_date: report_date.into(),
            csv_bom: true,
        }
    }
}

impl Default for ExportOptions {
    /// Every claim, dated today, CSV with a byte-order mark.
    fn default() -> Self {
        ExportOptions::new(crate::clock::today())
    }
}

/// An export ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    /// Things the user should know (claims left out, ClaimReview rules not met); the output
    /// is still valid. One sentence each.
    pub warnings: Vec<String>,
    /// Claims in the output.
    pub claims: usize,
}

/// A publisher setting ClaimReview needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublisherField {
    Name,
    Url,
    ReviewUrl,
}

impl PublisherField {
    pub fn describe(self) -> &'static str {
        match self {
            PublisherField::Name => "publisher name",
            PublisherField::Url => "publisher URL",
            PublisherField::ReviewUrl => "review URL (where the fact-check is published)",
        }
    }
}

/// Why nothing could be exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// ClaimReview needs these publisher settings and the project has none.
    MissingPublisher(Vec<PublisherField>),
    /// A publisher URL is not an absolute http(s) URL.
    BadPublisherUrl { field: PublisherField, url: String },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::MissingPublisher(fields) => write!(
                f,
                "ClaimReview needs the publisher settings; missing: {}",
                fields
                    .iter()
                    .map(|p| p.describe())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ExportError::BadPublisherUrl { field, url } => write!(
                f,
                "the {} {url:?} is not an http:// or https:// address",
                field.describe()
            ),
        }
    }
}

impl std::error::Error for ExportError {}

/// Renders the project in `format`.
pub fn render(
    project: &Project,
    format: Format,
    options: &ExportOptions,
) -> Result<Rendered, ExportError> {
    let selected = select(project, &options.verdicts);
    let mut warnings = Vec::new();
    if !project.orphans.is_empty() {
        warnings.push(format!(
            "{} claim(s) could not be placed in this article's text (orphaned by a merge) and are not exported; re-attach them in the app",
            project.orphans.len()
        ));
    }
    let (text, claims) = match format {
        Format::Html => (html::render(project, &selected, options), selected.len()),
        Format::Markdown => (
            markdown::render(project, &selected, options),
            selected.len(),
        ),
        Format::Csv => (table::render(&selected, options), selected.len()),
        Format::W3c => (w3c::render(project, &selected), selected.len()),
        Format::ClaimReview => {
            let out = claimreview::render(project, &selected, options)?;
            warnings.extend(out.warnings);
            (out.text, out.claims)
        }
    };
    Ok(Rendered {
        text,
        warnings,
        claims,
    })
}

/// A claim going into an export, with its number in article order (as `claimdesk list`
/// shows it; numbers stay the same when a filter leaves claims out).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Selected<'p> {
    pub number: usize,
    pub claim: &'p Claim,
    /// The claim's type as the shipped hint rules see it (Full Fact's types).
    pub claim_type: Option<crate::hints::ClaimType>,
}

fn select<'p>(p: &'p Project, verdicts: &[Verdict]) -> Vec<Selected<'p>> {
    // Claim types for the reports: one pass of the hint rules over the whole project.
    let hints = crate::hints::hints_for_project(p, &crate::hints::Rules::shipped());
    p.claims
        .iter()
        .enumerate()
        .filter(|(_, c)| verdicts.is_empty() || verdicts.iter().any(|&v| c.has_verdict(v)))
        .map(|(i, claim)| Selected {
            number: i + 1,
            claim,
            claim_type: hints.get(&claim.id).map(|h| h.claim_type),
        })
        .collect()
}

/// Where a claim stands in a report: a verdict everyone accepts, or reviewers who differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Verdict(Verdict),
    /// Reviewers gave different verdicts and nobody has adjudicated.
    Mixed,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Verdict(Verdict::Verified),
        Status::Verdict(Verdict::AttributedOnly),
        Status::Verdict(Verdict::Disputed),
        Status::Mixed,
        Status::Verdict(Verdict::Unreviewed),
    ];

    pub fn of(c: &Claim) -> Status {
        match c.settled_verdict() {
            Some(v) => Status::Verdict(v),
            None if c.is_disagreement() => Status::Mixed,
            None => Status::Verdict(Verdict::Unreviewed),
        }
    }

    /// Shown next to every colour, so the report reads in black and white and for
    /// colour-blind readers.
    pub fn letter(self) -> &'static str {
        match self {
            Status::Verdict(v) => verdict_letter(v),
            Status::Mixed => "M",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Verdict(v) => verdict_label(v),
            Status::Mixed => "Mixed (reviewers differ)",
        }
    }

    /// CSS class suffix.
    pub fn key(self) -> &'static str {
        match self {
            Status::Verdict(v) => v.as_str(),
            Status::Mixed => "mixed",
        }
    }
}

pub(crate) fn verdict_letter(v: Verdict) -> &'static str {
    match v {
        Verdict::Unreviewed => "U",
        Verdict::Verified => "V",
        Verdict::AttributedOnly => "A",
        Verdict::Disputed => "D",
    }
}

pub(crate) fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Unreviewed => "Unreviewed",
        Verdict::Verified => "Verified",
        Verdict::AttributedOnly => "Attributed only",
        Verdict::Disputed => "Disputed",
    }
}

/// "2023-04-21T08:12:00Z" → "2023-04-21 08:12 UTC"; other text is shown as it is.
pub(crate) fn short_time(t: &str) -> String {
    let b = t.as_bytes();
    if t.len() >= 16 && t.is_char_boundary(16) && b[10] == b'T' && t.ends_with('Z') {
        format!("{} {} UTC", &t[..10], &t[11..16])
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_urls_count_as_web_urls() {
        assert!(is_web_url("https://example.org/a?b#c"));
        assert!(is_web_url("HTTP://Example.org"));
        for bad in [
            "javascript:alert(1)",
            " javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>",
            "//example.org",
            "https://",
            "example.org",
            "",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
        assert_eq!(
            web_host("https://user@www.Example.org:8443/x").as_deref(),
            Some("www.example.org")
        );
    }

    #[test]
    fn formats_round_trip_through_their_names() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
        }
        assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
        assert!("pdf".parse::<Format>().is_err());
    }

    #[test]
    fn short_time_keeps_unusual_text() {
        assert_eq!(short_time("2023-04-21T08:12:00Z"), "2023-04-21 08:12 UTC");
        assert_eq!(short_time("yesterday"), "yesterday");
    }
}
