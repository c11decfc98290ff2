//! Bringing the cache up to date with the desk: files whose size or change time differ are
//! read again (on worker threads), those whose bytes changed are re-indexed (their old
//! documents deleted by path), removed ones deleted, all in one commit. Nothing else is read.

use super::binfile::write_replace;
use super::index::{DeskIndex, IndexError, MANIFEST_VERSION, fail, manifest_file, prints_file};
use super::manifest::{Entry, FileStamp};
use super::prints::ProjectPrints;
use super::schema::claim_doc;
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tantivy::indexer::NoMergePolicy;
use tantivy::{IndexWriter, TantivyDocument, Term};

/// More files than this to read and the writer gets the whole machine and its own merging.
const BULK: usize = 32;
/// After an incremental commit, more segments than this are merged into one.
const MAX_SEGMENTS: usize = 24;
/// How long to wait for another claimdesk that is writing the same cache.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateReport {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// Files read again whose bytes had not changed (touched).
    pub touched: usize,
    pub unchanged: usize,
    /// Files that are not projects, with why (also those skipped on earlier updates).
    pub skipped: Vec<(String, String)>,
}

impl UpdateReport {
    /// True when the index changed.
    pub fn changed_anything(&self) -> bool {
        !(self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty())
    }
}

/// A file read by a worker.
enum Read {
    /// Its bytes are what was indexed: only the stamp is new.
    Same,
    Project {
        docs: Vec<TantivyDocument>,
        prints: Box<ProjectPrints>,
        claims: u32,
    },
    Bad(String),
}

struct Loaded {
    stamp: FileStamp,
    sha256: [u8; 32],
    read: Read,
}

impl DeskIndex {
    /// Brings the cache up to date with the project files `files` of the desk at `root` (the
    /// complete list: indexed files not in it are removed from the index).
    pub fn update(&mut self, root: &Path, files: &[FileStamp]) -> Result<UpdateReport, IndexError> {
        self.catch_up();
        let mut report = UpdateReport::default();
        let mut to_read = Vec::new();
        for f in files {
            match self.manifest.entries.get(&f.path) {
                Some(e) if e.same_stamp(f) => match &e.error {
                    Some(why) => report.skipped.push((f.path.clone(), why.clone())),
                    None => report.unchanged += 1,
                },
                _ => to_read.push(f.clone()),
            }
        }
        let listed: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let gone: Vec<String> = self
            .manifest
            .entries
            .keys()
            .filter(|p| !listed.contains(p.as_str()))
            .cloned()
            .collect();
        if to_read.is_empty() && gone.is_empty() {
            return Ok(report);
        }
        let mut writer: Option<IndexWriter> = None;
        let bulk = to_read.len() > BULK;
        let mut new_prints: Vec<(String, Option<ProjectPrints>)> = Vec::new();
        let known: HashMap<String, [u8; 32]> = to_read
            .iter()
            .filter_map(|f| Some((f.path.clone(), self.manifest.entries.get(&f.path)?.sha256)))
            .collect();
        let mut failure: Option<IndexError> = None;
        let fields = self.fields;
        read_files(root, &to_read, &known, &fields, |loaded| {
            if failure.is_some() {
                return;
            }
            if let Err(e) =
                self.take_loaded(loaded, bulk, &mut writer, &mut new_prints, &mut report)
            {
                failure = Some(e);
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
        for path in gone {
            if self
                .manifest
                .entries
                .get(&path)
                .is_some_and(|e| e.error.is_none())
            {
                let w = self.writer(bulk, &mut writer)?;
                w.delete_term(Term::from_field_text(self.fields.path, &path));
                report.removed.push(path.clone());
                new_prints.push((path.clone(), None));
            }
            self.manifest.entries.remove(&path);
        }
        if let Some(w) = writer {
            self.commit(w, bulk)?;
        }
        write_replace(
            &manifest_file(&self.dir),
            &self.manifest.to_bytes(MANIFEST_VERSION),
        )
        .map_err(|e| fail(&manifest_file(&self.dir), e))?;
        for (path, prints) in new_prints {
            if prints.is_none() {
                let _ = std::fs::remove_file(prints_file(&self.dir, &path));
            }
            if let Some(table) = self.prints.get_mut() {
                match prints {
                    Some(p) => table.insert(path, p),
                    None => table.remove(&path),
                }
            }
        }
        report.skipped.sort();
        Ok(report)
    }

    /// Another claimdesk (the app and a command, say) may have updated the cache since it was
    /// opened here: then its manifest is the one that matches the index.
    fn catch_up(&mut self) {
        let Ok(metas) = self.index.load_metas() else {
            return;
        };
        let committed = metas.payload.unwrap_or_else(|| "0".to_string());
        if committed == self.manifest.generation.to_string() {
            return;
        }
        let file = manifest_file(&self.dir);
        let theirs = std::fs::read(&file)
            .ok()
            .and_then(|b| super::manifest::Manifest::from_bytes(&b, MANIFEST_VERSION).ok());
        if let Some(m) = theirs.filter(|m| m.generation.to_string() == committed) {
            self.manifest = m;
            self.prints = std::sync::OnceLock::new();
            let _ = self.reader.reload();
        }
    }

    /// Records one read file: new documents to the writer, fingerprints to their file.
    fn take_loaded(
        &mut self,
        loaded: Loaded,
        bulk: bool,
        writer: &mut Option<IndexWriter>,
        new_prints: &mut Vec<(String, Option<ProjectPrints>)>,
        report: &mut UpdateReport,
    ) -> Result<(), IndexError> {
        let Loaded {
            stamp,
            sha256,
            read,
        } = loaded;
        let old = self.manifest.entries.get(&stamp.path);
        let was_indexed = old.is_some_and(|e| e.error.is_none());
        let mut entry = Entry {
            size: stamp.size,
            modified_ns: stamp.modified_ns,
            sha256,
            claims: 0,
            error: None,
        };
        match read {
            Read::Same => {
                entry.claims = old.map_or(0, |e| e.claims);
                entry.error = old.and_then(|e| e.error.clone());
                match &entry.error {
                    Some(why) => report.skipped.push((stamp.path.clone(), why.clone())),
                    None => report.touched += 1,
                }
            }
            Read::Bad(why) => {
                if was_indexed {
                    let w = self.writer(bulk, writer)?;
                    w.delete_term(Term::from_field_text(self.fields.path, &stamp.path));
                    report.removed.push(stamp.path.clone());
                    new_prints.push((stamp.path.clone(), None));
                }
                report.skipped.push((stamp.path.clone(), why.clone()));
                entry.error = Some(why);
            }
            Read::Project {
                docs,
                prints,
                claims,
            } => {
                let file = prints_file(&self.dir, &stamp.path);
                write_replace(&file, &prints.to_bytes()).map_err(|e| fail(&file, e))?;
                let path_field = self.fields.path;
                let w = self.writer(bulk, writer)?;
                w.delete_term(Term::from_field_text(path_field, &stamp.path));
                for d in docs {
                    w.add_document(d)
                        .map_err(|e| IndexError(format!("indexing {}: {e}", stamp.path)))?;
                }
                entry.claims = claims;
                if was_indexed {
                    report.changed.push(stamp.path.clone());
                } else {
                    report.added.push(stamp.path.clone());
                }
                // Kept for the table only when it is loaded: a first index of a million
                // claims would otherwise hold all their fingerprints at once.
                if self.prints.get().is_some() {
                    new_prints.push((stamp.path.clone(), Some(*prints)));
                }
            }
        }
        self.manifest.entries.insert(stamp.path, entry);
        Ok(())
    }

    /// The writer, opened on first use; waits while another process holds the cache's lock.
    fn writer<'w>(
        &self,
        bulk: bool,
        slot: &'w mut Option<IndexWriter>,
    ) -> Result<&'w mut IndexWriter, IndexError> {
        if slot.is_none() {
            let threads = if bulk {
                std::thread::available_parallelism().map_or(2, |n| n.get().min(4))
            } else {
                1
            };
            let heap = if bulk {
                96_000_000 * threads
            } else {
                48_000_000
            };
            let started = Instant::now();
            let w = loop {
                match self.index.writer_with_num_threads(threads, heap) {
                    Ok(w) => break w,
                    Err(tantivy::TantivyError::LockFailure(..))
                        if started.elapsed() < LOCK_WAIT =>
                    {
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    Err(e) => return Err(fail(&self.dir, format!("cannot write the index: {e}"))),
                }
            };
            if !bulk {
                // Merging is done after the commit (see `commit`), never left running.
                w.set_merge_policy(Box::new(NoMergePolicy));
            }
            *slot = Some(w);
        }
        slot.as_mut()
            .ok_or_else(|| IndexError("no index writer".into()))
    }

    /// One commit tagged with the manifest's next generation, then the reader sees it.
    fn commit(&mut self, mut w: IndexWriter, bulk: bool) -> Result<(), IndexError> {
        let generation = self.manifest.generation + 1;
        let err =
            |e: tantivy::TantivyError| fail(&self.dir, format!("cannot commit the index: {e}"));
        let mut prepared = w.prepare_commit().map_err(err)?;
        prepared.set_payload(&generation.to_string());
        prepared.commit().map_err(err)?;
        self.manifest.generation = generation;
        if bulk {
            w.wait_merging_threads().map_err(err)?;
        } else {
            let mut segments = self.index.searchable_segment_metas().map_err(err)?;
            if segments.len() > MAX_SEGMENTS {
                // The small ones (all but the 8 largest) into one, so searches stay fast.
                segments.sort_by_key(|s| std::cmp::Reverse(s.num_docs()));
                let small: Vec<_> = segments[8..].iter().map(|s| s.id()).collect();
                w.merge(&small).wait().map_err(err)?;
            }
            drop(w);
        }
        self.reader.reload().map_err(err)
    }
}

/// Reads `files` on worker threads, hands each to `take` on this thread as it arrives.
fn read_files(
    root: &Path,
    files: &[FileStamp],
    known: &HashMap<String, [u8; 32]>,
    fields: &super::schema::Fields,
    mut take: impl FnMut(Loaded),
) {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(files.len())
        .max(1);
    // The shipped rules: a desk's index must not depend on one reviewer's own rule files.
    let rules = crate::hints::Rules::shipped();
    let rules = &*rules;
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Loaded>(workers * 2);
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                while let Some(f) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let loaded = read_one(root, f, known.get(&f.path), fields, rules);
                    if tx.send(loaded).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        for loaded in rx {
            take(loaded);
        }
    });
}

fn read_one(
    root: &Path,
    stamp: &FileStamp,
    known_sha: Option<&[u8; 32]>,
    fields: &super::schema::Fields,
    rules: &crate::hints::Rules,
) -> Loaded {
    let file = root.join(&stamp.path);
    let loaded = |sha256, read| Loaded {
        stamp: stamp.clone(),
        sha256,
        read,
    };
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => return loaded([0; 32], Read::Bad(format!("cannot read: {e}"))),
    };
    let sha256: [u8; 32] = Sha256::digest(&bytes).into();
    if known_sha == Some(&sha256) {
        return loaded(sha256, Read::Same);
    }
    let project = match crate::store::load_bytes(bytes, &stamp.path) {
        Ok(p) => p,
        Err(e) => return loaded(sha256, Read::Bad(e.to_string())),
    };
    // Claim types come from the hints (English only): worked out once here, searched later.
    let hints = crate::hints::hints_for_project(&project, rules);
    let docs = project
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let claim_type = hints.get(&c.id).map(|h| h.claim_type);
            claim_doc(fields, &stamp.path, &project, c, i + 1, claim_type)
        })
        .collect();
    let read = Read::Project {
        docs,
        prints: Box::new(ProjectPrints::build(&project, sha256)),
        claims: project.claims.len() as u32,
    };
    loaded(sha256, read)
}
