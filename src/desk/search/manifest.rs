//! What the search cache holds: for every project file it has read, the file's size, change
//! time and SHA-256 when it was indexed (or why it is not a project), so an update reads only
//! files that changed. The generation ties the manifest to the index commit written with it.

use super::binfile::{Corrupt, In, Out};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

const MAGIC: &[u8; 8] = b"CDMANIFE";

/// A project file as listed in the desk: where, how big, when last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    /// Relative to the desk, `/` between folders.
    pub path: String,
    pub size: u64,
    /// Nanoseconds since the Unix epoch (negative before it); 0 when the system gives none.
    pub modified_ns: i64,
}

impl FileStamp {
    /// Reads size and change time of `root/path`.
    pub fn of(root: &Path, path: &str) -> std::io::Result<FileStamp> {
        let meta = std::fs::metadata(root.join(path))?;
        Ok(FileStamp {
            path: path.to_string(),
            size: meta.len(),
            modified_ns: meta.modified().map_or(0, nanos_since_epoch),
        })
    }
}

pub fn nanos_since_epoch(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_nanos()).unwrap_or(i64::MAX),
    }
}

/// One file the cache knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub size: u64,
    pub modified_ns: i64,
    pub sha256: [u8; 32],
    /// Claims indexed; meaningless when `error` is set.
    pub claims: u32,
    /// Why the file is not indexed (it does not load as a project).
    pub error: Option<String>,
}

impl Entry {
    pub fn same_stamp(&self, stamp: &FileStamp) -> bool {
        self.size == stamp.size && self.modified_ns == stamp.modified_ns
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The index commit this manifest belongs to (the commit's payload).
    pub generation: u64,
    pub entries: BTreeMap<String, Entry>,
}

impl Manifest {
    pub fn to_bytes(&self, version: u32) -> Vec<u8> {
        let mut out = Out::new(MAGIC, version);
        out.u64(self.generation);
        out.u64(self.entries.len() as u64);
        for (path, e) in &self.entries {
            out.str(path);
            out.u64(e.size);
            out.u64(e.modified_ns as u64);
            out.bytes(&e.sha256);
            out.u32(e.claims);
            out.str(e.error.as_deref().unwrap_or(""));
            out.u8(u8::from(e.error.is_some()));
        }
        out.finish()
    }

    pub fn from_bytes(bytes: &[u8], version: u32) -> Result<Manifest, Corrupt> {
        let mut input = In::open(bytes, MAGIC, version)?;
        let generation = input.u64()?;
        let n = input.u64()?;
        let mut entries = BTreeMap::new();
        for _ in 0..n {
            let path = input.string()?;
            let size = input.u64()?;
            let modified_ns = input.u64()? as i64;
            let sha256 = input
                .bytes()?
                .try_into()
                .map_err(|_| Corrupt("bad hash".into()))?;
            let claims = input.u32()?;
            let error = input.string()?;
            let has_error = input.u8()? == 1;
            let entry = Entry {
                size,
                modified_ns,
                sha256,
                claims,
                error: has_error.then_some(error),
            };
            entries.insert(path, entry);
        }
        input.end()?;
        Ok(Manifest {
            generation,
            entries,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut m = Manifest {
            generation: 42,
            ..Manifest::default()
        };
        m.entries.insert(
            "a/b.ron".into(),
            Entry {
                size: 10,
                modified_ns: -5,
                sha256: [1; 32],
                claims: 3,
                error: None,
            },
        );
        m.entries.insert(
            "bad.ron".into(),
            Entry {
                size: 1,
                modified_ns: 7,
                sha256: [0; 32],
                claims: 0,
                error: Some("not a project".into()),
            },
        );
        let back = Manifest::from_bytes(&m.to_bytes(9), 9).unwrap();
        assert_eq!(back, m);
        assert!(Manifest::from_bytes(&m.to_bytes(9), 8).is_err());
    }
}
