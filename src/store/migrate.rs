//! Older project files are upgraded on load, one format version at a time, so a file made by
//! any earlier claimdesk opens in this one. Newer files are refused: an older build cannot know
//! what their new fields mean and would drop them on the next save.

use crate::model::{FORMAT_VERSION, Project};
use ron::Value;

/// One step: turns a file of format version `from` into version `from + 1`.
pub struct Migration {
    pub from: u32,
    pub apply: fn(&mut Value) -> Result<(), String>,
}

/// Every upgrade step this build knows. Version 1 is the first format, so there are none
/// yet; the next format change adds `Migration { from: 1, .. }` here.
pub const MIGRATIONS: &[Migration] = &[];

/// Upgrades the text of a file written in format `version` to a current project.
pub fn upgrade(src: &str, version: u32) -> Result<Project, String> {
    if version > FORMAT_VERSION {
        return Err(format!(
            "made by a newer claimdesk (format version {version}; this claimdesk reads up to {FORMAT_VERSION}); \
             update claimdesk to open it"
        ));
    }
    let value: Value = ron::from_str(src)
        .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))?;
    let value = run(value, version, FORMAT_VERSION, MIGRATIONS)?;
    value
        .into_rust::<Project>()
        .map_err(|e| format!("after upgrading from format version {version}: {e}"))
}

/// Applies `steps` from version `from` up to `to`, then stamps the new version in the file.
pub fn run(mut value: Value, from: u32, to: u32, steps: &[Migration]) -> Result<Value, String> {
    let mut version = from;
    while version < to {
        let step = steps.iter().find(|m| m.from == version).ok_or_else(|| {
            format!("format version {version} cannot be upgraded: no claimdesk ever wrote it")
        })?;
        (step.apply)(&mut value)?;
        version += 1;
    }
    set_field(&mut value, "format_version", Value::Number(version.into()))?;
    Ok(value)
}

/// Sets a top-level field of a struct-like value (used by migration steps too).
pub fn set_field(value: &mut Value, name: &str, new: Value) -> Result<(), String> {
    match value {
        Value::Map(map) => {
            map.insert(Value::String(name.to_string()), new);
            Ok(())
        }
        _ => Err("a project file must be a structure of named fields".into()),
    }
}
