//! Project files: RON, pretty-printed in a stable order so two versions diff cleanly.
//! Loading validates everything and names the first problem; saving is atomic.

mod atomic;
mod error;
mod lock;
pub mod migrate;
mod resolve;
mod temp;
mod validate;

pub use atomic::{WriteOptions, is_read_only_refusal, write_atomic, write_atomic_with};
pub use error::LoadError;
pub use lock::{LOCK_SUFFIX, LockError, ProjectLock};
pub use temp::TEMP_SUFFIX;
pub use validate::{Problem, validate, validate_at};

use crate::model::{FORMAT_VERSION, Project};
use std::path::Path;

/// Reads and fully checks a project file.
pub fn load(path: &Path) -> Result<Project, LoadError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| LoadError::io(&file, &e))?;
    load_bytes(bytes, &file)
}

/// Parses and checks a project file's bytes; `file` names it in error messages.
pub fn load_bytes(bytes: Vec<u8>, file: &str) -> Result<Project, LoadError> {
    // Editors such as Notepad put a byte-order mark in front of UTF-8: it is not content.
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let src = String::from_utf8(bytes).map_err(|e| {
        LoadError::plain(
            file,
            format!(
                "is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    load_str(&src, file)
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
        Ok(mut p) if migrate::READ_AS_CURRENT.contains(&p.format_version) => {
            p.format_version = FORMAT_VERSION;
            p
        }
        Ok(p) => upgraded(src, p.format_version, file)?,
        Err(e) => match migrate::probe_version(src) {
            // A file from another format version fails to parse as this one: say why.
            Some(v) if v != FORMAT_VERSION && !migrate::READ_AS_CURRENT.contains(&v) => {
                upgraded(src, v, file)?
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

/// Parses a file of an older format version after upgrading its text.
fn upgraded(src: &str, version: u32, file: &str) -> Result<Project, LoadError> {
    let text = migrate::upgrade(src, version).map_err(|m| LoadError::plain(file, m))?;
    ron::from_str::<Project>(&text).map_err(|e| {
        LoadError::plain(
            file,
            format!("after upgrading from format version {version}: {}", e.code),
        )
    })
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
/// A read-only file is refused (see `save_with`).
pub fn save(path: &Path, project: &Project) -> std::io::Result<()> {
    write_atomic(path, to_ron_string(project).as_bytes())
}

/// `save` with write options (e.g. to replace a read-only file the user chose to overwrite).
pub fn save_with(path: &Path, project: &Project, options: &WriteOptions) -> std::io::Result<()> {
    write_atomic_with(path, to_ron_string(project).as_bytes(), options)
}
