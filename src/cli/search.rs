//! Commands over a whole desk's claims: `search` and `seen` ("checked before"). Both bring
//! the desk's search cache up to date first (only changed files are read).

use super::out::{complain, say};
use super::project::load;
use super::{CliResult, UserError};
use crate::desk::search::{DeskIndex, Hit, Match, Query, SeenOptions};
use crate::model::{Evidence, Verdict};
use clap::Args;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The desk: a folder of project files, any depth.
    pub dir: PathBuf,
    /// Words (all must match), "a phrase", OR, NOT, field:value (quote, exact, note,
    /// attributed_to, evidence, url, domain, reviewer, verdict, settled, title, outlet,
    /// published, path). Leave out to list what the filters allow.
    #[arg(default_value = "")]
    pub query: String,
    /// Claims this reviewer reviewed (with --verdict: gave that verdict).
    #[arg(long)]
    pub reviewer: Option<String>,
    /// Final or any reviewer's verdict: unreviewed, verified, attributed-only or disputed.
    #[arg(long, value_parser = parse_verdict)]
    pub verdict: Option<Verdict>,
    /// Words of who a reviewer says made the claim, as a phrase.
    #[arg(long)]
    pub attributed_to: Option<String>,
    /// Evidence from this domain or its subdomains (bbc.co.uk).
    #[arg(long)]
    pub domain: Option<String>,
    /// Articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Articles published on or before DATE.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Claims the hints give this claim type: quantity, correlation-causation, prediction,
    /// laws-rules, personal-experience, quote, other, not-a-claim (English articles).
    #[arg(long, value_name = "TYPE", value_parser = parse_claim_type)]
    pub claim_type: Option<crate::hints::ClaimType>,
    /// Most hits shown.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Machine-readable output (documented in the README).
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct SeenArgs {
    /// The desk: a folder of project files, any depth.
    pub dir: PathBuf,
    /// The project the claim is in (in the desk or not).
    pub project: PathBuf,
    /// The claim's id (as `list` shows it) or its number in article order.
    pub claim: String,
    /// Most matches shown.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Machine-readable output (documented in the README).
    #[arg(long)]
    pub json: bool,
}

fn parse_verdict(s: &str) -> Result<Verdict, String> {
    s.parse()
}

fn parse_claim_type(s: &str) -> Result<crate::hints::ClaimType, String> {
    s.parse()
}

/// The desk's canonical folder and its search cache, brought up to date.
fn open_desk(dir: &Path) -> Result<(PathBuf, DeskIndex), UserError> {
    let opened = crate::desk::open::open_index(dir).map_err(|e| UserError(e.0))?;
    if let Some(why) = &opened.rebuilt {
        complain!("the search cache could not be used and was rebuilt ({why})");
    }
    if let Some((path, error)) = opened.unreadable.first() {
        complain!(
            "{} folder(s) of the desk could not be read, e.g. {path}: {error}",
            opened.unreadable.len()
        );
    }
    let skipped = &opened.report.skipped;
    if !skipped.is_empty() {
        complain!(
            "{} file(s) in the desk are not projects and were skipped, e.g. {}: {}",
            skipped.len(),
            skipped[0].0,
            skipped[0].1
        );
    }
    Ok((opened.root, opened.index))
}

/// A hit as `search --json` prints it.
#[derive(Serialize)]
struct JsonHit<'a> {
    path: &'a str,
    claim_id: &'a str,
    number: usize,
    quote: &'a str,
    kwic: &'a str,
    title: &'a str,
    /// Reviewer → verdict, for every reviewer who gave one.
    verdicts: BTreeMap<&'a str, &'a str>,
    #[serde(rename = "final")]
    final_verdict: Option<&'a str>,
    settled: Option<&'a str>,
    score: f32,
}

pub fn search(a: SearchArgs) -> CliResult {
    let query = Query {
        text: a.query.clone(),
        reviewer: a.reviewer,
        verdict: a.verdict,
        attributed_to: a.attributed_to,
        domain: a.domain,
        published_from: a.from,
        published_to: a.to,
        claim_type: a.claim_type,
        limit: a.limit.max(1),
    };
    // A bad date is the user's mistake: say so before reading the desk.
    for (d, upper) in [(&query.published_from, false), (&query.published_to, true)] {
        if let Some(d) = d {
            crate::desk::search::date_bound(d, upper).map_err(|e| UserError(e.0))?;
        }
    }
    let (_, index) = open_desk(&a.dir)?;
    let hits = index.search(&query).map_err(|e| UserError(e.0))?;
    if a.json {
        let rows: Vec<JsonHit> = hits.iter().map(json_hit).collect();
        say!("{}", crate::export::json_for_html(&rows)?);
        return Ok(());
    }
    for h in &hits {
        say!(
            "{}  #{}  {}  {}  {}",
            h.path,
            h.number,
            h.claim_id,
            verdict_line(&h.verdicts, h.final_verdict),
            h.kwic
        );
    }
    Ok(())
}

fn json_hit(h: &Hit) -> JsonHit<'_> {
    JsonHit {
        path: &h.path,
        claim_id: &h.claim_id,
        number: h.number,
        quote: &h.quote,
        kwic: &h.kwic,
        title: &h.title,
        verdicts: h
            .verdicts
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect(),
        final_verdict: h.final_verdict.map(Verdict::as_str),
        settled: h.settled.map(Verdict::as_str),
        score: h.score,
    }
}

/// `alice=verified bob=disputed final=verified`, or `unreviewed`.
fn verdict_line(verdicts: &[(String, Verdict)], final_verdict: Option<Verdict>) -> String {
    let mut parts: Vec<String> = verdicts.iter().map(|(n, v)| format!("{n}={v}")).collect();
    if let Some(f) = final_verdict {
        parts.push(format!("final={f}"));
    }
    if parts.is_empty() {
        "unreviewed".to_string()
    } else {
        parts.join(" ")
    }
}

/// A review as `seen --json` prints it.
#[derive(Serialize)]
struct JsonReview<'a> {
    verdict: &'a str,
    attributed_to: &'a str,
    note: &'a str,
    evidence: &'a [Evidence],
}

#[derive(Serialize)]
struct JsonMatch<'a> {
    path: &'a str,
    claim_id: &'a str,
    number: usize,
    quote: &'a str,
    title: &'a str,
    similarity: f32,
    kind: &'a str,
    same_numbers: bool,
    settled: Option<&'a str>,
    #[serde(rename = "final")]
    final_verdict: Option<&'a str>,
    reviews: BTreeMap<&'a str, JsonReview<'a>>,
}

#[derive(Serialize)]
struct JsonSeen<'a> {
    /// The asking claim's project, relative to the desk when it is in it.
    project: String,
    claim_id: &'a str,
    number: usize,
    quote: &'a str,
    matches: Vec<JsonMatch<'a>>,
}

pub fn seen(a: SeenArgs) -> CliResult {
    let p = load(&a.project)?;
    let i = super::claims::resolve_claim(&p, &a.claim)?;
    let claim = &p.claims[i];
    let (root, index) = open_desk(&a.dir)?;
    let in_desk = crate::desk::open::path_in_desk(&root, &a.project);
    let options = SeenOptions {
        limit: a.limit.max(1),
        ..SeenOptions::default()
    };
    let matches = index.seen(&claim.quote, in_desk.as_deref(), &options);
    if a.json {
        let out = JsonSeen {
            project: in_desk.unwrap_or_else(|| a.project.display().to_string()),
            claim_id: &claim.id,
            number: i + 1,
            quote: &claim.quote,
            matches: matches.iter().map(json_match).collect(),
        };
        say!("{}", crate::export::json_for_html(&out)?);
        return Ok(());
    }
    if matches.is_empty() {
        say!("not checked before: no other project of the desk has this claim");
    }
    for m in &matches {
        let verdicts: Vec<(String, Verdict)> = m
            .reviews
            .iter()
            .filter(|(_, r)| r.verdict.is_reviewed())
            .map(|(n, r)| (n.clone(), r.verdict))
            .collect();
        let kind = if m.same_numbers {
            m.kind.as_str()
        } else {
            "near, other numbers"
        };
        say!(
            "{:.2}  {:<10}  {}  #{}  {}  {}  {}",
            m.similarity,
            kind,
            m.path,
            m.number,
            m.claim_id,
            verdict_line(&verdicts, m.final_verdict.as_ref().map(|f| f.verdict)),
            one_line(&m.quote)
        );
        for (name, r) in &m.reviews {
            if !r.note.is_empty() {
                say!("      {name}: {}", one_line(&r.note));
            }
            for e in &r.evidence {
                say!("      {name}: evidence {}", e.url);
            }
        }
    }
    Ok(())
}

fn json_match(m: &Match) -> JsonMatch<'_> {
    JsonMatch {
        path: &m.path,
        claim_id: &m.claim_id,
        number: m.number,
        quote: &m.quote,
        title: &m.title,
        similarity: m.similarity,
        kind: m.kind.as_str(),
        same_numbers: m.same_numbers,
        settled: m.settled.map(Verdict::as_str),
        final_verdict: m.final_verdict.as_ref().map(|f| f.verdict.as_str()),
        reviews: m
            .reviews
            .iter()
            .map(|(n, r)| {
                let review = JsonReview {
                    verdict: r.verdict.as_str(),
                    attributed_to: &r.attributed_to,
                    note: &r.note,
                    evidence: &r.evidence,
                };
                (n.as_str(), review)
            })
            .collect(),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// After `new --desk`: the new project's statements already checked (reviewed) in other
/// projects of the desk, each with its best match.
pub(super) fn say_checked_before(
    desk: &Path,
    file: &Path,
    project: &crate::model::Project,
) -> CliResult {
    let (root, index) = open_desk(desk)?;
    let options = SeenOptions {
        reviewed_only: true,
        same_numbers_only: true,
        ..SeenOptions::default()
    };
    let path = crate::desk::open::path_in_desk(&root, file);
    let flags = index.seen_in_project(path.as_deref(), project, &options);
    if flags.is_empty() {
        say!("no statement was checked before in this desk");
        return Ok(());
    }
    say!("{} statement(s) checked before in this desk:", flags.len());
    for f in &flags {
        let b = &f.best;
        say!(
            "  #{} {}  {} in {} (claim {}, {})",
            f.number,
            f.claim_id,
            b.settled,
            b.path,
            b.number,
            if b.same_numbers {
                format!("{}, {:.2}", b.kind.as_str(), b.similarity)
            } else {
                format!("near, other numbers, {:.2}", b.similarity)
            }
        );
    }
    Ok(())
}
