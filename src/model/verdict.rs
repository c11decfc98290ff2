use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A reviewer's judgement of one claim.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum Verdict {
    /// Nobody has judged it yet.
    #[default]
    Unreviewed,
    /// Independently confirmed from evidence.
    Verified,
    /// The article only attributes it to a source; nobody confirmed it.
    AttributedOnly,
    /// Evidence contradicts it, or credible sources dispute it.
    Disputed,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [
        Verdict::Unreviewed,
        Verdict::Verified,
        Verdict::AttributedOnly,
        Verdict::Disputed,
    ];

    /// The name used on the command line, in JSON and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Unreviewed => "unreviewed",
            Verdict::Verified => "verified",
            Verdict::AttributedOnly => "attributed-only",
            Verdict::Disputed => "disputed",
        }
    }

    pub fn is_reviewed(self) -> bool {
        self != Verdict::Unreviewed
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Verdict {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Verdict::ALL
            .into_iter()
            .find(|v| v.as_str() == wanted || (wanted == "attributed" && *v == Verdict::AttributedOnly))
            .ok_or_else(|| {
                format!(
                    "unknown verdict '{s}' (expected one of: unreviewed, verified, attributed-only, disputed)"
                )
            })
    }
}
