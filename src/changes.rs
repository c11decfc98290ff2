//! What differs between two versions of a project, in words a reviewer reads: shown before
//! restoring a crash-recovery copy, so nobody restores blind.

use crate::model::{Claim, Project};
use std::collections::HashMap;

/// One line per difference, in article order; empty when the two hold the same reviews.
pub fn describe_changes(old: &Project, new: &Project) -> Vec<String> {
    let old_claims: HashMap<&str, &Claim> = old.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    let new_ids: std::collections::HashSet<&str> =
        new.claims.iter().map(|c| c.id.as_str()).collect();
    let mut lines = Vec::new();
    for (i, c) in new.claims.iter().enumerate() {
        let n = i + 1;
        let Some(o) = old_claims.get(c.id.as_str()) else {
            lines.push(format!("claim {n} is new: \"{}\"", short(&c.quote)));
            continue;
        };
        for (name, r) in &c.reviews {
            let before = o.reviews.get(name);
            let old_verdict = before.map_or(crate::model::Verdict::Unreviewed, |b| b.verdict);
            if old_verdict != r.verdict {
                lines.push(format!(
                    "claim {n}: {name}'s verdict changed from {old_verdict} to {}",
                    r.verdict
                ));
            }
            if before.map_or("", |b| b.note.as_str()) != r.note {
                lines.push(format!("claim {n}: {name}'s note changed"));
            }
            if before.map_or("", |b| b.attributed_to.as_str()) != r.attributed_to {
                lines.push(format!("claim {n}: {name}'s attributed-to changed"));
            }
            if before.map_or(&[][..], |b| &b.evidence[..]) != &r.evidence[..] {
                lines.push(format!("claim {n}: {name}'s evidence changed"));
            }
        }
        for name in o.reviews.keys().filter(|k| !c.reviews.contains_key(*k)) {
            lines.push(format!("claim {n}: {name}'s review was cleared"));
        }
        if o.final_verdict != c.final_verdict {
            lines.push(format!("claim {n}: final verdict changed"));
        }
    }
    for c in old
        .claims
        .iter()
        .filter(|c| !new_ids.contains(c.id.as_str()))
    {
        lines.push(format!("claim removed: \"{}\"", short(&c.quote)));
    }
    lines
}

fn short(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().take(8).collect();
    let mut out = words.join(" ");
    if s.split_whitespace().count() > 8 {
        out.push('…');
    }
    out
}
