//! The project model: what a project file holds. Plain data with serde derives; the rules
//! that keep it consistent live in `store::validate` (on load) and `ops` (on every change).

mod claim;
mod review;
mod verdict;

pub use claim::{Claim, ClaimKind};
pub use review::{Adjudication, Evidence, Review};
pub use verdict::Verdict;

use serde::{Deserialize, Serialize};

/// The newest project file format this build reads and writes. Older files are migrated on
/// load (`store::migrate`); newer ones are refused so an old build never drops fields it does
/// not know.
pub const FORMAT_VERSION: u32 = 2;

/// How many characters of context are stored before and after each claim's quote, so a file
/// checks itself and a claim can be re-anchored when the article text changes.
pub const CONTEXT_CHARS: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub format_version: u32,
    pub article: Article,
    /// Everyone who has reviewed in this file, in the order they first appeared.
    pub reviewers: Vec<String>,
    /// In article order: by start, then end, then id.
    pub claims: Vec<Claim>,
    /// Every verdict change, oldest first; never rewritten.
    #[serde(default)]
    pub audit: Vec<AuditEntry>,
    /// Claims a merge could not place in this article's text (it was edited). Kept with all
    /// their reviews, shown to the reviewer, and re-attached by selecting a new span; their
    /// offsets are not checked against the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orphans: Vec<Claim>,
    /// Who publishes the fact-check, for ClaimReview export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher>,
}

/// The fact-checking organisation, as schema.org ClaimReview needs it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// Organisation name, e.g. "Example Fact Check".
    pub name: String,
    /// Organisation home page.
    pub url: String,
    /// Base URL of the published fact-check; each claim's review URL is built on it.
    #[serde(default)]
    pub review_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub title: String,
    #[serde(default)]
    pub outlet: String,
    #[serde(default)]
    pub url: String,
    /// As the outlet gives it; ISO 8601 (`2023-04-20`) where known.
    #[serde(default)]
    pub published: String,
    /// Who wrote it, as the page gives it ("Jane Doe, John Roe").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub byline: String,
    /// ISO 639-1 code of the language the text was split as (`en`, `uk`).
    #[serde(default = "english")]
    pub language: String,
    /// Version of the splitting rules the statements came from. Statement ids derive from the
    /// splitter's output, so a project keeps the rules it was made with (format 1 files: 1).
    #[serde(default = "first_rules")]
    pub splitter: u32,
    /// Where the text came from, when claimdesk read it from a file, page or URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ArticleSource>,
    /// The full text; every claim's offsets count Unicode scalar values into it.
    pub text: String,
    /// SHA-256 of `text` in lower-case hex: proves every reviewer's copy anchors to the same text.
    pub text_sha256: String,
}

/// What an article was read from. The SHA-256 is of the original bytes (the page as saved or
/// downloaded), so a reviewer can prove which page the text was extracted from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleSource {
    pub kind: SourceKind,
    pub sha256: String,
    /// The URL, or the file name (without its folder: the project travels between machines).
    pub from: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceKind {
    /// A plain-text file or pasted text.
    Text,
    /// A saved web page (HTML or MHTML file).
    Html,
    /// A page claimdesk downloaded.
    Url,
}

impl SourceKind {
    /// The name `stats --json` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Text => "text",
            SourceKind::Html => "html",
            SourceKind::Url => "url",
        }
    }
}

fn english() -> String {
    "en".to_string()
}

fn first_rules() -> u32 {
    1
}

/// One verdict change, kept so an editor can see who changed what and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    /// RFC 3339 UTC.
    pub at: String,
    pub reviewer: String,
    pub claim: String,
    pub from: Verdict,
    pub to: Verdict,
    /// True when this records an adjudicated final verdict rather than a reviewer's own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub adjudication: bool,
    /// Set when the entry records a decision on a claimdesk hint (accepted, dismissed,
    /// restored) rather than a verdict the reviewer chose themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<HintEvent>,
}

/// What a reviewer did with a hint. Accepting may leave the verdict as it was (from == to):
/// the entry then records that attributed-to came from the hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum HintEvent {
    /// The attribution hint was accepted with this source as attributed-to.
    Accepted(String),
    /// The claim's hints were dismissed; they stay dismissed until restored.
    Dismissed,
    Restored,
    /// The review was copied from a claim checked before elsewhere in the desk: where it came
    /// from, as `PATH#CLAIM-ID (REVIEWER)`.
    Reused(String),
}

impl AuditEntry {
    /// A reviewer's own verdict change (not an adjudication, not a hint decision).
    pub fn verdict_change(
        at: &str,
        reviewer: &str,
        claim: &str,
        from: Verdict,
        to: Verdict,
    ) -> Self {
        AuditEntry {
            at: at.to_string(),
            reviewer: reviewer.to_string(),
            claim: claim.to_string(),
            from,
            to,
            adjudication: false,
            hint: None,
        }
    }
}

impl Project {
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }

    pub fn claim_index(&self, id: &str) -> Option<usize> {
        self.claims.iter().position(|c| c.id == id)
    }

    /// Like `claim_index`, but first tries where the claim was last seen: views that ask for
    /// the same claim every frame pay O(1) instead of a scan.
    pub fn claim_index_near(&self, id: &str, hint: usize) -> Option<usize> {
        if self.claims.get(hint).is_some_and(|c| c.id == id) {
            return Some(hint);
        }
        self.claim_index(id)
    }

    /// Statements and heading lines (what splitting produced), as opposed to hand-made claims.
    pub fn statement_count(&self) -> usize {
        self.claims.iter().filter(|c| c.kind.is_statement()).count()
    }

    /// Adds a reviewer name once, keeping first-appearance order.
    pub fn ensure_reviewer(&mut self, name: &str) {
        if !self.reviewers.iter().any(|r| r == name) {
            self.reviewers.push(name.to_string());
        }
    }

    /// Restores article order after an insertion; stable so equal spans keep their id order.
    pub fn sort_claims(&mut self) {
        self.claims
            .sort_by(|a, b| (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id)));
    }
}
