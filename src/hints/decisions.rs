//! A reviewer's decisions on hints live in the project's audit log (an entry whose `hint` is
//! set), so they travel with the file, survive merges like every audit entry, and a dismissed
//! hint stays dismissed. The latest decision on a claim counts.

use crate::model::{HintEvent, Project};
use std::collections::{HashMap, HashSet};

/// Claims whose hints are dismissed now.
pub fn dismissed(p: &Project) -> HashSet<&str> {
    let mut last: HashMap<&str, bool> = HashMap::new();
    for e in &p.audit {
        match &e.hint {
            Some(HintEvent::Dismissed) => {
                last.insert(&e.claim, true);
            }
            Some(HintEvent::Restored) => {
                last.insert(&e.claim, false);
            }
            _ => {}
        }
    }
    last.into_iter()
        .filter(|(_, d)| *d)
        .map(|(c, _)| c)
        .collect()
}

/// Whether the hints of claim `id` are dismissed.
pub fn is_dismissed(p: &Project, id: &str) -> bool {
    p.audit
        .iter()
        .rev()
        .filter(|e| e.claim == id)
        .find_map(|e| match e.hint {
            Some(HintEvent::Dismissed) => Some(true),
            Some(HintEvent::Restored) => Some(false),
            _ => None,
        })
        .unwrap_or(false)
}
