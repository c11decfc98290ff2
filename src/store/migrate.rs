//! Older project files are upgraded on load, one format version at a time, so a file made by
//! any earlier claimdesk opens in this one. Newer files are refused: an older build cannot know
//! what their new fields mean and would drop them on the next save.
//!
//! A step rewrites the text of a file from one version to the next. A real step parses the
//! old text with that version's own frozen types (kept in a module `v{N}` beside this one),
//! converts them and writes the next version's text; so enum variants and every value survive
//! (a generic `ron::Value` would lose enum variant names).

use crate::model::FORMAT_VERSION;
use serde::Deserialize;

/// One step: the text of a file in format `from`, rewritten as format `from + 1`.
pub struct Migration {
    pub from: u32,
    pub apply: fn(&str) -> Result<String, String>,
}

/// Every upgrade step this build knows, oldest first. Formats in `READ_AS_CURRENT` need none.
pub const MIGRATIONS: &[Migration] = &[];

/// Older formats the current types read as they are. Format 2 only added fields (byline,
/// language, splitter version, source) whose serde defaults say exactly what a format-1 file
/// meant: English, splitting rules 1, no recorded source. Reading them directly also keeps a
/// broken format-1 file's error pointing at its own line and column.
pub const READ_AS_CURRENT: &[u32] = &[1];

/// Reads only the format version, ignoring everything else in the file.
pub fn probe_version(src: &str) -> Option<u32> {
    #[derive(Deserialize)]
    struct Probe {
        format_version: u32,
    }
    ron::from_str::<Probe>(src).ok().map(|p| p.format_version)
}

/// The text of a file written in format `version`, upgraded to the current format.
pub fn upgrade(src: &str, version: u32) -> Result<String, String> {
    if READ_AS_CURRENT.contains(&version) {
        return Ok(src.to_string());
    }
    if version > FORMAT_VERSION {
        return Err(format!(
            "made by a newer claimdesk (format version {version}; this claimdesk reads up to {FORMAT_VERSION}); \
             update claimdesk to open it"
        ));
    }
    run(src, version, FORMAT_VERSION, MIGRATIONS)
}

/// Applies `steps` from version `from` up to `to`, checking that each step really produced
/// the version after it.
pub fn run(src: &str, from: u32, to: u32, steps: &[Migration]) -> Result<String, String> {
    let mut text = src.to_string();
    let mut version = from;
    while version < to {
        let step = steps.iter().find(|m| m.from == version).ok_or_else(|| {
            format!("format version {version} cannot be upgraded: no claimdesk ever wrote it")
        })?;
        text = (step.apply)(&text)
            .map_err(|e| format!("upgrading from format version {version}: {e}"))?;
        if probe_version(&text) != Some(version + 1) {
            return Err(format!(
                "upgrading from format version {version} did not give format version {}",
                version + 1
            ));
        }
        version += 1;
    }
    Ok(text)
}
