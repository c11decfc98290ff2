//! Full Fact's claim types: what kind of checking a statement needs.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClaimType {
    Quantity,
    CorrelationCausation,
    Prediction,
    LawsRules,
    PersonalExperience,
    Quote,
    Other,
    NotAClaim,
}

impl ClaimType {
    pub const ALL: [ClaimType; 8] = [
        ClaimType::Quantity,
        ClaimType::CorrelationCausation,
        ClaimType::Prediction,
        ClaimType::LawsRules,
        ClaimType::PersonalExperience,
        ClaimType::Quote,
        ClaimType::Other,
        ClaimType::NotAClaim,
    ];

    /// The name used in JSON, CSV and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimType::Quantity => "quantity",
            ClaimType::CorrelationCausation => "correlation-causation",
            ClaimType::Prediction => "prediction",
            ClaimType::LawsRules => "laws-rules",
            ClaimType::PersonalExperience => "personal-experience",
            ClaimType::Quote => "quote",
            ClaimType::Other => "other",
            ClaimType::NotAClaim => "not-a-claim",
        }
    }

    /// The name a reader sees in a report or the app.
    pub fn label(self) -> &'static str {
        match self {
            ClaimType::Quantity => "Quantity",
            ClaimType::CorrelationCausation => "Correlation or causation",
            ClaimType::Prediction => "Prediction",
            ClaimType::LawsRules => "Laws or rules",
            ClaimType::PersonalExperience => "Personal experience",
            ClaimType::Quote => "Quote",
            ClaimType::Other => "Other",
            ClaimType::NotAClaim => "Not a claim",
        }
    }
}

impl fmt::Display for ClaimType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ClaimType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace(['_', ' ', '/'], "-");
        ClaimType::ALL
            .into_iter()
            .find(|t| t.as_str() == wanted)
            .ok_or_else(|| format!("unknown claim type '{s}'"))
    }
}
