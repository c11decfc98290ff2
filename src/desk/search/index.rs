//! The desk's search cache in a folder of its own (never inside the desk): a tantivy index
//! (`index/`), the claims' fingerprints for "checked before" (`prints/`, one file a project)
//! and the manifest of what was indexed (`manifest.bin`). Anything unreadable, from another
//! version or out of step with the rest is deleted and rebuilt from the desk.

use super::binfile::write_replace;
use super::manifest::Manifest;
use super::schema::{Fields, SCHEMA_VERSION};
use super::table::PrintsTable;
use crate::text::hex;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tantivy::{Index, IndexReader, ReloadPolicy};

/// Manifest format: its own layout and everything the cache's contents depend on.
pub(super) const MANIFEST_VERSION: u32 = 1000 * SCHEMA_VERSION + 1;

/// A failure of the search cache; the message names the folder or file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexError(pub String);

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for IndexError {}

pub(super) fn fail(path: &Path, e: impl std::fmt::Display) -> IndexError {
    IndexError(format!("{}: {e}", path.display()))
}

/// The search index and fingerprints of one desk.
pub struct DeskIndex {
    pub(super) dir: PathBuf,
    pub(super) index: Index,
    pub(super) reader: IndexReader,
    pub(super) fields: Fields,
    pub(super) manifest: Manifest,
    /// Loaded on the first "checked before" question: searching alone never needs them.
    pub(super) prints: OnceLock<PrintsTable>,
    rebuilt: Option<String>,
}

impl DeskIndex {
    /// Opens the cache in `dir` (made if missing). A cache that cannot be read is deleted and
    /// started afresh: `rebuilt()` then says why, and the next `update` indexes every project.
    pub fn open(dir: &Path) -> Result<DeskIndex, IndexError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| fail(dir, format!("cannot make the search cache folder: {e}")))?;
        match Self::open_existing(dir) {
            Ok(Some(index)) => Ok(index),
            Ok(None) => Self::create(dir, None),
            Err(reason) => {
                wipe(dir)?;
                Self::create(dir, Some(reason))
            }
        }
    }

    /// Why the cache was found unusable and started afresh at `open`, if it was.
    pub fn rebuilt(&self) -> Option<&str> {
        self.rebuilt.as_deref()
    }

    /// The cache folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Claims in the index.
    pub fn claims(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Projects indexed, by path relative to the desk.
    pub fn projects(&self) -> impl Iterator<Item = &str> {
        self.manifest
            .entries
            .iter()
            .filter(|(_, e)| e.error.is_none())
            .map(|(p, _)| p.as_str())
    }

    /// Files of the desk that were read and are not projects, with why.
    pub fn skipped(&self) -> impl Iterator<Item = (&str, &str)> {
        self.manifest
            .entries
            .iter()
            .filter_map(|(p, e)| Some((p.as_str(), e.error.as_deref()?)))
    }

    /// `Ok(None)`: there is no cache yet. `Err`: there is one and it cannot be used.
    fn open_existing(dir: &Path) -> Result<Option<DeskIndex>, String> {
        let manifest_path = manifest_file(dir);
        let index_dir = index_dir(dir);
        let manifest = match std::fs::read(&manifest_path) {
            Ok(bytes) => Manifest::from_bytes(&bytes, MANIFEST_VERSION)
                .map_err(|e| format!("{}: {e}", manifest_path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return if index_dir.exists() {
                    Err(format!("{}: missing", manifest_path.display()))
                } else {
                    Ok(None)
                };
            }
            Err(e) => return Err(format!("{}: {e}", manifest_path.display())),
        };
        let index =
            Index::open_in_dir(&index_dir).map_err(|e| format!("{}: {e}", index_dir.display()))?;
        let (schema, fields) = Fields::schema();
        if index.schema() != schema {
            return Err(format!("{}: made with another schema", index_dir.display()));
        }
        let payload = index
            .load_metas()
            .map_err(|e| format!("{}: {e}", index_dir.display()))?
            .payload
            .unwrap_or_else(|| "0".to_string());
        if payload != manifest.generation.to_string() {
            return Err(format!(
                "{}: index commit {payload} does not match manifest {}",
                index_dir.display(),
                manifest.generation
            ));
        }
        Ok(Some(Self::assemble(dir, index, fields, manifest, None)?))
    }

    fn create(dir: &Path, rebuilt: Option<String>) -> Result<DeskIndex, IndexError> {
        let index_dir = index_dir(dir);
        std::fs::create_dir_all(&index_dir).map_err(|e| fail(&index_dir, e))?;
        std::fs::create_dir_all(prints_dir(dir)).map_err(|e| fail(&prints_dir(dir), e))?;
        let (schema, fields) = Fields::schema();
        let index = Index::create_in_dir(&index_dir, schema).map_err(|e| fail(&index_dir, e))?;
        let manifest = Manifest::default();
        write_replace(&manifest_file(dir), &manifest.to_bytes(MANIFEST_VERSION))
            .map_err(|e| fail(&manifest_file(dir), e))?;
        Self::assemble(dir, index, fields, manifest, rebuilt)
            .map_err(|e| IndexError(format!("{}: {e}", dir.display())))
    }

    fn assemble(
        dir: &Path,
        index: Index,
        fields: Fields,
        manifest: Manifest,
        rebuilt: Option<String>,
    ) -> Result<DeskIndex, String> {
        Fields::register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| format!("{}: {e}", index_dir(dir).display()))?;
        Ok(DeskIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            manifest,
            prints: OnceLock::new(),
            rebuilt,
        })
    }
}

pub(super) fn index_dir(dir: &Path) -> PathBuf {
    dir.join("index")
}

pub(super) fn prints_dir(dir: &Path) -> PathBuf {
    dir.join("prints")
}

pub(super) fn manifest_file(dir: &Path) -> PathBuf {
    dir.join("manifest.bin")
}

/// Where a project's fingerprints are kept: named by a hash of its path.
pub(super) fn prints_file(dir: &Path, path: &str) -> PathBuf {
    let name = hex(&Sha256::digest(path.as_bytes())[..8]);
    prints_dir(dir).join(format!("{name}.bin"))
}

/// Deletes what this module keeps in `dir`, and nothing else (the folder may hold others').
fn wipe(dir: &Path) -> Result<(), IndexError> {
    for sub in [index_dir(dir), prints_dir(dir)] {
        match std::fs::remove_dir_all(&sub) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            // A file where the folder should be.
            Err(_) if sub.is_file() => std::fs::remove_file(&sub).map_err(|e| fail(&sub, e))?,
            Err(e) => return Err(fail(&sub, format!("cannot delete the broken index: {e}"))),
        }
    }
    match std::fs::remove_file(manifest_file(dir)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(fail(&manifest_file(dir), e)),
    }
}
