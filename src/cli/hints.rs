//! `claimdesk hints`: attribution, claim type and check-worthiness hints for an article or a
//! project, and applying the attribution hints to a reviewer's unreviewed claims.

use super::out::say;
use super::project::load;
use super::{CliResult, UserError, lock_project, out, save_failed};
use crate::article::decode_article;
use crate::hints::{self, Hint, Rules};
use crate::model::{Project, Verdict};
use crate::store::{self, WriteOptions};
use crate::{clock, ops};
use clap::Args;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct HintsArgs {
    /// An article (UTF-8 .txt or .md) or a project (.ron).
    pub input: PathBuf,
    /// Machine-readable output: one object per statement, in article order.
    #[arg(long)]
    pub json: bool,
    /// A folder with the desk's own cues.ron / sources.ron / signals.ron, added to the
    /// shipped rules (default: the folder in CLAIMDESK_HINTS_DIR, if set).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Apply the attribution hints to the reviewer's unreviewed claims (project only): fills
    /// attributed-to, sets attributed-only, records each in the audit log; dismissed hints
    /// are skipped.
    #[arg(long, requires = "reviewer")]
    pub accept_attributions: bool,
    /// Whose review the accepted hints go into.
    #[arg(long)]
    pub reviewer: Option<String>,
    /// Write the project even if it is read-only.
    #[arg(long)]
    pub force: bool,
}

#[derive(Serialize)]
struct Row<'a> {
    number: usize,
    id: &'a str,
    quote: &'a str,
    attribution: Option<AttributionRow<'a>>,
    claim_type: &'a str,
    checkworthy: &'a hints::Checkworthy,
    /// Projects only: the reviewer dismissed this claim's hints.
    #[serde(skip_serializing_if = "Option::is_none")]
    dismissed: Option<bool>,
}

#[derive(Serialize)]
struct AttributionRow<'a> {
    source: &'a str,
    cue: &'a str,
    source_start: usize,
    source_end: usize,
    via: hints::Via,
}

fn is_project(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

pub fn hints(a: HintsArgs) -> CliResult {
    let rules = Rules::load(a.rules.as_deref()).map_err(|e| UserError(e.to_string()))?;
    if a.accept_attributions {
        return accept(&a, &rules);
    }
    if is_project(&a.input) {
        let p = load(&a.input)?;
        english_only(&a.input, &p.article.language)?;
        let h = hints::hints_for_project(&p, &rules);
        let dismissed = hints::dismissed(&p);
        let quotes: Vec<&str> = p.claims.iter().map(|c| c.quote.as_str()).collect();
        let flags: Vec<Option<bool>> = p
            .claims
            .iter()
            .map(|c| Some(dismissed.contains(c.id.as_str())))
            .collect();
        print(&h.hints, &quotes, &flags, a.json)
    } else {
        let bytes = std::fs::read(&a.input)
            .map_err(|e| UserError(format!("{}: cannot read: {e}", a.input.display())))?;
        let text =
            decode_article(bytes).map_err(|m| UserError(format!("{}: {m}", a.input.display())))?;
        english_only(&a.input, &crate::article::language_for("", &text))?;
        let h = hints::hints_for_text(&text, &rules);
        let index = crate::text::CharIndex::new(&text);
        let quotes: Vec<&str> = h
            .iter()
            .map(|h| index.slice(&text, h.start..h.end).unwrap_or_default())
            .collect();
        if h.is_empty() && !a.json {
            say!(
                "no statements: {} holds no text to give hints for",
                a.input.display()
            );
            return Ok(());
        }
        print(&h, &quotes, &vec![None; h.len()], a.json)
    }
}

/// Hints read English; say so rather than print nothing useful for another language.
fn english_only(input: &Path, language: &str) -> CliResult {
    if hints::supports_language(language) {
        return Ok(());
    }
    Err(UserError(format!(
        "{}: hints are for English articles only so far; this article is {} ({language})",
        input.display(),
        crate::language::name(language)
    )))
}

fn print(h: &[Hint], quotes: &[&str], dismissed: &[Option<bool>], json: bool) -> CliResult {
    let rows: Vec<Row> = h
        .iter()
        .enumerate()
        .map(|(i, h)| Row {
            number: i + 1,
            id: &h.id,
            quote: quotes.get(i).copied().unwrap_or_default(),
            attribution: h.attribution.as_ref().map(|a| AttributionRow {
                source: &a.source,
                cue: &a.cue,
                source_start: a.source_start,
                source_end: a.source_end,
                via: a.via,
            }),
            claim_type: h.claim_type.as_str(),
            checkworthy: &h.checkworthy,
            dismissed: dismissed.get(i).copied().flatten(),
        })
        .collect();
    if json {
        say!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    say!(
        "{:>4}  {:>5}  {:<21}  {:<28}  quote",
        "#",
        "score",
        "claim type",
        "source (cue)"
    );
    for r in &rows {
        let source = r.attribution.as_ref().map_or(String::new(), |a| {
            format!("{} ({})", one_line(a.source, 20), one_line(a.cue, 12))
        });
        let mark = if r.dismissed == Some(true) {
            " [dismissed]"
        } else {
            ""
        };
        say!(
            "{:>4}  {:>5.2}  {:<21}  {:<28}  {}{mark}",
            r.number,
            r.checkworthy.score,
            r.claim_type,
            source,
            one_line(r.quote, 80)
        );
    }
    Ok(())
}

/// Whitespace runs collapsed, clipped to `max` characters.
fn one_line(s: &str, max: usize) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() <= max {
        joined
    } else {
        format!(
            "{}…",
            joined
                .chars()
                .take(max.saturating_sub(1))
                .collect::<String>()
        )
    }
}

fn accept(a: &HintsArgs, rules: &Rules) -> CliResult {
    if !is_project(&a.input) {
        return Err(UserError(format!(
            "{}: --accept-attributions needs a project (.ron), not an article",
            a.input.display()
        )));
    }
    let reviewer = a.reviewer.as_deref().unwrap_or_default().trim().to_string();
    // Held from load to save, as `tag` does.
    let _lock = lock_project(&a.input)?;
    let mut p = load(&a.input)?;
    english_only(&a.input, &p.article.language)?;
    let h = hints::hints_for_project(&p, rules);
    let at = clock::now();
    let (accepted, skipped) = apply(&mut p, &h.hints, &reviewer, &at)?;
    if !accepted.is_empty() {
        let options = WriteOptions {
            overwrite_read_only: a.force,
        };
        store::save_with(&a.input, &p, &options).map_err(|e| save_failed(&a.input, &e))?;
        out::mark_saved();
    }
    for (id, source) in &accepted {
        say!("{id}: {reviewer} = attributed-only, attributed to {source}");
    }
    say!(
        "accepted {} attribution hint{} for {reviewer}; skipped {} dismissed, {} already reviewed or attributed",
        accepted.len(),
        if accepted.len() == 1 { "" } else { "s" },
        skipped.dismissed,
        skipped.reviewed
    );
    Ok(())
}

#[derive(Default)]
struct Skipped {
    dismissed: usize,
    reviewed: usize,
}

/// Accepts every attribution hint on claims the reviewer has neither judged nor attributed.
fn apply(
    p: &mut Project,
    hints: &[Hint],
    reviewer: &str,
    at: &str,
) -> Result<(Vec<(String, String)>, Skipped), UserError> {
    let dismissed: std::collections::HashSet<String> = hints::dismissed(p)
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut accepted = Vec::new();
    let mut skipped = Skipped::default();
    for h in hints {
        let Some(attr) = &h.attribution else { continue };
        if dismissed.contains(&h.id) {
            skipped.dismissed += 1;
            continue;
        }
        let untouched = p.claim(&h.id).is_some_and(|c| {
            c.verdict_of(reviewer) == Verdict::Unreviewed
                && c.review(reviewer)
                    .is_none_or(|r| r.attributed_to.is_empty())
        });
        if !untouched {
            skipped.reviewed += 1;
            continue;
        }
        ops::accept_attribution(p, &h.id, reviewer, &attr.source, at)?;
        accepted.push((h.id.clone(), attr.source.clone()));
    }
    Ok((accepted, skipped))
}
