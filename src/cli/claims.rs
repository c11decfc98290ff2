//! Commands about claims: list and tag.

use super::out::say;
use super::project::load;
use super::{CliResult, UserError, lock_project, out, save_failed};
use crate::model::{ClaimKind, Evidence, Project, Verdict};
use crate::store::{self, WriteOptions};
use crate::{clock, ops};
use clap::Args;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ListArgs {
    pub project: PathBuf,
    /// Only claims with this verdict (final or any reviewer's; "unreviewed" = nobody judged it).
    #[arg(long, value_parser = parse_verdict)]
    pub verdict: Option<Verdict>,
    /// Machine-readable output (documented in the README).
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct TagArgs {
    pub project: PathBuf,
    /// The claim's id (as `list` shows it) or its number in article order.
    pub claim: String,
    /// unreviewed, verified, attributed-only or disputed.
    #[arg(value_parser = parse_verdict)]
    pub verdict: Verdict,
    /// Whose review this is.
    #[arg(long)]
    pub reviewer: String,
    /// Who the article says made the claim.
    #[arg(long)]
    pub attributed_to: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    /// A source URL; repeat for several. Date accessed is today.
    #[arg(long)]
    pub evidence: Vec<String>,
    /// Write the project even if it is read-only.
    #[arg(long)]
    pub force: bool,
}

fn parse_verdict(s: &str) -> Result<Verdict, String> {
    s.parse()
}

/// One claim as `list --json` prints it.
#[derive(Serialize)]
struct ListedClaim<'a> {
    number: usize,
    id: &'a str,
    kind: &'a str,
    start: usize,
    end: usize,
    quote: &'a str,
    /// Reviewer name → verdict, for every reviewer who gave one.
    verdicts: BTreeMap<&'a str, &'a str>,
    /// Reviewer name → who they say the article attributes the claim to, where given.
    attributed_to: BTreeMap<&'a str, &'a str>,
    #[serde(rename = "final")]
    final_verdict: Option<&'a str>,
}

pub fn list(a: ListArgs) -> CliResult {
    let p = load(&a.project)?;
    let rows: Vec<ListedClaim> = p
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| a.verdict.is_none_or(|v| c.has_verdict(v)))
        .map(|(i, c)| ListedClaim {
            number: i + 1,
            id: &c.id,
            kind: c.kind.as_str(),
            start: c.start,
            end: c.end,
            quote: &c.quote,
            verdicts: c.given_verdicts().map(|(n, v)| (n, v.as_str())).collect(),
            attributed_to: c
                .reviews
                .iter()
                .filter(|(_, r)| !r.attributed_to.is_empty())
                .map(|(n, r)| (n.as_str(), r.attributed_to.as_str()))
                .collect(),
            final_verdict: c.final_verdict.as_ref().map(|f| f.verdict.as_str()),
        })
        .collect();
    if a.json {
        say!("{}", crate::export::json_for_html(&rows)?);
        return Ok(());
    }
    for r in &rows {
        let mut verdicts: Vec<String> =
            r.verdicts.iter().map(|(n, v)| format!("{n}={v}")).collect();
        if let Some(f) = r.final_verdict {
            verdicts.push(format!("final={f}"));
        }
        let verdicts = if verdicts.is_empty() {
            "unreviewed".to_string()
        } else {
            verdicts.join(" ")
        };
        let quote: String = r.quote.split_whitespace().collect::<Vec<_>>().join(" ");
        say!(
            "{:>4}  {}  {:<9}  {}  {}",
            r.number,
            r.id,
            r.kind,
            verdicts,
            quote
        );
    }
    Ok(())
}

/// Accepts a claim id or a 1-based number in article order; gives the claim's index.
pub(super) fn resolve_claim(p: &Project, key: &str) -> Result<usize, UserError> {
    if let Some(i) = p.claim_index(key) {
        return Ok(i);
    }
    if let Ok(n) = key.trim_start_matches('#').parse::<usize>() {
        return match n.checked_sub(1).filter(|i| *i < p.claims.len()) {
            Some(i) => Ok(i),
            None => Err(UserError(format!(
                "there is no claim number {n} (the project has {})",
                p.claims.len()
            ))),
        };
    }
    Err(UserError(format!(
        "no claim with id '{key}' (see `claimdesk list`)"
    )))
}

pub fn tag(a: TagArgs) -> CliResult {
    // Held from load to save: another writer's change is either in what we load or waits.
    let _lock = lock_project(&a.project)?;
    let mut p = load(&a.project)?;
    let id = p.claims[resolve_claim(&p, &a.claim)?].id.clone();
    let reviewer = a.reviewer.trim();
    let at = clock::now();
    ops::set_verdict(&mut p, &id, reviewer, a.verdict, &at)?;
    if let Some(who) = &a.attributed_to {
        ops::set_attributed_to(&mut p, &id, reviewer, who, &at)?;
    }
    if let Some(note) = &a.note {
        ops::set_note(&mut p, &id, reviewer, note, &at)?;
    }
    for url in &a.evidence {
        let evidence = Evidence {
            url: url.clone(),
            accessed: clock::today(),
            ..Evidence::default()
        };
        ops::add_evidence(&mut p, &id, reviewer, evidence, &at)?;
    }
    let options = WriteOptions {
        overwrite_read_only: a.force,
    };
    store::save_with(&a.project, &p, &options).map_err(|e| save_failed(&a.project, &e))?;
    out::mark_saved();
    let kind = p.claim(&id).map_or(ClaimKind::Statement, |c| c.kind);
    say!("{id} ({}): {reviewer} = {}", kind.as_str(), a.verdict);
    Ok(())
}
