//! The desk the app has open, worked on off the thread that draws: the overview (a thread
//! per refresh), and one thread that owns the desk's search index and answers searches and
//! "checked before" questions in turn. The frame only sends questions and polls answers.
//!
//! Questions pile up while the index is busy (the first index of a big desk takes a while):
//! only the newest search, the newest "checked before" and the newest flags are answered.

use super::jobs::Waker;
use crate::desk::overview::Overview;
use crate::desk::search::{DeskIndex, Hit, Match, Query, SeenFlag, SeenOptions};
use crate::model::Project;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

/// What the app asks of the desk's index.
#[derive(Debug, Clone)]
pub enum Ask {
    /// Scan the desk again and index what changed.
    Reindex,
    Search {
        serial: u64,
        query: Query,
    },
    /// Claims elsewhere in the desk that say what `quote` says (`path`: the asking claim's
    /// project in the desk, left out).
    Seen {
        serial: u64,
        path: Option<String>,
        claim_id: String,
        quote: String,
    },
    /// Every claim of `project` that was checked (reviewed) in another project.
    Flags {
        serial: u64,
        path: Option<String>,
        project: Arc<Project>,
    },
}

/// What came back.
#[derive(Debug)]
pub enum News {
    Overview {
        serial: u64,
        result: Result<Overview, String>,
    },
    /// The index is up to date: how many claims it holds, what it read, what it skipped.
    Indexed(Result<IndexState, String>),
    Found {
        serial: u64,
        result: Result<Vec<Hit>, String>,
    },
    Seen {
        serial: u64,
        claim_id: String,
        matches: Vec<Match>,
    },
    Flags {
        serial: u64,
        flags: Vec<SeenFlag>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndexState {
    pub claims: u64,
    pub projects: usize,
    /// Projects read this time (new or changed).
    pub read: usize,
    /// Files that are not projects, with why.
    pub skipped: Vec<(String, String)>,
    /// Why the cache was started afresh, if it was.
    pub rebuilt: Option<String>,
}

/// The open desk's workers and the channel their answers come back on.
pub struct DeskWorker {
    /// The desk folder, canonical.
    pub root: PathBuf,
    /// The desk's cache folder on this machine.
    cache: PathBuf,
    asks: Sender<Ask>,
    news_tx: Sender<News>,
    news: Receiver<News>,
    waker: Option<Waker>,
    overview_serial: u64,
}

impl DeskWorker {
    /// Starts the desk's index thread; it opens the cache and indexes what changed at once.
    /// Fails only when `dir` is not a folder that can be read.
    /// The caches go under `cache_base` (this machine's cache folder when `None`).
    pub fn start(
        dir: &Path,
        cache_base: Option<&Path>,
        waker: Option<Waker>,
    ) -> Result<DeskWorker, String> {
        let root = std::fs::canonicalize(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if !root.is_dir() {
            return Err(format!("{}: is not a folder", dir.display()));
        }
        let cache = crate::desk::cache::desk_cache_dir_under(cache_base, &root);
        let (asks, inbox) = channel();
        let (news_tx, news) = channel();
        let (tx, wake, at, dir) = (news_tx.clone(), waker.clone(), root.clone(), cache.clone());
        std::thread::Builder::new()
            .name("desk index".into())
            .spawn(move || serve(&at, &dir, &inbox, &tx, wake.as_ref()))
            .map_err(|e| format!("could not start the desk's worker: {e}"))?;
        let mut worker = DeskWorker {
            root,
            cache,
            asks,
            news_tx,
            news,
            waker,
            overview_serial: 0,
        };
        worker.refresh_overview();
        Ok(worker)
    }

    /// Reads the overview again (only changed files are read) on a thread of its own.
    /// Returns the serial its answer will carry.
    pub fn refresh_overview(&mut self) -> u64 {
        self.overview_serial += 1;
        let (serial, root, cache, tx, waker) = (
            self.overview_serial,
            self.root.clone(),
            self.cache.clone(),
            self.news_tx.clone(),
            self.waker.clone(),
        );
        std::thread::spawn(move || {
            let result = crate::desk::overview::overview(&root, &cache);
            let _ = tx.send(News::Overview { serial, result });
            if let Some(w) = waker {
                w();
            }
        });
        serial
    }

    /// The serial of the newest overview asked for: older answers are stale.
    pub fn overview_serial(&self) -> u64 {
        self.overview_serial
    }

    pub fn ask(&self, ask: Ask) {
        let _ = self.asks.send(ask);
    }

    /// What arrived since the last call. Never blocks.
    pub fn poll(&self) -> Vec<News> {
        self.news.try_iter().collect()
    }

    /// Waits for the next answer (tests).
    pub fn wait(&self, timeout: std::time::Duration) -> Option<News> {
        self.news.recv_timeout(timeout).ok()
    }

    /// `file`'s path inside this desk, as the overview and the index name it.
    pub fn path_of(&self, file: &Path) -> Option<String> {
        crate::desk::open::path_in_desk(&self.root, file)
    }
}

/// The index thread: opens the cache, indexes, then answers until the app lets go.
fn serve(
    root: &Path,
    cache: &Path,
    inbox: &Receiver<Ask>,
    tx: &Sender<News>,
    waker: Option<&Waker>,
) {
    let send = |news: News| {
        let _ = tx.send(news);
        if let Some(w) = waker {
            w();
        }
    };
    // Opened at once; a cache that cannot be opened at all (a folder that cannot be written)
    // is tried again on the next re-index, and meanwhile every question gets an answer.
    let open = || match crate::desk::open::open_index_in(root, Some(cache)) {
        Ok(opened) => {
            let news = state(&opened.index, &opened.report, opened.rebuilt.clone());
            (Some(opened.index), News::Indexed(Ok(news)))
        }
        Err(e) => (None, News::Indexed(Err(e.0))),
    };
    let (mut index, news) = open();
    send(news);
    while let Ok(first) = inbox.recv() {
        let mut pending = Pending::default();
        pending.take(first);
        loop {
            match inbox.try_recv() {
                Ok(ask) => pending.take(ask),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        if pending.reindex {
            match &mut index {
                Some(i) => {
                    let news = crate::desk::open::update(i, root)
                        .map(|(report, _)| state(i, &report, None))
                        .map_err(|e| e.0);
                    send(News::Indexed(news));
                }
                None => {
                    let (opened, news) = open();
                    index = opened;
                    send(news);
                }
            }
        }
        if let Some((serial, path, project)) = pending.flags {
            let options = SeenOptions {
                reviewed_only: true,
                same_numbers_only: true,
                ..SeenOptions::default()
            };
            let flags = index.as_ref().map_or_else(Vec::new, |i| {
                i.seen_in_project(path.as_deref(), &project, &options)
            });
            send(News::Flags { serial, flags });
        }
        if let Some((serial, path, claim_id, quote)) = pending.seen {
            let matches = index.as_ref().map_or_else(Vec::new, |i| {
                i.seen(&quote, path.as_deref(), &SeenOptions::default())
            });
            send(News::Seen {
                serial,
                claim_id,
                matches,
            });
        }
        if let Some((serial, query)) = pending.search {
            let result = match &index {
                Some(i) => i.search(&query).map_err(|e| e.0),
                None => Err("the desk's search index could not be opened".to_string()),
            };
            send(News::Found { serial, result });
        }
    }
}

type SeenAsk = (u64, Option<String>, String, String);

/// The questions waiting, newest of each kind.
#[derive(Default)]
struct Pending {
    reindex: bool,
    search: Option<(u64, Query)>,
    seen: Option<SeenAsk>,
    flags: Option<(u64, Option<String>, Arc<Project>)>,
}

impl Pending {
    fn take(&mut self, ask: Ask) {
        match ask {
            Ask::Reindex => self.reindex = true,
            Ask::Search { serial, query } => self.search = Some((serial, query)),
            Ask::Seen {
                serial,
                path,
                claim_id,
                quote,
            } => self.seen = Some((serial, path, claim_id, quote)),
            Ask::Flags {
                serial,
                path,
                project,
            } => self.flags = Some((serial, path, project)),
        }
    }
}

fn state(
    index: &DeskIndex,
    report: &crate::desk::search::UpdateReport,
    rebuilt: Option<String>,
) -> IndexState {
    IndexState {
        claims: index.claims(),
        projects: index.projects().count(),
        read: report.added.len() + report.changed.len(),
        skipped: report.skipped.clone(),
        rebuilt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn project(text: &str) -> Project {
        let info = crate::article::ArticleInfo {
            title: "Budget".into(),
            language: "en".into(),
            ..crate::article::ArticleInfo::default()
        };
        crate::article::new_project(info, text.into())
    }

    /// Waits for the next answer of the kind `pick` takes.
    fn next<T>(w: &DeskWorker, pick: impl Fn(News) -> Option<T>) -> T {
        loop {
            let news = w.wait(Duration::from_secs(60)).expect("an answer");
            if let Some(t) = pick(news) {
                return t;
            }
        }
    }

    #[test]
    fn the_worker_answers_overview_index_search_and_seen() {
        let desk = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let mut a = project("The council spent 4 million on roads. Nobody asked.");
        let id = a.claims[0].id.clone();
        crate::ops::set_verdict(
            &mut a,
            &id,
            "ana",
            crate::model::Verdict::Disputed,
            "2026-01-01T00:00:00Z",
        )
        .unwrap();
        crate::store::save(&desk.path().join("a.ron"), &a).unwrap();
        let b = project("The council spent 4 million on roads.");
        crate::store::save(&desk.path().join("b.ron"), &b).unwrap();
        let w = DeskWorker::start(desk.path(), Some(cache.path()), None).unwrap();
        let overview = next(&w, |n| match n {
            News::Overview { result, .. } => Some(result),
            _ => None,
        })
        .unwrap();
        assert_eq!(overview.projects.len(), 2);
        let state = next(&w, |n| match n {
            News::Indexed(r) => Some(r),
            _ => None,
        })
        .unwrap();
        assert_eq!((state.projects, state.claims), (2, 3));
        w.ask(Ask::Search {
            serial: 7,
            query: Query::text("roads"),
        });
        let (serial, hits) = next(&w, |n| match n {
            News::Found { serial, result } => Some((serial, result)),
            _ => None,
        });
        assert_eq!((serial, hits.unwrap().len()), (7, 2));
        let file = desk.path().join("b.ron");
        w.ask(Ask::Seen {
            serial: 1,
            path: w.path_of(&file),
            claim_id: b.claims[0].id.clone(),
            quote: b.claims[0].quote.clone(),
        });
        let matches = next(&w, |n| match n {
            News::Seen { matches, .. } => Some(matches),
            _ => None,
        });
        assert_eq!(matches.len(), 1);
        assert_eq!(matches[0].path, "a.ron");
        w.ask(Ask::Flags {
            serial: 2,
            path: w.path_of(&file),
            project: Arc::new(b),
        });
        let flags = next(&w, |n| match n {
            News::Flags { flags, .. } => Some(flags),
            _ => None,
        });
        assert_eq!(flags.len(), 1, "checked (disputed) in a.ron");
        assert!(
            std::fs::read_dir(cache.path()).unwrap().next().is_some(),
            "the cache is outside the desk"
        );
    }

    #[test]
    fn a_cache_that_cannot_be_made_is_said_and_questions_still_get_answers() {
        let desk = tempfile::tempdir().unwrap();
        crate::store::save(&desk.path().join("a.ron"), &project("Roads cost money.")).unwrap();
        let not_a_folder = tempfile::NamedTempFile::new().unwrap();
        let w = DeskWorker::start(desk.path(), Some(not_a_folder.path()), None).unwrap();
        let indexed = next(&w, |n| match n {
            News::Indexed(r) => Some(r),
            _ => None,
        });
        assert!(indexed.is_err());
        w.ask(Ask::Search {
            serial: 1,
            query: Query::text("roads"),
        });
        let found = next(&w, |n| match n {
            News::Found { result, .. } => Some(result),
            _ => None,
        });
        assert!(found.unwrap_err().contains("could not be opened"));
        w.ask(Ask::Reindex);
        let again = next(&w, |n| match n {
            News::Indexed(r) => Some(r),
            _ => None,
        });
        assert!(again.is_err(), "tried again, still failing");
        assert!(DeskWorker::start(&desk.path().join("missing"), None, None).is_err());
    }
}
