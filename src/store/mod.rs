//! Project files: RON, pretty-printed in a stable order so two versions diff cleanly.
//! Loading validates everything and names the first problem; saving is atomic.

mod atomic;
mod error;
pub mod migrate;
mod validate;

pub use atomic::write_atomic;
pub use error::LoadError;
pub use validate::{Problem, validate};

use crate::model::{FORMAT_VERSION, Project};
use serde::Deserialize;
use std::path::Path;

/// Reads and fully checks a project file.
pub fn load(path: &Path) -> Result<Project, LoadError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| LoadError::io(&file, &e))?;
    let src = String::from_utf8(bytes).map_err(|e| {
        LoadError::plain(
            &file,
            format!(
                "is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    load_str(&src, &file)
}

/// Parses and checks project text; `file` names it in error messages.
pub fn load_str(src: &str, file: &str) -> Result<Project, LoadError> {
    if src.trim().is_empty() {
        return Err(LoadError::plain(
            file,
            "the file is empty; it is not a claimdesk project",
        ));
    }
    let mut project = match ron::from_str::<Project>(src) {
        Ok(p) if p.format_version == FORMAT_VERSION => p,
        Ok(p) => migrate::upgrade(src, p.format_version).map_err(|m| LoadError::plain(file, m))?,
        Err(e) => match probe_version(src) {
            // A file from another format version fails to parse as this one: say why.
            Some(v) if v != FORMAT_VERSION => {
                migrate::upgrade(src, v).map_err(|m| LoadError::plain(file, m))?
            }
            _ => return Err(LoadError::syntax(file, &e)),
        },
    };
    // Order is not meaning: a hand-edited file with claims out of order is accepted and tidied.
    if !project
        .claims
        .is_sorted_by_key(|c| (c.start, c.end, c.id.clone()))
    {
        project.sort_claims();
    }
    validate(&project).map_err(|p| LoadError::problem(file, p))?;
    Ok(project)
}

/// Reads only the format version, ignoring everything else in the file.
fn probe_version(src: &str) -> Option<u32> {
    #[derive(Deserialize)]
    struct Probe {
        format_version: u32,
    }
    ron::from_str::<Probe>(src).ok().map(|p| p.format_version)
}

/// The exact text `save` writes.
pub fn to_ron_string(project: &Project) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .separate_tuple_members(false);
    let mut out = ron::ser::to_string_pretty(project, config)
        .expect("a project holds only strings, numbers, lists and maps");
    out.push('\n');
    out
}

/// Writes the project atomically: the old file stays whole until the new one is complete.
pub fn save(path: &Path, project: &Project) -> std::io::Result<()> {
    write_atomic(path, to_ron_string(project).as_bytes())
}
