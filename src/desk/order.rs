//! Sorting and filtering the overview's projects, the same way for the CLI and the app.

use super::summary::ProjectSummary;
use std::cmp::Ordering;
use std::str::FromStr;

/// What the overview is sorted by. Ties keep path order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Path,
    /// A to Z, ignoring case.
    Title,
    /// Publication date, newest first; undated last.
    Date,
    /// Least reviewed first: what needs work.
    Progress,
    /// Most open disagreements first.
    Disagreements,
    /// Last change, newest first.
    Changed,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Path,
        SortKey::Title,
        SortKey::Date,
        SortKey::Progress,
        SortKey::Disagreements,
        SortKey::Changed,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Path => "path",
            SortKey::Title => "title",
            SortKey::Date => "date",
            SortKey::Progress => "progress",
            SortKey::Disagreements => "disagreements",
            SortKey::Changed => "changed",
        }
    }
}

impl FromStr for SortKey {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        SortKey::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = SortKey::ALL.iter().map(|k| k.name()).collect();
                format!("unknown sort {s:?}; use one of {}", names.join(", "))
            })
    }
}

/// Sorts `projects` by `key`, then by path.
pub fn sort<T: std::borrow::Borrow<ProjectSummary>>(projects: &mut [T], key: SortKey) {
    projects.sort_by(|a, b| {
        let (a, b) = (a.borrow(), b.borrow());
        compare(a, b, key).then_with(|| a.path.cmp(&b.path))
    });
}

fn compare(a: &ProjectSummary, b: &ProjectSummary, key: SortKey) -> Ordering {
    match key {
        SortKey::Path => Ordering::Equal,
        SortKey::Title => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
        // Empty dates go last: compare "is empty" first.
        SortKey::Date => {
            (a.published.is_empty(), &b.published).cmp(&(b.published.is_empty(), &a.published))
        }
        SortKey::Progress => a.progress_percent.total_cmp(&b.progress_percent),
        SortKey::Disagreements => b.open_disagreements.cmp(&a.open_disagreements),
        SortKey::Changed => b.last_change.cmp(&a.last_change),
    }
}

/// True when every word of `filter` appears (ignoring case) in the project's title, outlet,
/// path, date, language or a reviewer's name. An empty filter matches everything.
pub fn matches(p: &ProjectSummary, filter: &str) -> bool {
    let haystack = [&p.title, &p.outlet, &p.path, &p.published, &p.language]
        .into_iter()
        .chain(&p.reviewers)
        .map(|s| s.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    filter
        .to_lowercase()
        .split_whitespace()
        .all(|word| haystack.contains(word))
}
